/// For each asset, the implemented inbound filters upstream of it that some route avoids, with that route.
///
/// A filter asset u is bypassed for an asset v when u reaches v but does not dominate it. The reaching filters
/// are propagated as short sorted lists over the condensation of the movement graph (the first `perAsset` in id
/// order, plus room for the filters that dominate, plus one to detect overflow); each kept pair then gets the
/// fewest-hop route avoiding u from `AvoidingRouter`.
/// - Complexity: O((n + e) · K) for the lists with K = perAsset + filter dominators + 1, plus the routes: per
///   filter asset at most one breadth-first tree.
struct BypassCandidates: Sendable {
    struct Candidate {
        var filter: Int
        /// Movement-graph nodes from an actor to the asset.
        var route: ArraySlice<Int32>
    }
    /// Asset index of each filter asset, sorted by asset id.
    var filterAssets: [Int] = []
    /// Implemented inbound control indices of each filter asset.
    var filters: [[Int]] = []
    /// Bypassed filter assets of asset a, by filter index ascending: entries `entryStart[a]..<entryStart[a + 1]`,
    /// each a filter and its route `routeNodes[routeStart[k]..<routeEnd[k]]`. Flat, so an estate's hundreds of
    /// thousands of routes are not as many arrays.
    var entryStart: [Int]
    var entryFilter: [Int32] = []
    var routeStart: [Int32] = [], routeEnd: [Int32] = []
    var routeNodes: [Int32] = []

    /// Entries of asset `a`.
    func entries(of a: Int) -> Range<Int> { entryStart[a]..<entryStart[a + 1] }

    /// Per asset index, bypassed filter assets (by filter index, ascending) with the route that avoids them.
    var candidates: [[Candidate]] {
        entryStart.indices.dropLast().map { a in
            entries(of: a).map { Candidate(filter: Int(entryFilter[$0]), route: routeNodes[Int(routeStart[$0])..<Int(routeEnd[$0])]) }
        }
    }
    /// False when some asset has more than `perAsset` bypassed filter assets.
    var complete = true

    init(graph g: MovementGraph, catalog: Catalog, local: [[Coverage.Placement]], dominators: Dominators,
         exposure: [Trust?], order: [Int], perAsset: Int = 8) {
        entryStart = Array(repeating: 0, count: g.assetCount + 1)
        collectFilters(graph: g, catalog: catalog, local: local, exposure: exposure, order: order)
        guard !filterAssets.isEmpty else { return }
        var filterOf = [Int32](repeating: -1, count: g.nodeCount)
        for (fi, a) in filterAssets.enumerated() { filterOf[g.assetNode(a)] = Int32(fi) }
        let keep = perAsset + Self.mostFilterDominators(filterOf, dominators) + 1
        let scc = StronglyConnected(g.forward)
        let reaching = Self.reachingFilters(g, scc: scc, filterOf: filterOf, keep: keep)
        // The first perAsset filters that reach each asset without dominating it; per filter, the assets that keep it.
        var pairs = [[Int]](repeating: [], count: filterAssets.count)
        for ai in 0..<g.assetCount where exposure[g.assetNode(ai)] != nil {
            let v = g.assetNode(ai)
            var kept = 0
            for fi in reaching.list(Int(scc.component[v])) where !dominators.dominates(g.assetNode(filterAssets[Int(fi)]), v) {
                if kept == perAsset { complete = false; break }
                pairs[Int(fi)].append(ai)
                kept += 1
            }
        }
        storeRoutes(pairs, graph: g)
    }

    /// Reachable assets carrying implemented inbound controls, in id order, with those controls.
    private mutating func collectFilters(graph g: MovementGraph, catalog: Catalog, local: [[Coverage.Placement]],
                                         exposure: [Trust?], order: [Int]) {
        for i in order where exposure[g.assetNode(i)] != nil {
            var controls: [Int] = []
            for p in local[i] where p.status == .implemented && catalog.controls[p.control].scope == .inbound && !controls.contains(p.control) {
                controls.append(p.control)
            }
            guard !controls.isEmpty else { continue }
            filterAssets.append(i)
            filters.append(controls.sorted())
        }
    }

    /// The most filter assets among any node's dominators (itself included), counted down the dominator tree.
    private static func mostFilterDominators(_ filterOf: [Int32], _ dominators: Dominators) -> Int {
        var count = [Int](repeating: 0, count: filterOf.count)
        var most = 0
        for v32 in dominators.preorder {
            let v = Int(v32)
            let p = Int(dominators.idom[v])
            count[v] = ((p >= 0 && p != v) ? count[p] : 0) + (filterOf[v] >= 0 ? 1 : 0)
            most = max(most, count[v])
        }
        return most
    }

    /// Sorted lists of at most `keep` + 1 filters per strongly connected component, flat.
    private struct ReachingLists {
        var items: [Int32] = []
        var start: [Int]
        func list(_ c: Int) -> ArraySlice<Int32> { items[start[c]..<start[c + 1]] }
    }

    /// The filters reaching each component, in topological order: its own merged with its predecessors'.
    private static func reachingFilters(_ g: MovementGraph, scc: StronglyConnected, filterOf: [Int32], keep: Int) -> ReachingLists {
        let members = scc.members
        var reaching = ReachingLists(start: [Int](repeating: 0, count: scc.count + 1))
        var list: [Int32] = [], merged: [Int32] = []
        list.reserveCapacity(keep + 1)
        merged.reserveCapacity(keep + 1)
        for c in 0..<scc.count {
            list = members.list(c).compactMap { filterOf[Int($0)] >= 0 ? filterOf[Int($0)] : nil }.sorted()
            for v in members.list(c) {
                for e in g.backward.edges(of: Int(v)) {
                    let pc = Int(scc.component[Int(g.backward.targets[e])])
                    guard pc != c && !reaching.list(pc).isEmpty else { continue }
                    merge(list, reaching.list(pc), keep: keep, into: &merged)
                    swap(&list, &merged)
                }
            }
            reaching.items += list.prefix(keep)
            reaching.start[c + 1] = reaching.items.count
        }
        return reaching
    }

    /// Routes in filter order, then the entries sorted by asset (a stable counting sort keeps filters ascending).
    private mutating func storeRoutes(_ pairs: [[Int]], graph g: MovementGraph) {
        var router = AvoidingRouter(g)
        var found: [(asset: Int32, filter: Int32, start: Int32, end: Int32)] = []
        for (fi, assets) in pairs.enumerated() where !assets.isEmpty {
            let routes = router.routes(avoiding: g.assetNode(filterAssets[fi]), to: assets.map(g.assetNode))
            for (ai, route) in zip(assets, routes) {
                guard let route else { continue }
                let start = Int32(routeNodes.count)
                routeNodes += route
                found.append((Int32(ai), Int32(fi), start, Int32(routeNodes.count)))
            }
        }
        for entry in found { entryStart[Int(entry.asset) + 1] += 1 }
        for a in 0..<g.assetCount { entryStart[a + 1] += entryStart[a] }
        var next = entryStart
        entryFilter = Array(repeating: 0, count: found.count)
        routeStart = entryFilter
        routeEnd = entryFilter
        for entry in found {
            let k = next[Int(entry.asset)]
            next[Int(entry.asset)] += 1
            entryFilter[k] = entry.filter
            routeStart[k] = entry.start
            routeEnd[k] = entry.end
        }
    }

    /// The sorted union of two sorted lists, at most `keep` + 1 long, written to `out`.
    static func merge(_ a: [Int32], _ b: ArraySlice<Int32>, keep: Int, into out: inout [Int32]) {
        out.removeAll(keepingCapacity: true)
        var i = 0, j = b.startIndex
        while out.count <= keep && (i < a.count || j < b.endIndex) {
            if j == b.endIndex || (i < a.count && a[i] < b[j]) { out.append(a[i]); i += 1 }
            else if i == a.count || b[j] < a[i] { out.append(b[j]); j += 1 }
            else { out.append(a[i]); i += 1; j += 1 }
        }
    }
}
