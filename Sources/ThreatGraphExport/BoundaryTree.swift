import ThreatGraph

/// The workload's trust boundaries as the renderers that draw or group by them read them, from the resolved
/// workload: each boundary's parent and children, the roots, the assets directly inside each boundary and each
/// asset's chain of boundaries.
struct BoundaryTree: Sendable {
    private let resolved: ResolvedWorkload
    /// Each boundary's parent (nil: a root).
    var parent: [Int?] { resolved.boundaryParent }
    /// Each boundary's children, in model order.
    var children: [[Int]] { resolved.boundaryChildren }
    /// Boundaries without a parent, in model order.
    var roots: [Int] { resolved.rootBoundaries }
    /// The assets directly inside each boundary, in model order.
    var assetsIn: [[Int]] { resolved.boundaryAssets }
    /// Each asset's own boundary (nil: none).
    var assetBoundary: [Int?] { resolved.assetBoundary }
    /// Assets in no known boundary, in model order.
    let loose: [Int]

    init(_ r: ResolvedWorkload) {
        resolved = r
        loose = r.assetBoundary.indices.filter { r.assetBoundary[$0] == nil }
    }

    /// The index of the boundary with this id.
    func boundary(_ id: String) -> Int? { resolved.boundaryIndex[id] }

    /// The boundaries an asset is in: its own first, then each one around it (empty: in no boundary).
    /// - Complexity: O(depth).
    func chain(ofAsset i: Int) -> [Int] { resolved.boundaryChain(ofAsset: i) }

    /// The root boundary an asset is in (nil: in no boundary).
    func root(ofAsset i: Int) -> Int? { chain(ofAsset: i).last }

    /// Whether an asset is in boundary `b` or in a boundary nested in it.
    func contains(asset i: Int, in b: Int) -> Bool { chain(ofAsset: i).contains(b) }
}
