import ThreatGraph

/// What the design-review report includes besides the analysis.
public struct ReportOptions: Sendable, Hashable {
    /// The stem of the sibling files (`STEM.dataflow.dot`, …) the report links to; nil: no links.
    public var stem: String?
    /// Most rows in a long table; the rest are counted in an "and N more" line.
    public var maxRows: Int
    /// Above this many actors and assets, or 3× as many flows, the Mermaid diagram is reduced to boundaries.
    public var mermaidMaxNodes: Int
    /// Attack paths described step by step.
    public var topPaths: Int
    /// Whether `STEM.*.svg` renderings sit beside the report, to be embedded (needs `stem`).
    public var pictures = false

    /// Creates options.
    public init(stem: String? = nil, maxRows: Int = 40, mermaidMaxNodes: Int = 150, topPaths: Int = 5) {
        self.stem = stem
        self.maxRows = maxRows
        self.mermaidMaxNodes = mermaidMaxNodes
        self.topPaths = topPaths
    }
}

/// The Markdown design-review report: summary, model diagram, open findings, bypasses, egress, attack paths,
/// coverage matrix, framework tables, recommendations, acceptances, exclusions, risk formula and catalog sources.
/// Every piece of model text is escaped, so tables keep their columns whatever the names contain.
public enum MarkdownReport {
    /// Renders the report; `paths` is nil until attack paths are computed, and its sections are then left out.
    public static func render(_ a: Analysis, paths: PathAnalysis?, options: ReportOptions = ReportOptions()) -> String {
        render(a, paths: paths, options: options, summary: CoverageSummary(a), tree: BoundaryTree(a.resolved))
    }

    /// Renders the report from a coverage summary and boundary tree of `a` already built.
    static func render(_ a: Analysis, paths: PathAnalysis?, options: ReportOptions, summary s: CoverageSummary, tree: BoundaryTree,
                       open: [Finding]? = nil) -> String {
        var doc = MarkdownBlocks()
        header(a, &doc, options)
        let open = open ?? a.openFindings
        glance(a, open, paths, &doc)
        pictures(options, &doc)
        summary(a, s, paths, open, &doc)
        model(a, s, tree, &doc, options)
        openFindings(a, open, &doc, options)
        bypasses(a, &doc, options)
        egress(a, &doc, options)
        toxicCombinations(a, &doc, options)
        if let paths { attackPaths(a, paths, &doc, options) }
        matrix(a, s, &doc, options)
        frameworks(a, s, &doc)
        if let paths { recommendations(a, paths, &doc, options) }
        plannedControls(a, &doc, options)
        acceptances(a, &doc, options)
        exclusions(a, &doc, options)
        doc.heading(2, "Risk formula")
        doc.paragraph("Each finding's score multiplies four factors, each at most 1, so adding a control never raises a level. Scores are rounded to one decimal here; the JSON has them unrounded.")
        doc.fence("text", [RiskModel.formulaText])
        catalog(a, &doc)
        return doc.rendered()
    }

    // MARK: - Sections

    /// The rendered diagrams, embedded, when `report --render svg` wrote them beside the report.
    static func pictures(_ o: ReportOptions, _ doc: inout MarkdownBlocks) {
        guard o.pictures, let stem = o.stem else { return }
        doc.heading(2, "Diagrams")
        doc.paragraph("The data flow with each asset's worst open risk, the most probable attack paths over it, and a card per asset with its open threats and the control that would close each (rendered by Graphviz beside this report).")
        for (title, view) in [("Data flow", "dataflow"), ("Attack paths", "paths"), ("Open threats by asset", "threats")] {
            doc.paragraph("![\(title)](\(linkTarget("\(stem).\(view).svg")))")
        }
    }

    static func header(_ a: Analysis, _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        let w = a.workload
        doc.heading(1, "\(MarkdownEscaping.cell(w.name, max: 120)) — threat model design review")
        if let d = w.description, !DOTEscaping.clean(d, max: 4000).isEmpty {
            doc.paragraph("**What it is:** " + MarkdownEscaping.cell(d, max: 4000))
        }
        var items = [
            "As of: \(a.options.asOf) (acceptances are judged on this date)",
            "Model: " + w.files.map { MarkdownEscaping.code($0) }.joined(separator: ", "),
            "Cloud: \(MarkdownEscaping.cell(w.cloud))",
            "Frameworks in force: " + a.frameworks.map { frameworkName(a, $0) }.joined(separator: "; "),
            "Catalog: version \(MarkdownEscaping.cell(a.catalog.manifest.version))",
        ]
        if let stem = o.stem {
            let files = ["dataflow.dot", "threats.dot", "paths.dot", "sarif", "json"].map { "\(stem).\($0)" }
            items.append("Beside this report: " + files.map { "[\(MarkdownEscaping.inline($0))](\(linkTarget($0)))" }.joined(separator: ", "))
        }
        doc.list(items)
    }

    /// Rows of the full per-finding list at most (the rest are in the JSON and `gaps`), so an estate's page stays small.
    static let detailRows = 400

    /// Open findings one row per threat across assets, worst first, then every open finding in a collapsible block.
    static func openFindings(_ a: Analysis, _ open: [Finding], _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        doc.heading(2, "Open findings")
        guard !open.isEmpty else {
            doc.paragraph("No finding is open: every applicable threat is covered, accepted or not applicable.")
            return
        }
        let listed = FindingRows(a, open, limit: max(o.maxRows, detailRows))
        let groups = listed.byThreat
        doc.paragraph("\(count(open.count, "open finding")) in \(count(groups.count, "row")), one per threat with the assets it is open on, worst risk first. *Closing controls* are the catalog controls that would cover the worst of them if implemented on its asset (preventive first, then effectiveness per unit of cost). Findings of other frameworks naming the same weakness on the same asset are counted once, under the worst.")
        var closing = ClosingControls(a)
        let c = a.catalog
        let rows = groups.prefix(o.maxRows).enumerated().map { n, g -> [String] in
            let worst = listed.finding(g.first[0])
            let names = g.first.map { MarkdownEscaping.code(a.workload.assets[listed.finding($0).asset].id) }.joined(separator: ", ")
                + (g.count > g.first.count ? " and \(g.count - g.first.count) more" : "")
            let statuses = [g.gaps > 0 ? "\(g.gaps) gap" : "", g.count > g.gaps ? "\(g.count - g.gaps) partial" : ""].filter { !$0.isEmpty }
            let controls = closing.controls(for: worst, limit: 2).map { MarkdownEscaping.code($0.id) }
            return ["\(n + 1)", "\(worst.level.rawValue) \(TextFormatting.score(worst.score))", MarkdownEscaping.code(c.threats[g.threat].id),
                    MarkdownEscaping.cell(c.displayName(of: c.threats[g.threat]), max: 60), names, statuses.joined(separator: ", "),
                    controls.isEmpty ? "none on this kind; filter upstream" : controls.joined(separator: ", "),
                    g.related.isEmpty ? "—" : g.related.sorted().map { MarkdownEscaping.code($0) }.joined(separator: ", ")]
        }
        doc.table(["#", "Worst risk", "Threat", "Name", "Open on", "Findings", "Closing controls", "Same weakness"], rows)
        if groups.count > rows.count { doc.paragraph("… and \(count(groups.count - rows.count, "more threat")) with open findings, listed below.") }
        doc.openDetails("Every open finding, one row each (\(listed.count) of \(listed.count + listed.more) after grouping)")
        doc.table(["#", "Risk", "Threat", "Name", "Asset", "Status", "Exposure", "Closing controls", "Same weakness"], listed.rows(closing: &closing))
        if listed.more > 0 {
            doc.paragraph("… and \(count(listed.more, "more open finding")) (after grouping): the JSON result holds them all, and `threatgraph gaps " + a.workload.files.map { DOTEscaping.clean($0, max: 200).replacingOccurrences(of: "`", with: "") }.joined(separator: " ") + "` lists them.")
        }
        doc.closeDetails()
    }

    static func bypasses(_ a: Analysis, _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        // Keyed by (control, route number), which identifies (control, on, route) within the analysis.
        struct Key: Hashable { var control: Int; var route: Int }
        var groups: [BypassGroup] = []
        var groupOf: [Key: Int] = [:]
        for f in a.findings where f.isBypassed && (f.status.isOpen || f.status == .accepted) {
            var score: Double?
            for (k, key) in f.bypassedKeys.enumerated() {
                let key = Key(control: key.control, route: key.route)
                let value = score ?? f.score
                score = value
                if let g = groupOf[key] {
                    groups[g].add(f, score: value, in: a)
                } else {
                    groupOf[key] = groups.count
                    groups.append(BypassGroup(control: key.control, first: f, filter: k, score: value))
                }
            }
        }
        guard !groups.isEmpty else { return }
        var hidden = 0
        doc.heading(2, "Bypassed filters")
        doc.paragraph("An inbound filter upstream mitigates these threats, but a route reaches the asset without passing it, so the filter does not count there. Each row is one filter and the fewest-hop route that avoids it, with the open or accepted findings it leaves unprotected (worst first); findings another control covers are left out. Closing the route, or adding the filter where the routes meet, protects them all.")
        // Worst first; ties by control id, then asset, then route, element by element. Only the rows shown are
        // ordered in full: those at least as bad as the last row's.
        let controlIDs = a.catalog.controls.map(\.id)
        if o.maxRows > 0, groups.count > o.maxRows {
            let cutoff = groups.map(\.worst).sorted(by: >)[o.maxRows - 1]
            let total = groups.count
            groups = groups.filter { $0.worst >= cutoff }
            hidden = total - groups.count
        }
        // The filter's asset and route, read only for the groups that may be shown.
        for g in groups.indices {
            let b = groups[g].first.bypassed[groups[g].filter]
            (groups[g].on, groups[g].route) = (b.on, b.route)
        }
        groups.sort { x, y in
            if x.worst != y.worst { return x.worst > y.worst }
            if x.control != y.control { return controlIDs[x.control] < controlIDs[y.control] }
            if x.on != y.on { return x.on < y.on }
            return x.route.lexicographicallyPrecedes(y.route)
        }
        let ordered = groups
        var rows: [[String]] = []
        for g in ordered.prefix(o.maxRows) {
            let list = a.worstFirst(g.top)
            let ids = list.prefix(6).map { MarkdownEscaping.code($0.id) + ($0.status == .accepted ? " (accepted)" : "") }.joined(separator: ", ")
                + (g.count > 6 ? " and \(g.count - 6) more" : "")
            rows.append([MarkdownEscaping.code(a.catalog.controls[g.control].id), MarkdownEscaping.cell(g.on),
                         g.route.map { MarkdownEscaping.cell($0, max: 60) }.joined(separator: " → "), ids,
                         g.worstOpen.map { "\($0.level.rawValue) \(TextFormatting.score($0.score))" } ?? "none open"])
        }
        doc.table(["Filter", "On", "Route that avoids it", "Findings left unprotected", "Worst open"], rows)
        if ordered.count + hidden > rows.count { doc.paragraph("… and \(count(ordered.count + hidden - rows.count, "more bypassed filter")).") }
        if !a.bypassSearchComplete { doc.paragraph("Some assets have more than 8 bypassed filters; the first 8 by id are listed for each.") }
    }

    /// The findings one bypassed filter leaves unprotected: how many, the worst few, and the worst open one.
    struct BypassGroup {
        var control: Int, on = "", route: [String] = []
        /// Its first finding, and which of that finding's bypassed filters the group is.
        let first: Finding, filter: Int
        var count = 1
        /// The worst findings (at most 7), in no particular order.
        var top: [Finding]
        var worst: Double
        var worstOpen: Finding?

        init(control: Int, first: Finding, filter: Int, score: Double) {
            self.control = control
            self.first = first
            self.filter = filter
            top = [first]
            worst = score
            worstOpen = first.status.isOpen ? first : nil
        }

        mutating func add(_ f: Finding, score: Double, in a: Analysis) {
            count += 1
            worst = max(worst, score)
            if f.status.isOpen, worstOpen.map({ score > $0.score }) ?? true { worstOpen = f }
            top.append(f)
            // Keep the 7 worst (ties by id, as `worstFirst` orders them) once the list grows.
            if top.count > 32 { top = Array(a.worstFirst(top).prefix(7)) }
        }
    }

    static func egress(_ a: Analysis, _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        guard !a.egress.isEmpty else { return }
        doc.heading(2, "Sensitive data leaving the workload")
        doc.paragraph("Flows that carry confidential or restricted data across a trust boundary to a third-party model or an external API. Check the provider's data-use terms, minimise or redact what is sent, and protect the connection.")
        let rows = a.egress.prefix(o.maxRows).map { e -> [String] in
            let flow = a.workload.flows[e.flow]
            return [MarkdownEscaping.code(e.id), MarkdownEscaping.cell(e.from), MarkdownEscaping.cell(e.to), MarkdownEscaping.cell(flow.data ?? "—", max: 60),
                    e.sensitivity.rawValue, e.level.rawValue, e.controls.isEmpty ? "none" : e.controls.map { MarkdownEscaping.code($0) }.joined(separator: ", ")]
        }
        doc.table(["Flow", "From", "To", "Data", "Sensitivity", "Level", "Implemented flow controls"], rows)
        if a.egress.count > rows.count { doc.paragraph("… and \(count(a.egress.count - rows.count, "more flow")) in the JSON output (`dataEgress`).") }
    }

    static func attackPaths(_ a: Analysis, _ p: PathAnalysis, _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        let c = a.catalog
        doc.heading(2, "Attack paths")
        let top = PathsDOT.topPaths(p, limit: o.topPaths)
        guard !top.isEmpty else {
            doc.paragraph("No attack path reaches a crown jewel.")
            return
        }
        doc.paragraph("The most probable routes from an actor to a crown jewel. Each hop is the most likely technique at its destination that moves an attacker, after the controls in place; *breakers* are controls that would stop that move. Actors that share a route share a block.")
        for (n, group) in sharedRoutes(top).enumerated() {
            let path = group[0]
            let actors = group.map { MarkdownEscaping.cell($0.actor) }.joined(separator: ", ")
            doc.heading(3, "Path \(n + 1) — \(actors) to \(MarkdownEscaping.cell(path.target)), probability \(TextFormatting.decimal(path.probability, 4))")
            var steps: [String] = []
            for (h, hop) in path.hops.enumerated() {
                let threat = c.threats.indices.contains(hop.threat) ? c.threats[hop.threat] : nil
                var text = "\(h == 0 ? actors : MarkdownEscaping.cell(hop.from)) → \(MarkdownEscaping.cell(hop.to)): "
                text += threat.map { "\(MarkdownEscaping.cell(c.displayName(of: $0))) (\(MarkdownEscaping.code($0.id)))" } ?? "unknown threat"
                if let t = hop.tactic { text += ", tactic \(MarkdownEscaping.cell(c.tactic(t)?.name ?? t))" }
                text += ", p = \(TextFormatting.decimal(hop.probability, 3))"
                if let gate = hop.crossesGate { text += ", crossing a gate for \(gate.rawValue) actors without passing it" }
                let breakers = hop.breakers.filter { c.controls.indices.contains($0) }.prefix(3).map { MarkdownEscaping.code(c.controls[$0].id) }
                if !breakers.isEmpty { text += "; breakers: " + breakers.joined(separator: ", ") }
                steps.append(text)
            }
            doc.orderedList(steps)
            var tail = path.complete ? "" : "Enumeration for this pair stopped early (\(path.stoppedBy?.rawValue ?? "bound")). "
            if !path.precedents.isEmpty {
                tail += "Precedents: " + path.precedents.map { "\(MarkdownEscaping.code($0.id)) \(MarkdownEscaping.cell($0.name)) (\(count($0.shared, "shared technique")))" }.joined(separator: "; ") + "."
            }
            if !tail.isEmpty { doc.paragraph(tail.trimmingTrailingSpace()) }
        }
        if p.paths.count > top.count { doc.paragraph("… and \(count(p.paths.count - top.count, "more path")) in the JSON output.") }
    }

    /// Paths grouped by route: those whose hops after the first (and whose targets) are the same, most probable
    /// first; a group's first path stands for it.
    static func sharedRoutes(_ paths: [AttackPath]) -> [[AttackPath]] {
        var order: [String] = [], groups: [String: [AttackPath]] = [:]
        for p in paths {
            let key = p.hops.map { "\($0.to)\u{1}\($0.threat)\u{1}\($0.crossesGate?.rawValue ?? "")" }.joined(separator: "\u{2}")
                + "\u{3}" + (p.hops.first.map { "\($0.threat)" } ?? "")
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(p)
        }
        return order.compactMap { groups[$0] }
    }

    static func recommendations(_ a: Analysis, _ p: PathAnalysis, _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        let c = a.catalog
        guard !p.recommendations.isEmpty || p.cut != nil else { return }
        doc.heading(2, "Recommendations")
        if !p.recommendations.isEmpty {
            doc.paragraph("Control placements in order, each the best value per unit of cost after the ones before it: open risk it covers weighted by the control's effectiveness, more where it adds a layer a finding lacks or completes a control the model declares planned.")
            let rows = p.recommendations.map { r -> [String] in
                let control = c.controls.indices.contains(r.control) ? c.controls[r.control] : nil
                let note = PathsText.stepNote(r, layer: control?.layer ?? "")
                return ["\(r.rank)", control.map { MarkdownEscaping.code($0.id) } ?? "—", MarkdownEscaping.cell(control?.name ?? "", max: 60),
                        MarkdownEscaping.cell(r.asset), TextFormatting.score(r.riskRemoved), "\(r.cost)", note.isEmpty ? "—" : MarkdownEscaping.cell(note)]
            }
            doc.table(["Step", "Control", "Name", "Asset", "Risk removed", "Cost", "Effect"], rows)
        }
        if let cut = p.cut {
            doc.heading(3, "Cut")
            if cut.assets.isEmpty {
                doc.paragraph("No path reaches probability \(TextFormatting.decimal(cut.threshold, 4)); nothing to cut.")
            } else {
                doc.paragraph("Protecting these assets cuts every attack path with probability at least \(TextFormatting.decimal(cut.threshold, 4)) (an asset an actor writes into directly is never the place to protect it from that actor):")
                let rows = zip(cut.assets, cut.placements).prefix(o.maxRows).map { asset, controls -> [String] in
                    let broken = p.paths.filter { path in path.hops.contains { $0.to == asset } }.count
                    return [MarkdownEscaping.cell(asset), controls.isEmpty ? "—" : controls.map { MarkdownEscaping.code(c.controls[$0].id) }.joined(separator: ", "), "\(broken)"]
                }
                doc.table(["Asset", "Controls to place there", "Listed paths through it"], rows)
                if cut.assets.count > rows.count { doc.paragraph("… and \(count(cut.assets.count - rows.count, "more asset")) in the JSON output.") }
            }
        }
    }

    static func acceptances(_ a: Analysis, _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        let w = a.workload
        guard !w.acceptedRisks.isEmpty else { return }
        doc.heading(2, "Accepted risks")
        let matched = Set(a.findings.compactMap(\.acceptance))
        let today = a.options.asOf.dayNumber
        let order = w.acceptedRisks.indices.sorted { (w.acceptedRisks[$0].expires, w.acceptedRisks[$0].findingID) < (w.acceptedRisks[$1].expires, w.acceptedRisks[$1].findingID) }
        let expired = order.filter { w.acceptedRisks[$0].expires.dayNumber < today }.count
        let soon = order.filter { let d = w.acceptedRisks[$0].expires.dayNumber - today; return d >= 0 && d < 30 }.count
        doc.paragraph("\(count(w.acceptedRisks.count, "acceptance")): \(expired) expired and \(soon) expiring within 30 days of \(a.options.asOf). An expired acceptance no longer holds: its finding counts as open again.")
        let rows = order.prefix(o.maxRows).map { i -> [String] in
            let r = w.acceptedRisks[i]
            let days = r.expires.dayNumber - today
            let state = days < 0 ? "**expired**" : days < 30 ? "**expires in \(count(days, "day"))**" : "valid"
            return [MarkdownEscaping.code(r.findingID), MarkdownEscaping.cell(r.owner, max: 60), r.ticket.map { MarkdownEscaping.cell($0, max: 40) } ?? "—",
                    r.expires.description, state + (matched.contains(i) ? "" : " (matches no finding)"), MarkdownEscaping.cell(r.reason, max: 200)]
        }
        doc.table(["Finding", "Owner", "Ticket", "Expires", "State", "Reason"], rows)
        if order.count > rows.count { doc.paragraph("… and \(count(order.count - rows.count, "more acceptance")), expiring later.") }
    }

    static func exclusions(_ a: Analysis, _ doc: inout MarkdownBlocks, _ ro: ReportOptions) {
        let w = a.workload
        guard !w.notApplicable.isEmpty || !w.overrides.isEmpty else { return }
        doc.heading(2, "Exclusions and overrides")
        if !w.notApplicable.isEmpty {
            doc.paragraph("Findings declared not applicable, with the model's reasons:")
            doc.table(["Finding", "Reason"], w.notApplicable.sorted { $0.findingID < $1.findingID }.prefix(ro.maxRows).map {
                [MarkdownEscaping.code($0.findingID), MarkdownEscaping.cell($0.reason, max: 200)]
            })
            if w.notApplicable.count > ro.maxRows { doc.paragraph("… and \(count(w.notApplicable.count - ro.maxRows, "more exclusion")) in the model.") }
        }
        if !w.overrides.isEmpty {
            doc.paragraph("Ratings changed by the model, with its reasons:")
            doc.table(["Control or threat", "Asset", "Change", "Reason"], w.overrides.prefix(ro.maxRows).map { o -> [String] in
                var change: [String] = []
                if let e = o.effectiveness { change.append("effectiveness \(TextFormatting.decimal(e, 3))\(o.control.flatMap { a.catalog.control($0) }.map { " (catalog \(TextFormatting.decimal($0.effectiveness, 3)))" } ?? "")") }
                if let s = o.severity { change.append("severity \(s.rawValue)") }
                if let l = o.likelihood { change.append("likelihood \(TextFormatting.decimal(l, 3))") }
                return [MarkdownEscaping.code(o.control ?? o.threat ?? "—"), o.asset.map { MarkdownEscaping.cell($0) } ?? "every asset",
                        change.isEmpty ? "—" : change.joined(separator: ", "), MarkdownEscaping.cell(o.reason, max: 200)]
            })
            if w.overrides.count > ro.maxRows { doc.paragraph("… and \(count(w.overrides.count - ro.maxRows, "more override")) in the model.") }
        }
    }

    static func catalog(_ a: Analysis, _ doc: inout MarkdownBlocks) {
        let m = a.catalog.manifest
        doc.heading(2, "Catalog")
        doc.paragraph("\(MarkdownEscaping.cell(m.name)) version \(MarkdownEscaping.cell(m.version)): \(a.catalog.threats.count) threats, \(a.catalog.controls.count) controls on \(a.catalog.layers.count) layers. Summaries are ThreatGraph's own words.")
        doc.table(["Source", "Version", "Date", "Licence", "Link"], m.sources.map { s in
            [MarkdownEscaping.cell(s.name) + (s.status == "draft" ? " (draft)" : ""), MarkdownEscaping.cell(s.version), MarkdownEscaping.cell(s.date.isEmpty ? "—" : s.date),
             MarkdownEscaping.cell(s.licence.isEmpty ? "—" : s.licence), s.url.map(autolink) ?? "—"]
        })
    }

    // MARK: - Helpers

    static func frameworkName(_ a: Analysis, _ id: String) -> String {
        guard let s = a.catalog.manifest.sources.first(where: { $0.id == id }) else { return MarkdownEscaping.cell(id) }
        let name = s.name.contains(s.version) ? s.name : "\(s.name) \(s.version)"
        return MarkdownEscaping.cell(name) + (s.status == "draft" && !name.contains("draft") ? " (draft)" : "")
    }

    static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) \(n == 1 ? singular : plural ?? singular + "s")"
    }

    /// A URL as an autolink when it is safe to write as one, else as escaped text.
    static func autolink(_ url: String) -> String {
        let ok = (url.hasPrefix("https://") || url.hasPrefix("http://")) && url.unicodeScalars.allSatisfy { $0.value > 0x20 && $0.value < 0x7F && $0 != "<" && $0 != ">" && $0 != "|" && $0 != "`" }
        return ok ? "<\(url)>" : MarkdownEscaping.cell(url)
    }

    /// A relative link target for a sibling file name (percent-encoding what a link cannot hold).
    static func linkTarget(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_": out.unicodeScalars.append(scalar)
            default: for b in String(scalar).utf8 { out += "%" + (b < 16 ? "0" : "") + String(b, radix: 16, uppercase: true) }
            }
        }
        return out
    }
}
