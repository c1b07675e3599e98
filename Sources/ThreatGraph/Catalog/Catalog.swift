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
    /// Sub-technique indices of each threat index.
    public private(set) var children: [[Int]] = []

    /// Creates a catalog, sorting every list and building the indices.
    public init(manifest: CatalogManifest, layers: [Layer], assetKinds: [AssetKind], tactics: [Tactic], threats: [Threat],
                mitigations: [Mitigation], caseStudies: [CaseStudy], controls: [Control], origins: [String: SourceLocation] = [:]) {
        self.manifest = manifest
        self.layers = layers.sorted { $0.order < $1.order }
        self.assetKinds = assetKinds.sorted { $0.id < $1.id }
        self.tactics = tactics.sorted { ($0.order, $0.id) < ($1.order, $1.id) }
        self.threats = threats.sorted { $0.id < $1.id }
        self.mitigations = mitigations.sorted { $0.id < $1.id }
        self.caseStudies = caseStudies.sorted { $0.id < $1.id }
        self.controls = controls.sorted { $0.id < $1.id }
        self.origins = origins
        kindIndex = Self.index(self.assetKinds.map(\.id))
        threatIndex = Self.index(self.threats.map(\.id))
        controlIndex = Self.index(self.controls.map(\.id))
        tacticIndex = Self.index(self.tactics.map(\.id))
        mitigationIndex = Self.index(self.mitigations.map(\.id))
        caseStudyIndex = Self.index(self.caseStudies.map(\.id))
        var children = [[Int]](repeating: [], count: self.threats.count)
        for (i, t) in self.threats.enumerated() {
            if let p = t.parent, let pi = threatIndex[p], pi != i { children[pi].append(i) }
        }
        self.children = children
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

    /// Whether control `c` mitigates threat `t`, directly or through `t`'s parent technique.
    public func mitigates(_ control: Control, _ threatID: String) -> Bool {
        if control.mitigates.contains(threatID) { return true }
        if let p = threat(threatID)?.parent { return control.mitigates.contains(p) }
        return false
    }

    /// Threat indices the control at index `ci` mitigates: those it lists, and the sub-techniques of a listed parent.
    /// The one place the parent rule lives; coverage, paths and plans read it through here.
    public func mitigatedThreats(byControl ci: Int) -> [Int] {
        var result: [Int] = []
        for id in controls[ci].mitigates {
            guard let ti = threatIndex[id] else { continue }
            result.append(ti)
            result += children[ti]
        }
        return result
    }

    /// The frameworks the catalog holds, sorted.
    public var frameworks: [String] { Array(Set(threats.map(\.framework))).sorted() }
}
