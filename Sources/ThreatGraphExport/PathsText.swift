import Foundation
import ThreatGraph

/// Terminal text for `paths`, `recommend` and `diff`, and the Markdown of `diff`.
public enum PathsText {
    /// Percentage with up to two decimals.
    static func percent(_ p: Double) -> String { TextFormatting.decimal(p * 100, 2) + "%" }

    /// `paths`: each pair's paths, hop by hop, with precedents.
    public static func paths(_ paths: [AttackPath], in a: Analysis, edges: [ExploitEdge]) -> String {
        let c = a.catalog
        guard !paths.isEmpty else {
            return "No attack path reaches a crown jewel (\(edges.count) exploit-graph edges). Mark targets with crownJewel or sensitivity restricted.\n"
        }
        var text = ""
        var lastPair = ""
        for p in paths.sorted(by: { ($1.probability, $0.actor, $0.target, $0.rank) < ($0.probability, $1.actor, $1.target, $1.rank) }) {
            let pair = "\(p.actor) → \(p.target)"
            if pair != lastPair {
                text += "\n\(pair)\(p.complete ? "" : " (stopped by \(p.stoppedBy?.rawValue ?? "bound"))")\n"
                lastPair = pair
            }
            text += "  #\(p.rank)  \(percent(p.probability))  \(([p.actor] + p.hops.map(\.to)).joined(separator: " → "))\n"
            for h in p.hops {
                let t = c.threats[h.threat]
                text += "      \(h.from) → \(h.to)  \(percent(h.probability))  \(t.id) \(TextFormatting.clean(c.displayName(of: t), max: 50))"
                text += h.tactic.map { " [\(c.tactic($0)?.name ?? $0)]" } ?? ""
                if let gate = h.crossesGate { text += " (crosses a gate for \(gate.rawValue) actors)" }
                if let b = h.breakers.first { text += "  break with \(c.controls[b].id)\(h.breakers.count > 1 ? " (+\(h.breakers.count - 1))" : "")" }
                text += "\n"
            }
            if !p.precedents.isEmpty {
                text += "      precedents: " + p.precedents.map { "\($0.id) \(TextFormatting.clean($0.name, max: 50)) (\($0.shared) shared)" }.joined(separator: "; ") + "\n"
            }
        }
        let pairs = Set(paths.map { "\($0.actor)>\($0.target)" }).count
        return "\(paths.count) path\(paths.count == 1 ? "" : "s") for \(pairs) actor–target pair\(pairs == 1 ? "" : "s"); \(edges.count) exploit-graph edges\n" + text
    }

    /// `recommend`: the plan and the cut.
    public static func plan(_ plan: [Recommendation], cut: VertexCut?, in a: Analysis) -> String {
        let c = a.catalog
        var text = "Plan (open risk total \(TextFormatting.score(a.openRiskTotal)); ranked by risk × effectiveness per cost, new layers and declared plans first)\n"
        if plan.isEmpty { text += "  nothing left to recommend\n" }
        var rows: [[String]] = []
        for r in plan {
            let control = c.controls[r.control]
            // Every service of the asset's cloud that implements the control, not only the first.
            let impl = a.resolved.assetIndex[r.asset].map { a.workload.implementations(of: control, asset: $0) }
                .map { $0.joined(separator: ", ") } ?? ""
            rows.append(["  \(r.rank).", control.id, "on \(r.asset)", "−\(TextFormatting.score(r.riskRemoved))", "cost \(r.cost)", stepNote(r, layer: control.layer), impl])
        }
        text += TextFormatting.table(rows)
        if let cut {
            text += "\nCut (paths with probability ≥ \(TextFormatting.decimal(cut.threshold, 4))):\n"
            for (asset, controls) in zip(cut.assets, cut.placements) {
                text += "  on \(asset): \(controls.map { c.controls[$0].id }.joined(separator: ", "))\n"
            }
        } else {
            text += "\nCut: no likely path to a crown jewel at this threshold, or none can be cut with catalog controls.\n"
        }
        return text
    }

    /// "closes 3, adds the application layer to 2, declared planned".
    static func stepNote(_ r: Recommendation, layer: String) -> String {
        var parts: [String] = []
        if !r.closes.isEmpty { parts.append("closes \(r.closes.count)") }
        if r.deepens > 0 { parts.append("adds the \(layer) layer to \(r.deepens)") }
        if r.planned { parts.append("declared planned") }
        return parts.joined(separator: ", ")
    }

    /// `diff` as text.
    public static func diff(_ d: ModelDiff) -> String {
        var text = "Open risk \(TextFormatting.score(d.riskBefore)) → \(TextFormatting.score(d.riskAfter))\n"
        func list(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            text += "\n\(title) (\(items.count))\n" + items.map { "  \($0)\n" }.joined()
        }
        for (title, items) in sections(d, code: { $0 }) { list(title, items) }
        if d.isEmpty { text += "\nNo finding or attack path changed.\n" }
        return text
    }

    /// `diff` as Markdown, for a pull-request comment.
    public static func diffMarkdown(_ d: ModelDiff) -> String {
        func code(_ s: String) -> String { "`" + s.replacingOccurrences(of: "`", with: "'") + "`" }
        var text = "## Threat model changes\n\nOpen risk: **\(TextFormatting.score(d.riskBefore)) → \(TextFormatting.score(d.riskAfter))**\n"
        func list(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            text += "\n### \(title) (\(items.count))\n\n" + items.prefix(50).map { "- \($0)\n" }.joined()
            if items.count > 50 { text += "- and \(items.count - 50) more\n" }
        }
        for (title, items) in sections(d, code: code) { list(title, items) }
        if d.isEmpty { text += "\nNo finding or attack path changed.\n" }
        return text
    }

    /// The diff's sections, titled, in the order text and Markdown print them; empty ones included.
    static func sections(_ d: ModelDiff, code: (String) -> String) -> [(String, [String])] {
        func change(_ c: ModelDiff.LevelChange) -> String {
            let status = c.fromStatus == c.toStatus ? "" : " (\(c.fromStatus.rawValue) → \(c.toStatus.rawValue))"
            return "\(code(c.id)): \(c.from.rawValue) → \(c.to.rawValue)\(status)"
        }
        return [("Opened", d.opened.map(code)), ("Reopened (acceptance expired or removed)", d.reopened.map(code)),
                ("Closed (covered or gone)", d.closed.map(code)), ("Accepted", d.accepted.map(code)),
                ("Not applicable", d.notApplicable.map(code)), ("Changed level or status", d.changed.map(change)),
                ("Attack paths appeared", d.pathsAppeared.map(code)), ("Attack paths vanished (no path left for the pair)", d.pathsVanished.map(code)),
                ("Attack paths displaced (out of the top k)", d.pathsDisplaced.map(code)),
                ("Attack paths changed", d.pathsChanged.map { "\(code($0.id)): \(percent($0.from)) → \(percent($0.to))" })]
    }
}
