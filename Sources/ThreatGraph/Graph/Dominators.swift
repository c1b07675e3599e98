/// Immediate dominators by the Cooper–Harvey–Kennedy iterative algorithm
/// ("A Simple, Fast Dominance Algorithm", 2001).
///
/// `u` dominates `v` when every route from the root to `v` passes through `u`.
public struct Dominators: Sendable {
    /// Immediate dominator of each node; the root's is itself; -1 for nodes unreachable from the root.
    public let idom: [Int32]
    /// Entry and exit times of each node in a depth-first walk of the dominator tree (-1 when unreachable).
    let enter: [Int32]
    let exit: [Int32]
    /// Reachable nodes in that walk's order (every node after its immediate dominator).
    let preorder: [Int32]

    /// Computes dominators of `graph` from `root`.
    /// - Parameters:
    ///   - graph: forward adjacency.
    ///   - reverse: reverse adjacency of the same graph.
    ///   - root: the entry node.
    /// - Complexity: O(e · d) where d is the loop-connectedness (in practice a few passes over the edges);
    ///   worst case O(n · e). Iterative DFS, no recursion.
    public init(graph: CSRGraph, reverse: CSRGraph, root: Int) {
        let n = graph.nodeCount
        // Iterative DFS for postorder.
        var postorder: [Int32] = []
        postorder.reserveCapacity(n)
        var visited = [Bool](repeating: false, count: n)
        var stack: [(node: Int32, edge: Int32)] = [(Int32(root), graph.offsets[root])]
        visited[root] = true
        while let top = stack.last {
            let u = Int(top.node)
            let end = graph.offsets[u + 1]
            var e = top.edge
            var pushed = false
            while e < end {
                let v = Int(graph.targets[Int(e)])
                e += 1
                if !visited[v] {
                    visited[v] = true
                    stack[stack.count - 1].edge = e
                    stack.append((Int32(v), graph.offsets[v]))
                    pushed = true
                    break
                }
            }
            if !pushed {
                stack.removeLast()
                postorder.append(Int32(u))
            }
        }
        var number = [Int32](repeating: -1, count: n)  // postorder number
        for (i, u) in postorder.enumerated() { number[Int(u)] = Int32(i) }
        var idom = [Int32](repeating: -1, count: n)
        idom[root] = Int32(root)
        var changed = true
        while changed {
            changed = false
            for u32 in postorder.reversed() {
                let u = Int(u32)
                if u == root { continue }
                var newIdom: Int32 = -1
                for e in reverse.edges(of: u) {
                    let p = reverse.targets[e]
                    guard idom[Int(p)] != -1 else { continue }
                    if newIdom == -1 {
                        newIdom = p
                    } else {
                        var a = p, b = newIdom
                        while a != b {
                            while number[Int(a)] < number[Int(b)] { a = idom[Int(a)] }
                            while number[Int(b)] < number[Int(a)] { b = idom[Int(b)] }
                        }
                        newIdom = a
                    }
                }
                if idom[u] != newIdom {
                    idom[u] = newIdom
                    changed = true
                }
            }
        }
        self.idom = idom
        // Number the dominator tree so that `dominates` is two comparisons.
        var children = [[Int32]](repeating: [], count: n)
        for v in 0..<n where v != root && idom[v] >= 0 { children[Int(idom[v])].append(Int32(v)) }
        var enter = [Int32](repeating: -1, count: n), exit = [Int32](repeating: -1, count: n)
        var clock: Int32 = 0
        var preorder: [Int32] = [Int32(root)]
        var walk: [(node: Int32, child: Int)] = [(Int32(root), 0)]
        enter[root] = clock; clock += 1
        while let top = walk.last {
            let u = Int(top.node)
            if top.child < children[u].count {
                walk[walk.count - 1].child += 1
                let c = children[u][top.child]
                enter[Int(c)] = clock; clock += 1
                preorder.append(c)
                walk.append((c, 0))
            } else {
                exit[u] = clock; clock += 1
                walk.removeLast()
            }
        }
        self.enter = enter
        self.exit = exit
        self.preorder = preorder
    }

    /// Whether `u` dominates `v` (every node dominates itself; nothing dominates an unreachable node).
    /// - Complexity: O(1), by the dominator tree's depth-first numbering.
    public func dominates(_ u: Int, _ v: Int) -> Bool {
        guard enter[u] >= 0, enter[v] >= 0 else { return false }
        return enter[u] <= enter[v] && exit[v] <= exit[u]
    }

    /// The strict dominators of `v`, nearest first, excluding the root.
    public func dominatorsOf(_ v: Int) -> [Int] {
        guard idom[v] != -1 else { return [] }
        var out: [Int] = []
        var x = Int(idom[v])
        while Int(idom[x]) != x {
            out.append(x)
            x = Int(idom[x])
        }
        return out
    }
}
