import ThreatGraph

/// The catalog controls that would close findings (`Analysis.closingControls(for:limit:)`), with the candidates of
/// each threat and asset kind worked out once: renderers ask for every open finding, and an estate has a million.
struct ClosingControls {
    private struct Key: Hashable {
        let threat: Int
        let kind: String
    }
    private let analysis: Analysis
    private var candidates: [Key: [Int]] = [:]
    /// Per service named, the controls it rules out.
    private var unfit: [String: [Int]] = [:]

    init(_ analysis: Analysis) { self.analysis = analysis }

    /// At most `limit` controls, best first, that would cover `f` if implemented on its asset.
    mutating func controls(for f: Finding, limit: Int) -> [Control] {
        let key = Key(threat: f.threat, kind: analysis.workload.assets[f.asset].kind)
        let options: [Int]
        if let known = candidates[key] {
            options = known
        } else {
            options = analysis.closingCandidates(threat: key.threat, kind: key.kind)
            candidates[key] = options
        }
        var ruledOut: [Int] = []
        if let service = analysis.workload.assets[f.asset].service {
            if let known = unfit[service] { ruledOut = known } else { ruledOut = analysis.unfitControls(onAsset: f.asset); unfit[service] = ruledOut }
        }
        return analysis.closingControls(for: f, candidates: options, limit: limit, unfit: ruledOut)
    }
}
