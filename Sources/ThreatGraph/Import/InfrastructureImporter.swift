/// What an import read and did: resources read, mapped to assets, used as evidence, and skipped, by type.
public struct ImportSummary: Sendable {
    /// Resources read.
    public var read = 0
    /// Resources that became assets.
    public var mapped = 0
    /// Resources used as evidence for a boundary, flow or control.
    public var supporting = 0
    /// Skipped resources, by type, sorted by type.
    public var skippedByType: [(type: String, count: Int)] = []
    /// Mapped resources, by type, sorted by type.
    public var mappedByType: [(type: String, count: Int)] = []

    /// The summary as lines for standard error.
    public var text: String {
        var lines = ["read \(read) resources: \(mapped) mapped to assets, \(supporting) used as evidence, \(read - mapped - supporting) skipped"]
        if !mappedByType.isEmpty { lines.append("  mapped: " + mappedByType.map { "\($0.type) \($0.count)" }.joined(separator: ", ")) }
        if !skippedByType.isEmpty { lines.append("  skipped: " + skippedByType.map { "\($0.type) \($0.count)" }.joined(separator: ", ")) }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// The model built from infrastructure, with the link from each asset to its resources.
public struct ImportResult: Sendable {
    /// The workload: actors (inferred), boundaries, assets, flows, each with its evidence in `source`.
    public var workload: Workload
    /// What was read and used.
    public var summary: ImportSummary
    /// Warnings met while reading.
    public var diagnostics: [Diagnostic]
    /// Controls each asset's resource type could prove, by asset id (what drift may hold against a model).
    public var checkable: [String: Set<String>]
}

/// Builds a model from an infrastructure graph: assets, boundaries, flows, controls and inferred actors, each with
/// the evidence it came from.
public enum InfrastructureImporter {
    /// Imports a graph; `name` names the workload.
    /// - Complexity: O(r · a) for r resources and a references per resource, plus sorting.
    public static func run(_ graph: InfrastructureGraph, catalog: Catalog, name: String) -> ImportResult {
        var ctx = ImportContext(graph: graph, catalog: catalog)
        ctx.buildAssets()
        ctx.buildBoundaries()
        ctx.inferFlows()
        ctx.inferPolicyFlows()
        ctx.placeControls()
        ctx.placeSpecialControls()
        ctx.inferActors()
        return ctx.result(name: name)
    }
}

/// A model asset under construction, with the resources it stands for.
struct ImportedAsset {
    var asset: Asset
    /// The resource type it was read from (a pseudo-type for models named in an agent or knowledge base).
    var type: String
}

/// State of one import.
struct ImportContext {
    let graph: InfrastructureGraph
    let catalog: Catalog
    let referrers: [String: [String]]
    var assets: [ImportedAsset] = []
    /// Asset index by resource address.
    var assetOf: [String: Int] = [:]
    var boundaries: [Boundary] = []
    var boundaryOf: [String: Int] = [:]
    var flows: [FlowKey: Flow] = [:]
    var actors: [Actor] = []
    var used = Set<String>()
    var account = "aws-account"
    var valueIndex: [String: String] = [:]
    /// Every resource address (the names intrinsic functions may reference).
    let names: Set<String>

    /// A flow's identity while inferring: its ends.
    struct FlowKey: Hashable, Comparable {
        var from: String
        var to: String
        static func < (a: FlowKey, b: FlowKey) -> Bool { (a.from, a.to) < (b.from, b.to) }
    }

    init(graph: InfrastructureGraph, catalog: Catalog) {
        self.graph = graph
        self.catalog = catalog
        referrers = graph.referrers()
        valueIndex = ValueReferences.index(graph.resources)
        names = Set(graph.byAddress.keys)
    }

    /// Where the infrastructure file says something.
    func location(_ address: String) -> SourceLocation {
        graph[address]?.location ?? SourceLocation(file: graph.file)
    }

    /// The asset a resource belongs to: itself, the resource its parent attribute names, or the one asset that
    /// references it; followed at most four steps.
    func owner(_ address: String, depth: Int = 0) -> Int? {
        if let a = assetOf[address] { return a }
        guard depth < 4, let r = graph[address], let attribute = ResourceMapping.parentAttribute(of: r.type) else { return nil }
        if attribute.isEmpty {
            let owners = Set((referrers[address] ?? []).compactMap { assetOf[$0] })
            return owners.count == 1 ? owners.first : nil
        }
        for target in r.referenced(attribute) { if let a = owner(target, depth: depth + 1) { return a } }
        return nil
    }

    /// The addresses an attribute path names, following `a>b` chains through referenced resources.
    func follow(_ address: String, _ path: String) -> [String] {
        var current = [address]
        for step in path.split(separator: ">").map(String.init) {
            var next = Set<String>()
            for a in current { next.formUnion(graph[a]?.referenced(step) ?? []) }
            current = next.sorted()
        }
        return current
    }

    /// Adds a control reference to an asset when its kind can carry it and it is not there yet.
    mutating func addControl(_ id: String, to assetIndex: Int, note: String, source: String, at address: String) {
        guard let control = catalog.control(id), control.deployOn.contains(assets[assetIndex].asset.kind) else { return }
        guard !assets[assetIndex].asset.controls.contains(where: { $0.id == id }) else { return }
        assets[assetIndex].asset.controls.append(ControlRef(id: id, status: .implemented, note: note, location: location(address),
                                                            source: source))
    }
}

extension InfrastructureImporter {
    /// Reads an infrastructure file of a format.
    public static func read(_ format: InfrastructureFormat, _ file: InputFile, limits: ImportLimits = ImportLimits()) throws(ImportError) -> InfrastructureGraph {
        switch format {
        case .terraform: try TerraformPlan.read(file, limits: limits)
        case .cloudformation: try CloudFormationTemplate.read(file, limits: limits)
        }
    }
}
