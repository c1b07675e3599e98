import Foundation

/// A named file's bytes, as read by the caller.
public struct InputFile: Sendable {
    /// The name to show in diagnostics (the path as the user gave it).
    public var name: String
    /// The bytes.
    public var bytes: [UInt8]

    /// Creates an input file.
    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}

/// Limits on catalog files (the built-in one and `--catalog` overlays), so that an overlay cannot exhaust memory:
/// the coverage analysis keeps a controls × threats matrix.
public struct CatalogLimits: Sendable {
    /// Largest catalog file, in bytes (16 MiB; the whole built-in catalog is under 1 MiB).
    public var maxFileBytes: Int = 16 << 20
    /// Deepest JSON nesting.
    public var maxDepth: Int = 32
    /// Longest string, in bytes (256 KiB).
    public var maxStringBytes: Int = 256 << 10
    /// Most JSON values in one file.
    public var maxValues: Int = 2_000_000
    /// Most threats in the merged catalog.
    public var maxThreats: Int = 10_000
    /// Most controls in the merged catalog.
    public var maxControls: Int = 5_000
    /// Most entries of the other kinds (layers, asset kinds, tactics, mitigations, case studies) together.
    public var maxOtherEntries: Int = 20_000

    /// The default limits.
    public init() {}
}

/// Reads catalog files into a `Catalog`, layering overlay files on top (same id replaces).
public enum CatalogLoader {
    /// The catalog compiled into the binary.
    public static func embeddedFiles() -> [InputFile] {
        EmbeddedCatalogData.files.map { entry in
            InputFile(name: "Catalog/\(entry.name)", bytes: Array(Data(base64Encoded: entry.base64) ?? Data()))
        }
    }

    /// Loads the embedded catalog and the overlays; returns the catalog (nil on errors) and every diagnostic.
    /// Replacements by overlays are reported as notes.
    public static func load(base: [InputFile], overlays: [InputFile] = [], limits: CatalogLimits = CatalogLimits()) -> (Catalog?, [Diagnostic]) {
        var parts = Parts()
        var diagnostics: [Diagnostic] = []
        for file in base { diagnostics += decode(file, into: &parts, overlay: false, limits: limits) }
        for file in overlays { diagnostics += decode(file, into: &parts, overlay: true, limits: limits) }
        let files = SourceLocation(file: (base + overlays).map(\.name).last ?? "catalog")
        if parts.threats.values.count > limits.maxThreats {
            diagnostics.append(Diagnostic(.error, "catalog.too-many", "the catalog has \(parts.threats.values.count) threats; the limit is \(limits.maxThreats)", at: files))
        }
        if parts.controls.values.count > limits.maxControls {
            diagnostics.append(Diagnostic(.error, "catalog.too-many", "the catalog has \(parts.controls.values.count) controls; the limit is \(limits.maxControls)", at: files))
        }
        let others = parts.layers.values.count + parts.kinds.values.count + parts.tactics.values.count + parts.mitigations.values.count
            + parts.caseStudies.values.count + parts.capabilities.values.count
        if others > limits.maxOtherEntries {
            diagnostics.append(Diagnostic(.error, "catalog.too-many",
                                          "the catalog has \(others) layers, asset kinds, tactics, mitigations and case studies; the limit is \(limits.maxOtherEntries)", at: files))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let manifest = parts.manifest ?? CatalogManifest(version: "unknown", name: "ThreatGraph catalog", sources: [])
        let catalog = Catalog(manifest: manifest, layers: parts.layers.values, assetKinds: parts.kinds.values, tactics: parts.tactics.values,
                              threats: parts.threats.values, mitigations: parts.mitigations.values, caseStudies: parts.caseStudies.values,
                              controls: parts.controls.values, capabilities: parts.capabilities.values, origins: parts.origins)
        return (catalog, diagnostics)
    }

    /// Entities collected so far, keyed by id in first-seen order.
    struct Parts {
        var manifest: CatalogManifest?
        var layers = Keyed<Layer>()
        var kinds = Keyed<AssetKind>()
        var capabilities = Keyed<Capability>()
        var tactics = Keyed<Tactic>()
        var threats = Keyed<Threat>()
        var mitigations = Keyed<Mitigation>()
        var caseStudies = Keyed<CaseStudy>()
        var controls = Keyed<Control>()
        var origins: [String: SourceLocation] = [:]
    }

    /// An id-keyed list where a later entry with the same id replaces the earlier one.
    struct Keyed<T> {
        var index: [String: Int] = [:]
        var values: [T] = []

        /// Inserts; returns true when it replaced an existing entry.
        mutating func put(_ id: String, _ value: T) -> Bool {
            if let i = index[id] {
                values[i] = value
                return true
            }
            index[id] = values.count
            values.append(value)
            return false
        }
    }

    static func decode(_ file: InputFile, into parts: inout Parts, overlay: Bool, limits: CatalogLimits) -> [Diagnostic] {
        guard file.bytes.count <= limits.maxFileBytes else {
            return [Diagnostic(.error, "catalog.too-large", ByteLimit.message(size: file.bytes.count, limit: limits.maxFileBytes), at: SourceLocation(file: file.name))]
        }
        let document: JSONDocument
        do {
            document = try JSONReader.read(file.bytes, limits: JSONLimits(maxDepth: limits.maxDepth, maxStringBytes: limits.maxStringBytes, maxValues: limits.maxValues))
        } catch {
            return [Diagnostic(.error, "catalog.syntax", error.message, at: SourceLocation(file: file.name, line: error.line, column: error.column))]
        }
        var reader = FileReader(ctx: DecodeContext(document: document, file: file.name, schema: CatalogSchema.spec, compiled: CatalogSchema.compiled,
                                                   codePrefix: "catalog"), overlay: overlay)
        reader.read(into: &parts)
        return reader.ctx.diagnostics
    }

    /// Reads the entities of one catalog file into `Parts`, one function per entity type.
    struct FileReader {
        var ctx: DecodeContext
        let overlay: Bool

        /// Reads every section of the file.
        mutating func read(into parts: inout Parts) {
            guard let top = ctx.object(ctx.document.root, path: "", spec: "file") else { return }
            if let m = top.value("manifest", &ctx), let r = ctx.object(m, path: "manifest", spec: "manifest") { parts.manifest = manifest(r) }
            for (o, path) in objects(top, "layers", "layer") {
                guard let id = o.string("id", &ctx) else { continue }
                place(&parts.layers, &parts.origins, "layer", id, Layer(id: id, name: o.string("name", &ctx) ?? id, order: integer(o, "order", 0)), o, path)
            }
            readKindsAndCapabilities(top, &parts)
            for (o, path) in objects(top, "tactics", "tactic") {
                guard let id = o.string("id", &ctx) else { continue }
                place(&parts.tactics, &parts.origins, "tactic", id, Tactic(id: id, name: o.string("name", &ctx) ?? id, order: integer(o, "order", 0), url: url(o, path)), o, path)
            }
            for (o, path) in objects(top, "threats", "threat") {
                if let (id, t) = threat(o, path) { place(&parts.threats, &parts.origins, "threat", id, t, o, path) }
            }
            readMitigationsAndCaseStudies(top, &parts)
            for (o, path) in objects(top, "controls", "control") {
                if let (id, c) = control(o) { place(&parts.controls, &parts.origins, "control", id, c, o, path) }
            }
        }

        /// The objects of the array `field` that pass their spec, with their paths.
        mutating func objects(_ top: ObjectReader, _ field: String, _ spec: String) -> [(ObjectReader, String)] {
            guard let node = top.value(field, &ctx), let elements = ctx.document.elements(node) else { return [] }
            var result: [(ObjectReader, String)] = []
            for (i, v) in elements.enumerated() {
                let path = top.path.isEmpty ? "\(field)[\(i)]" : "\(top.path).\(field)[\(i)]"
                if let o = ctx.object(v, path: path, spec: spec) { result.append((o, path)) }
            }
            return result
        }

        /// Stores an entity; a later one with the same id replaces it (a note in an overlay, an error in the built-in catalog).
        mutating func place<T>(_ keyed: inout Keyed<T>, _ origins: inout [String: SourceLocation], _ type: String, _ id: String, _ value: T, _ o: ObjectReader, _ path: String) {
            let location = ctx.location(o.node, path)
            let key = "\(type):\(id)"
            if keyed.put(id, value) {
                if overlay {
                    ctx.diagnostics.append(Diagnostic(.note, "catalog.replaced", "\(type) '\(id)' replaces the definition in \(origins[key]?.file ?? "the catalog")", at: location))
                } else {
                    ctx.report(.error, "duplicate-id", "duplicate \(type) id '\(id)' (also in \(origins[key]?.file ?? "another file"))", at: o.node, path: path)
                }
            }
            origins[key] = location
        }

        mutating func readKindsAndCapabilities(_ top: ObjectReader, _ parts: inout Parts) {
            for (o, path) in objects(top, "assetKinds", "assetKind") {
                guard let id = o.string("id", &ctx) else { continue }
                let kind = AssetKind(id: id, name: o.string("name", &ctx) ?? id, summary: o.string("summary", &ctx) ?? "",
                                     layer: o.string("layer", &ctx) ?? "application", services: o.stringLists("services", &ctx), aliases: o.strings("aliases", &ctx))
                place(&parts.kinds, &parts.origins, "asset kind", id, kind, o, path)
            }
            for (o, path) in objects(top, "capabilities", "capability") {
                guard let id = o.string("id", &ctx) else { continue }
                place(&parts.capabilities, &parts.origins, "capability", id, Capability(id: id, name: o.string("name", &ctx) ?? id, summary: o.string("summary", &ctx) ?? ""), o, path)
            }
        }

        mutating func readMitigationsAndCaseStudies(_ top: ObjectReader, _ parts: inout Parts) {
            for (o, path) in objects(top, "mitigations", "mitigation") {
                guard let id = o.string("id", &ctx) else { continue }
                let m = Mitigation(id: id, name: o.string("name", &ctx) ?? id, summary: o.string("summary", &ctx) ?? "", addresses: o.strings("addresses", &ctx), url: url(o, path))
                place(&parts.mitigations, &parts.origins, "mitigation", id, m, o, path)
            }
            for (o, path) in objects(top, "caseStudies", "caseStudy") {
                guard let id = o.string("id", &ctx) else { continue }
                let c = CaseStudy(id: id, name: o.string("name", &ctx) ?? id, techniques: o.strings("techniques", &ctx), url: url(o, path))
                place(&parts.caseStudies, &parts.origins, "case study", id, c, o, path)
            }
        }

        mutating func manifest(_ r: ObjectReader) -> CatalogManifest {
            var sources: [CatalogSource] = []
            for (o, path) in objects(r, "sources", "source") {
                sources.append(CatalogSource(id: o.string("id", &ctx) ?? "", name: o.string("name", &ctx) ?? "", version: o.string("version", &ctx) ?? "",
                                             date: o.string("date", &ctx) ?? "", licence: o.string("licence", &ctx) ?? "", url: url(o, path),
                                             status: o.string("status", &ctx), note: o.string("note", &ctx)))
            }
            return CatalogManifest(version: r.string("version", &ctx) ?? "unknown", name: r.string("name", &ctx) ?? "ThreatGraph catalog", sources: sources)
        }

        mutating func threat(_ o: ObjectReader, _ path: String) -> (String, Threat)? {
            guard let id = o.string("id", &ctx) else { return nil }
            var threat = Threat(id: id, name: o.string("name", &ctx) ?? id, framework: o.string("framework", &ctx) ?? "",
                                summary: o.string("summary", &ctx) ?? "", tactics: o.strings("tactics", &ctx), parent: o.string("parent", &ctx),
                                severity: Severity(rawValue: o.string("severity", &ctx) ?? "") ?? .medium,
                                likelihood: o.number("likelihood", &ctx) ?? 0, appliesTo: o.strings("appliesTo", &ctx),
                                related: o.strings("related", &ctx), url: url(o, path), basis: basis(o))
            threat.requires = o.strings("requires", &ctx)
            threat.vector = o.string("vector", &ctx).flatMap(Threat.Vector.init(rawValue:))
            threat.equivalent = o.strings("equivalent", &ctx)
            return (id, threat)
        }

        /// The basis of a threat's authored fields; `related:ID` and `equivalent:ID` for links.
        mutating func basis(_ o: ObjectReader) -> [String: String] {
            var basis: [String: String] = [:]
            guard let b = o.value("basis", &ctx), let br = ctx.object(b, path: o.path("basis"), spec: "basis") else { return basis }
            for key in CatalogSchema.basisFields { if let s = br.string(key, &ctx) { basis[key] = s } }
            for links in ["related", "equivalent"] {
                guard let node = br.value(links, &ctx), let members = ctx.document.members(node) else { continue }
                for m in members { if let s = ctx.document.string(m.value) { basis["\(links):\(ctx.document.string(m.key) ?? "")"] = s } }
            }
            return basis
        }

        mutating func control(_ o: ObjectReader) -> (String, Control)? {
            guard let id = o.string("id", &ctx) else { return nil }
            var control = Control(id: id, name: o.string("name", &ctx) ?? id, layer: o.string("layer", &ctx) ?? "",
                                  kind: Control.Kind(rawValue: o.string("kind", &ctx) ?? "") ?? .preventive,
                                  scope: Control.Scope(rawValue: o.string("scope", &ctx) ?? "") ?? .asset,
                                  summary: o.string("summary", &ctx) ?? "", mitigates: o.strings("mitigates", &ctx),
                                  deployOn: o.strings("deployOn", &ctx), effectiveness: o.number("effectiveness", &ctx) ?? 0,
                                  cost: integer(o, "cost", 1), implementations: o.stringLists("implementations", &ctx),
                                  atlasMitigations: o.strings("atlasMitigations", &ctx))
            control.excludes = o.strings("excludes", &ctx)
            control.gate = o.string("gate", &ctx).flatMap(Trust.init(rawValue:))
            control.unfitServices = o.strings("unfitServices", &ctx)
            if let b = o.value("basis", &ctx), let members = ctx.document.members(b) {
                for m in members { if let key = ctx.document.string(m.key), let text = ctx.document.string(m.value) { control.basis[key] = text } }
            }
            return (id, control)
        }

        mutating func integer(_ o: ObjectReader, _ field: String, _ fallback: Int) -> Int {
            Int(exactly: o.number(field, &ctx) ?? Double(fallback)) ?? fallback
        }

        /// A link; anything but an `https:` or `http:` URL is an error.
        mutating func url(_ o: ObjectReader, _ path: String) -> String? {
            guard let node = o.value("url", &ctx), let text = ctx.document.string(node) else { return nil }
            guard CatalogSchema.isWebURL(text) else {
                ctx.report(.error, "url", "'\(Identifier.shorten(text))' is not an https: or http: URL", at: node, path: JSONPath.member(path, "url"))
                return nil
            }
            return text
        }
    }
}
