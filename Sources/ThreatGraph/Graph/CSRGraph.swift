/// A directed graph in compressed sparse row form: the out-edges of node `u` are
/// `targets[offsets[u]..<offsets[u+1]]`, each with a label (e.g. the flow it comes from).
public struct CSRGraph: Sendable {
    /// Number of nodes.
    public let nodeCount: Int
    /// `nodeCount + 1` offsets into `targets`.
    public let offsets: [Int32]
    /// Edge targets.
    public let targets: [Int32]
    /// Per-edge label (caller-defined, e.g. flow index; -1 for none).
    public let labels: [Int32]

    /// Builds from an edge list; edges keep their relative order per source (counting sort, stable).
    /// - Complexity: O(n + e).
    public init(nodeCount: Int, edges: [(from: Int32, to: Int32, label: Int32)]) {
        self.nodeCount = nodeCount
        var counts = [Int32](repeating: 0, count: nodeCount + 1)
        for e in edges { counts[Int(e.from) + 1] &+= 1 }
        for i in 0..<nodeCount { counts[i + 1] &+= counts[i] }
        var cursor = counts
        var targets = [Int32](repeating: 0, count: edges.count)
        var labels = [Int32](repeating: 0, count: edges.count)
        for e in edges {
            let at = Int(cursor[Int(e.from)])
            targets[at] = e.to
            labels[at] = e.label
            cursor[Int(e.from)] &+= 1
        }
        self.offsets = counts
        self.targets = targets
        self.labels = labels
    }

    /// The edge index range of node `u`.
    @inline(__always) public func edges(of u: Int) -> Range<Int> { Int(offsets[u])..<Int(offsets[u + 1]) }

    /// The same graph with every edge reversed (labels kept).
    /// - Complexity: O(n + e).
    public func reversed() -> CSRGraph {
        var edges: [(from: Int32, to: Int32, label: Int32)] = []
        edges.reserveCapacity(targets.count)
        for u in 0..<nodeCount {
            for e in self.edges(of: u) { edges.append((targets[e], Int32(u), labels[e])) }
        }
        return CSRGraph(nodeCount: nodeCount, edges: edges)
    }
}
