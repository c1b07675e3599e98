import ThreatGraph
import ThreatGraphExport

/// Model texts shared by the renderer tests.
enum Fixtures {
    /// A small chatbot: two actors, nested boundaries, a crown jewel, implemented and planned controls, an acceptance,
    /// a notApplicable entry, an override and a data-egress flow.
    static let small = #"""
    {"threatgraph": "1", "name": "Small chatbot", "description": "A support chatbot with a knowledge base.", "cloud": "aws",
     "frameworks": ["atlas", "owasp-llm-2025"],
     "actors": [{"id": "visitor", "name": "Visitor", "trust": "anonymous"}, {"id": "staff", "name": "Support staff", "trust": "insider"}],
     "boundaries": [
       {"id": "account", "name": "Production account", "controls": [{"id": "ctl.runtime.threat-detection", "status": "implemented"}]},
       {"id": "vpc", "name": "Workload VPC", "parent": "account"}],
     "assets": [
       {"id": "api", "name": "Chat API", "kind": "api-gateway", "service": "Amazon API Gateway", "boundary": "account",
        "controls": [{"id": "ctl.application.request-validation", "status": "implemented"}, {"id": "ctl.application.rate-limiting", "status": "planned"}]},
       {"id": "llm", "name": "Model", "kind": "llm-endpoint", "service": "Amazon Bedrock", "boundary": "vpc",
        "controls": [{"id": "ctl.model.guardrails", "status": "implemented"}]},
       {"id": "kb", "name": "Knowledge base", "kind": "knowledge-base", "boundary": "vpc", "sensitivity": "confidential"},
       {"id": "history", "name": "Chat history", "kind": "nosql-database", "boundary": "vpc", "sensitivity": "restricted", "crownJewel": true},
       {"id": "vendor", "name": "Translation API", "kind": "external-api"}],
     "flows": [
       {"from": "visitor", "to": "api", "data": "questions", "protocol": "HTTPS"},
       {"from": "staff", "to": "api", "data": "escalations"},
       {"from": "api", "to": "llm", "data": "prompts"},
       {"from": "llm", "to": "kb", "data": "retrieval", "bidirectional": true},
       {"id": "api-history", "from": "api", "to": "history", "data": "conversation turns", "sensitivity": "restricted",
        "controls": [{"id": "ctl.data.tls-in-transit", "status": "implemented"}]},
       {"from": "kb", "to": "vendor", "data": "documents to translate", "sensitivity": "confidential"}],
     "acceptedRisks": [{"threat": "AML.T0029", "asset": "llm", "reason": "quotas at the account level", "owner": "platform", "ticket": "SEC-1", "expires": "2027-01-15"}],
     "notApplicable": [{"threat": "AML.T0024", "asset": "history", "reason": "no model is trained on this data"}],
     "overrides": [{"control": "ctl.application.request-validation", "asset": "api", "effectiveness": 0.2, "reason": "schema only"}]}
    """#

    /// A tiny chatbot for the JSON and SARIF golden files: one framework, a few findings of every status, a bypassed
    /// filter, an acceptance, a not-applicable entry, an override, a data-egress flow and one attack path.
    static let tiny = #"""
    {"threatgraph": "1", "name": "Tiny chatbot", "description": "A chatbot with a history store.", "cloud": "aws",
     "frameworks": ["owasp-llm-2025"],
     "actors": [{"id": "visitor", "name": "Visitor", "trust": "anonymous"}, {"id": "staff", "name": "Support staff", "trust": "insider"}],
     "boundaries": [
       {"id": "account", "name": "Production account", "controls": [{"id": "ctl.runtime.threat-detection", "status": "implemented"}]},
       {"id": "vpc", "name": "Workload VPC", "parent": "account"}],
     "assets": [
       {"id": "api", "name": "Chat API", "kind": "api-gateway", "boundary": "account",
        "controls": [{"id": "ctl.application.input-sanitisation", "status": "implemented"}, {"id": "ctl.application.rate-limiting", "status": "planned"}]},
       {"id": "llm", "name": "Model", "kind": "llm-endpoint", "boundary": "vpc", "controls": [{"id": "ctl.model.guardrails", "status": "implemented"}]},
       {"id": "history", "name": "Chat history", "kind": "nosql-database", "boundary": "vpc", "sensitivity": "restricted", "crownJewel": true},
       {"id": "kb", "name": "Knowledge base", "kind": "knowledge-base", "boundary": "vpc", "sensitivity": "confidential"},
       {"id": "vendor", "name": "Translation API", "kind": "external-api"}],
     "flows": [
       {"from": "visitor", "to": "api", "data": "questions"},
       {"from": "staff", "to": "llm", "data": "test prompts"},
       {"from": "api", "to": "llm", "data": "prompts"},
       {"id": "api-history", "from": "api", "to": "history", "data": "turns", "controls": [{"id": "ctl.data.tls-in-transit", "status": "implemented"}]},
       {"from": "llm", "to": "kb", "data": "retrieval", "bidirectional": true},
       {"from": "llm", "to": "vendor", "data": "text to translate", "sensitivity": "confidential"},
       {"from": "llm", "to": "history", "data": "conversation summaries", "access": "write"}],
     "acceptedRisks": [{"threat": "LLM10:2025", "asset": "llm", "reason": "quotas at the account level", "owner": "platform", "ticket": "SEC-1", "expires": "2027-01-15"}],
     "notApplicable": [{"threat": "LLM09:2025", "asset": "llm", "reason": "answers are reviewed by staff"}],
     "overrides": [{"control": "ctl.model.guardrails", "asset": "llm", "effectiveness": 0.5, "reason": "default filters only"}]}
    """#

    /// A name with everything that could break DOT, Markdown or Mermaid.
    static let hostileName = "Evil \"quoted\" \\ back\\slash {brace} [bracket] |pipe| <script>alert(1)</script> & amp\nnew line\r\n\u{202E}rtl\u{200F} 😀 `tick` # hash ; semi -- dash -> arrow ]; x [label=y]; end"

    /// A model whose every name, description, reason and data label is hostile, with a 5,000-character name.
    static var hostile: String {
        func s(_ t: String) -> String {
            var out = ""
            JSONTextEscape.escape(t, into: &out)
            return out
        }
        let long = String(repeating: "Long name ", count: 500)
        return """
        {"threatgraph": "1", "name": \(s(hostileName)), "description": \(s(hostileName + "\n- list?\n# heading?\n| a | b |")), "cloud": "aws",
         "actors": [{"id": "user", "name": \(s(hostileName)), "trust": "anonymous"}],
         "boundaries": [{"id": "outer", "name": \(s(hostileName))}, {"id": "inner", "name": \(s(long)), "parent": "outer"}],
         "assets": [
           {"id": "api", "name": \(s(hostileName)), "kind": "api-gateway", "service": \(s(hostileName)), "boundary": "outer",
            "controls": [{"id": "ctl.application.request-validation", "status": "implemented", "note": \(s(hostileName))}]},
           {"id": "llm", "name": \(s(long)), "kind": "llm-endpoint", "boundary": "inner", "crownJewel": true},
           {"id": "ext", "name": \(s(hostileName)), "kind": "third-party-model"}],
         "flows": [
           {"from": "user", "to": "api", "data": \(s(hostileName))},
           {"from": "api", "to": "llm", "data": \(s(long))},
           {"from": "llm", "to": "ext", "data": \(s(hostileName)), "sensitivity": "restricted"}],
         "acceptedRisks": [{"threat": "AML.T0029", "asset": "llm", "reason": \(s(hostileName)), "owner": \(s(hostileName)), "ticket": \(s(hostileName)), "expires": "2026-12-01"}],
         "notApplicable": [{"threat": "AML.T0024", "asset": "llm", "reason": \(s(hostileName))}],
         "overrides": [{"threat": "AML.T0051.000", "severity": "critical", "reason": \(s(hostileName))}]}
        """
    }

    /// A generated estate: `boundaries` VPCs in accounts, ten assets per VPC chain, about 1.3 flows per asset with a tenth
    /// crossing boundaries.
    /// With `controls`, gateways and functions carry inbound filters (some planned), models guardrails, stores
    /// encryption, so coverage, bypasses, paths and the plan all have work to do.
    static func estate(assets n: Int, boundaries: Int, controls: Bool = false) -> String {
        let kinds = ["web-frontend", "api-gateway", "compute-function", "llm-endpoint", "vector-store", "knowledge-base",
                     "object-storage", "nosql-database", "agent", "agent-tool"]
        let accounts = max(1, boundaries / 10)
        var bs: [String] = (0..<accounts).map { #"{"id": "acct-\#($0)", "name": "Account \#($0)"}"# }
        bs += (0..<(boundaries - accounts)).map { #"{"id": "vpc-\#($0)", "name": "VPC \#($0) with a longer name", "parent": "acct-\#($0 % accounts)"}"# }
        let vpcs = boundaries - accounts
        var assets: [String] = []
        var flows: [String] = []
        var state: UInt64 = 7
        func next(_ m: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(m)) }
        for i in 0..<n {
            let vpc = i * vpcs / n
            let kind = kinds[i % kinds.count]
            var placed = ""
            if controls {
                let status = next(4) == 0 ? "planned" : "implemented"
                switch kind {
                case "api-gateway", "compute-function":
                    placed = #", "controls": [{"id": "ctl.application.input-sanitisation", "status": "\#(status)"}, {"id": "ctl.application.prompt-attack-filter", "status": "\#(status)"}]"#
                case "llm-endpoint": placed = #", "controls": [{"id": "ctl.model.guardrails", "status": "\#(status)"}]"#
                case "vector-store", "object-storage": placed = #", "controls": [{"id": "ctl.data.encryption-at-rest", "status": "\#(status)"}]"#
                default: break
                }
            }
            assets.append(#"{"id": "a\#(i)", "name": "Asset \#(i) \#(kind)", "kind": "\#(kind)", "boundary": "vpc-\#(vpc)"\#(i % 60 == 7 ? #", "crownJewel": true"# : "")\#(placed)}"#)
            if i % 10 == 0 {
                flows.append(#"{"from": "user-\#(next(3))", "to": "a\#(i)", "data": "requests"}"#)
            } else {
                flows.append(#"{"from": "a\#(i - 1 - next(min(3, i % 10)))", "to": "a\#(i)", "data": "calls"}"#)
            }
            if next(10) < 3 {
                let other = next(3) == 0 ? next(n) : min(n - 1, i / 10 * 10 + next(10))
                if other != i { flows.append(#"{"from": "a\#(i)", "to": "a\#(other)", "data": "integration"}"#) }
            }
        }
        let actors = (0..<3).map { #"{"id": "user-\#($0)", "name": "User \#($0)", "trust": "\#(["anonymous", "authenticated", "partner"][$0])"}"# }
        return """
        {"threatgraph": "1", "name": "Estate", "actors": [\(actors.joined(separator: ", "))],
         "boundaries": [\(bs.joined(separator: ",\n"))],
         "assets": [\(assets.joined(separator: ",\n"))],
         "flows": [\(flows.joined(separator: ",\n"))]}
        """
    }
}

/// JSON string escaping for building fixtures.
enum JSONTextEscape {
    static func escape(_ s: String, into out: inout String) {
        JSONText.escape(s, into: &out)
    }
}
