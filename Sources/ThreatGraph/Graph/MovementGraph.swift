/// How an attacker can move: a virtual source (node 0) → every actor → assets along flows in the direction content
/// moves (`to → from` on `read`, both ways on `read-write` and bidirectional flows), never into an actor. Nodes: 0 source, then actors, then assets,
/// each group in model order.
public struct MovementGraph: Sendable {
    /// Index of the virtual source.
    public static let source = 0
    /// Number of actors (nodes `1...actorCount`).
    public let actorCount: Int
    /// Number of assets (nodes after the actors).
    public let assetCount: Int
    /// Forward adjacency; edge labels are flow indices (-1 for source → actor).
    public let forward: CSRGraph
    /// Reverse adjacency.
    public let backward: CSRGraph
    /// The id of each node ("" for the source).
    public let ids: [String]
    /// Per flow, the nodes of its source and destination (-1 for an id that names no actor or asset).
    public let flowFrom: [Int32], flowTo: [Int32]
    /// Per flow, whether content moving `to → from` persists in `from` (bidirectional flows only).
    private let persistsBackward: [Bool]
    /// Index of each actor and asset id.
    private let resolved: ResolvedWorkload

    /// Whether content crossing edge `e` out of node `u` persists in the edge's target: every edge in a flow's own
    /// direction (send, write, read-write), and the reverse edge of a bidirectional flow; not a read's reverse edge.
    /// The source's edges to actors count as persisting.
    @inline(__always) public func persists(edge e: Int, from u: Int) -> Bool {
        persists(flow: Int(forward.labels[e]), from: u)
    }

    /// Whether content of flow `f` (-1: the source's edge to an actor) that leaves node `u` persists where it arrives.
    @inline(__always) public func persists(flow f: Int, from u: Int) -> Bool {
        f < 0 || flowFrom[f] == Int32(u) || persistsBackward[f]
    }

    /// The node of an actor or asset id, or nil.
    /// - Complexity: O(1) expected.
    public func node(_ id: String) -> Int? {
        resolved.actorIndex[id].map(actorNode) ?? resolved.assetIndex[id].map(assetNode)
    }

    /// Node of actor `i`.
    @inline(__always) public func actorNode(_ i: Int) -> Int { 1 + i }
    /// Node of asset `i`.
    @inline(__always) public func assetNode(_ i: Int) -> Int { 1 + actorCount + i }
    /// Asset index of a node, or nil for the source and actors.
    @inline(__always) public func assetIndex(ofNode n: Int) -> Int? { n > actorCount ? n - 1 - actorCount : nil }
    /// Actor index of a node, or nil.
    @inline(__always) public func actorIndex(ofNode n: Int) -> Int? { n >= 1 && n <= actorCount ? n - 1 : nil }
    /// Number of nodes.
    public var nodeCount: Int { 1 + actorCount + assetCount }

    /// Builds the movement graph of a validated workload (see `init(_: ResolvedWorkload)`).
    public init(_ w: Workload) { self.init(ResolvedWorkload(structureOf: w)) }

    /// Builds the movement graph of a resolved workload; flows into actors and self-flows are skipped.
    /// Out-edges of each node are sorted by target id so traversals are deterministic.
    /// - Complexity: O(n + f log f) for n nodes and f flows.
    public init(_ r: ResolvedWorkload) {
        let w = r.workload
        actorCount = w.actors.count
        assetCount = w.assets.count
        resolved = r
        ids = [""] + w.actors.map(\.id) + r.assetIDs
        let (actors, firstAsset) = (actorCount, 1 + actorCount)
        func node(_ e: Endpoint?) -> Int32 {
            switch e {
            case .actor(let i): Int32(1 + i)
            case .asset(let i): Int32(1 + actors + i)
            case nil: -1
            }
        }
        flowFrom = r.flowFrom.map(node)
        flowTo = r.flowTo.map(node)
        persistsBackward = w.flows.map(\.bidirectional)
        var edges: [(from: Int32, to: Int32, label: Int32)] = []
        edges.reserveCapacity(actorCount + 2 * w.flows.count)
        for i in 0..<actorCount { edges.append((0, Int32(1 + i), -1)) }
        for (fi, f) in w.flows.enumerated() {
            let u = flowFrom[fi], v = flowTo[fi]
            guard u >= 0, v >= 0, u != v else { continue }
            if v >= firstAsset, f.access.movesForward || f.bidirectional { edges.append((u, v, Int32(fi))) }
            if u >= firstAsset, v >= firstAsset, f.access.movesBackward || f.bidirectional { edges.append((v, u, Int32(fi))) }
        }
        let ids = ids
        edges.sort { a, b in
            if a.from != b.from { return a.from < b.from }
            if a.to != b.to { return ids[Int(a.to)] < ids[Int(b.to)] }
            return a.label < b.label
        }
        forward = CSRGraph(nodeCount: ids.count, edges: edges)
        backward = forward.reversed()
    }
}
