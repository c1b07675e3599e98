import ThreatGraph

/// The threats view of several assets as cards: one node per asset listing its open findings worst first (the
/// threat on its risk colour and its name, the status, the best control to close it), then what covers the rest. A graph of
/// shared threat nodes with an edge per finding grows many screens tall on a real workload (every agent fans out
/// to fifty threats); cards have no edges, so Graphviz packs them into pinned columns of bounded height.
enum ThreatCardsDOT {
    /// Open findings listed per card before "and N more".
    static let rowsPerCard = 24
    /// The height, in card rows, a column holds before the next one starts.
    static let rowsPerColumn = 70

    static func render(_ a: Analysis, _ o: DiagramOptions, assets: [Int], heading: [String]) -> String {
        var byAsset = [[Finding]](repeating: [], count: a.workload.assets.count)
        for i in assets { byAsset[i] = Array(a.findings(ofAsset: i)) }
        let drawn = assets.filter { i in byAsset[i].contains { $0.status != .notApplicable } }
        var closing = ClosingControls(a)
        var out = "digraph threatgraph {\n"
        out += "  graph [rankdir=LR, newrank=true, fontname=\"Helvetica\", fontsize=12, labelloc=t, labeljust=l, nodesep=0.25, ranksep=0.4, label=\(DOTEscaping.label(heading, max: 110))];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=9, shape=plaintext];\n"
        var heights: [Int] = []
        for i in drawn {
            let (label, rows) = card(a, i, byAsset[i], closing: &closing)
            out += "  \(DOTEscaping.id("asset", a.workload.assets[i].id)) [label=<\(label)>];\n"
            heights.append(rows)
        }
        if drawn.isEmpty { out += "  none [label=\"No threat applies to the selected assets.\"];\n" }
        out += columns(drawn.map { DOTEscaping.id("asset", a.workload.assets[$0].id) }, heights: heights)
        return out + "}\n"
    }

    /// One asset's card and its height in rows.
    static func card(_ a: Analysis, _ i: Int, _ findings: [Finding], closing: inout ClosingControls) -> (String, Int) {
        let c = a.catalog, asset = a.workload.assets[i]
        let open = a.worstFirst(findings.filter(\.status.isOpen))
        let (fill, font) = DiagramStyle.fill(open.first?.level)
        let title = DOTEscaping.html(DOTEscaping.clean(asset.name, max: 60)) + (asset.crownJewel ? " ★" : "")
        var rows = "<TR><TD COLSPAN=\"4\" BGCOLOR=\"\(fill)\"><FONT COLOR=\"\(font)\"><B>\(title)</B><BR/>\(DOTEscaping.html(c.kind(asset.kind)?.name ?? asset.kind)) · \(open.count) open</FONT></TD></TR>"
        for f in open.prefix(rowsPerCard) {
            let (cell, ink) = DiagramStyle.fill(f.level)
            let control = closing.controls(for: f, limit: 1).first.map { DOTEscaping.html($0.id) } ?? "filter upstream"
            let name = DOTEscaping.html(DOTEscaping.clean(c.displayName(of: c.threats[f.threat]), max: 34))
            rows += "<TR><TD ALIGN=\"LEFT\" BGCOLOR=\"\(cell)\"><FONT COLOR=\"\(ink)\">\(DOTEscaping.html(c.threats[f.threat].id))</FONT></TD><TD ALIGN=\"LEFT\">\(name)</TD>"
            rows += "<TD ALIGN=\"LEFT\">\(f.status.rawValue) · \(f.level.rawValue)</TD><TD ALIGN=\"LEFT\">\(control)</TD></TR>"
        }
        var extra = 0
        if open.count > rowsPerCard {
            rows += "<TR><TD COLSPAN=\"4\">and \(open.count - rowsPerCard) more open</TD></TR>"
            extra += 1
        }
        let closed = closedLine(a, findings)
        if !closed.isEmpty { rows += "<TR><TD COLSPAN=\"4\" ALIGN=\"LEFT\">\(closed)</TD></TR>"; extra += 1 }
        let table = "<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"2\">\(rows)</TABLE>"
        return (table, 2 + min(open.count, rowsPerCard) + extra)
    }

    /// "12 covered (most by ctl.a, ctl.b) · 1 accepted": the findings that are not open and what covers them.
    static func closedLine(_ a: Analysis, _ findings: [Finding]) -> String {
        let covered = findings.filter { $0.status == .covered }
        let accepted = findings.filter { $0.status == .accepted }.count
        var uses: [Int: Int] = [:]
        for f in covered { for p in Set(f.controls.filter { $0.status == .implemented }.map(\.control)) { uses[p, default: 0] += 1 } }
        let top = uses.keys.sorted { (uses[$0] ?? 0, a.catalog.controls[$1].id) > (uses[$1] ?? 0, a.catalog.controls[$0].id) }.prefix(2)
        var parts: [String] = []
        if !covered.isEmpty {
            parts.append("\(covered.count) covered" + (top.isEmpty ? "" : " (most by " + top.map { DOTEscaping.html(a.catalog.controls[$0].id) }.joined(separator: ", ") + ")"))
        }
        if accepted > 0 { parts.append("\(accepted) accepted") }
        return parts.joined(separator: " · ")
    }

    /// Cards in model order, in columns of at most `rowsPerColumn` rows each, every column one rank pinned to an
    /// invisible anchor chain so that Graphviz keeps the grid.
    static func columns(_ nodes: [String], heights: [Int]) -> String {
        var groups: [[String]] = [], used = 0
        for (node, h) in zip(nodes, heights) {
            if groups.isEmpty || (used + h > rowsPerColumn && !(groups.last?.isEmpty ?? true)) { groups.append([]); used = 0 }
            groups[groups.count - 1].append(node)
            used += h
        }
        guard groups.count > 1 else { return "" }
        let anchors = groups.indices.map { "column_\($0)" }
        var out = anchors.map { "  \($0) [style=invis, shape=point, width=0, height=0, label=\"\"];\n" }.joined()
        out += "  " + anchors.joined(separator: " -> ") + " [style=invis];\n"
        for (anchor, nodes) in zip(anchors, groups) { out += "  { rank=same; \(([anchor] + nodes).joined(separator: "; ")); }\n" }
        return out
    }
}
