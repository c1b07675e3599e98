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
        var doc = MarkdownBlocks()
        header(a, &doc, options)
        let open = a.openFindings
        summary(a, paths, open, &doc)
        model(a, &doc, options)
        openFindings(a, open, &doc, options)
        bypasses(a, &doc, options)
        egress(a, &doc)
        if let paths { attackPaths(a, paths, &doc, options) }
        matrix(a, &doc, options)
        frameworks(a, &doc)
        if let paths { recommendations(a, paths, &doc) }
        acceptances(a, &doc)
        exclusions(a, &doc)
        doc.heading(2, "Risk formula")
        doc.paragraph("Each finding's score multiplies four factors, each at most 1, so adding a control never raises a level. Scores are rounded to one decimal here; the JSON has them unrounded.")
        doc.fence("text", [RiskModel.formulaText])
        catalog(a, &doc)
        return doc.rendered()
    }

    // MARK: - Sections

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

    static func summary(_ a: Analysis, _ paths: PathAnalysis?, _ open: [Finding], _ doc: inout MarkdownBlocks) {
        let w = a.workload
        let c = a.catalog
        doc.heading(2, "Summary")
        let jewels = w.assets.filter(\.isTarget).count
        var text = "\(count(w.assets.count, "asset")), \(count(w.actors.count, "actor")), \(count(w.boundaries.count, "trust boundary", "trust boundaries")), \(count(w.flows.count, "flow")), \(count(jewels, "crown jewel")). "
        // Counted by position in `allCases` (arrays, not dictionaries: a finding costs an increment).
        let statuses = FindingStatus.allCases, levels = Severity.allCases
        func position<T: Equatable>(_ x: T, in all: [T]) -> Int { all.firstIndex(of: x) ?? 0 }
        var statusCount = [Int](repeating: 0, count: statuses.count)
        for finding in a.findings { statusCount[position(finding.status, in: statuses)] += 1 }
        var levelCount = [Int](repeating: 0, count: levels.count)
        for finding in open { levelCount[position(finding.level, in: levels)] += 1 }
        text += "\(count(a.findings.count, "finding")): " + statuses.indices.reversed().map { "\(statusCount[$0]) \(statuses[$0].rawValue)" }.joined(separator: ", ") + ". "
        text += "Open risk total \(TextFormatting.score(a.openRiskTotal)) over \(count(open.count, "open finding")): "
        text += levels.indices.reversed().map { "\(levelCount[$0]) \(levels[$0].rawValue)" }.joined(separator: ", ") + "."
        doc.paragraph(text)
        doc.list(keyPoints(a, paths, open))
        doc.paragraph("A finding is one threat on one asset. *Covered*: an implemented preventive control stops it. *Accepted*: open, but accepted by an owner until a date. *Partial*: only planned, detective or responsive controls. *Gap*: nothing. *Open* means partial or gap.")

        // One pass: counts by layer, by framework, by depth.
        let layerOf = Dictionary(c.layers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        let assetLayer = w.assets.map { asset in layerOf[c.kind(asset.kind)?.layer ?? "application"] ?? -1 }
        let frameworkOf = Dictionary(a.frameworks.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
        let threatFramework = c.threats.map { frameworkOf[$0.framework] }
        var byLayer = [[Int]](repeating: [Int](repeating: 0, count: statuses.count), count: c.layers.count)
        var byFramework = [[Int]](repeating: [Int](repeating: 0, count: statuses.count), count: a.frameworks.count)
        var depths = [0, 0, 0, 0]
        var single = 0, bypassed = 0
        for finding in a.findings where finding.status != .notApplicable {
            let s = position(finding.status, in: statuses)
            if assetLayer[finding.asset] >= 0 { byLayer[assetLayer[finding.asset]][s] += 1 }
            if let fw = threatFramework[finding.threat] { byFramework[fw][s] += 1 }
            depths[min(finding.depth, 3)] += 1
            if finding.singleLayer && finding.status == .covered { single += 1 }
            if finding.isBypassed { bypassed += 1 }
        }
        func number(_ counts: [Int], _ status: FindingStatus) -> Int { counts[statuses.firstIndex(of: status) ?? 0] }
        var rows: [[String]] = []
        for (li, layer) in c.layers.enumerated() {
            let counts = byLayer[li], total = counts.reduce(0, +)
            guard total > 0 else { continue }
            let covered = number(counts, .covered)
            rows.append([MarkdownEscaping.cell(layer.name), "\(total)", "\(covered)", "\(number(counts, .accepted))",
                         "\(number(counts, .partial))", "\(number(counts, .gap))", TextFormatting.percent(covered, total)])
        }
        doc.paragraph("Coverage by layer (a finding's layer is its asset kind's layer):")
        doc.table(["Layer", "Findings", "Covered", "Accepted", "Partial", "Gap", "Covered %"], rows)
        rows = a.frameworks.indices.map { fi in
            let counts = byFramework[fi], total = counts.reduce(0, +)
            let covered = number(counts, .covered)
            return [frameworkName(a, a.frameworks[fi]), "\(total)", "\(covered)", "\(number(counts, .accepted))",
                    "\(number(counts, .partial) + number(counts, .gap))", TextFormatting.percent(covered, total)]
        }
        doc.paragraph("Coverage by framework:")
        doc.table(["Framework", "Findings", "Covered", "Accepted", "Open", "Covered %"], rows)

        var depth = "Defense in depth — layers among the implemented controls covering each finding: \(depths[0]) with none, \(depths[1]) with one, \(depths[2]) with two, \(depths[3]) with three or more. "
        depth += "\(count(single, "covered high or critical finding rests", "covered high or critical findings rest")) on a single layer; "
        depth += "\(count(bypassed, "finding has", "findings have")) an upstream filter that some route bypasses"
        depth += a.bypassSearchComplete ? "." : " (some assets have more than 8 bypassed filters; the first 8 by id are listed)."
        doc.paragraph(depth)
        if let paths {
            doc.paragraph("Attack paths: \(count(paths.paths.count, "path")) to \(count(Set(paths.paths.map(\.target)).count, "crown jewel")); \(count(paths.recommendations.count, "recommended control placement")).")
        }
    }

    /// What a review board should look at first.
    static func keyPoints(_ a: Analysis, _ paths: PathAnalysis?, _ open: [Finding]) -> [String] {
        let w = a.workload
        var points: [String] = []
        let severe = open.filter { $0.level >= .high }
        if severe.isEmpty {
            points.append("No open finding is high or critical.")
        } else {
            var perAsset = [Int](repeating: 0, count: w.assets.count)
            for f in severe { perAsset[f.asset] += 1 }
            // The three assets with the most, ties by id: kept in order while scanning, not by sorting them all.
            func before(_ x: Int, _ y: Int) -> Bool { (perAsset[x], w.assets[y].id) > (perAsset[y], w.assets[x].id) }
            var top: [Int] = []
            for i in perAsset.indices where perAsset[i] > 0 && (top.count < 3 || before(i, top[top.count - 1])) {
                top.insert(i, at: top.firstIndex { before(i, $0) } ?? top.count)
                if top.count > 3 { top.removeLast() }
            }
            points.append("\(count(severe.count, "high or critical finding is", "high or critical findings are")) open, most on " + top.map { "\(MarkdownEscaping.cell(w.assets[$0].name, max: 60)) (\(perAsset[$0]))" }.joined(separator: ", ") + ".")
        }
        let critical = open.filter { $0.level == .critical }
        if !critical.isEmpty {
            points.append("Critical: " + critical.prefix(3).map { f in
                "\(MarkdownEscaping.cell(a.catalog.displayName(of: a.catalog.threats[f.threat]), max: 60)) (\(MarkdownEscaping.code(a.catalog.threats[f.threat].id))) on \(MarkdownEscaping.cell(w.assets[f.asset].name, max: 60)), \(f.status.rawValue), score \(TextFormatting.score(f.score))"
            }.joined(separator: "; ") + (critical.count > 3 ? "; and \(critical.count - 3) more." : "."))
        }
        let (worst, openCount) = DiagramStyle.worstOpen(a)
        let jewels = w.assets.indices.filter { w.assets[$0].isTarget }
        let exposed = jewels.filter { openCount[$0] > 0 }
        if !jewels.isEmpty {
            points.append(exposed.isEmpty ? "Every crown jewel has all its findings covered, accepted or not applicable."
                : "Crown jewels with open findings: " + exposed.map { "\(MarkdownEscaping.cell(w.assets[$0].name, max: 60)) (\(openCount[$0]) open, worst \(worst[$0]?.rawValue ?? "—"))" }.joined(separator: ", ") + ".")
        }
        let bypassedOpen = open.filter { $0.isBypassed }.count
        if bypassedOpen > 0 { points.append("\(count(bypassedOpen, "open finding has", "open findings have")) an upstream filter that another route avoids (see Bypassed filters).") }
        let expired = a.expiredAcceptances.count, soon = a.acceptancesExpiring(within: 30).count
        if expired + soon > 0 { points.append("Acceptances: \(expired) expired, \(soon) expiring within 30 days (see Accepted risks).") }
        if !a.egress.isEmpty { points.append("\(count(a.egress.count, "flow sends", "flows send")) confidential or restricted data to a third party (see Sensitive data leaving the workload).") }
        if let p = paths, let best = PathsDOT.topPaths(p, limit: 1).first {
            points.append("Most probable attack path: \(MarkdownEscaping.cell(best.actor)) to \(MarkdownEscaping.cell(best.target)), probability \(TextFormatting.decimal(best.probability, 4)).")
        }
        return points
    }

    static func model(_ a: Analysis, _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        doc.heading(2, "Model")
        let w = a.workload
        let nodes = w.actors.count + w.assets.count
        let (worst, _) = DiagramStyle.worstOpen(a)
        var lines = ["flowchart LR"]
        if nodes > o.mermaidMaxNodes || w.flows.count > 3 * o.mermaidMaxNodes {
            lines += reducedMermaid(a, worst: worst)
            doc.paragraph("The model has \(nodes) actors and assets, more than Mermaid lays out legibly (\(o.mermaidMaxNodes)); this diagram shows each top-level trust boundary as one node, filled by its worst open finding, with the number of flows between them. "
                + (o.stem.map { "[\(MarkdownEscaping.inline("\($0).dataflow.dot"))](\(linkTarget("\($0).dataflow.dot"))) has every asset (Graphviz; sub-views with `threatgraph diagram --boundary ID`)." } ?? "`threatgraph diagram --view dataflow` draws every asset."))
        } else {
            lines += fullMermaid(a, worst: worst)
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

    static func fullMermaid(_ a: Analysis, worst: [Severity?]) -> [String] {
        let w = a.workload
        var ids: [String: String] = [:]
        var lines: [String] = []
        var classes: [String: [String]] = [:]
        for (i, actor) in w.actors.enumerated() {
            ids[actor.id] = "a\(i)"
            lines.append("  a\(i)([\"\(MarkdownEscaping.mermaidLabel(actor.name))<br/>\(actor.trust.rawValue)\"])")
        }
        let boundaryIDs = Set(w.boundaries.map(\.id))
        var assetsIn: [String: [Int]] = [:]
        var loose: [Int] = []
        for (i, asset) in w.assets.enumerated() {
            ids[asset.id] = "n\(i)"
            if let b = asset.boundary, boundaryIDs.contains(b) { assetsIn[b, default: []].append(i) } else { loose.append(i) }
        }
        var children: [String: [Int]] = [:]
        var roots: [Int] = []
        for (i, b) in w.boundaries.enumerated() {
            if let p = b.parent, boundaryIDs.contains(p), p != b.id { children[p, default: []].append(i) } else { roots.append(i) }
        }
        func node(_ i: Int, _ indent: String) -> String {
            let asset = w.assets[i]
            let label = (asset.isTarget ? "★ " : "") + MarkdownEscaping.mermaidLabel(asset.name) + "<br/>" + MarkdownEscaping.mermaidLabel(asset.kind)
            if let l = worst[i] { classes[l.rawValue, default: []].append("n\(i)") }
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
        func subgraph(_ b: Int, depth: Int) {
            guard depth <= w.boundaries.count else { return }
            let indent = String(repeating: "  ", count: depth + 1)
            lines.append("\(indent)subgraph b\(b)[\"\(MarkdownEscaping.mermaidLabel(w.boundaries[b].name))\"]")
            for i in assetsIn[w.boundaries[b].id] ?? [] { lines.append(node(i, indent + "  ")) }
            for c in children[w.boundaries[b].id] ?? [] { subgraph(c, depth: depth + 1) }
            lines.append("\(indent)end")
        }
        for r in roots { subgraph(r, depth: 0) }
        for i in loose { lines.append(node(i, "  ")) }
        for f in w.flows {
            guard let from = ids[f.from], let to = ids[f.to] else { continue }
            let arrow = f.bidirectional ? "<-->" : "-->"
            if let data = f.data, !DOTEscaping.clean(data).isEmpty {
                lines.append("  \(from) \(arrow)|\"\(MarkdownEscaping.mermaidLabel(data, max: 40))\"| \(to)")
            } else {
                lines.append("  \(from) \(arrow) \(to)")
            }
        }
        for key in classes.keys.sorted() { lines.append("  class \((classes[key] ?? []).joined(separator: ",")) \(key)") }
        return lines
    }

    static func reducedMermaid(_ a: Analysis, worst: [Severity?]) -> [String] {
        let w = a.workload
        var parent: [String: String] = [:]
        for b in w.boundaries { if let p = b.parent { parent[b.id] = p } }
        let boundaryIDs = Set(w.boundaries.map(\.id))
        let roots: [Boundary] = w.boundaries.filter { b in b.parent.map { !boundaryIDs.contains($0) } ?? true }
        var rootIndex: [String: Int] = [:]
        for (i, r) in roots.enumerated() where rootIndex[r.id] == nil { rootIndex[r.id] = i }
        func root(of boundary: String?) -> Int? {
            var b = boundary
            var steps = 0
            while let id = b, steps <= w.boundaries.count {
                if let r = rootIndex[id] { return r }
                b = parent[id]
                steps += 1
            }
            return nil
        }
        var group: [String: String] = [:]
        var members = [Int](repeating: 0, count: roots.count + 1)
        var groupWorst = [Severity?](repeating: nil, count: roots.count + 1)
        for (i, actor) in w.actors.enumerated() { group[actor.id] = "a\(i)" }
        for (i, asset) in w.assets.enumerated() {
            let g = root(of: asset.boundary) ?? roots.count
            group[asset.id] = "g\(g)"
            members[g] += 1
            if let l = worst[i], groupWorst[g].map({ l > $0 }) ?? true { groupWorst[g] = l }
        }
        var lines: [String] = []
        for (i, actor) in w.actors.enumerated() {
            lines.append("  a\(i)([\"\(MarkdownEscaping.mermaidLabel(actor.name))<br/>\(actor.trust.rawValue)\"])")
        }
        for (g, r) in roots.enumerated() where members[g] > 0 {
            lines.append("  g\(g)[\"\(MarkdownEscaping.mermaidLabel(r.name))<br/>\(members[g]) assets\"]")
        }
        if members[roots.count] > 0 { lines.append("  g\(roots.count)[\"Outside any boundary<br/>\(members[roots.count]) assets\"]") }
        var edges: [String: Int] = [:]
        for f in w.flows {
            guard let from = group[f.from], let to = group[f.to], from != to else { continue }
            edges["\(from) \(to)", default: 0] += 1
        }
        for key in edges.keys.sorted() {
            let parts = key.split(separator: " ")
            lines.append("  \(parts[0]) -->|\"\(edges[key] ?? 0) flows\"| \(parts[1])")
        }
        var classes: [String: [String]] = [:]
        for g in groupWorst.indices where members[g] > 0 { if let l = groupWorst[g] { classes[l.rawValue, default: []].append("g\(g)") } }
        for key in classes.keys.sorted() { lines.append("  class \((classes[key] ?? []).joined(separator: ",")) \(key)") }
        return lines
    }

    /// Groups open findings worst first; related findings of other frameworks on the same asset share a row.
    static func openFindings(_ a: Analysis, _ open: [Finding], _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        let c = a.catalog
        doc.heading(2, "Open findings")
        guard !open.isEmpty else {
            doc.paragraph("No finding is open: every applicable threat is covered, accepted or not applicable.")
            return
        }
        doc.paragraph("\(count(open.count, "open finding")), worst risk first. *Closing controls* are the catalog controls that would cover the finding if implemented on its asset (preventive first, then effectiveness per unit of cost). Findings of other frameworks naming the same weakness on the same asset are grouped on one row.")
        // Findings already shown, by (threat, asset).
        let assets = a.workload.assets.count
        var shown: Set<Int> = []
        var rows: [[String]] = []
        var more = 0
        var closingControls = ClosingControls(a)
        for f in open where shown.insert(f.threat * assets + f.asset).inserted {
            guard rows.count < o.maxRows else { more += 1; continue }
            let related = a.relatedFindings(of: f)
            for r in related where r.status.isOpen { shown.insert(r.threat * assets + r.asset) }
            let threat = c.threats[f.threat]
            let asset = a.workload.assets[f.asset]
            let closing = closingControls.controls(for: f, limit: 2).map { MarkdownEscaping.code($0.id) }
            let relatedText = related.map { "\(MarkdownEscaping.code(c.threats[$0.threat].id)) \($0.status.rawValue)" }.joined(separator: ", ")
            var flags: [String] = []
            if f.isBypassed { flags.append("bypassed filter") }
            if f.acceptanceState == .expired { flags.append("acceptance expired") }
            rows.append(["\(rows.count + 1)", "\(f.level.rawValue) \(TextFormatting.score(f.score))", MarkdownEscaping.code(threat.id),
                         MarkdownEscaping.cell(c.displayName(of: threat), max: 60), MarkdownEscaping.cell(asset.name, max: 60),
                         f.status.rawValue + (flags.isEmpty ? "" : " (\(flags.joined(separator: ", ")))"),
                         f.exposure?.rawValue ?? "unreachable", closing.isEmpty ? "none on this kind; filter upstream" : closing.joined(separator: ", "),
                         relatedText.isEmpty ? "—" : relatedText])
        }
        doc.table(["#", "Risk", "Threat", "Name", "Asset", "Status", "Exposure", "Closing controls", "Same weakness"], rows)
        if more > 0 {
            doc.paragraph("… and \(count(more, "more open finding")) (after grouping): `threatgraph gaps " + a.workload.files.map { DOTEscaping.clean($0, max: 200).replacingOccurrences(of: "`", with: "") }.joined(separator: " ") + "` lists them all.")
        }
    }

    static func bypasses(_ a: Analysis, _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        struct Group { var control: Int; var on: String; var route: [String]; var findings: [Finding]; var worst: Double }
        // Keyed by (control, route number), which identifies (control, on, route) within the analysis.
        struct Key: Hashable { var control: Int; var route: Int }
        var groups: [Group] = []
        var groupOf: [Key: Int] = [:]
        for f in a.findings where f.isBypassed && (f.status.isOpen || f.status == .accepted) {
            for (k, key) in f.bypassedKeys.enumerated() {
                let key = Key(control: key.control, route: key.route)
                if let g = groupOf[key] {
                    groups[g].findings.append(f)
                    groups[g].worst = max(groups[g].worst, f.score)
                } else {
                    let b = f.bypassed[k]
                    groupOf[key] = groups.count
                    groups.append(Group(control: b.control, on: b.on, route: b.route, findings: [f], worst: f.score))
                }
            }
        }
        guard !groups.isEmpty else { return }
        doc.heading(2, "Bypassed filters")
        doc.paragraph("An inbound filter upstream mitigates these threats, but a route reaches the asset without passing it, so the filter does not count there. Each row is one filter and the fewest-hop route that avoids it, with the open or accepted findings it leaves unprotected (worst first); findings another control covers are left out. Closing the route, or adding the filter where the routes meet, protects them all.")
        // Worst first; ties by control id, then asset, then route, element by element.
        let controlIDs = a.catalog.controls.map(\.id)
        groups.sort { x, y in
            if x.worst != y.worst { return x.worst > y.worst }
            if x.control != y.control { return controlIDs[x.control] < controlIDs[y.control] }
            if x.on != y.on { return x.on < y.on }
            return x.route.lexicographicallyPrecedes(y.route)
        }
        let ordered = groups
        var rows: [[String]] = []
        for g in ordered.prefix(o.maxRows) {
            let list = a.worstFirst(g.findings)
            let ids = list.prefix(6).map { MarkdownEscaping.code($0.id) + ($0.status == .accepted ? " (accepted)" : "") }.joined(separator: ", ")
                + (list.count > 6 ? " and \(list.count - 6) more" : "")
            let openList = list.filter { $0.status.isOpen }
            rows.append([MarkdownEscaping.code(a.catalog.controls[g.control].id), MarkdownEscaping.cell(g.on),
                         g.route.map { MarkdownEscaping.cell($0, max: 60) }.joined(separator: " → "), ids,
                         openList.first.map { "\($0.level.rawValue) \(TextFormatting.score($0.score))" } ?? "none open"])
        }
        doc.table(["Filter", "On", "Route that avoids it", "Findings left unprotected", "Worst open"], rows)
        if ordered.count > rows.count { doc.paragraph("… and \(count(ordered.count - rows.count, "more bypassed filter")).") }
        if !a.bypassSearchComplete { doc.paragraph("Some assets have more than 8 bypassed filters; the first 8 by id are listed for each.") }
    }

    static func egress(_ a: Analysis, _ doc: inout MarkdownBlocks) {
        guard !a.egress.isEmpty else { return }
        doc.heading(2, "Sensitive data leaving the workload")
        doc.paragraph("Flows that carry confidential or restricted data across a trust boundary to a third-party model or an external API. Check the provider's data-use terms, minimise or redact what is sent, and protect the connection.")
        let rows = a.egress.map { e -> [String] in
            let flow = a.workload.flows[e.flow]
            return [MarkdownEscaping.code(e.id), MarkdownEscaping.cell(e.from), MarkdownEscaping.cell(e.to), MarkdownEscaping.cell(flow.data ?? "—", max: 60),
                    e.sensitivity.rawValue, e.level.rawValue, e.controls.isEmpty ? "none" : e.controls.map { MarkdownEscaping.code($0) }.joined(separator: ", ")]
        }
        doc.table(["Flow", "From", "To", "Data", "Sensitivity", "Level", "Implemented flow controls"], rows)
    }

    static func attackPaths(_ a: Analysis, _ p: PathAnalysis, _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        let c = a.catalog
        doc.heading(2, "Attack paths")
        let top = PathsDOT.topPaths(p, limit: o.topPaths)
        guard !top.isEmpty else {
            doc.paragraph("No attack path reaches a crown jewel.")
            return
        }
        doc.paragraph("The most probable routes from an actor to a crown jewel. Each hop uses the most likely threat at its destination after the controls in place; *breakers* are controls that would mitigate that threat there.")
        for (n, path) in top.enumerated() {
            doc.heading(3, "Path \(n + 1) — \(MarkdownEscaping.cell(path.actor)) to \(MarkdownEscaping.cell(path.target)), probability \(TextFormatting.decimal(path.probability, 4))")
            var steps: [String] = []
            for hop in path.hops {
                let threat = c.threats.indices.contains(hop.threat) ? c.threats[hop.threat] : nil
                var text = "\(MarkdownEscaping.cell(hop.from)) → \(MarkdownEscaping.cell(hop.to)): "
                text += threat.map { "\(MarkdownEscaping.cell(c.displayName(of: $0))) (\(MarkdownEscaping.code($0.id)))" } ?? "unknown threat"
                if let t = hop.tactic { text += ", tactic \(MarkdownEscaping.cell(c.tactic(t)?.name ?? t))" }
                text += ", p = \(TextFormatting.decimal(hop.probability, 3))"
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

    static func matrix(_ a: Analysis, _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        let c = a.catalog
        let w = a.workload
        doc.heading(2, "Coverage by layer and asset")
        doc.paragraph("For each asset, how many of its findings an implemented control on each defense layer covers; *Open* and *Worst* are its open findings. An asset defended on one layer only has nothing behind that layer.")
        var byAsset = [[Finding]](repeating: [], count: w.assets.count)
        for f in a.findings where f.status != .notApplicable { byAsset[f.asset].append(f) }
        let openScore = byAsset.map { list in list.reduce(0.0) { $1.status.isOpen ? $0 + $1.score : $0 } }
        let order = w.assets.indices.sorted { x, y in
            openScore[x] != openScore[y] ? openScore[x] > openScore[y] : w.assets[x].id < w.assets[y].id
        }
        var rows: [[String]] = []
        for i in order.prefix(o.maxRows * 2) {
            let list = byAsset[i]
            let openList = list.filter { $0.status.isOpen }
            var row = [MarkdownEscaping.cell(w.assets[i].name, max: 60) + (w.assets[i].isTarget ? " ★" : ""), MarkdownEscaping.code(w.assets[i].kind), "\(list.count)"]
            for layer in c.layers {
                let n = list.filter { $0.layers.contains(layer.id) }.count
                row.append(n == 0 ? "—" : "\(n)")
            }
            row += ["\(openList.count)", openList.map(\.level).max()?.rawValue ?? "—"]
            rows.append(row)
        }
        doc.table(["Asset", "Kind", "Findings"] + c.layers.map { MarkdownEscaping.cell($0.name) } + ["Open", "Worst"], rows)
        if order.count > rows.count { doc.paragraph("… and \(count(order.count - rows.count, "more asset")).") }
    }

    static func verdict(_ list: [Finding]) -> String {
        if list.isEmpty { return "—" }
        if list.contains(where: { $0.status == .gap }) { return "gap" }
        if list.contains(where: { $0.status == .partial }) { return "partial" }
        return "covered"
    }

    static func frameworks(_ a: Analysis, _ doc: inout MarkdownBlocks) {
        let c = a.catalog
        var byThreat: [Int: [Finding]] = [:]
        for f in a.findings where f.status != .notApplicable { byThreat[f.threat, default: []].append(f) }
        for fw in a.frameworks where fw.hasPrefix("owasp") {
            doc.heading(2, frameworkName(a, fw))
            doc.paragraph("*Verdict*: gap when any asset has nothing against the entry, partial when some asset has only planned or detective controls, covered when every finding is covered, accepted or not applicable; — when it applies to no asset here.")
            let rows = c.threats.enumerated().filter { $0.element.framework == fw && $0.element.parent == nil }.map { i, t -> [String] in
                let list = byThreat[i] ?? []
                let assets = list.map { a.workload.assets[$0.asset].id }  // in id order: findings are sorted by asset id
                return [MarkdownEscaping.code(t.id), MarkdownEscaping.cell(t.name, max: 70),
                        assets.isEmpty ? "—" : assets.prefix(6).map { MarkdownEscaping.cell($0) }.joined(separator: ", ") + (assets.count > 6 ? " and \(assets.count - 6) more" : ""),
                        "\(list.filter { $0.status == .covered }.count)", "\(list.filter { $0.status == .accepted }.count)",
                        "\(list.filter { $0.status == .partial }.count)", "\(list.filter { $0.status == .gap }.count)", verdict(list)]
            }
            doc.table(["Id", "Name", "Assets", "Covered", "Accepted", "Partial", "Gap", "Verdict"], rows)
        }
        guard a.frameworks.contains("atlas") else { return }
        doc.heading(2, "MITRE ATLAS tactics")
        doc.paragraph("Findings grouped by the ATLAS tactics of their technique (a sub-technique counts under its parent's tactics when it lists none). A technique with several tactics counts under each.")
        var byTactic: [String: [Finding]] = [:]
        for (t, list) in byThreat where c.threats[t].framework == "atlas" {
            let threat = c.threats[t]
            let tactics = threat.tactics.isEmpty ? (threat.parent.flatMap { c.threat($0)?.tactics } ?? []) : threat.tactics
            for tactic in Set(tactics) { byTactic[tactic, default: []] += list }
        }
        let rows = c.tactics.map { tactic -> [String] in
            let list = byTactic[tactic.id] ?? []
            let techniques = Set(list.map(\.threat)).count
            return [MarkdownEscaping.code(tactic.id), MarkdownEscaping.cell(tactic.name), "\(techniques)", "\(list.count)",
                    "\(list.filter { $0.status == .covered || $0.status == .accepted }.count)", "\(list.filter { $0.status == .partial }.count)",
                    "\(list.filter { $0.status == .gap }.count)", verdict(list)]
        }
        doc.table(["Tactic", "Name", "Techniques", "Findings", "Covered or accepted", "Partial", "Gap", "Verdict"], rows)
    }

    static func recommendations(_ a: Analysis, _ p: PathAnalysis, _ doc: inout MarkdownBlocks) {
        let c = a.catalog
        guard !p.recommendations.isEmpty || p.cut != nil else { return }
        doc.heading(2, "Recommendations")
        if !p.recommendations.isEmpty {
            doc.paragraph("Control placements in order, each the most open risk removed per unit of cost after the ones before it.")
            let rows = p.recommendations.map { r -> [String] in
                let control = c.controls.indices.contains(r.control) ? c.controls[r.control] : nil
                return ["\(r.rank)", control.map { MarkdownEscaping.code($0.id) } ?? "—", MarkdownEscaping.cell(control?.name ?? "", max: 60),
                        MarkdownEscaping.cell(r.asset), TextFormatting.score(r.riskRemoved), "\(r.cost)"]
            }
            doc.table(["Step", "Control", "Name", "Asset", "Risk removed", "Cost"], rows)
        }
        if let cut = p.cut {
            doc.heading(3, "Cut")
            if cut.assets.isEmpty {
                doc.paragraph("No path reaches probability \(TextFormatting.decimal(cut.threshold, 4)); nothing to cut.")
            } else {
                doc.paragraph("Protecting these assets cuts every attack path with probability at least \(TextFormatting.decimal(cut.threshold, 4)):")
                let rows = zip(cut.assets, cut.controls + Array(repeating: -1, count: max(0, cut.assets.count - cut.controls.count))).map { asset, ci -> [String] in
                    [MarkdownEscaping.cell(asset), c.controls.indices.contains(ci) ? MarkdownEscaping.code(c.controls[ci].id) : "—"]
                }
                doc.table(["Asset", "Cheapest control that breaks the paths there"], rows)
            }
        }
    }

    static func acceptances(_ a: Analysis, _ doc: inout MarkdownBlocks) {
        let w = a.workload
        guard !w.acceptedRisks.isEmpty else { return }
        doc.heading(2, "Accepted risks")
        let matched = Set(a.findings.compactMap(\.acceptance))
        let today = a.options.asOf.dayNumber
        let order = w.acceptedRisks.indices.sorted { (w.acceptedRisks[$0].expires, w.acceptedRisks[$0].findingID) < (w.acceptedRisks[$1].expires, w.acceptedRisks[$1].findingID) }
        let expired = order.filter { w.acceptedRisks[$0].expires.dayNumber < today }.count
        let soon = order.filter { let d = w.acceptedRisks[$0].expires.dayNumber - today; return d >= 0 && d < 30 }.count
        doc.paragraph("\(count(w.acceptedRisks.count, "acceptance")): \(expired) expired and \(soon) expiring within 30 days of \(a.options.asOf). An expired acceptance no longer holds: its finding counts as open again.")
        let rows = order.map { i -> [String] in
            let r = w.acceptedRisks[i]
            let days = r.expires.dayNumber - today
            let state = days < 0 ? "**expired**" : days < 30 ? "**expires in \(count(days, "day"))**" : "valid"
            return [MarkdownEscaping.code(r.findingID), MarkdownEscaping.cell(r.owner, max: 60), r.ticket.map { MarkdownEscaping.cell($0, max: 40) } ?? "—",
                    r.expires.description, state + (matched.contains(i) ? "" : " (matches no finding)"), MarkdownEscaping.cell(r.reason, max: 200)]
        }
        doc.table(["Finding", "Owner", "Ticket", "Expires", "State", "Reason"], rows)
    }

    static func exclusions(_ a: Analysis, _ doc: inout MarkdownBlocks) {
        let w = a.workload
        guard !w.notApplicable.isEmpty || !w.overrides.isEmpty else { return }
        doc.heading(2, "Exclusions and overrides")
        if !w.notApplicable.isEmpty {
            doc.paragraph("Findings declared not applicable, with the model's reasons:")
            doc.table(["Finding", "Reason"], w.notApplicable.sorted { $0.findingID < $1.findingID }.map {
                [MarkdownEscaping.code($0.findingID), MarkdownEscaping.cell($0.reason, max: 200)]
            })
        }
        if !w.overrides.isEmpty {
            doc.paragraph("Ratings changed by the model, with its reasons:")
            doc.table(["Control or threat", "Asset", "Change", "Reason"], w.overrides.map { o -> [String] in
                var change: [String] = []
                if let e = o.effectiveness { change.append("effectiveness \(TextFormatting.decimal(e, 3))\(o.control.flatMap { a.catalog.control($0) }.map { " (catalog \(TextFormatting.decimal($0.effectiveness, 3)))" } ?? "")") }
                if let s = o.severity { change.append("severity \(s.rawValue)") }
                if let l = o.likelihood { change.append("likelihood \(TextFormatting.decimal(l, 3))") }
                return [MarkdownEscaping.code(o.control ?? o.threat ?? "—"), o.asset.map { MarkdownEscaping.cell($0) } ?? "every asset",
                        change.isEmpty ? "—" : change.joined(separator: ", "), MarkdownEscaping.cell(o.reason, max: 200)]
            })
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

/// Markdown assembled from blocks separated by exactly one blank line, so headings, lists, tables and fences are
/// always surrounded by blank lines and no line ends in a space.
struct MarkdownBlocks {
    private var blocks: [String] = []

    mutating func heading(_ level: Int, _ text: String) {
        var t = text.trimmingTrailingSpace()
        while let last = t.unicodeScalars.last, ".,;:!。，；：！".unicodeScalars.contains(last) { t.unicodeScalars.removeLast() }
        blocks.append(String(repeating: "#", count: level) + " " + t)
    }

    mutating func paragraph(_ text: String) {
        let t = text.trimmingTrailingSpace()
        if !t.isEmpty { blocks.append(t) }
    }

    mutating func list(_ items: [String]) {
        guard !items.isEmpty else { return }
        blocks.append(items.map { "- " + $0.trimmingTrailingSpace() }.joined(separator: "\n"))
    }

    mutating func orderedList(_ items: [String]) {
        guard !items.isEmpty else { return }
        blocks.append(items.enumerated().map { "\($0 + 1). " + $1.trimmingTrailingSpace() }.joined(separator: "\n"))
    }

    /// A table; every row is padded or cut to the header's column count.
    mutating func table(_ header: [String], _ rows: [[String]]) {
        guard !rows.isEmpty else {
            blocks.append("None.")
            return
        }
        func line(_ cells: [String]) -> String {
            let fitted = (0..<header.count).map { i -> String in
                let cell = i < cells.count ? cells[i].trimmingTrailingSpace() : ""
                return cell.isEmpty ? "—" : cell
            }
            return "| " + fitted.joined(separator: " | ") + " |"
        }
        blocks.append(([line(header), "|" + String(repeating: " --- |", count: header.count)] + rows.map(line)).joined(separator: "\n"))
    }

    mutating func fence(_ language: String, _ lines: [String]) {
        blocks.append((["```" + language] + lines.map { $0.trimmingTrailingSpace() } + ["```"]).joined(separator: "\n"))
    }

    func rendered() -> String { blocks.joined(separator: "\n\n") + "\n" }
}

extension String {
    /// The string without trailing spaces and tabs.
    func trimmingTrailingSpace() -> String {
        var s = self
        while let last = s.unicodeScalars.last, last == " " || last == "\t" { s.unicodeScalars.removeLast() }
        return s
    }
}
