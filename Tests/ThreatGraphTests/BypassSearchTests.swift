import Testing
@testable import ThreatGraph

/// The bypass search against a brute force that, for each filter asset in id order, searches everything it reaches
/// and builds a breadth-first tree that avoids it.
@Suite struct BypassSearchTests {
    /// A random workload: actors, gateways carrying an inbound filter, and other assets, with random flows (some
    /// bidirectional, so there are cycles).
    func randomModel(seed: Int) -> String {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15 &+ 1
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        let actorCount = 1 + next(3), assetCount = 6 + next(20)
        let actors = (0..<actorCount).map { #"{"id": "actor\#($0)", "trust": "anonymous"}"# }
        let kinds = ["llm-endpoint", "vector-store", "agent", "object-storage"]
        let assets = (0..<assetCount).map { i -> String in
            next(3) == 0 ? #"{"id": "n\#(i)", "kind": "api-gateway", "controls": [\#(promptFilter)]}"#
                         : #"{"id": "n\#(i)", "kind": "\#(kinds[next(kinds.count)])"}"#
        }
        var flows: [String] = []
        for a in 0..<actorCount { flows.append(#"{"from": "actor\#(a)", "to": "n\#(next(assetCount))"}"#) }
        for _ in 0..<(assetCount + next(2 * assetCount)) {
            let u = next(assetCount), v = next(assetCount)
            guard u != v else { continue }
            flows.append(#"{"from": "n\#(u)", "to": "n\#(v)"\#(next(5) == 0 ? #", "bidirectional": true"# : "")}"#)
        }
        return """
        {"threatgraph": "1", "name": "random", "actors": [\(actors.joined(separator: ", "))],
         "assets": [\(assets.joined(separator: ", "))], "flows": [\(flows.joined(separator: ", "))]}
        """
    }

    @Test(arguments: (0..<60).map { ($0, $0 % 3 == 0 ? 1 : 8) })
    func matchesBruteForce(seed: Int, perAsset: Int) throws {
        let a = try analyse(randomModel(seed: seed))
        let g = a.graph
        let search = BypassCandidates(graph: g, catalog: a.catalog, local: a.context.local,
                                               dominators: a.context.dominators, exposure: a.exposure,
                                               order: a.workload.assets.indices.sorted { a.workload.assets[$0].id < a.workload.assets[$1].id },
                                               perAsset: perAsset)
        var expected = [[String]](repeating: [], count: a.workload.assets.count)
        var complete = true
        for (fi, u) in search.filterAssets.enumerated() {
            let uNode = g.assetNode(u)
            var seen: Set<Int> = [uNode], queue = [uNode], reached: [Int] = []
            while let x = queue.popLast() {
                for e in g.forward.edges(of: x) where seen.insert(Int(g.forward.targets[e])).inserted {
                    queue.append(Int(g.forward.targets[e])); reached.append(Int(g.forward.targets[e]))
                }
            }
            let tree = Routes.tree(g, avoiding: uNode)
            for v in reached.sorted() {
                guard let vi = g.assetIndex(ofNode: v), tree[v] != -1 else { continue }  // reached avoiding u: not dominated
                if expected[vi].count == perAsset { complete = false; continue }
                expected[vi].append("\(fi): " + Routes.route(g, tree: tree, to: v).joined(separator: " > "))
            }
        }
        let found = search.candidates.map { $0.map { "\($0.filter): " + $0.route.map { g.ids[Int($0)] }.joined(separator: " > ") } }
        #expect(found == expected)
        #expect(search.complete == complete)
    }
}

@Suite struct StronglyConnectedTests {
    @Test func componentsAreTopologicallyNumbered() {
        // 0 → 1 ⇄ 2 → 3, 3 → 4 → 3, 5 alone.
        let g = CSRGraph(nodeCount: 6, edges: [(0, 1, -1), (1, 2, -1), (2, 1, -1), (2, 3, -1), (3, 4, -1), (4, 3, -1)])
        let scc = StronglyConnected(g)
        let c = scc.component
        #expect(scc.count == 4)
        #expect(c[1] == c[2] && c[3] == c[4] && c[0] != c[1] && c[2] != c[3])
        #expect(c[0] < c[1] && c[1] < c[3])
    }
}
