import Foundation
import Testing
import ThreatGraph
@testable import ThreatGraphExport

/// The report's open findings: one row per threat across assets, then every finding in a collapsible block that
/// stays bounded on an estate.
struct ReportFindingsTests {
    /// The lines of the open-findings section, split at the collapsible block.
    static func section(_ report: String) -> (byThreat: [String], details: [String]) {
        let body = report.components(separatedBy: "## Open findings\n").dropFirst().first?.components(separatedBy: "\n## ").first ?? ""
        let parts = body.components(separatedBy: "<details>")
        let rows = { (text: String) in text.split(separator: "\n").map(String.init).filter { $0.hasPrefix("| ") && !$0.hasPrefix("| #") && !$0.hasPrefix("| ---") } }
        return (rows(parts.first ?? ""), rows(parts.dropFirst().first ?? ""))
    }

    static func cells(_ row: String) -> [String] { tableCells(row).map { $0.trimmingCharacters(in: .whitespaces) } }

    @Test func eachThreatHasOneRowAndEveryOpenFindingIsInTheDetails() throws {
        let a = try analyse(Fixtures.small)
        let (byThreat, details) = Self.section(MarkdownReport.render(a, paths: nil))
        let threats = byThreat.map { Self.cells($0)[2] }
        #expect(Set(threats).count == threats.count)
        #expect(threats.count < a.openFindings.count)
        // Every open finding is a row, or folded into the row of an equivalent open entry on its asset.
        let shown = Set(details.map { let c = Self.cells($0); return c[2] + "@" + c[4] })
        func row(_ f: Finding) -> String { "`\(a.catalog.threats[f.threat].id)`@\(a.workload.assets[f.asset].name)" }
        for f in a.openFindings {
            #expect(shown.contains(row(f)) || a.relatedFindings(of: f).contains { $0.status.isOpen && shown.contains(row($0)) }, "\(row(f))")
        }
        #expect(details.count <= a.openFindings.count)
    }

    @Test func anEstateListsAtMostTheBoundInTheDetails() throws {
        let a = try analyse(Fixtures.estate(assets: 300, boundaries: 30))
        #expect(a.openFindings.count > MarkdownReport.detailRows)
        let report = MarkdownReport.render(a, paths: nil)
        let (byThreat, details) = Self.section(report)
        #expect(byThreat.count <= ReportOptions().maxRows)
        #expect(details.count == MarkdownReport.detailRows)
        #expect(report.contains("more open findings (after grouping): the JSON result holds them all"))
        #expect(markdownProblems(report) == [])
    }
}
