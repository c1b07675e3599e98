import ThreatGraph

/// The workload's trust boundaries as a tree of indices, built once for the renderers that draw or group by them:
/// each boundary's parent and children, the roots, the assets directly inside each boundary and each asset's chain
/// of boundaries. A boundary whose parent is missing, unknown or itself is a root; walks stop at a repeated boundary,
/// so even a cyclic tree (which validation rejects) ends.
struct BoundaryTree: Sendable {
    /// Each boundary's parent (nil: a root).
    let parent: [Int?]
    /// Each boundary's children, in model order.
    let children: [[Int]]
    /// Boundaries without a parent, in model order.
    let roots: [Int]
    /// The assets directly inside each boundary, in model order.
    let assetsIn: [[Int]]
    /// Assets in no known boundary, in model order.
    let loose: [Int]
    /// Each asset's own boundary (nil: none).
    let assetBoundary: [Int?]
    /// Each boundary's chain: itself, its parent, and so on up to a root.
    private let chains: [[Int]]
    /// Boundary index by id.
    private let index: [String: Int]

    init(_ w: Workload) {
        var index: [String: Int] = [:]
        for (i, b) in w.boundaries.enumerated() where index[b.id] == nil { index[b.id] = i }
        let parent = w.boundaries.enumerated().map { i, b in b.parent.flatMap { index[$0] }.flatMap { $0 == i ? nil : $0 } }
        var children = [[Int]](repeating: [], count: w.boundaries.count)
        for (i, p) in parent.enumerated() { if let p { children[p].append(i) } }
        let assetBoundary = w.assets.map { $0.boundary.flatMap { index[$0] } }
        var assetsIn = [[Int]](repeating: [], count: w.boundaries.count)
        var loose: [Int] = []
        for (i, b) in assetBoundary.enumerated() { if let b { assetsIn[b].append(i) } else { loose.append(i) } }
        self.index = index
        self.parent = parent
        self.children = children
        roots = parent.indices.filter { parent[$0] == nil }
        self.assetsIn = assetsIn
        self.loose = loose
        self.assetBoundary = assetBoundary
        chains = parent.indices.map { Self.walk(from: $0, parent: parent) }
    }

    /// `start`, its parent, and so on, until a root or a boundary already passed.
    private static func walk(from start: Int, parent: [Int?]) -> [Int] {
        var chain = [start]
        var seen: Set<Int> = [start]
        var current = parent[start]
        while let b = current, seen.insert(b).inserted {
            chain.append(b)
            current = parent[b]
        }
        return chain
    }

    /// The index of the boundary with this id.
    func boundary(_ id: String) -> Int? { index[id] }

    /// The boundaries an asset is in: its own first, then each one around it (empty: in no boundary).
    func chain(ofAsset i: Int) -> [Int] { assetBoundary[i].map { chains[$0] } ?? [] }

    /// The root boundary an asset is in (nil: in no boundary, or in a cycle of boundaries).
    func root(ofAsset i: Int) -> Int? {
        guard let top = chain(ofAsset: i).last, parent[top] == nil else { return nil }
        return top
    }

    /// Whether an asset is in boundary `b` or in a boundary nested in it.
    func contains(asset i: Int, in b: Int) -> Bool { chain(ofAsset: i).contains(b) }
}
