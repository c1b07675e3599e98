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
        var parts: [Workload] = []
        for file in files {
            let (part, diags) = decode(file, limits: limits)
            diagnostics += diags
            if let part { parts.append(part) }
        }
        guard let first = parts.first else { return (nil, diagnostics) }
        var workload = first
        for part in parts.dropFirst() {
            workload.actors += part.actors
            workload.boundaries += part.boundaries
            workload.assets += part.assets
            workload.flows += part.flows
            workload.acceptedRisks += part.acceptedRisks
            workload.notApplicable += part.notApplicable
            workload.overrides += part.overrides
            workload.files += part.files
        }
        assignFlowIDs(&workload)
        diagnostics += ModelValidator.validate(workload, catalog: catalog, frameworks: frameworks, limits: limits)
        return (diagnostics.hasErrors ? nil : workload, diagnostics)
    }

    /// Gives each flow without an id `from->to`, then `from->to#2`, `#3`… for parallel flows.
    static func assignFlowIDs(_ workload: inout Workload) {
        var seen: [String: Int] = [:]
        for i in workload.flows.indices where workload.flows[i].id.isEmpty {
            let base = "\(workload.flows[i].from)->\(workload.flows[i].to)"
            let n = (seen[base] ?? 0) + 1
            seen[base] = n
            workload.flows[i].id = n == 1 ? base : "\(base)#\(n)"
        }
    }

    /// Decodes one file on its own (syntax, types, required and unknown fields). The workload is nil only when
    /// the file is not a JSON object; otherwise it holds what could be read, so cross-references can still be checked.
    public static func decode(_ file: InputFile, limits: ModelLimits = ModelLimits()) -> (Workload?, [Diagnostic]) {
        guard file.bytes.count <= limits.maxFileBytes else {
            return (nil, [Diagnostic(.error, "model.too-large", ByteLimit.message(size: file.bytes.count, limit: limits.maxFileBytes),
                                     at: SourceLocation(file: file.name))])
        }
        let root: JSONValue
        do {
            root = try JSONReader.parse(file.bytes, limits: limits.json)
        } catch {
            return (nil, [Diagnostic(.error, "model.syntax", error.message, at: SourceLocation(file: file.name, line: error.line, column: error.column))])
        }
        var ctx = DecodeContext(file: file.name, schema: ModelSchema.spec, codePrefix: "model")
        let workload = decode(root, &ctx)
        return (workload, ctx.diagnostics)
    }

    /// Decodes a parsed model, recording what it reads in `ctx`.
    public static func decode(_ root: JSONValue, _ ctx: inout DecodeContext) -> Workload? {
        guard let top = ctx.object(root, path: "", spec: "model") else { return nil }
        _ = top.string("threatgraph", &ctx)
        var w = Workload(name: top.string("name", &ctx) ?? "", description: top.string("description", &ctx),
                         cloud: top.string("cloud", &ctx) ?? "generic", files: [ctx.file])
        if top.value("frameworks", &ctx) != nil { w.frameworks = top.strings("frameworks", &ctx) }

        func idLocation(_ o: ObjectReader, _ key: String = "id") -> SourceLocation {
            if let m = o.whole.members?.first(where: { $0.key == key }) {
                return SourceLocation(file: ctx.file, line: Int(m.line), column: Int(m.column), path: o.path(key))
            }
            return ctx.location(o.whole, o.path)
        }
        func controls(_ o: ObjectReader) -> [ControlRef] {
            var refs: [ControlRef] = []
            for (i, v) in (o.value("controls", &ctx)?.array ?? []).enumerated() {
                let path = "\(o.path("controls"))[\(i)]"
                guard let r = ctx.object(v, path: path, spec: "controlRef"), let id = r.string("id", &ctx),
                      let status = r.string("status", &ctx).flatMap(ControlStatus.init(rawValue:)) else { continue }
                let note = r.string("note", &ctx)
                refs.append(ControlRef(id: id, status: status, note: note, location: idLocation(r)))
            }
            return refs
        }
        func each(_ key: String, _ spec: String, _ body: (ObjectReader, inout DecodeContext) -> Void) {
            for (i, v) in (top.value(key, &ctx)?.array ?? []).enumerated() {
                if let o = ctx.object(v, path: "\(key)[\(i)]", spec: spec) { body(o, &ctx) }
            }
        }
        each("actors", "actor") { o, ctx in
            guard let id = o.string("id", &ctx) else { return }
            let trust = o.string("trust", &ctx).flatMap(Trust.init(rawValue:)) ?? .anonymous
            w.actors.append(Actor(id: id, name: o.string("name", &ctx) ?? id, trust: trust, description: o.string("description", &ctx), location: idLocation(o)))
        }
        each("boundaries", "boundary") { o, ctx in
            guard let id = o.string("id", &ctx) else { return }
            let b = Boundary(id: id, name: o.string("name", &ctx) ?? id, parent: o.string("parent", &ctx), description: o.string("description", &ctx),
                             controls: controls(o), location: idLocation(o))
            w.boundaries.append(b)
        }
        each("assets", "asset") { o, ctx in
            guard let id = o.string("id", &ctx) else { return }
            let kind = o.string("kind", &ctx) ?? ""
            let a = Asset(id: id, name: o.string("name", &ctx) ?? id, kind: kind, service: o.string("service", &ctx), boundary: o.string("boundary", &ctx),
                          sensitivity: o.string("sensitivity", &ctx).flatMap(Sensitivity.init(rawValue:)) ?? .internal,
                          crownJewel: o.bool("crownJewel", &ctx) ?? false, cloud: o.string("cloud", &ctx), description: o.string("description", &ctx),
                          controls: controls(o), location: idLocation(o))
            w.assets.append(a)
        }
        each("flows", "flow") { o, ctx in
            guard let from = o.string("from", &ctx), let to = o.string("to", &ctx) else { return }
            let f = Flow(id: o.string("id", &ctx) ?? "", from: from, to: to, data: o.string("data", &ctx), protocol: o.string("protocol", &ctx),
                         sensitivity: o.string("sensitivity", &ctx).flatMap(Sensitivity.init(rawValue:)), bidirectional: o.bool("bidirectional", &ctx) ?? false,
                         controls: controls(o), location: ctx.location(o.whole, o.path))
            w.flows.append(f)
        }
        each("acceptedRisks", "acceptance") { o, ctx in
            guard let threat = o.string("threat", &ctx), let asset = o.string("asset", &ctx), let reason = o.string("reason", &ctx),
                  let owner = o.string("owner", &ctx), let expires = o.string("expires", &ctx).flatMap(CalendarDate.init(parsing:)) else { return }
            w.acceptedRisks.append(RiskAcceptance(threat: threat, asset: asset, reason: reason, owner: owner, ticket: o.string("ticket", &ctx),
                                                  expires: expires, location: ctx.location(o.whole, o.path)))
        }
        each("notApplicable", "notApplicable") { o, ctx in
            guard let threat = o.string("threat", &ctx), let asset = o.string("asset", &ctx), let reason = o.string("reason", &ctx) else { return }
            w.notApplicable.append(NotApplicableEntry(threat: threat, asset: asset, reason: reason, location: ctx.location(o.whole, o.path)))
        }
        each("overrides", "override") { o, ctx in
            let control = o.string("control", &ctx), threat = o.string("threat", &ctx)
            guard let reason = o.string("reason", &ctx) else { return }
            if control == nil && threat == nil {
                ctx.report(.error, "missing-field", "an override names a 'control' or a 'threat'", at: o.whole, path: o.path)
                return
            }
            let effectiveness = o.number("effectiveness", &ctx)
            let severity = o.string("severity", &ctx).flatMap(Severity.init(rawValue:))
            let likelihood = o.number("likelihood", &ctx)
            if effectiveness == nil && severity == nil && likelihood == nil {
                ctx.report(.warning, "override-empty", "this override changes nothing: give effectiveness, severity or likelihood", at: o.whole, path: o.path)
            }
            w.overrides.append(Override(control: control, threat: threat, asset: o.string("asset", &ctx), effectiveness: effectiveness,
                                        severity: severity, likelihood: likelihood, reason: reason, location: ctx.location(o.whole, o.path)))
        }
        return w
    }
}
