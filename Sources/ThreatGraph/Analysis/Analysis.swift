/// The result of analysing a workload against the catalog.
public struct Analysis: Sendable {
    /// The catalog used.
    public let catalog: Catalog
    /// The workload analysed.
    public let workload: Workload
    /// The workload with every reference resolved to an index.
    public let resolved: ResolvedWorkload
    /// The options used.
    public let options: AnalysisOptions
    /// Frameworks in force, sorted.
    public let frameworks: [String]
    /// The movement graph.
    public let graph: MovementGraph
    /// Exposure per movement-graph node: the least trusted actor that reaches it.
    public let exposure: [Trust?]
    /// Per node, the least trusted actor whose content persists in it (the exposure of `stored` threats).
    public let storedExposure: [Trust?]
    /// Trust gates of the workload.
    public let gates: Gates
    /// Findings sorted by (asset id, threat id).
    public let findings: Findings
    /// Data-egress findings sorted by flow id.
    public let egress: [DataEgress]
    /// Toxic agent combinations, by agent id.
    public private(set) var toxicCombinations: [ToxicCombination] = []
    /// False when some asset has more bypassed filter assets than the 8 kept, so some bypassed filters are not listed.
    public let bypassSearchComplete: Bool
    /// Mitigation matrix and placements, for the path and recommendation analyses.
    let context: CoverageContext

    /// Exposure of an asset by index.
    public func exposure(ofAsset i: Int) -> Trust? { exposure[graph.assetNode(i)] }
    /// Exposure of an asset to content that persists in it.
    public func storedExposure(ofAsset i: Int) -> Trust? { storedExposure[graph.assetNode(i)] }

    /// Open findings (partial or gap), worst first: by score descending, then id.
    public var openFindings: [Finding] {
        let c = findings.table.columns
        let assets = workload.assets.count
        var keys: [(score: Double, key: Int, index: Int32)] = []
        for i in 0..<c.count where c.status[i].isOpen {
            keys.append((c.score(i), Int(context.threatRank[Int(c.threat[i])]) * assets + Int(context.assetRank[Int(c.asset[i])]), Int32(i)))
        }
        keys.sort { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
        return keys.map { findings[Int($0.index)] }
    }

    /// Findings worst first: by score descending, then id.
    /// - Complexity: O(n log n) over integer keys; ids are never compared as strings.
    public func worstFirst(_ list: [Finding]) -> [Finding] {
        let order = idKeys(list)
        var keys = list.indices.map { (score: list[$0].score, key: order[$0], index: Int32($0)) }
        keys.sort { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
        return keys.map { list[Int($0.index)] }
    }

    /// Findings in id order.
    public func byID(_ list: [Finding]) -> [Finding] {
        let order = idKeys(list)
        return list.indices.sorted { order[$0] < order[$1] }.map { list[$0] }
    }

    /// A key per finding whose order is that of the ids `THREAT@asset`. Threat ids contain no `@`, so comparing ids
    /// compares `THREAT@` first (no one is a prefix of another) and then the asset id.
    private func idKeys(_ list: [Finding]) -> [Int] {
        let assets = workload.assets.count
        return list.map { Int(context.threatRank[$0.threat]) * assets + Int(context.assetRank[$0.asset]) }
    }

    /// The findings of one asset (contiguous, since findings are sorted by asset id).
    public func findings(ofAsset i: Int) -> Findings.SubSequence {
        findings[Int(context.findingStart[i])..<Int(context.findingEnd[i])]
    }

    /// The threat of a finding.
    public func threat(of f: Finding) -> Threat { catalog.threats[f.threat] }
    /// The asset of a finding.
    public func asset(of f: Finding) -> Asset { workload.assets[f.asset] }
    /// The layer of a finding (its asset kind's layer).
    public func layer(of f: Finding) -> String { catalog.kind(workload.assets[f.asset].kind)?.layer ?? "application" }

    /// Sum of scores of open findings.
    public var openRiskTotal: Double {
        let c = findings.table.columns
        var total = 0.0
        for i in 0..<c.count where c.status[i].isOpen { total += c.score(i) }
        return total
    }

    /// Runs the coverage analysis.
    public init(catalog: Catalog, workload: Workload, options: AnalysisOptions) {
        self.catalog = catalog
        self.workload = workload
        self.options = options
        let frameworks = (options.frameworks ?? workload.frameworks ?? Workload.defaultFrameworks)
        self.frameworks = Array(Set(frameworks)).sorted()
        let resolved = ResolvedWorkload(workload, catalog: catalog)
        self.resolved = resolved
        let g = MovementGraph(resolved)
        graph = g
        let gates = Gates(resolved, catalog: catalog, graph: g)
        self.gates = gates
        let reach = Reachability.exposureByVector(g, trust: workload.actors.map(\.trust), gates: gates)
        exposure = reach.input
        storedExposure = reach.stored
        (findings, bypassSearchComplete, context) = Coverage.findings(catalog: catalog, resolved: resolved, graph: g, exposure: reach,
                                                             frameworks: self.frameworks, asOf: options.asOf)
        egress = DataEgressAnalysis.find(resolved)
        toxicCombinations = ToxicCombinationFinder(self).find()
    }
}
