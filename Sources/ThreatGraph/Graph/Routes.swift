/// Fewest-hop routes on the movement graph.
public enum Routes {
    /// A breadth-first tree from the virtual source that never enters `avoid`; out-edges are taken in the
    /// graph's order (sorted by target id), so the route to each node is the fewest-hop one with ties broken
    /// towards smaller ids at each step.
    /// - Returns: the parent of each node (-1: not reached; the source is its own parent).
    /// - Complexity: O(n + e).
    public static func tree(_ g: MovementGraph, avoiding avoid: Int?) -> [Int32] {
        var parent = [Int32](repeating: -1, count: g.nodeCount)
        parent[MovementGraph.source] = Int32(MovementGraph.source)
        var queue: [Int32] = [Int32(MovementGraph.source)]
        var head = 0
        while head < queue.count {
            let u = Int(queue[head]); head += 1
            for e in g.forward.edges(of: u) {
                let v = Int(g.forward.targets[e])
                if v == avoid || parent[v] != -1 { continue }
                parent[v] = Int32(u)
                queue.append(Int32(v))
            }
        }
        return parent
    }

    /// The route (ids, from an actor to `target`) read off a tree; empty when not reached.
    public static func route(_ g: MovementGraph, tree parent: [Int32], to target: Int) -> [String] {
        guard parent[target] != -1, target != MovementGraph.source else { return [] }
        var nodes: [String] = []
        var x = target
        var guardCount = 0
        while x != MovementGraph.source && guardCount <= g.nodeCount {
            nodes.append(g.ids[x])
            x = Int(parent[x])
            guardCount += 1
        }
        return nodes.reversed()
    }
}
