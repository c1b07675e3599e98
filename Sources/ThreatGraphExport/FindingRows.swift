import ThreatGraph

/// The open findings as the report lists them: worst first, with the open findings of other frameworks naming the
/// same weakness on the same asset folded into the worst of them, and grouped by threat across assets.
///
/// One pass over the open findings, O(F) with a hash probe per equivalent entry; the full rows are built only for
/// the first `limit` findings, so an estate's million open findings cost a pass and no text.
struct FindingRows {
    /// One threat's open findings across assets: how many, how many are gaps, the first few (indices into `open`,
    /// worst first) and the equivalent entries folded into them.
    struct Group {
        /// Findings kept per group: what a row names.
        static let kept = 6
        let threat: Int
        var count = 0, gaps = 0
        var first: [Int32] = []
        var related: Set<String> = []
    }

    private let a: Analysis
    private let open: [Finding]
    private let limit: Int
    /// Findings that head a row, by index into `open`, worst first.
    private var heads: [Int32] = []
    private var groups: [Group] = []

    init(_ a: Analysis, _ open: [Finding], limit: Int) {
        self.a = a
        self.open = open
        self.limit = limit
        let c = a.catalog
        // Per threat, the equivalent entries of other frameworks (the rule of `Analysis.relatedFindings(of:)`).
        let equivalent = c.threats.indices.map { t in c.sameWeaknessIndices[t].filter { c.threats[$0].framework != c.threats[t].framework } }
        let assets = a.workload.assets.count
        var headOf: [Int: Int] = [:]  // (threat, asset) of a head with equivalents → its group
        var groupOf: [Int: Int] = [:]
        for (i, f) in open.enumerated() {
            if let g = equivalent[f.threat].lazy.compactMap({ headOf[$0 * assets + f.asset] }).first {
                groups[g].related.insert(c.threats[f.threat].id)
                continue
            }
            heads.append(Int32(i))
            let g = groupOf[f.threat] ?? groups.count
            if g == groups.count { groupOf[f.threat] = g; groups.append(Group(threat: f.threat)) }
            groups[g].count += 1
            if f.status == .gap { groups[g].gaps += 1 }
            if groups[g].first.count < Group.kept { groups[g].first.append(Int32(i)) }
            if !equivalent[f.threat].isEmpty { headOf[f.threat * assets + f.asset] = g }
        }
    }

    /// Open findings after folding equivalents, beyond the rows listed.
    var more: Int { max(0, heads.count - limit) }
    /// How many rows `rows(closing:)` gives.
    var count: Int { min(limit, heads.count) }

    /// The threats with open findings, worst first.
    var byThreat: [Group] { groups }

    /// An open finding by its index in a group.
    func finding(_ i: Int32) -> Finding { open[Int(i)] }

    /// The first `limit` rows: one per finding, with its closing controls and the equivalent entries on its asset.
    func rows(closing: inout ClosingControls) -> [[String]] {
        let c = a.catalog
        return heads.prefix(limit).enumerated().map { n, i in
            let f = open[Int(i)]
            let related = a.relatedFindings(of: f).map { g in
                let by = a.controlsCounting(for: g, notFor: f).prefix(2).map { MarkdownEscaping.code(c.controls[$0].id) }
                return "\(MarkdownEscaping.code(c.threats[g.threat].id)) \(g.status.rawValue)" + (by.isEmpty ? "" : " by \(by.joined(separator: ", "))")
            }.joined(separator: ", ")
            var flags: [String] = []
            if f.isBypassed { flags.append("bypassed filter") }
            if f.acceptanceState == .expired { flags.append("acceptance expired") }
            let controls = closing.controls(for: f, limit: 2).map { MarkdownEscaping.code($0.id) }
            return ["\(n + 1)", "\(f.level.rawValue) \(TextFormatting.score(f.score))", MarkdownEscaping.code(c.threats[f.threat].id),
                    MarkdownEscaping.cell(c.displayName(of: c.threats[f.threat]), max: 60), MarkdownEscaping.cell(a.workload.assets[f.asset].name, max: 60),
                    f.status.rawValue + (flags.isEmpty ? "" : " (\(flags.joined(separator: ", ")))"),
                    f.exposure?.rawValue ?? "unreachable", controls.isEmpty ? "none on this kind; filter upstream" : controls.joined(separator: ", "),
                    related.isEmpty ? "—" : related]
        }
    }
}
