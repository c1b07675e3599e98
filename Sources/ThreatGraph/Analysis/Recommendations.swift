import Foundation

extension Analysis {
    /// The greedy control plan (see `GreedyPlanner`), its first `maxSteps` steps.
    public func recommendations(maxSteps: Int = 10) -> [Recommendation] {
        recommendationPlan(maxSteps: maxSteps).steps
    }

    /// The greedy control plan with a counted work bound: every dominated asset walked, every finding a candidate
    /// touches and every gain term evaluated counts one unit. When `workLimit` is spent the plan keeps the candidates
    /// and steps found so far and says so with `complete == false`.
    public func recommendationPlan(maxSteps: Int = 10, workLimit: Int = RecommendationPlan.defaultWorkLimit) -> RecommendationPlan {
        guard maxSteps > 0 else { return RecommendationPlan(steps: [], complete: true) }
        var planner = GreedyPlanner(self, workLimit: workLimit)
        let steps = planner.plan(maxSteps: maxSteps)
        return RecommendationPlan(steps: steps, complete: planner.complete)
    }

    /// A minimum-weight vertex cut on assets of the likely-path subgraph: the nodes and edges on some actor→target
    /// path of probability ≥ `threshold`. An asset weighs the summed cost of the cheapest deployable controls that
    /// mitigate the threats of its incoming likely edges (infinite when some threat has none); a target weighs 10×;
    /// actors are never cut. Exact for that subgraph (Dinic on the split-node network); it may over-cut real paths.
    /// - Returns: nil when there is no likely path, or no finite cut.
    /// - Complexity: two Dijkstras, O((n + e) log n), plus Dinic on 2n nodes and n + e edges.
    public func vertexCut(threshold: Double = 0.01) -> VertexCut? {
        likelyCut(ExploitGraph(self), threshold: threshold).cut
    }

    /// The cut and the likely subgraph it cuts (node flags and edges), for tests and renderers.
    func likelyCut(_ eg: ExploitGraph, threshold: Double) -> (cut: VertexCut?, nodes: [Bool], edges: [Int]) {
        let g = graph, w = workload, c = catalog
        let limit = -Foundation.log(max(threshold, Double.leastNormalMagnitude))
        let actorNodes = (0..<g.actorCount).map(g.actorNode)
        let targetNodes = w.assets.indices.filter { w.assets[$0].crownJewel || w.assets[$0].sensitivity == .restricted }.map(g.assetNode)
        guard !actorNodes.isEmpty, !targetNodes.isEmpty else { return (nil, [], []) }
        let forwardDist = Self.multiSource(eg.forward, eg.weight, actorNodes)
        let backwardDist = Self.multiSource(eg.backward, eg.weight, targetNodes)
        var inSub = [Bool](repeating: false, count: g.nodeCount)
        var subEdges: [Int] = []
        for e in eg.endpoints.indices {
            let (u, v) = (Int(eg.endpoints[e].from), Int(eg.endpoints[e].to))
            if forwardDist[u] + eg.weight[e] + backwardDist[v] <= limit + 1e-12 {
                subEdges.append(e)
                inSub[u] = true
                inSub[v] = true
            }
        }
        guard !subEdges.isEmpty else { return (nil, inSub, subEdges) }
        // Node weights and the controls that would realise cutting each asset.
        var weight = [Int64](repeating: MaxFlow.infinite, count: g.nodeCount)
        var realise = [[Int]](repeating: [], count: g.nodeCount)
        var incomingThreats = [Set<Int>](repeating: [], count: g.nodeCount)
        for e in subEdges { incomingThreats[Int(eg.endpoints[e].to)].insert(Int(eg.threat[e])) }
        for v in 0..<g.nodeCount where inSub[v] {
            guard let ai = g.assetIndex(ofNode: v) else { continue }
            let kind = w.assets[ai].kind
            var picked: [Int] = []
            var feasible = true
            for t in incomingThreats[v].sorted(by: { c.threats[$0].id < c.threats[$1].id }) {
                if picked.contains(where: { context.mitigates($0, t) }) { continue }
                let best = c.controls.indices.filter { c.controls[$0].deployOn.contains(kind) && context.mitigates($0, t) }
                    .min { (c.controls[$0].cost, c.controls[$0].id) < (c.controls[$1].cost, c.controls[$1].id) }
                guard let b = best else { feasible = false; break }
                picked.append(b)
            }
            guard feasible else { continue }
            let cost = Int64(picked.reduce(0) { $0 + c.controls[$1].cost })
            weight[v] = w.assets[ai].isTarget ? cost * 10 : cost
            realise[v] = picked.sorted { c.controls[$0].id < c.controls[$1].id }
        }
        // Split network: node v → in 2v+2, out 2v+3; S = 0, T = 1.
        var net = MaxFlow(nodeCount: 2 * g.nodeCount + 2)
        for v in 0..<g.nodeCount where inSub[v] { net.addEdge(2 * v + 2, 2 * v + 3, weight[v]) }
        for a in actorNodes where inSub[a] { net.addEdge(0, 2 * a + 2, MaxFlow.infinite) }
        for t in targetNodes where inSub[t] { net.addEdge(2 * t + 3, 1, MaxFlow.infinite) }
        for e in subEdges { net.addEdge(2 * Int(eg.endpoints[e].from) + 3, 2 * Int(eg.endpoints[e].to) + 2, MaxFlow.infinite) }
        let flow = net.run(from: 0, to: 1)
        guard flow < MaxFlow.infinite else { return (nil, inSub, subEdges) }
        let side = net.sourceSide(0)
        var cutNodes: [Int] = []
        for v in 0..<g.nodeCount where inSub[v] && side[2 * v + 2] && !side[2 * v + 3] { cutNodes.append(v) }
        cutNodes.sort { g.ids[$0] < g.ids[$1] }
        let cut = VertexCut(threshold: threshold, assets: cutNodes.map { g.ids[$0] }, controls: cutNodes.flatMap { realise[$0] })
        return (cut, inSub, subEdges)
    }

    /// Distances (−log probability) from the nearest of several sources.
    static func multiSource(_ graph: CSRGraph, _ weight: [Double], _ sources: [Int]) -> [Double] {
        var dist = [Double](repeating: .infinity, count: graph.nodeCount)
        var heap = BinaryHeap<(Double, Int32)> { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        for s in sources { dist[s] = 0; heap.push((0, Int32(s))) }
        while let (d, u32) = heap.pop() {
            let u = Int(u32)
            if d > dist[u] { continue }
            for e in graph.edges(of: u) {
                let v = Int(graph.targets[e])
                let nd = d + weight[Int(graph.labels[e])]
                if nd < dist[v] { dist[v] = nd; heap.push((nd, Int32(v))) }
            }
        }
        return dist
    }

    /// Paths, exploit graph, recommendations and cut together.
    public func pathAnalysis(paths options: PathOptions = PathOptions(), maxSteps: Int = 10, threshold: Double = 0.01) -> PathAnalysis {
        let eg = ExploitGraph(self)
        let (paths, allPairs) = attackPaths(eg, options)
        return PathAnalysis(edges: exploitEdges(eg), paths: paths, allPairs: allPairs, recommendations: recommendations(maxSteps: maxSteps),
                            cut: likelyCut(eg, threshold: threshold).cut)
    }
}
