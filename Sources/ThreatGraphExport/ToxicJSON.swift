import ThreatGraph

/// The result document's `toxicCombinations[]`: {`agent`, `members[]`, `broken`, `untrusted`, `sensitive`, `egress`},
/// each leg {`route[]`, `because`, `broken`, `severedBy[]`, `breakers[]` {`control`, `on`, `status`}} (`status` null: not in the model).
enum ToxicJSON {
    static func write(_ list: [ToxicCombination], catalog: Catalog, to w: inout JSONStream) {
        w.beginArray()
        for t in list {
            w.beginObject()
            w.key("agent"); w.string(t.agent)
            w.key("members"); w.strings(t.members)
            w.key("broken"); w.bool(t.broken)
            for (name, leg) in [("untrusted", t.untrusted), ("sensitive", t.sensitive), ("egress", t.egress)] {
                w.dynamicKey(name); write(leg, catalog: catalog, to: &w)
            }
            w.endObject()
        }
        w.endArray()
    }

    private static func write(_ leg: ToxicCombination.Leg, catalog: Catalog, to w: inout JSONStream) {
        w.beginObject()
        w.key("route"); w.strings(leg.route)
        w.key("because"); w.string(leg.because)
        w.key("broken"); w.bool(leg.broken)
        w.key("severedBy"); w.strings(leg.severedBy.map { catalog.controls[$0].id })
        w.key("breakers"); w.beginArray()
        for b in leg.breakers {
            w.beginObject()
            w.key("control"); w.string(catalog.controls[b.control].id)
            w.key("on"); w.string(b.on)
            w.key("status"); w.string(b.status?.rawValue)
            w.endObject()
        }
        w.endArray()
        w.endObject()
    }
}
