import Testing
@testable import ThreatGraph

/// A large document is read by two threads, the second from a guessed split point; the document, or the error,
/// must be exactly what one thread gives, wherever the guess falls.
@Suite struct SplitReadingTests {
    /// Everything a document holds: the tape and the line starts.
    struct Snapshot: Equatable {
        let heads: [UInt32]
        let payloads: [UInt64]
        let lineStarts: [UInt32]

        init(_ document: JSONDocument) {
            (heads, payloads) = document.storage.tape.withBuffers { (Array($0), Array($1)) }
            lineStarts = document.lineStarts
        }
    }

    /// The document, or the error, read with the second thread starting its search for a split point at `split`.
    static func read(_ text: String, limits: JSONLimits = JSONLimits(), split: Int?) -> Result<Snapshot, JSONSyntaxError> {
        readCounting(text, limits: limits, split: split).map(\.0)
    }

    /// `read`, with the number of fragments the second thread read that were merged.
    static func readCounting(_ text: String, limits: JSONLimits = JSONLimits(), split: Int?) -> Result<(Snapshot, Int), JSONSyntaxError> {
        do {
            let (document, merged) = try JSONReader.read(Array(text.utf8), limits: limits, splittingFrom: split)
            return .success((Snapshot(document), merged))
        } catch {
            return .failure(error)
        }
    }

    /// Two arrays of objects between other members, with what misleads a guess: `},{` inside strings and keys (in
    /// the first, followed by what reads as the rest of an array), objects whose members are objects, escapes, text
    /// outside ASCII, empty containers and line breaks.
    static let document = """
        {"name": "a },{} ] b", "assets": [
          {"id": "a0", "note": "x},{\\"y\\"", "controls": [{"id": "c1"}, {"id": "c2"}], "n": -1.5e3},
          {"id": "a1", "nested": {"inner": {"deep": [1, 2, {"k": true}]}}, "e": {}, "f": []},{"id": "a2"},
          {"id": "a3", "text": "é😀 \\u00e9 \\ud83d\\ude00", "list": [{}, {"x": null}]}
          ,
          {"id": "a4", "},{": "key"}
        ], "middle": {"o": {"p": 1}, "q": [{"r": 2}, {"s": 3}]},
        "flows": [{"from": "a0", "to": "a1"}, {"from": "a1", "to": "a2", "controls": [{"id": "c3"}]},
          {"from": "a2", "to": "a3"}],
        "tail": [[{"t": 1}, {"t": 2}], [{"t": 3}]]
        }
        """

    @Test func everySplitPointGivesTheSameDocument() throws {
        let serial = Self.read(Self.document, split: nil)
        let snapshot = try serial.get()
        #expect(snapshot.heads.count > 80)
        // How often the second thread's work was used, by how many fragments.
        var used: [Int: Int] = [:]
        for split in 0...Self.document.utf8.count {
            let result = Self.readCounting(Self.document, split: split)
            #expect(result.map(\.0) == serial, "split searched from byte \(split)")
            used[(try? result.get().1) ?? -1, default: 0] += 1
        }
        // Guesses in strings and in objects are given up; guesses between array elements are used, up to three
        // fragments (the rest of the assets, of the flows and of the tail's first array).
        #expect(used[0, default: 0] > 0)
        #expect(used[1, default: 0] > 0)
        #expect(used[3, default: 0] > 0)
        #expect(used[-1] == nil, "\(used)")
    }

    /// Mistakes before, inside and after the fragments, and limits passed only when a fragment is counted in.
    struct BadCase: Sendable, CustomTestStringConvertible {
        let name: String
        let text: String
        var limits = JSONLimits()
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = {
        let doc = SplitReadingTests.document
        func replacing(_ a: String, _ b: String) -> String { doc.replacingOccurrences(of: a, with: b) }
        return [
            BadCase(name: "missing comma in an early asset", text: replacing(#""id": "a0", "note""#, #""id": "a0" "note""#)),
            BadCase(name: "bad literal in a late asset", text: replacing(#""f": []"#, #""f": tru"#)),
            BadCase(name: "unterminated string in a flow", text: replacing(#""to": "a3"}"#, #""to": "a3}"#)),
            BadCase(name: "object closed with a bracket", text: replacing(#"{"id": "a2"}"#, #"{"id": "a2"]"#)),
            BadCase(name: "trailing comma in flows", text: replacing(#""to": "a3"}]"#, #""to": "a3"},]"#)),
            BadCase(name: "garbage after the document", text: doc + " x"),
            BadCase(name: "document cut short", text: String(doc.dropLast(40))),
            BadCase(name: "bad escape", text: replacing(#"\u00e9"#, #"\u00g9"#)),
            BadCase(name: "too deep inside an asset", text: doc, limits: JSONLimits(maxDepth: 5)),
            // A fragment alone is one level short of this limit; counted with the containers around it, it passes it.
            BadCase(name: "too deep by one", text: doc, limits: JSONLimits(maxDepth: 6)),
            BadCase(name: "too many values", text: doc, limits: JSONLimits(maxValues: 30)),
            BadCase(name: "too many values near the end", text: doc, limits: JSONLimits(maxValues: 63)),
            // 67 values, the last in a fragment of its own.
            BadCase(name: "one value too many", text: replacing(#"[{"t": 3}]"#, #"[{"t": 3}, {"t": 4}]"#), limits: JSONLimits(maxValues: 66)),
            BadCase(name: "string too long", text: replacing("a },{} ] b", "a b"), limits: JSONLimits(maxStringBytes: 8)),
        ]
    }()

    @Test(arguments: badCases)
    func everySplitPointGivesTheSameError(_ c: BadCase) {
        let serial = Self.read(c.text, limits: c.limits, split: nil)
        guard case .failure = serial else {
            Issue.record("expected an error")
            return
        }
        for split in 0...c.text.utf8.count {
            #expect(Self.read(c.text, limits: c.limits, split: split) == serial, "split searched from byte \(split)")
        }
    }

    /// A model-sized document: the split is taken from its middle, as `read` takes it, and gives the same model.
    @Test func aLargeModelReadsTheSame() throws {
        let text = ConcurrentReadingTests.largeModel(assets: 9000, mistakes: true)
        #expect(text.utf8.count >= TapeFragments.minimumBytes)
        let serial = try Self.read(text, split: nil).get()
        for split in [text.utf8.count / 2, text.utf8.count / 5] {
            let (snapshot, merged) = try Self.readCounting(text, split: split).get()
            #expect(snapshot == serial)
            #expect(merged >= 2, "the rest of the assets, then the flows")
        }
    }
}
