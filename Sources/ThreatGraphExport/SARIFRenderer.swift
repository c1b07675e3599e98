import ThreatGraph

/// SARIF 2.1.0 for code scanning: one result per open finding (and per data-egress finding), rules per threat.
public enum SARIFRenderer {
    /// Most results written; the lowest risks beyond it are dropped with a notification.
    public static let maxResults = 5000

    /// Renders the open findings of an analysis.
    /// - Parameters:
    ///   - analysis: the analysis.
    ///   - findings: the findings to report (open ones; the gate may narrow them).
    ///   - uri: maps a model file as given to a path relative to the working directory.
    ///   - toolVersion: the tool's version.
    public static func render(_ analysis: Analysis, findings: [Finding], uri: (String) -> String, toolVersion: String) -> String {
        let c = analysis.catalog
        let ranked = analysis.worstFirst(findings)
        let kept = Array(ranked.prefix(maxResults))
        let dropped = ranked.count - kept.count
        let ordered = analysis.byID(kept)

        // The uri mapping resolves paths on disk; each model file is mapped once.
        var uris: [String: String] = [:]
        func uriOf(_ file: String) -> String {
            if let known = uris[file] { return known }
            let mapped = uri(file)
            uris[file] = mapped
            return mapped
        }
        var ruleIndex: [String: Int] = [:]
        var rules: [JSONText] = []
        for t in Set(ordered.map(\.threat)).sorted(by: { c.threats[$0].id < c.threats[$1].id }) {
            let threat = c.threats[t]
            ruleIndex[threat.id] = rules.count
            let controls = analysis.controls(mitigating: t).prefix(8).map { "- \(c.controls[$0].name) (`\(c.controls[$0].id)`)" }
            let markdown = "**\(MarkdownEscaping.inline(c.displayName(of: threat)))** (\(threat.framework) \(threat.id))\n\n\(MarkdownEscaping.inline(threat.summary))\n\n"
                + (controls.isEmpty ? "" : "Controls that mitigate it:\n\n" + controls.joined(separator: "\n") + "\n\n")
                + (threat.url.map { "Reference: <\($0)>" } ?? "")
            rules.append(rule(id: threat.id, name: ruleName(c.displayName(of: threat)), short: c.displayName(of: threat), full: threat.summary,
                              helpUri: threat.url, helpText: threat.summary, helpMarkdown: markdown,
                              severity: securitySeverity(threat.severity), tags: ["security", threat.framework]))
        }
        var closingControls = ClosingControls(analysis)
        var results: [JSONText] = ordered.map { f in
            let asset = analysis.workload.assets[f.asset]
            let threat = c.threats[f.threat]
            let closing = closingControls.controls(for: f, limit: 2).map(\.id)
            var text = "\(c.displayName(of: threat)) (\(threat.id)) on \(asset.name) [\(asset.id)]: \(f.status.rawValue), \(f.level.rawValue) risk"
            text += f.status == .partial ? " (only planned or detective controls)." : " (no control covers it)."
            if !closing.isEmpty { text += " Consider \(closing.joined(separator: " or "))." }
            return result(ruleId: threat.id, ruleIndex: ruleIndex[threat.id] ?? 0, level: level(f.level), message: text,
                          location: location(asset.location, uri: uriOf), fingerprint: f.id,
                          properties: [("asset", .string(asset.id)), ("layer", .string(analysis.layer(of: f))), ("riskLevel", .string(f.level.rawValue)),
                                       ("riskScore", .number((f.score * 100).rounded() / 100)), ("framework", .string(threat.framework)),
                                       ("status", .string(f.status.rawValue))])
        }
        if !analysis.egress.isEmpty {
            let egressRule = "threatgraph/data-egress"
            ruleIndex[egressRule] = rules.count
            rules.append(rule(id: egressRule, name: "SensitiveDataEgress", short: "Sensitive data leaves the workload",
                              full: "A flow carries confidential or restricted data to a third-party model or external API across a trust boundary.",
                              helpUri: nil, helpText: "Check the provider's data-use terms, minimise or redact what is sent, and protect the connection.",
                              helpMarkdown: "Check the provider's data-use terms, minimise or redact what is sent (`ctl.data.redaction-tokenisation`, `ctl.data.data-minimisation`), and protect the connection.",
                              severity: "7.0", tags: ["security", "data-egress"]))
            for e in analysis.egress {
                let flow = analysis.workload.flows[e.flow]
                results.append(result(ruleId: egressRule, ruleIndex: ruleIndex[egressRule] ?? 0, level: level(e.level),
                                      message: "Flow \(e.id) sends \(e.sensitivity.rawValue) data to \(e.to) outside its boundary.",
                                      location: location(flow.location, uri: uriOf), fingerprint: "data-egress@\(e.id)",
                                      properties: [("asset", .string(e.to)), ("layer", "data"), ("riskLevel", .string(e.level.rawValue)),
                                                   ("framework", "threatgraph"), ("status", "gap")]))
            }
        }
        var notifications: [JSONText] = []
        if dropped > 0 {
            notifications.append(.object([("level", "warning"),
                                          ("message", message("\(dropped) open findings with the lowest risk were left out; SARIF holds the \(maxResults) highest."))]))
        }
        let driver: JSONText = .object([("name", "ThreatGraph"), ("version", .string(toolVersion)), ("semanticVersion", .string(toolVersion)),
                                        ("informationUri", "https://github.com/threatgraph/threatgraph"), ("rules", .array(rules))])
        let run: JSONText = .object([
            ("tool", .object([("driver", driver)])),
            ("invocations", .array([.object([("executionSuccessful", .bool(true)), ("toolExecutionNotifications", .array(notifications))])])),
            ("originalUriBaseIds", .object([("%SRCROOT%", .object([("description", message("The folder threatgraph was run from."))]))])),
            ("results", .array(results)),
        ])
        let log: JSONText = .object([("$schema", "https://json.schemastore.org/sarif-2.1.0.json"), ("version", "2.1.0"), ("runs", .array([run]))])
        return log.renderedEncoderStyle()
    }

    // §3.11 message (and multiformatMessageString with text only)
    static func message(_ text: String) -> JSONText { .object([("text", .string(text))]) }

    // §3.49 reportingDescriptor, with §3.12 help and a §3.8 property bag carrying GitHub's security-severity
    static func rule(id: String, name: String, short: String, full: String, helpUri: String?, helpText: String, helpMarkdown: String,
                     severity: String, tags: [String]) -> JSONText {
        var members: [(String, JSONText)] = [("id", .string(id)), ("name", .string(name)), ("shortDescription", message(short)),
                                             ("fullDescription", message(full))]
        if let helpUri { members.append(("helpUri", .string(helpUri))) }
        members.append(("help", .object([("text", .string(helpText)), ("markdown", .string(helpMarkdown))])))
        members.append(("properties", .object([("security-severity", .string(severity)), ("tags", .strings(tags))])))
        return .object(members)
    }

    // §3.27 result
    static func result(ruleId: String, ruleIndex: Int, level: String, message text: String, location: JSONText, fingerprint: String,
                       properties: [(String, JSONText)]) -> JSONText {
        .object([("ruleId", .string(ruleId)), ("ruleIndex", .int(ruleIndex)), ("level", .string(level)), ("message", message(text)),
                 ("locations", .array([location])), ("partialFingerprints", .object([("threatgraphFinding/v1", .string(fingerprint))])),
                 ("properties", .object(properties))])
    }

    /// SARIF level of a risk level: critical/high → error, medium → warning, low → note.
    public static func level(_ l: Severity) -> String {
        switch l {
        case .critical, .high: "error"
        case .medium: "warning"
        case .low: "note"
        }
    }

    /// GitHub's numeric severity (Critical ≥ 9, High ≥ 7, Medium ≥ 4, Low < 4), as a string.
    public static func securitySeverity(_ s: Severity) -> String {
        switch s {
        case .critical: "9.5"
        case .high: "8.0"
        case .medium: "5.5"
        case .low: "3.0"
        }
    }

    // §3.28 location, §3.29 physicalLocation, §3.4 artifactLocation, §3.30 region
    static func location(_ l: SourceLocation, uri: (String) -> String) -> JSONText {
        .object([("physicalLocation", .object([
            ("artifactLocation", .object([("uri", .string(uri(l.file))), ("uriBaseId", "%SRCROOT%")])),
            ("region", .object([("startLine", .int(max(1, l.line))), ("startColumn", .int(max(1, l.column)))])),
        ]))])
    }

    static func ruleName(_ s: String) -> String {
        s.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
