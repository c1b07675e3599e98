/// Every finding of an analysis, sorted by (asset id, threat id), stored column-wise: one array per field and the
/// covering controls of all findings in one flat array. Elements are `Finding` views read from the columns on demand.
///
/// A finding takes about 29 bytes plus 12 per covering control; no per-finding object or string is allocated. Scores
/// are computed from their factors when read; likelihoods and effectiveness values are stored only where overrides
/// change them.
public struct Findings: RandomAccessCollection, Sendable {
    let table: FindingTable

    /// Always 0.
    public var startIndex: Int { 0 }
    /// The number of findings.
    public var endIndex: Int { table.columns.asset.count }
    /// The finding at a position.
    public subscript(position: Int) -> Finding { Finding(table: table, index: position) }
}

/// The immutable columns, shared by every `Finding` view.
final class FindingTable: Sendable {
    let columns: FindingColumns
    init(_ columns: FindingColumns) { self.columns = columns }
}

/// The columns of every finding, filled by coverage one finding at a time with `append`.
struct FindingColumns: Sendable {
    /// A covering control without its effectiveness (kept in a parallel array): 12 bytes.
    struct PackedControl: Sendable {
        /// Catalog control index.
        var control: Int32
        /// Index into `names` of where it sits.
        var on: Int32
        var status: ControlStatus
        var via: CoverageVia
    }

    /// A bypassed filter without strings: 12 bytes.
    struct PackedBypass: Sendable {
        /// Catalog control index.
        var control: Int32
        /// Asset index of the filter asset.
        var on: Int32
        /// Route number: its nodes are `routeNodes[routeStart[route]..<routeEnd[route]]`.
        var route: Int32
    }

    /// What few findings have: an acceptance, a not-applicable entry, overrides, an overridden likelihood.
    struct Extra: Sendable {
        var likelihood: Double?
        var acceptance: Int?
        var acceptanceState: AcceptanceState?
        var notApplicable: Int?
        var overrides: [Int] = []
    }

    var asset: [Int32] = []
    var threat: [Int32] = []
    var status: [FindingStatus] = []
    var exposure: [Trust?] = []
    /// Bit i: layer i of the catalog holds an implemented covering control.
    var layerMask: [UInt16] = []
    var severity: [Severity] = []
    var residual: [Double] = []
    /// Covering controls of finding i: `controls[controlStart[i]..<controlStart[i + 1]]`.
    var controlStart: [Int32] = [0]
    var controls: [PackedControl] = []
    /// Effectiveness of each entry of `controls`, when the workload has overrides (else the catalog's, by control).
    var effectiveness: [Double] = []
    /// Whether `effectiveness` is filled.
    let storesEffectiveness: Bool
    /// Bypassed filters of finding i: `bypassed[bypassStart[i]..<bypassStart[i + 1]]`.
    var bypassStart: [Int32] = [0]
    var bypassed: [PackedBypass] = []
    /// Routes that avoid a filter, as movement-graph nodes.
    var routeNodes: [Int32] = []
    var routeStart: [Int32] = [], routeEnd: [Int32] = []
    /// Acceptances, not-applicable entries and overrides, by finding index.
    var extra: [Int32: Extra] = [:]

    /// Catalog threat ids by threat index.
    let threatIDs: [String]
    /// Asset ids by asset index.
    let assetIDs: [String]
    /// Actor and asset ids by movement-graph node.
    let nodeIDs: [String]
    /// Where controls sit (asset, boundary and joined flow ids), indexed by `PackedControl.on`.
    var names: [String]
    /// Layer ids by layer mask.
    let layerLists: [[String]]
    /// Catalog likelihood of each threat.
    let threatLikelihood: [Double]
    /// Catalog effectiveness of each control.
    let baseEffectiveness: [Double]
    /// Sensitivity of each asset.
    let assetSensitivity: [Sensitivity]

    init(threatIDs: [String], assetIDs: [String], nodeIDs: [String], names: [String], layerLists: [[String]], threatLikelihood: [Double],
         baseEffectiveness: [Double], assetSensitivity: [Sensitivity], storesEffectiveness: Bool, reserve count: Int) {
        self.threatIDs = threatIDs
        self.assetIDs = assetIDs
        self.nodeIDs = nodeIDs
        self.names = names
        self.layerLists = layerLists
        self.threatLikelihood = threatLikelihood
        self.baseEffectiveness = baseEffectiveness
        self.assetSensitivity = assetSensitivity
        self.storesEffectiveness = storesEffectiveness
        asset.reserveCapacity(count)
        threat.reserveCapacity(count)
        status.reserveCapacity(count)
        exposure.reserveCapacity(count)
        layerMask.reserveCapacity(count)
        severity.reserveCapacity(count)
        residual.reserveCapacity(count)
        controlStart.reserveCapacity(count + 1)
        bypassStart.reserveCapacity(count + 1)
    }

    /// Number of findings.
    var count: Int { asset.count }

    /// The range of finding `i`'s covering controls in `controls` and `effectiveness`.
    @inline(__always) func controlRange(_ i: Int) -> Range<Int> { Int(controlStart[i])..<Int(controlStart[i + 1]) }

    /// The ids along route number `r`.
    func route(_ r: Int) -> [String] { routeNodes[Int(routeStart[r])..<Int(routeEnd[r])].map { nodeIDs[Int($0)] } }

    /// Likelihood in force of finding i.
    @inline(__always) func likelihood(_ i: Int) -> Double {
        if !extra.isEmpty, let l = extra[Int32(i)]?.likelihood { return l }
        return threatLikelihood[Int(threat[i])]
    }

    /// Risk score of finding i, from its factors.
    @inline(__always) func score(_ i: Int) -> Double {
        RiskModel.score(severity: severity[i], exposure: exposure[i], sensitivity: assetSensitivity[Int(asset[i])], residual: residual[i])
    }

    /// Effectiveness of covering-control entry k.
    @inline(__always) func effectiveness(_ k: Int) -> Double {
        storesEffectiveness ? effectiveness[k] : baseEffectiveness[Int(controls[k].control)]
    }

    /// Sorts entries `range` of the covering controls by control id (catalog indices are in id order), implemented
    /// first, via, then where they sit; a stable insertion sort (a finding has a handful), moving `effectiveness` along.
    mutating func sortControls(_ range: Range<Int>) {
        let names = names
        func before(_ a: PackedControl, _ b: PackedControl) -> Bool {
            if a.control != b.control { return a.control < b.control }
            if a.status != b.status { return a.status == .implemented }
            if a.via != b.via { return a.via.rawValue < b.via.rawValue }
            return a.on != b.on && names[Int(a.on)] < names[Int(b.on)]
        }
        for i in range.dropFirst() {
            let x = controls[i], e = storesEffectiveness ? effectiveness[i] : 0
            var j = i
            while j > range.lowerBound && before(x, controls[j - 1]) {
                controls[j] = controls[j - 1]
                if storesEffectiveness { effectiveness[j] = effectiveness[j - 1] }
                j -= 1
            }
            controls[j] = x
            if storesEffectiveness { effectiveness[j] = e }
        }
    }

    /// Closes the finding whose controls and bypassed filters were appended last; `x` holds its rare members
    /// (with the likelihood when an override changed it).
    mutating func append(asset a: Int, threat t: Int, status s: FindingStatus, exposure e: Trust?, layerMask m: Int, severity sv: Severity,
                         residual r: Double, extra x: Extra?) {
        if let x { extra[Int32(asset.count)] = x }
        asset.append(Int32(a))
        threat.append(Int32(t))
        status.append(s)
        exposure.append(e)
        layerMask.append(UInt16(truncatingIfNeeded: m))
        severity.append(sv)
        residual.append(r)
        controlStart.append(Int32(controls.count))
        bypassStart.append(Int32(bypassed.count))
    }
}
