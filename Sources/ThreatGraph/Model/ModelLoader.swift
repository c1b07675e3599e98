/// Limits on model input that keep a hostile file from exhausting memory; each is reported with a clear error.
/// Sized for estates of 100,000 assets (a generated one is about 30 MB and 3 million JSON values) with room to spare.
public struct ModelLimits: Sendable {
    /// Largest model file, in bytes (64 MiB).
    public var maxFileBytes: Int = 64 << 20
    /// Deepest JSON nesting (a model needs 5).
    public var maxDepth: Int = 32
    /// Longest string, in bytes (64 KiB).
    public var maxStringBytes: Int = 64 << 10
    /// Most JSON values in one file.
    public var maxValues: Int = 12_000_000
    /// Most assets, actors and boundaries together, over all files.
    public var maxNodes: Int = 500_000
    /// Most flows, over all files.
    public var maxFlows: Int = 2_000_000

    /// The default limits.
    public init() {}

    /// The JSON reader's limits for a model file.
    public var json: JSONLimits { JSONLimits(maxDepth: maxDepth, maxStringBytes: maxStringBytes, maxValues: maxValues) }
}

/// Reads model files into one `Workload`, collecting every problem.
public enum ModelLoader {
    /// Parses, checks and merges the files; the workload is nil when any error was found.
    /// - Complexity: O(n) in the input size, plus O(v log v) for sorting diagnostics.
    public static func load(_ files: [InputFile], catalog: Catalog, frameworks: [String]? = nil, limits: ModelLimits = ModelLimits()) -> (Workload?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Merged as the files are read, so that no part is shared (and copied on the first write).
        var merged: Workload?
        for file in files {
            let (part, diags) = decode(file, limits: limits)
            diagnostics += diags
            guard let part else { continue }
            guard var workload = merged.take() else { merged = part; continue }
            workload.actors += part.actors
            workload.boundaries += part.boundaries
            workload.assets += part.assets
            workload.flows += part.flows
            workload.acceptedRisks += part.acceptedRisks
            workload.notApplicable += part.notApplicable
            workload.overrides += part.overrides
            workload.files += part.files
            merged = workload
        }
        guard var workload = merged.take() else { return (nil, diagnostics) }
        FlowIDs.assign(&workload.flows)
        diagnostics += ModelValidator.validate(workload, catalog: catalog, frameworks: frameworks, limits: limits)
        return (diagnostics.hasErrors ? nil : workload, diagnostics)
    }

    /// Decodes one file on its own (syntax, types, required and unknown fields); flows keep the ids written in it.
    /// The workload is nil only when the file is not a JSON object; otherwise it holds what could be read, so
    /// cross-references can still be checked.
    public static func decode(_ file: InputFile, limits: ModelLimits = ModelLimits()) -> (Workload?, [Diagnostic]) {
        guard file.bytes.count <= limits.maxFileBytes else {
            return (nil, [Diagnostic(.error, "model.too-large", ByteLimit.message(size: file.bytes.count, limit: limits.maxFileBytes),
                                     at: SourceLocation(file: file.name))])
        }
        let document: JSONDocument
        do {
            document = try JSONReader.read(file.bytes, limits: limits.json)
        } catch {
            return (nil, [Diagnostic(.error, "model.syntax", error.message, at: SourceLocation(file: file.name, line: error.line, column: error.column))])
        }
        var ctx = DecodeContext(document: document, file: file.name, schema: ModelSchema.spec, compiled: ModelSchema.compiled, codePrefix: "model")
        let workload = decode(document.root, &ctx)
        return (workload, ctx.diagnostics)
    }

    /// Decodes a parsed model, recording what it reads in `ctx`.
    /// - Complexity: O(n) in the document's size.
    static func decode(_ root: JSONNode, _ ctx: inout DecodeContext) -> Workload? {
        guard let top = ctx.object(root, path: "", spec: "model") else { return nil }
        _ = top.string("threatgraph", &ctx)
        var w = Workload(name: top.string("name", &ctx) ?? "", description: top.string("description", &ctx),
                         cloud: top.string("cloud", &ctx) ?? "generic", files: [ctx.file])
        if top.value("frameworks", &ctx) != nil { w.frameworks = top.strings("frameworks", &ctx) }
        w.actors = each(top, "actors", "actor", &ctx, decodeActor)
        w.boundaries = each(top, "boundaries", "boundary", &ctx, decodeBoundary)
        w.assets = each(top, "assets", "asset", &ctx, decodeAsset)
        w.flows = each(top, "flows", "flow", &ctx, decodeFlow)
        w.acceptedRisks = each(top, "acceptedRisks", "acceptance", &ctx, decodeAcceptance)
        w.notApplicable = each(top, "notApplicable", "notApplicable", &ctx, decodeNotApplicable)
        w.overrides = each(top, "overrides", "override", &ctx, decodeOverride)
        return w
    }

    /// Decodes each object of the array member `field` of the top-level object with `body`, in order.
    private static func each<T>(_ top: ObjectReader, _ field: String, _ spec: String, _ ctx: inout DecodeContext,
                                _ body: (ObjectReader, inout DecodeContext) -> T?) -> [T] {
        guard let list = top.value(field, &ctx), let elements = ctx.document.elements(list), let spec = ctx.spec(spec) else { return [] }
        var out: [T] = []
        out.reserveCapacity(ctx.document.count(list) ?? 0)
        for (i, v) in elements.enumerated() {
            if let o = ctx.object(v, path: JSONPath.element(field, i), spec: spec), let item = body(o, &ctx) { out.append(item) }
        }
        return out
    }

    /// Where the `id` member is written (its name's opening quote), or the object when it is absent.
    private static func idLocation(_ o: ObjectReader, _ ctx: DecodeContext) -> SourceLocation {
        if let name = o.name("id") { return ctx.location(name, head: o.path, tail: .id) }
        return ctx.location(o.node, o.path)
    }

    private static func decodeActor(_ o: ObjectReader, _ ctx: inout DecodeContext) -> Actor? {
        guard let id = o.string("id", &ctx) else { return nil }
        let trust = o.string("trust", &ctx).flatMap(Trust.init(rawValue:)) ?? .anonymous
        return Actor(id: id, name: o.string("name", &ctx) ?? id, trust: trust, description: o.string("description", &ctx), location: idLocation(o, ctx),
                     inferred: o.bool("inferred", &ctx) ?? false, source: o.string("source", &ctx))
    }

    private static func decodeBoundary(_ o: ObjectReader, _ ctx: inout DecodeContext) -> Boundary? {
        guard let id = o.string("id", &ctx) else { return nil }
        return Boundary(id: id, name: o.string("name", &ctx) ?? id, parent: o.string("parent", &ctx), description: o.string("description", &ctx),
                        controls: decodeControls(o, &ctx), location: idLocation(o, ctx), source: o.string("source", &ctx))
    }

    private static func decodeAsset(_ o: ObjectReader, _ ctx: inout DecodeContext) -> Asset? {
        guard let id = o.string("id", &ctx) else { return nil }
        return Asset(id: id, name: o.string("name", &ctx) ?? id, kind: o.string("kind", &ctx) ?? "", service: o.string("service", &ctx),
                     boundary: o.string("boundary", &ctx),
                     sensitivity: o.string("sensitivity", &ctx).flatMap(Sensitivity.init(rawValue:)) ?? .internal,
                     crownJewel: o.bool("crownJewel", &ctx) ?? false, cloud: o.string("cloud", &ctx),
                     description: o.string("description", &ctx), controls: decodeControls(o, &ctx), location: idLocation(o, ctx),
                     capabilities: o.strings("capabilities", &ctx), resources: o.strings("resources", &ctx), source: o.string("source", &ctx))
    }

    private static func decodeFlow(_ o: ObjectReader, _ ctx: inout DecodeContext) -> Flow? {
        guard let from = o.string("from", &ctx), let to = o.string("to", &ctx) else { return nil }
        return Flow(id: o.string("id", &ctx) ?? "", from: from, to: to, data: o.string("data", &ctx), protocol: o.string("protocol", &ctx),
                    sensitivity: o.string("sensitivity", &ctx).flatMap(Sensitivity.init(rawValue:)), bidirectional: o.bool("bidirectional", &ctx) ?? false,
                    controls: decodeControls(o, &ctx), location: ctx.location(o.node, o.path),
                    access: o.string("access", &ctx).flatMap(FlowAccess.init(rawValue:)) ?? .send, source: o.string("source", &ctx))
    }

    /// Decodes the control references of an asset, boundary or flow.
    private static func decodeControls(_ o: ObjectReader, _ ctx: inout DecodeContext) -> [ControlRef] {
        guard let list = o.value("controls", &ctx), let elements = ctx.document.elements(list), let spec = ctx.spec("controlRef") else { return [] }
        var refs: [ControlRef] = []
        refs.reserveCapacity(ctx.document.count(list) ?? 0)
        let path = o.path("controls")
        for (i, v) in elements.enumerated() {
            guard let r = ctx.object(v, path: JSONPath.element(path, i), spec: spec), let id = r.string("id", &ctx),
                  let status = r.string("status", &ctx).flatMap(ControlStatus.init(rawValue:)), let name = r.name("id") else { continue }
            // `<owner>.controls[i].id`, spelled out only when shown.
            let location = ctx.location(name, head: o.path, tail: .controlID(Int32(truncatingIfNeeded: i)))
            refs.append(ControlRef(id: id, status: status, note: r.string("note", &ctx), location: location,
                                   placementIntended: r.string("placement", &ctx) == "intended", source: r.string("source", &ctx)))
        }
        return refs
    }

    private static func decodeAcceptance(_ o: ObjectReader, _ ctx: inout DecodeContext) -> RiskAcceptance? {
        guard let threat = o.string("threat", &ctx), let asset = o.string("asset", &ctx), let reason = o.string("reason", &ctx),
              let owner = o.string("owner", &ctx), let expires = o.string("expires", &ctx).flatMap(CalendarDate.init(parsing:)) else { return nil }
        return RiskAcceptance(threat: threat, asset: asset, reason: reason, owner: owner, ticket: o.string("ticket", &ctx), expires: expires,
                              location: ctx.location(o.node, o.path))
    }

    private static func decodeNotApplicable(_ o: ObjectReader, _ ctx: inout DecodeContext) -> NotApplicableEntry? {
        guard let threat = o.string("threat", &ctx), let asset = o.string("asset", &ctx), let reason = o.string("reason", &ctx) else { return nil }
        return NotApplicableEntry(threat: threat, asset: asset, reason: reason, location: ctx.location(o.node, o.path))
    }

    private static func decodeOverride(_ o: ObjectReader, _ ctx: inout DecodeContext) -> Override? {
        let control = o.string("control", &ctx), threat = o.string("threat", &ctx)
        guard let reason = o.string("reason", &ctx) else { return nil }
        if control == nil && threat == nil {
            ctx.report(.error, "missing-field", "an override names a 'control' or a 'threat'", at: o.node, path: o.path)
            return nil
        }
        let effectiveness = o.number("effectiveness", &ctx)
        let severity = o.string("severity", &ctx).flatMap(Severity.init(rawValue:))
        let likelihood = o.number("likelihood", &ctx)
        if effectiveness == nil && severity == nil && likelihood == nil {
            ctx.report(.warning, "override-empty", "this override changes nothing: give effectiveness, severity or likelihood", at: o.node, path: o.path)
        }
        return Override(control: control, threat: threat, asset: o.string("asset", &ctx), effectiveness: effectiveness, severity: severity,
                        likelihood: likelihood, reason: reason, location: ctx.location(o.node, o.path))
    }
}
