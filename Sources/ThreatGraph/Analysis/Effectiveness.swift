/// Control effectiveness after overrides. Catalog values are read once; without overrides a lookup is one array read.
struct Effectiveness: Sendable {
    /// Catalog effectiveness of each control.
    private let base: [Double]
    /// Effectiveness overrides by control index: (override index, resolved override, value), in model order.
    private let byControl: [Int: [(index: Int, override: ResolvedOverride, value: Double)]]

    init(catalog: Catalog, resolved r: ResolvedWorkload) {
        base = catalog.controls.map(\.effectiveness)
        var byControl: [Int: [(index: Int, override: ResolvedOverride, value: Double)]] = [:]
        for (i, o) in r.overrides.enumerated() where !o.unresolved {
            guard let c = o.control, let value = r.workload.overrides[i].effectiveness else { continue }
            byControl[c, default: []].append((i, o, value))
        }
        self.byControl = byControl
    }

    /// Effectiveness of control `c` against threat `t` where it sits (`onAsset`, nil for a boundary or flow) for a
    /// finding at asset index `asset`, after the last matching override, and that override's index.
    @inline(__always)
    func value(_ c: Int, threat t: Int, onAsset: Int?, at asset: Int) -> (value: Double, override: Int?) {
        guard !byControl.isEmpty, let list = byControl[c] else { return (base[c], nil) }
        var result: (value: Double, override: Int?) = (base[c], nil)
        for entry in list {
            let o = entry.override
            guard o.threat == nil || o.threat == t, o.asset == nil || o.asset == onAsset || o.asset == asset else { continue }
            result = (entry.value, entry.index)
        }
        return result
    }
}
