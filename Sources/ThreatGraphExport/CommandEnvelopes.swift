import ThreatGraph

/// The documents the single-purpose commands print: `check`, `gaps`, `paths` and `recommend`, as JSON, and the
/// gate's verdict as text.
public enum CommandEnvelopes {
    /// `check --format json`: the whole result with a `check` member {`failOn`, `baseline`, `failing`, `passed`}.
    public static func checkJSON(_ a: Analysis, verdict: GateVerdict) -> String {
        var check: [(String, JSONText)] = [("failOn", .string(verdict.failOn.rawValue))]
        if let files = verdict.baselineFiles { check.append(("baseline", .strings(files))) }
        check += [("failing", .strings(verdict.failing.map(\.id).sorted())), ("passed", .bool(verdict.passed))]
        return ResultJSON.render(a, extra: [("check", .object(check))])
    }

    /// `check` as text: the failing findings' rows, then the verdict's line.
    public static func checkText(_ a: Analysis, verdict: GateVerdict) -> String {
        (verdict.passed ? "" : TextRenderer.findingRows(a, verdict.failing)) + verdict.summary
    }

    /// `gaps --format json`: the findings as an array of the result's finding objects.
    public static func gapsJSON(_ findings: [Finding], in a: Analysis) -> String {
        JSONText.array(findings.map { ResultJSON.finding($0, in: a) }).rendered()
    }

    /// `paths --format json`: the exploit graph, the paths, and whether every pair was searched.
    public static func pathsJSON(_ p: PathAnalysis, in a: Analysis) -> String {
        JSONText.object([("threatgraphResult", .string("1")), ("asOf", .string(a.options.asOf.description)),
                         ("exploitGraph", PathsJSON.exploitGraph(p, in: a)),
                         ("paths", PathsJSON.paths(p.paths, in: a)), ("pathSearch", .object([("allPairs", .bool(p.allPairs))]))]).rendered()
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

    /// `recommend --format json`: the plan, whether it finished within its work bound, and the cut.
    public static func recommendJSON(_ plan: RecommendationPlan, cut: VertexCut?, in a: Analysis) -> String {
        JSONText.object([("threatgraphResult", .string("1")), ("asOf", .string(a.options.asOf.description)),
                         ("recommendations", PathsJSON.recommendations(plan.steps, in: a)),
                         ("planComplete", .bool(plan.complete)),
                         ("cut", PathsJSON.cut(cut, in: a))]).rendered()
    }
}
