import Testing
import ThreatGraph

@Suite struct GraphTests {
    /// source 0 → 1 → 2 → 4, 1 → 3 → 4, 4 → 5: node 1 dominates all; 4 dominates 5; neither 2 nor 3 dominates 4.
    @Test func dominatorsOfADiamond() {
        let g = CSRGraph(nodeCount: 6, edges: [(0, 1, -1), (1, 2, 0), (1, 3, 1), (2, 4, 2), (3, 4, 3), (4, 5, 4)])
        let d = Dominators(graph: g, reverse: g.reversed(), root: 0)
        #expect(d.idom.map(Int.init) == [0, 0, 1, 1, 1, 4])
        #expect(d.dominates(1, 5) && d.dominates(4, 5) && !d.dominates(2, 4) && !d.dominates(3, 5))
        #expect(d.dominatorsOf(5) == [4, 1])
    }

    @Test func dominatorsWithACycleAndAnUnreachableNode() {
        // 0 → 1 → 2 → 3 → 1 (loop), 2 → 4; node 5 unreachable.
        let g = CSRGraph(nodeCount: 6, edges: [(0, 1, -1), (1, 2, 0), (2, 3, 1), (3, 1, 2), (2, 4, 3)])
        let d = Dominators(graph: g, reverse: g.reversed(), root: 0)
        #expect(d.idom.map(Int.init) == [0, 0, 1, 2, 2, -1])
        #expect(!d.dominates(1, 5))
    }

    @Test func exposureIsTheLeastTrustedActorThatReaches() throws {
        let text = model("""
        "actors": [{"id": "anon", "trust": "anonymous"}, {"id": "staff", "trust": "insider"}],
        "flows": [{"from": "anon", "to": "web"}, {"from": "web", "to": "llm"}, {"from": "staff", "to": "db"}, {"from": "db", "to": "llm", "bidirectional": true}]
        """, assets: #"[{"id": "web", "kind": "web-frontend"}, {"id": "llm", "kind": "llm-endpoint"}, {"id": "db", "kind": "nosql-database"}, {"id": "lone", "kind": "monitoring"}]"#)
        let (w, diagnostics) = loadModel(text)
        let workload = try #require(w, "\(diagnostics.map(\.rendered))")
        let g = MovementGraph(workload)
        let actorTrust = workload.actors.map(\.trust)
        let exposure = Reachability.exposure(g, trust: actorTrust)
        func of(_ id: String) -> Trust? { exposure[g.node(id) ?? 0] }
        // db is reached by anon through web → llm → db (the flow db↔llm is bidirectional).
        #expect(of("web") == .anonymous && of("llm") == .anonymous && of("db") == .anonymous)
        #expect(of("lone") == nil)
        let d = Dominators(graph: g.forward, reverse: g.backward, root: MovementGraph.source)
        #expect(d.dominates(g.node("web") ?? 0, g.node("llm") ?? 0) == false) // staff reaches llm through db
    }

    @Test func nodesAndFlowEndsAreResolvedOnce() throws {
        let text = model("""
        "actors": [{"id": "anon", "trust": "anonymous"}],
        "flows": [{"from": "anon", "to": "web"}, {"from": "web", "to": "K"}, {"from": "K", "to": "web", "bidirectional": true}]
        """, assets: #"[{"id": "web", "kind": "web-frontend"}, {"id": "K", "kind": "llm-endpoint"}]"#)
        let (w, diagnostics) = loadModel(text)
        let workload = try #require(w, "\(diagnostics.map(\.rendered))")
        let g = MovementGraph(workload)
        #expect(g.node("anon") == g.actorNode(0) && g.node("web") == g.assetNode(0) && g.node("K") == g.assetNode(1))
        #expect(g.node("nobody") == nil && g.node("") == nil)
        // Ids match as Swift compares strings: the Kelvin sign is canonically the letter K.
        #expect(g.node("\u{212A}") == g.assetNode(1))
        #expect(g.flowFrom == [1, 2, 3] && g.flowTo == [2, 3, 2])
    }

    @Test func flowsIntoActorsAndSelfFlowsAreNotMovement() throws {
        let text = model("""
        "actors": [{"id": "u", "trust": "insider"}],
        "flows": [{"from": "u", "to": "llm"}, {"from": "llm", "to": "u"}, {"from": "llm", "to": "llm"}]
        """)
        let (w, _) = loadModel(text)
        let g = MovementGraph(try #require(w))
        // source→u, u→llm only.
        #expect(g.forward.targets.count == 2)
    }
}
