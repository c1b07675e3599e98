import ThreatGraph

/// Attack paths, exploit graph, recommendations, cut and diffs as the contract's JSON members.
public enum PathsJSON {
    /// `exploitGraph`, `paths`, `recommendations` and `cut` members to append to the result document.
    public static func members(_ p: PathAnalysis, in a: Analysis) -> [(String, JSONText)] {
        [("exploitGraph", exploitGraph(p, in: a)), ("paths", paths(p.paths, in: a)), ("pathSearch", .object([("allPairs", .bool(p.allPairs))])),
         ("recommendations", recommendations(p.recommendations, in: a)), ("cut", cut(p.cut, in: a))]
    }

    /// The same members as `members(_:in:)`, written straight into the stream (the tree form costs a node per value,
    /// and an estate has tens of thousands of exploit edges and hops).
    static func write(_ p: PathAnalysis, in a: Analysis, to w: inout JSONStream) {
        let c = a.catalog
        // Ids taken once: reading `c.controls[i].id` per hop copies the whole catalog entry.
        let threatID = c.threats.map(\.id), controlID = c.controls.map(\.id)
        w.key("exploitGraph"); w.beginObject()
        w.key("edges"); w.beginArray()
        for e in p.edges {
            w.beginObject()
            w.key("from"); w.string(e.from)
            w.key("to"); w.string(e.to)
            w.key("probability"); w.number(e.probability)
            w.key("threat"); w.string(threatID[e.threat])
            w.endObject()
        }
        w.endArray(); w.endObject()
        w.key("paths"); w.beginArray()
        for path in p.paths {
            w.beginObject()
            w.key("actor"); w.string(path.actor)
            w.key("target"); w.string(path.target)
            w.key("rank"); w.int(path.rank)
            w.key("probability"); w.number(path.probability)
            w.key("complete"); w.bool(path.complete)
            if let s = path.stoppedBy { w.key("stoppedBy"); w.string(s.rawValue) }
            w.key("hops"); w.beginArray()
            for h in path.hops {
                w.beginObject()
                w.key("from"); w.string(h.from)
                w.key("to"); w.string(h.to)
                w.key("probability"); w.number(h.probability)
                w.key("threat"); w.string(threatID[h.threat])
                w.key("tactic"); w.string(h.tactic)
                w.key("breakers"); w.beginArray()
                for b in h.breakers { w.string(controlID[b]) }
                w.endArray()
                w.endObject()
            }
            w.endArray()
            w.key("precedents"); w.beginArray()
            for r in path.precedents {
                w.beginObject()
                w.key("id"); w.string(r.id)
                w.key("name"); w.string(r.name)
                w.key("shared"); w.int(r.shared)
                w.endObject()
            }
            w.endArray()
            w.endObject()
        }
        w.endArray()
        w.key("pathSearch"); w.beginObject(); w.key("allPairs"); w.bool(p.allPairs); w.endObject()
        w.key("recommendations"); w.value(recommendations(p.recommendations, in: a))
        w.key("cut"); w.value(cut(p.cut, in: a))
    }

    /// `exploitGraph` {`edges[]`}.
    public static func exploitGraph(_ p: PathAnalysis, in a: Analysis) -> JSONText {
        .object([("edges", .array(p.edges.map {
            .object([("from", .string($0.from)), ("to", .string($0.to)), ("probability", .number($0.probability)),
                     ("threat", .string(a.catalog.threats[$0.threat].id))])
        }))])
    }

    /// `paths[]`.
    public static func paths(_ paths: [AttackPath], in a: Analysis) -> JSONText {
        let c = a.catalog
        return .array(paths.map { p in
            var m: [(String, JSONText)] = [("actor", .string(p.actor)), ("target", .string(p.target)), ("rank", .int(p.rank)),
                                           ("probability", .number(p.probability)), ("complete", .bool(p.complete))]
            if let s = p.stoppedBy { m.append(("stoppedBy", .string(s.rawValue))) }
            m.append(("hops", .array(p.hops.map { h in
                .object([("from", .string(h.from)), ("to", .string(h.to)), ("probability", .number(h.probability)),
                         ("threat", .string(c.threats[h.threat].id)), ("tactic", h.tactic.map { .string($0) } ?? .null),
                         ("breakers", .strings(h.breakers.map { c.controls[$0].id }))])
            })))
            m.append(("precedents", .array(p.precedents.map { .object([("id", .string($0.id)), ("name", .string($0.name)), ("shared", .int($0.shared))]) })))
            return .object(m)
        })
    }

    /// `recommendations[]`.
    public static func recommendations(_ r: [Recommendation], in a: Analysis) -> JSONText {
        .array(r.map {
            .object([("rank", .int($0.rank)), ("control", .string(a.catalog.controls[$0.control].id)), ("asset", .string($0.asset)),
                     ("riskRemoved", .number($0.riskRemoved)), ("cost", .int($0.cost))])
        })
    }

    /// `cut` (null when there is no likely path or no finite cut).
    public static func cut(_ cut: VertexCut?, in a: Analysis) -> JSONText {
        guard let cut else { return .null }
        return .object([("threshold", .number(cut.threshold)), ("assets", .strings(cut.assets)),
                        ("controls", .strings(cut.controls.map { a.catalog.controls[$0].id }))])
    }

    /// The `diff` document.
    public static func diff(_ d: ModelDiff) -> String {
        JSONText.object([("threatgraphResult", .string("1")), ("diff", .object([
            ("opened", .strings(d.opened)), ("closed", .strings(d.closed)),
            ("changed", .array(d.changed.map { .object([("id", .string($0.id)), ("from", .string($0.from.rawValue)), ("to", .string($0.to.rawValue))]) })),
            ("paths", .object([("appeared", .strings(d.pathsAppeared)), ("vanished", .strings(d.pathsVanished)),
                               ("changed", .array(d.pathsChanged.map { .object([("id", .string($0.id)), ("from", .number($0.from)), ("to", .number($0.to))]) }))])),
            ("riskTotal", .object([("before", .number(d.riskBefore)), ("after", .number(d.riskAfter))])),
        ]))]).rendered()
    }
}
