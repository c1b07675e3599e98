/// How an attacker can move: a virtual source (node 0) → every actor → assets along flows
/// (both ways on bidirectional flows), never into an actor. Nodes: 0 source, then actors, then assets,
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
    /// Node index of each actor and asset id.
    public let nodeIndex: [String: Int]
    /// The id of each node ("" for the source).
    public let ids: [String]

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

    /// Builds the movement graph of a validated workload; flows into actors and self-flows are skipped.
    /// Out-edges of each node are sorted by target id so traversals are deterministic.
    /// - Complexity: O(n + f log f) for n nodes and f flows.
    public init(_ w: Workload) {
        actorCount = w.actors.count
        assetCount = w.assets.count
        var index: [String: Int] = [:]
        index.reserveCapacity(actorCount + assetCount)
        var ids = [""]
        ids.reserveCapacity(1 + actorCount + assetCount)
        for (i, a) in w.actors.enumerated() { index[a.id] = 1 + i; ids.append(a.id) }
        for (i, a) in w.assets.enumerated() { index[a.id] = 1 + w.actors.count + i; ids.append(a.id) }
        var edges: [(from: Int32, to: Int32, label: Int32)] = []
        edges.reserveCapacity(actorCount + 2 * w.flows.count)
        for i in 0..<actorCount { edges.append((0, Int32(1 + i), -1)) }
        let firstAsset = 1 + actorCount
        for (fi, f) in w.flows.enumerated() {
            guard let u = index[f.from], let v = index[f.to], u != v else { continue }
            if v >= firstAsset { edges.append((Int32(u), Int32(v), Int32(fi))) }
            if f.bidirectional, u >= firstAsset, v >= firstAsset { edges.append((Int32(v), Int32(u), Int32(fi))) }
        }
        edges.sort { a, b in
            if a.from != b.from { return a.from < b.from }
            if a.to != b.to { return ids[Int(a.to)] < ids[Int(b.to)] }
            return a.label < b.label
        }
        forward = CSRGraph(nodeCount: ids.count, edges: edges)
        backward = forward.reversed()
        nodeIndex = index
        self.ids = ids
    }
}
