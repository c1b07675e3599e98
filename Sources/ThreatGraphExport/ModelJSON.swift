import Foundation
import ThreatGraph

/// A workload as a model file in the contract format, with a fixed key order; every string is escaped, so ids and
/// names read from infrastructure files cannot break out of their values.
public enum ModelJSON {
    /// The model file's text, ending in a newline; `schema` is written as `$schema` when given.
    public static func render(_ w: Workload, schema: String? = "./threatgraph-model.schema.json") -> Data {
        var s = JSONStream(capacity: 1 << 14)
        s.beginObject()
        if let schema { s.dynamicKey("$schema"); s.string(schema) }
        s.key("threatgraph"); s.string("1")
        s.key("name"); s.string(w.name)
        if let d = w.description { s.key("description"); s.string(d) }
        s.key("cloud"); s.string(w.cloud)
        if let f = w.frameworks { s.key("frameworks"); s.strings(f) }
        list(&s, "actors", w.actors, actor)
        list(&s, "boundaries", w.boundaries, boundary)
        list(&s, "assets", w.assets, asset)
        list(&s, "flows", w.flows, flow)
        list(&s, "acceptedRisks", w.acceptedRisks, acceptance)
        list(&s, "notApplicable", w.notApplicable) { s, n in
            s.key("threat"); s.string(n.threat)
            s.key("asset"); s.string(n.asset)
            s.key("reason"); s.string(n.reason)
        }
        list(&s, "overrides", w.overrides, override)
        s.endObject()
        return s.finishData()
    }

    /// An array member of objects, each written by `body` (left out when empty, except the required `assets`).
    private static func list<T>(_ s: inout JSONStream, _ key: StaticString, _ items: [T], _ body: (inout JSONStream, T) -> Void) {
        guard !items.isEmpty || key.description == "assets" else { return }
        s.key(key)
        s.beginArray()
        for item in items {
            s.beginObject()
            body(&s, item)
            s.endObject()
        }
        s.endArray()
    }

    private static func optional(_ s: inout JSONStream, _ key: StaticString, _ value: String?) {
        if let value { s.key(key); s.string(value) }
    }

    private static func actor(_ s: inout JSONStream, _ a: Actor) {
        s.key("id"); s.string(a.id)
        s.key("name"); s.string(a.name)
        s.key("trust"); s.string(a.trust.rawValue)
        optional(&s, "description", a.description)
        if a.inferred { s.key("inferred"); s.bool(true) }
        optional(&s, "source", a.source)
    }

    private static func boundary(_ s: inout JSONStream, _ b: Boundary) {
        s.key("id"); s.string(b.id)
        s.key("name"); s.string(b.name)
        optional(&s, "parent", b.parent)
        optional(&s, "description", b.description)
        optional(&s, "source", b.source)
        controls(&s, b.controls)
    }

    private static func asset(_ s: inout JSONStream, _ a: Asset) {
        s.key("id"); s.string(a.id)
        s.key("name"); s.string(a.name)
        s.key("kind"); s.string(a.kind)
        optional(&s, "service", a.service)
        optional(&s, "boundary", a.boundary)
        if a.sensitivity != .internal { s.key("sensitivity"); s.string(a.sensitivity.rawValue) }
        if a.crownJewel { s.key("crownJewel"); s.bool(true) }
        optional(&s, "cloud", a.cloud)
        optional(&s, "description", a.description)
        if !a.capabilities.isEmpty { s.key("capabilities"); s.strings(a.capabilities) }
        if !a.resources.isEmpty { s.key("resources"); s.strings(a.resources) }
        optional(&s, "source", a.source)
        controls(&s, a.controls)
    }

    private static func flow(_ s: inout JSONStream, _ f: Flow) {
        if !f.id.isEmpty && f.id != "\(f.from)->\(f.to)" && !f.id.hasPrefix("\(f.from)->\(f.to)#") { s.key("id"); s.string(f.id) }
        s.key("from"); s.string(f.from)
        s.key("to"); s.string(f.to)
        optional(&s, "data", f.data)
        optional(&s, "protocol", f.protocol)
        if let v = f.sensitivity { s.key("sensitivity"); s.string(v.rawValue) }
        if f.access != .send { s.key("access"); s.string(f.access.rawValue) }
        if f.bidirectional { s.key("bidirectional"); s.bool(true) }
        optional(&s, "source", f.source)
        controls(&s, f.controls)
    }

    private static func controls(_ s: inout JSONStream, _ refs: [ControlRef]) {
        guard !refs.isEmpty else { return }
        s.key("controls")
        s.beginArray()
        for r in refs {
            s.beginObject()
            s.key("id"); s.string(r.id)
            s.key("status"); s.string(r.status.rawValue)
            optional(&s, "note", r.note)
            if r.placementIntended { s.key("placement"); s.string("intended") }
            optional(&s, "source", r.source)
            s.endObject()
        }
        s.endArray()
    }

    private static func acceptance(_ s: inout JSONStream, _ r: RiskAcceptance) {
        s.key("threat"); s.string(r.threat)
        s.key("asset"); s.string(r.asset)
        s.key("reason"); s.string(r.reason)
        s.key("owner"); s.string(r.owner)
        optional(&s, "ticket", r.ticket)
        s.key("expires"); s.string(r.expires.description)
    }

    private static func override(_ s: inout JSONStream, _ o: Override) {
        optional(&s, "control", o.control)
        optional(&s, "threat", o.threat)
        optional(&s, "asset", o.asset)
        if let e = o.effectiveness { s.key("effectiveness"); s.number(e) }
        if let v = o.severity { s.key("severity"); s.string(v.rawValue) }
        if let l = o.likelihood { s.key("likelihood"); s.number(l) }
        s.key("reason"); s.string(o.reason)
    }
}
