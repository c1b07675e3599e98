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
