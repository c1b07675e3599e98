import Foundation
import Testing
@testable import ThreatGraph

/// A graph from (from, to, probability) triples; edge labels index the weights.
func weighted(_ n: Int, _ edges: [(Int, Int, Double)]) -> (CSRGraph, CSRGraph, [Double]) {
    let g = CSRGraph(nodeCount: n, edges: edges.enumerated().map { (Int32($0.element.0), Int32($0.element.1), Int32($0.offset)) })
    return (g, g.reversed(), edges.map { -log($0.2) })
}

func ranks(_ n: Int) -> [Int32] { (0..<n).map(Int32.init) }

func probability(_ p: KShortestPaths.Path, _ probs: [Double]) -> Double { p.edges.reduce(1.0) { $0 * probs[Int($1)] } }

@Suite struct KShortestPathTests {
    // 0 → 1 → 3 (0.9 · 0.9), 0 → 2 → 3 (0.8 · 0.9), 0 → 3 (0.5), 1 → 2 (0.9): paths by probability.
    let edges: [(Int, Int, Double)] = [(0, 1, 0.9), (1, 3, 0.9), (0, 2, 0.8), (2, 3, 0.9), (0, 3, 0.5), (1, 2, 0.9)]

    @Test func findsTheKMostProbablePathsInOrder() {
        let (g, b, w) = weighted(4, edges)
        let (paths, stop, _) = KShortestPaths.yen(graph: g, backward: b, weight: w, source: 0, target: 3, k: 3, maxHops: 12, rank: ranks(4), workLimit: 10_000)
        #expect(paths.map(\.nodes) == [[0, 1, 3], [0, 1, 2, 3], [0, 2, 3]])
        #expect(paths.map { probability($0, edges.map(\.2)) }.map { ($0 * 1000).rounded() } == [810, 729, 720])
        #expect(stop == .k)
    }

    @Test func reportsExhaustionWhenFewerThanKPathsExist() {
        let (g, b, w) = weighted(4, edges)
        let (paths, stop, hopPruned) = KShortestPaths.yen(graph: g, backward: b, weight: w, source: 0, target: 3, k: 10, maxHops: 12, rank: ranks(4), workLimit: 10_000)
        #expect(paths.count == 4 && stop == .exhausted && !hopPruned)
    }

    @Test func theHopLimitIsExactAndReported() {
        let (g, b, w) = weighted(4, edges)
        let (paths, stop, hopPruned) = KShortestPaths.yen(graph: g, backward: b, weight: w, source: 0, target: 3, k: 10, maxHops: 2, rank: ranks(4), workLimit: 10_000)
        #expect(paths.map(\.nodes) == [[0, 1, 3], [0, 2, 3], [0, 3]])
        #expect(stop == .exhausted && hopPruned)
    }

    @Test func theWorkBoundIsReported() {
        let (g, b, w) = weighted(4, edges)
        let (_, stop, _) = KShortestPaths.yen(graph: g, backward: b, weight: w, source: 0, target: 3, k: 10, maxHops: 12, rank: ranks(4), workLimit: 3)
        #expect(stop == .work)
    }

    @Test func tiesGoToTheSmallerIDSequence() {
        // Two equal paths 0 → 2 → 3 and 0 → 1 → 3: node 1 has the smaller rank.
        let (g, b, w) = weighted(4, [(0, 2, 0.5), (2, 3, 0.5), (0, 1, 0.5), (1, 3, 0.5)])
        let (paths, _, _) = KShortestPaths.yen(graph: g, backward: b, weight: w, source: 0, target: 3, k: 2, maxHops: 12, rank: ranks(4), workLimit: 10_000)
        #expect(paths.map(\.nodes) == [[0, 1, 3], [0, 2, 3]])
        let tree = ShortestPathTree(graph: g, weight: w, sources: [0], rank: ranks(4))
        #expect(tree.path(to: 3)?.nodes == [0, 1, 3])
    }

    @Test func cyclesAndBidirectionalEdgesYieldOnlySimplePaths() {
        // 0 ↔ 1 ↔ 2 ↔ 3 with certain edges: every path is simple even though cycles cost nothing.
        let (g, b, w) = weighted(4, [(0, 1, 1), (1, 0, 1), (1, 2, 1), (2, 1, 1), (2, 3, 1), (3, 2, 1), (1, 3, 0.5)])
        let (paths, stop, _) = KShortestPaths.yen(graph: g, backward: b, weight: w, source: 0, target: 3, k: 5, maxHops: 12, rank: ranks(4), workLimit: 10_000)
        #expect(paths.map(\.nodes) == [[0, 1, 2, 3], [0, 1, 3]])
        #expect(stop == .exhausted)
        for p in paths { #expect(Set(p.nodes).count == p.nodes.count) }
    }

    @Test func anUnreachableTargetHasNoPath() {
        let (g, b, w) = weighted(3, [(0, 1, 0.5)])
        let (paths, stop, _) = KShortestPaths.yen(graph: g, backward: b, weight: w, source: 0, target: 2, k: 3, maxHops: 12, rank: ranks(3), workLimit: 10_000)
        #expect(paths.isEmpty && stop == .exhausted)
    }

    /// Every simple path from `s` to `t` with at most `maxHops` edges, by brute force.
    func allSimplePaths(_ n: Int, _ edges: [(Int, Int, Double)], _ s: Int, _ t: Int, _ maxHops: Int) -> [Double] {
        var out: [Double] = []
        func walk(_ u: Int, _ visited: Set<Int>, _ p: Double, _ hops: Int) {
            if u == t { out.append(p); return }
            guard hops < maxHops else { return }
            for (a, b, q) in edges where a == u && !visited.contains(b) { walk(b, visited.union([b]), p * q, hops + 1) }
        }
        walk(s, [s], 1, 0)
        return out.sorted(by: >)
    }

    @Test(arguments: 1...40)
    func matchesBruteForceOnSeededRandomGraphs(seed: Int) {
        var state = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 { state = state &* 6364136223846793005 &+ 1442695040888963407; return state >> 33 }
        let n = 5 + Int(next() % 4)
        var edges: [(Int, Int, Double)] = []
        for u in 0..<n { for v in 0..<n where u != v && next() % 100 < 35 { edges.append((u, v, Double(1 + next() % 99) / 100)) } }
        let (g, b, w) = weighted(n, edges)
        let k = 1 + Int(next() % 6), maxHops = 2 + Int(next() % 4)
        let (paths, stop, _) = KShortestPaths.yen(graph: g, backward: b, weight: w, source: 0, target: n - 1, k: k, maxHops: maxHops, rank: ranks(n), workLimit: 1_000_000)
        let brute = allSimplePaths(n, edges, 0, n - 1, maxHops)
        let got = paths.map { probability($0, edges.map(\.2)) }
        #expect(got.count == min(k, brute.count))
        for (x, y) in zip(got, brute) { #expect(abs(x - y) < 1e-12 * max(1, y)) }
        for p in paths { #expect(p.edges.count <= maxHops && Set(p.nodes).count == p.nodes.count) }
        #expect(stop == (brute.count > k ? .k : .exhausted))
    }
}

@Suite struct MaxFlowTests {
    @Test func findsTheMinimumCut() {
        // s = 0 → 1 (3), 0 → 2 (2), 1 → 3 (2), 2 → 3 (3), 1 → 2 (1), t = 3: the flow is 5, the cut {0→1, 0→2}.
        var net = MaxFlow(nodeCount: 4)
        for (u, v, c) in [(0, 1, 3), (0, 2, 2), (1, 3, 2), (2, 3, 3), (1, 2, 1)] { net.addEdge(u, v, Int64(c)) }
        #expect(net.run(from: 0, to: 3) == 5)
        let side = net.sourceSide(0)
        #expect(side[0] && !side[3])
    }
}
