import Testing
import ThreatGraph

/// An agent that untrusted content reaches, that reads confidential data and that can send data out.
struct ToxicCombinationTests {
    /// The agent with every leg; each flag removes one.
    static func model(untrusted: Bool = true, sensitive: Bool = true, egress: Bool = true) -> String {
        """
        {"threatgraph": "1", "name": "toxic",
         "actors": [{"id": "visitor", "trust": "\(untrusted ? "anonymous" : "insider")"}],
         "assets": [{"id": "web", "kind": "web-frontend"}, {"id": "bot", "kind": "agent"},
                    {"id": "crm", "kind": "nosql-database", "sensitivity": "\(sensitive ? "confidential" : "internal")"},
                    {"id": "vendor", "kind": "external-api"}],
         "flows": [{"from": "visitor", "to": "web"}, {"from": "web", "to": "bot"},
                   {"from": "bot", "to": "crm", "access": "read"}\(egress ? #", {"from": "bot", "to": "vendor"}"# : "")]}
        """
    }

    @Test func anAgentWithAllThreeLegsIsToxic() throws {
        let a = try analyse(Self.model())
        let t = try #require(a.toxicCombinations.first)
        #expect(a.toxicCombinations.count == 1 && t.agent == "bot" && t.members == ["bot"])
        #expect(t.untrusted.route == ["visitor", "web", "bot"] && t.untrusted.because == "anonymous content")
        #expect(t.sensitive.route == ["crm", "bot"] && t.sensitive.because == "confidential data")
        #expect(t.egress.route == ["bot", "vendor"] && t.egress.because == "external-api")
        #expect(!t.broken)
    }

    @Test(arguments: ["untrusted", "sensitive", "egress"])
    func removingAnyLegRemovesIt(leg: String) throws {
        let a = try analyse(Self.model(untrusted: leg != "untrusted", sensitive: leg != "sensitive", egress: leg != "egress"))
        #expect(a.toxicCombinations.isEmpty)
    }
}
