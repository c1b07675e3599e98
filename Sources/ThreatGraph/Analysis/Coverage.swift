/// Computes findings: for every asset and every threat that applies to it, the covering controls, status,
/// depth, bypassed filters and risk (DESIGN "Coverage" and "Risk").
/// What coverage computed once and later analyses reuse: which control mitigates which threat, and where controls sit.
struct CoverageContext: Sendable {
    /// Number of catalog threats (row length of `mitigates`).
    let threatCount: Int
    /// `mitigates[c * threatCount + t]`: control c mitigates threat t (a parent covers its sub-techniques).
    let mitigates: [Bool]
    /// Controls on each asset and inherited from its boundaries.
    let local: [[Coverage.Placement]]
    /// Dominators of the movement graph from the virtual source.
    let dominators: Dominators
    /// Control effectiveness after overrides.
    let effectiveness: Effectiveness
    /// Position of each asset in id order.
    let assetRank: [Int32]
    /// Position of each threat in the order of `THREAT@` (the order of finding ids with the same asset).
    let threatRank: [Int32]
    /// Start of each asset's findings in the findings array (findings of one asset are contiguous), and the end.
    let findingStart: [Int32]
    let findingEnd: [Int32]

    /// Whether control `c` mitigates threat `t` (catalog indices).
    @inline(__always) func mitigates(_ c: Int, _ t: Int) -> Bool { mitigates[c * threatCount + t] }
}

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
    static func findings(catalog: Catalog, workload w: Workload, graph g: MovementGraph, exposure: [Trust?],
                         frameworks: [String], asOf: CalendarDate) -> (findings: Findings, bypassSearchComplete: Bool, context: CoverageContext) {
        let applicability = Applicability(catalog: catalog, frameworks: frameworks)
        let threatCount = catalog.threats.count
        // mitigates[c * T + t]: control c mitigates threat t (a parent covers its sub-techniques).
        var mitigates = [Bool](repeating: false, count: catalog.controls.count * threatCount)
        for ci in catalog.controls.indices {
            for ti in catalog.mitigatedThreats(byControl: ci) { mitigates[ci * threatCount + ti] = true }
        }
        var boundaryIndex: [String: Int] = [:]
        for (i, b) in w.boundaries.enumerated() where boundaryIndex[b.id] == nil { boundaryIndex[b.id] = i }
        // Where controls sit, by index: asset ids, then boundary ids, then joined flow ids as they are met.
        var names = w.assets.map(\.id) + w.boundaries.map(\.id)

        func resolve(_ refs: [ControlRef], via: CoverageVia, onIndex: Int) -> [Placement] {
            refs.compactMap { ref in
                guard ref.status != .notApplicable, let ci = catalog.controlIndex[ref.id] else { return nil }
                return Placement(control: ci, status: ref.status, via: via, onIndex: Int32(onIndex))
            }
        }
        /// Controls on the asset and inherited from its boundaries (nearest first).
        func local(_ ai: Int) -> [Placement] {
            let a = w.assets[ai]
            var result = resolve(a.controls, via: .direct, onIndex: ai)
            var seen = Set<String>()
            var current = a.boundary
            while let b = current, let bi = boundaryIndex[b], seen.insert(b).inserted {
                let boundary = w.boundaries[bi]
                result += resolve(boundary.controls, via: .inherited, onIndex: w.assets.count + bi)
                current = boundary.parent
            }
            return result
        }
        let localPlacements = w.assets.indices.map(local)

        let dominators = Dominators(graph: g.forward, reverse: g.backward, root: MovementGraph.source)

        // Inbound filters on each node's strict dominators: the nearest placement of each (control, status), built
        // top-down over the dominator tree so a long chain costs O(n · filters), not O(n²).
        var dominatorFilters = [[Placement]](repeating: [], count: g.nodeCount)
        for v32 in dominators.preorder where Int(v32) != MovementGraph.source {
            let v = Int(v32)
            let p = Int(dominators.idom[v])
            var list = dominatorFilters[p]
            if let pi = g.assetIndex(ofNode: p) {
                for q in localPlacements[pi] where catalog.controls[q.control].scope == .inbound {
                    let placed = Placement(control: q.control, status: q.status, via: .dominator, onIndex: Int32(pi))
                    if let i = list.firstIndex(where: { $0.control == q.control && $0.status == q.status }) { list[i] = placed } else { list.append(placed) }
                }
            }
            dominatorFilters[v] = list
        }

        let assetOrder = w.assets.indices.sorted { w.assets[$0].id < w.assets[$1].id }
        let assetThreats = w.assets.indices.map { applicability.threats(forKind: w.assets[$0].kind) }
        let bypasses = BypassCandidates(graph: g, workload: w, catalog: catalog, local: localPlacements, dominators: dominators,
                                        exposure: exposure, order: assetOrder)

        // Acceptances and not-applicable entries by finding key (threat index × asset count + asset index); an entry
        // naming an unknown threat or asset matches no finding.
        func findingKey(_ threat: String, _ asset: String) -> Int? {
            guard let ti = catalog.threatIndex[threat], let node = g.node(asset), let ai = g.assetIndex(ofNode: node) else { return nil }
            return ti * w.assets.count + ai
        }
        var acceptanceByKey: [Int: Int] = [:]
        for (i, r) in w.acceptedRisks.enumerated() {
            if let k = findingKey(r.threat, r.asset), acceptanceByKey[k] == nil { acceptanceByKey[k] = i }
        }
        var notApplicableByKey: [Int: Int] = [:]
        for (i, n) in w.notApplicable.enumerated() {
            if let k = findingKey(n.threat, n.asset), notApplicableByKey[k] == nil { notApplicableByKey[k] = i }
        }

        // Per-control and per-threat facts read in the loop below, kept in flat arrays.
        var layerOrder: [String: Int] = [:]
        for (i, l) in catalog.layers.enumerated() { layerOrder[l.id] = i }
        let controlLayerBit = catalog.controls.map { 1 << (layerOrder[$0.layer] ?? 0) }
        let controlPreventive = catalog.controls.map { $0.kind == .preventive }
        let effectivenessTable = Effectiveness(catalog: catalog, workload: w)
        let threatIDs = catalog.threats.map(\.id)
        // Layer-id lists by layer mask, shared by every finding with that mask.
        let layerLists: [[String]] = (0..<(1 << catalog.layers.count)).map { mask in
            catalog.layers.indices.filter { mask & (1 << $0) != 0 }.map { catalog.layers[$0].id }
        }
        var findings = FindingColumns(threatIDs: threatIDs, assetIDs: w.assets.map(\.id), nodeIDs: g.ids, names: [], layerLists: layerLists,
                                      threatLikelihood: catalog.threats.map(\.likelihood), baseEffectiveness: catalog.controls.map(\.effectiveness),
                                      assetSensitivity: w.assets.map(\.sensitivity), storesEffectiveness: !w.overrides.isEmpty,
                                      reserve: assetThreats.reduce(0) { $0 + $1.count })
        var findingStart = [Int32](repeating: 0, count: w.assets.count), findingEnd = findingStart
        // Distinct implemented controls of the finding being built: `seen[c] == stamp`.
        var seen = [Int](repeating: 0, count: catalog.controls.count)
        var stamp = 0
        // Read in the loop without touching the catalog's or workload's nested values.
        let threatSeverity = catalog.threats.map(\.severity), threatLikelihood = catalog.threats.map(\.likelihood)
        let overrides = w.overrides
        let hasOverrides = !overrides.isEmpty
        let assetIDs = w.assets.map(\.id)
        // Inbound controls of filter f: `filterControls[filterStart[f]..<filterStart[f + 1]]`.
        var filterControls: [Int32] = [], filterStart = [0]
        for list in bypasses.filters {
            filterControls += list.map(Int32.init)
            filterStart.append(filterControls.count)
        }
        // Once a thirty-second of the assets is done, the flat arrays are sized for all of them (with a quarter to spare),
        // so they are not grown by doubling, which would briefly hold the old and the new array.
        let sampleSize = max(1, assetOrder.count / 32)
        var done = 0
        for ai in assetOrder {
            done += 1
            if done == sampleSize && assetOrder.count > 1_000 {
                let scale = Double(assetOrder.count) / Double(done) * 1.25
                findings.controls.reserveCapacity(Int(Double(findings.controls.count) * scale))
                if hasOverrides { findings.effectiveness.reserveCapacity(Int(Double(findings.effectiveness.count) * scale)) }
                findings.bypassed.reserveCapacity(Int(Double(findings.bypassed.count) * scale))
            }
            findingStart[ai] = Int32(findings.count)
            defer { findingEnd[ai] = Int32(findings.count) }
            let threats = assetThreats[ai]
            guard !threats.isEmpty else { continue }
            let assetID = assetIDs[ai]
            let node = g.assetNode(ai)
            // Candidate placements for this asset, independent of the threat (plain values: no reference counts below).
            let candidates = localPlacements[ai] + dominatorFilters[node]
                + flowPlacements(node: node, graph: g, workload: w, catalog: catalog, names: &names)
            // Bypassed filter assets of this asset, without strings: filter index, route index, filter asset index.
            var bypassHere: [(filter: Int32, route: Int32, on: Int32)] = []
            for k in bypasses.entries(of: ai) {
                let filter = Int(bypasses.entryFilter[k])
                bypassHere.append((Int32(filter), Int32(k), Int32(bypasses.filterAssets[filter])))
            }
            let exposureLevel = exposure[node]

            for ti in threats {
                var severity = threatSeverity[ti]
                var likelihood = threatLikelihood[ti]
                var appliedOverrides: [Int] = []
                if hasOverrides {
                    let threatID = threatIDs[ti]
                    for (oi, o) in overrides.enumerated() where o.control == nil && o.threat == threatID && (o.asset == nil || o.asset == assetID) {
                        if let s = o.severity { severity = s }
                        if let l = o.likelihood { likelihood = l }
                        appliedOverrides.append(oi)
                    }
                }
                let first = findings.controls.count
                stamp += 1
                var residual = 1.0
                var layerMask = 0
                var preventive = false
                for p in candidates where mitigates[p.control * threatCount + ti] {
                    let ci = p.control
                    // Direct and dominator placements sit on the asset `onIndex` names; overrides can target it.
                    let (effectiveness, overrideIndex) = effectivenessTable.value(
                        ci, threat: ti, onAsset: p.via == .direct || p.via == .dominator ? assetIDs[Int(p.onIndex)] : nil, at: ai)
                    if let oi = overrideIndex, !appliedOverrides.contains(oi) { appliedOverrides.append(oi) }
                    findings.controls.append(.init(control: Int32(ci), on: p.onIndex, status: p.status, via: p.via))
                    if hasOverrides { findings.effectiveness.append(effectiveness) }
                    if p.status == .implemented {
                        if seen[ci] != stamp { seen[ci] = stamp; residual *= (1 - effectiveness) }
                        layerMask |= controlLayerBit[ci]
                        if controlPreventive[ci] { preventive = true }
                    }
                }
                let controlCount = findings.controls.count - first
                if controlCount > 1 { sortControls(&findings, first..<findings.controls.count, names: names) }
                // Bypassed inbound filters.
                let firstBypass = findings.bypassed.count
                for candidate in bypassHere {
                    for k in filterStart[Int(candidate.filter)]..<filterStart[Int(candidate.filter) + 1] where mitigates[Int(filterControls[k]) * threatCount + ti] {
                        findings.bypassed.append(.init(control: filterControls[k], on: candidate.on, route: candidate.route))
                    }
                }
                if findings.bypassed.count - firstBypass > 1 {
                    findings.bypassed[firstBypass...].sort { $0.control != $1.control ? $0.control < $1.control : assetIDs[Int($0.on)] < assetIDs[Int($1.on)] }
                }

                var status: FindingStatus
                var acceptance: Int?
                var acceptanceState: AcceptanceState?
                let key = ti * assetIDs.count + ai
                let notApplicable = notApplicableByKey.isEmpty ? nil : notApplicableByKey[key]
                let accepted = acceptanceByKey.isEmpty ? nil : acceptanceByKey[key]
                if notApplicable != nil {
                    status = .notApplicable
                } else if preventive {
                    status = .covered
                } else {
                    status = controlCount == 0 ? .gap : .partial
                    if let a = accepted {
                        acceptance = a
                        let valid = asOf <= w.acceptedRisks[a].expires
                        acceptanceState = valid ? .valid : .expired
                        if valid { status = .accepted }
                    }
                }
                if status == .covered, let a = accepted {
                    acceptance = a
                    acceptanceState = asOf <= w.acceptedRisks[a].expires ? .valid : .expired
                }
                let ownLikelihood = likelihood == threatLikelihood[ti] ? nil : likelihood
                let extra: FindingColumns.Extra? = acceptance == nil && notApplicable == nil && appliedOverrides.isEmpty && ownLikelihood == nil ? nil
                    : FindingColumns.Extra(likelihood: ownLikelihood, acceptance: acceptance, acceptanceState: acceptanceState,
                                           notApplicable: notApplicable, overrides: appliedOverrides.sorted())
                findings.append(asset: ai, threat: ti, status: status, exposure: exposureLevel, layerMask: layerMask, severity: severity,
                                residual: residual, extra: extra)
            }
        }
        var assetRank = [Int32](repeating: 0, count: w.assets.count)
        for (r, ai) in assetOrder.enumerated() { assetRank[ai] = Int32(r) }
        let threatOrder = catalog.threats.indices.map { ($0, Array((catalog.threats[$0].id + "@").utf8)) }
            .sorted { $0.1.lexicographicallyPrecedes($1.1) }
        var threatRank = [Int32](repeating: 0, count: threatCount)
        for (r, t) in threatOrder.enumerated() { threatRank[t.0] = Int32(r) }
        let context = CoverageContext(threatCount: threatCount, mitigates: mitigates, local: localPlacements, dominators: dominators,
                                      effectiveness: effectivenessTable, assetRank: assetRank, threatRank: threatRank, findingStart: findingStart, findingEnd: findingEnd)
        findings.names = names
        findings.routeNodes = bypasses.routeNodes
        findings.routeStart = bypasses.routeStart
        findings.routeEnd = bypasses.routeEnd
        return (Findings(table: FindingTable(findings)), bypasses.complete, context)
    }

    /// Sorts a finding's covering controls by control id (catalog indices are in id order), implemented first, via,
    /// then where they sit.
    /// A stable insertion sort (a finding has a handful of controls), moving both parallel arrays.
    private static func sortControls(_ findings: inout FindingColumns, _ range: Range<Int>, names: [String]) {
        func before(_ a: FindingColumns.PackedControl, _ b: FindingColumns.PackedControl) -> Bool {
            if a.control != b.control { return a.control < b.control }
            if a.status != b.status { return a.status == .implemented }
            if a.via != b.via { return a.via.rawValue < b.via.rawValue }
            return a.on != b.on && names[Int(a.on)] < names[Int(b.on)]
        }
        for i in range.dropFirst() {
            let x = findings.controls[i], e = findings.storesEffectiveness ? findings.effectiveness[i] : 0
            var j = i
            while j > range.lowerBound && before(x, findings.controls[j - 1]) {
                findings.controls[j] = findings.controls[j - 1]
                if findings.storesEffectiveness { findings.effectiveness[j] = findings.effectiveness[j - 1] }
                j -= 1
            }
            findings.controls[j] = x
            if findings.storesEffectiveness { findings.effectiveness[j] = e }
        }
    }

    /// For each asset, the implemented inbound filters upstream of it that some route avoids, with that route.
    ///
    /// A filter asset u is bypassed for an asset v when u reaches v but does not dominate it. The reaching filters
    /// are propagated as short sorted lists over the condensation of the movement graph (the first `perAsset` in id
    /// order, plus room for the filters that dominate, plus one to detect overflow); each kept pair then gets the
    /// fewest-hop route avoiding u from `AvoidingRouter`.
    /// - Complexity: O((n + e) · K) for the lists with K = perAsset + filter dominators + 1, plus the routes: per
    ///   filter asset at most one breadth-first tree.
    struct BypassCandidates {
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

        init(graph g: MovementGraph, workload w: Workload, catalog: Catalog, local: [[Placement]], dominators: Dominators,
             exposure: [Trust?], order: [Int], perAsset: Int = 8) {
            entryStart = Array(repeating: 0, count: w.assets.count + 1)
            for i in order where exposure[g.assetNode(i)] != nil {
                var controls: [Int] = []
                for p in local[i] where p.status == .implemented && catalog.controls[p.control].scope == .inbound && !controls.contains(p.control) {
                    controls.append(p.control)
                }
                guard !controls.isEmpty else { continue }
                controls.sort()
                filterAssets.append(i)
                filters.append(controls)
            }
            guard !filterAssets.isEmpty else { return }
            let n = g.nodeCount
            var filterOf = [Int32](repeating: -1, count: n)
            for (fi, a) in filterAssets.enumerated() { filterOf[g.assetNode(a)] = Int32(fi) }
            // Filter assets among each node's dominators (itself included), counted down the dominator tree.
            var filterDominators = [Int32](repeating: 0, count: n)
            var most: Int32 = 0
            for v32 in dominators.preorder {
                let v = Int(v32)
                let p = Int(dominators.idom[v])
                let above = (p >= 0 && p != v) ? filterDominators[p] : 0
                filterDominators[v] = above + (filterOf[v] >= 0 ? 1 : 0)
                most = max(most, filterDominators[v])
            }
            let keep = perAsset + Int(most) + 1
            // Reaching filters per component, in topological order: its own filters merged with its predecessors'.
            let scc = StronglyConnected(g.forward)
            // Members of each component: `members[memberStart[c]..<memberStart[c + 1]]`.
            var memberStart = [Int](repeating: 0, count: scc.count + 1)
            for v in 0..<n { memberStart[Int(scc.component[v]) + 1] += 1 }
            for c in 0..<scc.count { memberStart[c + 1] += memberStart[c] }
            var members = [Int32](repeating: 0, count: n)
            var fill = memberStart
            for v in 0..<n { let c = Int(scc.component[v]); members[fill[c]] = Int32(v); fill[c] += 1 }
            // Reaching filters of component c: `reaching[reachingStart[c]..<reachingStart[c + 1]]`, sorted; each list
            // is written once, in component order.
            var reaching: [Int32] = []
            var reachingStart = [Int](repeating: 0, count: scc.count + 1)
            var list: [Int32] = [], merged: [Int32] = []
            list.reserveCapacity(keep + 1)
            merged.reserveCapacity(keep + 1)
            for c in 0..<scc.count {
                list.removeAll(keepingCapacity: true)
                for k in memberStart[c]..<memberStart[c + 1] where filterOf[Int(members[k])] >= 0 { list.append(filterOf[Int(members[k])]) }
                list.sort()
                for k in memberStart[c]..<memberStart[c + 1] {
                    for e in g.backward.edges(of: Int(members[k])) {
                        let pc = Int(scc.component[Int(g.backward.targets[e])])
                        guard pc != c && reachingStart[pc + 1] > reachingStart[pc] else { continue }
                        Self.merge(list, reaching[reachingStart[pc]..<reachingStart[pc + 1]], keep: keep, into: &merged)
                        swap(&list, &merged)
                    }
                }
                reaching += list.prefix(keep)
                reachingStart[c + 1] = reaching.count
            }
            // The first perAsset filters that reach each asset without dominating it.
            var pairs = [[Int]](repeating: [], count: filterAssets.count)  // per filter, the assets that keep it
            for ai in w.assets.indices {
                let v = g.assetNode(ai)
                guard exposure[v] != nil else { continue }
                var kept = 0
                let c = Int(scc.component[v])
                for fi in reaching[reachingStart[c]..<reachingStart[c + 1]] where !dominators.dominates(g.assetNode(filterAssets[Int(fi)]), v) {
                    if kept == perAsset { complete = false; break }
                    pairs[Int(fi)].append(ai)
                    kept += 1
                }
            }
            // Routes in filter order, then the entries sorted by asset (a stable counting sort keeps filters ascending).
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
            for a in 0..<w.assets.count { entryStart[a + 1] += entryStart[a] }
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

    /// Controls on every flow into `node` that the movement graph uses: implemented when implemented on all of them,
    /// planned when present on all of them but not implemented on all.
    static func flowPlacements(node: Int, graph g: MovementGraph, workload w: Workload, catalog: Catalog, names: inout [String]) -> [Placement] {
        var flows: [Int] = []
        for e in g.backward.edges(of: node) {
            let label = Int(g.backward.labels[e])
            if label >= 0 && !flows.contains(label) { flows.append(label) }
        }
        guard let first = flows.first, !w.flows[first].controls.isEmpty else { return [] }
        if flows.count > 1 { flows.sort { w.flows[$0].id < w.flows[$1].id } }
        let on = flows.count == 1 ? w.flows[first].id : flows.map { w.flows[$0].id }.joined(separator: ", ")
        let onIndex = Int32(names.count)
        var result: [Placement] = []
        for ref in w.flows[first].controls where ref.status != .notApplicable {
            guard let ci = catalog.controlIndex[ref.id], !result.contains(where: { $0.control == ci }) else { continue }
            var allImplemented = true
            var onAll = true
            for f in flows {
                // Whether the flow carries the control (not as not-applicable), and implemented.
                var present = false, implemented = false
                for other in w.flows[f].controls where other.status != .notApplicable && other.id == ref.id {
                    present = true
                    if other.status == .implemented { implemented = true }
                }
                if !present { onAll = false; break }
                if !implemented { allImplemented = false }
            }
            if onAll { result.append(Placement(control: ci, status: allImplemented ? .implemented : .planned, via: .flow, onIndex: onIndex)) }
        }
        if !result.isEmpty { names.append(on) }
        return result
    }
}
