/// Shortest and k-shortest simple paths on a graph with non-negative edge weights (here −log p of exploit edges).
enum KShortestPaths {
    /// A path as node indices, with its total weight.
    struct Path: Equatable {
        var nodes: [Int32]
        var edges: [Int32]
        var cost: Double
    }

    /// Why an enumeration stopped.
    enum Stop { case exhausted, k, work }

    /// Exact distances from every node to `target` (reverse Dijkstra); infinity when unreachable.
    /// - Complexity: O((n + e) log n).
    static func distances(to target: Int, backward: CSRGraph, weight: [Double]) -> [Double] {
        var dist = [Double](repeating: .infinity, count: backward.nodeCount)
        dist[target] = 0
        var heap = BinaryHeap<(Double, Int32)> { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        heap.push((0, Int32(target)))
        while let (d, u32) = heap.pop() {
            let u = Int(u32)
            if d > dist[u] { continue }
            for e in backward.edges(of: u) {
                let v = Int(backward.targets[e])
                let nd = d + weight[Int(backward.labels[e])]
                if nd < dist[v] { dist[v] = nd; heap.push((nd, Int32(v))) }
            }
        }
        return dist
    }

    /// Minimum hop counts from every node to `target` (reverse BFS); Int.max when unreachable.
    /// - Complexity: O(n + e).
    static func hops(to target: Int, backward: CSRGraph) -> [Int] {
        var h = [Int](repeating: .max, count: backward.nodeCount)
        h[target] = 0
        var queue = [Int32(target)]
        var head = 0
        while head < queue.count {
            let u = Int(queue[head]); head += 1
            for e in backward.edges(of: u) {
                let v = Int(backward.targets[e])
                if h[v] == .max { h[v] = h[u] + 1; queue.append(Int32(v)) }
            }
        }
        return h
    }

    /// Cheapest path from `source` to `target` with at most `maxHops` edges, avoiding banned nodes and edges:
    /// A* over (node, hops) states with the exact reverse distance as heuristic (consistent, so a node settled
    /// with h hops dominates later states with ≥ h hops). Ties go to the smaller node rank at each step.
    /// - Parameters:
    ///   - rank: position of each node in id order, for tie-breaking.
    ///   - work: settled states so far; the search stops (returning nil) when it exceeds `workLimit`.
    ///   - hopPruned: set when a state was cut by the hop limit, so a longer path might exist.
    /// - Complexity: O(h · (n + e) log(h · n)) for hop limit h.
    static func constrainedAStar(graph: CSRGraph, weight: [Double], source: Int, target: Int, maxHops: Int,
                                 heuristic: [Double], minHops: [Int], rank: [Int32],
                                 bannedNodes: Set<Int32>, bannedEdges: Set<Int32>,
                                 work: inout Int, workLimit: Int, hopPruned: inout Bool) -> Path? {
        guard heuristic[source].isFinite, maxHops >= 0 else { return nil }
        struct State { var node: Int32; var hops: Int32; var g: Double; var parent: Int32; var edge: Int32 }
        var states: [State] = [State(node: Int32(source), hops: 0, g: 0, parent: -1, edge: -1)]
        var settledHops: [Int32: Int32] = [:]
        var heap = BinaryHeap<(f: Double, g: Double, rank: Int32, state: Int32)> { a, b in
            if a.f != b.f { return a.f < b.f }
            if a.rank != b.rank { return a.rank < b.rank }
            return a.state < b.state
        }
        heap.push((heuristic[source], 0, rank[source], 0))
        while let top = heap.pop() {
            let s = states[Int(top.state)]
            if let h = settledHops[s.node], h <= s.hops { continue }
            settledHops[s.node] = s.hops
            work += 1
            if work > workLimit { return nil }
            if Int(s.node) == target {
                var nodes: [Int32] = [], edges: [Int32] = []
                var i = Int(top.state)
                while i >= 0 {
                    nodes.append(states[i].node)
                    if states[i].edge >= 0 { edges.append(states[i].edge) }
                    i = Int(states[i].parent)
                }
                return Path(nodes: nodes.reversed(), edges: edges.reversed(), cost: s.g)
            }
            for e in graph.edges(of: Int(s.node)) {
                let v = graph.targets[e]
                let label = graph.labels[e]
                if bannedNodes.contains(v) || bannedEdges.contains(label) { continue }
                guard heuristic[Int(v)].isFinite else { continue }
                let nh = s.hops + 1
                if Int(nh) + minHops[Int(v)] > maxHops { hopPruned = true; continue }
                if let h = settledHops[v], h <= nh { continue }
                let g = s.g + weight[Int(label)]
                states.append(State(node: v, hops: nh, g: g, parent: top.state, edge: label))
                heap.push((g + heuristic[Int(v)], g, rank[Int(v)], Int32(states.count - 1)))
            }
        }
        return nil
    }

    /// The `k` cheapest simple paths from `source` to `target` with at most `maxHops` edges (Yen's algorithm with
    /// A*-guided spur searches), cheapest first, ties by the sequence of node ranks.
    /// - Returns: the paths, and why enumeration stopped (`exhausted`: no further path exists within the hop limit,
    ///   `hopPruned` telling whether the hop limit excluded any; `k`: more paths exist; `work`: the work bound hit).
    /// - Complexity: O(k · L · A*) for paths of L hops, each A* as in `constrainedAStar`; bounded by `workLimit` settled states.
    static func yen(graph: CSRGraph, backward: CSRGraph, weight: [Double], source: Int, target: Int, k: Int, maxHops: Int,
                    rank: [Int32], workLimit: Int) -> (paths: [Path], stop: Stop, hopPruned: Bool) {
        var work = 0
        return yen(graph: graph, backward: backward, weight: weight, source: source, target: target, k: k, maxHops: maxHops,
                   rank: rank, workLimit: workLimit, work: &work)
    }

    /// `yen` that also reports the settled states it used in `work`.
    static func yen(graph: CSRGraph, backward: CSRGraph, weight: [Double], source: Int, target: Int, k: Int, maxHops: Int,
                    rank: [Int32], workLimit: Int, work: inout Int) -> (paths: [Path], stop: Stop, hopPruned: Bool) {
        let heuristic = distances(to: target, backward: backward, weight: weight)
        let minHops = hops(to: target, backward: backward)
        work = 0
        var hopPruned = false
        guard let first = constrainedAStar(graph: graph, weight: weight, source: source, target: target, maxHops: maxHops,
                                           heuristic: heuristic, minHops: minHops, rank: rank, bannedNodes: [], bannedEdges: [],
                                           work: &work, workLimit: workLimit, hopPruned: &hopPruned) else {
            return ([], work > workLimit ? .work : .exhausted, hopPruned)
        }
        var accepted = [first]
        var candidates: [Path] = []
        func before(_ a: Path, _ b: Path) -> Bool {
            if a.cost != b.cost { return a.cost < b.cost }
            return a.nodes.map { rank[Int($0)] }.lexicographicallyPrecedes(b.nodes.map { rank[Int($0)] })
        }
        while true {
            let last = accepted[accepted.count - 1]
            for i in 0..<(last.nodes.count - 1) {
                let spur = Int(last.nodes[i])
                let rootNodes = Array(last.nodes[0...i])
                let rootEdges = Array(last.edges[0..<i])
                var bannedEdges = Set<Int32>()
                for p in accepted where p.nodes.count > i + 1 && Array(p.nodes[0...i]) == rootNodes { bannedEdges.insert(p.edges[i]) }
                let bannedNodes = Set(rootNodes.dropLast())
                let rootCost = rootEdges.reduce(0.0) { $0 + weight[Int($1)] }
                guard let tail = constrainedAStar(graph: graph, weight: weight, source: spur, target: target, maxHops: maxHops - i,
                                                  heuristic: heuristic, minHops: minHops, rank: rank, bannedNodes: bannedNodes,
                                                  bannedEdges: bannedEdges, work: &work, workLimit: workLimit, hopPruned: &hopPruned) else {
                    if work > workLimit { return (accepted, .work, hopPruned) }
                    continue
                }
                let path = Path(nodes: rootNodes + tail.nodes.dropFirst(), edges: rootEdges + tail.edges, cost: rootCost + tail.cost)
                if !candidates.contains(path) && !accepted.contains(path) { candidates.append(path) }
            }
            guard let bestIndex = candidates.indices.min(by: { before(candidates[$0], candidates[$1]) }) else {
                return (accepted, .exhausted, hopPruned)
            }
            if accepted.count == k { return (accepted, .k, hopPruned) }
            accepted.append(candidates.remove(at: bestIndex))
        }
    }
}
