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
        load(files, catalog: catalog, frameworks: frameworks, limits: limits, concurrently: true)
    }

    /// `load(_:catalog:frameworks:limits:)`, reading a large model with two threads only when `concurrently`
    /// (the result is the same either way).
    static func load(_ files: [InputFile], catalog: Catalog, frameworks: [String]?, limits: ModelLimits, concurrently: Bool) -> (Workload?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        // Merged as the files are read, so that no part is shared (and copied on the first write).
        var merged: Workload?
        // With one file, flow ids are assigned on the thread that decodes the flows.
        let idsWhileDecoding = files.count == 1
        for file in files {
            let (part, diags) = decode(file, limits: limits, assigningFlowIDs: idsWhileDecoding, concurrently: concurrently)
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
        if !idsWhileDecoding { FlowIDs.assign(&workload.flows) }
        diagnostics += ModelValidator.validate(workload, catalog: catalog, frameworks: frameworks, limits: limits, concurrently: concurrently)
        return (diagnostics.hasErrors ? nil : workload, diagnostics)
    }

    /// Decodes one file on its own (syntax, types, required and unknown fields). The workload is nil only when
    /// the file is not a JSON object; otherwise it holds what could be read, so cross-references can still be checked.
    public static func decode(_ file: InputFile, limits: ModelLimits = ModelLimits()) -> (Workload?, [Diagnostic]) {
        decode(file, limits: limits, assigningFlowIDs: false, concurrently: true)
    }

    /// `decode(_:limits:)`, giving flows without an id theirs when `assigningFlowIDs` (for a model of one file).
    static func decode(_ file: InputFile, limits: ModelLimits, assigningFlowIDs: Bool, concurrently: Bool) -> (Workload?, [Diagnostic]) {
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
        let workload = decode(document.root, &ctx, assigningFlowIDs: assigningFlowIDs, concurrently: concurrently)
        return (workload, ctx.diagnostics)
    }

    /// Decodes a parsed model, recording what it reads in `ctx`.
    public static func decode(_ root: JSONNode, _ ctx: inout DecodeContext) -> Workload? {
        decode(root, &ctx, assigningFlowIDs: false, concurrently: true)
    }

    /// Flows in a model from which they are read by a second thread while this one reads the rest.
    static let concurrentFlows = 4096

    /// `decode(_:_:)`, giving flows without an id theirs when `assigningFlowIDs`.
    /// - Complexity: O(n) in the document's size; a model of at least `concurrentFlows` flows is read by two threads
    ///   when `concurrently`.
    static func decode(_ root: JSONNode, _ ctx: inout DecodeContext, assigningFlowIDs: Bool, concurrently: Bool) -> Workload? {
        let k = ModelKeys(ctx)
        guard let model = k.model, let top = ctx.object(root, path: "", spec: model) else { return nil }
        _ = top.string(k.threatgraph, &ctx)
        var w = Workload(name: top.string(k.name, &ctx) ?? "", description: top.string(k.description, &ctx),
                         cloud: top.string(k.cloud, &ctx) ?? "generic", files: [ctx.file])
        if top.value(k.frameworks, &ctx) != nil { w.frameworks = top.strings(k.frameworks, &ctx) }

        func each(_ key: FieldKey, _ spec: ObjectSpecID?, _ body: (ObjectReader, inout DecodeContext) -> Void) {
            guard let list = top.value(key, &ctx), let elements = ctx.document.elements(list), let spec else { return }
            for (i, v) in elements.enumerated() {
                if let o = ctx.object(v, path: JSONPath.element(key.fieldName, i), spec: spec) { body(o, &ctx) }
            }
        }
        func reserve(_ key: FieldKey) -> Int { top.value(key, &ctx).flatMap { ctx.document.count($0) } ?? 0 }
        w.actors.reserveCapacityInHugePages(reserve(k.actors))
        w.boundaries.reserveCapacityInHugePages(reserve(k.boundaries))
        func actorsAndBoundaries() {
            each(k.actors, k.actor) { o, ctx in
                guard let id = o.string(k.actorID, &ctx) else { return }
                let trust = o.choice(k.actorTrust, &ctx).flatMap { pick(k.trusts, $0) } ?? .anonymous
                w.actors.append(Actor(id: id, name: o.string(k.actorName, &ctx) ?? id, trust: trust, description: o.string(k.actorDescription, &ctx),
                                      location: idLocation(o, k.actorID, &ctx)))
            }
            each(k.boundaries, k.boundary) { o, ctx in
                guard let id = o.string(k.boundaryID, &ctx) else { return }
                let b = Boundary(id: id, name: o.string(k.boundaryName, &ctx) ?? id, parent: o.string(k.boundaryParent, &ctx),
                                 description: o.string(k.boundaryDescription, &ctx), controls: decodeControls(o, k.boundaryControls, k, &ctx),
                                 location: idLocation(o, k.boundaryID, &ctx))
                w.boundaries.append(b)
            }
        }
        // The flows of a large model are read by a second thread, with a context that shares no counted reference
        // with this one's; before them, it reads the assets from `split` on, into the same array as this thread.
        // Its diagnostics are merged where they come in the serial order: after this thread's assets, before the
        // entries naming findings.
        var flowTask: ConcurrentTask<SecondThreadShare>?
        let assetList = top.value(k.assets, &ctx), assetCount = reserve(k.assets)
        var split = assetCount
        let slots = Handoff<AssetSlots?>(), filled = Handoff<Int>()
        let flowCount = reserve(k.flows)
        if concurrently, let list = top.value(k.flows, &ctx), flowCount >= concurrentFlows, ConcurrentTask<SecondThreadShare>.worthwhile {
            if assetCount >= concurrentAssets {
                split = assetSplit(assets: assetCount, flows: flowCount, others: reserve(k.actors) + reserve(k.boundaries))
            }
            let other = ctx.forAnotherThread()
            flowTask = ConcurrentTask { [split] in
                var part = SecondThreadShare(context: other)
                if let assetList, let slots = slots.wait() ?? nil { filled.put(part.decodeAssets(assetList, split..<assetCount, into: slots)) }
                part.decode(list, assigningFlowIDs: assigningFlowIDs)
                return part
            }
        } else {
            w.flows.reserveCapacityInHugePages(flowCount)
        }
        if let assetList, split < assetCount {
            // Each thread fills its share from the start of the share; the second one's is moved down to follow the
            // first one's when some assets could not be read.
            let assets = [Asset](unsafeUninitializedCapacity: assetCount) { buffer, initialized in
                let base = buffer.baseAddress
                if let base { HugePages.advise(base, capacity: assetCount) }
                slots.put(base.map { AssetSlots(base: $0 + split, capacity: assetCount - split) })
                actorsAndBoundaries()
                guard let base else { return }
                let first = decodeAssets(assetList, 0..<split, into: AssetSlots(base: base, capacity: split), k, &ctx)
                let second = filled.wait() ?? 0
                if first < split { (base + first).moveInitialize(from: base + split, count: second) }
                initialized = first + second
            }
            w.assets = assets
        } else {
            slots.put(nil)
            actorsAndBoundaries()
            w.assets.reserveCapacityInHugePages(assetCount)
            each(k.assets, k.asset) { o, ctx in
                if let a = decodeAsset(o, k, &ctx) { w.assets.append(a) }
            }
        }
        if let flowTask, var part = flowTask.join() {
            w.flows = part.flows
            part.flows = []
            ctx.absorb(part.context)
        } else if let list = top.value(k.flows, &ctx) {
            decodeFlows(list, into: &w.flows, k, &ctx, assigningFlowIDs: assigningFlowIDs)
        }
        each(k.acceptedRisks, k.acceptance) { o, ctx in
            guard let threat = o.string(k.acceptanceThreat, &ctx), let asset = o.string(k.acceptanceAsset, &ctx),
                  let reason = o.string(k.acceptanceReason, &ctx), let owner = o.string(k.acceptanceOwner, &ctx),
                  let expires = o.string(k.acceptanceExpires, &ctx).flatMap(CalendarDate.init(parsing:)) else { return }
            w.acceptedRisks.append(RiskAcceptance(threat: threat, asset: asset, reason: reason, owner: owner, ticket: o.string(k.acceptanceTicket, &ctx),
                                                  expires: expires, location: ctx.location(o.node, o.path)))
        }
        each(k.notApplicable, k.notApplicableEntry) { o, ctx in
            guard let threat = o.string(k.notApplicableThreat, &ctx), let asset = o.string(k.notApplicableAsset, &ctx),
                  let reason = o.string(k.notApplicableReason, &ctx) else { return }
            w.notApplicable.append(NotApplicableEntry(threat: threat, asset: asset, reason: reason, location: ctx.location(o.node, o.path)))
        }
        each(k.overrides, k.override) { o, ctx in
            let control = o.string(k.overrideControl, &ctx), threat = o.string(k.overrideThreat, &ctx)
            guard let reason = o.string(k.overrideReason, &ctx) else { return }
            if control == nil && threat == nil {
                ctx.report(.error, "missing-field", "an override names a 'control' or a 'threat'", at: o.node, path: o.path)
                return
            }
            let effectiveness = o.number(k.overrideEffectiveness, &ctx)
            let severity = o.string(k.overrideSeverity, &ctx).flatMap(Severity.init(rawValue:))
            let likelihood = o.number(k.overrideLikelihood, &ctx)
            if effectiveness == nil && severity == nil && likelihood == nil {
                ctx.report(.warning, "override-empty", "this override changes nothing: give effectiveness, severity or likelihood", at: o.node, path: o.path)
            }
            w.overrides.append(Override(control: control, threat: threat, asset: o.string(k.overrideAsset, &ctx), effectiveness: effectiveness,
                                        severity: severity, likelihood: likelihood, reason: reason, location: ctx.location(o.node, o.path)))
        }
        return w
    }

    /// Where the `id` member `key` is written (its name's opening quote), or the object when it is absent.
    fileprivate static func idLocation(_ o: ObjectReader, _ key: FieldKey, _ ctx: inout DecodeContext) -> SourceLocation {
        if let name = o.name(key) { return ctx.location(name, head: o.path, tail: SourceLocation.Tail.id) }
        return ctx.location(o.node, o.path)
    }

    /// Assets in a model from which a share of them is read by the second thread.
    static let concurrentAssets = 1024

    /// Where the second thread's share of `assets` starts, when the first reads `others` actors and boundaries and
    /// the second `flows` flows, so that both finish together: an asset or a boundary is taken to cost 12/7 of a
    /// flow (its id assigned), the ratio at which the two threads finished together on the generated 100,000-asset
    /// estate.
    static func assetSplit(assets: Int, flows: Int, others: Int) -> Int {
        let (asset, flow) = (12, 7)
        let split = (flow * flows + asset * (assets - others)) / (2 * asset)
        return min(max(split, 0), assets)
    }

    /// Decodes the assets at `range` of the assets list `list` into `slots`, one after another; returns how many.
    fileprivate static func decodeAssets(_ list: JSONNode, _ range: Range<Int>, into slots: AssetSlots, _ k: ModelKeys,
                                         _ ctx: inout DecodeContext) -> Int {
        guard let elements = ctx.document.elements(list), let spec = k.asset else { return 0 }
        var count = 0
        for (i, v) in elements.enumerated().dropFirst(range.lowerBound).prefix(min(range.count, slots.capacity)) {
            guard let o = ctx.object(v, path: JSONPath.element(k.assets.fieldName, i), spec: spec), let a = decodeAsset(o, k, &ctx) else { continue }
            (slots.base + count).initialize(to: a)
            count += 1
        }
        return count
    }

    /// Decodes an asset.
    fileprivate static func decodeAsset(_ o: ObjectReader, _ k: ModelKeys, _ ctx: inout DecodeContext) -> Asset? {
        guard let id = o.string(k.assetID, &ctx) else { return nil }
        let kind = o.sharedString(k.assetKind, &ctx) ?? ""
        return Asset(id: id, name: o.string(k.assetName, &ctx) ?? id, kind: kind, service: o.string(k.assetService, &ctx),
                     boundary: o.string(k.assetBoundary, &ctx),
                     sensitivity: o.choice(k.assetSensitivity, &ctx).flatMap { pick(k.sensitivities, $0) } ?? .internal,
                     crownJewel: o.bool(k.assetCrownJewel, &ctx) ?? false, cloud: o.string(k.assetCloud, &ctx),
                     description: o.string(k.assetDescription, &ctx), controls: decodeControls(o, k.assetControls, k, &ctx),
                     location: idLocation(o, k.assetID, &ctx))
    }

    /// Decodes the flows array `list` onto `flows`, and assigns flow ids when `assigningFlowIDs`.
    fileprivate static func decodeFlows(_ list: JSONNode, into flows: inout [Flow], _ k: ModelKeys, _ ctx: inout DecodeContext, assigningFlowIDs: Bool) {
        guard let elements = ctx.document.elements(list), let spec = k.flow else { return }
        for (i, v) in elements.enumerated() {
            guard let o = ctx.object(v, path: JSONPath.element(k.flows.fieldName, i), spec: spec), let f = decodeFlow(o, k, &ctx) else { continue }
            flows.append(f)
        }
        if assigningFlowIDs { FlowIDs.assign(&flows) }
    }

    /// Decodes a flow.
    fileprivate static func decodeFlow(_ o: ObjectReader, _ k: ModelKeys, _ ctx: inout DecodeContext) -> Flow? {
        guard let from = o.string(k.flowFrom, &ctx), let to = o.string(k.flowTo, &ctx) else { return nil }
        return Flow(id: o.string(k.flowID, &ctx) ?? "", from: from, to: to, data: o.string(k.flowData, &ctx), protocol: o.string(k.flowProtocol, &ctx),
                    sensitivity: o.choice(k.flowSensitivity, &ctx).flatMap { pick(k.flowSensitivities, $0) }, bidirectional: o.bool(k.flowBidirectional, &ctx) ?? false,
                    controls: decodeControls(o, k.flowControls, k, &ctx), location: ctx.location(o.node, o.path))
    }

    /// Decodes the control references of an asset, boundary or flow.
    fileprivate static func decodeControls(_ o: ObjectReader, _ key: FieldKey, _ k: ModelKeys, _ ctx: inout DecodeContext) -> [ControlRef] {
        guard let list = o.value(key, &ctx), let elements = ctx.document.elements(list), let spec = k.controlRef else { return [] }
        var refs: [ControlRef] = []
        refs.reserveCapacity(ctx.document.count(list) ?? 0)
        for (i, v) in elements.enumerated() {
            guard let r = ctx.object(v, spec: spec, path: JSONPath.element(o.path(key.fieldName), i)), let id = r.sharedString(k.controlID, &ctx),
                  let status = r.choice(k.controlStatus, &ctx).flatMap({ pick(k.statuses, $0) }), let name = r.name(k.controlID) else { continue }
            let note = r.string(k.controlNote, &ctx)
            // `<owner>.controls[i].id`, spelled out only when shown.
            let location = ctx.location(name, head: o.path, tail: Int32(truncatingIfNeeded: i))
            refs.append(ControlRef(id: id, status: status, note: note, location: location))
        }
        return refs
    }
}

/// What a second thread reads of a large model, with a context of its own: a share of the assets, then the flows.
private struct SecondThreadShare: Sendable {
    var context: DecodeContext
    var flows: [Flow] = []

    init(context: DecodeContext) { self.context = context }

    /// Reads the assets at `range` of the assets list `list` into `slots`; returns how many.
    mutating func decodeAssets(_ list: JSONNode, _ range: Range<Int>, into slots: AssetSlots) -> Int {
        ModelLoader.decodeAssets(list, range, into: slots, ModelKeys(context), &context)
    }

    /// Reads the flows array `list`, and assigns flow ids when `assigningFlowIDs`.
    mutating func decode(_ list: JSONNode, assigningFlowIDs: Bool) {
        flows.reserveCapacityInHugePages(context.document.count(list) ?? 0)
        ModelLoader.decodeFlows(list, into: &flows, ModelKeys(context), &context, assigningFlowIDs: assigningFlowIDs)
    }
}

/// Room for assets in the array the first thread builds, filled by the second.
private struct AssetSlots: @unchecked Sendable {
    let base: UnsafeMutablePointer<Asset>
    let capacity: Int
}

/// The element at `i`, or nil when it is out of range or nil.
private func pick<T>(_ values: [T?], _ i: Int) -> T? { values.indices.contains(i) ? values[i] : nil }

/// The specs and fields of the model format, found once per file.
private struct ModelKeys {
    let model, actor, boundary, asset, flow, controlRef, acceptance, notApplicableEntry, override: ObjectSpecID?
    let threatgraph, name, description, cloud, frameworks, actors, boundaries, assets, flows, acceptedRisks, notApplicable, overrides: FieldKey
    let actorID, actorName, actorTrust, actorDescription: FieldKey
    let boundaryID, boundaryName, boundaryParent, boundaryDescription, boundaryControls: FieldKey
    let assetID, assetName, assetKind, assetService, assetBoundary, assetSensitivity, assetCrownJewel, assetCloud, assetDescription, assetControls: FieldKey
    let flowID, flowFrom, flowTo, flowData, flowProtocol, flowSensitivity, flowBidirectional, flowControls: FieldKey
    let controlID, controlStatus, controlNote: FieldKey
    let acceptanceThreat, acceptanceAsset, acceptanceReason, acceptanceOwner, acceptanceTicket, acceptanceExpires: FieldKey
    let notApplicableThreat, notApplicableAsset, notApplicableReason: FieldKey
    let overrideControl, overrideThreat, overrideAsset, overrideEffectiveness, overrideSeverity, overrideLikelihood, overrideReason: FieldKey
    /// Enumeration values by position in the schema's list of allowed values.
    let trusts: [Trust?], sensitivities: [Sensitivity?], flowSensitivities: [Sensitivity?], statuses: [ControlStatus?]

    init(_ ctx: DecodeContext) {
        model = ctx.spec("model"); actor = ctx.spec("actor"); boundary = ctx.spec("boundary"); asset = ctx.spec("asset"); flow = ctx.spec("flow")
        controlRef = ctx.spec("controlRef"); acceptance = ctx.spec("acceptance"); notApplicableEntry = ctx.spec("notApplicable"); override = ctx.spec("override")
        func m(_ f: String) -> FieldKey { ctx.key("model", f) }
        threatgraph = m("threatgraph"); name = m("name"); description = m("description"); cloud = m("cloud"); frameworks = m("frameworks")
        actors = m("actors"); boundaries = m("boundaries"); assets = m("assets"); flows = m("flows"); acceptedRisks = m("acceptedRisks")
        notApplicable = m("notApplicable"); overrides = m("overrides")
        actorID = ctx.key("actor", "id"); actorName = ctx.key("actor", "name"); actorTrust = ctx.key("actor", "trust")
        actorDescription = ctx.key("actor", "description")
        boundaryID = ctx.key("boundary", "id"); boundaryName = ctx.key("boundary", "name"); boundaryParent = ctx.key("boundary", "parent")
        boundaryDescription = ctx.key("boundary", "description"); boundaryControls = ctx.key("boundary", "controls")
        func a(_ f: String) -> FieldKey { ctx.key("asset", f) }
        assetID = a("id"); assetName = a("name"); assetKind = a("kind"); assetService = a("service"); assetBoundary = a("boundary")
        assetSensitivity = a("sensitivity"); assetCrownJewel = a("crownJewel"); assetCloud = a("cloud"); assetDescription = a("description")
        assetControls = a("controls")
        func f(_ f: String) -> FieldKey { ctx.key("flow", f) }
        flowID = f("id"); flowFrom = f("from"); flowTo = f("to"); flowData = f("data"); flowProtocol = f("protocol"); flowSensitivity = f("sensitivity")
        flowBidirectional = f("bidirectional"); flowControls = f("controls")
        controlID = ctx.key("controlRef", "id"); controlStatus = ctx.key("controlRef", "status"); controlNote = ctx.key("controlRef", "note")
        func r(_ f: String) -> FieldKey { ctx.key("acceptance", f) }
        acceptanceThreat = r("threat"); acceptanceAsset = r("asset"); acceptanceReason = r("reason"); acceptanceOwner = r("owner")
        acceptanceTicket = r("ticket"); acceptanceExpires = r("expires")
        notApplicableThreat = ctx.key("notApplicable", "threat"); notApplicableAsset = ctx.key("notApplicable", "asset")
        notApplicableReason = ctx.key("notApplicable", "reason")
        func o(_ f: String) -> FieldKey { ctx.key("override", f) }
        overrideControl = o("control"); overrideThreat = o("threat"); overrideAsset = o("asset"); overrideEffectiveness = o("effectiveness")
        overrideSeverity = o("severity"); overrideLikelihood = o("likelihood"); overrideReason = o("reason")
        func allowed(_ spec: String, _ field: String) -> [String] {
            guard case .enumeration(let values)? = ctx.schema.objects[spec]?.field(field)?.type else { return [] }
            return values
        }
        trusts = allowed("actor", "trust").map(Trust.init(rawValue:))
        sensitivities = allowed("asset", "sensitivity").map(Sensitivity.init(rawValue:))
        flowSensitivities = allowed("flow", "sensitivity").map(Sensitivity.init(rawValue:))
        statuses = allowed("controlRef", "status").map(ControlStatus.init(rawValue:))
    }
}
