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
            + parts.caseStudies.values.count
        if others > limits.maxOtherEntries {
            diagnostics.append(Diagnostic(.error, "catalog.too-many",
                                          "the catalog has \(others) layers, asset kinds, tactics, mitigations and case studies; the limit is \(limits.maxOtherEntries)", at: files))
        }
        guard !diagnostics.hasErrors else { return (nil, diagnostics) }
        let manifest = parts.manifest ?? CatalogManifest(version: "unknown", name: "ThreatGraph catalog", sources: [])
        let catalog = Catalog(manifest: manifest, layers: parts.layers.values, assetKinds: parts.kinds.values, tactics: parts.tactics.values,
                              threats: parts.threats.values, mitigations: parts.mitigations.values, caseStudies: parts.caseStudies.values,
                              controls: parts.controls.values, origins: parts.origins)
        return (catalog, diagnostics)
    }

    /// Entities collected so far, keyed by id in first-seen order.
    struct Parts {
        var manifest: CatalogManifest?
        var layers = Keyed<Layer>()
        var kinds = Keyed<AssetKind>()
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
        var ctx = DecodeContext(document: document, file: file.name, schema: CatalogSchema.spec, compiled: CatalogSchema.compiled, codePrefix: "catalog")
        guard let top = ctx.object(document.root, path: "", spec: "file") else { return ctx.diagnostics }
        func array(_ node: JSONNode?) -> [JSONNode] { node.flatMap { document.elements($0).map(Array.init) } ?? [] }

        func place<T>(_ keyed: inout Keyed<T>, _ type: String, _ id: String, _ value: T, _ at: JSONNode, _ path: String) {
            let location = ctx.location(at, path)
            let replaced = keyed.put(id, value)
            if replaced {
                if overlay {
                    ctx.diagnostics.append(Diagnostic(.note, "catalog.replaced", "\(type) '\(id)' replaces the definition in \(parts.origins["\(type):\(id)"]?.file ?? "the catalog")", at: location))
                } else {
                    ctx.report(.error, "duplicate-id", "duplicate \(type) id '\(id)' (also in \(parts.origins["\(type):\(id)"]?.file ?? "another file"))", at: at, path: path)
                }
            }
            parts.origins["\(type):\(id)"] = location
        }

        if let m = top.value("manifest", &ctx), let r = ctx.object(m, path: "manifest", spec: "manifest") {
            var sources: [CatalogSource] = []
            for (i, s) in array(r.value("sources", &ctx)).enumerated() {
                guard let o = ctx.object(s, path: "manifest.sources[\(i)]", spec: "source") else { continue }
                sources.append(CatalogSource(id: o.string("id", &ctx) ?? "", name: o.string("name", &ctx) ?? "", version: o.string("version", &ctx) ?? "",
                                             date: o.string("date", &ctx) ?? "", licence: o.string("licence", &ctx) ?? "", url: o.string("url", &ctx),
                                             status: o.string("status", &ctx), note: o.string("note", &ctx)))
            }
            parts.manifest = CatalogManifest(version: r.string("version", &ctx) ?? "unknown", name: r.string("name", &ctx) ?? "ThreatGraph catalog", sources: sources)
        }
        for (i, v) in array(top.value("layers", &ctx)).enumerated() {
            let path = "layers[\(i)]"
            guard let o = ctx.object(v, path: path, spec: "layer"), let id = o.string("id", &ctx) else { continue }
            place(&parts.layers, "layer", id, Layer(id: id, name: o.string("name", &ctx) ?? id, order: Int(exactly: o.number("order", &ctx) ?? 0) ?? 0), v, path)
        }
        for (i, v) in array(top.value("assetKinds", &ctx)).enumerated() {
            let path = "assetKinds[\(i)]"
            guard let o = ctx.object(v, path: path, spec: "assetKind"), let id = o.string("id", &ctx) else { continue }
            let kind = AssetKind(id: id, name: o.string("name", &ctx) ?? id, summary: o.string("summary", &ctx) ?? "",
                                 layer: o.string("layer", &ctx) ?? "application", services: o.stringLists("services", &ctx))
            place(&parts.kinds, "asset kind", id, kind, v, path)
        }
        for (i, v) in array(top.value("tactics", &ctx)).enumerated() {
            let path = "tactics[\(i)]"
            guard let o = ctx.object(v, path: path, spec: "tactic"), let id = o.string("id", &ctx) else { continue }
            place(&parts.tactics, "tactic", id, Tactic(id: id, name: o.string("name", &ctx) ?? id, order: Int(exactly: o.number("order", &ctx) ?? 0) ?? 0,
                                                      url: o.string("url", &ctx)), v, path)
        }
        for (i, v) in array(top.value("threats", &ctx)).enumerated() {
            let path = "threats[\(i)]"
            guard let o = ctx.object(v, path: path, spec: "threat"), let id = o.string("id", &ctx) else { continue }
            var basis: [String: String] = [:]
            if let b = o.value("basis", &ctx), let br = ctx.object(b, path: o.path("basis"), spec: "basis") {
                for key in ["appliesTo", "severity", "likelihood"] { if let s = br.string(key, &ctx) { basis[key] = s } }
                if let related = br.value("related", &ctx), let members = document.members(related) {
                    for m in members { if let s = document.string(m.value) { basis["related:\(document.string(m.key) ?? "")"] = s } }
                }
            }
            let threat = Threat(id: id, name: o.string("name", &ctx) ?? id, framework: o.string("framework", &ctx) ?? "",
                                summary: o.string("summary", &ctx) ?? "", tactics: o.strings("tactics", &ctx), parent: o.string("parent", &ctx),
                                severity: Severity(rawValue: o.string("severity", &ctx) ?? "") ?? .medium,
                                likelihood: o.number("likelihood", &ctx) ?? 0, appliesTo: o.strings("appliesTo", &ctx),
                                related: o.strings("related", &ctx), url: o.string("url", &ctx), basis: basis)
            place(&parts.threats, "threat", id, threat, v, path)
        }
        for (i, v) in array(top.value("mitigations", &ctx)).enumerated() {
            let path = "mitigations[\(i)]"
            guard let o = ctx.object(v, path: path, spec: "mitigation"), let id = o.string("id", &ctx) else { continue }
            place(&parts.mitigations, "mitigation", id, Mitigation(id: id, name: o.string("name", &ctx) ?? id, summary: o.string("summary", &ctx) ?? "",
                                                                  addresses: o.strings("addresses", &ctx), url: o.string("url", &ctx)), v, path)
        }
        for (i, v) in array(top.value("caseStudies", &ctx)).enumerated() {
            let path = "caseStudies[\(i)]"
            guard let o = ctx.object(v, path: path, spec: "caseStudy"), let id = o.string("id", &ctx) else { continue }
            place(&parts.caseStudies, "case study", id, CaseStudy(id: id, name: o.string("name", &ctx) ?? id, techniques: o.strings("techniques", &ctx),
                                                                 url: o.string("url", &ctx)), v, path)
        }
        for (i, v) in array(top.value("controls", &ctx)).enumerated() {
            let path = "controls[\(i)]"
            guard let o = ctx.object(v, path: path, spec: "control"), let id = o.string("id", &ctx) else { continue }
            let control = Control(id: id, name: o.string("name", &ctx) ?? id, layer: o.string("layer", &ctx) ?? "",
                                  kind: Control.Kind(rawValue: o.string("kind", &ctx) ?? "") ?? .preventive,
                                  scope: Control.Scope(rawValue: o.string("scope", &ctx) ?? "") ?? .asset,
                                  summary: o.string("summary", &ctx) ?? "", mitigates: o.strings("mitigates", &ctx),
                                  deployOn: o.strings("deployOn", &ctx), effectiveness: o.number("effectiveness", &ctx) ?? 0,
                                  cost: Int(exactly: o.number("cost", &ctx) ?? 1) ?? 1, implementations: o.stringLists("implementations", &ctx),
                                  atlasMitigations: o.strings("atlasMitigations", &ctx))
            place(&parts.controls, "control", id, control, v, path)
        }
        return ctx.diagnostics
    }
}
