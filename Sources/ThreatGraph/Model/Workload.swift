/// How far an actor is trusted, from least to most.
public enum Trust: String, Sendable, Hashable, CaseIterable, Comparable {
    case anonymous, authenticated, partner, supplier, insider

    /// 0 for anonymous … 4 for insider.
    public var rank: Int { Trust.allCases.firstIndex(of: self) ?? 0 }
    /// Less trusted first.
    public static func < (a: Trust, b: Trust) -> Bool { a.rank < b.rank }
}

/// Sensitivity of data.
public enum Sensitivity: String, Sendable, Hashable, CaseIterable, Comparable {
    case `public`, `internal`, confidential, restricted

    /// 0 for public … 3 for restricted.
    public var rank: Int { Sensitivity.allCases.firstIndex(of: self) ?? 0 }
    /// Less sensitive first.
    public static func < (a: Sensitivity, b: Sensitivity) -> Bool { a.rank < b.rank }
}

/// How a flow moves content between its ends.
public enum FlowAccess: String, Sendable, Hashable, CaseIterable {
    /// Content goes from `from` to `to` (the default).
    case send
    /// `from` reads what `to` holds: content moves `to → from`; nothing persists in `to`.
    case read
    /// Content from `from` persists in `to`.
    case write
    /// Both: `to` holds what `from` writes, and `from` reads it back.
    case readWrite = "read-write"

    /// Whether content moves from `from` to `to`.
    public var movesForward: Bool { self != .read }
    /// Whether content moves from `to` back to `from`.
    public var movesBackward: Bool { self == .read || self == .readWrite }
}

/// Whether a control is in place.
public enum ControlStatus: String, Sendable, Hashable, CaseIterable {
    case implemented, planned, notApplicable = "not-applicable"
}

/// A control placed on an asset, a boundary or a flow.
public struct ControlRef: Sendable, Hashable {
    /// Catalog control id.
    public var id: String
    /// Implemented, planned or not applicable.
    public var status: ControlStatus
    /// Remarks.
    public var note: String?
    /// Where it is written.
    public var location: SourceLocation
    /// The model says the placement on a kind the control does not deploy on is intended (no warning).
    public var placementIntended = false
    /// Evidence for an imported control: the infrastructure resource and attribute that prove it.
    public var source: String?
}

/// Someone who can reach the workload.
public struct Actor: Sendable, Hashable {
    /// Id.
    public var id: String
    /// Display name.
    public var name: String
    /// Trust level.
    public var trust: Trust
    /// Who this is.
    public var description: String?
    /// Location of its `id` member.
    public var location: SourceLocation
    /// Implied by the infrastructure, not confirmed by the architect.
    public var inferred = false
    /// Evidence for an imported actor: the entry point that implies it.
    public var source: String?
}

/// A trust boundary.
public struct Boundary: Sendable, Hashable {
    /// Id.
    public var id: String
    /// Display name.
    public var name: String
    /// Enclosing boundary.
    public var parent: String?
    /// What it is.
    public var description: String?
    /// Controls inherited by everything inside.
    public var controls: [ControlRef]
    /// Location of its `id` member.
    public var location: SourceLocation
    /// Evidence for an imported boundary: the resource or provider it stands for.
    public var source: String?
}

/// A component of the workload.
public struct Asset: Sendable, Hashable {
    /// Id.
    public var id: String
    /// Display name.
    public var name: String
    /// Catalog asset kind.
    public var kind: String
    /// Implementing product.
    public var service: String?
    /// Boundary it sits in.
    public var boundary: String?
    /// Sensitivity (default internal).
    public var sensitivity: Sensitivity
    /// Whether it is a target of attack paths.
    public var crownJewel: Bool
    /// Cloud, when set on the asset.
    public var cloud: String?
    /// What it does.
    public var description: String?
    /// Controls on it.
    public var controls: [ControlRef]
    /// Location of its `id` member.
    public var location: SourceLocation
    /// Catalog capability ids it declares (what it does that some threats need: browsing, running code…).
    public var capabilities: [String] = []
    /// Infrastructure resources the asset stands for (Terraform addresses or CloudFormation logical ids).
    public var resources: [String] = []
    /// Evidence for an imported asset: the resource it was read from.
    public var source: String?

    /// A target of attack paths: a crown jewel or restricted.
    public var isTarget: Bool { crownJewel || sensitivity == .restricted }
}

/// A data flow.
public struct Flow: Sendable, Hashable {
    /// Id (given, or `from->to`, `#2`… for parallel flows).
    public var id: String
    /// Source actor or asset.
    public var from: String
    /// Destination asset.
    public var to: String
    /// What it carries.
    public var data: String?
    /// Protocol.
    public var `protocol`: String?
    /// Sensitivity as written (nil: the source asset's).
    public var sensitivity: Sensitivity?
    /// Moves both ways.
    public var bidirectional: Bool
    /// Controls on the connection.
    public var controls: [ControlRef]
    /// Location of the flow object.
    public var location: SourceLocation
    /// Which way content moves and whether it persists in `to`.
    public var access: FlowAccess = .send
    /// Evidence for an imported flow: the resources and attributes it was inferred from.
    public var source: String?
}

/// A finding accepted until a date.
public struct RiskAcceptance: Sendable, Hashable {
    /// Threat id.
    public var threat: String
    /// Asset id.
    public var asset: String
    /// Why.
    public var reason: String
    /// Who.
    public var owner: String
    /// Tracking reference.
    public var ticket: String?
    /// Valid through the end of this day.
    public var expires: CalendarDate
    /// Where it is written.
    public var location: SourceLocation

    /// `THREAT@asset`.
    public var findingID: String { "\(threat)@\(asset)" }
}

/// A finding that does not apply.
public struct NotApplicableEntry: Sendable, Hashable {
    /// Threat id.
    public var threat: String
    /// Asset id.
    public var asset: String
    /// Why.
    public var reason: String
    /// Where it is written.
    public var location: SourceLocation

    /// `THREAT@asset`.
    public var findingID: String { "\(threat)@\(asset)" }
}

/// An adjusted control effectiveness or threat rating.
public struct Override: Sendable, Hashable {
    /// Control id.
    public var control: String?
    /// Threat id.
    public var threat: String?
    /// Limits the override to one asset.
    public var asset: String?
    /// New effectiveness of the control.
    public var effectiveness: Double?
    /// New severity of the threat.
    public var severity: Severity?
    /// New likelihood of the threat.
    public var likelihood: Double?
    /// Why.
    public var reason: String
    /// Where it is written.
    public var location: SourceLocation
}

/// A workload model, merged from one or more files.
public struct Workload: Sendable {
    /// Name.
    public var name: String
    /// Description.
    public var description: String?
    /// Cloud (`aws`, `azure`, `gcp`, `generic`).
    public var cloud: String
    /// Frameworks selected by the model (nil: the default).
    public var frameworks: [String]?
    /// Actors.
    public var actors: [Actor]
    /// Boundaries.
    public var boundaries: [Boundary]
    /// Assets.
    public var assets: [Asset]
    /// Flows.
    public var flows: [Flow]
    /// Accepted risks.
    public var acceptedRisks: [RiskAcceptance]
    /// Not-applicable entries.
    public var notApplicable: [NotApplicableEntry]
    /// Overrides.
    public var overrides: [Override]
    /// The files it was read from, as given.
    public var files: [String]

    /// Frameworks in force when none are selected.
    public static let defaultFrameworks = ["atlas", "owasp-llm-2025"]

    /// Creates a workload.
    public init(name: String, description: String? = nil, cloud: String = "generic", frameworks: [String]? = nil, actors: [Actor] = [],
                boundaries: [Boundary] = [], assets: [Asset] = [], flows: [Flow] = [], acceptedRisks: [RiskAcceptance] = [],
                notApplicable: [NotApplicableEntry] = [], overrides: [Override] = [], files: [String] = []) {
        self.name = name
        self.description = description
        self.cloud = cloud
        self.frameworks = frameworks
        self.actors = actors
        self.boundaries = boundaries
        self.assets = assets
        self.flows = flows
        self.acceptedRisks = acceptedRisks
        self.notApplicable = notApplicable
        self.overrides = overrides
        self.files = files
    }
}
