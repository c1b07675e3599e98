/// Builds findings one asset at a time into the findings' columns: covering controls, bypassed filters, status,
/// acceptance and overrides of each (asset, threat) pair.
struct FindingBuilder {
    private let resolved: ResolvedWorkload
    private let catalog: Catalog
    private let graph: MovementGraph
    private let index: CoverageIndex
    private let effectiveness: Effectiveness
    private let bypasses: BypassCandidates
    private let asOf: CalendarDate
    /// Layer bit and preventive flag of each control; severity and likelihood of each threat.
    private let controlLayerBit: [Int], controlPreventive: [Bool]
    private let threatSeverity: [Severity], threatLikelihood: [Double]
    /// How each threat's influence must arrive.
    private let threatVector: [Threat.Vector?]
    /// Threat overrides (no control named) by threat index, in model order.
    private let threatOverrides: [Int: [Int]]
    /// The first acceptance and not-applicable entry naming each finding.
    private let acceptance: [FindingKey: Int], notApplicable: [FindingKey: Int]
    /// Inbound controls of bypass filter f: `filterControls[filterStart[f]..<filterStart[f + 1]]`.
    private let filterControls: [Int32], filterStart: [Int]
    /// The columns filled so far.
    private(set) var columns: FindingColumns
    /// Distinct implemented controls of the finding being built: `seen[c] == stamp`.
    private var seen: [Int], stamp = 0

    init(catalog: Catalog, resolved r: ResolvedWorkload, graph g: MovementGraph, index: CoverageIndex,
         effectiveness: Effectiveness, bypasses: BypassCandidates, asOf: CalendarDate, reserve: Int) {
        let w = r.workload
        resolved = r
        self.catalog = catalog
        graph = g
        self.index = index
        self.effectiveness = effectiveness
        self.bypasses = bypasses
        self.asOf = asOf
        let layerOrder = Dictionary(catalog.layers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        controlLayerBit = catalog.controls.map { 1 << (layerOrder[$0.layer] ?? 0) }
        controlPreventive = catalog.controls.map { $0.kind == .preventive }
        threatSeverity = catalog.threats.map(\.severity)
        threatLikelihood = catalog.threats.map(\.likelihood)
        threatVector = catalog.threats.map(\.vector)
        var threatOverrides: [Int: [Int]] = [:]
        for (i, o) in r.overrides.enumerated() where !o.unresolved && w.overrides[i].control == nil {
            if let t = o.threat { threatOverrides[t, default: []].append(i) }
        }
        self.threatOverrides = threatOverrides
        acceptance = Self.firstEntry(r.acceptanceTarget)
        notApplicable = Self.firstEntry(r.notApplicableTarget)
        filterControls = bypasses.filters.flatMap { $0.map(Int32.init) }
        filterStart = bypasses.filters.reduce(into: [0]) { $0.append($0[$0.count - 1] + $1.count) }
        seen = [Int](repeating: 0, count: catalog.controls.count)
        let layerLists: [[String]] = (0..<(1 << catalog.layers.count)).map { mask in
            catalog.layers.indices.filter { mask & (1 << $0) != 0 }.map { catalog.layers[$0].id }
        }
        columns = FindingColumns(threatIDs: catalog.threats.map(\.id), assetIDs: r.assetIDs, nodeIDs: g.ids,
                                 names: r.assetIDs + w.boundaries.map(\.id), layerLists: layerLists,
                                 threatLikelihood: threatLikelihood, baseEffectiveness: catalog.controls.map(\.effectiveness),
                                 assetSensitivity: r.effectiveSensitivity, storesEffectiveness: !w.overrides.isEmpty, reserve: reserve)
    }

    /// Adds the findings of asset `ai` for its applicable threats (sorted by id).
    mutating func addFindings(ofAsset ai: Int, threats: [Int], exposure: (input: Trust?, stored: Trust?)) {
        guard !threats.isEmpty else { return }
        let node = graph.assetNode(ai)
        // Candidate placements for this asset, independent of the threat: one list for threats whose content may
        // arrive by any route, one for stored threats (only routes whose last flow persists in the asset).
        let candidates = index.local[ai] + index.dominatorFilters[node] + routePlacements(node: node, persisting: false)
        let hasStored = threats.contains { threatVector[$0] == .stored }
        let storedCandidates = hasStored ? index.local[ai] + index.storedDominatorFilters[node] + routePlacements(node: node, persisting: true) : []
        // Bypassed filter assets of this asset: filter index, route index, filter asset index.
        let bypassHere = bypasses.entries(of: ai).map { k in
            let filter = Int(bypasses.entryFilter[k])
            return (filter: filter, route: Int32(k), on: Int32(bypasses.filterAssets[filter]))
        }
        let storedRoutes = hasStored ? bypassHere.filter { isStoredBypass($0.route, filterAsset: Int($0.on), node: node) } : []
        for ti in threats {
            let stored = threatVector[ti] == .stored
            addFinding(asset: ai, threat: ti, candidates: stored ? storedCandidates : candidates, bypassHere: stored ? storedRoutes : bypassHere,
                       exposure: exposure)
        }
    }

    /// Whether a bypass route also bypasses the filter for stored threats: the filter is not on every route whose
    /// last flow persists in the asset, and the route's own last flow persists (else it is not shown).
    private func isStoredBypass(_ route: Int32, filterAsset: Int, node: Int) -> Bool {
        guard !index.dominatesStored(graph.assetNode(filterAsset), node, nodeCount: graph.nodeCount) else { return false }
        let end = Int(bypasses.routeEnd[Int(route)]), start = Int(bypasses.routeStart[Int(route)])
        guard end - start >= 2 else { return false }
        let u = Int(bypasses.routeNodes[end - 2])
        return graph.forward.edges(of: u).contains { Int(graph.forward.targets[$0]) == node && graph.persists(edge: $0, from: u) }
    }

    /// Controls on every flow into the node and outbound on every sender into it, with the names of where they sit.
    private mutating func routePlacements(node: Int, persisting: Bool) -> [Coverage.Placement] {
        let onFlows = index.flowPlacements(node: node, graph: graph, resolved: resolved, persisting: persisting,
                                           onIndex: Int32(columns.names.count))
        if !onFlows.placements.isEmpty { columns.names.append(flowName(onFlows.flows)) }
        let callers = index.callerPlacements(node: node, graph: graph, catalog: catalog, persisting: persisting,
                                             onIndex: Int32(columns.names.count))
        if !callers.placements.isEmpty {
            columns.names.append(callers.senders.map { resolved.workload.assets[$0].id }.sorted().joined(separator: ", "))
        }
        return onFlows.placements + callers.placements
    }

    /// The columns, with the bypass routes.
    func finish() -> FindingColumns {
        var c = columns
        c.routeNodes = bypasses.routeNodes
        c.routeStart = bypasses.routeStart
        c.routeEnd = bypasses.routeEnd
        return c
    }

    /// The name of where flow controls sit: the flow ids in id order, joined.
    private func flowName(_ flows: [Int]) -> String {
        flows.map { resolved.workload.flows[$0].id }.sorted().joined(separator: ", ")
    }

    private mutating func addFinding(asset ai: Int, threat ti: Int, candidates: [Coverage.Placement],
                                     bypassHere: [(filter: Int, route: Int32, on: Int32)], exposure: (input: Trust?, stored: Trust?)) {
        var severity = threatSeverity[ti], likelihood = threatLikelihood[ti]
        var applied: [Int] = []
        for oi in threatOverrides[ti] ?? [] where resolved.overrides[oi].asset.map({ $0 == ai }) ?? true {
            let o = resolved.workload.overrides[oi]
            if let s = o.severity { severity = s }
            if let l = o.likelihood { likelihood = l }
            applied.append(oi)
        }
        let covering = appendCoveringControls(asset: ai, threat: ti, candidates: candidates, overrides: &applied)
        appendBypassedFilters(threat: ti, bypassHere: bypassHere)
        let key = FindingKey(threat: ti, asset: ai)
        let acceptanceIndex = acceptance[key], notApplicableIndex = notApplicable[key]
        let acceptanceState = acceptanceIndex.map { asOf <= resolved.workload.acceptedRisks[$0].expires ? AcceptanceState.valid : .expired }
        let status = FindingStatus.precedence(notApplicable: notApplicableIndex != nil, preventiveImplemented: covering.preventive,
                                              acceptance: acceptanceState, hasCoveringControls: covering.count > 0)
        // An acceptance is kept on the finding when it is open, accepted or covered (not when not applicable).
        let keepsAcceptance = notApplicableIndex == nil
        let ownLikelihood = likelihood == threatLikelihood[ti] ? nil : likelihood
        let extra: FindingColumns.Extra? = (keepsAcceptance && acceptanceIndex != nil) || notApplicableIndex != nil || !applied.isEmpty || ownLikelihood != nil
            ? FindingColumns.Extra(likelihood: ownLikelihood, acceptance: keepsAcceptance ? acceptanceIndex : nil,
                                   acceptanceState: keepsAcceptance ? acceptanceState : nil, notApplicable: notApplicableIndex, overrides: applied.sorted())
            : nil
        columns.append(asset: ai, threat: ti, status: status, exposure: Self.exposure(threatVector[ti], reach: exposure.input, stored: exposure.stored), layerMask: covering.layerMask, severity: severity,
                       residual: covering.residual, extra: extra)
    }

    /// Appends the placements that mitigate the threat, sorted, and returns their residual over distinct implemented
    /// controls, their layer mask, whether one is preventive, and how many there are.
    private mutating func appendCoveringControls(asset ai: Int, threat ti: Int, candidates: [Coverage.Placement],
                                                 overrides: inout [Int]) -> (residual: Double, layerMask: Int, preventive: Bool, count: Int) {
        let first = columns.controls.count
        stamp += 1
        var residual = 1.0, layerMask = 0, preventive = false
        for p in candidates where index.mitigates(p.control, ti) {
            let ci = p.control
            // Direct and dominator placements sit on the asset `onIndex` names; overrides can target it.
            let onAsset = p.via == .direct || p.via == .dominator ? Int(p.onIndex) : nil
            let (value, overrideIndex) = effectiveness.value(ci, threat: ti, onAsset: onAsset, at: ai)
            if let oi = overrideIndex, !overrides.contains(oi) { overrides.append(oi) }
            columns.controls.append(.init(control: Int32(ci), on: p.onIndex, status: p.status, via: p.via))
            if columns.storesEffectiveness { columns.effectiveness.append(value) }
            guard p.status == .implemented else { continue }
            if seen[ci] != stamp { seen[ci] = stamp; residual *= (1 - value) }
            layerMask |= controlLayerBit[ci]
            if controlPreventive[ci] { preventive = true }
        }
        let count = columns.controls.count - first
        if count > 1 { columns.sortControls(first..<columns.controls.count) }
        return (residual, layerMask, preventive, count)
    }

    /// Appends the bypassed inbound filters that mitigate the threat, sorted by control, then filter asset id.
    private mutating func appendBypassedFilters(threat ti: Int, bypassHere: [(filter: Int, route: Int32, on: Int32)]) {
        let first = columns.bypassed.count
        for candidate in bypassHere {
            for k in filterStart[candidate.filter]..<filterStart[candidate.filter + 1] where index.mitigates(Int(filterControls[k]), ti) {
                columns.bypassed.append(.init(control: filterControls[k], on: candidate.on, route: candidate.route))
            }
        }
        guard columns.bypassed.count - first > 1 else { return }
        let ids = columns.assetIDs
        columns.bypassed[first...].sort { $0.control != $1.control ? $0.control < $1.control : ids[Int($0.on)] < ids[Int($1.on)] }
    }

    /// A finding's exposure by its threat's vector: through the supply chain, suppliers; through the cloud
    /// platform, the insiders who hold its credentials; through stored content, the least trusted actor whose content
    /// persists in the asset; otherwise the least trusted actor that reaches it.
    static func exposure(_ vector: Threat.Vector?, reach: Trust?, stored: Trust?) -> Trust? {
        switch vector {
        case .supply: .supplier
        case .platform: .insider
        case .stored: stored
        case .input, nil: reach
        }
    }

    /// The index of the first entry naming each finding.
    private static func firstEntry(_ targets: [FindingKey?]) -> [FindingKey: Int] {
        var map: [FindingKey: Int] = [:]
        for (i, key) in targets.enumerated() { if let key, map[key] == nil { map[key] = i } }
        return map
    }
}
