/// Options of the attack-path search.
public struct PathOptions: Sendable {
    /// Paths per pair for the top pairs.
    public var k: Int = 3
    /// Most hops per path.
    public var maxHops: Int = 12
    /// How many of the most probable (actor, target) pairs get k paths; the rest get their best path only.
    public var pairs: Int = 25
    /// Only paths from this actor.
    public var from: String?
    /// Only paths to this target.
    public var to: String?
    /// Settled search states allowed per pair before the enumeration stops.
    public var workPerPair: Int = 200_000
    /// Most actors × nodes for one Dijkstra per actor; above it one multi-source Dijkstra finds, for each target,
    /// only the actor with the most probable path (and the result says so).
    public var allPairsWork: Int = 20_000_000
    /// Settled search states allowed over all pairs; once spent, the remaining top pairs keep their best path and
    /// report `stoppedBy` `work`.
    public var workTotal: Int = 5_000_000

    /// The defaults: k 3, 12 hops, 25 pairs.
    public init() {}
}

extension Analysis {
    /// Attack paths over the exploit graph: the most probable path for every (actor, target) pair, and for the
    /// most probable `pairs` pairs the `k` most probable simple paths of at most `maxHops` hops.
    /// - Complexity: one Dijkstra per actor, O(A · (n + e) log n), plus per top pair one Yen enumeration bounded by
    ///   `workPerPair` settled states, and all of them by `workTotal`.
    public func attackPaths(_ options: PathOptions = PathOptions()) -> (edges: [ExploitEdge], paths: [AttackPath], allPairs: Bool) {
        let table = HopTable(self)
        let eg = ExploitGraph(table, trust: nil)
        let (paths, allPairs) = attackPaths(table, eg, options)
        return (exploitEdges(table), paths, allPairs)
    }

    /// The exploit graph's edges for an actor that passes every gate, each gated one with the credential hop that
    /// crosses its gate without passing it.
    func exploitEdges(_ table: HopTable) -> [ExploitEdge] {
        let ids = graph.ids
        return table.endpoints.indices.compactMap { i -> ExploitEdge? in
            // Into a target, the last-hop threat (it includes every move).
            let (p, t) = table.last[i].0 > 0 ? table.last[i] : table.open[i], (cp, ct) = table.credential[i]
            guard p > 0 || cp > 0 else { return nil }
            let crossing = table.gate[i].map { ExploitEdge.GateCrossing(trust: $0, probability: cp, threat: cp > 0 ? Int(ct) : nil) }
            return ExploitEdge(from: ids[Int(table.endpoints[i].from)], to: ids[Int(table.endpoints[i].to)], probability: p,
                               threat: p > 0 ? Int(t) : nil, gate: crossing)
        }.sorted { ($0.from, $0.to) < ($1.from, $1.to) }
    }

    /// Position of each node in id order (the source first).
    func nodeRanks() -> [Int32] {
        let order = graph.ids.indices.sorted { graph.ids[$0] < graph.ids[$1] }
        var rank = [Int32](repeating: 0, count: order.count)
        for (r, n) in order.enumerated() { rank[n] = Int32(r) }
        return rank
    }

    func attackPaths(_ table: HopTable, _ open: ExploitGraph, _ options: PathOptions) -> (paths: [AttackPath], allPairs: Bool) {
        var search = AttackPathSearch(self, table, open: open, options)
        return search.run()
    }

    /// Product of a path's hop probabilities.
    func probability(of path: KShortestPaths.Path, _ eg: ExploitGraph) -> Double {
        path.edges.reduce(1.0) { $0 * eg.probability[Int($1)] }
    }

    /// One hop of a path; `candidates` caches, per asset kind, the controls deployable on it or on a flow.
    func hop(_ e: Int, _ eg: ExploitGraph, candidates: inout [String: [Int]]) -> AttackHop {
        let (u, v) = (eg.endpoints[e].from, Int32(eg.real(Int(eg.endpoints[e].to))))
        let threatIndex = Int(eg.threat[e])
        let threat = catalog.threats[threatIndex]
        let kind = graph.assetIndex(ofNode: Int(v)).map { workload.assets[$0].kind } ?? ""
        let deployable: [Int]
        if let c = candidates[kind] {
            deployable = c
        } else {
            deployable = catalog.controls.indices.filter { catalog.controls[$0].deployOn.contains(kind) || catalog.controls[$0].deployOn.contains("flow") }
            candidates[kind] = deployable
        }
        // An outbound control on the sender stops the move too (human approval of an agent's tool call, say).
        let senderKind = graph.assetIndex(ofNode: Int(u)).map { workload.assets[$0].kind }
        let onSender = senderKind.map { k in
            catalog.controls.indices.filter { catalog.controls[$0].scope == .outbound && catalog.controls[$0].deployOn.contains(k) }
        } ?? []
        let target = graph.assetIndex(ofNode: Int(v)), sender = graph.assetIndex(ofNode: Int(u))
        func fit(_ ci: Int, _ i: Int?) -> Bool {
            i.map { catalog.controls[ci].fits(service: workload.assets[$0].service, cloud: workload.cloud(ofAsset: $0)) } ?? true
        }
        let fitting = deployable.filter { fit($0, target) } + onSender.filter { fit($0, sender) }
        let breakers = Set(fitting).filter { context.mitigates($0, threatIndex) }.sorted()
        return AttackHop(from: graph.ids[Int(u)], to: graph.ids[Int(v)], probability: eg.probability[e], threat: threatIndex,
                         tactic: tactic(of: threat), crossesGate: eg.crossed[e], breakers: breakers)
    }

    /// The tactics a threat serves as a hop: its own, or for an entry without any, those of its related ATLAS
    /// techniques.
    func hopTactics(of threat: Threat) -> Set<String> {
        if !threat.tactics.isEmpty || threat.framework == "atlas" { return Set(threat.tactics) }
        return Set(threat.related.compactMap { catalog.threat($0) }.filter { $0.framework == "atlas" }.flatMap(\.tactics))
    }

    /// The first of a threat's tactics in kill-chain order; for another framework's entry without tactics, that of
    /// its first related ATLAS technique with tactics.
    func tactic(of threat: Threat) -> String? {
        func first(_ t: Threat) -> String? {
            t.tactics.compactMap { catalog.tactic($0) }.min { ($0.order, $0.id) < ($1.order, $1.id) }?.id
        }
        if threat.framework == "atlas" || !threat.tactics.isEmpty { return first(threat) }
        for r in threat.related {
            if let t = catalog.threat(r), t.framework == "atlas", let tactic = first(t) { return tactic }
        }
        return nil
    }
}

/// Dijkstra from one or several sources; equal-cost ties go to the path whose node ranks come first.
/// - Complexity: O((n + e) log n), plus path comparisons on exact ties.
struct ShortestPathTree {
    let dist: [Double]
    let parentEdge: [Int32]
    let parentNode: [Int32]
    let sources: Set<Int>

    init(graph: CSRGraph, weight: [Double], sources: [Int], rank: [Int32]) {
        var dist = [Double](repeating: .infinity, count: graph.nodeCount)
        var parentEdge = [Int32](repeating: -1, count: graph.nodeCount)
        var parentNode = [Int32](repeating: -1, count: graph.nodeCount)
        var settled = [Bool](repeating: false, count: graph.nodeCount)
        var heap = BinaryHeap<(Double, Int32, Int32)> { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        for source in sources {
            dist[source] = 0
            heap.push((0, rank[source], Int32(source)))
        }
        func sequence(_ n: Int) -> [Int32] {
            var s: [Int32] = []
            var x = n
            while x >= 0 && s.count <= graph.nodeCount { s.append(rank[x]); x = Int(parentNode[x]) }
            return s.reversed()
        }
        while let (d, _, u32) = heap.pop() {
            let u = Int(u32)
            if settled[u] || d > dist[u] { continue }
            settled[u] = true
            for e in graph.edges(of: u) {
                let v = Int(graph.targets[e])
                if settled[v] { continue }
                let nd = d + weight[Int(graph.labels[e])]
                if nd < dist[v] || (nd == dist[v] && (sequence(u) + [rank[v]]).lexicographicallyPrecedes(sequence(v))) {
                    dist[v] = nd
                    parentEdge[v] = graph.labels[e]
                    parentNode[v] = Int32(u)
                    heap.push((nd, rank[v], Int32(v)))
                }
            }
        }
        self.dist = dist
        self.parentEdge = parentEdge
        self.parentNode = parentNode
        self.sources = Set(sources)
    }

    /// The path to `target`, or nil when unreachable.
    func path(to target: Int) -> KShortestPaths.Path? {
        guard dist[target].isFinite, !sources.contains(target) else { return nil }
        var nodes: [Int32] = [Int32(target)], edges: [Int32] = []
        var x = target
        while !sources.contains(x) {
            guard parentEdge[x] >= 0 else { return nil }
            edges.append(parentEdge[x])
            x = Int(parentNode[x])
            nodes.append(Int32(x))
        }
        return KShortestPaths.Path(nodes: nodes.reversed(), edges: edges.reversed(), cost: dist[target])
    }
}
