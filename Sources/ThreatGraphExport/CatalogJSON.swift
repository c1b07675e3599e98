import ThreatGraph

/// Catalog entities as JSON, with the catalog files' field names and a fixed key order.
public enum CatalogJSON {
    /// A threat.
    public static func threat(_ t: Threat, in catalog: Catalog) -> JSONText {
        var members: [(String, JSONText)] = [
            ("id", .string(t.id)), ("name", .string(t.name)), ("displayName", .string(catalog.displayName(of: t))),
            ("framework", .string(t.framework)), ("summary", .string(t.summary)), ("tactics", .strings(t.tactics)),
        ]
        if let p = t.parent { members.append(("parent", .string(p))) }
        members += [
            ("severity", .string(t.severity.rawValue)), ("likelihood", .number(t.likelihood)), ("appliesTo", .strings(t.appliesTo)),
            ("related", .strings(t.related)), ("url", .string(t.url)),
        ]
        let mitigatedBy = catalog.controls.filter { catalog.mitigates($0, t.id) }.map(\.id)
        members.append(("mitigatedBy", .strings(mitigatedBy)))
        if !t.basis.isEmpty {
            members.append(("basis", .object(t.basis.keys.sorted().map { ($0, .string(t.basis[$0] ?? "")) })))
        }
        return .object(members)
    }

    /// A control.
    public static func control(_ c: Control) -> JSONText {
        var members: [(String, JSONText)] = [
            ("id", .string(c.id)), ("name", .string(c.name)), ("layer", .string(c.layer)), ("kind", .string(c.kind.rawValue)),
            ("scope", .string(c.scope.rawValue)), ("summary", .string(c.summary)), ("mitigates", .strings(c.mitigates)),
            ("deployOn", .strings(c.deployOn)), ("effectiveness", .number(c.effectiveness)), ("cost", .int(c.cost)),
            ("implementations", lists(c.implementations)), ("atlasMitigations", .strings(c.atlasMitigations)),
        ]
        if !c.unfitServices.isEmpty { members.append(("unfitServices", .strings(c.unfitServices))) }
        return .object(members)
    }

    /// An asset kind.
    public static func kind(_ k: AssetKind) -> JSONText {
        .object([("id", .string(k.id)), ("name", .string(k.name)), ("summary", .string(k.summary)), ("layer", .string(k.layer)),
                 ("services", lists(k.services))])
    }

    /// A tactic.
    public static func tactic(_ t: Tactic) -> JSONText {
        .object([("id", .string(t.id)), ("name", .string(t.name)), ("order", .int(t.order)), ("url", .string(t.url))])
    }

    /// A mitigation.
    public static func mitigation(_ m: Mitigation, in catalog: Catalog) -> JSONText {
        .object([("id", .string(m.id)), ("name", .string(m.name)), ("summary", .string(m.summary)), ("addresses", .strings(m.addresses)),
                 ("realisedBy", .strings(catalog.controls.filter { $0.atlasMitigations.contains(m.id) }.map(\.id))), ("url", .string(m.url))])
    }

    /// A case study.
    public static func caseStudy(_ c: CaseStudy) -> JSONText {
        .object([("id", .string(c.id)), ("name", .string(c.name)), ("techniques", .strings(c.techniques)), ("url", .string(c.url))])
    }

    static func lists(_ map: [String: [String]]) -> JSONText {
        .object(map.keys.sorted().map { ($0, .strings(map[$0] ?? [])) })
    }
}
