import Testing
import ThreatGraph

/// An asset's sensitivity for risk is the highest of its own and of the data on its flows, in and out.
struct EffectiveSensitivityTests {
    static let model = """
    {"threatgraph": "1", "name": "sensitivity",
     "actors": [{"id": "u", "trust": "anonymous"}],
     "assets": [{"id": "db", "kind": "nosql-database", "sensitivity": "restricted"},
                {"id": "llm", "kind": "llm-endpoint"},
                {"id": "bot", "kind": "agent", "sensitivity": "public"},
                {"id": "web", "kind": "web-frontend", "sensitivity": "public"}],
     "flows": [{"from": "u", "to": "web"}, {"from": "web", "to": "llm"}, {"from": "db", "to": "llm"},
               {"id": "out", "from": "bot", "to": "web", "sensitivity": "confidential"}]}
    """

    @Test func flowsInAndOutRaiseAnAssetsSensitivity() throws {
        let a = try analyseWithTestCatalog(Self.model)
        let r = a.resolved
        let llm = try #require(r.assetIndex["llm"]), bot = try #require(r.assetIndex["bot"]), web = try #require(r.assetIndex["web"])
        // The restricted table's data flows into the model (a flow's default is its source asset's sensitivity).
        #expect(r.effectiveSensitivity[llm] == .restricted && r.sensitivitySource[llm] == 2)
        // A confidential flow out of the agent raises it, and the web front end it enters.
        #expect(r.effectiveSensitivity[bot] == .confidential && r.sensitivitySource[bot] == 3)
        #expect(r.effectiveSensitivity[web] == .confidential)
        // Its own sensitivity stays where nothing higher passes; the score uses the effective one.
        #expect(r.effectiveSensitivity[r.assetIndex["db"] ?? 0] == .restricted && r.sensitivitySource[r.assetIndex["db"] ?? 0] == nil)
        let injection = try #require(a.findings.first { $0.id == "T.INJ@llm" })
        #expect(injection.sensitivity == .restricted)
        #expect(injection.score == RiskModel.score(severity: .high, exposure: .anonymous, sensitivity: .restricted, residual: 1))
    }
}
