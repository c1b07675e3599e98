/// Maximum flow by Dinic's algorithm, and the minimum cut it certifies.
struct MaxFlow {
    /// Capacity treated as infinite.
    static let infinite: Int64 = 1 << 50

    private(set) var nodeCount: Int
    private var head: [Int32]
    private var next: [Int32] = []
    private var to: [Int32] = []
    private var capacity: [Int64] = []

    /// An empty network of `n` nodes.
    init(nodeCount n: Int) {
        nodeCount = n
        head = [Int32](repeating: -1, count: n)
    }

    /// Adds the edge u→v with a capacity (and its residual twin).
    mutating func addEdge(_ u: Int, _ v: Int, _ c: Int64) {
        to.append(Int32(v)); capacity.append(c); next.append(head[u]); head[u] = Int32(to.count - 1)
        to.append(Int32(u)); capacity.append(0); next.append(head[v]); head[v] = Int32(to.count - 1)
    }

    /// Pushes the maximum flow from `s` to `t`; stops early once the flow reaches `limit`.
    /// - Complexity: O(V² E) in general, far less on these unit-depth layered networks.
    mutating func run(from s: Int, to t: Int, limit: Int64 = MaxFlow.infinite) -> Int64 {
        var flow: Int64 = 0
        var level = [Int32](repeating: -1, count: nodeCount)
        var iterator = head
        while flow < limit {
            for i in level.indices { level[i] = -1 }
            level[s] = 0
            var queue = [Int32(s)]
            var qh = 0
            while qh < queue.count {
                let u = Int(queue[qh]); qh += 1
                var e = head[u]
                while e >= 0 {
                    let v = Int(to[Int(e)])
                    if capacity[Int(e)] > 0 && level[v] < 0 { level[v] = level[u] + 1; queue.append(Int32(v)) }
                    e = next[Int(e)]
                }
            }
            if level[t] < 0 { break }
            iterator = head
            while true {
                let pushed = augment(s, t, limit - flow, &level, &iterator)
                if pushed == 0 { break }
                flow += pushed
                if flow >= limit { break }
            }
        }
        return flow
    }

    /// One blocking-flow augmentation along level-increasing edges, iteratively.
    private mutating func augment(_ s: Int, _ t: Int, _ limit: Int64, _ level: inout [Int32], _ iterator: inout [Int32]) -> Int64 {
        var stack: [Int32] = []  // edges on the current path
        var u = s
        while true {
            if u == t {
                var bottleneck = limit
                for e in stack { bottleneck = min(bottleneck, capacity[Int(e)]) }
                for e in stack {
                    capacity[Int(e)] -= bottleneck
                    capacity[Int(e) ^ 1] += bottleneck
                }
                return bottleneck
            }
            var advanced = false
            while iterator[u] >= 0 {
                let e = Int(iterator[u])
                let v = Int(to[e])
                if capacity[e] > 0 && level[v] == level[u] + 1 {
                    stack.append(Int32(e))
                    u = v
                    advanced = true
                    break
                }
                iterator[u] = next[e]
            }
            if advanced { continue }
            level[u] = -1  // dead end
            guard let e = stack.popLast() else { return 0 }
            u = Int(to[Int(e) ^ 1])
            iterator[u] = next[Int(iterator[u])]
        }
    }

    /// Nodes reachable from `s` in the residual network (the source side of a minimum cut).
    func sourceSide(_ s: Int) -> [Bool] {
        var seen = [Bool](repeating: false, count: nodeCount)
        seen[s] = true
        var queue = [s]
        var qh = 0
        while qh < queue.count {
            let u = queue[qh]; qh += 1
            var e = head[u]
            while e >= 0 {
                let v = Int(to[Int(e)])
                if capacity[Int(e)] > 0 && !seen[v] { seen[v] = true; queue.append(v) }
                e = next[Int(e)]
            }
        }
        return seen
    }
}
