import ThreatGraph

/// Drift between a model and its infrastructure as text, JSON and SARIF 2.1.0 (rule ids `drift.*`).
public enum DriftReport {
    /// One line per finding with its evidence, then the verdict.
    public static func text(_ findings: [DriftFinding], failOn: Severity, infrastructure: String) -> String {
        var out = ""
        for f in findings {
            let at = f.location.line > 0 ? "\(f.location.file):\(f.location.line):\(f.location.column): " : "\(f.location.file): "
            out += "\(at)\(f.level.rawValue): \(f.message) [\(f.rule.rawValue)]\n  evidence: \(f.evidence)\n"
        }
        return out + verdict(findings, failOn: failOn, infrastructure: infrastructure) + "\n"
    }

    /// The verdict line.
    public static func verdict(_ findings: [DriftFinding], failOn: Severity, infrastructure: String) -> String {
        let failing = findings.filter { $0.level >= failOn }.count
        let counts = DriftFinding.Rule.allCases.map { r in "\(findings.filter { $0.rule == r }.count) \(r.rawValue)" }.joined(separator: ", ")
        let head = failing == 0 ? "drift check passed" : "drift check failed: \(failing) at or above \(failOn.rawValue)"
        return "\(head) against \(infrastructure) (\(counts))"
    }

    /// `{"threatgraphDrift": "1", "against", "failOn", "passed", "findings": [...]}`.
    public static func json(_ findings: [DriftFinding], failOn: Severity, infrastructure: String) -> String {
        let items: [JSONText] = findings.map { f in
            var m: [(String, JSONText)] = [("id", .string(f.id)), ("rule", .string(f.rule.rawValue)), ("level", .string(f.level.rawValue))]
            if let a = f.asset { m.append(("asset", .string(a))) }
            m.append(("resource", .string(f.resource)))
            if let c = f.control { m.append(("control", .string(c))) }
            m += [("message", .string(f.message)), ("evidence", .string(f.evidence)),
                  ("location", .object([("file", .string(f.location.file)), ("line", .int(f.location.line)), ("column", .int(f.location.column))]))]
            return .object(m)
        }
        return JSONText.object([("threatgraphDrift", "1"), ("against", .string(infrastructure)), ("failOn", .string(failOn.rawValue)),
                                ("passed", .bool(!findings.contains { $0.level >= failOn })), ("findings", .array(items))]).rendered()
    }

    /// SARIF 2.1.0: one result per finding at the model's control or asset (or the infrastructure's resource);
    /// `uri` maps a file as given to a path relative to the working directory.
    public static func sarif(_ findings: [DriftFinding], uri: (String) -> String, toolVersion: String) -> String {
        let rules = DriftFinding.Rule.allCases
        let results: [JSONText] = findings.map { f in
            // §3.27 result, keys in byte order
            let region: JSONText = .object([("startColumn", .int(max(1, f.location.column))), ("startLine", .int(max(1, f.location.line)))])
            let physical: JSONText = .object([("artifactLocation", .object([("uri", .string(SARIFRenderer.URIs.percentEncoded(uri(f.location.file)))),
                                                                            ("uriBaseId", "%SRCROOT%")])), ("region", region)])
            var properties: [(String, JSONText)] = []
            if let a = f.asset { properties.append(("asset", .string(a))) }
            if let c = f.control { properties.append(("control", .string(c))) }
            properties.append(("resource", .string(f.resource)))
            return .object([("level", .string(f.level >= .high ? "error" : "warning")), ("locations", .array([.object([("physicalLocation", physical)])])),
                            ("message", SARIFRenderer.message("\(f.message). Evidence: \(f.evidence)")),
                            ("partialFingerprints", .object([("driftId/v1", .string(f.id))])), ("properties", .object(properties)),
                            ("ruleId", .string(f.rule.rawValue)), ("ruleIndex", .int(rules.firstIndex(of: f.rule) ?? 0))])
        }
        let descriptors: [JSONText] = rules.map { r in
            SARIFRenderer.rule(id: r.rawValue, name: r.rawValue, short: r.summary, full: r.summary, helpUri: nil,
                               helpText: r.summary + " Re-run 'threatgraph import' or correct the model.",
                               helpMarkdown: r.summary + " Re-run `threatgraph import` or correct the model.",
                               severity: r.level == .high ? "7.0" : "4.0", tags: ["security", "drift"])
        }
        let run: JSONText = .object([
            ("originalUriBaseIds", .object([("%SRCROOT%", .object([("description", SARIFRenderer.message("The folder threatgraph was run from."))]))])),
            ("results", .array(results)), ("tool", .object([("driver", SARIFRenderer.driver(descriptors, toolVersion: toolVersion))])),
        ])
        return JSONText.object([("$schema", "https://json.schemastore.org/sarif-2.1.0.json"), ("runs", .array([run])), ("version", "2.1.0")])
            .rendered(layout: .encoder) + "\n"
    }
}
