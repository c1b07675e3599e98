/// Finds flows that carry confidential or restricted data to a third-party model or external API across a boundary.
public enum DataEgressAnalysis {
    /// Kinds that receive data outside the workload's control.
    public static let externalKinds: Set<String> = ["third-party-model", "external-api"]

    /// Every such flow, sorted by flow id.
    /// - Complexity: O(f log f).
    public static func find(_ r: ResolvedWorkload) -> [DataEgress] {
        let w = r.workload
        var out: [DataEgress] = []
        for i in w.flows.indices {
            guard let ti = r.flowTo[i]?.asset, externalKinds.contains(w.assets[ti].kind) else { continue }
            let sensitivity = r.flowSensitivity[i]
            guard sensitivity >= .confidential else { continue }
            let source = r.flowFrom[i]?.asset, fromBoundary = source.flatMap { w.assets[$0].boundary }, toBoundary = w.assets[ti].boundary
            guard fromBoundary != toBoundary || source == nil else { continue }
            let f = w.flows[i]
            out.append(DataEgress(flow: i, id: f.id, from: f.from, to: f.to, sensitivity: sensitivity, fromBoundary: fromBoundary, toBoundary: toBoundary,
                                  controls: f.controls.filter { $0.status == .implemented }.map(\.id).sorted(),
                                  level: sensitivity == .restricted ? .high : .medium))
        }
        return out.sorted { $0.id < $1.id }
    }
}
