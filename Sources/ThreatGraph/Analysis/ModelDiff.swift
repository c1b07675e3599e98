/// What changed between two versions of a workload. Findings: `opened` (open now; before absent, covered or not
/// applicable), `closed` (open before; now covered or gone), `accepted` and `notApplicable` (open before; now so),
/// `reopened` (accepted before, open now: the acceptance expired or was removed), `changed` (open in both with another
/// level or status). Paths: `appeared`, `vanished` (the pair has no path left), `displaced` (the pair still has paths
/// but not this one: it fell out of the top k), `changed` (probability). And the open-risk totals.
public struct ModelDiff: Sendable {
    /// A finding open in both versions whose level or status changed.
    public struct LevelChange: Sendable, Hashable {
        /// Finding id.
        public var id: String
        /// Level before.
        public var from: Severity
        /// Level after.
        public var to: Severity
        /// Status before and after (both open: `gap` or `partial`).
        public var fromStatus: FindingStatus, toStatus: FindingStatus
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

    /// Findings open now that were absent, covered or not applicable before, sorted.
    public var opened: [String] = []
    /// Findings open before that are covered or gone now, sorted.
    public var closed: [String] = []
    /// Findings open before and validly accepted now, sorted.
    public var accepted: [String] = []
    /// Findings open before and marked not applicable now, sorted.
    public var notApplicable: [String] = []
    /// Findings accepted before and open now, sorted.
    public var reopened: [String] = []
    /// Findings open in both with another level or status, sorted by id.
    public var changed: [LevelChange] = []
    /// Paths only in the new version, sorted.
    public var pathsAppeared: [String] = []
    /// Paths of the old version whose (actor, target) pair has no path now, sorted.
    public var pathsVanished: [String] = []
    /// Paths of the old version missing now although their pair still has paths, sorted.
    public var pathsDisplaced: [String] = []
    /// Paths in both with another probability, sorted by id.
    public var pathsChanged: [ProbabilityChange] = []
    /// Open risk total before.
    public var riskBefore: Double
    /// Open risk total after.
    public var riskAfter: Double

    /// Whether nothing changed in findings or paths.
    public var isEmpty: Bool {
        opened.isEmpty && closed.isEmpty && accepted.isEmpty && notApplicable.isEmpty && reopened.isEmpty && changed.isEmpty
            && pathsAppeared.isEmpty && pathsVanished.isEmpty && pathsDisplaced.isEmpty && pathsChanged.isEmpty
    }

    /// The id of a path: its node ids joined by `>`.
    public static func pathID(_ p: AttackPath) -> String {
        ([p.actor] + p.hops.map(\.to)).joined(separator: ">")
    }

    /// Compares two analyses and their paths.
    /// - Complexity: O(f log f + p log p).
    public init(old: Analysis, new: Analysis, oldPaths: [AttackPath], newPaths: [AttackPath]) {
        riskBefore = old.openRiskTotal
        riskAfter = new.openRiskTotal
        compareFindings(old, new)
        comparePaths(oldPaths, newPaths)
    }

    private mutating func compareFindings(_ old: Analysis, _ new: Analysis) {
        var before: [String: (status: FindingStatus, level: Severity)] = [:]
        for f in old.findings { before[f.id] = (f.status, f.level) }
        var after: [String: (status: FindingStatus, level: Severity)] = [:]
        for f in new.findings { after[f.id] = (f.status, f.level) }
        for id in Set(before.keys).union(after.keys).sorted() {
            let b = before[id], a = after[id]
            let wasOpen = b?.status.isOpen ?? false, isOpen = a?.status.isOpen ?? false
            switch (wasOpen, isOpen) {
            case (true, true):
                if let b, let a, b != a { changed.append(LevelChange(id: id, from: b.level, to: a.level, fromStatus: b.status, toStatus: a.status)) }
            case (true, false):
                switch a?.status {
                case .accepted: accepted.append(id)
                case .notApplicable: notApplicable.append(id)
                default: closed.append(id)
                }
            case (false, true):
                if b?.status == .accepted { reopened.append(id) } else { opened.append(id) }
            case (false, false):
                break
            }
        }
    }

    private mutating func comparePaths(_ oldPaths: [AttackPath], _ newPaths: [AttackPath]) {
        var oldP: [String: Double] = [:]
        for p in oldPaths { oldP[Self.pathID(p)] = p.probability }
        var newP: [String: Double] = [:]
        for p in newPaths { newP[Self.pathID(p)] = p.probability }
        let pairsNow = Set(newPaths.map { "\($0.actor)>\($0.target)" })
        pathsAppeared = newP.keys.filter { oldP[$0] == nil }.sorted()
        for p in oldPaths.sorted(by: { Self.pathID($0) < Self.pathID($1) }) where newP[Self.pathID(p)] == nil {
            if pairsNow.contains("\(p.actor)>\(p.target)") { pathsDisplaced.append(Self.pathID(p)) } else { pathsVanished.append(Self.pathID(p)) }
        }
        pathsChanged = newP.keys.sorted().compactMap { id in
            guard let b = oldP[id], let a = newP[id], a != b else { return nil }
            return ProbabilityChange(id: id, from: b, to: a)
        }
    }
}
