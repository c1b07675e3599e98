import Testing
import ThreatGraph

/// `diff` names what happened to each finding and path.
struct ModelDiffTests {
    /// user → api → llm; `llm` adds members to the LLM, `extra` to the top level.
    static func model(llm: String = "", extra: String = "") -> String {
        """
        {"threatgraph": "1", "name": "diff", "frameworks": ["atlas"], "actors": [{"id": "user", "trust": "anonymous"}],
         "assets": [{"id": "api", "kind": "api-gateway"}, {"id": "llm", "kind": "llm-endpoint"\(llm)}],
         "flows": [{"from": "user", "to": "api"}, {"from": "api", "to": "llm"}]\(extra)}
        """
    }

    static let acceptance = #", "acceptedRisks": [{"threat": "T.INJ", "asset": "llm", "reason": "r", "owner": "o", "expires": "2027-01-15"}]"#

    func diff(_ old: String, _ new: String, oldDate: String = "2027-01-01", newDate: String = "2027-01-01") throws -> ModelDiff {
        let a = try analyse(old, asOf: oldDate), b = try analyse(new, asOf: newDate)
        return ModelDiff(old: a, new: b, oldPaths: a.attackPaths().paths, newPaths: b.attackPaths().paths)
    }

    @Test func eachFateOfAnOpenFindingHasItsOwnList() throws {
        let base = Self.model()
        let guarded = Self.model(llm: #", "controls": [{"id": "ctl.model.guardrails", "status": "implemented"}]"#)
        #expect(try diff(base, guarded).closed.contains("T.INJ@llm"))
        let accepted = try diff(base, Self.model(extra: Self.acceptance))
        #expect(accepted.accepted == ["T.INJ@llm"] && !accepted.closed.contains("T.INJ@llm"))
        let na = try diff(base, Self.model(extra: #", "notApplicable": [{"threat": "T.INJ", "asset": "llm", "reason": "r"}]"#))
        #expect(na.notApplicable == ["T.INJ@llm"] && !na.closed.contains("T.INJ@llm"))
        let planned = try diff(base, Self.model(llm: #", "controls": [{"id": "ctl.model.guard", "status": "planned"}]"#))
        #expect(planned.changed.contains { $0.id == "T.INJ@llm" && $0.fromStatus == .gap && $0.toStatus == .partial })
    }

    @Test func anExpiredAcceptanceReopensAndANewAssetOpens() throws {
        let accepted = Self.model(extra: Self.acceptance)
        let d = try diff(accepted, accepted, newDate: "2027-02-01")
        #expect(d.reopened == ["T.INJ@llm"] && d.opened.isEmpty)
        let grown = try diff(Self.model(), Self.model(llm: "").replacingOccurrences(of: #"{"id": "api", "kind": "api-gateway"}"#,
                                                                                    with: #"{"id": "api", "kind": "api-gateway"}, {"id": "bot", "kind": "agent"}"#))
        #expect(grown.opened.contains("T.INJ@bot"))
    }

    @Test func aPathOutOfTheTopKIsDisplacedNotVanished() throws {
        // Two routes from user to the crown jewel: through the API, and straight to the agent.
        let a = try analyse(Self.model(extra: "").replacingOccurrences(of: #"{"from": "api", "to": "llm"}"#, with: """
            {"from": "api", "to": "llm"}, {"from": "api", "to": "bot"}, {"from": "user", "to": "bot"}, {"from": "bot", "to": "db"}
            """).replacingOccurrences(of: #"{"id": "llm", "kind": "llm-endpoint"}"#, with: """
            {"id": "llm", "kind": "llm-endpoint"}, {"id": "bot", "kind": "agent"}, {"id": "db", "kind": "nosql-database", "crownJewel": true}
            """))
        var one = PathOptions()
        one.k = 1
        let all = a.attackPaths().paths, best = a.attackPaths(one).paths
        let d = ModelDiff(old: a, new: a, oldPaths: all, newPaths: best)
        #expect(!d.pathsDisplaced.isEmpty && d.pathsVanished.isEmpty)
        let none = ModelDiff(old: a, new: a, oldPaths: all, newPaths: [])
        #expect(none.pathsVanished.count == all.count && none.pathsDisplaced.isEmpty)
    }
}
