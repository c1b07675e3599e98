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
        /// The boundary tree the body was drawn from.
        let tree: BoundaryTree
        /// What the title says about the body (how a large model was aggregated).
        var notes: [String] = []
        /// Selected assets by worst open level: none open, low, medium, high, critical.
        var levels = [Int](repeating: 0, count: 5)
    }

    /// The dataflow document around `body`; `overlay` receives a map from model ids to DOT node ids of the nodes drawn
    /// and returns extra statements (the paths view draws its paths there).
    static func document(_ a: Analysis, options o: DiagramOptions, title: String, notes: [String], body: Body,
                         overlay: ([String: String]) -> [String]) -> String {
        let w = a.workload
        var out = "digraph threatgraph {\n"
        var heading = ["\(w.name) — \(title)", "as of \(a.options.asOf) · catalog \(a.catalog.manifest.version)"]
        if let f = DiagramStyle.filterNote(a, o, tree: body.tree) { heading.append(f) }
        if !body.labelled { heading.append("\(body.flowCount) flows: edge labels left out") }
        heading += body.notes + notes
        out += "  graph [rankdir=\(body.notes.isEmpty ? DiagramStyle.direction(a) : "LR"), newrank=true, compound=true, fontname=\"Helvetica\", fontsize=12, labelloc=t, labeljust=l, nodesep=0.35, ranksep=0.7, label=\(DOTEscaping.label(heading, max: 96))];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=10, style=filled, fillcolor=\"#ffffff\", margin=\"0.12,0.06\"];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=9, color=\"#525252\", arrowsize=0.7];\n"
        out += body.text
        for line in overlay(body.ids) { out += "  \(line)\n" }
        out += legend(levels: body.levels)
        return out + "}\n"
    }

    /// Draws the body of the view: the selected assets with their boundaries, the actors and context assets their
    /// flows touch, and those flows.
    static func body(_ a: Analysis, options o: DiagramOptions) -> Body {
        body(a, options: o, summary: CoverageSummary(a), tree: BoundaryTree(a.resolved))
    }

    /// The body, from a summary and boundary tree already built; above `maxAssets` selected assets, boundaries as
    /// nodes (`BoundaryOverview`), with a node of their own for those the paths in `keep` cross.
    static func body(_ a: Analysis, options o: DiagramOptions, summary: CoverageSummary, tree: BoundaryTree, keep: [AttackPath] = []) -> Body {
        let selected = DiagramStyle.selectedAssets(a, o, tree: tree)
        var levels = [Int](repeating: 0, count: 5)
        for i in selected { levels[summary.byAsset[i].openByLevel.worst.map { $0.rank + 1 } ?? 0] += 1 }
        if selected.count > o.maxAssets {
            let overview = BoundaryOverview(a, options: o, summary: summary, tree: tree, selected: selected, keep: keep)
            return Body(text: overview.statements(), ids: overview.ids, flowCount: overview.edges.count, labelled: true, tree: tree,
                        notes: overview.notes(a, o), levels: levels)
        }
        let drawn = DrawnFlows(a, selected: selected, filtered: o.boundary != nil || o.layer != nil)
        var b = BodyWriter(analysis: a, summary: summary, tree: tree, selected: selected)
        b.actors(used: drawn.actorUsed)
        for r in tree.roots { b.cluster(r, depth: 0) }
        for i in tree.loose where b.isSelected[i] { b.out += b.assetNode(i, indent: "  ") }
        b.contextAssets(drawn.context)
        let labelled = drawn.flows.count <= o.maxLabelledFlows
        b.flows(drawn.flows, labelled: labelled)
        return Body(text: b.out, ids: b.ids, flowCount: drawn.flows.count, labelled: labelled, tree: tree, levels: levels)
    }

    /// The flows a view draws: both ends known, at least one end selected (or an actor, when nothing is filtered);
    /// the unselected assets they touch (context) and the actors they touch.
    struct DrawnFlows {
        /// Flow indices, in model order.
        var flows: [Int] = []
        /// Unselected assets at an end of a drawn flow, in index order.
        var context: [Int] = []
        /// Whether each actor is drawn.
        var actorUsed: [Bool]

        init(_ a: Analysis, selected: [Int], filtered: Bool) {
            let w = a.workload, g = a.graph
            var isSelected = [Bool](repeating: false, count: w.assets.count)
            for i in selected { isSelected[i] = true }
            var isContext = [Bool](repeating: false, count: w.assets.count)
            actorUsed = [Bool](repeating: !filtered, count: w.actors.count)
            for i in w.flows.indices {
                guard g.flowFrom[i] >= 0 && g.flowTo[i] >= 0 else { continue }
                let ends = [Int(g.flowFrom[i]), Int(g.flowTo[i])]
                let assets = ends.map { g.assetIndex(ofNode: $0) }
                let touches = assets.contains { $0.map { isSelected[$0] } == true }
                guard touches || (!filtered && assets.contains(nil)) else { continue }
                flows.append(i)
                for (node, asset) in zip(ends, assets) {
                    if let asset {
                        if !isSelected[asset] { isContext[asset] = true }
                    } else if let actor = g.actorIndex(ofNode: node) {
                        actorUsed[actor] = true
                    }
                }
            }
            context = isContext.indices.filter { isContext[$0] }
        }
    }

    /// Writes the statements of the body and records the DOT node id of each model id drawn.
    struct BodyWriter {
        let analysis: Analysis
        let summary: CoverageSummary
        let tree: BoundaryTree
        /// Whether each asset is selected.
        let isSelected: [Bool]
        /// Whether each boundary holds a selected asset, directly or in a nested boundary.
        let holdsSelected: [Bool]
        /// The statements so far.
        var out = ""
        /// DOT node ids by model id.
        var ids: [String: String] = [:]

        init(analysis: Analysis, summary: CoverageSummary, tree: BoundaryTree, selected: [Int]) {
            self.analysis = analysis
            self.summary = summary
            self.tree = tree
            var isSelected = [Bool](repeating: false, count: analysis.workload.assets.count)
            var holdsSelected = [Bool](repeating: false, count: analysis.workload.boundaries.count)
            for i in selected {
                isSelected[i] = true
                for b in tree.chain(ofAsset: i) { holdsSelected[b] = true }
            }
            self.isSelected = isSelected
            self.holdsSelected = holdsSelected
        }

        /// The actors drawn.
        mutating func actors(used: [Bool]) {
            for (i, actor) in analysis.workload.actors.enumerated() where used[i] {
                let id = DOTEscaping.id("actor", actor.id)
                ids[actor.id] = id
                out += "  \(id) [label=\(DOTEscaping.label([actor.name, "actor · \(actor.trust.rawValue)"])), shape=house, fillcolor=\"#f0f0f0\"];\n"
            }
        }

        /// A boundary cluster holding its selected assets and, nested, the clusters of its children; nothing when it
        /// holds no selected asset.
        mutating func cluster(_ b: Int, depth: Int) {
            let boundary = analysis.workload.boundaries[b]
            guard depth <= tree.parent.count, holdsSelected[b] else { return }
            let indent = String(repeating: "  ", count: depth + 1)
            let implemented = boundary.controls.filter { $0.status == .implemented }.count
            let planned = boundary.controls.filter { $0.status == .planned }.count
            var lines = [boundary.name]
            if implemented + planned > 0 { lines.append("boundary controls: \(implemented) implemented, \(planned) planned") }
            out += "\(indent)subgraph \(DOTEscaping.id("cluster", boundary.id)) {\n"
            out += "\(indent)  label=\(DOTEscaping.label(lines, max: 64)); style=\"rounded,dashed\"; color=\"#737373\"; fontsize=10;\n"
            for i in tree.assetsIn[b] where isSelected[i] { out += assetNode(i, indent: indent + "  ") }
            for c in tree.children[b] { cluster(c, depth: depth + 1) }
            out += "\(indent)}\n"
        }

        /// A selected asset's node: filled by its worst open finding, crown jewels with a double border.
        mutating func assetNode(_ i: Int, indent: String) -> String {
            let asset = analysis.workload.assets[i]
            let id = DOTEscaping.id("asset", asset.id)
            ids[asset.id] = id
            let kindName = analysis.catalog.kind(asset.kind)?.name ?? asset.kind
            let coverage = summary.byAsset[i]
            let worst = coverage.openByLevel.worst
            var lines = [asset.name, asset.service.map { "\(kindName) · \($0)" } ?? kindName]
            if asset.crownJewel { lines.append("★ crown jewel") }
            lines.append(worst.map { "worst open: \($0.rawValue) (\(coverage.statuses.open) open)" } ?? "nothing open")
            let (shape, extra, _) = DiagramStyle.shape(kind: asset.kind)
            let (fill, font) = DiagramStyle.fill(worst)
            let style = ["filled", extra].compactMap { $0 }.joined(separator: ",")
            var attrs = "label=\(DOTEscaping.label(lines)), shape=\(shape), style=\"\(style)\", fillcolor=\"\(fill)\", fontcolor=\"\(font)\""
            if asset.isTarget { attrs += ", peripheries=2, penwidth=1.6" }
            return "\(indent)\(id) [\(attrs)];\n"
        }

        /// Unselected assets a drawn flow touches, dashed.
        mutating func contextAssets(_ context: [Int]) {
            for i in context {
                let asset = analysis.workload.assets[i]
                let id = DOTEscaping.id("asset", asset.id)
                ids[asset.id] = id
                out += "  \(id) [label=\(DOTEscaping.label([asset.name, "outside this view"])), shape=\(DiagramStyle.shape(kind: asset.kind).shape), style=\"dashed\", color=\"#969696\", fontcolor=\"#525252\"];\n"
            }
        }

        /// The drawn flows between the nodes drawn; with `labelled`, each with its data (or protocol).
        mutating func flows(_ flows: [Int], labelled: Bool) {
            for i in flows {
                let f = analysis.workload.flows[i]
                guard let from = ids[f.from], let to = ids[f.to] else { continue }
                var attrs: [String] = []
                if labelled, let data = f.data ?? f.protocol {
                    attrs.append("label=\(DOTEscaping.label(DiagramStyle.wrapped(data), max: 16))")
                }
                if f.bidirectional { attrs.append("dir=both") }
                if let s = f.sensitivity, s >= .confidential { attrs.append("penwidth=1.6") }
                out += "  \(from) -> \(to)\(attrs.isEmpty ? "" : " [\(attrs.joined(separator: ", "))]");\n"
            }
        }
    }

    /// The legend node: the fill scale with how many selected assets are at each level, and the shapes.
    static func legend(levels: [Int]) -> String {
        var rows = "<TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>"
        rows += "<TR><TD COLSPAN=\"2\">fill: worst open finding on the asset</TD></TR>"
        for (n, level) in [Severity?.none, .low, .medium, .high, .critical].enumerated() {
            let (fill, font) = DiagramStyle.fill(level)
            let count = n < levels.count ? levels[n] : 0
            rows += "<TR><TD BGCOLOR=\"\(fill)\"><FONT COLOR=\"\(font)\">\(level?.rawValue ?? "none open")</FONT></TD><TD ALIGN=\"LEFT\">\(level == nil ? "covered, accepted or n/a" : "risk level") · \(count) asset\(count == 1 ? "" : "s")</TD></TR>"
        }
        for (shape, meaning) in DiagramStyle.shapeLegend {
            rows += "<TR><TD>\(DOTEscaping.html(shape))</TD><TD ALIGN=\"LEFT\">\(DOTEscaping.html(meaning))</TD></TR>"
        }
        rows += "<TR><TD>bold edge</TD><TD ALIGN=\"LEFT\">confidential or restricted data</TD></TR>"
        return "  legend [shape=plaintext, style=solid, fontsize=9, label=<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\">\(rows)</TABLE>>];\n"
    }
}
