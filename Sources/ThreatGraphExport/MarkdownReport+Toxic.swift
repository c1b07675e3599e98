import ThreatGraph

extension MarkdownReport {
    /// Toxic agent combinations: a table with the three legs, and for each leg the controls that would break it.
    static func toxicCombinations(_ a: Analysis, _ doc: inout MarkdownBlocks, _ o: ReportOptions) {
        let all = a.toxicCombinations
        // Unbroken ones first, then by agent id; a long list is cut at the report's row limit.
        let list = Array((all.filter { !$0.broken } + all.filter(\.broken)).prefix(o.maxRows))
        guard !list.isEmpty else { return }
        let c = a.catalog
        doc.heading(2, "Toxic agent combinations")
        doc.paragraph("Agents, or chains of agents and tools, that untrusted content reaches, that read confidential or restricted data, and that can send data out of the workload: indirect prompt injection turns them into data theft. Breaking any one leg removes the combination.")
        func route(_ leg: ToxicCombination.Leg) -> String {
            leg.route.map { MarkdownEscaping.code($0) }.joined(separator: " → ") + " (\(MarkdownEscaping.cell(leg.because)))"
        }
        func state(_ leg: ToxicCombination.Leg) -> String {
            leg.broken ? "broken by " + leg.severedBy.map { MarkdownEscaping.code(c.controls[$0].id) }.joined(separator: ", ") : "open"
        }
        let rows = list.map { t -> [String] in
            [MarkdownEscaping.code(t.agent), t.members.map { MarkdownEscaping.code($0) }.joined(separator: ", "),
             route(t.untrusted) + ": " + state(t.untrusted), route(t.sensitive) + ": " + state(t.sensitive), route(t.egress) + ": " + state(t.egress)]
        }
        doc.table(["Agent", "Chain", "Untrusted content in", "Sensitive data in", "Data out"], rows)
        if all.count > list.count { doc.paragraph("… and \(count(all.count - list.count, "more combination")) in the JSON output.") }
        let items = list.prefix(max(1, o.maxRows / 3)).flatMap { t in
            [("untrusted content", t.untrusted), ("sensitive data", t.sensitive), ("data out", t.egress)].map { name, leg in
                "\(MarkdownEscaping.code(t.agent)), \(name): " + (leg.breakers.isEmpty ? "no catalog control"
                    : leg.breakers.map { "\(MarkdownEscaping.code(c.controls[$0.control].id)) on \(MarkdownEscaping.code($0.on)) (\($0.status?.rawValue ?? "add"))" }.joined(separator: ", "))
            }
        }
        doc.paragraph("Controls that weaken or break each leg (in place, then the cheapest to add):")
        doc.list(items)
    }
}
