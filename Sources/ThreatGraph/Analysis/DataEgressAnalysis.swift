/// Finds flows that carry confidential or restricted data to a third-party model or external API across a boundary.
public enum DataEgressAnalysis {
    /// Kinds that receive data outside the workload's control.
    public static let externalKinds: Set<String> = ["third-party-model", "external-api"]

    /// Every such flow, sorted by flow id.
    /// - Complexity: O(f log f).
    public static func find(catalog: Catalog, workload w: Workload) -> [DataEgress] {
        var index: [String: Int] = [:]
        index.reserveCapacity(w.assets.count)
        for i in w.assets.indices where index[w.assets[i].id] == nil { index[w.assets[i].id] = i }
        var out: [DataEgress] = []
        for (i, f) in w.flows.enumerated() {
            guard let ti = index[f.to], externalKinds.contains(w.assets[ti].kind) else { continue }
            let to = w.assets[ti]
            let source = index[f.from].map { w.assets[$0] }
            let sensitivity = f.sensitivity ?? source?.sensitivity ?? .internal
            guard sensitivity >= .confidential else { continue }
            let fromBoundary = source?.boundary
            guard fromBoundary != to.boundary || source == nil else { continue }
            let controls = f.controls.filter { $0.status == .implemented }.map(\.id).sorted()
            out.append(DataEgress(flow: i, id: f.id, from: f.from, to: f.to, sensitivity: sensitivity, fromBoundary: fromBoundary,
                                  toBoundary: to.boundary, controls: controls, level: sensitivity == .restricted ? .high : .medium))
        }
        return out.sorted { $0.id < $1.id }
    }
}
