import ThreatGraph

/// The documents `check` prints (JSON, or the gate's verdict as text) and `catalog search --format json`.
public enum CommandEnvelopes {
    /// `check --format json`: the whole result with a `check` member {`failOn`, `baseline`, `failing`, `passed`}.
    public static func checkJSON(_ a: Analysis, verdict: GateVerdict) -> String {
        ResultJSON.render(a, extra: [("check", checkMember(verdict))])
    }

    /// The same document streamed to `sink` as it is written.
    public static func writeCheckJSON(_ a: Analysis, verdict: GateVerdict, to sink: ByteSink) {
        ResultJSON.write(a, extra: [("check", checkMember(verdict))], to: sink)
    }

    /// The `check` member: {`failOn`, `baseline`, `failing`, `passed`}.
    static func checkMember(_ verdict: GateVerdict) -> JSONText {
        var check: [(String, JSONText)] = [("failOn", .string(verdict.failOn.rawValue))]
        if let files = verdict.baselineFiles { check.append(("baseline", .strings(files))) }
        check += [("failing", .strings(verdict.failing.map(\.id).sorted())), ("passed", .bool(verdict.passed))]
        return .object(check)
    }

    /// `check` as text: the failing findings' rows, then the verdict's line.
    public static func checkText(_ a: Analysis, verdict: GateVerdict) -> String {
        (verdict.passed ? "" : TextRenderer.findingRows(a, verdict.failing)) + verdict.summary
    }

    /// `catalog search --format json`: one object per match, threats then controls then kinds, each
    /// {`type`, `id`, `name`, and `framework` for a threat or `layer` for the others}.
    public static func catalogSearchJSON(threats: [Threat], controls: [Control], kinds: [AssetKind], in c: Catalog) -> String {
        var items: [JSONText] = []
        for t in threats {
            items.append(.object([("type", .string("threat")), ("id", .string(t.id)), ("name", .string(c.displayName(of: t))), ("framework", .string(t.framework))]))
        }
        for k in controls {
            items.append(.object([("type", .string("control")), ("id", .string(k.id)), ("name", .string(k.name)), ("layer", .string(k.layer))]))
        }
        for k in kinds {
            items.append(.object([("type", .string("kind")), ("id", .string(k.id)), ("name", .string(k.name)), ("layer", .string(k.layer))]))
        }
        return JSONText.array(items).rendered()
    }
}
