import Testing
import ThreatGraph

/// Asset capabilities in the model: threats that need one land only where it is declared; unknown ones and kinds in
/// users' words get located errors that say what was meant.
struct CapabilityTests {
    func analyse(_ assets: String) throws -> Analysis {
        let (w, diagnostics) = loadModel(model(#""actors": [{"id": "u", "trust": "anonymous"}], "flows": [{"from": "u", "to": "a"}]"#, assets: assets))
        let workload = try #require(w, "\(diagnostics.map(\.rendered))")
        return Analysis(catalog: builtInCatalog(), workload: workload, options: AnalysisOptions(asOf: try #require(CalendarDate(parsing: "2027-01-01"))))
    }

    @Test func browsingThreatsLandOnlyOnAgentsThatBrowse() throws {
        let plain = try analyse(#"[{"id": "a", "kind": "agent"}]"#)
        let browsing = try analyse(#"[{"id": "a", "kind": "agent", "capabilities": ["browses-web"]}]"#)
        #expect(!plain.findings.contains { $0.id == "AML.T0100@a" })
        #expect(browsing.findings.contains { $0.id == "AML.T0100@a" })
    }

    @Test func anUnknownCapabilityIsALocatedErrorWithASuggestion() {
        let (w, diagnostics) = loadModel(model(assets: #"[{"id": "a", "kind": "agent", "capabilities": ["browse-web"]}]"#))
        #expect(w == nil)
        let d = diagnostics.first { $0.code == "model.unknown-capability" }
        #expect(d?.rendered.contains("at assets[0].capabilities[0]") == true)
        #expect(d?.rendered.contains("did you mean 'browses-web'?") == true)
    }

    @Test func aKindInAUsersWordNamesTheKindItStandsFor() {
        let (_, diagnostics) = loadModel(model(assets: #"[{"id": "a", "kind": "lambda"}]"#))
        #expect(diagnostics.first { $0.code == "model.unknown-kind" }?.rendered.contains("'lambda' is an alias of 'compute-function'") == true)
    }
}
