/// Strongly connected components (Tarjan's algorithm with an explicit stack, so deep graphs cannot overflow the
/// call stack).
/// - Complexity: O(n + e) time and O(n) memory.
struct StronglyConnected {
    /// Component of each node. Components are numbered in topological order of the condensation: every edge
    /// between two components goes from a lower number to a higher one.
    let component: [Int32]
    /// Number of components.
    let count: Int

    init(_ graph: CSRGraph) {
        let n = graph.nodeCount
        var index = [Int32](repeating: -1, count: n)
        var low = [Int32](repeating: 0, count: n)
        var onStack = [Bool](repeating: false, count: n)
        var stack: [Int32] = []
        var finished = [Int32](repeating: -1, count: n)  // components in completion order (sinks first)
        var next: Int32 = 0
        var completed: Int32 = 0
        var call: [(node: Int32, edge: Int32)] = []
        for root in 0..<n where index[root] < 0 {
            call.append((Int32(root), graph.offsets[root]))
            index[root] = next; low[root] = next; next += 1
            stack.append(Int32(root)); onStack[root] = true
            while let top = call.last {
                let u = Int(top.node)
                var e = top.edge
                let end = graph.offsets[u + 1]
                var descended = false
                while e < end {
                    let v = Int(graph.targets[Int(e)])
                    e += 1
                    if index[v] < 0 {
                        call[call.count - 1].edge = e
                        index[v] = next; low[v] = next; next += 1
                        stack.append(Int32(v)); onStack[v] = true
                        call.append((Int32(v), graph.offsets[v]))
                        descended = true
                        break
                    } else if onStack[v] {
                        low[u] = min(low[u], index[v])
                    }
                }
                if descended { continue }
                call.removeLast()
                if let parent = call.last { low[Int(parent.node)] = min(low[Int(parent.node)], low[u]) }
                if low[u] == index[u] {
                    while let w = stack.popLast() {
                        onStack[Int(w)] = false
                        finished[Int(w)] = completed
                        if Int(w) == u { break }
                    }
                    completed += 1
                }
            }
        }
        // Tarjan completes sinks first; reverse so edges go from lower to higher numbers.
        let total = Int(completed)
        component = finished.map { Int32(total - 1) - $0 }
        count = total
    }
}

extension StronglyConnected {
    /// The nodes of each component, ascending, in one flat array.
    struct Members {
        let nodes: [Int32]
        let start: [Int]
        /// The nodes of component `c`.
        func list(_ c: Int) -> ArraySlice<Int32> { nodes[start[c]..<start[c + 1]] }
    }

    /// The nodes of each component (a counting sort by component).
    /// - Complexity: O(n).
    var members: Members {
        var start = [Int](repeating: 0, count: count + 1)
        for c in component { start[Int(c) + 1] += 1 }
        for c in 0..<count { start[c + 1] += start[c] }
        var nodes = [Int32](repeating: 0, count: component.count)
        var fill = start
        for (v, c) in component.enumerated() { nodes[fill[Int(c)]] = Int32(v); fill[Int(c)] += 1 }
        return Members(nodes: nodes, start: start)
    }
}
