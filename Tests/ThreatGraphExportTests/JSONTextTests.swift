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
        // The bytes `report` writes are the same document.
        #expect(ResultJSON.renderData(a, extra: extra) == Data(ResultJSON.render(a, extra: extra).utf8))
    }

    /// The attack-path members streamed into the result equal their tree form, on every example model.
    @Test(arguments: ["ecommerce-qna-chatbot", "rag-knowledge-assistant", "agentic-operations-assistant", "model-training-pipeline"])
    func streamedPathMembersEqualTheTreeForm(_ model: String) throws {
        let (catalog, _) = CatalogLoader.load(base: CatalogLoader.embeddedFiles())
        let c = try #require(catalog)
        let bytes = try Array(Data(contentsOf: packageRoot.appendingPathComponent("Models/\(model).json")))
        let (w, _) = ModelLoader.load([InputFile(name: "m.json", bytes: bytes)], catalog: c)
        let a = Analysis(catalog: c, workload: try #require(w), options: AnalysisOptions(asOf: try #require(CalendarDate(parsing: "2027-01-01"))))
        let p = a.pathAnalysis()
        #expect(!p.edges.isEmpty && !p.paths.isEmpty && !p.recommendations.isEmpty)
        let extra: [(String, JSONText)] = [("check", .object([("passed", .bool(false))]))]
        let tree = ResultJSON.document(a, extra: PathsJSON.members(p, in: a) + extra).rendered()
        #expect(ResultJSON.render(a, paths: p, extra: extra) == tree)
        #expect(ResultJSON.renderData(a, paths: p, extra: extra) == Data(tree.utf8))
    }
}

/// SARIF is written in the layout of Foundation's `JSONEncoder` (pretty, sorted keys, unescaped slashes); the
/// direct writer must keep producing exactly that layout.
@Suite struct EncoderStyleJSONTests {
    struct Sample: Encodable {
        var zeta = "last/key"
        var alpha: [Int] = []
        var empty: [String: Int] = [:]
        var Beta = ["%SRCROOT%": ["text": "x"], "$schema": ["text": "y"]]
        var numbers: [Double] = [4.5, 9, 0.25, 10, 0.01, 6.75]
        var nested = [["ruleIndex": 3], ["a": 1, "ab": 2, "aB": 4]]
        var flag = true
        var escaped = "quote \" backslash \\ newline \n tab \t é"
    }

    @Test func matchesFoundationsEncoder() throws {
        let s = Sample()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(s), as: UTF8.self) + "\n"
        let text: JSONText = .object([
            ("zeta", .string(s.zeta)), ("alpha", .array([])), ("empty", .object([])),
            ("Beta", .object(s.Beta.map { ($0.key, .object([("text", .string($0.value["text"] ?? ""))])) })),
            ("numbers", .array(s.numbers.map { .number($0) })),
            ("nested", .array(s.nested.map { .object($0.map { ($0.key, .int($0.value)) }) })),
            ("flag", .bool(true)), ("escaped", .string(s.escaped)),
        ])
        #expect(text.renderedEncoderStyle() == expected)
    }
}
