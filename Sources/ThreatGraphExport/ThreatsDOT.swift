import ThreatGraph

/// The `threats` view as Graphviz DOT: assets → the threats that apply to them (coloured by status) → the
/// controls that cover them, grouped by layer. One asset with `DiagramOptions.asset`, else every selected asset.
public enum ThreatsDOT {
    /// Renders the view.
    public static func render(_ a: Analysis, options o: DiagramOptions = DiagramOptions()) -> String {
        let w = a.workload
        let c = a.catalog
        var assets = DiagramStyle.selectedAssets(a, o)
        if let only = o.asset { assets = assets.filter { w.assets[$0].id == only } }
        let single = o.asset != nil
        let chosen = Set(assets)
        let findings = a.findings.filter { chosen.contains($0.asset) && (single || $0.status != .notApplicable) }

        var out = "digraph threatgraph {\n"
        var heading = ["\(w.name) — threats and controls\(single ? " of \(w.assets.first { $0.id == o.asset }?.name ?? "")" : "")",
                       "as of \(a.options.asOf) · catalog \(c.manifest.version) · frameworks \(a.frameworks.joined(separator: ", "))"]
        if let f = DiagramStyle.filterNote(a, o) { heading.append(f) }
        if !single { heading.append("edges asset → threat by status: bold dark = gap, dashed = partial, dotted = accepted, thin = covered") }
        if findings.isEmpty { heading.append("No threat applies to the selected assets.") }
        out += "  graph [rankdir=LR, newrank=true, fontname=\"Helvetica\", fontsize=12, labelloc=t, labeljust=l, nodesep=0.2, ranksep=1.2, label=\(DOTEscaping.label(heading, max: 110))];\n"
        out += "  node [fontname=\"Helvetica\", fontsize=9, style=filled, fillcolor=\"#ffffff\", margin=\"0.1,0.04\"];\n"
        out += "  edge [fontname=\"Helvetica\", fontsize=8, arrowsize=0.6];\n"

        let used = Set(findings.map(\.asset))
        for i in assets where used.contains(i) || single {
            let asset = w.assets[i]
            let (shape, extra, _) = DiagramStyle.shape(kind: asset.kind)
            var lines = [asset.name, a.catalog.kind(asset.kind)?.name ?? asset.kind]
            if asset.crownJewel { lines.append("★ crown jewel") }
            out += "  \(DOTEscaping.id("asset", asset.id)) [label=\(DOTEscaping.label(lines)), shape=\(shape), style=\"\(["filled", extra].compactMap { $0 }.joined(separator: ","))\", fillcolor=\"#f0f0f0\"\(asset.isTarget ? ", peripheries=2" : "")];\n"
        }

        // Threat nodes, one per threat: its status on the asset (single) or its worst status over the assets.
        var byThreat: [Int: [Finding]] = [:]
        for f in findings { byThreat[f.threat, default: []].append(f) }
        for t in byThreat.keys.sorted(by: { c.threats[$0].id < c.threats[$1].id }) {
            let list = byThreat[t] ?? []
            let threat = c.threats[t]
            let worst = list.map(\.status).max { DiagramStyle.badness($0) < DiagramStyle.badness($1) } ?? .covered
            var lines = ["\(threat.id) · \(threat.severity.rawValue)", c.displayName(of: threat)]
            if single, let f = list.first {
                lines.append("\(f.status.rawValue) · risk \(f.level.rawValue) \(TextFormatting.score(f.score))")
            } else {
                let openCount = list.filter { $0.status.isOpen }.count
                lines.append(openCount == 0 ? "closed on \(list.count) asset\(list.count == 1 ? "" : "s")" : "open on \(openCount) of \(list.count) asset\(list.count == 1 ? "" : "s")")
            }
            let (fill, font) = DiagramStyle.fill(worst)
            out += "  \(DOTEscaping.id("threat", threat.id)) [label=\(DOTEscaping.label(lines, max: 44)), shape=box, style=\"filled,rounded\", fillcolor=\"\(fill)\", fontcolor=\"\(font)\"];\n"
        }

        // Control nodes grouped by layer. `edge[t * controls + c]`: 0 none, 1 planned, 2 implemented somewhere.
        let controlCount = c.controls.count
        var edge = [UInt8](repeating: 0, count: c.threats.count * controlCount)
        for f in findings {
            for cc in f.controls {
                let k = f.threat * controlCount + cc.control
                if edge[k] != 2 { edge[k] = cc.status == .implemented ? 2 : (cc.status == .planned ? 1 : edge[k]) }
            }
        }
        var controls = Set<Int>()
        var edgeThreats: [Int] = []
        for t in c.threats.indices {
            var any = false
            for ci in 0..<controlCount where edge[t * controlCount + ci] != 0 { controls.insert(ci); any = true }
            if any { edgeThreats.append(t) }
        }
        for layer in c.layers {
            let inLayer = controls.filter { c.controls[$0].layer == layer.id }.sorted { c.controls[$0].id < c.controls[$1].id }
            guard !inLayer.isEmpty else { continue }
            out += "  subgraph \(DOTEscaping.id("cluster_layer", layer.id)) {\n"
            out += "    label=\(DOTEscaping.label(["\(layer.name) layer"])); style=\"rounded\"; color=\"#969696\"; fontsize=10;\n"
            for ci in inLayer {
                let control = c.controls[ci]
                out += "    \(DOTEscaping.id("control", control.id)) [label=\(DOTEscaping.label([control.name, "\(control.id) · \(control.kind.rawValue)"], max: 44)), shape=note, fillcolor=\"#f7fcf5\"];\n"
            }
            out += "  }\n"
        }

        // Node ids escaped once per asset and threat, not once per edge.
        var assetNode = [String?](repeating: nil, count: w.assets.count)
        let threatNode = c.threats.map { DOTEscaping.id("threat", $0.id) }
        let edgeStyle = FindingStatus.allCases.map { status -> String in
            let (color, style) = DiagramStyle.edge(status)
            return " [color=\"\(color)\", style=\(style)];\n"
        }
        // Each edge is its asset's "  ASSET -> " and its threat's "THREAT [style];\n", both built once.
        let statuses = FindingStatus.allCases
        var threatStatus = [String?](repeating: nil, count: c.threats.count * statuses.count)
        for f in findings {
            if assetNode[f.asset] == nil { assetNode[f.asset] = "  " + DOTEscaping.id("asset", w.assets[f.asset].id) + " -> " }
            let s = statuses.firstIndex(of: f.status) ?? 0
            let k = f.threat * statuses.count + s
            if threatStatus[k] == nil { threatStatus[k] = threatNode[f.threat] + edgeStyle[s] }
            out += assetNode[f.asset] ?? ""
            out += threatStatus[k] ?? ""
        }
        for t in edgeThreats.sorted(by: { c.threats[$0].id < c.threats[$1].id }) {
            for ci in (0..<controlCount).filter({ edge[t * controlCount + $0] != 0 }).sorted(by: { c.controls[$0].id < c.controls[$1].id }) {
                let planned = edge[t * controlCount + ci] == 1
                out += "  \(DOTEscaping.id("threat", c.threats[t].id)) -> \(DOTEscaping.id("control", c.controls[ci].id)) [dir=back, color=\"\(planned ? "#969696" : "#238b45")\", style=\(planned ? "dashed" : "solid")\(planned ? ", label=\"planned\"" : "")];\n"
            }
        }
        return out + "}\n"
    }
}
