import Testing
@testable import ThreatGraph

@Suite struct JSONDocumentTests {
    /// Line and column of every member name and value, from the tape and from the tree built from it.
    static func positions(_ bytes: [UInt8]) throws -> [String: (Int, Int)] {
        let document = try JSONReader.read(bytes)
        var out: [String: (Int, Int)] = [:]
        for m in try #require(document.members(document.root)) {
            let key = document.string(m.key) ?? ""
            out["key:" + key] = document.position(m.key)
            out["value:" + key] = document.position(m.value)
        }
        // The tree agrees with the tape.
        let tree = JSONValue(document, document.root)
        for m in tree.members ?? [] {
            #expect(out["key:" + m.key].map { $0 == (Int(m.line), Int(m.column)) } == true, "\(m.key)")
            #expect(out["value:" + m.key].map { $0 == (Int(m.value.line), Int(m.value.column)) } == true, "\(m.key)")
        }
        return out
    }

    /// A document and the expected (line, column) of member names and values, keyed as `positions` keys them.
    struct PositionCase: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        let expected: [(String, Int, Int)]
        var testDescription: String { name }
    }

    @Test(arguments: [
        PositionCase(name: "after escapes, columns count source bytes", bytes: Array(#"{"a\n\u00e9": "x\"y\\", "b": 1}"#.utf8),
                     expected: [("key:a\né", 1, 2), ("value:a\né", 1, 15), ("key:b", 1, 25), ("value:b", 1, 30)]),
        PositionCase(name: "multi-byte characters count their bytes", bytes: Array("{\"é\": \"😀ü\", \"k\": true}".utf8),
                     expected: [("key:é", 1, 2), ("value:é", 1, 8), ("key:k", 1, 18), ("value:k", 1, 23)]),
        PositionCase(name: "CRLF line ends", bytes: Array("{\r\n  \"a\": 1,\r\n\t\"b\":\r\n [2]\r\n}".utf8),
                     expected: [("key:a", 2, 3), ("value:a", 2, 8), ("key:b", 3, 2), ("value:b", 4, 2)]),
        PositionCase(name: "after a byte-order mark", bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1,\n\"b\": 2}".utf8),
                     expected: [("key:a", 1, 2), ("value:a", 1, 7), ("key:b", 2, 1)]),
    ])
    func positionsOfMembers(_ c: PositionCase) throws {
        let p = try Self.positions(c.bytes)
        for (key, line, column) in c.expected {
            #expect(p[key].map { $0 == (line, column) } == true, "\(key): \(String(describing: p[key]))")
        }
    }

    @Test func positionsAskedOutOfOrderAreRight() throws {
        let text = (0..<50).map { "\"k\($0)\": \($0)" }.joined(separator: ",\n")
        let document = try JSONReader.read(Array("{\n\(text)\n}".utf8))
        let ctx = DecodeContext(document: document, file: "f", schema: ModelSchema.spec, codePrefix: "model")
        let values = Array(try #require(document.members(document.root)))
        for i in [49, 3, 30, 0, 48, 1, 25] {
            #expect(ctx.position(values[i].key) == (i + 2, 1))
            #expect(document.position(values[i].value) == (i + 2, 6 + String(i).count))
        }
    }

    @Test(arguments: [
        [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xC3, 0x5C, 0x6E],
    ] as [[UInt8]])
    func rejectsMalformedUTF8AtTheOpeningQuote(_ bad: [UInt8]) {
        for (prefix, offset) in [("[1, \"", 5), ("{\"a\": 1, \"", 10)] {
            let text = Array(prefix.utf8) + bad + Array("\"".utf8) + (prefix.hasPrefix("{") ? Array(": 1}".utf8) : Array("]".utf8))
            #expect {
                try JSONReader.read(text)
            } throws: { error in
                guard let e = error as? JSONSyntaxError else { return false }
                return e.message == "string is not valid UTF-8" && e.line == 1 && e.column == offset
            }
        }
    }

    @Test func acceptsWellFormedUTF8AndDecodesEscapesWhenRead() throws {
        let document = try JSONReader.read(Array("[\"\u{10FFFF}é😀\", \"a\\u00e9\\ud83d\\ude00\\n\\/\", \"plain\"]".utf8))
        let strings = Array(try #require(document.elements(document.root))).map { document.string($0) }
        #expect(strings == ["\u{10FFFF}é😀", "aé😀\n/", "plain"])
    }

    @Test func controlCharacterBeforeBadUTF8IsReportedFirst() {
        #expect {
            try JSONReader.read([0x22, 0xC3, 0x01, 0x22])
        } throws: { ($0 as? JSONSyntaxError).map { $0.message.contains("control character") && $0.column == 3 } == true }
    }

    @Test func countsValuesNotMemberNames() throws {
        // {"a": [1, 2]} holds four values.
        let text = Array(#"{"a": [1, 2]}"#.utf8)
        #expect(throws: Never.self) { try JSONReader.read(text, limits: JSONLimits(maxValues: 4)) }
        #expect {
            try JSONReader.read(text, limits: JSONLimits(maxValues: 3))
        } throws: { ($0 as? JSONSyntaxError).map { $0.message == "more than 3 values in one file" && $0.column == 11 } == true }
    }

    @Test func depthCountsOpenContainersOnly() {
        #expect(throws: Never.self) { try JSONReader.read(Array("[[[]]]".utf8), limits: JSONLimits(maxDepth: 2)) }
        #expect {
            try JSONReader.read(Array("[[ [1]]]".utf8), limits: JSONLimits(maxDepth: 2))
        } throws: { ($0 as? JSONSyntaxError).map { $0.message == "nesting deeper than 2 levels" && $0.column == 5 } == true }
    }

    @Test func stringLengthCountsDecodedBytes() {
        #expect(throws: Never.self) { try JSONReader.read(Array(#"["\u00e9\n"]"#.utf8), limits: JSONLimits(maxStringBytes: 3)) }
        #expect {
            try JSONReader.read(Array(#"["\u00e9\n"]"#.utf8), limits: JSONLimits(maxStringBytes: 2))
        } throws: { ($0 as? JSONSyntaxError).map { $0.message == "string longer than 2 bytes" && $0.column == 2 } == true }
        #expect {
            try JSONReader.read(Array(#"{"abcd": 1}"#.utf8), limits: JSONLimits(maxStringBytes: 3))
        } throws: { ($0 as? JSONSyntaxError).map { $0.message == "string longer than 3 bytes" && $0.column == 2 } == true }
    }

    @Test func paths() {
        #expect(JSONPath.element("assets", 12) == "assets[12]")
        #expect(JSONPath.element("", -3) == "[-3]")
        #expect(JSONPath.element("assets", Int.min) == "assets[\(Int.min)]")
        #expect(JSONPath.member("", "id") == "id")
        #expect(JSONPath.member("assets[1]", "id") == "assets[1].id")
        #expect(JSONPath.element("assets[123456]", "controls", 7, "id") == "assets[123456].controls[7].id")
        #expect(JSONPath.element("", "controls", 0, "id") == "controls[0].id")
    }
}

@Suite struct ObjectReadingTests {
    func decode(_ text: String) -> [Diagnostic] {
        ModelLoader.decode(InputFile(name: "m.json", bytes: Array(text.utf8))).1
    }

    @Test func escapedMemberNamesMatchFieldsAndDuplicates() {
        let d = decode(#"{"threatgraph": "1", "name": "x", "assets": [{"i\u0064": "a", "kind": "agent", "\u006bind": "llm-endpoint"}]}"#)
        #expect(d.map(\.code) == ["model.duplicate-key"])
        #expect(d.first?.message == "duplicate member 'kind'")
        #expect(d.first?.location == SourceLocation(file: "m.json", line: 1, column: 80, path: "assets[0].kind"))
    }

    @Test func canonicallyEquivalentNamesAreDuplicates() {
        // U+212A KELVIN SIGN is canonically equivalent to "K", as Swift compares strings.
        let d = decode("{\"threatgraph\": \"1\", \"name\": \"x\", \"assets\": [], \"K\": 1, \"\u{212A}\": 2}")
        #expect(d.map(\.code) == ["model.unknown-field", "model.duplicate-key"])
    }

    @Test func escapedValuesAreCheckedAfterDecoding() {
        let ok = decode(#"{"threatgraph": "\u0031", "name": "x", "assets": [{"id": "a\u002db", "kind": "llm\u002dendpoint", "sensitivity": "p\u0075blic"}]}"#)
        #expect(ok.isEmpty, "\(ok.map(\.rendered))")
        let bad = decode(#"{"threatgraph": "1", "name": "x", "assets": [{"id": "a\u0020b", "kind": "x"}]}"#)
        #expect(bad.map(\.code) == ["model.invalid-id"])
    }

    @Test func wellFormedAndCheckedObjectsReadTheSame() throws {
        // The same asset read as written and with unknown members added (which are reported and ignored).
        let fast = try #require(loadModel(model(assets: #"[{"id": "a", "kind": "llm-endpoint", "sensitivity": "restricted", "controls": [{"id": "ctl.model.guardrails", "status": "planned"}]}]"#)).0)
        let slow = try #require(loadModel(model(assets: #"[{"id": "a", "kind": "llm-endpoint", "sensitivity": "restricted", "controls": [{"id": "ctl.model.guardrails", "status": "planned", "x": 1}], "y": 2}]"#)).0)
        #expect(fast.assets == slow.assets)
        #expect(fast.assets.first?.controls.first?.location == SourceLocation(file: "model.json", line: 1, column: 128, path: "assets[0].controls[0].id"))
    }
}

/// Locations whose path ends in a recipe (`.id`, `.controls[i].id`) read, compare and hash as the same path written out.
@Suite struct SourceLocationTests {
    @Test(arguments: [("assets[12345]", ThreatGraph.SourceLocation.Tail.id, "assets[12345].id"),
                      ("assets[12345]", ThreatGraph.SourceLocation.Tail.controlID(0), "assets[12345].controls[0].id"),
                      ("boundaries[7]", ThreatGraph.SourceLocation.Tail.controlID(42), "boundaries[7].controls[42].id"),
                      ("", ThreatGraph.SourceLocation.Tail.id, "id"),
                      ("flows[3]", ThreatGraph.SourceLocation.Tail.none, "flows[3]")])
    func aRecipeReadsAsItsPath(head: String, tail: ThreatGraph.SourceLocation.Tail, path: String) {
        let recipe = SourceLocation(file: "m.json", line: 3, column: 9, head: head, tail: tail)
        let written = SourceLocation(file: "m.json", line: 3, column: 9, path: path)
        #expect(recipe.path == path)
        #expect(recipe == written && written == recipe)
        #expect(Set([recipe, written]).count == 1)
        #expect(recipe != SourceLocation(file: "m.json", line: 3, column: 9, path: path + "x"))
        #expect(recipe != SourceLocation(file: "m.json", line: 3, column: 9, head: head + "x", tail: tail))
        var changed = recipe
        changed.path = "assets[0].kind"
        #expect(changed.path == "assets[0].kind" && changed.line == 3 && changed.column == 9)
    }
}

@Suite struct IDTableTests {
    @Test func lookupAgreesWithValueWithoutChangingTheTable() {
        var table = IDTable(capacity: 4)
        for i in 0..<100 { _ = table.insert("id-\(i)", i) }
        _ = table.insert("K", 100)
        let keys = ["id-0", "id-99", "id-100", "K", "\u{212A}", "", "é"]
        let frozen = table
        let looked = keys.map { frozen.lookup($0) }
        let copy = table
        let valued = keys.map { copy.value($0) }
        #expect(looked == valued && looked == [0, 99, nil, 100, 100, nil, nil])
        // A key outside ASCII is found by any key equal to it as Swift compares strings.
        _ = table.insert("é", 101)
        #expect(table.lookup("é") == 101 && table.lookup("id-5") == 5 && table.lookup("\u{212A}") == 100 && table.lookup("x") == nil)
    }

    @Test func keepsFirstValuesAndGrows() {
        var table = IDTable(capacity: 2)
        var inserted = 0
        for i in 0..<1000 where table.insert("id-\(i)", i) == nil { inserted += 1 }
        #expect(inserted == 1000)
        let again = table.insert("id-7", 99)
        #expect(again == 7)
        for i in stride(from: 0, to: 1000, by: 37) {
            let v = table.value("id-\(i)")
            #expect(v == i)
        }
        let missing = table.value("id-1000"), empty = table.value("")
        #expect(missing == nil && empty == nil)
        let put = table.insert("", 5), got = table.value("")
        #expect(put == nil && got == 5)
    }

    @Test func agreesWithStringEqualityBeyondASCII() {
        var table = IDTable(capacity: 4)
        _ = table.insert("K", 1)
        _ = table.insert("b", 2)
        let kelvin = table.value("\u{212A}")
        #expect(kelvin == 1)
        let put = table.insert("e\u{301}", 3)
        #expect(put == nil)
        let composed = table.value("é"), b = table.value("b")
        #expect(composed == 3 && b == 2)
    }
}
