import ThreatGraph

/// What a diagram shows: the sub-view filters and size limits shared by the DOT views.
public struct DiagramOptions: Sendable, Hashable {
    /// Only this boundary and the boundaries nested in it (nil: everything).
    public var boundary: String?
    /// Only assets whose kind is on this layer (nil: every layer).
    public var layer: String?
    /// The threats view: only this asset (nil: every selected asset).
    public var asset: String?
    /// Above this many flows, edge labels are left out so that Graphviz stays fast.
    public var maxLabelledFlows: Int
    /// How many attack paths the paths view draws.
    public var topPaths: Int
    /// Above this many selected assets, the dataflow and paths views draw boundaries as nodes (Graphviz lays out the
    /// full view of a generated 500-asset estate in half a second, of a 1,000-asset one in 16 s).
    public var maxAssets: Int
    /// Above this many selected assets, the threats view lists the top threats instead of drawing every finding
    /// (Graphviz took 42 s on the full view of a generated 200-asset estate).
    public var maxThreatAssets: Int

    /// Creates options; the defaults show everything a diagram can hold.
    public init(boundary: String? = nil, layer: String? = nil, asset: String? = nil, maxLabelledFlows: Int = 150, topPaths: Int = 5,
                maxAssets: Int = 500, maxThreatAssets: Int = 50) {
        self.boundary = boundary
        self.layer = layer
        self.asset = asset
        self.maxLabelledFlows = maxLabelledFlows
        self.topPaths = topPaths
        self.maxAssets = maxAssets
        self.maxThreatAssets = maxThreatAssets
    }
}

/// Shapes, colours and selections shared by the DOT views.
enum DiagramStyle {
    /// Graphviz shape and an extra style for an asset kind, by family.
    static func shape(kind: String) -> (shape: String, style: String?, family: String) {
        switch kind {
        case "object-storage", "nosql-database", "relational-database", "vector-store", "knowledge-base", "training-data",
             "feature-store", "memory-store", "model-artifact", "model-registry", "container-registry":
            ("cylinder", nil, "data store")
        case "llm-endpoint", "custom-model-endpoint":
            ("hexagon", nil, "model")
        case "third-party-model":
            ("hexagon", "dashed", "model")
        case "agent", "agent-tool":
            ("component", nil, "agent")
        case "web-frontend", "api-gateway":
            ("tab", nil, "front door")
        case "identity-provider", "secrets-store", "monitoring":
            ("octagon", nil, "security service")
        case "external-api":
            ("box3d", nil, "external")
        case "message-queue":
            ("cds", nil, "queue")
        default:
            ("box", "rounded", "compute")
        }
    }

    /// The legend's shape lines.
    static let shapeLegend: [(String, String)] = [
        ("house", "actor"), ("tab", "front door (web, API gateway)"), ("box", "compute, pipeline, notebook"),
        ("hexagon", "model (dashed: third party)"), ("component", "agent or agent tool"),
        ("cylinder", "data store, registry"), ("octagon", "identity, secrets, monitoring"),
        ("box3d", "external API"), ("cds", "message queue"), ("double border", "crown jewel ★"),
    ]

    /// Fill and font colour for the worst open risk level (nil: nothing open). Luminance falls with the level,
    /// so the scale also reads in grey-scale print (ColorBrewer OrRd).
    static func fill(_ level: Severity?) -> (fill: String, font: String) {
        switch level {
        case nil: ("#ffffff", "#000000")
        case .low: ("#fee8c8", "#000000")
        case .medium: ("#fdbb84", "#000000")
        case .high: ("#e34a33", "#000000")
        case .critical: ("#7f0000", "#ffffff")
        }
    }

    /// Fill and font colour of a closed finding status (open ones take their risk level's colour, so colour always
    /// means risk): white when covered, greys for accepted and not applicable.
    static func fill(_ status: FindingStatus) -> (fill: String, font: String) {
        switch status {
        case .gap, .partial, .covered: ("#ffffff", "#000000")
        case .accepted: ("#d9d9d9", "#000000")
        case .notApplicable: ("#f7f7f7", "#555555")
        }
    }

    /// Edge colour and style of a finding status: greys and line styles, leaving colour to risk.
    static func edge(_ status: FindingStatus) -> (color: String, style: String) {
        switch status {
        case .gap: ("#000000", "bold")
        case .partial: ("#404040", "dashed")
        case .accepted: ("#737373", "dotted")
        case .covered: ("#969696", "solid")
        case .notApplicable: ("#bdbdbd", "dotted")
        }
    }

    /// How bad a status is, for picking the worst.
    static func badness(_ s: FindingStatus) -> Int {
        switch s {
        case .notApplicable: 0
        case .covered: 1
        case .accepted: 2
        case .partial: 3
        case .gap: 4
        }
    }

    /// The worst status among `counts` by `badness` (nil: no finding counted).
    static func worst(_ counts: StatusCounts, includingNotApplicable: Bool) -> FindingStatus? {
        let present = FindingStatus.allCases.filter { counts[$0] > 0 && (includingNotApplicable || $0 != .notApplicable) }
        return present.max { badness($0) < badness($1) }
    }

    /// Asset indices selected by the boundary and layer filters, in model order.
    static func selectedAssets(_ a: Analysis, _ o: DiagramOptions, tree: BoundaryTree) -> [Int] {
        // An unknown boundary selects nothing.
        let root: Int?? = o.boundary.map { tree.boundary($0) }
        return a.workload.assets.indices.filter { i in
            if let root, !(root.map { tree.contains(asset: i, in: $0) } ?? false) { return false }
            if let l = o.layer, (a.catalog.kind(a.workload.assets[i].kind)?.layer ?? "application") != l { return false }
            return true
        }
    }

    /// A short description of the active filters, for a graph's title.
    static func filterNote(_ a: Analysis, _ o: DiagramOptions, tree: BoundaryTree) -> String? {
        var parts: [String] = []
        if let b = o.boundary { parts.append("boundary \(tree.boundary(b).map { a.workload.boundaries[$0].name } ?? b)") }
        if let l = o.layer { parts.append("layer \(a.catalog.layer(l)?.name ?? l)") }
        return parts.isEmpty ? nil : "only " + parts.joined(separator: ", ")
    }
}

extension DiagramStyle {
    /// A flow label wrapped to lines of about `width` characters, at most `lines` of them (the last cut with "…"):
    /// long labels between ranks are what makes a left-to-right data-flow view wide.
    static func wrapped(_ text: String, width: Int = 16, lines: Int = 3) -> [String] {
        var out: [String] = [], line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !line.isEmpty && line.count + 1 + word.count > width {
                out.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { out.append(line) }
        guard out.count > lines else { return out }
        return Array(out.prefix(lines - 1)) + [String(out[lines - 1].prefix(width - 1)) + "…"]
    }

    /// `LR`, or `TB` when the flows form a long chain: more than 1.4 layers of the longest route (back edges of a
    /// depth-first walk ignored) per node of the widest layer, where a left-to-right drawing would be several times
    /// wider than tall. Models above `limit` nodes stay `LR`.
    /// - Complexity: O(n + e).
    static func direction(_ a: Analysis, limit: Int = 2_000) -> String {
        let g = a.graph
        guard g.nodeCount <= limit else { return "LR" }
        // Iterative depth-first postorder from the actors, then longest-path layers in reverse postorder.
        var state = [UInt8](repeating: 0, count: g.nodeCount), order: [Int] = []
        for root in 1..<g.nodeCount where state[root] == 0 {
            var stack: [(node: Int, next: Int)] = [(root, g.forward.edges(of: root).lowerBound)]
            state[root] = 1
            while let top = stack.last {
                let range = g.forward.edges(of: top.node)
                if top.next < range.upperBound {
                    stack[stack.count - 1].next += 1
                    let v = Int(g.forward.targets[top.next])
                    if state[v] == 0 { state[v] = 1; stack.append((v, g.forward.edges(of: v).lowerBound)) }
                } else {
                    state[top.node] = 2
                    order.append(top.node)
                    stack.removeLast()
                }
            }
        }
        var position = [Int](repeating: 0, count: g.nodeCount), layer = [Int](repeating: 0, count: g.nodeCount)
        for (i, n) in order.reversed().enumerated() { position[n] = i }
        for u in order.reversed() {
            for e in g.forward.edges(of: u) {
                let v = Int(g.forward.targets[e])
                if position[v] > position[u] { layer[v] = max(layer[v], layer[u] + 1) }
            }
        }
        var width: [Int: Int] = [:]
        for n in order { width[layer[n], default: 0] += 1 }
        let layers = (width.keys.max() ?? 0) + 1, widest = width.values.max() ?? 1
        return Double(layers) > 1.4 * Double(widest) ? "TB" : "LR"
    }
}
