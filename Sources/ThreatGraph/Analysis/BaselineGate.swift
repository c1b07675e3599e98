/// The CI gate: which open findings fail a build, at or above a risk level and, with a baseline, only those that are
/// new or at a higher level than in the baseline.
public struct BaselineGate: Sendable {
    /// The level that fails when none is given.
    public static let defaultThreshold: Severity = .high

    /// Lowest risk level that fails.
    public var failOn: Severity
    /// Open findings of the baseline, by finding id, with their levels; nil without a baseline.
    public var baselineLevels: [String: Severity]?
    /// The baseline's model files; empty without a baseline.
    public var baselineFiles: [String]

    /// A gate at `failOn`, comparing with `baseline` when given.
    public init(failOn: Severity = BaselineGate.defaultThreshold, baseline: Analysis? = nil) {
        self.failOn = failOn
        self.baselineFiles = baseline?.workload.files ?? []
        self.baselineLevels = baseline.map { b in
            var levels: [String: Severity] = [:]
            for f in b.findings where f.status.isOpen { levels[f.id] = f.level }
            return levels
        }
    }

    /// Open findings of `analysis` that fail the gate, worst first.
    /// - Complexity: O(n) over the open findings, after the analysis sorts them.
    public func failing(_ analysis: Analysis) -> [Finding] {
        analysis.openFindings.filter(fails)
    }

    /// Whether one open finding fails the gate.
    public func fails(_ finding: Finding) -> Bool {
        guard finding.status.isOpen, finding.level >= failOn else { return false }
        guard let baselineLevels else { return true }
        guard let before = baselineLevels[finding.id] else { return true }
        return finding.level > before
    }

    /// The verdict on an analysis.
    public func verdict(_ analysis: Analysis) -> GateVerdict {
        GateVerdict(failOn: failOn, baselineFiles: baselineLevels == nil ? nil : baselineFiles, failing: failing(analysis))
    }
}

/// What the gate decided: the threshold, the baseline, and the failing findings worst first.
public struct GateVerdict: Sendable {
    /// Lowest risk level that fails.
    public var failOn: Severity
    /// The baseline's files, or nil without a baseline.
    public var baselineFiles: [String]?
    /// Failing findings, worst first.
    public var failing: [Finding]

    /// Whether the gate passed.
    public var passed: Bool { failing.isEmpty }

    /// One line saying whether the gate passed, at which level, and against what.
    public var summary: String {
        let scope = baselineFiles == nil ? "" : " new or worse than the baseline"
        let n = failing.count
        return passed
            ? "check passed: no open finding at or above \(failOn.rawValue)\(scope)\n"
            : "check failed: \(n) open finding\(n == 1 ? "" : "s") at or above \(failOn.rawValue)\(scope)\n"
    }
}
