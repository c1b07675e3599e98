import Testing
import ThreatGraph
import ThreatGraphExport

/// With `report --render svg`, the Markdown embeds the three pictures written beside it; without, it names none.
struct ReportPicturesTests {
    @Test(arguments: [true, false])
    func theReportEmbedsItsRenderings(rendered: Bool) throws {
        let a = try analyse(Fixtures.small)
        var o = ReportOptions(stem: "small")
        o.pictures = rendered
        let md = MarkdownReport.render(a, paths: nil, options: o)
        for view in ["dataflow", "paths", "threats"] { #expect(md.contains("](small.\(view).svg)") == rendered) }
        #expect(markdownProblems(md).isEmpty)
    }
}
