import ThreatGraph

/// The `dataflow` view as Graphviz DOT: actors and assets, trust boundaries as nested clusters, flows labelled with
/// their data, assets filled by their worst open finding, crown jewels marked, and a legend.
public enum DataflowDOT {
    /// Renders the view.
    public static func render(_ a: Analysis, options: DiagramOptions = DiagramOptions()) -> String {
        render(a, options: options, body: body(a, options: options))
    }

    /// Renders the view around a body already drawn with the same options (the paths view shares it).
    static func render(_ a: Analysis, options: DiagramOptions, body: Body) -> String {
        document(a, options: options, title: "data flow", notes: [], body: body, overlay: { _ in [] })
    }

    /// What the dataflow and paths views have in common: the actors, boundary clusters, assets and flows drawn, and
    /// the DOT node id of each model id drawn.
    struct Body: Sendable {
        /// The statements, one per line, indented.
        let text: String
        /// DOT node ids by model id.
        let ids: [String: String]
        /// Flows drawn.
        let flowCount: Int
        /// Whether flows carry labels (not when there are too many).
        let labelled: Bool
    }

    /// The dataflow document around `body`; `overlay` receives a map from model ids to DOT node ids of the nodes drawn
    /// and returns extra statements (the paths view draws its paths there).
    static func document(_ a: Analysis, options o: DiagramOptions, title: String, notes: [String], body: Body,
                         overlay: ([String: String]) -> [String]) -> String {
        let w = a.workload
        var out = "digraph threatgraph {\n"
        var heading = ["\(w.name) — \(title)", "as of \(a.options.asOf) · catalog \(a.catalog.manifest.version)"]
        if let f = DiagramStyle.filterNote(a, o) { heading.append(f) }
        if !body.labelled { heading.append("\(body.flowCount) flows: edge labels left out") }
        heading += notes
        out += "  graph [rankdir=LR, newrank=true, compound=true, fontname=\"Helvetica\", fontsize=12, labelloc=t, labeljust=l, nodesep=0.35, ranksep=0.7, label=\(DOTEscaping.label(heading, max: 96))];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=\"#ffffff\", margin=\"0.12,0.06\"];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#525252\", arrowsize=0.7];\n"
        out += body.text
        for line in overlay(body.ids) { out += "  \(line)\n" }
        out += legend()
        return out + "}\n"
    }

    /// Draws the body of the view: the selected assets with their boundaries, the actors and context assets their
    /// flows touch, and those flows.
    static func body(_ a: Analysis, options o: DiagramOptions) -> Body {
        let w = a.workload
        let selected = DiagramStyle.selectedAssets(a, o)
        let filtered = o.boundary != nil || o.layer != nil
        // Actors and assets by id through the movement graph's node index (actors first, then assets).
        let g = a.graph
        var isSelected = [Bool](repeating: false, count: w.assets.count)
        for i in selected { isSelected[i] = true }

        // Flows drawn: both ends known, at least one end selected (or an actor, when nothing is filtered).
        var flows: [Int] = []
        var context: Set<Int> = []
        var actorUsed = [Bool](repeating: !filtered, count: w.actors.count)
        for i in w.flows.indices {
            guard g.flowFrom[i] >= 0 && g.flowTo[i] >= 0 else { continue }
            let from = Int(g.flowFrom[i]), to = Int(g.flowTo[i])
            let fromAsset = g.assetIndex(ofNode: from), toAsset = g.assetIndex(ofNode: to)
            let touches = fromAsset.map { isSelected[$0] } == true || toAsset.map { isSelected[$0] } == true
            guard touches || (!filtered && (fromAsset == nil || toAsset == nil)) else { continue }
            flows.append(i)
            for node in [from, to] {
                if let ai = g.assetIndex(ofNode: node) {
                    if !isSelected[ai] { context.insert(ai) }
                } else if let actor = g.actorIndex(ofNode: node) {
                    actorUsed[actor] = true
                }
            }
        }
        let labelled = flows.count <= o.maxLabelledFlows
        let (worst, open) = DiagramStyle.worstOpen(a)

        var out = ""
        var ids: [String: String] = [:]
        for (i, actor) in w.actors.enumerated() where actorUsed[i] {
            let id = DOTEscaping.id("actor", actor.id)
            ids[actor.id] = id
            out += "  \(id) [label=\(DOTEscaping.label([actor.name, "actor · \(actor.trust.rawValue)"])), shape=house, fillcolor=\"#f0f0f0\"];\n"
        }

        // Boundary clusters, nested by parent, holding the selected assets.
        let boundaryIDs = Set(w.boundaries.map(\.id))
        var assetsIn: [String: [Int]] = [:]
        var loose: [Int] = []
        for i in selected {
            if let b = w.assets[i].boundary, boundaryIDs.contains(b) { assetsIn[b, default: []].append(i) } else { loose.append(i) }
        }
        var children: [String: [Int]] = [:]
        var roots: [Int] = []
        for (i, b) in w.boundaries.enumerated() {
            if let p = b.parent, boundaryIDs.contains(p), p != b.id { children[p, default: []].append(i) } else { roots.append(i) }
        }
        var nonEmpty: [String: Bool] = [:]
        func hasAssets(_ b: Int, depth: Int) -> Bool {
            let id = w.boundaries[b].id
            if let known = nonEmpty[id] { return known }
            guard depth <= w.boundaries.count else { return false }
            let result = !(assetsIn[id] ?? []).isEmpty || (children[id] ?? []).contains { hasAssets($0, depth: depth + 1) }
            nonEmpty[id] = result
            return result
        }
        func assetNode(_ i: Int, indent: String) -> String {
            let asset = w.assets[i]
            let id = DOTEscaping.id("asset", asset.id)
            ids[asset.id] = id
            let kindName = a.catalog.kind(asset.kind)?.name ?? asset.kind
            var lines = [asset.name, asset.service.map { "\(kindName) · \($0)" } ?? kindName]
            if asset.crownJewel { lines.append("★ crown jewel") }
            lines.append(worst[i].map { "worst open: \($0.rawValue) (\(open[i]) open)" } ?? "nothing open")
            let (shape, extra, _) = DiagramStyle.shape(kind: asset.kind)
            let (fill, font) = DiagramStyle.fill(worst[i])
            let style = ["filled", extra].compactMap { $0 }.joined(separator: ",")
            var attrs = "label=\(DOTEscaping.label(lines)), shape=\(shape), style=\"\(style)\", fillcolor=\"\(fill)\", fontcolor=\"\(font)\""
            if asset.isTarget { attrs += ", peripheries=2, penwidth=1.6" }
            return "\(indent)\(id) [\(attrs)];\n"
        }
        func cluster(_ b: Int, depth: Int, into s: inout String) {
            let boundary = w.boundaries[b]
            guard depth <= w.boundaries.count, hasAssets(b, depth: 0) else { return }
            let indent = String(repeating: "  ", count: depth + 1)
            let implemented = boundary.controls.filter { $0.status == .implemented }.count
            let planned = boundary.controls.filter { $0.status == .planned }.count
            var lines = [boundary.name]
            if implemented + planned > 0 { lines.append("boundary controls: \(implemented) implemented, \(planned) planned") }
            s += "\(indent)subgraph \(DOTEscaping.id("cluster", boundary.id)) {\n"
            s += "\(indent)  label=\(DOTEscaping.label(lines, max: 64)); style=\"rounded,dashed\"; color=\"#737373\"; fontsize=10;\n"
            for i in assetsIn[boundary.id] ?? [] { s += assetNode(i, indent: indent + "  ") }
            for c in children[boundary.id] ?? [] { cluster(c, depth: depth + 1, into: &s) }
            s += "\(indent)}\n"
        }
        for r in roots { cluster(r, depth: 0, into: &out) }
        for i in loose { out += assetNode(i, indent: "  ") }
        for i in context.sorted() {
            let asset = w.assets[i]
            let id = DOTEscaping.id("asset", asset.id)
            ids[asset.id] = id
            out += "  \(id) [label=\(DOTEscaping.label([asset.name, "outside this view"])), shape=\(DiagramStyle.shape(kind: asset.kind).shape), style=\"dashed\", color=\"#969696\", fontcolor=\"#525252\"];\n"
        }

        for i in flows {
            let f = w.flows[i]
            guard let from = ids[f.from], let to = ids[f.to] else { continue }
            var attrs: [String] = []
            if labelled, let data = f.data ?? f.protocol {
                attrs.append("label=\(DOTEscaping.label([data], max: 32))")
            }
            if f.bidirectional { attrs.append("dir=both") }
            if let s = f.sensitivity, s >= .confidential { attrs.append("penwidth=1.6") }
            out += "  \(from) -> \(to)\(attrs.isEmpty ? "" : " [\(attrs.joined(separator: ", "))]");\n"
        }
        return Body(text: out, ids: ids, flowCount: flows.count, labelled: labelled)
    }

    /// The legend node: the fill scale and the shapes.
    static func legend() -> String {
        var rows = "<TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>"
        rows += "<TR><TD COLSPAN=\"2\">fill: worst open finding on the asset</TD></TR>"
        for level in [Severity?.none, .low, .medium, .high, .critical] {
            let (fill, font) = DiagramStyle.fill(level)
            rows += "<TR><TD BGCOLOR=\"\(fill)\"><FONT COLOR=\"\(font)\">\(level?.rawValue ?? "none open")</FONT></TD><TD ALIGN=\"LEFT\">\(level == nil ? "covered, accepted or n/a" : "risk level")</TD></TR>"
        }
        for (shape, meaning) in DiagramStyle.shapeLegend {
            rows += "<TR><TD>\(DOTEscaping.html(shape))</TD><TD ALIGN=\"LEFT\">\(DOTEscaping.html(meaning))</TD></TR>"
        }
        rows += "<TR><TD>bold edge</TD><TD ALIGN=\"LEFT\">confidential or restricted data</TD></TR>"
        return "  legend [shape=plaintext, style=solid, fontsize=9, label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\">\(rows)</TABLE>>];\n"
    }
}
