import Foundation
import ThreatGraph

/// Which findings a result document lists (its `summary` always counts them all).
public enum FindingSelection: String, Sendable, CaseIterable {
    /// Every finding, whatever its status.
    case all
    /// Open findings only (partial or gap).
    case open

    /// Whether a finding is listed.
    public func lists(_ f: Finding) -> Bool { self == .all || f.status.isOpen }
}

/// The analysis as the result document (`"threatgraphResult": "1"`), streamed with keys in a fixed order. Each
/// finding and exploit-graph edge is one line; catalog facts (a threat's name, a control's name) are in the `threats`
/// and `controls` tables, once per document.
public enum ResultJSON {
    /// The whole document; with `paths`, the attack-path members (`exploitGraph`, `paths`, `pathSearch`,
    /// `recommendations`, `cut`) follow the findings, then the `extra` members (e.g. `check`).
    public static func render(_ a: Analysis, paths: PathAnalysis? = nil, findings: FindingSelection = .all,
                              extra: [(String, JSONText)] = []) -> String {
        var w = JSONStream(capacity: 4096 + a.findings.count * 512)  // a finding takes about 0.3 KB
        write(a, summary: CoverageSummary(a), paths: { paths }, findings: findings, extra: extra, to: &w)
        return w.finish()
    }

    /// The same document as UTF-8 bytes, without building a string.
    public static func renderData(_ a: Analysis, paths: PathAnalysis? = nil, findings: FindingSelection = .all,
                                  extra: [(String, JSONText)] = []) -> Data {
        var w = JSONStream(capacity: 4096 + a.findings.count * 512)
        write(a, summary: CoverageSummary(a), paths: { paths }, findings: findings, extra: extra, to: &w)
        return w.finishData()
    }

    /// The same document streamed to `sink` as it is written, in chunks of about a megabyte, so that memory does not
    /// grow with its size.
    public static func write(_ a: Analysis, paths: PathAnalysis? = nil, findings: FindingSelection = .all,
                             extra: [(String, JSONText)] = [], to sink: ByteSink) {
        write(a, summary: CoverageSummary(a), paths: paths, findings: findings, extra: extra, to: sink)
    }

    /// The document streamed to `sink`, from a coverage summary of `a` already taken.
    static func write(_ a: Analysis, summary: CoverageSummary, paths: PathAnalysis?, findings: FindingSelection,
                      extra: [(String, JSONText)] = [], to sink: ByteSink) {
        write(a, summary: summary, paths: { paths }, findings: findings, extra: extra, to: sink)
    }

    /// The document streamed to `sink`, with the attack paths asked of `paths` once the findings are written.
    static func write(_ a: Analysis, summary: CoverageSummary, paths: () -> PathAnalysis?, findings: FindingSelection,
                      extra: [(String, JSONText)] = [], to sink: ByteSink) {
        var w = JSONStream(streamingTo: sink)
        write(a, summary: summary, paths: paths, findings: findings, extra: extra, to: &w)
        w.finishStream()
    }

    /// Findings as a JSON array, each with every fact on it (what `gaps --format json` prints).
    public static func findingsDocument(_ findings: [Finding], in a: Analysis) -> String {
        var w = JSONStream(capacity: 4096 + findings.count * 1024)
        writeFindings(findings, in: a, to: &w)
        return w.finish()
    }

    /// The same array streamed to `sink` as it is written.
    public static func writeFindingsDocument(_ findings: [Finding], in a: Analysis, to sink: ByteSink) {
        var w = JSONStream(streamingTo: sink)
        writeFindings(findings, in: a, to: &w)
        w.finishStream()
    }

    static func writeFindings(_ findings: [Finding], in a: Analysis, to w: inout JSONStream) {
        let names = Names(a)
        w.beginArray()
        for f in findings {
            write(f, in: a, names: names, tables: false, to: &w)
            w.flush()
        }
        w.endArray()
    }

    static func write(_ a: Analysis, summary: CoverageSummary, paths: () -> PathAnalysis?, findings selection: FindingSelection,
                      extra: [(String, JSONText)], to w: inout JSONStream) {
        let names = Names(a)
        writeHead(a, summary: summary, findings: selection, names: names, to: &w)
        for f in a.findings where selection.lists(f) {
            write(f, in: a, names: names, tables: true, to: &w)
            w.flush()
        }
        writeTail(a, paths: paths(), extra: extra, to: &w)
    }

    /// The document up to the findings: its members before them, the tables, and the opening of `findings`.
    static func writeHead(_ a: Analysis, summary: CoverageSummary, findings selection: FindingSelection, names: Names, to w: inout JSONStream) {
        w.beginObject()
        w.key("threatgraphResult"); w.string("1")
        w.key("asOf"); w.string(a.options.asOf.description)
        w.key("catalogVersion"); w.string(a.catalog.manifest.version)
        w.key("model"); w.beginObject(); w.key("name"); w.string(a.workload.name); w.key("files"); w.strings(a.workload.files); w.endObject()
        w.key("frameworks"); w.strings(a.frameworks)
        w.key("summary"); write(summary, in: a, to: &w)
        w.key("findingsListed"); w.string(selection.rawValue)
        writeTables(a, names: names, listed: selection.lists, to: &w)
        w.key("findings"); w.beginArray()
    }

    /// The document after the findings: the end of `findings`, `dataEgress`, the attack-path members and `extra`.
    static func writeTail(_ a: Analysis, paths: PathAnalysis?, extra: [(String, JSONText)], to w: inout JSONStream) {
        w.endArray()
        w.key("dataEgress"); w.beginArray()
        for e in a.egress { write(e, to: &w) }
        w.endArray()
        w.key("toxicCombinations"); ToxicJSON.write(a.toxicCombinations, catalog: a.catalog, to: &w)
        if let paths { PathsJSON.write(paths, in: a, to: &w) }
        for (k, v) in extra { w.dynamicKey(k); w.value(v) }
        w.endObject()
    }

    /// `threats` and `controls`: the catalog facts of the threats and controls the listed findings name, by id.
    static func writeTables(_ a: Analysis, names n: Names, listed: (Finding) -> Bool, to w: inout JSONStream) {
        let c = a.catalog
        var threatUsed = [Bool](repeating: false, count: c.threats.count)
        var controlUsed = [Bool](repeating: false, count: c.controls.count)
        for f in a.findings where listed(f) {
            threatUsed[f.threat] = true
            for i in 0..<f.controlCount { controlUsed[f.control(i).control] = true }
            if f.isBypassed { for b in f.bypassedKeys { controlUsed[b.control] = true } }
        }
        w.key("threats"); w.beginObject()
        for t in c.threats.indices.filter({ threatUsed[$0] }).sorted(by: { n.threatID[$0] < n.threatID[$1] }) {
            let threat = c.threats[t]
            w.dynamicKey(n.threatID[t]); w.beginInlineObject()
            w.key("name"); w.string(n.threatName[t])
            w.key("framework"); w.string(n.threatFramework[t])
            w.key("severity"); w.string(threat.severity.rawValue)
            w.key("likelihood"); w.number(threat.likelihood)
            w.endObject()
        }
        w.endObject()
        w.key("controls"); w.beginObject()
        for i in c.controls.indices.filter({ controlUsed[$0] }).sorted(by: { n.controlID[$0] < n.controlID[$1] }) {
            let control = c.controls[i]
            w.dynamicKey(n.controlID[i]); w.beginInlineObject()
            w.key("name"); w.string(control.name)
            w.key("layer"); w.string(n.controlLayer[i])
            w.key("kind"); w.string(n.controlKind[i])
            w.key("effectiveness"); w.number(control.effectiveness)
            w.endObject()
        }
        w.endObject()
    }

    /// `summary`: counts by status and open level, single-layer and bypassed findings, and the open risk total.
    static func write(_ s: CoverageSummary, in a: Analysis, to w: inout JSONStream) {
        w.beginObject()
        w.key("findings"); w.int(s.findings.total)
        w.key("byStatus"); w.beginObject()
        for status in FindingStatus.allCases { w.dynamicKey(status.rawValue); w.int(s.findings[status]) }
        w.endObject()
        w.key("openByLevel"); w.beginObject()
        for level in Severity.allCases.reversed() { w.dynamicKey(level.rawValue); w.int(s.openByLevel[level]) }
        w.endObject()
        w.key("singleLayer"); w.int(s.singleLayer.applicable)
        w.key("bypassed"); w.int(s.bypassed.total)
        w.key("bypassSearchComplete"); w.bool(a.bypassSearchComplete)
        w.key("openRiskTotal"); w.number(s.openRiskTotal)
        w.endObject()
    }

    /// Text of catalog and workload entities by index, looked up once per document rather than once per finding. A
    /// class, so that the per-finding closures that capture it retain one object rather than copy eight arrays.
    final class Names: Sendable {
        let threatID: [String], threatName: [String], threatFramework: [String], threatSeverity: [Severity]
        let controlID: [String], controlLayer: [String], controlKind: [String], controlEffectiveness: [Double]
        let assetID: [String], assetLayer: [String]

        init(_ a: Analysis) {
            let c = a.catalog
            threatID = c.threats.map(\.id)
            threatName = c.threats.map { c.displayName(of: $0) }
            threatFramework = c.threats.map(\.framework)
            threatSeverity = c.threats.map(\.severity)
            controlID = c.controls.map(\.id)
            controlLayer = c.controls.map(\.layer)
            controlKind = c.controls.map(\.kind.rawValue)
            controlEffectiveness = c.controls.map(\.effectiveness)
            assetID = a.resolved.assetIDs
            assetLayer = a.workload.assets.indices.map { c.kind(a.workload.assets[$0].kind)?.layer ?? "application" }
        }
    }

    /// One finding, on one line. With `tables` (the result document), the catalog facts the document's `threats` and
    /// `controls` tables hold are not repeated: the threat's name and framework, a control's layer and kind, and the
    /// severity and a control's effectiveness unless an override changed them; `bypass` is `bypassed[0].route`.
    /// Without (`gaps --format json`), every fact is on the finding.
    static func write(_ f: Finding, in a: Analysis, names n: Names, tables: Bool, to w: inout JSONStream) {
        w.beginInlineObject()
        w.key("id"); w.string(n.threatID[f.threat], "@", n.assetID[f.asset])
        w.key("asset"); w.string(n.assetID[f.asset])
        // Runs that depend only on the threat, or on a control with its status and via, are written once and copied.
        let t = f.threat
        w.members(cached: t * 2, count: tables ? 1 : 3) { w in
            w.key("threat"); w.string(n.threatID[t])
            if !tables { w.key("threatName"); w.string(n.threatName[t]); w.key("framework"); w.string(n.threatFramework[t]) }
        }
        w.key("layer"); w.string(n.assetLayer[f.asset])
        w.key("status"); w.string(f.status.rawValue)
        w.key("exposure"); w.string(f.exposure?.rawValue ?? "none")
        w.key("depth"); w.int(f.depth)
        w.key("singleLayer"); w.bool(f.singleLayer)
        if !tables || f.severity != n.threatSeverity[t] { w.key("severity"); w.string(f.severity.rawValue) }
        // Only where the data on a flow raised the asset's sensitivity: the level risk used, and that flow.
        if let flow = a.resolved.sensitivitySource[f.asset] {
            w.key("sensitivity"); w.beginObject()
            w.key("level"); w.string(f.sensitivity.rawValue); w.key("from"); w.string(a.workload.flows[flow].id)
            w.endObject()
        }
        w.key("risk"); w.beginObject()
        let score = f.score
        w.key("score"); w.number(score); w.key("level"); w.string(RiskModel.level(score).rawValue); w.key("residual"); w.number(f.residual)
        w.endObject()
        // In the result document an empty list is left out: absent means none.
        if !tables || f.controlCount > 0 { w.key("controls"); writeControls(of: f, names: n, tables: tables, to: &w) }
        let layers = f.layers
        if !tables || !layers.isEmpty { w.key("layers"); w.strings(layers) }
        if f.isBypassed { writeBypassed(of: f, names: n, tables: tables, to: &w) }
        writeDecisions(of: f, in: a, to: &w)
        w.endObject()
    }

    /// `controls[]`: the covering controls with how each covers the finding.
    static func writeControls(of f: Finding, names n: Names, tables: Bool, to w: inout JSONStream) {
        w.beginArray()
        for i in 0..<f.controlCount {
            let cc = f.control(i)
            w.beginObject()
            let slot = ((cc.control * 4 + (cc.status == .implemented ? 0 : cc.status == .planned ? 1 : 2)) * 4 + viaNumber(cc.via)) * 2 + 1
            w.members(cached: slot, count: tables ? 3 : 5) { w in
                w.key("id"); w.string(n.controlID[cc.control])
                if !tables { w.key("layer"); w.string(n.controlLayer[cc.control]); w.key("kind"); w.string(n.controlKind[cc.control]) }
                w.key("status"); w.string(cc.status.rawValue); w.key("via"); w.string(cc.via.rawValue)
            }
            w.key("on"); w.string(cc.on)
            if !tables || cc.effectiveness != n.controlEffectiveness[cc.control] { w.key("effectiveness"); w.number(cc.effectiveness) }
            w.endObject()
        }
        w.endArray()
    }

    /// `bypassed[]`, after `bypass` (the first one's route) unless `tables`. A filter's asset and route depend only on
    /// its route number, so their text is written once per number and copied.
    static func writeBypassed(of f: Finding, names n: Names, tables: Bool, to w: inout JSONStream) {
        var filters: [BypassedFilter]?
        if !tables { filters = f.bypassed; w.key("bypass"); w.strings(filters?.first?.route ?? []) }
        w.key("bypassed"); w.beginArray()
        for (k, key) in f.bypassedKeys.enumerated() {
            w.beginObject()
            w.key("control"); w.string(n.controlID[key.control])
            w.members(keyed: key.route, count: 2) { w in
                if filters == nil { filters = f.bypassed }
                let b = filters?[k]
                w.key("on"); w.string(b?.on ?? ""); w.key("route"); w.strings(b?.route ?? [])
            }
            w.endObject()
        }
        w.endArray()
    }

    /// The model's decisions on a finding, when it has any: `acceptance`, `notApplicable` and `overrides`.
    static func writeDecisions(of f: Finding, in a: Analysis, to w: inout JSONStream) {
        let workload = a.workload
        if let i = f.acceptance {
            let r = workload.acceptedRisks[i]
            w.key("acceptance"); w.beginObject()
            w.key("owner"); w.string(r.owner)
            w.key("reason"); w.string(r.reason)
            w.key("expires"); w.string(r.expires.description)
            if let ticket = r.ticket { w.key("ticket"); w.string(ticket) }
            w.key("state"); w.string(f.acceptanceState?.rawValue ?? "valid")
            w.endObject()
        }
        if let i = f.notApplicable {
            w.key("notApplicable"); w.beginObject(); w.key("reason"); w.string(workload.notApplicable[i].reason); w.endObject()
        }
        let overrides = f.overrides
        if !overrides.isEmpty { w.key("overrides"); w.strings(overrides.map { workload.overrides[$0].reason }) }
    }

    /// A number per way of covering, for cache slots.
    private static func viaNumber(_ via: CoverageVia) -> Int {
        switch via {
        case .direct: 0
        case .inherited: 1
        case .dominator: 2
        case .flow: 3
        case .caller: 4
        }
    }

    /// One data-egress finding.
    static func write(_ e: DataEgress, to w: inout JSONStream) {
        w.beginObject()
        w.key("flow"); w.string(e.id)
        w.key("from"); w.string(e.from)
        w.key("to"); w.string(e.to)
        w.key("sensitivity"); w.string(e.sensitivity.rawValue)
        w.key("level"); w.string(e.level.rawValue)
        if let b = e.fromBoundary { w.key("fromBoundary"); w.string(b) }
        if let b = e.toBoundary { w.key("toBoundary"); w.string(b) }
        w.key("controls"); w.strings(e.controls)
        w.endObject()
    }
}
