/// Breadth-first reachability on the movement graph.
public enum Reachability {
    /// For each node, the least trusted actor's trust that reaches it (nil: unreachable).
    ///
    /// Actors are visited in order of trust; a node is labelled by the first (least trusted) group that
    /// reaches it, and only unlabelled nodes are expanded, because anything a node reaches was reached by
    /// the group that first reached the node.
    /// - Complexity: O(n + e).
    public static func exposure(_ g: MovementGraph, trust: [Trust]) -> [Trust?] {
        var result = [Trust?](repeating: nil, count: g.nodeCount)
        let order = (0..<g.actorCount).sorted { (trust[$0].rank, g.ids[g.actorNode($0)]) < (trust[$1].rank, g.ids[g.actorNode($1)]) }
        var queue: [Int32] = []
        queue.reserveCapacity(g.nodeCount)
        var i = 0
        while i < order.count {
            let level = trust[order[i]]
            queue.removeAll(keepingCapacity: true)
            while i < order.count && trust[order[i]] == level {
                let n = g.actorNode(order[i])
                if result[n] == nil { result[n] = level; queue.append(Int32(n)) }
                i += 1
            }
            var head = 0
            while head < queue.count {
                let u = Int(queue[head]); head += 1
                for e in g.forward.edges(of: u) {
                    let v = Int(g.forward.targets[e])
                    if result[v] == nil { result[v] = level; queue.append(Int32(v)) }
                }
            }
        }
        return result
    }

    /// Nodes reachable from `sources` (forward) as a flag per node.
    /// - Complexity: O(n + e).
    public static func reachable(_ graph: CSRGraph, from sources: [Int]) -> [Bool] {
        var seen = [Bool](repeating: false, count: graph.nodeCount)
        var queue: [Int32] = []
        for s in sources where !seen[s] { seen[s] = true; queue.append(Int32(s)) }
        var head = 0
        while head < queue.count {
            let u = Int(queue[head]); head += 1
            for e in graph.edges(of: u) {
                let v = Int(graph.targets[e])
                if !seen[v] { seen[v] = true; queue.append(Int32(v)) }
            }
        }
        return seen
    }
}
