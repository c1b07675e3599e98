import Testing
@testable import ThreatGraph

/// anon → web → api → agent → tool (crown jewel), and supplier → docs → kb → agent, in the test catalog's kinds.
func agentModel(agentControls: String = "", extra: String = "") -> String {
    """
    {"threatgraph": "1", "name": "agents", "frameworks": ["atlas"],
     "actors": [{"id": "anon", "trust": "anonymous"}, {"id": "supplier", "trust": "supplier"}],
     "assets": [
       {"id": "web", "kind": "web-frontend"}, {"id": "api", "kind": "api-gateway"},
       {"id": "agent", "kind": "agent", "controls": [\(agentControls)]},
       {"id": "tool", "kind": "nosql-database", "crownJewel": true},
       {"id": "docs", "kind": "object-storage"}, {"id": "kb", "kind": "vector-store"}
     ],
     "flows": [{"from": "anon", "to": "web"}, {"from": "web", "to": "api"}, {"from": "api", "to": "agent"}, {"from": "agent", "to": "tool"},
               {"from": "supplier", "to": "docs"}, {"from": "docs", "to": "kb"}, {"from": "kb", "to": "agent"}]\(extra)}
    """
}

@Suite struct AttackPathTests {
    @Test func aPathsProbabilityIsTheProductOfItsHops() throws {
        let a = try analyse(agentModel())
        let (edges, paths, allPairs) = a.attackPaths()
        #expect(allPairs)
        #expect(!edges.isEmpty)
        #expect(!paths.isEmpty)
        for p in paths {
            #expect(abs(p.probability - p.hops.reduce(1.0) { $0 * $1.probability }) < 1e-15)
            #expect(p.hops.first?.from == p.actor && p.hops.last?.to == p.target)
            for (h, n) in zip(p.hops, p.hops.dropFirst()) { #expect(h.to == n.from) }
        }
        // Ranks within a pair are in order of probability.
        for actor in ["anon", "supplier"] {
            let ps = paths.filter { $0.actor == actor && $0.target == "tool" }
            #expect(ps.map(\.rank) == Array(1...ps.count))
            #expect(zip(ps, ps.dropFirst()).allSatisfy { $0.probability >= $1.probability })
        }
    }

    @Test func hopsCarryTacticBreakersAndThePathPrecedents() throws {
        let a = try analyse(agentModel())
        let p = try #require(a.attackPaths().paths.first)
        for h in p.hops {
            #expect(!h.breakers.isEmpty)
            for b in h.breakers { #expect(a.catalog.mitigates(a.catalog.controls[b], a.catalog.threats[h.threat].id)) }
            if a.catalog.threats[h.threat].framework == "atlas" { #expect(h.tactic != nil) }
        }
        #expect(!p.precedents.isEmpty && p.precedents.count <= 3)
        #expect(p.precedents.allSatisfy { $0.shared >= 1 })
    }

    @Test func addingABreakerLowersThePathOrRemovesIt() throws {
        let before = try analyse(agentModel()).attackPaths().paths.first { $0.actor == "supplier" && $0.rank == 1 }
        let hop = try #require(before?.hops.first { $0.to == "agent" })
        let a0 = try analyse(agentModel())
        let breaker = a0.catalog.controls[try #require(hop.breakers.first { a0.catalog.controls[$0].deployOn.contains("agent") })]
        let after = try analyse(agentModel(agentControls: #"{"id": "\#(breaker.id)", "status": "implemented"}"#))
        let same = after.attackPaths().paths.first { $0.actor == "supplier" && $0.rank == 1 && ModelDiff.pathID($0) == ModelDiff.pathID(try! #require(before)) }
        if let same { #expect(same.probability < (before?.probability ?? 0)) }
    }

    @Test func boundsAreReportedPerPair() throws {
        let a = try analyse(agentModel())
        var o = PathOptions()
        o.k = 1
        #expect(a.attackPaths(o).paths.filter { $0.target == "tool" }.allSatisfy { $0.stoppedBy == .k || $0.complete })
        o.pairs = 0
        #expect(a.attackPaths(o).paths.allSatisfy { $0.stoppedBy == .pairs && !$0.complete })
        o = PathOptions()
        o.maxHops = 1
        let short = a.attackPaths(o).paths
        #expect(short.allSatisfy { $0.stoppedBy == .maxHops })
    }

    @Test func noTargetsMeansNoPaths() throws {
        let a = try analyse(chat())
        #expect(a.attackPaths().paths.isEmpty)
    }

    @Test func removingTheCutDisconnectsActorsFromTargetsInTheLikelySubgraph() throws {
        let a = try analyse(agentModel())
        let eg = ExploitGraph(a)
        let (cut, _, edges) = a.likelyCut(eg, threshold: 0.001)
        let c = try #require(cut)
        #expect(!c.assets.isEmpty && c.controls.count >= c.assets.count)
        let removed = Set(c.assets.compactMap { a.graph.node($0) })
        // BFS over likely edges avoiding the cut.
        var seen = Set((0..<a.graph.actorCount).map(a.graph.actorNode))
        var queue = Array(seen)
        while let u = queue.popLast() {
            for e in edges where Int(eg.endpoints[e].from) == u {
                let v = Int(eg.endpoints[e].to)
                if !removed.contains(v) && seen.insert(v).inserted { queue.append(v) }
            }
        }
        for (i, asset) in a.workload.assets.enumerated() where asset.isTarget { #expect(!seen.contains(a.graph.assetNode(i)) || removed.contains(a.graph.assetNode(i))) }
    }

    @Test func thePlanRemovesRiskAndStartsWithTheBestRatio() throws {
        let a = try analyse(agentModel())
        let plan = a.recommendations(maxSteps: 5)
        #expect(!plan.isEmpty && plan.map(\.rank) == Array(1...plan.count))
        #expect(plan.allSatisfy { $0.riskRemoved > 0 })
        #expect(plan.reduce(0) { $0 + $1.riskRemoved } <= a.openRiskTotal + 1e-9)
        // The first step is at least as good per cost as any single placement, checked by re-analysing.
        let first = try #require(plan.first)
        let control = a.catalog.controls[first.control]
        let reference = #"{"id": "\#(control.id)", "status": "implemented"}"#
        let placed = try analyse(first.asset == "agent" ? agentModel(agentControls: reference)
            : agentModel().replacingOccurrences(of: #"{"id": "\#(first.asset)", "kind""#, with: #"{"id": "\#(first.asset)", "controls": [\#(reference)], "kind""#))
        #expect(abs((a.openRiskTotal - placed.openRiskTotal) - first.riskRemoved) < 1e-9)
    }

    @Test func diffReportsOpenedClosedAndPaths() throws {
        let old = try analyse(agentModel())
        let new = try analyse(agentModel(agentControls: #"{"id": "ctl.model.guardrails", "status": "implemented"}"#))
        let d = ModelDiff(old: old, new: new, oldPaths: old.attackPaths().paths, newPaths: new.attackPaths().paths)
        #expect(!d.closed.isEmpty)
        #expect(d.opened.isEmpty)
        #expect(d.riskAfter < d.riskBefore)
        #expect(!d.pathsChanged.isEmpty || !d.pathsVanished.isEmpty)
        let same = ModelDiff(old: old, new: old, oldPaths: old.attackPaths().paths, newPaths: old.attackPaths().paths)
        #expect(same.opened.isEmpty && same.closed.isEmpty && same.changed.isEmpty && same.pathsChanged.isEmpty)
    }
}

@Suite struct PairBoundTests {
    /// Above the all-pairs budget, one multi-source search keeps each target's most probable actor, and says so.
    @Test func largeEstatesKeepTheBestActorPerTarget() throws {
        let a = try analyse(agentModel())
        var o = PathOptions()
        o.allPairsWork = 0
        let (_, paths, allPairs) = a.attackPaths(o)
        #expect(!allPairs)
        let full = a.attackPaths().paths
        // Each target's single best path is the best of its pairs in the full search.
        for target in Set(paths.map(\.target)) {
            let best = paths.filter { $0.target == target && $0.rank == 1 }
            #expect(best.count == 1)
            #expect(best.first?.probability == full.filter { $0.target == target && $0.rank == 1 }.map(\.probability).max())
        }
    }
}
