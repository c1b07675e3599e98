/// Numbers of findings by status.
public struct StatusCounts: Sendable, Hashable {
    /// Findings covered by an implemented preventive control.
    public private(set) var covered = 0
    /// Open findings validly accepted.
    public private(set) var accepted = 0
    /// Findings with only planned, detective or responsive controls.
    public private(set) var partial = 0
    /// Findings with no control.
    public private(set) var gap = 0
    /// Findings listed as not applicable.
    public private(set) var notApplicable = 0

    /// No findings.
    public init() {}

    /// The number of findings with `status`.
    public subscript(_ status: FindingStatus) -> Int {
        switch status {
        case .covered: covered
        case .accepted: accepted
        case .partial: partial
        case .gap: gap
        case .notApplicable: notApplicable
        }
    }

    /// Every finding counted.
    public var total: Int { covered + accepted + partial + gap + notApplicable }
    /// Findings that are not `notApplicable`.
    public var applicable: Int { covered + accepted + partial + gap }
    /// Open findings (partial or gap).
    public var open: Int { partial + gap }

    /// Counts one more finding with `status`.
    public mutating func add(_ status: FindingStatus) {
        switch status {
        case .covered: covered += 1
        case .accepted: accepted += 1
        case .partial: partial += 1
        case .gap: gap += 1
        case .notApplicable: notApplicable += 1
        }
    }

    /// Adds the counts of `other`.
    public mutating func add(_ other: StatusCounts) {
        covered += other.covered
        accepted += other.accepted
        partial += other.partial
        gap += other.gap
        notApplicable += other.notApplicable
    }
}

/// Numbers of findings by risk level.
public struct LevelCounts: Sendable, Hashable {
    /// Findings at low risk.
    public private(set) var low = 0
    /// Findings at medium risk.
    public private(set) var medium = 0
    /// Findings at high risk.
    public private(set) var high = 0
    /// Findings at critical risk.
    public private(set) var critical = 0

    /// No findings.
    public init() {}

    /// The number of findings at `level`.
    public subscript(_ level: Severity) -> Int {
        switch level {
        case .low: low
        case .medium: medium
        case .high: high
        case .critical: critical
        }
    }

    /// Every finding counted.
    public var total: Int { low + medium + high + critical }
    /// The highest level with a finding (nil: none).
    public var worst: Severity? { Severity.allCases.last { self[$0] > 0 } }

    /// Counts one more finding at `level`.
    public mutating func add(_ level: Severity) {
        switch level {
        case .low: low += 1
        case .medium: medium += 1
        case .high: high += 1
        case .critical: critical += 1
        }
    }
}

/// What the findings of one asset add up to.
public struct AssetCoverage: Sendable, Hashable {
    /// Its findings by status.
    public internal(set) var statuses = StatusCounts()
    /// Its open findings by risk level.
    public internal(set) var openByLevel = LevelCounts()
    /// The sum of the scores of its open findings, added in finding order.
    public internal(set) var openScore = 0.0
}

/// The counts every report shows, taken in one pass over an analysis's findings: by status, risk level, layer,
/// framework, threat, ATLAS tactic and asset, with defense depth, single-layer and bypassed findings and the open
/// risk total.
public struct CoverageSummary: Sendable {
    /// Every finding by status.
    public private(set) var findings = StatusCounts()
    /// Open findings by risk level.
    public private(set) var openByLevel = LevelCounts()
    /// The sum of the scores of open findings, added in finding order (as `Analysis.openRiskTotal`).
    public private(set) var openRiskTotal = 0.0
    /// Findings by layer, in `catalog.layers` order (a finding's layer is its asset kind's layer).
    public private(set) var byLayer: [StatusCounts]
    /// Findings by framework, in `analysis.frameworks` order.
    public private(set) var byFramework: [StatusCounts]
    /// Findings by catalog threat index.
    public private(set) var byThreat: [StatusCounts]
    /// ATLAS findings by tactic, in `catalog.tactics` order: a technique counts under each of its tactics, a
    /// sub-technique that lists none under its parent's; only techniques with an applicable finding count.
    public private(set) var byTactic: [StatusCounts]
    /// Techniques counted under each tactic, in `catalog.tactics` order.
    public private(set) var techniquesByTactic: [Int]
    /// Findings by workload asset index.
    public private(set) var byAsset: [AssetCoverage]
    /// Applicable findings by the number of distinct layers among their covering controls: 0, 1, 2, 3 or more.
    public private(set) var depths = [0, 0, 0, 0]
    /// Findings that rest on a single layer (high or critical, depth 1), by status.
    public private(set) var singleLayer = StatusCounts()
    /// Findings with an upstream filter that some route bypasses, by status.
    public private(set) var bypassed = StatusCounts()
    /// Applicable findings of each asset covered by a control on each layer: `asset * layers + layer`.
    private var coveredOnLayer: [Int]
    private let layerCount: Int

    /// The summary of every finding of `analysis`.
    public init(_ analysis: Analysis) { self.init(analysis, assets: nil) }

    /// The summary of the findings on the assets marked in `assets` (by workload asset index, unmarked beyond its end;
    /// nil: every asset).
    public init(_ analysis: Analysis, assets: [Bool]?) {
        let c = analysis.catalog, w = analysis.workload
        layerCount = c.layers.count
        byLayer = Array(repeating: StatusCounts(), count: c.layers.count)
        byFramework = Array(repeating: StatusCounts(), count: analysis.frameworks.count)
        byThreat = Array(repeating: StatusCounts(), count: c.threats.count)
        byTactic = Array(repeating: StatusCounts(), count: c.tactics.count)
        techniquesByTactic = Array(repeating: 0, count: c.tactics.count)
        byAsset = Array(repeating: AssetCoverage(), count: w.assets.count)
        coveredOnLayer = Array(repeating: 0, count: w.assets.count * c.layers.count)
        let layerIDs = c.layers.map(\.id)
        let assetLayer = w.assets.indices.map { layerIDs.firstIndex(of: c.kind(w.assets[$0].kind)?.layer ?? "application") }
        let threatFramework = c.threats.map { analysis.frameworks.firstIndex(of: $0.framework) }
        for f in analysis.findings where assets.map({ f.asset < $0.count && $0[f.asset] }) ?? true {
            count(f, layer: assetLayer[f.asset], framework: threatFramework[f.threat], layerIDs: layerIDs)
        }
        countTactics(c)
    }

    /// Applicable findings of asset `asset` covered by a control on the layer at `layer` in `catalog.layers`.
    public func findings(ofAsset asset: Int, coveredOnLayer layer: Int) -> Int { coveredOnLayer[asset * layerCount + layer] }

    /// Counts one finding.
    private mutating func count(_ f: Finding, layer: Int?, framework: Int?, layerIDs: [String]) {
        let status = f.status, asset = f.asset
        findings.add(status)
        byThreat[f.threat].add(status)
        byAsset[asset].statuses.add(status)
        if let layer { byLayer[layer].add(status) }
        if let framework { byFramework[framework].add(status) }
        if status.isOpen {
            let score = f.score
            openByLevel.add(RiskModel.level(score))
            openRiskTotal += score
            byAsset[asset].openByLevel.add(RiskModel.level(score))
            byAsset[asset].openScore += score
        }
        if f.singleLayer { singleLayer.add(status) }
        if f.isBypassed { bypassed.add(status) }
        guard status != .notApplicable else { return }
        depths[min(f.depth, 3)] += 1
        for id in f.layers {
            if let l = layerIDs.firstIndex(of: id) { coveredOnLayer[asset * layerCount + l] += 1 }
        }
    }

    /// Adds each ATLAS technique's counts under its tactics.
    private mutating func countTactics(_ c: Catalog) {
        for (t, threat) in c.threats.enumerated() where threat.framework == "atlas" && byThreat[t].applicable > 0 {
            let tactics = threat.tactics.isEmpty ? (threat.parent.flatMap { c.threat($0)?.tactics } ?? []) : threat.tactics
            for tactic in Set(tactics.compactMap { c.tacticIndex[$0] }).sorted() {
                byTactic[tactic].add(byThreat[t])
                techniquesByTactic[tactic] += 1
            }
        }
    }
}
