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
///
/// The id and the lists live in one shared immutable box, so copying a finding costs one reference count.
public struct Finding: Sendable, Hashable {
    /// Index into the workload's assets.
    public var asset: Int
    /// Index into the catalog's threats.
    public var threat: Int
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
    /// Index into the workload's acceptances, when one matches.
    public var acceptance: Int?
    /// Whether that acceptance holds.
    public var acceptanceState: AcceptanceState?
    /// Index into the workload's notApplicable entries, when one matches.
    public var notApplicable: Int?
    private let detail: Detail

    /// `THREAT@asset`.
    public var id: String { detail.id }
    /// Covering controls (implemented and planned), sorted by control id then via.
    public var controls: [CoveringControl] { detail.controls }
    /// Layers of implemented covering controls, in layer order.
    public var layers: [String] { detail.layers }
    /// Bypassed inbound filters, sorted by control id then asset.
    public var bypassed: [BypassedFilter] { detail.bypassed }
    /// Indices of overrides that changed this finding.
    public var overrides: [Int] { detail.overrides }

    init(asset: Int, threat: Int, id: String, status: FindingStatus, exposure: Trust?, depth: Int, singleLayer: Bool,
         severity: Severity, likelihood: Double, residual: Double, score: Double, level: Severity, controls: [CoveringControl],
         layers: [String], bypassed: [BypassedFilter], acceptance: Int?, acceptanceState: AcceptanceState?, notApplicable: Int?,
         overrides: [Int]) {
        self.asset = asset
        self.threat = threat
        self.status = status
        self.exposure = exposure
        self.depth = depth
        self.singleLayer = singleLayer
        self.severity = severity
        self.likelihood = likelihood
        self.residual = residual
        self.score = score
        self.level = level
        self.acceptance = acceptance
        self.acceptanceState = acceptanceState
        self.notApplicable = notApplicable
        detail = Detail(id: id, controls: controls, layers: layers, bypassed: bypassed, overrides: overrides)
    }

    /// The immutable id and lists of a finding.
    private final class Detail: Sendable, Hashable {
        let id: String
        let controls: [CoveringControl]
        let layers: [String]
        let bypassed: [BypassedFilter]
        let overrides: [Int]

        init(id: String, controls: [CoveringControl], layers: [String], bypassed: [BypassedFilter], overrides: [Int]) {
            self.id = id
            self.controls = controls
            self.layers = layers
            self.bypassed = bypassed
            self.overrides = overrides
        }

        static func == (a: Detail, b: Detail) -> Bool {
            a === b || (a.id == b.id && a.controls == b.controls && a.layers == b.layers && a.bypassed == b.bypassed && a.overrides == b.overrides)
        }

        func hash(into hasher: inout Hasher) {
            hasher.combine(id)
            hasher.combine(controls)
            hasher.combine(layers)
            hasher.combine(bypassed)
            hasher.combine(overrides)
        }
    }
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
