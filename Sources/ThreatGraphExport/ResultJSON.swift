import Foundation
import ThreatGraph

/// The analysis as the contract's JSON document (`"threatgraphResult": "1"`), keys in a fixed order.
public enum ResultJSON {
    /// The whole document; with `paths`, the members of `PathsJSON.members` follow the findings, then the `extra`
    /// members (e.g. `check`).
    public static func render(_ a: Analysis, paths: PathAnalysis? = nil, extra: [(String, JSONText)] = []) -> String {
        var w = JSONStream(capacity: 4096 + a.findings.count * 1024)  // a finding takes about 0.9 KB
        write(a, paths: paths, extra: extra, to: &w)
        return w.finish()
    }

    /// The same document as UTF-8 bytes, without building a string (for writing large results to files).
    public static func renderData(_ a: Analysis, paths: PathAnalysis? = nil, extra: [(String, JSONText)] = []) -> Data {
        var w = JSONStream(capacity: 4096 + a.findings.count * 1024)
        write(a, paths: paths, extra: extra, to: &w)
        return w.finishData()
    }

    static func write(_ a: Analysis, paths: PathAnalysis?, extra: [(String, JSONText)], to w: inout JSONStream) {
        w.beginObject()
        w.key("threatgraphResult"); w.string("1")
        w.key("asOf"); w.string(a.options.asOf.description)
        w.key("catalogVersion"); w.string(a.catalog.manifest.version)
        w.key("model"); w.beginObject(); w.key("name"); w.string(a.workload.name); w.key("files"); w.strings(a.workload.files); w.endObject()
        w.key("frameworks"); w.strings(a.frameworks)
        w.key("summary"); w.value(summary(a))
        w.key("findings"); w.beginArray()
        let names = Names(a)
        for f in a.findings { write(f, in: a, names: names, to: &w) }
        w.endArray()
        w.key("dataEgress"); w.value(.array(a.egress.map(egress)))
        if let paths { PathsJSON.write(paths, in: a, to: &w) }
        for (k, v) in extra { w.dynamicKey(k); w.value(v) }
        w.endObject()
    }

    /// Text of catalog and workload entities by index, looked up once per document rather than once per finding. A
    /// class, so that the per-finding closures that capture it retain one object rather than copy eight arrays.
    final class Names: Sendable {
        let threatID: [String], threatName: [String], threatFramework: [String]
        let controlID: [String], controlLayer: [String], controlKind: [String]
        let assetID: [String], assetLayer: [String]

        init(_ a: Analysis) {
            let c = a.catalog
            threatID = c.threats.map(\.id)
            threatName = c.threats.map { c.displayName(of: $0) }
            threatFramework = c.threats.map(\.framework)
            controlID = c.controls.map(\.id)
            controlLayer = c.controls.map(\.layer)
            controlKind = c.controls.map(\.kind.rawValue)
            assetID = a.workload.assets.map(\.id)
            assetLayer = a.workload.assets.map { c.kind($0.kind)?.layer ?? "application" }
        }
    }

    /// One finding, streamed (same layout as `finding(_:in:)`).
    static func write(_ f: Finding, in a: Analysis, names n: Names, to w: inout JSONStream) {
        w.beginObject()
        w.key("id"); w.string(n.threatID[f.threat], "@", n.assetID[f.asset])
        w.key("asset"); w.string(n.assetID[f.asset])
        // Runs that depend only on the threat, or on a control with its status and via, are written once and copied.
        let t = f.threat
        w.members(cached: t * 2, count: 3) { w in
            w.key("threat"); w.string(n.threatID[t])
            w.key("threatName"); w.string(n.threatName[t])
            w.key("framework"); w.string(n.threatFramework[t])
        }
        w.key("layer"); w.string(n.assetLayer[f.asset])
        w.key("status"); w.string(f.status.rawValue)
        w.key("exposure"); w.string(f.exposure?.rawValue ?? "none")
        w.key("depth"); w.int(f.depth)
        w.key("singleLayer"); w.bool(f.singleLayer)
        w.key("severity"); w.string(f.severity.rawValue)
        w.key("risk"); w.beginObject()
        let score = f.score
        w.key("score"); w.number(score); w.key("level"); w.string(RiskModel.level(score).rawValue); w.key("residual"); w.number(f.residual)
        w.endObject()
        w.key("controls"); w.beginArray()
        for i in 0..<f.controlCount {
            let cc = f.control(i)
            w.beginObject()
            let slot = ((cc.control * 4 + (cc.status == .implemented ? 0 : cc.status == .planned ? 1 : 2)) * 4 + viaNumber(cc.via)) * 2 + 1
            w.members(cached: slot, count: 5) { w in
                w.key("id"); w.string(n.controlID[cc.control]); w.key("layer"); w.string(n.controlLayer[cc.control]); w.key("kind"); w.string(n.controlKind[cc.control])
                w.key("status"); w.string(cc.status.rawValue); w.key("via"); w.string(cc.via.rawValue)
            }
            w.key("on"); w.string(cc.on)
            w.key("effectiveness"); w.number(cc.effectiveness)
            w.endObject()
        }
        w.endArray()
        w.key("layers"); w.strings(f.layers)
        if f.isBypassed {
            let bypassed = f.bypassed
            w.key("bypass"); w.strings(bypassed[0].route)
            w.key("bypassed"); w.beginArray()
            for b in bypassed {
                w.beginObject(); w.key("control"); w.string(n.controlID[b.control]); w.key("on"); w.string(b.on); w.key("route"); w.strings(b.route); w.endObject()
            }
            w.endArray()
        }
        if f.acceptance != nil || f.notApplicable != nil || !f.overrides.isEmpty {
            // Rare members: reuse the tree form so both writers stay in step.
            if case .object(let members) = finding(f, in: a) {
                for (k, v) in members where k == "acceptance" || k == "notApplicable" || k == "overrides" { w.dynamicKey(k); w.value(v) }
            }
        }
        w.endObject()
    }

    /// A number per way of covering, for cache slots.
    private static func viaNumber(_ via: CoverageVia) -> Int {
        switch via {
        case .direct: 0
        case .inherited: 1
        case .dominator: 2
        case .flow: 3
        }
    }

    /// The document as a value.
    public static func document(_ a: Analysis, extra: [(String, JSONText)] = []) -> JSONText {
        var members: [(String, JSONText)] = [
            ("threatgraphResult", .string("1")),
            ("asOf", .string(a.options.asOf.description)),
            ("catalogVersion", .string(a.catalog.manifest.version)),
            ("model", .object([("name", .string(a.workload.name)), ("files", .strings(a.workload.files))])),
            ("frameworks", .strings(a.frameworks)),
            ("summary", summary(a)),
            ("findings", .array(a.findings.map { finding($0, in: a) })),
            ("dataEgress", .array(a.egress.map(egress))),
        ]
        members += extra
        return .object(members)
    }

    /// Counts by status and level, and the open risk total.
    public static func summary(_ a: Analysis) -> JSONText {
        // One pass over the findings.
        var statusCount: [FindingStatus: Int] = [:], openLevelCount: [Severity: Int] = [:]
        var single = 0, bypassed = 0
        for f in a.findings {
            statusCount[f.status, default: 0] += 1
            if f.status.isOpen { openLevelCount[f.level, default: 0] += 1 }
            if f.singleLayer && f.status != .notApplicable { single += 1 }
            if f.isBypassed { bypassed += 1 }
        }
        let byStatus: [(String, JSONText)] = FindingStatus.allCases.map { ($0.rawValue, .int(statusCount[$0] ?? 0)) }
        let openByLevel: [(String, JSONText)] = Severity.allCases.reversed().map { ($0.rawValue, .int(openLevelCount[$0] ?? 0)) }
        return .object([
            ("findings", .int(a.findings.count)), ("byStatus", .object(byStatus)), ("openByLevel", .object(openByLevel)),
            ("singleLayer", .int(single)),
            ("bypassed", .int(bypassed)),
            ("bypassSearchComplete", .bool(a.bypassSearchComplete)),
            ("openRiskTotal", .number(a.openRiskTotal)),
        ])
    }

    /// One finding.
    public static func finding(_ f: Finding, in a: Analysis) -> JSONText {
        let c = a.catalog
        let threat = c.threats[f.threat]
        var m: [(String, JSONText)] = [
            ("id", .string(f.id)), ("asset", .string(a.workload.assets[f.asset].id)), ("threat", .string(threat.id)),
            ("threatName", .string(c.displayName(of: threat))), ("framework", .string(threat.framework)), ("layer", .string(a.layer(of: f))),
            ("status", .string(f.status.rawValue)), ("exposure", .string(f.exposure?.rawValue ?? "none")), ("depth", .int(f.depth)),
            ("singleLayer", .bool(f.singleLayer)), ("severity", .string(f.severity.rawValue)),
            ("risk", .object([("score", .number(f.score)), ("level", .string(f.level.rawValue)), ("residual", .number(f.residual))])),
            ("controls", .array(f.controls.map { cc in
                let control = c.controls[cc.control]
                return .object([("id", .string(control.id)), ("layer", .string(control.layer)), ("kind", .string(control.kind.rawValue)),
                                ("status", .string(cc.status.rawValue)), ("via", .string(cc.via.rawValue)), ("on", .string(cc.on)),
                                ("effectiveness", .number(cc.effectiveness))])
            })),
            ("layers", .strings(f.layers)),
        ]
        if let first = f.bypassed.first { m.append(("bypass", .strings(first.route))) }
        if !f.bypassed.isEmpty {
            m.append(("bypassed", .array(f.bypassed.map {
                .object([("control", .string(c.controls[$0.control].id)), ("on", .string($0.on)), ("route", .strings($0.route))])
            })))
        }
        if let i = f.acceptance {
            let r = a.workload.acceptedRisks[i]
            var acc: [(String, JSONText)] = [("owner", .string(r.owner)), ("reason", .string(r.reason)), ("expires", .string(r.expires.description))]
            if let t = r.ticket { acc.append(("ticket", .string(t))) }
            acc.append(("state", .string(f.acceptanceState?.rawValue ?? "valid")))
            m.append(("acceptance", .object(acc)))
        }
        if let i = f.notApplicable { m.append(("notApplicable", .object([("reason", .string(a.workload.notApplicable[i].reason))]))) }
        if !f.overrides.isEmpty { m.append(("overrides", .strings(f.overrides.map { a.workload.overrides[$0].reason }))) }
        return .object(m)
    }

    /// One data-egress finding.
    public static func egress(_ e: DataEgress) -> JSONText {
        var m: [(String, JSONText)] = [("flow", .string(e.id)), ("from", .string(e.from)), ("to", .string(e.to)),
                                       ("sensitivity", .string(e.sensitivity.rawValue)), ("level", .string(e.level.rawValue))]
        if let b = e.fromBoundary { m.append(("fromBoundary", .string(b))) }
        if let b = e.toBoundary { m.append(("toBoundary", .string(b))) }
        m.append(("controls", .strings(e.controls)))
        return .object(m)
    }
}
