import ThreatGraph

/// The report's counts: the summary with its key points, the coverage matrix by layer and asset, and the tables by
/// framework entry and ATLAS tactic; all read from the analysis's `CoverageSummary`.
extension MarkdownReport {
    static func summary(_ a: Analysis, _ s: CoverageSummary, _ paths: PathAnalysis?, _ open: [Finding], _ doc: inout MarkdownBlocks) {
        doc.heading(2, "Summary")
        doc.paragraph(totals(a, s))
        doc.list(keyPoints(a, s, paths, open))
        doc.paragraph("A finding is one threat on one asset. *Covered*: an implemented preventive control stops it. *Accepted*: open, but accepted by an owner until a date. *Partial*: only planned, detective or responsive controls. *Gap*: nothing. *Open* means partial or gap.")
        doc.paragraph("Coverage by layer (a finding's layer is its asset kind's layer):")
        doc.table(["Layer", "Findings", "Covered", "Accepted", "Partial", "Gap", "Covered %"], layerRows(a, s))
        doc.paragraph("Coverage by framework:")
        doc.table(["Framework", "Findings", "Covered", "Accepted", "Open", "Covered %"], frameworkRows(a, s))
        doc.paragraph(depthText(a, s))
        if let paths {
            doc.paragraph("Attack paths: \(count(paths.paths.count, "path")) to \(count(Set(paths.paths.map(\.target)).count, "crown jewel")); \(count(paths.recommendations.count, "recommended control placement")).")
        }
    }

    /// The model's size, the findings by status and the open ones by level with their risk total.
    static func totals(_ a: Analysis, _ s: CoverageSummary) -> String {
        let w = a.workload
        let jewels = a.resolved.isTarget.filter { $0 }.count
        var text = "\(count(w.assets.count, "asset")), \(count(w.actors.count, "actor")), \(count(w.boundaries.count, "trust boundary", "trust boundaries")), \(count(w.flows.count, "flow")), \(count(jewels, "crown jewel")). "
        text += "\(count(s.findings.total, "finding")): " + FindingStatus.allCases.reversed().map { "\(s.findings[$0]) \($0.rawValue)" }.joined(separator: ", ") + ". "
        text += "Open risk total \(TextFormatting.score(s.openRiskTotal)) over \(count(s.findings.open, "open finding")): "
        text += Severity.allCases.reversed().map { "\(s.openByLevel[$0]) \($0.rawValue)" }.joined(separator: ", ") + "."
        return text
    }

    /// A row per layer with applicable findings.
    static func layerRows(_ a: Analysis, _ s: CoverageSummary) -> [[String]] {
        a.catalog.layers.indices.compactMap { li in
            let counts = s.byLayer[li], total = counts.applicable
            guard total > 0 else { return nil }
            return [MarkdownEscaping.cell(a.catalog.layers[li].name), "\(total)", "\(counts.covered)", "\(counts.accepted)",
                    "\(counts.partial)", "\(counts.gap)", TextFormatting.percent(counts.covered, total)]
        }
    }

    /// A row per framework in force.
    static func frameworkRows(_ a: Analysis, _ s: CoverageSummary) -> [[String]] {
        a.frameworks.indices.map { fi in
            let counts = s.byFramework[fi], total = counts.applicable
            return [frameworkName(a, a.frameworks[fi]), "\(total)", "\(counts.covered)", "\(counts.accepted)",
                    "\(counts.open)", TextFormatting.percent(counts.covered, total)]
        }
    }

    /// Findings by depth, single-layer findings and bypassed filters.
    static func depthText(_ a: Analysis, _ s: CoverageSummary) -> String {
        let d = s.depths
        var text = "Defense in depth — layers among the implemented controls covering each finding: \(d[0]) with none, \(d[1]) with one, \(d[2]) with two, \(d[3]) with three or more. "
        text += "\(count(s.singleLayer.covered, "covered high or critical finding rests", "covered high or critical findings rest")) on a single layer; "
        text += "\(count(s.bypassed.applicable, "finding has", "findings have")) an upstream filter that some route bypasses"
        text += a.bypassSearchComplete ? "." : " (some assets have more than 8 bypassed filters; the first 8 by id are listed)."
        return text
    }

    /// What a review board should look at first.
    static func keyPoints(_ a: Analysis, _ s: CoverageSummary, _ paths: PathAnalysis?, _ open: [Finding]) -> [String] {
        let w = a.workload
        var points = [severePoint(a, s)]
        // `open` is worst first, so the critical findings lead it.
        let critical = open.prefix { $0.level == .critical }
        if !critical.isEmpty {
            points.append("Critical: " + critical.prefix(3).map { f in
                "\(MarkdownEscaping.cell(a.catalog.displayName(of: a.catalog.threats[f.threat]), max: 60)) (\(MarkdownEscaping.code(a.catalog.threats[f.threat].id))) on \(MarkdownEscaping.cell(w.assets[f.asset].name, max: 60)), \(f.status.rawValue), score \(TextFormatting.score(f.score))"
            }.joined(separator: "; ") + (critical.count > 3 ? "; and \(critical.count - 3) more." : "."))
        }
        let jewels = w.assets.indices.filter { a.resolved.isTarget[$0] }
        let exposed = jewels.filter { s.byAsset[$0].statuses.open > 0 }
        if !jewels.isEmpty {
            points.append(exposed.isEmpty ? "Every crown jewel has all its findings covered, accepted or not applicable."
                : "Crown jewels with open findings: " + exposed.prefix(10).map { "\(MarkdownEscaping.cell(w.assets[$0].name, max: 60)) (\(s.byAsset[$0].statuses.open) open, worst \(s.byAsset[$0].openByLevel.worst?.rawValue ?? "—"))" }.joined(separator: ", ")
                + (exposed.count > 10 ? " and \(exposed.count - 10) more (\(jewels.count) crown jewels in all)." : "."))
        }
        if s.bypassed.open > 0 { points.append("\(count(s.bypassed.open, "open finding has", "open findings have")) an upstream filter that another route avoids (see Bypassed filters).") }
        let expired = a.expiredAcceptances.count, soon = a.acceptancesExpiring(within: 30).count
        if expired + soon > 0 { points.append("Acceptances: \(expired) expired, \(soon) expiring within 30 days (see Accepted risks).") }
        if !a.egress.isEmpty { points.append("\(count(a.egress.count, "flow sends", "flows send")) confidential or restricted data to a third party (see Sensitive data leaving the workload).") }
        if let p = paths, let best = PathsDOT.topPaths(p, limit: 1).first {
            points.append("Most probable attack path: \(MarkdownEscaping.cell(best.actor)) to \(MarkdownEscaping.cell(best.target)), probability \(TextFormatting.decimal(best.probability, 4)).")
        }
        return points
    }

    /// How many high or critical findings are open, and the three assets with the most (ties by id).
    static func severePoint(_ a: Analysis, _ s: CoverageSummary) -> String {
        let w = a.workload
        func severe(_ c: LevelCounts) -> Int { c.high + c.critical }
        guard severe(s.openByLevel) > 0 else { return "No open finding is high or critical." }
        let perAsset = s.byAsset.map { severe($0.openByLevel) }
        // The three assets with the most, ties by id: kept in order while scanning, not by sorting them all.
        func before(_ x: Int, _ y: Int) -> Bool { (perAsset[x], w.assets[y].id) > (perAsset[y], w.assets[x].id) }
        var top: [Int] = []
        for i in perAsset.indices where perAsset[i] > 0 && (top.count < 3 || before(i, top[top.count - 1])) {
            top.insert(i, at: top.firstIndex { before(i, $0) } ?? top.count)
            if top.count > 3 { top.removeLast() }
        }
        return "\(count(severe(s.openByLevel), "high or critical finding is", "high or critical findings are")) open, most on " + top.map { "\(MarkdownEscaping.cell(w.assets[$0].name, max: 60)) (\(perAsset[$0]))" }.joined(separator: ", ") + "."
    }

    static func matrix(_ a: Analysis, _ s: CoverageSummary, _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        let c = a.catalog
        let w = a.workload
        doc.heading(2, "Coverage by layer and asset")
        doc.paragraph("For each asset, how many of its findings an implemented control on each defense layer covers; *Open* and *Worst* are its open findings. An asset defended on one layer only has nothing behind that layer.")
        let openScore = s.byAsset.map(\.openScore)
        let order = w.assets.indices.sorted { x, y in
            openScore[x] != openScore[y] ? openScore[x] > openScore[y] : w.assets[x].id < w.assets[y].id
        }
        let rows = order.prefix(o.maxRows * 2).map { i -> [String] in
            let coverage = s.byAsset[i]
            var row = [MarkdownEscaping.cell(w.assets[i].name, max: 60) + (w.assets[i].isTarget ? " ★" : ""), MarkdownEscaping.code(w.assets[i].kind), "\(coverage.statuses.applicable)"]
            for li in c.layers.indices {
                let n = s.findings(ofAsset: i, coveredOnLayer: li)
                row.append(n == 0 ? "—" : "\(n)")
            }
            return row + ["\(coverage.statuses.open)", coverage.openByLevel.worst?.rawValue ?? "—"]
        }
        doc.table(["Asset", "Kind", "Findings"] + c.layers.map { MarkdownEscaping.cell($0.name) } + ["Open", "Worst"], rows)
        if order.count > rows.count { doc.paragraph("… and \(count(order.count - rows.count, "more asset")).") }
    }

    /// Gap when any finding is a gap, partial when any is partial, else covered; — without applicable findings.
    static func verdict(_ counts: StatusCounts) -> String {
        if counts.applicable == 0 { return "—" }
        if counts.gap > 0 { return "gap" }
        if counts.partial > 0 { return "partial" }
        return "covered"
    }

    static func frameworks(_ a: Analysis, _ s: CoverageSummary, _ doc: inout MarkdownBlocks) {
        let c = a.catalog
        // The first assets of each threat's applicable findings, in id order (findings are sorted by asset id).
        var assetsOf = [[String]](repeating: [], count: c.threats.count)
        for f in a.findings where f.status != .notApplicable && assetsOf[f.threat].count < 6 { assetsOf[f.threat].append(a.workload.assets[f.asset].id) }
        for fw in a.frameworks where fw.hasPrefix("owasp") {
            doc.heading(2, frameworkName(a, fw))
            doc.paragraph("*Verdict*: gap when any asset has nothing against the entry, partial when some asset has only planned or detective controls, covered when every finding is covered, accepted or not applicable; — when it applies to no asset here.")
            let rows = c.threats.enumerated().filter { $0.element.framework == fw && $0.element.parent == nil }.map { i, t -> [String] in
                let counts = s.byThreat[i], assets = assetsOf[i]
                return [MarkdownEscaping.code(t.id), MarkdownEscaping.cell(t.name, max: 70),
                        assets.isEmpty ? "—" : assets.map { MarkdownEscaping.cell($0) }.joined(separator: ", ") + (counts.applicable > 6 ? " and \(counts.applicable - 6) more" : ""),
                        "\(counts.covered)", "\(counts.accepted)", "\(counts.partial)", "\(counts.gap)", verdict(counts)]
            }
            doc.table(["Id", "Name", "Assets", "Covered", "Accepted", "Partial", "Gap", "Verdict"], rows)
        }
        if a.frameworks.contains("atlas") { tactics(a, s, &doc) }
    }

    /// ATLAS findings by tactic.
    static func tactics(_ a: Analysis, _ s: CoverageSummary, _ doc: inout MarkdownBlocks) {
        doc.heading(2, "MITRE ATLAS tactics")
        doc.paragraph("Findings grouped by the ATLAS tactics of their technique (a sub-technique counts under its parent's tactics when it lists none). A technique with several tactics counts under each.")
        let rows = a.catalog.tactics.enumerated().map { ti, tactic -> [String] in
            let counts = s.byTactic[ti]
            return [MarkdownEscaping.code(tactic.id), MarkdownEscaping.cell(tactic.name), "\(s.techniquesByTactic[ti])", "\(counts.applicable)",
                    "\(counts.covered + counts.accepted)", "\(counts.partial)", "\(counts.gap)", verdict(counts)]
        }
        doc.table(["Tactic", "Name", "Techniques", "Findings", "Covered or accepted", "Partial", "Gap", "Verdict"], rows)
    }
}
