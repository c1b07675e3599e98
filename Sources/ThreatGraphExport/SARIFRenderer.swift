import Foundation
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
        let ranked = findings.sorted { ($0.score, $1.id) > ($1.score, $0.id) }
        let kept = Array(ranked.prefix(maxResults))
        let dropped = ranked.count - kept.count
        let ordered = kept.sorted { $0.id < $1.id }

        var ruleIndex: [String: Int] = [:]
        var rules: [Rule] = []
        for t in Set(ordered.map(\.threat)).sorted(by: { c.threats[$0].id < c.threats[$1].id }) {
            let threat = c.threats[t]
            ruleIndex[threat.id] = rules.count
            let controls = analysis.controls(mitigating: t).prefix(8).map { "- \(c.controls[$0].name) (`\(c.controls[$0].id)`)" }
            let markdown = "**\(MarkdownEscaping.inline(c.displayName(of: threat)))** (\(threat.framework) \(threat.id))\n\n\(MarkdownEscaping.inline(threat.summary))\n\n"
                + (controls.isEmpty ? "" : "Controls that mitigate it:\n\n" + controls.joined(separator: "\n") + "\n\n")
                + (threat.url.map { "Reference: <\($0)>" } ?? "")
            rules.append(Rule(id: threat.id, name: ruleName(c.displayName(of: threat)),
                              shortDescription: Text(text: c.displayName(of: threat)), fullDescription: Text(text: threat.summary),
                              helpUri: threat.url, help: Help(text: threat.summary, markdown: markdown),
                              properties: RuleProperties(securitySeverity: securitySeverity(threat.severity), tags: ["security", threat.framework])))
        }
        var results: [Result] = ordered.map { f in
            let asset = analysis.workload.assets[f.asset]
            let threat = c.threats[f.threat]
            let closing = analysis.closingControls(for: f, limit: 2).map(\.id)
            var text = "\(c.displayName(of: threat)) (\(threat.id)) on \(asset.name) [\(asset.id)]: \(f.status.rawValue), \(f.level.rawValue) risk"
            text += f.status == .partial ? " (only planned or detective controls)." : " (no control covers it)."
            if !closing.isEmpty { text += " Consider \(closing.joined(separator: " or "))." }
            return Result(ruleId: threat.id, ruleIndex: ruleIndex[threat.id] ?? 0, level: level(f.level), message: Text(text: text),
                          locations: [location(asset.location, uri: uri)],
                          partialFingerprints: ["threatgraphFinding/v1": f.id],
                          properties: ResultProperties(asset: asset.id, layer: analysis.layer(of: f), riskLevel: f.level.rawValue,
                                                       riskScore: (f.score * 100).rounded() / 100, framework: threat.framework, status: f.status.rawValue))
        }
        if !analysis.egress.isEmpty {
            let egressRule = "threatgraph/data-egress"
            ruleIndex[egressRule] = rules.count
            rules.append(Rule(id: egressRule, name: "SensitiveDataEgress", shortDescription: Text(text: "Sensitive data leaves the workload"),
                              fullDescription: Text(text: "A flow carries confidential or restricted data to a third-party model or external API across a trust boundary."),
                              helpUri: nil, help: Help(text: "Check the provider's data-use terms, minimise or redact what is sent, and protect the connection.",
                                                        markdown: "Check the provider's data-use terms, minimise or redact what is sent (`ctl.data.redaction-tokenisation`, `ctl.data.data-minimisation`), and protect the connection."),
                              properties: RuleProperties(securitySeverity: "7.0", tags: ["security", "data-egress"])))
            for e in analysis.egress {
                let flow = analysis.workload.flows[e.flow]
                results.append(Result(ruleId: egressRule, ruleIndex: ruleIndex[egressRule] ?? 0, level: level(e.level),
                                      message: Text(text: "Flow \(e.id) sends \(e.sensitivity.rawValue) data to \(e.to) outside its boundary."),
                                      locations: [location(flow.location, uri: uri)], partialFingerprints: ["threatgraphFinding/v1": "data-egress@\(e.id)"],
                                      properties: ResultProperties(asset: e.to, layer: "data", riskLevel: e.level.rawValue, riskScore: nil,
                                                                   framework: "threatgraph", status: "gap")))
            }
        }
        var notifications: [Notification] = []
        if dropped > 0 {
            notifications.append(Notification(level: "warning", message: Text(text: "\(dropped) open findings with the lowest risk were left out; SARIF holds the \(maxResults) highest.")))
        }
        let log = Log(runs: [Run(
            tool: Tool(driver: Driver(name: "ThreatGraph", version: toolVersion, semanticVersion: toolVersion,
                                      informationUri: "https://github.com/threatgraph/threatgraph", rules: rules)),
            invocations: [Invocation(executionSuccessful: true, toolExecutionNotifications: notifications)],
            originalUriBaseIds: ["%SRCROOT%": ArtifactLocationBase(description: Text(text: "The folder threatgraph was run from."))],
            results: results)])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(log) else { return "{}\n" }
        return String(decoding: data, as: UTF8.self) + "\n"
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

    static func location(_ l: SourceLocation, uri: (String) -> String) -> Location {
        Location(physicalLocation: PhysicalLocation(artifactLocation: ArtifactLocation(uri: uri(l.file), uriBaseId: "%SRCROOT%"),
                                                    region: Region(startLine: max(1, l.line), startColumn: max(1, l.column))))
    }

    static func ruleName(_ s: String) -> String {
        s.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    // §3.13 sarifLog
    struct Log: Encodable {
        var schema = "https://json.schemastore.org/sarif-2.1.0.json"
        var version = "2.1.0"
        var runs: [Run]
        enum CodingKeys: String, CodingKey { case schema = "$schema", version, runs }
    }
    // §3.14 run
    struct Run: Encodable {
        var tool: Tool
        var invocations: [Invocation]
        var originalUriBaseIds: [String: ArtifactLocationBase]
        var results: [Result]
    }
    // §3.18 tool, §3.19 toolComponent
    struct Tool: Encodable { var driver: Driver }
    struct Driver: Encodable {
        var name: String
        var version: String
        var semanticVersion: String
        var informationUri: String
        var rules: [Rule]
    }
    // §3.20 invocation, §3.58 notification
    struct Invocation: Encodable {
        var executionSuccessful: Bool
        var toolExecutionNotifications: [Notification]
    }
    struct Notification: Encodable {
        var level: String
        var message: Text
    }
    // §3.4 artifactLocation (as an originalUriBaseIds entry)
    struct ArtifactLocationBase: Encodable { var description: Text }
    // §3.49 reportingDescriptor
    struct Rule: Encodable {
        var id: String
        var name: String
        var shortDescription: Text
        var fullDescription: Text
        var helpUri: String?
        var help: Help
        var properties: RuleProperties
    }
    // §3.12 multiformatMessageString
    struct Help: Encodable {
        var text: String
        var markdown: String
    }
    // §3.8 property bag, with GitHub's security-severity
    struct RuleProperties: Encodable {
        var securitySeverity: String
        var tags: [String]
        enum CodingKeys: String, CodingKey { case securitySeverity = "security-severity", tags }
    }
    // §3.11 message
    struct Text: Encodable { var text: String }
    // §3.27 result
    struct Result: Encodable {
        var ruleId: String
        var ruleIndex: Int
        var level: String
        var message: Text
        var locations: [Location]
        var partialFingerprints: [String: String]
        var properties: ResultProperties
    }
    struct ResultProperties: Encodable {
        var asset: String
        var layer: String
        var riskLevel: String
        var riskScore: Double?
        var framework: String
        var status: String
    }
    // §3.28 location, §3.29 physicalLocation, §3.4 artifactLocation, §3.30 region
    struct Location: Encodable { var physicalLocation: PhysicalLocation }
    struct PhysicalLocation: Encodable {
        var artifactLocation: ArtifactLocation
        var region: Region
    }
    struct ArtifactLocation: Encodable {
        var uri: String
        var uriBaseId: String
    }
    struct Region: Encodable {
        var startLine: Int
        var startColumn: Int
    }
}
