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
        var w = JSONStream(capacity: 4096 + min(findings.count, maxResults) * 1024, layout: .encoder)
        write(analysis, findings: findings, uri: uri, toolVersion: toolVersion, to: &w)
        return w.finish()
    }

    /// The same log streamed to `sink` as it is written.
    public static func write(_ analysis: Analysis, findings: [Finding], uri: (String) -> String, toolVersion: String, to sink: ByteSink) {
        var w = JSONStream(streamingTo: sink, layout: .encoder)
        write(analysis, findings: findings, uri: uri, toolVersion: toolVersion, to: &w)
        w.finishStream()
    }

    /// The log streamed to `sink`, from findings already ranked worst first (as `Analysis.openFindings` are).
    static func write(_ analysis: Analysis, ranked: [Finding], uri: (String) -> String, toolVersion: String, to sink: ByteSink) {
        var w = JSONStream(streamingTo: sink, layout: .encoder)
        write(analysis, ranked: ranked, uri: uri, toolVersion: toolVersion, to: &w)
        w.finishStream()
    }

    /// The log into `w`.
    static func write(_ analysis: Analysis, findings: [Finding], uri: (String) -> String, toolVersion: String, to w: inout JSONStream) {
        write(analysis, ranked: analysis.worstFirst(findings), uri: uri, toolVersion: toolVersion, to: &w)
    }

    /// The log into `w`, from findings ranked worst first.
    static func write(_ analysis: Analysis, ranked: [Finding], uri: (String) -> String, toolVersion: String, to w: inout JSONStream) {
        let kept = Array(ranked.prefix(maxResults))
        let ordered = analysis.byID(kept)
        let toxic = analysis.toxicCombinations
        let rules = Rules(analysis, threats: ordered.map(\.threat), toxic: !toxic.isEmpty)
        var uris = URIs()

        // §3.13 sarifLog, keys in byte order as the encoder layout has them; results, the bulk, are streamed.
        w.beginObject()
        w.key("$schema"); w.string("https://json.schemastore.org/sarif-2.1.0.json")
        // §3.14 run
        w.key("runs"); w.beginArray()
        w.beginObject()
        w.key("invocations"); w.value(invocations(dropped: ranked.count - kept.count))
        w.key("originalUriBaseIds")
        w.value(.object([("%SRCROOT%", .object([("description", message("The folder threatgraph was run from."))]))]))
        w.key("results"); w.beginArray()
        writeResults(ordered, in: analysis, rules: rules, uri: uri, uris: &uris, to: &w)
        if let egressRule = rules.egress {
            writeEgressResults(analysis, rule: egressRule, ruleIndex: rules.index[egressRule] ?? 0, uri: uri, uris: &uris, to: &w)
        }
        if let toxicRule = rules.toxic {
            writeToxicResults(toxic, in: analysis, rule: toxicRule, ruleIndex: rules.index[toxicRule] ?? 0, uri: uri, uris: &uris, to: &w)
        }
        w.endArray()
        w.key("tool"); w.value(.object([("driver", driver(rules.rules, toolVersion: toolVersion))]))
        w.endObject()
        w.endArray()
        w.key("version"); w.string("2.1.0")
        w.endObject()
    }

    /// Each model file mapped once: the caller's mapping resolves paths on disk, then the path is percent-encoded.
    struct URIs {
        private var known: [String: String] = [:]

        /// The uri of `file` by `map`, mapped on first use.
        mutating func uri(_ file: String, _ map: (String) -> String) -> String {
            if let uri = known[file] { return uri }
            let uri = Self.percentEncoded(map(file))
            known[file] = uri
            return uri
        }

        /// A relative path as an RFC 3986 relative reference: every byte of its UTF-8 but the unreserved characters
        /// and `/` as `%XX`, so `#`, `?`, `%`, spaces and non-ASCII names survive a consumer's decoding.
        static func percentEncoded(_ path: String) -> String {
            let hex = Array("0123456789ABCDEF".utf8)
            var out: [UInt8] = []
            for b in path.utf8 {
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                     UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                    out.append(b)
                default:
                    out += [UInt8(ascii: "%"), hex[Int(b >> 4)], hex[Int(b & 15)]]
                }
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The rules: one per threat reported, by id, then the data-egress rule when there are egress findings.
    struct Rules {
        /// §3.49 reportingDescriptors, in `ruleIndex` order.
        private(set) var rules: [JSONText] = []
        /// Rule index by rule id.
        private(set) var index: [String: Int] = [:]
        /// The data-egress rule's id, when it is included.
        private(set) var egress: String?
        /// The toxic-combination rule's id, when it is included.
        private(set) var toxic: String?

        init(_ analysis: Analysis, threats: [Int], toxic hasToxic: Bool) {
            let c = analysis.catalog
            for t in Set(threats).sorted(by: { c.threats[$0].id < c.threats[$1].id }) {
                index[c.threats[t].id] = rules.count
                rules.append(threatRule(t, in: analysis))
            }
            if !analysis.egress.isEmpty { addEgressRule() }
            if hasToxic { addToxicRule() }
        }

        /// Appends a workload-level rule and returns its id.
        private mutating func add(_ id: String, _ descriptor: (String) -> JSONText) -> String {
            index[id] = rules.count
            rules.append(descriptor(id))
            return id
        }

        private mutating func addToxicRule() {
            toxic = add("threatgraph/toxic-combination") { id in rule(id: id, name: "ToxicAgentCombination", short: "An agent combines untrusted input, sensitive data and a way out",
                              full: "Untrusted content reaches an agent (or its chain of agents and tools) that reads confidential or restricted data and can send data out of the workload: indirect prompt injection can turn it into data theft.",
                              helpUri: nil, helpText: "Break one leg: filter or isolate untrusted content, narrow what the agent can read, or block its way out (egress filtering, safe output rendering, human approval).",
                              helpMarkdown: "Break one leg: filter or isolate untrusted content (`ctl.application.untrusted-data-tool-restriction`), narrow what the agent can read (`ctl.data.permission-aware-retrieval`), or block its way out (`ctl.infrastructure.egress-filtering`, `ctl.application.safe-output-rendering`, `ctl.application.human-approval`).",
                              severity: "8.0", tags: ["security", "toxic-combination"]) }
        }

        private mutating func addEgressRule() {
            egress = add("threatgraph/data-egress") { id in rule(id: id, name: "SensitiveDataEgress", short: "Sensitive data leaves the workload",
                              full: "A flow carries confidential or restricted data to a third-party model or external API across a trust boundary.",
                              helpUri: nil, helpText: "Check the provider's data-use terms, minimise or redact what is sent, and protect the connection.",
                              helpMarkdown: "Check the provider's data-use terms, minimise or redact what is sent (`ctl.data.redaction-tokenisation`, `ctl.data.data-minimisation`), and protect the connection.",
                              severity: "7.0", tags: ["security", "data-egress"]) }
        }
    }

    /// A threat's rule, with help naming the controls that mitigate it.
    static func threatRule(_ t: Int, in analysis: Analysis) -> JSONText {
        let c = analysis.catalog
        let threat = c.threats[t], name = c.displayName(of: threat)
        let controls = analysis.controls(mitigating: t).prefix(8).map { "- \(c.controls[$0].name) (`\(c.controls[$0].id)`)" }
        let markdown = "**\(MarkdownEscaping.inline(name))** (\(threat.framework) \(threat.id))\n\n\(MarkdownEscaping.inline(threat.summary))\n\n"
            + (controls.isEmpty ? "" : "Controls that mitigate it:\n\n" + controls.joined(separator: "\n") + "\n\n")
            + (threat.url.map { "Reference: <\($0)>" } ?? "")
        return rule(id: threat.id, name: ruleName(name), short: name, full: threat.summary, helpUri: threat.url, helpText: threat.summary,
                    helpMarkdown: markdown, severity: securitySeverity(threat.severity), tags: ["security", threat.framework])
    }

    /// §3.20 invocation, with a notification when results were dropped.
    static func invocations(dropped: Int) -> JSONText {
        var notifications: [JSONText] = []
        if dropped > 0 {
            notifications.append(.object([("level", "warning"),
                                          ("message", message("\(dropped) open findings with the lowest risk were left out; SARIF holds the \(maxResults) highest."))]))
        }
        return .array([.object([("executionSuccessful", .bool(true)), ("toolExecutionNotifications", .array(notifications))])])
    }

    /// §3.19 toolComponent.
    static func driver(_ rules: [JSONText], toolVersion: String) -> JSONText {
        .object([("name", "ThreatGraph"), ("version", .string(toolVersion)), ("semanticVersion", .string(toolVersion)),
                 ("informationUri", "https://github.com/threatgraph/threatgraph"), ("rules", .array(rules))])
    }

    /// A result per finding, at its asset's `"id"` member.
    static func writeResults(_ ordered: [Finding], in analysis: Analysis, rules: Rules, uri: (String) -> String, uris: inout URIs,
                             to w: inout JSONStream) {
        let c = analysis.catalog
        var closingControls = ClosingControls(analysis)
        for f in ordered {
            let asset = analysis.workload.assets[f.asset]
            let threat = c.threats[f.threat]
            let closing = closingControls.controls(for: f, limit: 2).map(\.id)
            var text = "\(c.displayName(of: threat)) (\(threat.id)) on \(asset.name) [\(asset.id)]: \(f.status.rawValue), \(f.level.rawValue) risk"
            text += f.status == .partial ? " (only planned or detective controls)." : " (no control covers it)."
            if !closing.isEmpty { text += " Consider \(closing.joined(separator: " or "))." }
            // The property bag's values, taken before the closure so that it captures strings, not the whole
            // analysis, asset and threat.
            let assetID = asset.id, framework = threat.framework, layer = analysis.layer(of: f), riskLevel = f.level.rawValue
            let score = (f.score * 100).rounded() / 100, status = f.status.rawValue
            writeResult(&w, ruleId: threat.id, ruleIndex: rules.index[threat.id] ?? 0, level: level(f.level), message: text,
                        location: asset.location, uri: uris.uri(asset.location.file, uri), fingerprint: f.id) { w in
                w.key("asset"); w.string(assetID)
                w.key("framework"); w.string(framework)
                w.key("layer"); w.string(layer)
                w.key("riskLevel"); w.string(riskLevel)
                w.key("riskScore"); w.number(score)
                w.key("status"); w.string(status)
            }
            w.flush()
        }
    }

    /// A result per toxic combination, at its agent: an error while no leg is broken, a warning once one is.
    static func writeToxicResults(_ list: [ToxicCombination], in analysis: Analysis, rule: String, ruleIndex: Int, uri: (String) -> String,
                                  uris: inout URIs, to w: inout JSONStream) {
        for t in list {
            guard let ai = analysis.resolved.assetIndex[t.agent] else { continue }
            let location = analysis.workload.assets[ai].location
            writeResult(&w, ruleId: rule, ruleIndex: ruleIndex, level: t.broken ? "warning" : "error", message: ToxicText.sentence(t),
                        location: location, uri: uris.uri(location.file, uri), fingerprint: "toxic-combination@\(t.agent)") { w in
                w.key("asset"); w.string(t.agent)
                w.key("framework"); w.string("threatgraph")
                w.key("layer"); w.string("application")
                w.key("riskLevel"); w.string(t.broken ? "high" : "critical")
                w.key("status"); w.string(t.broken ? "partial" : "gap")
            }
        }
    }

    /// A result per data-egress finding, at its flow.
    static func writeEgressResults(_ analysis: Analysis, rule: String, ruleIndex: Int, uri: (String) -> String, uris: inout URIs,
                                   to w: inout JSONStream) {
        for e in analysis.egress {
            let flow = analysis.workload.flows[e.flow]
            writeResult(&w, ruleId: rule, ruleIndex: ruleIndex, level: level(e.level),
                        message: "Flow \(e.id) sends \(e.sensitivity.rawValue) data to \(e.to) outside its boundary.",
                        location: flow.location, uri: uris.uri(flow.location.file, uri), fingerprint: "data-egress@\(e.id)") { w in
                w.key("asset"); w.string(e.to)
                w.key("framework"); w.string("threatgraph")
                w.key("layer"); w.string("data")
                w.key("riskLevel"); w.string(e.level.rawValue)
                w.key("status"); w.string("gap")
            }
        }
    }

    /// §3.27 result, keys in byte order; `properties` writes the property bag's members, in byte order too.
    private static func writeResult(_ w: inout JSONStream, ruleId: String, ruleIndex: Int, level: String, message text: String,
                                    location l: SourceLocation, uri: String, fingerprint: String, properties: (inout JSONStream) -> Void) {
        w.beginObject()
        w.key("level"); w.string(level)
        // §3.28 location, §3.29 physicalLocation, §3.4 artifactLocation, §3.30 region
        w.key("locations"); w.beginArray(); w.beginObject()
        w.key("physicalLocation"); w.beginObject()
        w.key("artifactLocation"); w.beginObject(); w.key("uri"); w.string(uri); w.key("uriBaseId"); w.string("%SRCROOT%"); w.endObject()
        w.key("region"); w.beginObject(); w.key("startColumn"); w.int(max(1, l.column)); w.key("startLine"); w.int(max(1, l.line)); w.endObject()
        w.endObject()
        w.endObject(); w.endArray()
        w.key("message"); w.beginObject(); w.key("text"); w.string(text); w.endObject()
        w.key("partialFingerprints"); w.beginObject(); w.key("threatgraphFinding/v1"); w.string(fingerprint); w.endObject()
        w.key("properties"); w.beginObject(); properties(&w); w.endObject()
        w.key("ruleId"); w.string(ruleId)
        w.key("ruleIndex"); w.int(ruleIndex)
        w.endObject()
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

    static func ruleName(_ s: String) -> String {
        s.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}
