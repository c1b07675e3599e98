/// Control effectiveness after overrides. Catalog values are read once; without overrides a lookup is one array read.
struct Effectiveness: Sendable {
    private let catalog: Catalog
    private let workload: Workload
    /// Catalog effectiveness of each control.
    private let base: [Double]
    /// Whether the workload has overrides (without them a lookup is one array read).
    private let hasOverrides: Bool

    init(catalog: Catalog, workload: Workload) {
        self.catalog = catalog
        self.workload = workload
        base = catalog.controls.map(\.effectiveness)
        hasOverrides = !workload.overrides.isEmpty
    }

    /// Effectiveness of control `c` against threat `t` where it sits (`onAsset`) for a finding at asset index `asset`,
    /// after the last matching override, and that override's index.
    @inline(__always)
    func value(_ c: Int, threat t: Int, onAsset: @autoclosure () -> String?, at asset: Int) -> (value: Double, override: Int?) {
        guard hasOverrides else { return (base[c], nil) }
        return overridden(c, threat: t, onAsset: onAsset(), at: asset)
    }

    /// The lookup when the workload has overrides.
    private func overridden(_ c: Int, threat t: Int, onAsset: String?, at asset: Int) -> (value: Double, override: Int?) {
        let overrides = workload.overrides
        let control = catalog.controls[c], threat = catalog.threats[t].id, assetID = workload.assets[asset].id
        var value = base[c]
        var index: Int?
        for (oi, o) in overrides.enumerated() where o.control == control.id && (o.threat == nil || o.threat == threat)
            && (o.asset == nil || o.asset == onAsset || o.asset == assetID) {
            if let e = o.effectiveness { value = e; index = oi }
        }
        return (value, index)
    }
}
