import Foundation
import Testing
import ThreatGraph
@testable import ThreatGraphExport

@Suite struct TextRendererTests {
    /// Columns are padded to their widest cell, counted in characters; the last column is never padded.
    @Test(arguments: [
        ([["a", "bb", "x"], ["ccc", "d", "y"]], "a    bb  x\nccc  d   y\n"),
        ([["é", "→", "last"], ["ab", "c", ""]], "é   →  last\nab  c  \n"),
        ([["one"], ["two", "more"]], "one\ntwo  more\n"),
        ([[String(repeating: "x", count: 300), "y"], ["z", "w"]], String(repeating: "x", count: 300) + "  y\nz" + String(repeating: " ", count: 299) + "  w\n"),
        ([], ""),
    ])
    func tableAlignsColumnsByCharacters(_ rows: [[String]], _ expected: String) {
        #expect(TextFormatting.table(rows) == expected)
    }

    /// Each row of `gaps` names the finding's closing controls exactly as `closingControls(for:limit:)` gives them,
    /// although the rows work out the candidates once per threat and asset kind.
    @Test func gapRowsNameEachFindingsClosingControls() throws {
        let (catalog, _) = CatalogLoader.load(base: CatalogLoader.embeddedFiles())
        let c = try #require(catalog)
        let bytes = try Array(Data(contentsOf: packageRoot.appendingPathComponent("Models/rag-knowledge-assistant.json")))
        let (w, _) = ModelLoader.load([InputFile(name: "m.json", bytes: bytes)], catalog: c)
        let a = Analysis(catalog: c, workload: try #require(w), options: AnalysisOptions(asOf: try #require(CalendarDate(parsing: "2027-01-01"))))
        let open = a.openFindings
        let lines = TextRenderer.gaps(a, open).split(separator: "\n").map(String.init)
        #expect(lines.count == open.count + 1)
        var withClosing = 0
        for (f, line) in zip(open, lines) {
            let closing = a.closingControls(for: f, limit: 2).map(\.id)
            #expect(line.contains(" \(f.id) "))
            if closing.isEmpty {
                #expect(!line.contains("→"))
            } else {
                withClosing += 1
                #expect(line.hasSuffix("→ " + closing.joined(separator: ", ")), "\(line)")
            }
        }
        #expect(withClosing > 0)
    }
}
