/// The status of a finding, in precedence order.
public enum FindingStatus: String, Sendable, Hashable, CaseIterable {
    case notApplicable = "not-applicable", covered, accepted, partial, gap

    /// Partial or gap: something is left to do.
    public var isOpen: Bool { self == .partial || self == .gap }
}

/// How a control comes to cover a finding.
public enum CoverageVia: String, Sendable, Hashable {
    /// On the asset itself.
    case direct
    /// On a boundary around the asset.
    case inherited
    /// An inbound filter on an asset every route passes through.
    case dominator
    /// On every flow into the asset.
    case flow
}

/// A control that counts for a finding.
public struct CoveringControl: Sendable, Hashable {
    /// Catalog control index.
    public var control: Int
    /// Implemented or planned.
    public var status: ControlStatus
    /// How it covers.
    public var via: CoverageVia
    /// Where it sits: an asset, boundary or flow id (several flows joined by ", ").
    public var on: String
    /// Effectiveness after overrides.
    public var effectiveness: Double
}

/// An inbound filter that mitigates the threat upstream but that some route avoids.
public struct BypassedFilter: Sendable, Hashable {
    /// Catalog control index.
    public var control: Int
    /// Asset id the filter is on.
    public var on: String
    /// Fewest-hop route from an actor to the asset that avoids the filter (ids).
    public var route: [String]
}

/// Whether an acceptance holds at the as-of date.
public enum AcceptanceState: String, Sendable, Hashable {
    case valid, expired
}

/// One (asset, threat) pair and what covers it.
public struct Finding: Sendable, Hashable {
    /// Index into the workload's assets.
    public var asset: Int
    /// Index into the catalog's threats.
    public var threat: Int
    /// `THREAT@asset`.
    public var id: String
    /// Status.
    public var status: FindingStatus
    /// Least trusted actor that reaches the asset (nil: none).
    public var exposure: Trust?
    /// Distinct layers among implemented covering controls.
    public var depth: Int
    /// High or critical with depth 1.
    public var singleLayer: Bool
    /// Severity in force (after overrides).
    public var severity: Severity
    /// Likelihood in force (after overrides).
    public var likelihood: Double
    /// ∏ (1 − effectiveness) of implemented covering controls.
    public var residual: Double
    /// Risk score 0–10.
    public var score: Double
    /// Risk level.
    public var level: Severity
    /// Covering controls (implemented and planned), sorted by control id then via.
    public var controls: [CoveringControl]
    /// Layers of implemented covering controls, in layer order.
    public var layers: [String]
    /// Bypassed inbound filters, sorted by control id then asset.
    public var bypassed: [BypassedFilter]
    /// Index into the workload's acceptances, when one matches.
    public var acceptance: Int?
    /// Whether that acceptance holds.
    public var acceptanceState: AcceptanceState?
    /// Index into the workload's notApplicable entries, when one matches.
    public var notApplicable: Int?
    /// Indices of overrides that changed this finding.
    public var overrides: [Int]
}

/// A flow carrying confidential or restricted data to a third-party model or external API across a boundary.
public struct DataEgress: Sendable, Hashable {
    /// Index into the workload's flows.
    public var flow: Int
    /// Flow id.
    public var id: String
    /// Source id.
    public var from: String
    /// Destination asset id.
    public var to: String
    /// Sensitivity of the data.
    public var sensitivity: Sensitivity
    /// Boundary of the source (nil: none).
    public var fromBoundary: String?
    /// Boundary of the destination (nil: none).
    public var toBoundary: String?
    /// Implemented controls on the flow, by id.
    public var controls: [String]
    /// Level: high for restricted, medium for confidential.
    public var level: Severity
}
