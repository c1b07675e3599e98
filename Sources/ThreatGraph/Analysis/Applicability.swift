/// Which threats produce findings on which assets, for a selection of frameworks.
///
/// Threat `t` applies to an asset when the asset's kind is in `t.appliesTo`, `t.framework` is selected and the asset
/// declares every capability in `t.requires`. When an ATLAS technique has sub-techniques that target the asset's kind,
/// only the sub-techniques produce findings, even those the asset lacks the capabilities for: the parent stands in
/// only for kinds no sub-technique names.
public struct Applicability: Sendable {
    /// The frameworks in force, sorted.
    public let frameworks: [String]
    /// Threat indices (sorted by threat id) that produce findings on an asset declaring no capability, per kind id.
    public let threatsByKind: [String: [Int]]
    /// Threat indices (sorted by threat id) whose kind and framework match, before capabilities and parents are
    /// considered, per kind id.
    let candidatesByKind: [String: [Int]]
    /// Capabilities each threat requires, by threat index.
    let requires: [[String]]
    /// Sub-technique indices of each threat index.
    let children: [[Int]]

    /// Computes applicability for every kind.
    /// - Complexity: O(T · a) for T threats applying to a kinds each.
    public init(catalog: Catalog, frameworks: [String]) {
        let selected = Set(frameworks)
        self.frameworks = selected.sorted()
        var byKind: [String: [Int]] = [:]
        for (i, t) in catalog.threats.enumerated() where selected.contains(t.framework) {
            for kind in Set(t.appliesTo) { byKind[kind, default: []].append(i) }
        }
        candidatesByKind = byKind
        requires = catalog.threats.map(\.requires)
        children = catalog.children
        var plain: [String: [Int]] = [:]
        for (kind, list) in byKind { plain[kind] = Self.select(list, capabilities: [], requires: requires, children: children) }
        threatsByKind = plain
    }

    /// Threat indices producing findings on an asset of this kind that declares no capability, sorted by threat id.
    public func threats(forKind kind: String) -> [Int] { threatsByKind[kind] ?? [] }

    /// Threat indices producing findings on an asset of this kind that declares these capabilities, sorted by threat id.
    /// - Complexity: O(n · (r + s)) for n candidate threats requiring r capabilities and having s sub-techniques each.
    public func threats(forKind kind: String, capabilities: Set<String>) -> [Int] {
        if capabilities.isEmpty { return threats(forKind: kind) }
        return Self.select(candidatesByKind[kind] ?? [], capabilities: capabilities, requires: requires, children: children)
    }

    /// Whether threat `id` produces a finding on an asset of this kind declaring these capabilities.
    public func applies(_ threatID: String, toKind kind: String, capabilities: Set<String> = [], in catalog: Catalog) -> Bool {
        guard let i = catalog.threatIndex[threatID] else { return false }
        return threats(forKind: kind, capabilities: capabilities).contains(i)
    }

    /// The candidates whose required capabilities are all declared, less every parent with a sub-technique among the
    /// candidates.
    static func select(_ candidates: [Int], capabilities: Set<String>, requires: [[String]], children: [[Int]]) -> [Int] {
        let targeting = Set(candidates)
        return candidates.filter { i in
            requires[i].allSatisfy(capabilities.contains) && !children[i].contains { targeting.contains($0) }
        }
    }
}
