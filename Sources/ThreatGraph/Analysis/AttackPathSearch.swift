/// The attack-path search of one analysis: the best path of every (actor, target) pair, then for the most probable
/// `pairs` pairs the `k` most probable simple paths, within the counted work bounds; hops, breakers and precedents are
/// cached across paths, since many paths share them.
struct AttackPathSearch {
    /// An (actor, target) pair with its most probable path.
    private struct Pair {
        var actor: Int, target: Int
        /// The exploit graph the actor's trust sees.
        var view: Int
        var best: KShortestPaths.Path
        var probability: Double
    }

    private let analysis: Analysis
    /// The exploit graph per trust level among the actors (one when nothing is gated), and each actor's.
    private let views: [ExploitGraph]
    private let actorView: [Int]
    private let options: PathOptions
    /// Position of each node in id order.
    private let rank: [Int32]
    private let precedentIndex: PrecedentIndex
    private var hopCache: [Int: AttackHop] = [:]
    private var precedentCache: [[Int]: [Precedent]] = [:]
    private var breakerCandidates: [String: [Int]] = [:]
    /// Work spent by the k-path enumerations so far.
    private var spent = 0

    init(_ a: Analysis, _ table: HopTable, open: ExploitGraph, _ options: PathOptions) {
        analysis = a
        // A trust level that passes every gate sees the open graph; each lower level gets its own.
        let trusts = a.workload.actors.map(\.trust)
        let highest = (a.gates.node + a.gates.flow).compactMap { $0 }.max()
        let levels = Set(trusts.filter { t in highest.map { t < $0 } ?? false }).sorted()
        views = [open] + levels.map { ExploitGraph(table, trust: $0) }
        actorView = trusts.map { t in levels.firstIndex(of: t).map { $0 + 1 } ?? 0 }
        self.options = options
        rank = open.ranks(a.nodeRanks())
        precedentIndex = PrecedentIndex(catalog: a.catalog)
    }

    /// Every path found, sorted by (actor, target, rank), and whether each pair got its own best path.
    mutating func run() -> (paths: [AttackPath], allPairs: Bool) {
        let w = analysis.workload
        let actors = (0..<analysis.graph.actorCount).filter { options.from == nil || w.actors[$0].id == options.from }
        let isTarget = analysis.resolved.isTarget
        let targets = isTarget.indices.filter { isTarget[$0] && (options.to == nil || w.assets[$0].id == options.to) }
        guard !actors.isEmpty, !targets.isEmpty else { return ([], true) }
        let allPairs = actors.count * analysis.graph.nodeCount <= options.allPairsWork
        let pairs = bestPaths(actors: actors, targets: targets, perActor: allPairs)
        var result: [AttackPath] = []
        for (i, pair) in pairs.enumerated() {
            let (found, complete, stop) = i < options.pairs ? enumerate(pair) : ([pair.best], false, .pairs)
            for (r, path) in found.enumerated() {
                let hops = path.edges.map { hop(Int($0), view: pair.view) }
                result.append(AttackPath(actor: w.actors[pair.actor].id, target: w.assets[pair.target].id, rank: r + 1,
                                         probability: analysis.probability(of: path, views[pair.view]), complete: complete, stoppedBy: stop,
                                         hops: hops, precedents: precedents(hops)))
            }
        }
        return (result.sorted { ($0.actor, $0.target, $0.rank) < ($1.actor, $1.target, $1.rank) }, allPairs)
    }

    /// The best path of every pair, most probable first: one Dijkstra per actor, or one from all actors of a trust
    /// level together (each target then gets its best actor only) when that would be too much work.
    private func bestPaths(actors: [Int], targets: [Int], perActor: Bool) -> [Pair] {
        let g = analysis.graph, w = analysis.workload
        var pairs: [Pair] = []
        func add(_ tree: ShortestPathTree, view: Int, actor: Int?, target t: Int) -> Pair? {
            guard let sink = views[view].sink(of: g.assetNode(t)), let path = tree.path(to: sink), let a = actor ?? g.actorIndex(ofNode: Int(path.nodes[0])) else { return nil }
            return Pair(actor: a, target: t, view: view, best: path, probability: analysis.probability(of: path, views[view]))
        }
        if perActor {
            for a in actors {
                let eg = views[actorView[a]]
                let tree = ShortestPathTree(graph: eg.forward, weight: eg.weight, sources: [g.actorNode(a)], rank: rank)
                pairs += targets.compactMap { add(tree, view: actorView[a], actor: a, target: $0) }
            }
        } else {
            var best: [Int: Pair] = [:]
            for view in views.indices {
                let sources = actors.filter { actorView[$0] == view }.map(g.actorNode)
                guard !sources.isEmpty else { continue }
                let tree = ShortestPathTree(graph: views[view].forward, weight: views[view].weight, sources: sources, rank: rank)
                for t in targets {
                    guard let p = add(tree, view: view, actor: nil, target: t) else { continue }
                    if let b = best[t], b.probability > p.probability || (b.probability == p.probability && w.actors[b.actor].id < w.actors[p.actor].id) { continue }
                    best[t] = p
                }
            }
            pairs = best.keys.sorted().compactMap { best[$0] }
        }
        return pairs.sorted { x, y in
            if x.probability != y.probability { return x.probability > y.probability }
            let ax = w.actors[x.actor].id, ay = w.actors[y.actor].id
            if ax != ay { return ax < ay }
            return w.assets[x.target].id < w.assets[y.target].id
        }
    }

    /// The k most probable simple paths of one pair (Yen), within what is left of the total work bound.
    private mutating func enumerate(_ pair: Pair) -> (paths: [KShortestPaths.Path], complete: Bool, stop: PathStop?) {
        guard spent < options.workTotal else { return ([pair.best], false, .work) }
        let g = analysis.graph, eg = views[pair.view]
        let target = g.assetNode(pair.target)
        var used = 0
        let (all, reason, hopPruned) = KShortestPaths.yen(graph: eg.forward, backward: eg.backward, weight: eg.weight,
                                                          source: g.actorNode(pair.actor), target: eg.sink(of: target) ?? target,
                                                            k: options.k, maxHops: options.maxHops, rank: rank,
                                                            workLimit: min(options.workPerPair, options.workTotal - spent), work: &used)
        spent += min(used, options.workPerPair)
        // A path that passes its own target before ending there is not simple in the workload.
        let paths = all.filter { !$0.nodes.dropLast().contains(Int32(target)) }
        let found = paths.isEmpty ? [pair.best] : paths
        switch reason {
        case .exhausted:
            let complete = !hopPruned && !paths.isEmpty
            return (found, complete, complete ? nil : .maxHops)
        case .k: return (found, false, .k)
        case .work: return (found, false, .work)
        }
    }

    private mutating func hop(_ e: Int, view: Int) -> AttackHop {
        let key = e * views.count + view
        if let h = hopCache[key] { return h }
        let h = analysis.hop(e, views[view], candidates: &breakerCandidates)
        hopCache[key] = h
        return h
    }

    /// Precedents depend only on the hops' threats; many paths share them.
    private mutating func precedents(_ hops: [AttackHop]) -> [Precedent] {
        let key = Set(hops.map(\.threat)).sorted()
        if let p = precedentCache[key] { return p }
        let shared = precedentIndex.precedents(forThreats: key)
        precedentCache[key] = shared
        return shared
    }
}
