/// The result of analysing a workload against the catalog.
public struct Analysis: Sendable {
    /// The catalog used.
    public let catalog: Catalog
    /// The workload analysed.
    public let workload: Workload
    /// The options used.
    public let options: AnalysisOptions
    /// Frameworks in force, sorted.
    public let frameworks: [String]
    /// The movement graph.
    public let graph: MovementGraph
    /// Exposure per movement-graph node.
    public let exposure: [Trust?]
    /// Findings sorted by (asset id, threat id).
    public let findings: [Finding]
    /// Data-egress findings sorted by flow id.
    public let egress: [DataEgress]
    /// False when the bounded bypass search stopped early, so some bypassed filters may be missing.
    public let bypassSearchComplete: Bool
    /// Mitigation matrix and placements, for the path and recommendation analyses.
    let context: CoverageContext

    /// Exposure of an asset by index.
    public func exposure(ofAsset i: Int) -> Trust? { exposure[graph.assetNode(i)] }

    /// Open findings (partial or gap), worst first: by score descending, then id.
    public var openFindings: [Finding] {
        // Sorting indices keeps the large finding values from being moved during the sort.
        var order: [Int32] = []
        for (i, f) in findings.enumerated() where f.status.isOpen { order.append(Int32(i)) }
        findings.withUnsafeBufferPointer { f in
            order.sort { a, b in
                let sa = f[Int(a)].score, sb = f[Int(b)].score
                if sa != sb { return sa > sb }
                return f[Int(a)].id < f[Int(b)].id
            }
        }
        return order.map { findings[Int($0)] }
    }

    /// The threat of a finding.
    public func threat(of f: Finding) -> Threat { catalog.threats[f.threat] }
    /// The asset of a finding.
    public func asset(of f: Finding) -> Asset { workload.assets[f.asset] }
    /// The layer of a finding (its asset kind's layer).
    public func layer(of f: Finding) -> String { catalog.kind(workload.assets[f.asset].kind)?.layer ?? "application" }

    /// Sum of scores of open findings.
    public var openRiskTotal: Double { findings.reduce(0) { $1.status.isOpen ? $0 + $1.score : $0 } }

    /// Runs the coverage analysis.
    public init(catalog: Catalog, workload: Workload, options: AnalysisOptions) {
        self.catalog = catalog
        self.workload = workload
        self.options = options
        let frameworks = (options.frameworks ?? workload.frameworks ?? Workload.defaultFrameworks)
        self.frameworks = Array(Set(frameworks)).sorted()
        let g = MovementGraph(workload)
        graph = g
        let exposure = Reachability.exposure(g, trust: workload.actors.map(\.trust))
        self.exposure = exposure
        (findings, bypassSearchComplete, context) = Coverage.findings(catalog: catalog, workload: workload, graph: g, exposure: exposure,
                                                             frameworks: self.frameworks, asOf: options.asOf)
        egress = DataEgressAnalysis.find(catalog: catalog, workload: workload)
    }
}
