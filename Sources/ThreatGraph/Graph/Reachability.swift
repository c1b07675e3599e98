/// Breadth-first reachability on the movement graph.
public enum Reachability {
    /// For each node, the least trusted actor's trust that reaches it (nil: unreachable).
    /// - Complexity: as `exposureByVector`.
    public static func exposure(_ g: MovementGraph, trust: [Trust], gates: Gates = Gates()) -> [Trust?] {
        exposureByVector(g, trust: trust, gates: gates).input
    }

    /// For each node, the least trusted actor's trust that reaches it with any content (`input`) and with content
    /// that persists in it (`stored`: the route's last flow persists in the node).
    ///
    /// A gated node is reached by actors below its gate's trust but not left by them; a gated flow is not crossed by
    /// them. Actors are taken one trust level at a time, least trusted first, each level a breadth-first search that
    /// labels the nodes no less trusted level reached.
    /// - Complexity: O(L · (n + e)) for L trust levels among the actors (at most five); O(n + e) without gates.
    public static func exposureByVector(_ g: MovementGraph, trust: [Trust], gates: Gates = Gates()) -> (input: [Trust?], stored: [Trust?]) {
        var input = [Trust?](repeating: nil, count: g.nodeCount), stored = input
        var seen = [Int](repeating: -1, count: g.nodeCount)
        var queue: [Int32] = []
        queue.reserveCapacity(g.nodeCount)
        for (pass, level) in Set(trust).sorted().enumerated() {
            queue.removeAll(keepingCapacity: true)
            for i in 0..<g.actorCount where trust[i] == level {
                let n = g.actorNode(i)
                seen[n] = pass
                queue.append(Int32(n))
            }
            var head = 0
            while head < queue.count {
                let u = Int(queue[head]); head += 1
                if input[u] == nil { input[u] = level }
                if gates.stops(level, atNode: u) { continue }
                for e in g.forward.edges(of: u) {
                    let v = Int(g.forward.targets[e])
                    guard !gates.stops(level, onFlow: Int(g.forward.labels[e])) else { continue }
                    // Levels come least trusted first, so the first label is the least trusted.
                    if stored[v] == nil && g.persists(edge: e, from: u) { stored[v] = level }
                    guard seen[v] != pass else { continue }
                    // Without gates, whatever a less trusted level reached it also expanded.
                    if gates.isEmpty && input[v] != nil { continue }
                    seen[v] = pass
                    queue.append(Int32(v))
                }
            }
        }
        return (input, stored)
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

/// Trust gates of a workload: implemented controls that stop less trusted actors (authentication, private
/// endpoints…), on nodes of the movement graph and on flows.
public struct Gates: Sendable {
    /// The trust needed to move beyond each node (nil: no gate); empty when nothing is gated.
    public let node: [Trust?]
    /// The trust needed to cross each flow (nil: no gate); empty when nothing is gated.
    public let flow: [Trust?]
    /// Whether nothing is gated.
    public var isEmpty: Bool { node.isEmpty && flow.isEmpty }

    /// No gates.
    public init() {
        node = []
        flow = []
    }

    /// The gates of a resolved workload: an implemented control with a `gate` on an asset (or inherited by it where
    /// it deploys) gates the asset's node; on a flow, the flow.
    public init(_ r: ResolvedWorkload, catalog: Catalog, graph g: MovementGraph) {
        func strongest(_ list: [PlacedControl]) -> Trust? {
            list.filter { $0.status == .implemented }.compactMap { catalog.controls[$0.control].gate }.max()
        }
        var node = [Trust?](repeating: nil, count: g.nodeCount)
        for ai in r.workload.assets.indices { node[g.assetNode(ai)] = strongest(r.assetControls[ai]) }
        let flow = r.flowControls.map(strongest)
        self.node = node.contains { $0 != nil } ? node : []
        self.flow = flow.contains { $0 != nil } ? flow : []
    }

    /// Whether actors of trust `level` are stopped at node `n` (they reach it but go no further).
    func stops(_ level: Trust, atNode n: Int) -> Bool {
        guard !node.isEmpty, let gate = node[n] else { return false }
        return level < gate
    }

    /// Whether actors of trust `level` cannot cross flow `f` (-1: the source's edge to an actor).
    func stops(_ level: Trust, onFlow f: Int) -> Bool {
        guard !flow.isEmpty, f >= 0, let gate = flow[f] else { return false }
        return level < gate
    }
}
