import Foundation

/// The catalog: layers, asset kinds, tactics, threats, mitigations, case studies and controls,
/// each sorted by id with an id → index map.
public struct Catalog: Sendable {
    /// Version and sources.
    public var manifest: CatalogManifest
    /// The five layers in order.
    public var layers: [Layer]
    /// Asset kinds sorted by id.
    public var assetKinds: [AssetKind]
    /// Tactics sorted by kill-chain order.
    public var tactics: [Tactic]
    /// Threats sorted by id.
    public var threats: [Threat]
    /// Mitigations sorted by id.
    public var mitigations: [Mitigation]
    /// Case studies sorted by id.
    public var caseStudies: [CaseStudy]
    /// Controls sorted by id.
    public var controls: [Control]
    /// Capabilities sorted by id.
    public var capabilities: [Capability]
    /// Where each entity was defined, keyed by `type:id`.
    public var origins: [String: SourceLocation]

    /// Index of each asset kind by id.
    public private(set) var kindIndex: [String: Int] = [:]
    /// Index of each threat by id.
    public private(set) var threatIndex: [String: Int] = [:]
    /// Index of each control by id.
    public private(set) var controlIndex: [String: Int] = [:]
    /// Index of each tactic by id.
    public private(set) var tacticIndex: [String: Int] = [:]
    /// Index of each mitigation by id.
    public private(set) var mitigationIndex: [String: Int] = [:]
    /// Index of each case study by id.
    public private(set) var caseStudyIndex: [String: Int] = [:]
    /// Index of each capability by id.
    public private(set) var capabilityIndex: [String: Int] = [:]
    /// Sub-technique indices of each threat index.
    public private(set) var children: [[Int]] = []
    /// Kind ids by lower-cased word: each kind's own id and its aliases.
    public private(set) var kindWords: [String: [String]] = [:]
    /// `equivalent` links in both directions, by threat id.
    private var equivalentLinks: [String: [String]] = [:]
    /// Controls that list `unfitServices`, by index.
    public private(set) var controlsNamingUnfitServices: [Int] = []
    /// Per threat index, the threats that are the same weakness (`sameWeakness(_:_:)`, either direction), by index.
    public private(set) var sameWeaknessIndices: [[Int]] = []

    /// Creates a catalog, sorting every list and building the indices.
    public init(manifest: CatalogManifest, layers: [Layer], assetKinds: [AssetKind], tactics: [Tactic], threats: [Threat],
                mitigations: [Mitigation], caseStudies: [CaseStudy], controls: [Control], capabilities: [Capability] = [],
                origins: [String: SourceLocation] = [:]) {
        self.manifest = manifest
        self.layers = layers.sorted { $0.order < $1.order }
        self.assetKinds = assetKinds.sorted { $0.id < $1.id }
        self.tactics = tactics.sorted { ($0.order, $0.id) < ($1.order, $1.id) }
        self.threats = threats.sorted { $0.id < $1.id }
        self.mitigations = mitigations.sorted { $0.id < $1.id }
        self.caseStudies = caseStudies.sorted { $0.id < $1.id }
        self.controls = controls.sorted { $0.id < $1.id }
        self.capabilities = capabilities.sorted { $0.id < $1.id }
        self.origins = origins
        kindIndex = Self.index(self.assetKinds.map(\.id))
        threatIndex = Self.index(self.threats.map(\.id))
        controlIndex = Self.index(self.controls.map(\.id))
        tacticIndex = Self.index(self.tactics.map(\.id))
        mitigationIndex = Self.index(self.mitigations.map(\.id))
        caseStudyIndex = Self.index(self.caseStudies.map(\.id))
        capabilityIndex = Self.index(self.capabilities.map(\.id))
        var children = [[Int]](repeating: [], count: self.threats.count)
        for (i, t) in self.threats.enumerated() {
            if let p = t.parent, let pi = threatIndex[p], pi != i { children[pi].append(i) }
        }
        self.children = children
        var words: [String: Set<String>] = [:]
        for kind in self.assetKinds {
            for word in [kind.id] + kind.aliases { words[word.lowercased(), default: []].insert(kind.id) }
        }
        kindWords = words.mapValues { $0.sorted() }
        var links: [String: [String]] = [:]
        for t in self.threats {
            for e in t.equivalent where e != t.id {
                links[t.id, default: []].append(e)
                links[e, default: []].append(t.id)
            }
        }
        equivalentLinks = links
        var same = [Set<Int>](repeating: [], count: self.threats.count)
        for (t, threat) in self.threats.enumerated() where links[threat.id] != nil {
            for e in equivalents(of: threat.id).compactMap({ threatIndex[$0] }) {
                same[t].insert(e)
                same[e].insert(t)
            }
        }
        sameWeaknessIndices = same.map { $0.sorted() }
        controlsNamingUnfitServices = self.controls.indices.filter { !self.controls[$0].unfitServices.isEmpty }
    }

    private static func index(_ ids: [String]) -> [String: Int] {
        var map: [String: Int] = [:]
        map.reserveCapacity(ids.count)
        for (i, id) in ids.enumerated() where map[id] == nil { map[id] = i }
        return map
    }

    /// The threat with this id.
    public func threat(_ id: String) -> Threat? { threatIndex[id].map { threats[$0] } }
    /// The control with this id.
    public func control(_ id: String) -> Control? { controlIndex[id].map { controls[$0] } }
    /// The asset kind with this id.
    public func kind(_ id: String) -> AssetKind? { kindIndex[id].map { assetKinds[$0] } }
    /// The tactic with this id.
    public func tactic(_ id: String) -> Tactic? { tacticIndex[id].map { tactics[$0] } }
    /// The layer with this id.
    public func layer(_ id: String) -> Layer? { layers.first { $0.id == id } }

    /// Display name of a threat: "Parent: Sub" for a sub-technique.
    public func displayName(of threat: Threat) -> String {
        if let p = threat.parent, let parent = self.threat(p) { return "\(parent.name): \(threat.name)" }
        return threat.name
    }

    /// Whether control `c` mitigates threat `t`, by the parent rule: it lists `t`, or it lists `t`'s parent technique
    /// and does not name `t` in `excludes`.
    public func mitigates(_ control: Control, _ threatID: String) -> Bool {
        if control.mitigates.contains(threatID) { return true }
        guard let p = threat(threatID)?.parent, p != threatID else { return false }
        return control.mitigates.contains(p) && !control.excludes.contains(threatID)
    }

    /// Threat indices the control at index `ci` mitigates, sorted and distinct: those it lists, and the sub-techniques
    /// of a listed parent that it does not exclude.
    /// The one place the parent rule lives; coverage, paths and plans read it through here.
    public func mitigatedThreats(byControl ci: Int) -> [Int] {
        let control = controls[ci]
        var result = Set<Int>()
        for id in control.mitigates {
            guard let ti = threatIndex[id] else { continue }
            result.insert(ti)
            for child in children[ti] where !control.excludes.contains(threats[child].id) { result.insert(child) }
        }
        return result.sorted()
    }

    /// The kinds a user's word names: the kind with that id, or every kind listing it as an alias, sorted.
    /// One result is an alias to use; several are suggestions to offer; none means the word is unknown.
    public func kinds(forWord word: String) -> [String] {
        let w = word.trimmingCharacters(in: .whitespaces).lowercased()
        if let own = kindIndex[w] { return [assetKinds[own].id] }
        return kindWords[w] ?? []
    }

    /// The capability with this id.
    public func capability(_ id: String) -> Capability? { capabilityIndex[id].map { capabilities[$0] } }

    /// Threat ids that name exactly the same weakness as `threatID` (itself excluded), sorted: the closure of
    /// `equivalent` links in both directions, with the sub-techniques of every parent in it.
    public func equivalents(of threatID: String) -> [String] {
        var seen: Set<String> = [threatID]
        var queue = [threatID]
        while let id = queue.popLast() {
            var next = equivalentLinks[id] ?? []
            if id != threatID, let ti = threatIndex[id] { next += children[ti].map { threats[$0].id } }
            for n in next where seen.insert(n).inserted { queue.append(n) }
        }
        seen.remove(threatID)
        return seen.sorted()
    }

    /// Whether two threats are the same weakness and may be grouped in reports: one is among the other's
    /// `equivalents(of:)` (so an entry equivalent to a parent technique groups with each of its sub-techniques).
    public func sameWeakness(_ a: String, _ b: String) -> Bool {
        guard a != b else { return true }
        guard let i = threatIndex[a], let j = threatIndex[b] else { return false }
        return sameWeaknessIndices[i].contains(j)
    }

    /// The frameworks the catalog holds, sorted.
    public var frameworks: [String] { Array(Set(threats.map(\.framework))).sorted() }
}
