import Foundation

extension Analysis {
    /// The greedy control plan (see `GreedyPlanner`), its first `maxSteps` steps.
    public func recommendations(maxSteps: Int = 10, budget: Int? = nil) -> [Recommendation] {
        recommendationPlan(maxSteps: maxSteps, budget: budget).steps
    }

    /// The greedy control plan with a counted work bound: every dominated asset walked, every finding a candidate
    /// touches and every gain term evaluated counts one unit. When `workLimit` is spent the plan keeps the candidates
    /// and steps found so far and says so with `complete == false`.
    public func recommendationPlan(maxSteps: Int = 10, budget: Int? = nil,
                                   workLimit: Int = RecommendationPlan.defaultWorkLimit) -> RecommendationPlan {
        guard maxSteps > 0 else { return RecommendationPlan(steps: [], complete: true) }
        var planner = GreedyPlanner(self, workLimit: workLimit, budget: budget)
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
        let c = LikelyCut(self, eg, threshold: threshold)
        return (c.cut, c.nodes, c.edges)
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
        let table = HopTable(self)
        let eg = ExploitGraph(table, trust: nil)
        let (paths, allPairs) = attackPaths(table, eg, options)
        return PathAnalysis(edges: exploitEdges(table), paths: paths, allPairs: allPairs, recommendations: recommendations(maxSteps: maxSteps),
                            cut: likelyCut(eg, threshold: threshold).cut)
    }
}
