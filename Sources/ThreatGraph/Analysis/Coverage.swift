/// What coverage computed once and later analyses reuse: where controls sit, which control mitigates which threat,
/// effectiveness after overrides, and where each asset's findings are.
struct CoverageContext: Sendable {
    /// Mitigation matrix and placements.
    let index: CoverageIndex
    /// Control effectiveness after overrides.
    let effectiveness: Effectiveness
    /// Position of each asset in id order.
    let assetRank: [Int32]
    /// Position of each threat in the order of `THREAT@` (the order of finding ids with the same asset).
    let threatRank: [Int32]
    /// Start of each asset's findings in the findings array (findings of one asset are contiguous), and the end.
    let findingStart: [Int32]
    let findingEnd: [Int32]

    /// Controls on each asset and inherited from its boundaries.
    var local: [[Coverage.Placement]] { index.local }
    /// Dominators of the movement graph from the virtual source.
    var dominators: Dominators { index.dominators }
    /// Whether control `c` mitigates threat `t` (catalog indices).
    @inline(__always) func mitigates(_ c: Int, _ t: Int) -> Bool { index.mitigates(c, t) }
}

/// Computes findings: for every asset and every threat that applies to it, the covering controls, status, depth,
/// bypassed filters and risk.
enum Coverage {
    /// A control placed where it can count for an asset.
    struct Placement: Sendable {
        var control: Int
        var status: ControlStatus
        var via: CoverageVia
        /// Where it sits, as an index into the findings' names: the asset index for direct and dominator placements
        /// (the asset overrides apply to), then boundaries, then joined flow ids.
        var onIndex: Int32
    }

    /// Every finding, sorted by (asset id, threat id).
    /// - Complexity: O(A · (T_a · P_a) + F · (n + e)) for A assets with T_a applicable threats and P_a placements,
    ///   and F assets carrying inbound filters (one reachability pass and one avoiding-tree per filter asset).
    static func findings(catalog: Catalog, resolved r: ResolvedWorkload, graph g: MovementGraph, exposure: (input: [Trust?], stored: [Trust?]),
                         frameworks: [String], asOf: CalendarDate) -> (findings: Findings, bypassSearchComplete: Bool, context: CoverageContext) {
        let w = r.workload
        let index = CoverageIndex(catalog: catalog, resolved: r, graph: g)
        let applicability = Applicability(catalog: catalog, frameworks: frameworks)
        let assetOrder = w.assets.indices.sorted { w.assets[$0].id < w.assets[$1].id }
        let bypasses = BypassCandidates(graph: g, catalog: catalog, local: index.local, dominators: index.dominators,
                                        exposure: exposure.input, order: assetOrder)
        let effectiveness = Effectiveness(catalog: catalog, resolved: r)
        let threats = w.assets.indices.map { applicability.threats(forKind: w.assets[$0].kind, capabilities: Set(w.assets[$0].capabilities)) }
        var builder = FindingBuilder(catalog: catalog, resolved: r, graph: g, index: index, effectiveness: effectiveness,
                                     bypasses: bypasses, asOf: asOf, reserve: threats.reduce(0) { $0 + $1.count })
        var findingStart = [Int32](repeating: 0, count: w.assets.count), findingEnd = findingStart
        for ai in assetOrder {
            findingStart[ai] = Int32(builder.columns.count)
            let node = g.assetNode(ai)
            builder.addFindings(ofAsset: ai, threats: threats[ai], exposure: (exposure.input[node], exposure.stored[node]))
            findingEnd[ai] = Int32(builder.columns.count)
        }
        var assetRank = [Int32](repeating: 0, count: w.assets.count)
        for (rank, ai) in assetOrder.enumerated() { assetRank[ai] = Int32(rank) }
        let context = CoverageContext(index: index, effectiveness: effectiveness, assetRank: assetRank,
                                      threatRank: threatRank(catalog), findingStart: findingStart, findingEnd: findingEnd)
        return (Findings(table: FindingTable(builder.finish())), bypasses.complete, context)
    }

    /// Position of each threat in the order of `THREAT@`, the order of finding ids on one asset.
    private static func threatRank(_ catalog: Catalog) -> [Int32] {
        let keys = catalog.threats.map { Array(($0.id + "@").utf8) }
        let order = keys.indices.sorted { keys[$0].lexicographicallyPrecedes(keys[$1]) }
        var rank = [Int32](repeating: 0, count: keys.count)
        for (r, t) in order.enumerated() { rank[t] = Int32(r) }
        return rank
    }
}
