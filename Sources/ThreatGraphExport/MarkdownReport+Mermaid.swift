import ThreatGraph

/// The report's model diagram in Mermaid: every actor and asset in nested boundary subgraphs, or, for a large
/// model, one node per top-level boundary.
extension MarkdownReport {
    static func model(_ a: Analysis, _ s: CoverageSummary, _ tree: BoundaryTree, _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        doc.heading(2, "Model")
        let w = a.workload
        let nodes = w.actors.count + w.assets.count
        var lines = ["flowchart LR"]
        if nodes > o.mermaidMaxNodes || w.flows.count > 3 * o.mermaidMaxNodes {
            lines += reducedMermaid(a, s, tree)
            doc.paragraph("The model has \(nodes) actors and assets, more than Mermaid lays out legibly (\(o.mermaidMaxNodes)); this diagram shows each top-level trust boundary as one node, filled by its worst open finding, with the number of flows between them (the 40 boundaries with the most open risk; actors grouped by trust; the 120 busiest connections). "
                + "`threatgraph diagram MODEL --boundary ID` draws one boundary in full.")
        } else {
            var full = FullMermaid(analysis: a, summary: s, tree: tree)
            full.draw()
            lines += full.lines
            doc.paragraph("Actors are stadiums, data stores cylinders, models hexagons, agents and tools double-edged boxes; each asset is filled by its worst open finding (darker is worse) and crown jewels carry a star and a thick border. Boundaries are nested boxes.")
        }
        lines += mermaidClasses()
        doc.fence("mermaid", lines)
    }

    static func mermaidClasses() -> [String] {
        var lines: [String] = []
        for level in Severity.allCases {
            let (fill, font) = DiagramStyle.fill(level)
            lines.append("  classDef \(level.rawValue) fill:\(fill),color:\(font),stroke:#525252")
        }
        lines.append("  classDef crown stroke-width:4px")
        return lines
    }

    /// Every actor and asset, boundaries as nested subgraphs, flows with their data.
    struct FullMermaid {
        let analysis: Analysis
        let summary: CoverageSummary
        let tree: BoundaryTree
        /// The diagram's lines so far.
        var lines: [String] = []
        /// Mermaid node ids by model id.
        var ids: [String: String] = [:]
        /// Mermaid node ids by class (risk level, crown).
        var classes: [String: [String]] = [:]

        mutating func draw() {
            let w = analysis.workload
            for (i, actor) in w.actors.enumerated() {
                ids[actor.id] = "a\(i)"
                lines.append("  a\(i)([\"\(MarkdownEscaping.mermaidLabel(actor.name))<br/>\(actor.trust.rawValue)\"])")
            }
            for (i, asset) in w.assets.enumerated() { ids[asset.id] = "n\(i)" }
            for r in tree.roots { subgraph(r, depth: 0) }
            for i in tree.loose { lines.append(node(i, "  ")) }
            flows()
            for key in classes.keys.sorted() { lines.append("  class \((classes[key] ?? []).joined(separator: ",")) \(key)") }
        }

        /// A boundary's subgraph with its assets and, nested, its children's.
        mutating func subgraph(_ b: Int, depth: Int) {
            guard depth <= tree.parent.count else { return }
            let indent = String(repeating: "  ", count: depth + 1)
            lines.append("\(indent)subgraph b\(b)[\"\(MarkdownEscaping.mermaidLabel(analysis.workload.boundaries[b].name))\"]")
            for i in tree.assetsIn[b] { lines.append(node(i, indent + "  ")) }
            for c in tree.children[b] { subgraph(c, depth: depth + 1) }
            lines.append("\(indent)end")
        }

        /// An asset's node, shaped by its kind's family; records its classes.
        mutating func node(_ i: Int, _ indent: String) -> String {
            let asset = analysis.workload.assets[i]
            let label = (asset.isTarget ? "★ " : "") + MarkdownEscaping.mermaidLabel(asset.name) + "<br/>" + MarkdownEscaping.mermaidLabel(asset.kind)
            if let l = summary.byAsset[i].openByLevel.worst { classes[l.rawValue, default: []].append("n\(i)") }
            if asset.isTarget { classes["crown", default: []].append("n\(i)") }
            let (open, close): (String, String)
            switch DiagramStyle.shape(kind: asset.kind).family {
            case "data store": (open, close) = ("[(", ")]")
            case "model": (open, close) = ("{{", "}}")
            case "agent": (open, close) = ("[[", "]]")
            default: (open, close) = ("[", "]")
            }
            return "\(indent)n\(i)\(open)\"\(label)\"\(close)"
        }

        /// The flows between nodes drawn, labelled with their data.
        mutating func flows() {
            for f in analysis.workload.flows {
                guard let from = ids[f.from], let to = ids[f.to] else { continue }
                let arrow = f.bidirectional ? "<-->" : "-->"
                if let data = f.data, !DOTEscaping.clean(data).isEmpty {
                    lines.append("  \(from) \(arrow)|\"\(MarkdownEscaping.mermaidLabel(data, max: 40))\"| \(to)")
                } else {
                    lines.append("  \(from) \(arrow) \(to)")
                }
            }
        }
    }

    /// Boundaries as nodes, as the DOT views draw a large model: the top-level boundaries with the most open risk
    /// (the rest share one node), actors grouped by trust, and the busiest connections between them.
    static func reducedMermaid(_ a: Analysis, _ s: CoverageSummary, _ tree: BoundaryTree) -> [String] {
        let overview = BoundaryOverview(a, options: DiagramOptions(), summary: s, tree: tree, selected: Array(a.workload.assets.indices), keep: [])
        var lines: [String] = []
        var classes: [String: [String]] = [:]
        for (g, group) in overview.groups.enumerated() {
            if group.actors > 0 {
                lines.append("  g\(g)([\"\(MarkdownEscaping.mermaidLabel(group.name))<br/>\(group.actors) actor\(group.actors == 1 ? "" : "s")\"])")
                continue
            }
            lines.append("  g\(g)[\"\(MarkdownEscaping.mermaidLabel(group.name))<br/>\(group.assets) assets\"]")
            if let l = group.worst { classes[l.rawValue, default: []].append("g\(g)") }
        }
        for e in overview.edges { lines.append("  g\(e.from) -->|\"\(e.flows) flows\"| g\(e.to)") }
        for key in classes.keys.sorted() { lines.append("  class \((classes[key] ?? []).joined(separator: ",")) \(key)") }
        return lines
    }
}
