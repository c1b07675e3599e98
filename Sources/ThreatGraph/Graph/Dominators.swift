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
        let postorder = Self.postorder(graph, from: root)
        idom = Self.immediateDominators(reverse, root: root, postorder: postorder)
        (enter, exit, preorder) = Self.numberTree(idom, root: root)
    }

    /// Nodes reachable from `root` in depth-first postorder (an explicit stack, so deep graphs cannot overflow).
    private static func postorder(_ graph: CSRGraph, from root: Int) -> [Int32] {
        var postorder: [Int32] = []
        postorder.reserveCapacity(graph.nodeCount)
        var visited = [Bool](repeating: false, count: graph.nodeCount)
        var stack: [(node: Int32, edge: Int32)] = [(Int32(root), graph.offsets[root])]
        visited[root] = true
        while let top = stack.last {
            let u = Int(top.node)
            var e = top.edge
            var pushed = false
            while e < graph.offsets[u + 1] {
                let v = Int(graph.targets[Int(e)])
                e += 1
                guard !visited[v] else { continue }
                visited[v] = true
                stack[stack.count - 1].edge = e
                stack.append((Int32(v), graph.offsets[v]))
                pushed = true
                break
            }
            if !pushed {
                stack.removeLast()
                postorder.append(Int32(u))
            }
        }
        return postorder
    }

    /// The iteration to a fixed point over reverse postorder, intersecting predecessors' dominators.
    private static func immediateDominators(_ reverse: CSRGraph, root: Int, postorder: [Int32]) -> [Int32] {
        var number = [Int32](repeating: -1, count: reverse.nodeCount)  // postorder number
        for (i, u) in postorder.enumerated() { number[Int(u)] = Int32(i) }
        var idom = [Int32](repeating: -1, count: reverse.nodeCount)
        idom[root] = Int32(root)
        func intersect(_ x: Int32, _ y: Int32) -> Int32 {
            var a = x, b = y
            while a != b {
                while number[Int(a)] < number[Int(b)] { a = idom[Int(a)] }
                while number[Int(b)] < number[Int(a)] { b = idom[Int(b)] }
            }
            return a
        }
        var changed = true
        while changed {
            changed = false
            for u32 in postorder.reversed() where Int(u32) != root {
                let u = Int(u32)
                var newIdom: Int32 = -1
                for e in reverse.edges(of: u) where idom[Int(reverse.targets[e])] != -1 {
                    let p = reverse.targets[e]
                    newIdom = newIdom == -1 ? p : intersect(p, newIdom)
                }
                if idom[u] != newIdom {
                    idom[u] = newIdom
                    changed = true
                }
            }
        }
        return idom
    }

    /// Entry and exit times of a depth-first walk of the dominator tree, and its preorder, so that `dominates` is two
    /// comparisons.
    private static func numberTree(_ idom: [Int32], root: Int) -> (enter: [Int32], exit: [Int32], preorder: [Int32]) {
        let n = idom.count
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
        return (enter, exit, preorder)
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
