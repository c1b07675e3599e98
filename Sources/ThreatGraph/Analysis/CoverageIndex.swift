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
    /// Dominators for stored threats (nil when every flow persists, so they are `dominators`): the graph gains a copy
    /// v* of each node v, entered only over flows whose content persists in v, and the nodes every route to v* passes
    /// dominate v's stored routes.
    let storedDominators: Dominators?
    /// Per node, the inbound filters on the nodes every stored route to it passes.
    let storedDominatorFilters: [[Coverage.Placement]]

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
        let dominators = Dominators(graph: g.forward, reverse: g.backward, root: MovementGraph.source)
        let filters = Self.dominatorFilters(catalog: catalog, graph: g, local: local, dominators: dominators)
        self.dominators = dominators
        dominatorFilters = filters
        let nonPersisting = (0..<g.nodeCount).contains { u in g.forward.edges(of: u).contains { !g.persists(edge: $0, from: u) } }
        let stored = nonPersisting ? Self.storedDominators(g) : nil
        storedDominators = stored
        if let stored {
            storedDominatorFilters = Self.storedFilters(catalog: catalog, graph: g, local: local, stored: stored, filters: filters)
        } else {
            storedDominatorFilters = filters
        }
    }

    /// Whether node u is on every route to node v whose last flow persists in v (u ≠ v).
    func dominatesStored(_ u: Int, _ v: Int, nodeCount: Int) -> Bool {
        guard let stored = storedDominators else { return dominators.dominates(u, v) }
        return stored.dominates(u, nodeCount + v)
    }

    /// Dominators of the graph with stored copies: edges u→v as in the movement graph, and u→v* for each edge whose
    /// content persists in v.
    /// - Complexity: O(n + e) nodes and edges, then the dominator computation.
    private static func storedDominators(_ g: MovementGraph) -> Dominators {
        let n = g.nodeCount
        var edges: [(from: Int32, to: Int32, label: Int32)] = []
        for u in 0..<n {
            for e in g.forward.edges(of: u) {
                let v = g.forward.targets[e]
                edges.append((Int32(u), v, g.forward.labels[e]))
                if g.persists(edge: e, from: u) { edges.append((Int32(u), Int32(n) + v, g.forward.labels[e])) }
            }
        }
        let graph = CSRGraph(nodeCount: 2 * n, edges: edges)
        return Dominators(graph: graph, reverse: graph.reversed(), root: MovementGraph.source)
    }

    /// The inbound filters on the stored dominators of each node: those of its nearest one and that node's own.
    private static func storedFilters(catalog: Catalog, graph g: MovementGraph, local: [[Coverage.Placement]], stored: Dominators,
                                      filters: [[Coverage.Placement]]) -> [[Coverage.Placement]] {
        let n = g.nodeCount
        return (0..<n).map { v in
            let p = Int(stored.idom[n + v])
            guard p >= 0, p < n else { return [] }
            return p == v ? filters[v] : adding(inboundOf: p, to: filters[p], catalog: catalog, graph: g, local: local)
        }
    }

    /// `list` with the inbound filters on node p, which replace an entry of the same (control, status).
    private static func adding(inboundOf p: Int, to list: [Coverage.Placement], catalog: Catalog, graph g: MovementGraph,
                               local: [[Coverage.Placement]]) -> [Coverage.Placement] {
        guard let pi = g.assetIndex(ofNode: p) else { return list }
        var list = list
        for q in local[pi] where catalog.controls[q.control].scope == .inbound {
            let placed = Coverage.Placement(control: q.control, status: q.status, via: .dominator, onIndex: Int32(pi))
            if let i = list.firstIndex(where: { $0.control == q.control && $0.status == q.status }) { list[i] = placed } else { list.append(placed) }
        }
        return list
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
            filters[v] = adding(inboundOf: p, to: filters[p], catalog: catalog, graph: g, local: local)
        }
        return filters
    }

    /// Outbound controls on every sender into `node` (rule (d)): senders are the movement graph's predecessors
    /// (with `persisting`, only those whose content persists in it); an actor among them means none. Implemented when
    /// implemented on all senders, planned when present on all but not implemented on all. Returns the placements and
    /// the senders' asset indices.
    func callerPlacements(node: Int, graph g: MovementGraph, catalog: Catalog, persisting: Bool = false,
                          onIndex: Int32) -> (placements: [Coverage.Placement], senders: [Int]) {
        var senders: [Int] = []
        for e in g.backward.edges(of: node) {
            let u = Int(g.backward.targets[e])
            if persisting && !g.persists(flow: Int(g.backward.labels[e]), from: u) { continue }
            guard let ui = g.assetIndex(ofNode: u) else { return ([], []) }
            if !senders.contains(ui) { senders.append(ui) }
        }
        guard let first = senders.first else { return ([], []) }
        var found: [Coverage.Placement] = []
        candidates: for p in local[first] where catalog.controls[p.control].scope == .outbound && !found.contains(where: { $0.control == p.control }) {
            var allImplemented = true
            for s in senders {
                let here = local[s].filter { $0.control == p.control }
                if here.isEmpty { continue candidates }
                if !here.contains(where: { $0.status == .implemented }) { allImplemented = false }
            }
            found.append(Coverage.Placement(control: p.control, status: allImplemented ? .implemented : .planned, via: .caller, onIndex: onIndex))
        }
        return (found, senders)
    }

    /// Controls on every flow into `node` that the movement graph uses (with `persisting`, only flows whose content
    /// persists in it: the routes of stored threats): implemented when implemented on all of them, planned when
    /// present on all of them but not implemented on all; `onIndex` names where they sit. Returns the placements and
    /// those flows.
    func flowPlacements(node: Int, graph g: MovementGraph, resolved r: ResolvedWorkload, persisting: Bool = false,
                        onIndex: Int32) -> (placements: [Coverage.Placement], flows: [Int]) {
        // Each flow enters a node at most once, so the labels are distinct.
        let flows = g.backward.edges(of: node).compactMap { e -> Int? in
            let f = Int(g.backward.labels[e])
            return f >= 0 && (!persisting || g.persists(flow: f, from: Int(g.backward.targets[e]))) ? f : nil
        }
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
