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
    /// An outbound control on every asset that sends into the asset (no actor sends into it directly).
    case caller
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

/// One (asset, threat) pair and what covers it: a view of one row of `Findings`, so copying it costs one reference
/// count and reading a field reads a column.
public struct Finding: Sendable, Hashable {
    let table: FindingTable
    let index: Int

    private var c: FindingColumns { table.columns }

    /// Index into the workload's assets.
    public var asset: Int { Int(c.asset[index]) }
    /// Index into the catalog's threats.
    public var threat: Int { Int(c.threat[index]) }
    /// Status.
    public var status: FindingStatus { c.status[index] }
    /// Least trusted actor that reaches the asset (nil: none).
    public var exposure: Trust? { c.exposure[index] }
    /// Distinct layers among implemented covering controls.
    public var depth: Int { c.layerMask[index].nonzeroBitCount }
    /// High or critical with depth 1.
    public var singleLayer: Bool { severity >= .high && depth == 1 }
    /// The asset's effective sensitivity: the highest of its own and of the data on its flows.
    public var sensitivity: Sensitivity { c.assetSensitivity[asset] }
    /// Severity in force (after overrides).
    public var severity: Severity { c.severity[index] }
    /// Likelihood in force (after overrides).
    public var likelihood: Double { c.likelihood(index) }
    /// ∏ (1 − effectiveness) of implemented covering controls.
    public var residual: Double { c.residual[index] }
    /// Risk score 0–10.
    public var score: Double { c.score(index) }
    /// Risk level.
    public var level: Severity { RiskModel.level(score) }
    /// Index into the workload's acceptances, when one matches.
    public var acceptance: Int? { extra?.acceptance }
    /// Whether that acceptance holds.
    public var acceptanceState: AcceptanceState? { extra?.acceptanceState }
    /// Index into the workload's notApplicable entries, when one matches.
    public var notApplicable: Int? { extra?.notApplicable }
    /// `THREAT@asset`.
    public var id: String {
        let t = c.threatIDs[threat], a = c.assetIDs[asset]
        var s = ""
        s.reserveCapacity(t.utf8.count + 1 + a.utf8.count)
        s += t; s += "@"; s += a
        return s
    }
    /// Covering controls (implemented and planned), sorted by control id then via.
    public var controls: [CoveringControl] { (0..<controlCount).map(control) }
    /// Number of covering controls.
    public var controlCount: Int { c.controlRange(index).count }
    /// Covering control `i` of `controls`, without building the list.
    public func control(_ i: Int) -> CoveringControl {
        let k = c.controlRange(index).lowerBound + i
        let p = c.controls[k]
        return CoveringControl(control: Int(p.control), status: p.status, via: p.via, on: c.names[Int(p.on)], effectiveness: c.effectiveness(k))
    }
    /// Layers of implemented covering controls, in layer order.
    public var layers: [String] { c.layerLists[Int(c.layerMask[index])] }
    /// Bypassed inbound filters, sorted by control id then asset.
    public var bypassed: [BypassedFilter] {
        let c = c
        return c.bypassed[Int(c.bypassStart[index])..<Int(c.bypassStart[index + 1])].map {
            BypassedFilter(control: Int($0.control), on: c.assetIDs[Int($0.on)], route: c.route(Int($0.route)))
        }
    }
    /// Each bypassed filter as (control index, route number), in the order of `bypassed`. Within one analysis, equal
    /// route numbers are the same route avoiding the same filter asset, so the pair identifies (control, on, route).
    public var bypassedKeys: [(control: Int, route: Int)] {
        let c = c
        return c.bypassed[Int(c.bypassStart[index])..<Int(c.bypassStart[index + 1])].map { (Int($0.control), Int($0.route)) }
    }
    /// Whether some inbound filter is bypassed.
    public var isBypassed: Bool { c.bypassStart[index + 1] > c.bypassStart[index] }
    /// Indices of overrides that changed this finding.
    public var overrides: [Int] { extra?.overrides ?? [] }

    private var extra: FindingColumns.Extra? { c.extra.isEmpty ? nil : c.extra[Int32(index)] }

    /// Whether an implemented covering control is catalog control `control`.
    public func hasImplemented(_ control: Int) -> Bool {
        let c = c
        return c.controlRange(index).contains { c.controls[$0].control == control && c.controls[$0].status == .implemented }
    }

    /// Equal when every field is equal (findings of different analyses compare by value).
    public static func == (a: Finding, b: Finding) -> Bool {
        if a.table === b.table && a.index == b.index { return true }
        return a.asset == b.asset && a.threat == b.threat && a.id == b.id && a.status == b.status && a.exposure == b.exposure
            && a.c.layerMask[a.index] == b.c.layerMask[b.index] && a.severity == b.severity && a.likelihood == b.likelihood
            && a.residual == b.residual && a.score == b.score && a.acceptance == b.acceptance && a.acceptanceState == b.acceptanceState
            && a.notApplicable == b.notApplicable && a.controls == b.controls && a.layers == b.layers && a.bypassed == b.bypassed
            && a.overrides == b.overrides
    }

    /// Hashes the id, status and score (equal findings agree on them).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(threat)
        hasher.combine(asset)
        hasher.combine(status)
        hasher.combine(score)
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
