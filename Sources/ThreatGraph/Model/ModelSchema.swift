/// The model file format, field by field: the loader checks files against it and `schema` prints it as JSON Schema.
public enum ModelSchema {
    /// Format versions this build reads.
    public static let formatVersions = ["1"]
    /// Stable `$id` of the JSON Schema.
    public static let schemaID = "https://threatgraph.dev/schema/threatgraph-model-1.schema.json"
    /// Frameworks a model can select.
    public static let frameworks = CatalogSchema.frameworks
    /// Clouds.
    public static let clouds = ["aws", "azure", "gcp", "generic"]
    /// Control statuses.
    public static let statuses = ControlStatus.allCases.map(\.rawValue)

    /// `spec` prepared for reading, once.
    static let compiled = CompiledSchema(spec)

    /// All object specs of the model format; the root is `model`.
    public static let spec = SchemaSpec(root: "model", objects: [
        ObjectSpec("model", "ThreatGraph workload model", fields: [
            FieldSpec("threatgraph", .enumeration(formatVersions), required: true, "Model format version; \"1\"."),
            FieldSpec("name", .string, required: true, "Name of the workload."),
            FieldSpec("description", .string, "What the workload does and for whom."),
            FieldSpec("cloud", .enumeration(clouds), "Cloud the workload runs on; picks which control implementations are shown. Default generic."),
            FieldSpec("frameworks", .array(.enumeration(frameworks)), "Threat frameworks to apply. Default atlas and owasp-llm-2025."),
            FieldSpec("actors", .array(.object("actor")), "People and systems that can reach the workload."),
            FieldSpec("boundaries", .array(.object("boundary")), "Trust boundaries, nested through parent."),
            FieldSpec("assets", .array(.object("asset")), required: true, "Components of the workload."),
            FieldSpec("flows", .array(.object("flow")), "Data flows from an actor or asset to an asset."),
            FieldSpec("acceptedRisks", .array(.object("acceptance")), "Findings accepted by a named owner until a date."),
            FieldSpec("notApplicable", .array(.object("notApplicable")), "Findings that do not apply, with the reason."),
            FieldSpec("overrides", .array(.object("override")), "Adjusted control effectiveness or threat ratings, with the reason."),
        ], alsoAllowed: ["$schema"]),
        ObjectSpec("actor", "Actor", fields: [
            FieldSpec("id", .identifier, required: true, "Unique id (shared namespace with assets, boundaries and flows)."),
            FieldSpec("name", .string, "Display name; defaults to the id."),
            FieldSpec("trust", .enumeration(Trust.allCases.map(\.rawValue)), required: true, "How far the actor is trusted, least to most: anonymous, authenticated, partner, supplier, insider."),
            FieldSpec("description", .string, "Who this is."),
            FieldSpec("inferred", .boolean, "Implied by the infrastructure (written by import); confirm it and remove the flag."),
            FieldSpec("source", .string, "Evidence: the entry point in the infrastructure that implies this actor (written by import)."),
        ]),
        ObjectSpec("boundary", "Trust boundary", fields: [
            FieldSpec("id", .identifier, required: true, "Unique id."),
            FieldSpec("name", .string, "Display name; defaults to the id."),
            FieldSpec("parent", .identifier, "Enclosing boundary."),
            FieldSpec("description", .string, "What the boundary is."),
            FieldSpec("controls", .array(.object("controlRef")), "Controls that apply to every asset inside, including nested boundaries."),
            FieldSpec("source", .string, "Evidence: the infrastructure resource or provider this boundary stands for (written by import)."),
        ]),
        ObjectSpec("asset", "Asset", fields: [
            FieldSpec("id", .identifier, required: true, "Unique id."),
            FieldSpec("name", .string, "Display name; defaults to the id."),
            FieldSpec("kind", .identifier, required: true, "Asset kind from the catalog (threatgraph catalog list --type kinds)."),
            FieldSpec("service", .string, "The product or service that implements it."),
            FieldSpec("boundary", .identifier, "Trust boundary the asset sits in."),
            FieldSpec("sensitivity", .enumeration(Sensitivity.allCases.map(\.rawValue)), "Sensitivity of the data it holds: public, internal (default), confidential, restricted."),
            FieldSpec("crownJewel", .boolean, "A target of attack paths (restricted assets are too)."),
            FieldSpec("cloud", .enumeration(clouds), "Cloud of this asset, when it differs from the model's."),
            FieldSpec("description", .string, "What the asset does."),
            FieldSpec("controls", .array(.object("controlRef")), "Controls on this asset."),
            FieldSpec("capabilities", .array(.identifier), "What the asset does that some threats need (catalog capabilities: browses-web, computer-use, executes-code, sends-messages, writes-repository, reads-untrusted-content, long-term-memory)."),
            FieldSpec("resources", .array(.string), "Infrastructure resources this asset stands for: Terraform addresses or CloudFormation logical ids (check --against compares them)."),
            FieldSpec("source", .string, "Evidence: the infrastructure resource the asset was imported from (written by import)."),
        ]),
        ObjectSpec("flow", "Data flow", fields: [
            FieldSpec("id", .identifier, "Unique id; defaults to from->to (#2, #3 for parallel flows)."),
            FieldSpec("from", .identifier, required: true, "Source actor or asset."),
            FieldSpec("to", .identifier, required: true, "Destination asset."),
            FieldSpec("data", .string, "What the flow carries."),
            FieldSpec("protocol", .string, "Protocol, e.g. HTTPS."),
            FieldSpec("sensitivity", .enumeration(Sensitivity.allCases.map(\.rawValue)), "Sensitivity of the data; defaults to the source asset's."),
            FieldSpec("access", .enumeration(FlowAccess.allCases.map(\.rawValue)), "send (default): content goes from → to; read: from reads what to holds (content moves to → from, nothing persists in to); write: content persists in to; read-write: both."),
            FieldSpec("bidirectional", .boolean, "Content and attacks can move both ways (each direction as with send)."),
            FieldSpec("controls", .array(.object("controlRef")), "Controls on the connection (e.g. TLS)."),
            FieldSpec("source", .string, "Evidence: the resources and attributes the flow was inferred from (written by import)."),
        ]),
        ObjectSpec("controlRef", "Control reference", fields: [
            FieldSpec("id", .string, required: true, "Control id from the catalog (threatgraph catalog list --type controls)."),
            FieldSpec("status", .enumeration(statuses), required: true, "implemented, planned, or not-applicable (with a note; then ignored)."),
            FieldSpec("note", .string, "Remarks, e.g. why it does not apply."),
            FieldSpec("placement", .enumeration(["intended"]), "\"intended\": the control sits on a kind it is not listed for on purpose (say why in note); no placement warning."),
            FieldSpec("source", .string, "Evidence: the resource and attribute that prove the control (written by import)."),
        ]),
        ObjectSpec("acceptance", "Risk acceptance", fields: [
            FieldSpec("threat", .string, required: true, "Threat id, exactly."),
            FieldSpec("asset", .identifier, required: true, "Asset id."),
            FieldSpec("reason", .string, required: true, "Why the risk is accepted."),
            FieldSpec("owner", .string, required: true, "Who accepted it."),
            FieldSpec("ticket", .string, "Tracking reference."),
            FieldSpec("expires", .date, required: true, "Valid through the end of this day (YYYY-MM-DD)."),
        ]),
        ObjectSpec("notApplicable", "Not-applicable entry", fields: [
            FieldSpec("threat", .string, required: true, "Threat id, exactly."),
            FieldSpec("asset", .identifier, required: true, "Asset id."),
            FieldSpec("reason", .string, required: true, "Why it does not apply."),
        ]),
        ObjectSpec("override", "Override", fields: [
            FieldSpec("control", .string, "Control id whose effectiveness is adjusted."),
            FieldSpec("threat", .string, "Threat id whose rating is adjusted."),
            FieldSpec("asset", .identifier, "Limit the override to one asset."),
            FieldSpec("effectiveness", .number(min: 0, max: 1), "New effectiveness of the control (0–1)."),
            FieldSpec("severity", .enumeration(Severity.allCases.map(\.rawValue)), "New severity of the threat."),
            FieldSpec("likelihood", .number(min: 0, max: 1), "New likelihood of the threat (0–1)."),
            FieldSpec("reason", .string, required: true, "Why."),
        ]),
    ])
}
