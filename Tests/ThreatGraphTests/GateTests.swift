import Testing
import ThreatGraph

/// Trust gates and threat vectors in exposure.
struct GateTests {
    /// anon and staff reach the web front end; the API behind it carries an authentication gate when `gated`.
    static func model(gated: Bool, onFlow: Bool = false) -> String {
        let auth = #"[{"id": "ctl.application.auth", "status": "implemented"}]"#
        return """
        {"threatgraph": "1", "name": "gates",
         "actors": [{"id": "anon", "trust": "anonymous"}, {"id": "staff", "trust": "authenticated"}],
         "assets": [{"id": "web", "kind": "web-frontend"},
                    {"id": "api", "kind": "api-gateway", "controls": \(gated && !onFlow ? auth : "[]")},
                    {"id": "llm", "kind": "llm-endpoint"}, {"id": "bot", "kind": "agent"}],
         "flows": [{"from": "anon", "to": "web"}, {"from": "staff", "to": "web"}, {"from": "web", "to": "api"},
                   {"from": "api", "to": "llm", "controls": \(gated && onFlow ? auth : "[]")}, {"from": "llm", "to": "bot"}]}
        """
    }

    func exposure(_ a: Analysis, _ id: String) -> Trust? {
        a.graph.node(id).map { a.exposure[$0] } ?? nil
    }

    @Test func aGateStopsTheLessTrustedButNotTheMoreTrusted() throws {
        let open = try analyseWithTestCatalog(Self.model(gated: false))
        #expect(exposure(open, "llm") == .anonymous)
        let gated = try analyseWithTestCatalog(Self.model(gated: true))
        // The anonymous actor reaches the gate itself, and nothing beyond it; the authenticated one goes on.
        #expect(exposure(gated, "api") == .anonymous)
        #expect(exposure(gated, "llm") == .authenticated && exposure(gated, "bot") == .authenticated)
    }

    @Test func aGatedFlowIsNotCrossedByTheLessTrusted() throws {
        let gated = try analyseWithTestCatalog(Self.model(gated: true, onFlow: true))
        #expect(exposure(gated, "api") == .anonymous)
        #expect(exposure(gated, "llm") == .authenticated)
    }

    @Test func aSupplyThreatsExposureIsTheSuppliersNotTheRequesters() throws {
        let a = try analyseWithTestCatalog(Self.model(gated: false))
        let supply = try #require(a.findings.first { $0.id == "T.SUP@bot" })
        let input = try #require(a.findings.first { $0.id == "T.INJ@bot" })
        #expect(input.exposure == .anonymous)
        #expect(supply.exposure == .supplier)
    }
}
