import Foundation

/// A minimum-weight vertex cut on assets of the likely-path subgraph: the nodes and edges on some actor→target path of
/// probability ≥ `threshold`. An asset weighs the summed cost of the cheapest deployable controls that mitigate the
/// threats of its incoming likely edges (infinite when some threat has none); a target weighs 10×; actors, and assets
/// an actor writes into directly, are never cut. Exact for that subgraph (Dinic on the split-node network); it may over-cut real paths.
/// - Complexity: two Dijkstras, O((n + e) log n), plus Dinic on 2n nodes and n + e edges.
struct LikelyCut {
    /// The cut (nil: no likely path, or no finite cut).
    private(set) var cut: VertexCut?
    /// Whether each movement-graph node is in the likely subgraph.
    private(set) var nodes: [Bool] = []
    /// Exploit-graph edges of the likely subgraph.
    private(set) var edges: [Int] = []

    init(_ a: Analysis, _ eg: ExploitGraph, threshold: Double) {
        let g = a.graph
        let actorNodes = (0..<g.actorCount).map(g.actorNode)
        let targetNodes = a.resolved.isTarget.indices.filter { a.resolved.isTarget[$0] }.map(g.assetNode)
        guard !actorNodes.isEmpty, !targetNodes.isEmpty else { return }
        let limit = -Foundation.log(max(threshold, Double.leastNormalMagnitude))
        let forwardDist = Analysis.multiSource(eg.forward, eg.weight, actorNodes)
        let backwardDist = Analysis.multiSource(eg.backward, eg.weight, targetNodes.compactMap(eg.sink(of:)))
        nodes = [Bool](repeating: false, count: g.nodeCount)
        for e in eg.endpoints.indices {
            let (u, v) = (Int(eg.endpoints[e].from), Int(eg.endpoints[e].to))
            guard forwardDist[u] + eg.weight[e] + backwardDist[v] <= limit + 1e-12 else { continue }
            edges.append(e)
            nodes[eg.real(u)] = true
            nodes[eg.real(v)] = true
        }
        guard !edges.isEmpty else { return }
        let (weight, realise) = weights(a, eg)
        cut = minimumCut(a, eg, weight: weight, realise: realise, actors: actorNodes, targets: targetNodes, threshold: threshold)
    }

    /// Each likely asset's weight and the controls that would realise cutting it.
    private func weights(_ a: Analysis, _ eg: ExploitGraph) -> (weight: [Int64], realise: [[Int]]) {
        let g = a.graph, c = a.catalog
        var weight = [Int64](repeating: MaxFlow.infinite, count: g.nodeCount)
        var realise = [[Int]](repeating: [], count: g.nodeCount)
        var incomingThreats = [Set<Int>](repeating: [], count: g.nodeCount)
        for e in edges { incomingThreats[eg.real(Int(eg.endpoints[e].to))].insert(Int(eg.threat[e])) }
        let written = Self.writtenByActors(a)
        for v in 0..<g.nodeCount where nodes[v] {
            // Protecting what an actor legitimately writes against that actor is no protection: never cut there.
            guard let ai = g.assetIndex(ofNode: v), !written[ai] else { continue }
            var picked: [Int] = []
            var feasible = true
            for t in incomingThreats[v].sorted(by: { c.threats[$0].id < c.threats[$1].id }) {
                if picked.contains(where: { a.context.mitigates($0, t) }) { continue }
                let best = c.controls.indices.filter { a.context.mitigates($0, t) && a.workload.fits(c.controls[$0], asset: ai) }
                    .min { (c.controls[$0].cost, c.controls[$0].id) < (c.controls[$1].cost, c.controls[$1].id) }
                guard let b = best else { feasible = false; break }
                picked.append(b)
            }
            guard feasible else { continue }
            let cost = Int64(picked.reduce(0) { $0 + c.controls[$1].cost })
            weight[v] = a.resolved.isTarget[ai] ? cost * 10 : cost
            realise[v] = picked.sorted { c.controls[$0].id < c.controls[$1].id }
        }
        return (weight, realise)
    }

    /// Assets an actor writes into directly (a `write` or `read-write` flow): the cut never places a control there.
    private static func writtenByActors(_ a: Analysis) -> [Bool] {
        var written = [Bool](repeating: false, count: a.workload.assets.count)
        for (f, flow) in a.workload.flows.enumerated() where flow.access == .write || flow.access == .readWrite {
            if case .actor = a.resolved.flowFrom[f], case .asset(let ai) = a.resolved.flowTo[f] { written[ai] = true }
        }
        return written
    }

    /// The minimum cut of the split-node network: node v → in 2v+2, out 2v+3; source 0, sink 1.
    private func minimumCut(_ a: Analysis, _ eg: ExploitGraph, weight: [Int64], realise: [[Int]], actors: [Int], targets: [Int],
                            threshold: Double) -> VertexCut? {
        let g = a.graph
        var net = MaxFlow(nodeCount: 2 * g.nodeCount + 2)
        for v in 0..<g.nodeCount where nodes[v] { net.addEdge(2 * v + 2, 2 * v + 3, weight[v]) }
        for s in actors where nodes[s] { net.addEdge(0, 2 * s + 2, MaxFlow.infinite) }
        for t in targets where nodes[t] { net.addEdge(2 * t + 3, 1, MaxFlow.infinite) }
        for e in edges { net.addEdge(2 * eg.real(Int(eg.endpoints[e].from)) + 3, 2 * eg.real(Int(eg.endpoints[e].to)) + 2, MaxFlow.infinite) }
        guard net.run(from: 0, to: 1) < MaxFlow.infinite else { return nil }
        let side = net.sourceSide(0)
        let cutNodes = (0..<g.nodeCount).filter { nodes[$0] && side[2 * $0 + 2] && !side[2 * $0 + 3] }.sorted { g.ids[$0] < g.ids[$1] }
        return VertexCut(threshold: threshold, assets: cutNodes.map { g.ids[$0] }, controls: cutNodes.flatMap { realise[$0] },
                         placements: cutNodes.map { realise[$0] })
    }
}
