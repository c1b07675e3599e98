import ThreatGraph

/// The `threats` view as Graphviz DOT. One asset (`DiagramOptions.asset`): the asset → the threats that apply to it
/// → the controls that cover them, grouped by layer. Several: a card per asset (`ThreatCardsDOT`); more than
/// `maxThreatAssets`: the top threats and assets (`ThreatsOverviewDOT`).
public enum ThreatsDOT {
    /// Renders the view.
    public static func render(_ a: Analysis, options o: DiagramOptions = DiagramOptions()) -> String {
        render(a, options: o, summary: nil)
    }

    /// Renders the view; `summary`, when given, is that of every finding of `a` (for the list of a large model).
    static func render(_ a: Analysis, options o: DiagramOptions, summary: CoverageSummary?) -> String {
        let tree = BoundaryTree(a.resolved)
        var assets = DiagramStyle.selectedAssets(a, o, tree: tree)
        if let only = o.asset { assets = assets.filter { a.workload.assets[$0].id == only } }
        if o.asset == nil && assets.count > o.maxThreatAssets {
            var chosen: [Bool]?
            if assets.count < a.workload.assets.count {
                var marks = [Bool](repeating: false, count: a.workload.assets.count)
                for i in assets { marks[i] = true }
                chosen = marks
            }
            return ThreatsOverviewDOT.render(a, o, chosen: chosen, count: assets.count, tree: tree,
                                             summary: chosen == nil ? summary : nil)
        }
        if o.asset == nil {
            var heading = ["\(a.workload.name) — threats and controls",
                           "as of \(a.options.asOf) · catalog \(a.catalog.manifest.version) · frameworks \(a.frameworks.joined(separator: ", "))"]
            if let f = DiagramStyle.filterNote(a, o, tree: tree) { heading.append(f) }
            heading.append("a card per asset: open findings worst first (threat on its risk colour, name, status, level, closing control)")
            heading.append("then what covers the rest; title = worst open risk; one asset in full: --view threats --asset ID")
            return ThreatCardsDOT.render(a, o, assets: assets, heading: heading)
        }
        let view = View(a, assets: assets, single: o.asset != nil)
        var out = "digraph threatgraph {\n"
        out += header(a, o, view, tree: tree)
        out += assetNodes(a, view)
        out += threatNodes(a, view)
        let links = ControlLinks(a, view.findings)
        out += controlClusters(a, links)
        out += assetEdges(a, view.findings, spread: view.single)
        out += controlEdges(a, links)
        return out + "}\n"
    }

    /// What the view shows: the chosen assets, their findings (not-applicable ones only for a single asset) and the
    /// counts of those findings by threat.
    struct View {
        /// Chosen asset indices, in model order.
        let assets: [Int]
        /// One asset asked for.
        let single: Bool
        /// The findings drawn, in finding order.
        let findings: [Finding]
        /// The chosen assets' findings by status.
        let summary: CoverageSummary

        init(_ a: Analysis, assets: [Int], single: Bool) {
            var chosen = [Bool](repeating: false, count: a.workload.assets.count)
            for i in assets { chosen[i] = true }
            self.assets = assets
            self.single = single
            findings = a.findings.filter { chosen[$0.asset] && (single || $0.status != .notApplicable) }
            summary = CoverageSummary(a, assets: chosen)
        }

        /// The findings drawn of threat `t`, by status.
        func counts(ofThreat t: Int) -> (all: Int, open: Int) {
            let c = summary.byThreat[t]
            return (single ? c.total : c.applicable, c.open)
        }
    }

    /// The graph, node and edge defaults, with the title.
    static func header(_ a: Analysis, _ o: DiagramOptions, _ view: View, tree: BoundaryTree) -> String {
        let single = view.single
        var heading = ["\(a.workload.name) — threats and controls\(single ? " of \(a.workload.assets.first { $0.id == o.asset }?.name ?? "")" : "")",
                       "as of \(a.options.asOf) · catalog \(a.catalog.manifest.version) · frameworks \(a.frameworks.joined(separator: ", "))"]
        if let f = DiagramStyle.filterNote(a, o, tree: tree) { heading.append(f) }
        if !single { heading.append("edges asset → threat by status: bold black = gap, dashed = partial, dotted = accepted, thin grey = covered; fill = worst open risk (same scale as the data-flow view)") }
        if view.findings.isEmpty { heading.append("No threat applies to the selected assets.") }
        var out = "  graph [rankdir=LR, newrank=true, fontname=\"Helvetica\", fontsize=12, labelloc=t, labeljust=l, nodesep=0.2, ranksep=1.2, label=\(DOTEscaping.label(heading, max: 110))];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=9, style=filled, fillcolor=\"#ffffff\", margin=\"0.1,0.04\"];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.6];\n"
        return out
    }

    /// A node per chosen asset with a finding drawn (every chosen asset for a single one).
    static func assetNodes(_ a: Analysis, _ view: View) -> String {
        var out = ""
        for i in view.assets where view.summary.byAsset[i].statuses.applicable > 0 || view.single {
            let asset = a.workload.assets[i]
            let (shape, extra, _) = DiagramStyle.shape(kind: asset.kind)
            var lines = [asset.name, a.catalog.kind(asset.kind)?.name ?? asset.kind]
            if asset.crownJewel { lines.append("★ crown jewel") }
            out += "  \(DOTEscaping.id("asset", asset.id)) [label=\(DOTEscaping.label(lines)), shape=\(shape), style=\"\(["filled", extra].compactMap { $0 }.joined(separator: ","))\", fillcolor=\"#f0f0f0\"\(asset.isTarget ? ", peripheries=2" : "")];\n"
        }
        return out
    }

    /// A node per threat drawn, by id: filled by its status on the asset (single) or its worst status over the assets.
    static func threatNodes(_ a: Analysis, _ view: View) -> String {
        let c = a.catalog
        var only: [Int: Finding] = [:]
        if view.single { for f in view.findings where only[f.threat] == nil { only[f.threat] = f } }
        // One colour scale for risk in every view: a threat is filled by its worst open level here.
        var worstOpen: [Int: Severity] = [:]
        for f in view.findings where f.status.isOpen { worstOpen[f.threat] = max(worstOpen[f.threat] ?? .low, f.level) }
        var out = ""
        for t in c.threats.indices.filter({ view.counts(ofThreat: $0).all > 0 }).sorted(by: { c.threats[$0].id < c.threats[$1].id }) {
            let threat = c.threats[t]
            let (all, open) = view.counts(ofThreat: t)
            var lines = ["\(threat.id) · \(threat.severity.rawValue)", c.displayName(of: threat)]
            if let f = only[t] {
                lines.append("\(f.status.rawValue) · risk \(f.level.rawValue) \(TextFormatting.score(f.score))")
            } else {
                lines.append(open == 0 ? "closed on \(all) asset\(all == 1 ? "" : "s")" : "open on \(open) of \(all) asset\(all == 1 ? "" : "s")")
            }
            let worst = DiagramStyle.worst(view.summary.byThreat[t], includingNotApplicable: view.single) ?? .covered
            let (fill, font) = worst.isOpen ? DiagramStyle.fill(worstOpen[t]) : DiagramStyle.fill(worst)
            out += "  \(DOTEscaping.id("threat", threat.id)) [label=\(DOTEscaping.label(lines, max: 44)), shape=box, style=\"filled,rounded\", fillcolor=\"\(fill)\", fontcolor=\"\(font)\"];\n"
        }
        return out
    }

    /// Which controls cover which threats among the findings drawn: implemented somewhere, or only planned.
    struct ControlLinks {
        /// `link[t * controls + c]`: 0 none, 1 planned, 2 implemented somewhere.
        private var link: [UInt8]
        private let controlCount: Int
        /// Controls linked to some threat.
        private(set) var controls = Set<Int>()
        /// Threats linked to some control, in index order.
        private(set) var threats: [Int] = []

        init(_ a: Analysis, _ findings: [Finding]) {
            let c = a.catalog
            controlCount = c.controls.count
            link = [UInt8](repeating: 0, count: c.threats.count * controlCount)
            for f in findings {
                for cc in f.controls {
                    let k = f.threat * controlCount + cc.control
                    if link[k] != 2 { link[k] = cc.status == .implemented ? 2 : (cc.status == .planned ? 1 : link[k]) }
                }
            }
            for t in c.threats.indices {
                let linked = (0..<controlCount).filter { link[t * controlCount + $0] != 0 }
                controls.formUnion(linked)
                if !linked.isEmpty { threats.append(t) }
            }
        }

        /// The controls linked to threat `t`, in index order, each with whether it is only planned.
        func controls(ofThreat t: Int) -> [(control: Int, planned: Bool)] {
            (0..<controlCount).filter { link[t * controlCount + $0] != 0 }.map { ($0, link[t * controlCount + $0] == 1) }
        }
    }

    /// The linked controls as notes, clustered by layer, by id within a layer.
    static func controlClusters(_ a: Analysis, _ links: ControlLinks) -> String {
        let c = a.catalog
        var out = ""
        for layer in c.layers {
            let inLayer = links.controls.filter { c.controls[$0].layer == layer.id }.sorted { c.controls[$0].id < c.controls[$1].id }
            guard !inLayer.isEmpty else { continue }
            out += "  subgraph \(DOTEscaping.id("cluster_layer", layer.id)) {\n"
            out += "    label=\(DOTEscaping.label(["\(layer.name) layer"])); style=\"rounded\"; color=\"#969696\"; fontsize=10;\n"
            for ci in inLayer {
                let control = c.controls[ci]
                out += "    \(DOTEscaping.id("control", control.id)) [label=\(DOTEscaping.label([control.name, "\(control.id) · \(control.kind.rawValue)"], max: 44)), shape=note, fillcolor=\"#f7fcf5\"];\n"
            }
            out += "  }\n"
        }
        return out
    }

    /// Threats per column before the view spreads them over several, so that a long list stays wider than tall.
    public static let threatsPerColumn = 20

    /// An edge per finding drawn, asset → threat, styled by status. With `spread` (one asset), many threats are spread
    /// over columns (the edge's `minlen`), in id order, so the drawing keeps a readable shape.
    static func assetEdges(_ a: Analysis, _ findings: [Finding], spread: Bool = false) -> String {
        // Each edge is its asset's "  ASSET -> " and its threat's "THREAT [style];\n", both built once.
        let c = a.catalog
        var assetNode = [String?](repeating: nil, count: a.workload.assets.count)
        let threatNode = c.threats.map { DOTEscaping.id("threat", $0.id) }
        let statuses = FindingStatus.allCases
        let drawn = Set(findings.map(\.threat)).sorted { c.threats[$0].id < c.threats[$1].id }
        let columns = spread ? max(1, (drawn.count + threatsPerColumn - 1) / threatsPerColumn) : 1
        var column = [Int](repeating: 0, count: c.threats.count)
        for (i, t) in drawn.enumerated() { column[t] = i * columns / max(1, drawn.count) }
        let edgeStyle = statuses.map { status -> String in
            let (color, style) = DiagramStyle.edge(status)
            return " [color=\"\(color)\", style=\(style)"
        }
        var threatStatus = [String?](repeating: nil, count: c.threats.count * statuses.count)
        var out = ""
        for f in findings {
            if assetNode[f.asset] == nil { assetNode[f.asset] = "  " + DOTEscaping.id("asset", a.workload.assets[f.asset].id) + " -> " }
            let s = statuses.firstIndex(of: f.status) ?? 0
            let k = f.threat * statuses.count + s
            if threatStatus[k] == nil {
                threatStatus[k] = threatNode[f.threat] + edgeStyle[s] + (column[f.threat] > 0 ? ", minlen=\(1 + column[f.threat])" : "") + "];\n"
            }
            out += assetNode[f.asset] ?? ""
            out += threatStatus[k] ?? ""
        }
        return out
    }

    /// An edge per linked threat and control, threat → control (drawn backwards), dashed when only planned.
    static func controlEdges(_ a: Analysis, _ links: ControlLinks) -> String {
        let c = a.catalog
        var out = ""
        for t in links.threats.sorted(by: { c.threats[$0].id < c.threats[$1].id }) {
            for (ci, planned) in links.controls(ofThreat: t).sorted(by: { c.controls[$0.control].id < c.controls[$1.control].id }) {
                out += "  \(DOTEscaping.id("threat", c.threats[t].id)) -> \(DOTEscaping.id("control", c.controls[ci].id)) [dir=back, color=\"\(planned ? "#969696" : "#238b45")\", style=\(planned ? "dashed" : "solid")\(planned ? ", label=\"planned\"" : "")];\n"
            }
        }
        return out
    }
}
