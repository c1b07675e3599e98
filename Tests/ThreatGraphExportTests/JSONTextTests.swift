import Foundation
import Testing
import ThreatGraph
import ThreatGraphExport

@Suite struct JSONTextTests {
    @Test(arguments: [
        ("plain", #""plain""#), ("q\"b\\", #""q\"b\\""#), ("a\nb\tc", #""a\nb\tc""#), ("\u{1}", #""\u0001""#), ("\u{2028}", #""\u2028""#), ("é😀", "\"é😀\""),
    ])
    func escapesStrings(input: String, expected: String) throws {
        var out = ""
        JSONText.escape(input, into: &out)
        #expect(out == expected)
        #expect(try JSONReader.parse(Array(out.utf8)).string == input)
    }

    @Test(arguments: [(1.0, "1"), (0.1, "0.1"), (-2.5, "-2.5"), (1e-7, "1e-07"), (Double.nan, "null")])
    func formatsNumbersShortestRoundTrip(value: Double, text: String) {
        #expect(JSONText.format(value) == text)
    }

    @Test func keepsKeyOrder() {
        let text = JSONText.object([("b", .int(1)), ("a", .array([.null, .bool(true)]))]).rendered()
        #expect(text == "{\n  \"b\": 1,\n  \"a\": [\n    null,\n    true\n  ]\n}\n")
    }

    @Test func schemaMatchesItsGoldenFile() throws {
        try assertGolden(JSONSchemaRenderer.render(), "threatgraph-model.schema.json")
    }
}

@Suite struct ResultJSONTests {
    /// The streaming writer and the tree writer produce the same bytes, findings with every optional member included.
    @Test func streamingEqualsTheTreeForm() throws {
        let (catalog, _) = CatalogLoader.load(base: CatalogLoader.embeddedFiles())
        let c = try #require(catalog)
        let path = packageRoot.appendingPathComponent("Models/ecommerce-qna-chatbot.json")
        let bytes = try Array(Data(contentsOf: path))
        let (w, _) = ModelLoader.load([InputFile(name: "m.json", bytes: bytes)], catalog: c)
        let a = Analysis(catalog: c, workload: try #require(w), options: AnalysisOptions(asOf: try #require(CalendarDate(parsing: "2027-01-01"))))
        #expect(a.findings.contains { $0.acceptance != nil } && a.findings.contains { $0.notApplicable != nil } && a.findings.contains { !$0.bypassed.isEmpty })
        let extra: [(String, JSONText)] = [("check", .object([("passed", .bool(true)), ("empty", .array([])), ("none", .object([]))]))]
        #expect(ResultJSON.render(a, extra: extra) == ResultJSON.document(a, extra: extra).rendered())
    }
}
