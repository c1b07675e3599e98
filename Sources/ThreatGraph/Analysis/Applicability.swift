/// Which threats produce findings on which asset kinds, for a selection of frameworks.
///
/// Threat `t` applies to an asset when the asset's kind is in `t.appliesTo` and `t.framework` is selected;
/// when an ATLAS technique has sub-techniques that apply to the kind, only the sub-techniques produce findings.
public struct Applicability: Sendable {
    /// The frameworks in force, sorted.
    public let frameworks: [String]
    /// Threat indices (sorted by threat id) that produce findings, per kind id.
    public let threatsByKind: [String: [Int]]

    /// Computes applicability for every kind.
    /// - Complexity: O(T · a) for T threats applying to a kinds each.
    public init(catalog: Catalog, frameworks: [String]) {
        let selected = Set(frameworks)
        self.frameworks = selected.sorted()
        var byKind: [String: [Int]] = [:]
        for (i, t) in catalog.threats.enumerated() where selected.contains(t.framework) {
            for kind in Set(t.appliesTo) { byKind[kind, default: []].append(i) }
        }
        for (kind, list) in byKind {
            let present = Set(list)
            byKind[kind] = list.filter { i in
                !catalog.children[i].contains { present.contains($0) }
            }
        }
        threatsByKind = byKind
    }

    /// Threat indices producing findings on an asset of this kind, sorted by threat id.
    public func threats(forKind kind: String) -> [Int] { threatsByKind[kind] ?? [] }

    /// Whether threat `id` produces a finding on an asset of this kind.
    public func applies(_ threatID: String, toKind kind: String, in catalog: Catalog) -> Bool {
        guard let i = catalog.threatIndex[threatID] else { return false }
        return threats(forKind: kind).contains(i)
    }
}
