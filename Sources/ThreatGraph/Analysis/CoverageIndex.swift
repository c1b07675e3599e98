/// Which control mitigates which threat, and where controls sit for each asset: built once per analysis from the
/// resolved workload and read by coverage, the exploit graph, paths and plans.
struct CoverageIndex: Sendable {
    /// Number of catalog threats (row length of `mitigates`).
    let threatCount: Int
    /// `mitigates[c * threatCount + t]`: control c mitigates threat t (the catalog's parent rule applied).
    let mitigates: [Bool]
    /// Controls on each asset, then those inherited from its boundaries (nearest first) that deploy on its kind.
    let local: [[Coverage.Placement]]
    /// Dominators of the movement graph from the virtual source.
    let dominators: Dominators
    /// Per movement-graph node, the inbound filters on its strict dominators: the nearest placement of each
    /// (control, status).
    let dominatorFilters: [[Coverage.Placement]]

    /// - Complexity: O(C · T) for the matrix, O(r) for r placed controls, O(n · filters) for the dominator filters.
    init(catalog: Catalog, resolved r: ResolvedWorkload, graph g: MovementGraph) {
        threatCount = catalog.threats.count
        var mitigates = [Bool](repeating: false, count: catalog.controls.count * threatCount)
        for ci in catalog.controls.indices {
            for ti in catalog.mitigatedThreats(byControl: ci) { mitigates[ci * threatCount + ti] = true }
        }
        self.mitigates = mitigates
        let assetCount = r.workload.assets.count
        func placement(_ p: PlacedControl, at ai: Int) -> Coverage.Placement {
            switch p.place {
            case .boundary(let b): Coverage.Placement(control: p.control, status: p.status, via: .inherited, onIndex: Int32(assetCount + b))
            case .asset, .flow: Coverage.Placement(control: p.control, status: p.status, via: .direct, onIndex: Int32(ai))
            }
        }
        // A control inherited from a boundary counts only on assets of a kind it deploys on, unless it deploys on
        // `boundary` (it then acts on everything inside: an account-wide audit trail, say).
        let boundaryWide = catalog.controls.map { $0.deployOn.contains(Control.boundaryPlace) }
        local = (0..<assetCount).map { ai in
            let kind = r.workload.assets[ai].kind
            let inherited = (r.assetBoundary[ai].map { r.inheritedControls[$0] } ?? []).filter {
                boundaryWide[$0.control] || catalog.controls[$0.control].deployOn.contains(kind)
            }
            return (r.assetControls[ai] + inherited).map { placement($0, at: ai) }
        }
        dominators = Dominators(graph: g.forward, reverse: g.backward, root: MovementGraph.source)
        dominatorFilters = Self.dominatorFilters(catalog: catalog, graph: g, local: local, dominators: dominators)
    }

    /// Whether control `c` mitigates threat `t` (catalog indices).
    @inline(__always) func mitigates(_ c: Int, _ t: Int) -> Bool { mitigates[c * threatCount + t] }

    /// Inbound filters on each node's strict dominators, built top-down over the dominator tree so a long chain costs
    /// O(n · filters), not O(n²).
    private static func dominatorFilters(catalog: Catalog, graph g: MovementGraph, local: [[Coverage.Placement]],
                                         dominators: Dominators) -> [[Coverage.Placement]] {
        var filters = [[Coverage.Placement]](repeating: [], count: g.nodeCount)
        for v32 in dominators.preorder where Int(v32) != MovementGraph.source {
            let v = Int(v32)
            let p = Int(dominators.idom[v])
            var list = filters[p]
            if let pi = g.assetIndex(ofNode: p) {
                for q in local[pi] where catalog.controls[q.control].scope == .inbound {
                    let placed = Coverage.Placement(control: q.control, status: q.status, via: .dominator, onIndex: Int32(pi))
                    if let i = list.firstIndex(where: { $0.control == q.control && $0.status == q.status }) { list[i] = placed } else { list.append(placed) }
                }
            }
            filters[v] = list
        }
        return filters
    }

    /// Controls on every flow into `node` that the movement graph uses: implemented when implemented on all of them,
    /// planned when present on all of them but not implemented on all; `onIndex` names where they sit. Returns the
    /// placements and those flows.
    func flowPlacements(node: Int, graph g: MovementGraph, resolved r: ResolvedWorkload,
                        onIndex: Int32) -> (placements: [Coverage.Placement], flows: [Int]) {
        // Each flow enters a node at most once, so the labels are distinct.
        let flows = g.backward.edges(of: node).map { Int(g.backward.labels[$0]) }.filter { $0 >= 0 }
        guard let first = flows.first, !r.flowControls[first].isEmpty else { return ([], flows) }
        var found: [(control: Int, status: ControlStatus)] = []
        for ref in r.flowControls[first] where !found.contains(where: { $0.control == ref.control }) {
            var allImplemented = true
            var onAll = true
            for f in flows {
                let here = r.flowControls[f].filter { $0.control == ref.control }
                if here.isEmpty { onAll = false; break }
                if !here.contains(where: { $0.status == .implemented }) { allImplemented = false }
            }
            if onAll { found.append((ref.control, allImplemented ? .implemented : .planned)) }
        }
        return (found.map { Coverage.Placement(control: $0.control, status: $0.status, via: .flow, onIndex: onIndex) }, flows)
    }
}
