import ThreatGraph

/// The threats view of more assets than Graphviz lays out as a graph of findings: two tables, the threats open on the
/// most assets and the assets with the most open risk, each row with the command that draws one asset in full.
enum ThreatsOverviewDOT {
    /// Rows in each table.
    static let rows = 25

    /// The document for the assets marked in `chosen` (nil: every asset).
    static func render(_ a: Analysis, _ o: DiagramOptions, chosen: [Bool]?, count: Int, tree: BoundaryTree, summary given: CoverageSummary?) -> String {
        let summary = given ?? CoverageSummary(a, assets: chosen)
        var heading = ["\(a.workload.name) — threats and controls",
                       "as of \(a.options.asOf) · catalog \(a.catalog.manifest.version) · frameworks \(a.frameworks.joined(separator: ", "))"]
        if let f = DiagramStyle.filterNote(a, o, tree: tree) { heading.append(f) }
        heading.append("\(count) assets, more than \(o.maxThreatAssets): the top threats and assets are listed")
        heading.append("one asset in full: threatgraph diagram MODEL --view threats --asset ID")
        var out = "digraph threatgraph {\n"
        out += "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12, labelloc=t, labeljust=l, label=\(DOTEscaping.label(heading, max: 110))];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=9, shape=plaintext];\n"
        out += "  top_threats [label=<\(threatTable(a, summary: summary, chosen: chosen))>];\n"
        out += "  top_assets [label=<\(assetTable(a, summary: summary))>];\n"
        return out + "}\n"
    }

    /// The threats open on the most assets (ties: more gaps, then id), with their worst open level.
    static func threatTable(_ a: Analysis, summary s: CoverageSummary, chosen: [Bool]?) -> String {
        let c = a.catalog
        var worst = [Severity?](repeating: nil, count: c.threats.count)
        for f in a.findings where f.status.isOpen && chosen.map({ $0[f.asset] }) ?? true {
            let level = f.level
            if worst[f.threat].map({ level > $0 }) ?? true { worst[f.threat] = level }
        }
        let order = c.threats.indices.filter { s.byThreat[$0].open > 0 }.sorted { x, y in
            let (cx, cy) = (s.byThreat[x], s.byThreat[y])
            if cx.open != cy.open { return cx.open > cy.open }
            if cx.gap != cy.gap { return cx.gap > cy.gap }
            return c.threats[x].id < c.threats[y].id
        }
        var rows = "<TR><TD COLSPAN=\"5\"><B>Threats open on the most assets</B></TD></TR>"
        rows += "<TR><TD>threat</TD><TD>name</TD><TD>open</TD><TD>of which gap</TD><TD>worst open</TD></TR>"
        for t in order.prefix(Self.rows) {
            let counts = s.byThreat[t]
            let (fill, font) = DiagramStyle.fill(worst[t])
            rows += "<TR><TD ALIGN=\"LEFT\">\(DOTEscaping.html(c.threats[t].id))</TD><TD ALIGN=\"LEFT\">\(DOTEscaping.html(DOTEscaping.clean(c.displayName(of: c.threats[t]), max: 60)))</TD>"
            rows += "<TD>\(counts.open) of \(counts.applicable)</TD><TD>\(counts.gap)</TD><TD BGCOLOR=\"\(fill)\"><FONT COLOR=\"\(font)\">\(worst[t]?.rawValue ?? "—")</FONT></TD></TR>"
        }
        if order.count > Self.rows { rows += "<TR><TD COLSPAN=\"5\">and \(order.count - Self.rows) more open threats</TD></TR>" }
        if order.isEmpty { rows += "<TR><TD COLSPAN=\"5\">No finding is open.</TD></TR>" }
        return "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\">\(rows)</TABLE>"
    }

    /// The assets with the most open risk (ties by id), each with the command that draws it.
    static func assetTable(_ a: Analysis, summary s: CoverageSummary) -> String {
        let w = a.workload
        let order = w.assets.indices.filter { s.byAsset[$0].statuses.open > 0 }
        let top = order.sorted { x, y in
            s.byAsset[x].openScore != s.byAsset[y].openScore ? s.byAsset[x].openScore > s.byAsset[y].openScore : w.assets[x].id < w.assets[y].id
        }.prefix(Self.rows)
        var rows = "<TR><TD COLSPAN=\"4\"><B>Assets with the most open risk</B></TD></TR>"
        rows += "<TR><TD>asset</TD><TD>open</TD><TD>worst open</TD><TD>to draw it</TD></TR>"
        for i in top {
            let coverage = s.byAsset[i], asset = w.assets[i]
            let (fill, font) = DiagramStyle.fill(coverage.openByLevel.worst)
            rows += "<TR><TD ALIGN=\"LEFT\">\(DOTEscaping.html(DOTEscaping.clean(asset.name, max: 60)))\(asset.isTarget ? " ★" : "")</TD><TD>\(coverage.statuses.open)</TD>"
            rows += "<TD BGCOLOR=\"\(fill)\"><FONT COLOR=\"\(font)\">\(coverage.openByLevel.worst?.rawValue ?? "—")</FONT></TD>"
            rows += "<TD ALIGN=\"LEFT\">--view threats --asset \(DOTEscaping.html(DOTEscaping.clean(asset.id, max: 80)))</TD></TR>"
        }
        if order.count > top.count { rows += "<TR><TD COLSPAN=\"4\">and \(order.count - top.count) more assets with open findings</TD></TR>" }
        if order.isEmpty { rows += "<TR><TD COLSPAN=\"4\">No asset has an open finding.</TD></TR>" }
        return "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\">\(rows)</TABLE>"
    }
}
