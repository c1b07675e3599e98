import Testing
@testable import ThreatGraph

/// Flow access, stored threats, caller controls, gates in attack paths and moving hops.
struct FlowSemanticsTests {
    /// anon → web → agent; the agent reads (or, with `access` send, sends to) the store; an insider writes the store.
    static func readModel(access: String) -> String {
        """
        {"threatgraph": "1", "name": "reads",
         "actors": [{"id": "anon", "trust": "anonymous"}, {"id": "editor", "trust": "insider"}],
         "assets": [{"id": "web", "kind": "web-frontend"}, {"id": "bot", "kind": "agent"}, {"id": "store", "kind": "vector-store"}],
         "flows": [{"from": "anon", "to": "web"}, {"from": "web", "to": "bot"}, {"from": "bot", "to": "store", "access": "\(access)"},
                   {"from": "editor", "to": "store", "access": "write"}]}
        """
    }

    @Test func aReadFlowCarriesNoStoredContentIntoItsTarget() throws {
        let read = try analyse(Self.readModel(access: "read"))
        #expect(read.finding("T.POI.000@store")?.exposure == .insider)
        // What the store holds reaches the agent that reads it.
        #expect(read.graph.node("store").map { read.exposure[$0] } == .insider)
        #expect(read.finding("T.INJ@bot")?.exposure == .anonymous)
        let send = try analyse(Self.readModel(access: "send"))
        #expect(send.finding("T.POI.000@store")?.exposure == .anonymous)
    }

    /// partner → gw (ingest check) → store by a write; the store also reads docs that anon's web app fills; with
    /// `direct`, the web app also sends into the store.
    static func bypassModel(direct: Bool) -> String {
        """
        {"threatgraph": "1", "name": "stored routes",
         "actors": [{"id": "anon", "trust": "anonymous"}, {"id": "partner", "trust": "partner"}],
         "assets": [{"id": "gw", "kind": "api-gateway", "controls": [{"id": "ctl.data.ingest-check", "status": "implemented"}]},
                    {"id": "store", "kind": "vector-store"}, {"id": "docs", "kind": "object-storage"}, {"id": "web", "kind": "web-frontend"}],
         "flows": [{"from": "partner", "to": "gw"}, {"from": "gw", "to": "store", "access": "write"}, {"from": "anon", "to": "web"},
                   {"from": "web", "to": "docs"}, {"from": "store", "to": "docs", "access": "read"}\(direct ? #", {"from": "web", "to": "store"}"# : "")]}
        """
    }

    @Test func aStoredThreatsBypassRouteIsAWriteRoute() throws {
        let a = try analyse(Self.bypassModel(direct: false))
        let f = try #require(a.finding("T.POI.000@store"))
        // Content read from docs does not persist in the store, so the filter on the only writer covers it.
        #expect(f.status == .covered && f.bypassed.isEmpty)
        #expect(f.controls.contains { a.catalog.controls[$0.control].id == "ctl.data.ingest-check" && $0.via == .dominator })
        let b = try analyse(Self.bypassModel(direct: true))
        let g = try #require(b.finding("T.POI.000@store"))
        #expect(g.status == .gap)
        #expect(g.bypassed.map(\.route) == [["anon", "web", "store"]])
    }

    /// Two agents write the table; `safe` lists which of them have the outbound control.
    static func callerModel(safe: Set<String>) -> String {
        func controls(_ id: String) -> String { safe.contains(id) ? #"[{"id": "ctl.application.safe-writes", "status": "implemented"}]"# : "[]" }
        return """
        {"threatgraph": "1", "name": "callers", "actors": [{"id": "anon", "trust": "anonymous"}],
         "assets": [{"id": "a1", "kind": "agent", "controls": \(controls("a1"))}, {"id": "a2", "kind": "agent", "controls": \(controls("a2"))},
                    {"id": "db", "kind": "nosql-database"}],
         "flows": [{"from": "anon", "to": "a1"}, {"from": "anon", "to": "a2"}, {"from": "a1", "to": "db"}, {"from": "a2", "to": "db"}]}
        """
    }

    @Test(arguments: [(Set(["a1", "a2"]), true), (Set(["a1"]), false), (Set<String>(), false)])
    func anOutboundControlOnEveryCallerCoversTheCallee(safe: Set<String>, covered: Bool) throws {
        let a = try analyse(Self.callerModel(safe: safe))
        let f = try #require(a.finding("T.POI.001@db"))
        #expect((f.status == .covered) == covered)
        #expect(f.controls.contains { $0.via == .caller && $0.on == "a1, a2" } == covered)
    }

    @Test func aGateIsCrossedOnlyByACredentialHop() throws {
        let model = """
        {"threatgraph": "1", "name": "gated path",
         "actors": [{"id": "anon", "trust": "anonymous"}, {"id": "staff", "trust": "authenticated"}],
         "assets": [{"id": "web", "kind": "web-frontend"},
                    {"id": "api", "kind": "api-gateway", "controls": [{"id": "ctl.application.auth", "status": "implemented"}]},
                    {"id": "bot", "kind": "agent"}, {"id": "db", "kind": "nosql-database", "crownJewel": true}],
         "flows": [{"from": "anon", "to": "web"}, {"from": "staff", "to": "web"}, {"from": "web", "to": "api"},
                   {"from": "api", "to": "bot"}, {"from": "bot", "to": "db"}]}
        """
        let a = try analyse(model)
        let paths = a.attackPaths().paths
        let anon = try #require(paths.first { $0.actor == "anon" && $0.rank == 1 })
        let staff = try #require(paths.first { $0.actor == "staff" && $0.rank == 1 })
        let anonHop = try #require(anon.hops.first { $0.from == "api" })
        #expect(anonHop.crossesGate == .authenticated && a.catalog.threats[anonHop.threat].id == "T.CRED")
        let staffHop = try #require(staff.hops.first { $0.from == "api" })
        #expect(staffHop.crossesGate == nil && a.catalog.threats[staffHop.threat].id == "T.INJ")
        #expect(anon.probability < staff.probability)
    }

    @Test func noHopIsANonMovingTechniqueOnTheExamples() throws {
        let moving = HopRules.moving, final = HopRules.finalOnly
        for name in ["agentic-operations-assistant", "ecommerce-qna-chatbot", "model-training-pipeline", "rag-knowledge-assistant"] {
            let a = try analyseExample(name)
            for path in a.attackPaths().paths {
                for (i, hop) in path.hops.enumerated() {
                    let tactics = a.hopTactics(of: a.catalog.threats[hop.threat])
                    let allowed = i == path.hops.count - 1 ? moving.union(final) : moving
                    #expect(!tactics.isDisjoint(with: allowed), "\(name): \(hop.from) → \(hop.to) by \(a.catalog.threats[hop.threat].id)")
                }
            }
        }
    }
}
