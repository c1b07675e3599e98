import ThreatGraph

/// The report's first screen and its planned-controls section: what a design review needs before the details.
extension MarkdownReport {
    /// Threats in the one-screen summary, and assets named per threat.
    static let glanceThreats = 5, glanceAssets = 4

    /// The top risks grouped by threat across assets, the toxic combinations, the most probable attack path and the
    /// first plan steps.
    static func glance(_ a: Analysis, _ open: [Finding], _ paths: PathAnalysis?, _ doc: inout MarkdownBlocks) {
        let c = a.catalog
        doc.heading(2, "At a glance")
        doc.paragraph("The worst open risks, one row per threat with the assets it hits; what could turn an agent into a data thief; the most probable attack path; and the first steps of the plan. The sections after this one give the details.")
        let rows = topThreats(a, open).map { group -> [String] in
            let names = group.findings.prefix(glanceAssets).map { MarkdownEscaping.code(a.workload.assets[$0.asset].id) }
            let more = group.findings.count > glanceAssets ? " and \(group.findings.count - glanceAssets) more" : ""
            let worst = group.findings[0]
            return [MarkdownEscaping.code(c.threats[group.threat].id), MarkdownEscaping.cell(c.displayName(of: c.threats[group.threat]), max: 60),
                    "\(worst.level.rawValue) \(TextFormatting.score(worst.score))", names.joined(separator: ", ") + more]
        }
        if rows.isEmpty { doc.paragraph("No finding is open.") } else { doc.table(["Threat", "Name", "Worst risk", "Open on"], rows) }
        var points: [String] = []
        let toxic = a.toxicCombinations
        if !toxic.isEmpty {
            let open = toxic.filter { !$0.broken }.count
            points.append("Toxic agent combinations: \(count(toxic.count, "agent chain")) (\(open) with no leg broken): " + toxic.map { MarkdownEscaping.code($0.agent) }.joined(separator: ", ") + ".")
        }
        if let top = paths?.paths.max(by: { ($0.probability, $1.actor) < ($1.probability, $0.actor) }) {
            let route = ([top.actor] + top.hops.map(\.to)).map { MarkdownEscaping.code($0) }.joined(separator: " → ")
            points.append("Most probable attack path (\(TextFormatting.decimal(top.probability * 100, 2)) %): \(route).")
        }
        for r in paths?.recommendations.prefix(3) ?? [] {
            let note = PathsText.stepNote(r, layer: c.controls[r.control].layer)
            points.append("Plan step \(r.rank): \(MarkdownEscaping.code(c.controls[r.control].id)) on \(MarkdownEscaping.code(r.asset)), removes \(TextFormatting.score(r.riskRemoved)) of open risk" + (note.isEmpty ? "." : " (\(MarkdownEscaping.cell(note)))."))
        }
        if !points.isEmpty { doc.list(points) }
    }

    /// The first `glanceThreats` threats among the open findings of medium risk or worse (`open` is worst first),
    /// each with its findings of that risk, worst first. Only those threats' findings are gathered.
    static func topThreats(_ a: Analysis, _ open: [Finding]) -> [(threat: Int, findings: [Finding])] {
        var slot = [Int](repeating: -1, count: a.catalog.threats.count), order: [Int] = []
        var end = open.count
        for (i, f) in open.enumerated() {
            guard f.level >= .medium else { end = i; break }
            if slot[f.threat] < 0 && order.count < glanceThreats { slot[f.threat] = order.count; order.append(f.threat) }
        }
        var groups = [[Finding]](repeating: [], count: order.count)
        for f in open[..<end] where slot[f.threat] >= 0 { groups[slot[f.threat]].append(f) }
        return order.indices.map { (order[$0], groups[$0]) }
    }

    /// Every control the model declares planned, where, with what it will close when done and its note.
    static func plannedControls(_ a: Analysis, _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        let c = a.catalog, w = a.workload
        // Planned references with the assets whose findings they can count for; counted only for the rows shown.
        var planned: [(ref: ControlRef, place: String, assets: () -> [Int])] = []
        for ai in w.assets.indices { for ref in w.assets[ai].controls where ref.status == .planned { planned.append((ref, w.assets[ai].id, { [ai] })) } }
        for (bi, b) in w.boundaries.enumerated() {
            for ref in b.controls where ref.status == .planned { planned.append((ref, "boundary \(b.id)", { assetsInside(a.resolved, bi) })) }
        }
        for (fi, f) in w.flows.enumerated() {
            for ref in f.controls where ref.status == .planned {
                planned.append((ref, "flow \(f.id)", { if case .asset(let ai) = a.resolved.flowTo[fi] { [ai] } else { [] } }))
            }
        }
        let rows = planned.prefix(o.maxRows).compactMap { p -> [String]? in
            guard let ci = c.controlIndex[p.ref.id] else { return nil }
            let control = c.controls[ci]
            let covers = p.assets().reduce(0) { $0 + covering(a, control: ci, asset: $1) }
            return [MarkdownEscaping.code(control.id), MarkdownEscaping.cell(control.name, max: 60), MarkdownEscaping.cell(p.place), "\(covers)",
                    control.kind == .preventive ? "\(covers)" : "0 (\(control.kind.rawValue))", p.ref.note.map { MarkdownEscaping.cell($0, max: 120) } ?? "—"]
        }
        guard !rows.isEmpty else { return }
        doc.heading(2, "Planned controls")
        doc.paragraph("Controls the model declares planned: how many open findings each would count for once implemented, and how many it would close (a preventive control covers them; a detective or responsive one lowers their risk instead).")
        doc.table(["Control", "Name", "On", "Open findings it counts for", "Would close", "Note"], rows)
        if planned.count > rows.count { doc.paragraph("… and \(count(planned.count - rows.count, "more planned control")) in the model.") }
    }

    /// Open findings of an asset for which a planned control counts.
    private static func covering(_ a: Analysis, control ci: Int, asset: Int) -> Int {
        a.findings(ofAsset: asset).filter { f in f.status.isOpen && f.controls.contains { $0.control == ci && $0.status == .planned } }.count
    }

    /// The assets inside a boundary and its nested boundaries.
    private static func assetsInside(_ r: ResolvedWorkload, _ b: Int) -> [Int] {
        var out: [Int] = [], stack = [b], seen = Set<Int>()
        while let x = stack.popLast() {
            guard seen.insert(x).inserted else { continue }
            out += r.boundaryAssets[x]
            stack += r.boundaryChildren[x]
        }
        return out
    }
}
