/// The fields of catalog files, used to check them.
public enum CatalogSchema {
    /// Framework ids a threat may belong to.
    public static let frameworks = ["atlas", "owasp-agentic-2026", "owasp-llm-2025", "owasp-llm-2026", "owasp-ml-2023"]
    /// Layer ids in order.
    public static let layerIDs = ["infrastructure", "model", "data", "application", "runtime"]
    /// Cloud keys of `services`.
    public static let clouds = ["aws", "azure", "gcp"]

    /// Authored threat fields whose `basis` is a sentence.
    public static let basisFields = ["appliesTo", "severity", "likelihood", "vector", "requires", "tactics"]
    /// Trust levels a control's `gate` may name, least to most trusted.
    public static let trustLevels = Trust.allCases.map(\.rawValue)

    /// Whether `text` is an absolute `https:` or `http:` URL with a host, the only links the catalog accepts.
    public static func isWebURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard let rest = ["https://", "http://"].first(where: lower.hasPrefix).map({ lower.dropFirst($0.count) }) else { return false }
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return !host.isEmpty && !text.unicodeScalars.contains { $0.value <= 0x20 || $0.value == 0x7F || $0 == "\\" || $0 == "\"" || $0 == "<" || $0 == ">" }
    }

    /// `spec` prepared for reading, once.
    static let compiled = CompiledSchema(spec)

    /// All catalog object specs; the root is a catalog file.
    public static let spec = SchemaSpec(root: "file", objects: [
        ObjectSpec("file", "Catalog file", fields: [
            FieldSpec("manifest", .object("manifest"), "Catalog version and sources"),
            FieldSpec("layers", .array(.object("layer")), "Defense layers"),
            FieldSpec("assetKinds", .array(.object("assetKind")), "Asset kinds"),
            FieldSpec("capabilities", .array(.object("capability")), "Capabilities an asset can declare"),
            FieldSpec("tactics", .array(.object("tactic")), "ATLAS tactics"),
            FieldSpec("threats", .array(.object("threat")), "Threats"),
            FieldSpec("mitigations", .array(.object("mitigation")), "ATLAS mitigations"),
            FieldSpec("caseStudies", .array(.object("caseStudy")), "ATLAS case studies"),
            FieldSpec("controls", .array(.object("control")), "Controls"),
        ], alsoAllowed: ["$schema"]),
        ObjectSpec("manifest", "Catalog manifest", fields: [
            FieldSpec("version", .string, required: true, "Catalog version"),
            FieldSpec("name", .string, "Catalog name"),
            FieldSpec("sources", .array(.object("source")), "Sources"),
        ]),
        ObjectSpec("source", "Catalog source", fields: [
            FieldSpec("id", .string, required: true, "Source id"),
            FieldSpec("name", .string, required: true, "Name"),
            FieldSpec("version", .string, required: true, "Version"),
            FieldSpec("date", .string, "Release date"),
            FieldSpec("licence", .string, required: true, "Licence"),
            FieldSpec("url", .string, "Link"),
            FieldSpec("status", .string, "Status, e.g. draft"),
            FieldSpec("note", .string, "Remarks"),
        ]),
        ObjectSpec("layer", "Layer", fields: [
            FieldSpec("id", .enumeration(layerIDs), required: true, "Layer id"),
            FieldSpec("name", .string, required: true, "Name"),
            FieldSpec("order", .integer(min: 1, max: 5), required: true, "Position"),
        ]),
        ObjectSpec("assetKind", "Asset kind", fields: [
            FieldSpec("id", .identifier, required: true, "Kind id"),
            FieldSpec("name", .string, required: true, "Name"),
            FieldSpec("summary", .string, required: true, "Summary"),
            FieldSpec("layer", .enumeration(layerIDs), required: true, "Default layer"),
            FieldSpec("services", .stringLists(clouds), "Example services per cloud"),
            FieldSpec("aliases", .array(.string), "Words users reach for that mean this kind"),
        ]),
        ObjectSpec("capability", "Capability", fields: [
            FieldSpec("id", .identifier, required: true, "Capability id"),
            FieldSpec("name", .string, required: true, "Name"),
            FieldSpec("summary", .string, required: true, "Summary"),
        ]),
        ObjectSpec("tactic", "Tactic", fields: [
            FieldSpec("id", .identifier, required: true, "AML.TA id"),
            FieldSpec("name", .string, required: true, "Name"),
            FieldSpec("order", .integer(min: 1, max: 100), required: true, "Kill-chain position"),
            FieldSpec("url", .string, "Link"),
        ]),
        ObjectSpec("threat", "Threat", fields: [
            FieldSpec("id", .string, required: true, "Framework id"),
            FieldSpec("name", .string, required: true, "Framework name"),
            FieldSpec("framework", .enumeration(frameworks), required: true, "Framework"),
            FieldSpec("summary", .string, required: true, "Summary"),
            FieldSpec("tactics", .array(.string), "ATLAS tactic ids"),
            FieldSpec("parent", .string, "Parent technique"),
            FieldSpec("severity", .enumeration(Severity.allCases.map(\.rawValue)), required: true, "Severity"),
            FieldSpec("likelihood", .number(min: 0, max: 1), required: true, "Likelihood with no control"),
            FieldSpec("appliesTo", .array(.string), "Asset kinds"),
            FieldSpec("requires", .array(.string), "Capabilities an asset must declare"),
            FieldSpec("vector", .enumeration(Threat.Vector.allCases.map(\.rawValue)), "How influence must arrive"),
            FieldSpec("related", .array(.string), "Related threat ids"),
            FieldSpec("equivalent", .array(.string), "Ids naming exactly this weakness"),
            FieldSpec("url", .string, "Link"),
            FieldSpec("basis", .object("basis"), "Why authored values hold"),
        ]),
        ObjectSpec("basis", "Basis", fields: [
            FieldSpec("appliesTo", .string, "Basis of appliesTo"),
            FieldSpec("severity", .string, "Basis of severity"),
            FieldSpec("likelihood", .string, "Basis of likelihood"),
            FieldSpec("vector", .string, "Basis of vector"),
            FieldSpec("requires", .string, "Basis of requires"),
            FieldSpec("tactics", .string, "Basis of the tactics of an entry from another framework"),
            FieldSpec("related", .stringMap, "Basis of each authored related link, by id"),
            FieldSpec("equivalent", .stringMap, "Basis of each equivalence, by id"),
        ]),
        ObjectSpec("mitigation", "Mitigation", fields: [
            FieldSpec("id", .string, required: true, "AML.M id"),
            FieldSpec("name", .string, required: true, "Name"),
            FieldSpec("summary", .string, "Summary"),
            FieldSpec("addresses", .array(.string), "Technique ids"),
            FieldSpec("url", .string, "Link"),
        ]),
        ObjectSpec("caseStudy", "Case study", fields: [
            FieldSpec("id", .string, required: true, "AML.CS id"),
            FieldSpec("name", .string, required: true, "Name"),
            FieldSpec("techniques", .array(.string), "Technique ids in order"),
            FieldSpec("url", .string, "Link"),
        ]),
        ObjectSpec("control", "Control", fields: [
            FieldSpec("id", .identifier, required: true, "ctl.<layer>.<slug>"),
            FieldSpec("name", .string, required: true, "Name"),
            FieldSpec("layer", .enumeration(layerIDs), required: true, "Layer"),
            FieldSpec("kind", .enumeration(Control.Kind.allCases.map(\.rawValue)), required: true, "Kind"),
            FieldSpec("scope", .enumeration(Control.Scope.allCases.map(\.rawValue)), required: true, "Scope"),
            FieldSpec("summary", .string, required: true, "Summary"),
            FieldSpec("mitigates", .array(.string), "Threat ids"),
            FieldSpec("deployOn", .array(.string), "Asset kinds, flow, or boundary (acts on everything inside a boundary)"),
            FieldSpec("effectiveness", .number(min: 0, max: 1), required: true, "Effectiveness"),
            FieldSpec("cost", .integer(min: 1, max: 5), required: true, "Cost"),
            FieldSpec("implementations", .stringLists(clouds + ["generic"]), "Products per cloud"),
            FieldSpec("atlasMitigations", .array(.string), "ATLAS mitigations realised"),
            FieldSpec("excludes", .array(.string), "Sub-techniques of a listed parent it does not reach"),
            FieldSpec("gate", .enumeration(trustLevels), "Trust an actor needs to pass it"),
            FieldSpec("unfitServices", .array(.string), "Services (whole words of an asset's service) it cannot be put to work on"),
            FieldSpec("basis", .stringMap, "Why authored values hold, by field"),
        ]),
    ])
}
