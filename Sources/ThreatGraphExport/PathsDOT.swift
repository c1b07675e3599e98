import ThreatGraph

/// The `paths` view as Graphviz DOT: the dataflow view with the most probable attack paths drawn over it,
/// numbered, pen width by probability. Without computed paths it is the dataflow view with a note.
public enum PathsDOT {
    /// Path colours; consecutive paths also differ in line style so they stay apart in grey-scale print.
    static let palette = ["#1b9e77", "#7570b3", "#d95f02", "#e7298a", "#66a61e", "#a6761d", "#1f78b4", "#666666"]

    /// The paths drawn: most probable first, ties by actor, target and rank.
    public static func topPaths(_ paths: PathAnalysis?, limit: Int) -> [AttackPath] {
        let all = paths?.paths ?? []
        return Array(all.sorted { x, y in
            if x.probability != y.probability { return x.probability > y.probability }
            return (x.actor, x.target, x.rank) < (y.actor, y.target, y.rank)
        }.prefix(max(0, limit)))
    }

    /// Renders the view; `paths` is nil until attack paths are computed.
    public static func render(_ a: Analysis, paths: PathAnalysis?, options: DiagramOptions = DiagramOptions()) -> String {
        let body = DataflowDOT.body(a, options: options, summary: CoverageSummary(a), tree: BoundaryTree(a.resolved),
                                    keep: topPaths(paths, limit: options.topPaths))
        return render(a, paths: paths, options: options, body: body)
    }

    /// Renders the view over a dataflow body already drawn with the same options (the dataflow view shares it).
    static func render(_ a: Analysis, paths: PathAnalysis?, options: DiagramOptions, body: DataflowDOT.Body) -> String {
        let top = topPaths(paths, limit: options.topPaths)
        var notes: [String] = []
        if paths == nil {
            notes.append("Attack paths were not computed: this is the data flow only.")
        } else if top.isEmpty {
            notes.append("No attack path reaches a crown jewel.")
        } else {
            for (n, p) in top.enumerated() {
                let route = ([p.hops.first?.from ?? p.actor] + p.hops.map(\.to)).joined(separator: " → ")
                notes.append("path \(n + 1): p = \(TextFormatting.decimal(p.probability, 4)), \(route)")
            }
        }
        return DataflowDOT.document(a, options: options, title: "attack paths", notes: notes, body: body) { ids in
            var lines: [String] = []
            for (n, p) in top.enumerated() {
                let color = palette[n % palette.count]
                let style = n % 2 == 0 ? "bold" : "dashed"
                let width = TextFormatting.decimal(1.5 + 6 * min(1, max(0, p.probability)), 2)
                for (h, hop) in p.hops.enumerated() {
                    // In a boundary overview both ends of a hop may be in one node: nothing to draw.
                    guard let from = ids[hop.from], let to = ids[hop.to], from != to else { continue }
                    // An external label is placed after layout, so the paths leave the data flow's shape as it is.
                    lines.append("\(from) -> \(to) [color=\"\(color)\", fontcolor=\"\(color)\", style=\(style), penwidth=\(width), constraint=false, xlabel=\(DOTEscaping.quoted("\(n + 1).\(h + 1)"))];")
                }
            }
            return lines
        }
    }
}
