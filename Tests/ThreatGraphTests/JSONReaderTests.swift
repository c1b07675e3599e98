import Testing
import ThreatGraph

@Suite struct JSONReaderTests {
    @Test(arguments: [
        ("null", "null"), ("true", "boolean"), ("-1.5e3", "number"), (#""a\"b""#, "string"), ("[1, [2]]", "array"), (#"{"a": {}}"#, "object"),
    ])
    func parsesEveryType(text: String, type: String) throws {
        #expect(try JSONReader.parse(Array(text.utf8)).typeName == type)
    }

    @Test func recordsLineAndColumnOfEveryValue() throws {
        let text = "{\n  \"a\": [1,\n    true],\n  \"b\": \"x\"\n}"
        let root = try JSONReader.parse(Array(text.utf8))
        let members = try #require(root.members)
        #expect((members[0].line, members[0].column) == (2, 3))
        let array = try #require(members[0].value.array)
        #expect((array[1].line, array[1].column) == (3, 5))
        #expect((members[1].value.line, members[1].value.column) == (4, 8))
    }

    @Test func decodesEscapesAndSurrogatePairs() throws {
        let value = try JSONReader.parse(Array(#""tab\t nl\n \u00e9 \ud83d\ude00 \/""#.utf8))
        #expect(value.string == "tab\t nl\n é 😀 /")
    }

    @Test func parsesNumbersExactly() throws {
        for (text, expected) in [("0", 0.0), ("-0.25", -0.25), ("12345678901234567890", 12345678901234567890.0), ("1E2", 100.0), ("0.1", 0.1)] {
            #expect(try JSONReader.parse(Array(text.utf8)).number == expected)
        }
    }

    @Test(arguments: [
        ("", 1, 1, "empty document"),
        ("{\"a\": 1,}", 1, 9, "expected a member name"),
        ("[1 2]", 1, 4, "expected ',' or ']'"),
        ("{\n  \"a\" 1\n}", 2, 7, "expected ':'"),
        ("[01]", 1, 3, "leading zeros"),
        ("\"abc", 1, 1, "unterminated string"),
        ("[1] x", 1, 5, "after the end"),
        ("{\"a\": tru}", 1, 7, "'true'"),
        ("NaN", 1, 1, "expected a value"),
        ("[1e999]", 1, 2, "out of range"),
        ("\"\\x\"", 1, 2, "invalid escape"),
        ("\"\\ud800\"", 1, 2, "unpaired"),
        ("{\"a\"\n:\n[\n", 4, 1, "end of file"),
    ])
    func locatesSyntaxErrors(text: String, line: Int, column: Int, message: String) {
        #expect {
            try JSONReader.parse(Array(text.utf8))
        } throws: { error in
            guard let e = error as? JSONSyntaxError else { return false }
            return e.line == line && e.column == column && e.message.contains(message)
        }
    }

    @Test func rejectsInvalidUTF8() {
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test func skipsAByteOrderMark() throws {
        #expect(try JSONReader.parse([0xEF, 0xBB, 0xBF] + Array("[1]".utf8)).array?.count == 1)
    }

    @Test func boundsNestingWithoutRecursion() {
        let deep = Array(String(repeating: "[", count: 100_000).utf8)
        #expect {
            try JSONReader.parse(deep, limits: JSONLimits(maxDepth: 64))
        } throws: { ($0 as? JSONSyntaxError)?.message.contains("nesting deeper than 64") == true }
        let ok = Array((String(repeating: "[", count: 64) + String(repeating: "]", count: 64)).utf8)
        #expect(throws: Never.self) { try JSONReader.parse(ok, limits: JSONLimits(maxDepth: 64)) }
    }

    @Test func boundsStringLength() {
        let text = "\"" + String(repeating: "a", count: 100) + "\""
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse(Array(text.utf8), limits: JSONLimits(maxStringBytes: 50)) }
    }
}
