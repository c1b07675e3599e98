/// An actor or asset at one end of a flow.
public enum Endpoint: Sendable, Hashable {
    /// The actor at this index of the workload's actors.
    case actor(Int)
    /// The asset at this index of the workload's assets.
    case asset(Int)

    /// The asset index, when the end is an asset.
    public var asset: Int? { if case .asset(let i) = self { i } else { nil } }
}

/// Where a control reference is written.
public enum ControlPlace: Sendable, Hashable {
    /// On the asset at this index.
    case asset(Int)
    /// On the boundary at this index (inherited by everything inside it).
    case boundary(Int)
    /// On the flow at this index.
    case flow(Int)
}

/// A control reference resolved to its catalog index. References marked not-applicable, or naming a control the
/// catalog lacks, are left out.
public struct PlacedControl: Sendable, Hashable {
    /// Catalog control index.
    public var control: Int
    /// Implemented or planned.
    public var status: ControlStatus
    /// Where it is written.
    public var place: ControlPlace
}

/// A model override with its ids resolved (nil where the override names none, or names one that does not exist).
public struct ResolvedOverride: Sendable, Hashable {
    /// Catalog control index, for an effectiveness override.
    public var control: Int?
    /// Catalog threat index.
    public var threat: Int?
    /// Asset index the override is limited to.
    public var asset: Int?
    /// Whether the override names an id that resolves to nothing (it then matches nothing it is limited by).
    public var unresolved: Bool
}

/// A validated workload with every reference resolved to an index, built once and read by every analysis and
/// renderer: the boundary tree, each asset's boundary, flow ends, control placements, acceptances, not-applicable
/// entries and overrides. Where an id is defined twice the first definition wins, as in validation.
public struct ResolvedWorkload: Sendable {
    /// The workload as read.
    public let workload: Workload
    /// Index of each actor id.
    public let actorIndex: [String: Int]
    /// Index of each asset id.
    public let assetIndex: [String: Int]
    /// Index of each boundary id.
    public let boundaryIndex: [String: Int]
    /// Parent of each boundary (nil: a root).
    public let boundaryParent: [Int?]
    /// Child boundaries of each boundary, in model order.
    public let boundaryChildren: [[Int]]
    /// Boundaries without a parent, in model order.
    public let rootBoundaries: [Int]
    /// Id of each asset, in model order (read once, so that estate-wide passes need not copy whole assets).
    public let assetIDs: [String]
    /// Boundary of each asset (nil: none).
    public let assetBoundary: [Int?]
    /// Assets directly inside each boundary, in model order.
    public let boundaryAssets: [[Int]]
    /// Source of each flow (nil: an id that names no actor or asset).
    public let flowFrom: [Endpoint?]
    /// Destination of each flow (nil: an id that names no actor or asset).
    public let flowTo: [Endpoint?]
    /// Controls written on each asset.
    public let assetControls: [[PlacedControl]]
    /// Controls written on each boundary.
    public let boundaryControls: [[PlacedControl]]
    /// Controls written on each flow.
    public let flowControls: [[PlacedControl]]
    /// Controls in force inside each boundary: its own, then its ancestors', nearest first; of one control with one
    /// status only the nearest placement.
    public let inheritedControls: [[PlacedControl]]
    /// The finding each acceptance names, as (threat, asset) indices (nil: an unknown threat or asset).
    public let acceptanceTarget: [FindingKey?]
    /// The finding each not-applicable entry names (nil: an unknown threat or asset).
    public let notApplicableTarget: [FindingKey?]
    /// Overrides with their ids resolved, in model order.
    public let overrides: [ResolvedOverride]
    /// Sensitivity of the data each flow carries: as written, else its source asset's (internal from an actor).
    public let flowSensitivity: [Sensitivity]
    /// Each asset's sensitivity for risk: the highest of its own and of the data on the flows into and out of it.
    public let effectiveSensitivity: [Sensitivity]
    /// The flow that raised each asset's effective sensitivity above its own (the first, in model order, at that
    /// level), if any.
    public let sensitivitySource: [Int?]
    /// Per asset: a target of attack paths (`Asset.isTarget`), read once so hot loops copy no asset.
    public let isTarget: [Bool]

    /// Resolves a validated workload against the catalog.
    /// - Complexity: O(n + f + r) for n entities, f flows and r control references.
    public init(_ w: Workload, catalog: Catalog) {
        self.init(w, catalog: Optional(catalog))
    }

    /// Resolves the structure alone (boundaries, assets, flow ends): control references, acceptances, not-applicable
    /// entries and overrides resolve to nothing.
    public init(structureOf w: Workload) {
        self.init(w, catalog: nil)
    }

    private init(_ w: Workload, catalog: Catalog?) {
        workload = w
        actorIndex = Self.index(w.actors.map(\.id))
        // Fields are read by index throughout: mapping over `w.assets` copies each asset, strings and lists included.
        let assetIDs = w.assets.indices.map { w.assets[$0].id }
        self.assetIDs = assetIDs
        assetIndex = Self.index(assetIDs)
        let boundaryIndex = Self.index(w.boundaries.map(\.id))
        self.boundaryIndex = boundaryIndex
        let tree = BoundaryTree(w.boundaries, index: boundaryIndex)
        boundaryParent = tree.parent
        boundaryChildren = tree.children
        rootBoundaries = tree.roots
        let assetBoundary = w.assets.indices.map { a in w.assets[a].boundary.flatMap { boundaryIndex[$0] } }
        self.assetBoundary = assetBoundary
        var inside = [[Int]](repeating: [], count: w.boundaries.count)
        for (ai, b) in assetBoundary.enumerated() { if let b { inside[b].append(ai) } }
        boundaryAssets = inside
        let (actors, assets) = (actorIndex, assetIndex)
        func endpoint(_ id: String) -> Endpoint? { actors[id].map(Endpoint.actor) ?? assets[id].map(Endpoint.asset) }
        let flowFrom = w.flows.map { endpoint($0.from) }, flowTo = w.flows.map { endpoint($0.to) }
        self.flowFrom = flowFrom
        self.flowTo = flowTo
        assetControls = w.assets.indices.map { Self.place(w.assets[$0].controls, at: .asset($0), catalog) }
        boundaryControls = w.boundaries.indices.map { Self.place(w.boundaries[$0].controls, at: .boundary($0), catalog) }
        flowControls = w.flows.indices.map { Self.place(w.flows[$0].controls, at: .flow($0), catalog) }
        inheritedControls = tree.topDown.reduce(into: boundaryControls) { list, b in
            guard let p = tree.parent[b] else { return }
            // The nearest placement of each (control, status) is kept, so a deep chain costs O(depth · controls).
            let own = Set(list[b].map { [$0.control, $0.status == .implemented ? 1 : 0] })
            list[b] += list[p].filter { !own.contains([$0.control, $0.status == .implemented ? 1 : 0]) }
        }
        let flowSensitivity = w.flows.indices.map { f in
            w.flows[f].sensitivity ?? flowFrom[f]?.asset.map { w.assets[$0].sensitivity } ?? .internal
        }
        self.flowSensitivity = flowSensitivity
        isTarget = w.assets.indices.map { w.assets[$0].isTarget }
        (effectiveSensitivity, sensitivitySource) = Self.effectiveSensitivity(w, flowSensitivity, ends: zip(flowFrom, flowTo).map { ($0?.asset, $1?.asset) })
        func key(_ threat: String, _ asset: String) -> FindingKey? {
            guard let t = catalog?.threatIndex[threat], let a = assets[asset] else { return nil }
            return FindingKey(threat: t, asset: a)
        }
        acceptanceTarget = w.acceptedRisks.map { key($0.threat, $0.asset) }
        notApplicableTarget = w.notApplicable.map { key($0.threat, $0.asset) }
        overrides = w.overrides.map { o in
            let control = o.control.flatMap { catalog?.controlIndex[$0] }, threat = o.threat.flatMap { catalog?.threatIndex[$0] }
            let asset = o.asset.flatMap { assets[$0] }
            let unresolved = (o.control != nil && control == nil) || (o.threat != nil && threat == nil) || (o.asset != nil && asset == nil)
            return ResolvedOverride(control: control, threat: threat, asset: asset, unresolved: unresolved)
        }
    }

    /// The boundaries around an asset, nearest first.
    public func boundaryChain(ofAsset a: Int) -> [Int] {
        guard let b = assetBoundary[a] else { return [] }
        return boundaryChain(from: b)
    }

    /// A boundary and its ancestors, nearest first.
    public func boundaryChain(from b: Int) -> [Int] {
        var chain = [b]
        while let p = boundaryParent[chain[chain.count - 1]] { chain.append(p) }
        return chain
    }

    /// Whether boundary `b` is `ancestor` or nested in it.
    public func boundary(_ b: Int, isInside ancestor: Int) -> Bool { boundaryChain(from: b).contains(ancestor) }

    /// The source and destination asset of a flow, when both are assets.
    public func assets(ofFlow f: Int) -> (from: Int?, to: Int?) { (flowFrom[f]?.asset, flowTo[f]?.asset) }

    /// The highest of each asset's own sensitivity and that of its flows, with the first flow that raised it.
    private static func effectiveSensitivity(_ w: Workload, _ flowSensitivity: [Sensitivity],
                                             ends: [(from: Int?, to: Int?)]) -> (levels: [Sensitivity], sources: [Int?]) {
        var levels = w.assets.indices.map { w.assets[$0].sensitivity }
        var sources = [Int?](repeating: nil, count: w.assets.count)
        for (f, s) in flowSensitivity.enumerated() {
            for a in [ends[f].from, ends[f].to].compactMap({ $0 }) where s > levels[a] {
                levels[a] = s
                sources[a] = f
            }
        }
        return (levels, sources)
    }

    private static func place(_ refs: [ControlRef], at place: ControlPlace, _ catalog: Catalog?) -> [PlacedControl] {
        refs.compactMap { ref in
            guard ref.status != .notApplicable, let ci = catalog?.controlIndex[ref.id] else { return nil }
            return PlacedControl(control: ci, status: ref.status, place: place)
        }
    }

    private static func index(_ ids: [String]) -> [String: Int] {
        var map: [String: Int] = [:]
        map.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() where map[id] == nil { map[id] = i }
        return map
    }
}

/// A finding's identity as indices: the catalog threat and the workload asset.
public struct FindingKey: Sendable, Hashable {
    /// Catalog threat index.
    public var threat: Int
    /// Workload asset index.
    public var asset: Int
}

/// The boundary tree of a workload: parents resolved to indices, children and roots. A parent that names no boundary,
/// or would close a cycle (validation rejects both), makes its boundary a root.
struct BoundaryTree {
    var parent: [Int?]
    var children: [[Int]]
    var roots: [Int]

    /// Every boundary, each after its parent.
    var topDown: [Int] {
        var order = roots, next = 0
        while next < order.count { order += children[order[next]]; next += 1 }
        return order
    }

    /// - Complexity: O(b) for b boundaries.
    init(_ boundaries: [Boundary], index: [String: Int]) {
        var parent = boundaries.map { b in b.parent.flatMap { index[$0] } }
        Self.breakCycles(&parent)
        var children = [[Int]](repeating: [], count: boundaries.count)
        var roots: [Int] = []
        for (b, p) in parent.enumerated() {
            if let p { children[p].append(b) } else { roots.append(b) }
        }
        self.parent = parent
        self.children = children
        self.roots = roots
    }

    /// Cuts the parent link that closes each cycle, so every chain ends at a root.
    private static func breakCycles(_ parent: inout [Int?]) {
        for cycle in cycles(parent, from: Array(parent.indices)) { parent[cycle[cycle.count - 1]] = nil }
    }

    /// The cycles of a parent relation, each once, found by following parents from each start in `order` and
    /// colouring what was passed (new, on this walk, done); a cycle lists its members from the first one reached.
    /// - Complexity: O(b) for b boundaries: each is walked from once.
    static func cycles(_ parent: [Int?], from order: [Int]) -> [ArraySlice<Int>] {
        var state = [UInt8](repeating: 0, count: parent.count)  // 0 new, 1 on this walk, 2 done
        var position = [Int](repeating: 0, count: parent.count)
        var found: [ArraySlice<Int>] = []
        for start in order where state[start] == 0 {
            var walk: [Int] = []
            var current: Int? = start
            while let c = current, state[c] == 0 {
                state[c] = 1
                position[c] = walk.count
                walk.append(c)
                current = parent[c]
            }
            if let c = current, state[c] == 1 { found.append(walk[position[c]...]) }
            for b in walk { state[b] = 2 }
        }
        return found
    }
}
