/// One of the five defense layers.
public struct Layer: Sendable, Hashable {
    /// `infrastructure`, `model`, `data`, `application` or `runtime`.
    public var id: String
    /// Display name, e.g. "Application & Inference".
    public var name: String
    /// Position 1–5.
    public var order: Int
}

/// A kind of asset a workload can contain, e.g. `llm-endpoint`.
public struct AssetKind: Sendable, Hashable {
    /// Kind id.
    public var id: String
    /// Display name.
    public var name: String
    /// One sentence.
    public var summary: String
    /// Default layer of findings on assets of this kind.
    public var layer: String
    /// Example services per cloud (`aws`, `azure`, `gcp`).
    public var services: [String: [String]]
    /// Words users reach for that mean this kind (`lambda`, `s3`); a word several kinds list is a suggestion, not an alias.
    public var aliases: [String] = []
}

/// Something an asset does that some threats need, e.g. `browses-web`.
public struct Capability: Sendable, Hashable {
    /// Capability id.
    public var id: String
    /// Display name.
    public var name: String
    /// One sentence.
    public var summary: String
}

/// An ATLAS tactic.
public struct Tactic: Sendable, Hashable {
    /// `AML.TA…`.
    public var id: String
    /// Name.
    public var name: String
    /// Kill-chain position.
    public var order: Int
    /// Link.
    public var url: String?
}

/// A threat: an ATLAS technique or sub-technique, or an OWASP entry.
public struct Threat: Sendable, Hashable {
    /// The framework's own id.
    public var id: String
    /// The framework's own name (a sub-technique's own short name).
    public var name: String
    /// `atlas`, `owasp-llm-2025`, …
    public var framework: String
    /// Our summary.
    public var summary: String
    /// ATLAS tactic ids.
    public var tactics: [String]
    /// Parent technique id, for a sub-technique.
    public var parent: String?
    /// `low|medium|high|critical`.
    public var severity: Severity
    /// Likelihood with no control in place, 0–1.
    public var likelihood: Double
    /// Asset kinds it applies to.
    public var appliesTo: [String]
    /// Ids of the same weakness in other frameworks.
    public var related: [String]
    /// Link to the framework's page.
    public var url: String?
    /// Why we authored what we authored, by field (`related:ID` and `equivalent:ID` for links).
    public var basis: [String: String]
    /// Capabilities an asset must declare, all of them, for the threat to apply to it.
    public var requires: [String] = []
    /// How the adversary's influence must arrive at the asset.
    public var vector: Vector?
    /// Ids in other frameworks or editions naming exactly this weakness (a subset of what `related` could hold).
    public var equivalent: [String] = []

    /// How influence must arrive: in a request, in stored content read later, through the supply chain, or
    /// through the cloud platform (credentials or a foothold).
    public enum Vector: String, Sendable, Hashable, CaseIterable { case input, stored, supply, platform }
}

/// Threat severity.
public enum Severity: String, Sendable, Hashable, CaseIterable, Comparable {
    case low, medium, high, critical

    /// 0 for low … 3 for critical.
    public var rank: Int {
        switch self {
        case .low: 0
        case .medium: 1
        case .high: 2
        case .critical: 3
        }
    }

    /// Orders low < medium < high < critical.
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
}

/// An ATLAS mitigation.
public struct Mitigation: Sendable, Hashable {
    /// `AML.M…`.
    public var id: String
    /// Name.
    public var name: String
    /// Our summary.
    public var summary: String
    /// Technique ids it addresses.
    public var addresses: [String]
    /// Link.
    public var url: String?
}

/// An ATLAS case study.
public struct CaseStudy: Sendable, Hashable {
    /// `AML.CS…`.
    public var id: String
    /// Name.
    public var name: String
    /// Technique ids in the order of the attack.
    public var techniques: [String]
    /// Link.
    public var url: String?
}

/// A security control that can be placed on an asset, a boundary or a flow.
public struct Control: Sendable, Hashable {
    /// The `deployOn` entry of a control that, placed on a boundary, acts on every asset inside it.
    public static let boundaryPlace = "boundary"
    /// What a control does.
    public enum Kind: String, Sendable, Hashable, CaseIterable { case preventive, detective, responsive }
    /// What a control protects.
    public enum Scope: String, Sendable, Hashable, CaseIterable { case asset, inbound, outbound }

    /// `ctl.<layer>.<slug>`.
    public var id: String
    /// Provider-neutral name.
    public var name: String
    /// Layer id.
    public var layer: String
    /// Preventive, detective or responsive.
    public var kind: Kind
    /// Asset, inbound or outbound.
    public var scope: Scope
    /// Our summary.
    public var summary: String
    /// Threat ids it mitigates (a parent covers its sub-techniques but those in `excludes`).
    public var mitigates: [String]
    /// Asset kinds it can be deployed on, or `flow`.
    public var deployOn: [String]
    /// 0–1.
    public var effectiveness: Double
    /// 1–5.
    public var cost: Int
    /// Product names per cloud (`aws`, `azure`, `gcp`, `generic`).
    public var implementations: [String: [String]]
    /// ATLAS mitigations it realises.
    public var atlasMitigations: [String]
    /// Sub-techniques of a listed parent that the control does not reach (the parent rule's exceptions).
    public var excludes: [String] = []
    /// For a control that stops less trusted actors: the trust an actor needs to pass it.
    public var gate: Trust?
    /// Service names, or words of them, on which the control cannot be put to work even where its kind
    /// deploys (a weights format on a vendor-hosted model API, say); see `fits(kind:service:cloud:)`.
    public var unfitServices: [String] = [] { didSet { unfitWords = unfitServices.map(ServiceWords.of) } }
    /// `unfitServices`, each as its lower-cased words (worked out once, when they are set).
    public private(set) var unfitWords: [[String]] = []
    /// Why authored values hold, by field (`mitigates`, `excludes`, `gate`, `deployOn`, `unfitServices`).
    public var basis: [String: String] = [:]

    /// The services that implement it on a cloud; the generic ones when the cloud has none.
    public func implementations(on cloud: String) -> [String] {
        if let list = implementations[cloud], !list.isEmpty { return list }
        return implementations["generic"] ?? []
    }
}

/// One source the catalog draws on.
public struct CatalogSource: Sendable, Hashable {
    /// Short id (`atlas`, `owasp-llm-2025`, …).
    public var id: String
    /// Name.
    public var name: String
    /// Version.
    public var version: String
    /// Release date.
    public var date: String
    /// Licence.
    public var licence: String
    /// Link.
    public var url: String?
    /// `draft` for drafts.
    public var status: String?
    /// Remarks.
    public var note: String?
}

/// Catalog version and sources.
public struct CatalogManifest: Sendable, Hashable {
    /// Catalog version.
    public var version: String
    /// Catalog name.
    public var name: String
    /// Sources.
    public var sources: [CatalogSource]
}
