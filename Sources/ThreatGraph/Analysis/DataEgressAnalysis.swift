/// Finds flows that carry confidential or restricted data to a third-party model or external API across a boundary.
public enum DataEgressAnalysis {
    /// Kinds that receive data outside the workload's control.
    public static let externalKinds: Set<String> = ["third-party-model", "external-api"]

    /// Every such flow, sorted by flow id.
    /// - Complexity: O(f log f).
    public static func find(_ r: ResolvedWorkload) -> [DataEgress] {
        let w = r.workload
        var out: [DataEgress] = []
        for (i, f) in w.flows.enumerated() {
            guard let ti = r.flowTo[i]?.asset, externalKinds.contains(w.assets[ti].kind) else { continue }
            let to = w.assets[ti]
            let source = r.flowFrom[i]?.asset.map { w.assets[$0] }
            let sensitivity = r.flowSensitivity[i]
            guard sensitivity >= .confidential else { continue }
            let fromBoundary = source?.boundary
            guard fromBoundary != to.boundary || source == nil else { continue }
            out.append(DataEgress(flow: i, id: f.id, from: f.from, to: f.to, sensitivity: sensitivity, fromBoundary: fromBoundary,
                                  toBoundary: to.boundary, controls: f.controls.filter { $0.status == .implemented }.map(\.id).sorted(),
                                  level: sensitivity == .restricted ? .high : .medium))
        }
        return out.sorted { $0.id < $1.id }
    }
}
