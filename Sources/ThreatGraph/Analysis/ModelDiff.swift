/// What changed between two versions of a workload: findings opened, closed and changed level; attack paths that
/// appeared, vanished or changed probability; and the open-risk totals.
public struct ModelDiff: Sendable {
    /// A finding whose level changed.
    public struct LevelChange: Sendable, Hashable {
        /// Finding id.
        public var id: String
        /// Level before.
        public var from: Severity
        /// Level after.
        public var to: Severity
    }

    /// A path whose probability changed.
    public struct ProbabilityChange: Sendable, Hashable {
        /// Path id (`actor>…>target`).
        public var id: String
        /// Probability before.
        public var from: Double
        /// Probability after.
        public var to: Double
    }

    /// Findings open now and not before, sorted.
    public var opened: [String]
    /// Findings open before and not now, sorted.
    public var closed: [String]
    /// Findings open in both with another level, sorted by id.
    public var changed: [LevelChange]
    /// Paths only in the new version, sorted.
    public var pathsAppeared: [String]
    /// Paths only in the old version, sorted.
    public var pathsVanished: [String]
    /// Paths in both with another probability, sorted by id.
    public var pathsChanged: [ProbabilityChange]
    /// Open risk total before.
    public var riskBefore: Double
    /// Open risk total after.
    public var riskAfter: Double

    /// The id of a path: its node ids joined by `>`.
    public static func pathID(_ p: AttackPath) -> String {
        ([p.actor] + p.hops.map(\.to)).joined(separator: ">")
    }

    /// Compares two analyses and their paths.
    /// - Complexity: O(f log f + p log p).
    public init(old: Analysis, new: Analysis, oldPaths: [AttackPath], newPaths: [AttackPath]) {
        var before: [String: Severity] = [:]
        for f in old.findings where f.status.isOpen { before[f.id] = f.level }
        var after: [String: Severity] = [:]
        for f in new.findings where f.status.isOpen { after[f.id] = f.level }
        opened = after.keys.filter { before[$0] == nil }.sorted()
        closed = before.keys.filter { after[$0] == nil }.sorted()
        changed = after.keys.sorted().compactMap { id in
            guard let b = before[id], let a = after[id], a != b else { return nil }
            return LevelChange(id: id, from: b, to: a)
        }
        var oldP: [String: Double] = [:]
        for p in oldPaths { oldP[Self.pathID(p)] = p.probability }
        var newP: [String: Double] = [:]
        for p in newPaths { newP[Self.pathID(p)] = p.probability }
        pathsAppeared = newP.keys.filter { oldP[$0] == nil }.sorted()
        pathsVanished = oldP.keys.filter { newP[$0] == nil }.sorted()
        pathsChanged = newP.keys.sorted().compactMap { id in
            guard let b = oldP[id], let a = newP[id], a != b else { return nil }
            return ProbabilityChange(id: id, from: b, to: a)
        }
        riskBefore = old.openRiskTotal
        riskAfter = new.openRiskTotal
    }
}
