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

/// Fewest-hop routes from the virtual source that avoid one node, the same routes `Routes.tree(_:avoiding:)` gives:
/// a breadth-first tree takes out-edges in order, so its route to a node is, among the fewest-hop routes, the one
/// whose sequence of out-edge positions is lexicographically first.
///
/// For a few targets it searches backward from each target until the source is reached (a ball whose radius is
/// the route's length), then walks forward from the source taking the first out-edge that stays on a fewest-hop
/// route. Once those balls have cost as much as one tree, it builds the tree instead and stops when every target
/// is reached. Scratch arrays are kept between calls.
/// - Complexity: per call O(min(Σ ball sizes, n + e)).
struct AvoidingRouter {
    private let g: MovementGraph
    private var mark: [Int32]
    private var dist: [Int32]
    private var need: [Int32]
    private var parent: [Int32]
    private var queue: [Int32] = []
    private var stamp: Int32 = 0

    init(_ g: MovementGraph) {
        self.g = g
        mark = [Int32](repeating: 0, count: g.nodeCount)
        dist = [Int32](repeating: 0, count: g.nodeCount)
        need = [Int32](repeating: 0, count: g.nodeCount)
        parent = [Int32](repeating: -1, count: g.nodeCount)
        queue.reserveCapacity(g.nodeCount)
    }

    private mutating func nextStamp() -> Int32 {
        if stamp == Int32.max {
            stamp = 0
            for i in mark.indices { mark[i] = 0; need[i] = 0 }
        }
        stamp += 1
        return stamp
    }

    /// The route (node indices, the first after the source through `target`) of each target; nil where every
    /// route enters `avoid`.
    mutating func routes(avoiding avoid: Int, to targets: [Int]) -> [[Int32]?] {
        var result = [[Int32]?](repeating: nil, count: targets.count)
        var budget = g.forward.targets.count + g.nodeCount
        var i = 0
        while i < targets.count {
            guard let spent = ball(avoiding: avoid, to: targets[i], budget: budget) else { break }
            budget -= spent
            result[i] = walk(avoiding: avoid)
            i += 1
        }
        if i < targets.count { tree(avoiding: avoid, targets: targets, from: i, into: &result) }
        return result
    }

    /// Backward search from `target` avoiding `avoid`, recording distances to it, until the source is found.
    /// Returns the edges scanned, or nil when that exceeds `budget` (the distances are then incomplete).
    private mutating func ball(avoiding avoid: Int, to target: Int, budget: Int) -> Int? {
        let s = nextStamp()
        queue.removeAll(keepingCapacity: true)
        mark[target] = s; dist[target] = 0
        queue.append(Int32(target))
        var head = 0, scanned = 0
        if target == MovementGraph.source { return 0 }
        while head < queue.count {
            let x = Int(queue[head]); head += 1
            for e in g.backward.edges(of: x) {
                scanned += 1
                let y = Int(g.backward.targets[e])
                if y == avoid || mark[y] == s { continue }
                mark[y] = s; dist[y] = dist[x] + 1
                if y == MovementGraph.source { return scanned }
                queue.append(Int32(y))
            }
            if scanned > budget { return nil }
        }
        // The source is not reached: leave it unmarked so the walk reports no route.
        return scanned
    }

    /// The forward walk after `ball`: from the source, the first out-edge to a node one step closer each time.
    private func walk(avoiding avoid: Int) -> [Int32]? {
        let s = stamp
        let source = MovementGraph.source
        guard mark[source] == s else { return nil }
        var route: [Int32] = []
        var x = source
        var remaining = dist[source]
        while remaining > 0 {
            var moved = false
            for e in g.forward.edges(of: x) {
                let y = Int(g.forward.targets[e])
                if y != avoid && mark[y] == s && dist[y] == remaining - 1 {
                    route.append(Int32(y)); x = y; remaining -= 1; moved = true
                    break
                }
            }
            if !moved { return nil }
        }
        return route
    }

    /// Breadth-first tree from the source avoiding `avoid`, stopped once `targets[from...]` are all reached.
    private mutating func tree(avoiding avoid: Int, targets: [Int], from: Int, into result: inout [[Int32]?]) {
        let s = nextStamp()
        var remaining = 0
        for t in targets[from...] where need[t] != s { need[t] = s; remaining += 1 }
        let source = MovementGraph.source
        queue.removeAll(keepingCapacity: true)
        mark[source] = s; parent[source] = -1
        queue.append(Int32(source))
        if need[source] == s { remaining -= 1 }
        var head = 0
        search: while head < queue.count && remaining > 0 {
            let x = Int(queue[head]); head += 1
            for e in g.forward.edges(of: x) {
                let y = Int(g.forward.targets[e])
                if y == avoid || mark[y] == s { continue }
                mark[y] = s; parent[y] = Int32(x)
                queue.append(Int32(y))
                if need[y] == s { remaining -= 1; if remaining == 0 { break search } }
            }
        }
        for i in from..<targets.count {
            var x = targets[i]
            guard mark[x] == s, x != source else { continue }
            var route: [Int32] = []
            while x != source && x >= 0 && route.count <= g.nodeCount { route.append(Int32(x)); x = Int(parent[x]) }
            result[i] = route.reversed()
        }
    }
}
