import ThreatGraph

/// Attack paths, exploit graph, recommendations, cut and diffs as JSON, streamed with keys in a fixed order: as
/// members of the result document, and as the documents of `paths`, `recommend` and `diff`.
public enum PathsJSON {
    /// The `paths --format json` document: `exploitGraph`, `paths` and `pathSearch` (the plan and cut are left out).
    public static func pathsDocument(_ p: PathAnalysis, in a: Analysis) -> String {
        var w = JSONStream(capacity: 4096 + p.edges.count * 128 + p.paths.count * 1024)
        w.beginObject()
        w.key("threatgraphResult"); w.string("1")
        w.key("asOf"); w.string(a.options.asOf.description)
        let ids = IDs(a)
        writeExploitGraph(p.edges, ids: ids, to: &w)
        writePaths(p.paths, ids: ids, to: &w)
        w.key("pathSearch"); w.beginObject(); w.key("allPairs"); w.bool(p.allPairs); w.endObject()
        w.endObject()
        return w.finish()
    }

    /// The `recommend --format json` document: `recommendations`, `planComplete` and `cut`.
    public static func planDocument(_ plan: [Recommendation], complete: Bool, cut: VertexCut?, in a: Analysis) -> String {
        var w = JSONStream(capacity: 4096 + plan.count * 256)
        w.beginObject()
        w.key("threatgraphResult"); w.string("1")
        w.key("asOf"); w.string(a.options.asOf.description)
        let ids = IDs(a)
        writeRecommendations(plan, ids: ids, to: &w)
        w.key("planComplete"); w.bool(complete)
        writeCut(cut, ids: ids, to: &w)
        w.endObject()
        return w.finish()
    }

    /// The members of the result document: `exploitGraph`, `paths`, `pathSearch`, `recommendations` and `cut`.
    static func write(_ p: PathAnalysis, in a: Analysis, to w: inout JSONStream) {
        let ids = IDs(a)
        writeExploitGraph(p.edges, ids: ids, to: &w)
        writePaths(p.paths, ids: ids, to: &w)
        w.key("pathSearch"); w.beginObject(); w.key("allPairs"); w.bool(p.allPairs); w.endObject()
        writeRecommendations(p.recommendations, ids: ids, to: &w)
        writeCut(p.cut, ids: ids, to: &w)
    }

    /// Catalog ids by index, taken once: reading `c.controls[i].id` per hop copies the whole catalog entry.
    struct IDs {
        let threat: [String], control: [String], controlLayer: [String]

        init(_ a: Analysis) {
            threat = a.catalog.threats.map(\.id)
            control = a.catalog.controls.map(\.id)
            controlLayer = a.catalog.controls.map(\.layer)
        }
    }

    /// `exploitGraph` {`edges[]`}.
    static func writeExploitGraph(_ edges: [ExploitEdge], ids: IDs, to w: inout JSONStream) {
        w.key("exploitGraph"); w.beginObject()
        w.key("edges"); w.beginArray()
        for e in edges {
            w.beginInlineObject()
            w.key("from"); w.string(e.from)
            w.key("to"); w.string(e.to)
            w.key("probability"); w.number(e.probability)
            w.key("threat"); w.string(e.threat.map { ids.threat[$0] })
            if let gate = e.gate {
                w.key("gate"); w.beginObject()
                w.key("trust"); w.string(gate.trust.rawValue)
                w.key("probability"); w.number(gate.probability)
                w.key("threat"); w.string(gate.threat.map { ids.threat[$0] })
                w.endObject()
            }
            w.endObject()
            w.flush()
        }
        w.endArray(); w.endObject()
    }

    /// `paths[]`.
    static func writePaths(_ paths: [AttackPath], ids: IDs, to w: inout JSONStream) {
        w.key("paths"); w.beginArray()
        for path in paths {
            w.beginObject()
            w.key("actor"); w.string(path.actor)
            w.key("target"); w.string(path.target)
            w.key("rank"); w.int(path.rank)
            w.key("probability"); w.number(path.probability)
            w.key("complete"); w.bool(path.complete)
            if let s = path.stoppedBy { w.key("stoppedBy"); w.string(s.rawValue) }
            w.key("hops"); w.beginArray()
            for h in path.hops { write(h, ids: ids, to: &w) }
            w.endArray()
            w.key("precedents"); w.beginArray()
            for r in path.precedents {
                w.beginObject(); w.key("id"); w.string(r.id); w.key("name"); w.string(r.name); w.key("shared"); w.int(r.shared); w.endObject()
            }
            w.endArray()
            w.endObject()
            w.flush()
        }
        w.endArray()
    }

    /// One hop of a path.
    static func write(_ h: AttackHop, ids: IDs, to w: inout JSONStream) {
        w.beginObject()
        w.key("from"); w.string(h.from)
        w.key("to"); w.string(h.to)
        w.key("probability"); w.number(h.probability)
        w.key("threat"); w.string(ids.threat[h.threat])
        w.key("tactic"); w.string(h.tactic)
        if let gate = h.crossesGate { w.key("crossesGate"); w.string(gate.rawValue) }
        w.key("breakers"); w.beginArray()
        for b in h.breakers { w.string(ids.control[b]) }
        w.endArray()
        w.endObject()
    }

    /// `recommendations[]`.
    static func writeRecommendations(_ plan: [Recommendation], ids: IDs, to w: inout JSONStream) {
        w.key("recommendations"); w.beginArray()
        for r in plan {
            w.beginObject()
            w.key("rank"); w.int(r.rank)
            w.key("control"); w.string(ids.control[r.control])
            w.key("asset"); w.string(r.asset)
            w.key("riskRemoved"); w.number(r.riskRemoved)
            w.key("cost"); w.int(r.cost)
            w.key("layer"); w.string(ids.controlLayer[r.control])
            w.key("closes"); w.strings(r.closes)
            w.key("deepens"); w.int(r.deepens)
            w.key("planned"); w.bool(r.planned)
            w.endObject()
        }
        w.endArray()
    }

    /// `cut` (null when there is no likely path or no finite cut).
    static func writeCut(_ cut: VertexCut?, ids: IDs, to w: inout JSONStream) {
        w.key("cut")
        guard let cut else { w.null(); return }
        w.beginObject()
        w.key("threshold"); w.number(cut.threshold)
        w.key("assets"); w.strings(cut.assets)
        w.key("controls"); w.strings(cut.controls.map { ids.control[$0] })
        w.key("placements"); w.beginArray()
        for (asset, controls) in zip(cut.assets, cut.placements) {
            w.beginObject(); w.key("asset"); w.string(asset); w.key("controls"); w.strings(controls.map { ids.control[$0] }); w.endObject()
        }
        w.endArray()
        w.endObject()
    }

    /// The `diff` document.
    public static func diff(_ d: ModelDiff) -> String {
        var w = JSONStream(capacity: 4096)
        w.beginObject()
        w.key("threatgraphResult"); w.string("1")
        w.key("diff"); w.beginObject()
        w.key("opened"); w.strings(d.opened)
        w.key("closed"); w.strings(d.closed)
        w.key("accepted"); w.strings(d.accepted)
        w.key("notApplicable"); w.strings(d.notApplicable)
        w.key("reopened"); w.strings(d.reopened)
        w.key("changed"); w.beginArray()
        for c in d.changed {
            w.beginObject(); w.key("id"); w.string(c.id); w.key("from"); w.string(c.from.rawValue); w.key("to"); w.string(c.to.rawValue)
            w.key("fromStatus"); w.string(c.fromStatus.rawValue); w.key("toStatus"); w.string(c.toStatus.rawValue); w.endObject()
        }
        w.endArray()
        w.key("paths"); w.beginObject()
        w.key("appeared"); w.strings(d.pathsAppeared)
        w.key("vanished"); w.strings(d.pathsVanished)
        w.key("displaced"); w.strings(d.pathsDisplaced)
        w.key("changed"); w.beginArray()
        for c in d.pathsChanged {
            w.beginObject(); w.key("id"); w.string(c.id); w.key("from"); w.number(c.from); w.key("to"); w.number(c.to); w.endObject()
        }
        w.endArray()
        w.endObject()
        w.key("riskTotal"); w.beginObject(); w.key("before"); w.number(d.riskBefore); w.key("after"); w.number(d.riskAfter); w.endObject()
        w.endObject()
        w.endObject()
        return w.finish()
    }
}
