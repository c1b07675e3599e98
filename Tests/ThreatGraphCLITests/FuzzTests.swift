import Foundation
import Testing
import ThreatGraph
import ThreatGraphCLI

/// A fixed-seed generator (SplitMix64), so every run fuzzes the same cases.
struct FuzzRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func pick<T>(_ xs: [T]) -> T { xs[below(xs.count)] }
}

/// One mutated model file.
struct FuzzCase: CustomStringConvertible {
    var name: String
    var bytes: [UInt8]
    /// The input is known to be broken JSON: the error must be a syntax error with line and column.
    var syntax = false
    /// The input is known to be valid: `validate` must pass.
    var valid = false
    var description: String { name }
}

/// A step into a JSON tree (Foundation's `JSONSerialization` form).
enum JSONStep { case key(String), index(Int) }

/// Mutations of the example models: truncation, byte flips, type swaps, missing fields, duplicate ids, dangling
/// references, boundary cycles, self-flows, huge strings, raw tokens (`NaN`, `1e400`…), deep nesting, bad UTF-8.
enum Fuzz {
    static let placeholder = "\u{1}RAW\u{1}"

    static func models() -> [(name: String, bytes: [UInt8])] {
        let dir = packageRoot.appendingPathComponent("Models")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
        return names.compactMap { n in (try? Data(contentsOf: dir.appendingPathComponent(n))).map { (n, [UInt8]($0)) } }
    }

    static func serialize(_ tree: Any) -> [UInt8] {
        let data = (try? JSONSerialization.data(withJSONObject: tree, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return [UInt8](data)
    }

    /// Every path to a value in the tree.
    static func paths(_ v: Any, _ prefix: [JSONStep] = []) -> [[JSONStep]] {
        var out = [prefix]
        if let d = v as? [String: Any] {
            for k in d.keys.sorted() { out += paths(d[k] as Any, prefix + [.key(k)]) }
        } else if let a = v as? [Any] {
            for (i, x) in a.enumerated() { out += paths(x, prefix + [.index(i)]) }
        }
        return out
    }

    /// The tree with the value at `path` replaced (nil removes it).
    static func replacing(_ v: Any, at path: ArraySlice<JSONStep>, with new: Any?) -> Any? {
        guard let step = path.first else { return new }
        switch step {
        case .key(let k):
            guard var d = v as? [String: Any], let child = d[k] else { return v }
            d[k] = replacing(child, at: path.dropFirst(), with: new)
            return d
        case .index(let i):
            guard var a = v as? [Any], i < a.count else { return v }
            if let r = replacing(a[i], at: path.dropFirst(), with: new) { a[i] = r } else { a.remove(at: i) }
            return a
        }
    }

    static func value(_ v: Any, at path: [JSONStep]) -> Any? {
        var x: Any? = v
        for step in path {
            switch step {
            case .key(let k): x = (x as? [String: Any])?[k]
            case .index(let i): x = (x as? [Any]).flatMap { i < $0.count ? $0[i] : nil }
            }
        }
        return x
    }

    /// The tree with `body` applied to the array at `key` (created when missing).
    static func editArray(_ tree: Any, _ key: String, _ body: (inout [[String: Any]]) -> Void) -> Any {
        guard var d = tree as? [String: Any] else { return tree }
        var items = (d[key] as? [[String: Any]]) ?? []
        body(&items)
        d[key] = items
        return d
    }

    /// Serialises a tree whose placeholder string stands for a raw token.
    static func withRawToken(_ tree: Any, _ token: String) -> [UInt8] {
        let text = String(decoding: serialize(tree), as: UTF8.self)
        return Array(text.replacingOccurrences(of: "\"\\u0001RAW\\u0001\"", with: token).utf8)
    }

    /// Positions of each kind in a file: after `{`, `[`, `:`, `,`, inside a string, a number, a literal, at a line end.
    static func truncationPoints(_ bytes: [UInt8]) -> [String: [Int]] {
        var points: [String: [Int]] = [:]
        var inString = false
        var escaped = false
        for (i, b) in bytes.enumerated() {
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true; points["escape", default: []].append(i + 1) } else if b == 0x22 { inString = false }
                if inString && b >= 0xC0 { points["utf8", default: []].append(i + 1) }
                if inString { points["string", default: []].append(i + 1) }
                continue
            }
            switch b {
            case 0x22: inString = true; points["quote", default: []].append(i + 1)
            case 0x7B: points["object", default: []].append(i + 1)
            case 0x5B: points["array", default: []].append(i + 1)
            case 0x3A: points["colon", default: []].append(i + 1)
            case 0x2C: points["comma", default: []].append(i + 1)
            case 0x30...0x39: points["number", default: []].append(i + 1)
            case 0x74, 0x66, 0x6E: points["literal", default: []].append(i + 1)
            case 0x0A: points["newline", default: []].append(i + 1)
            default: break
            }
        }
        return points
    }

    /// Every case, in a fixed order.
    static func cases() -> [FuzzCase] {
        var rng = FuzzRandom(state: 0x7468_7265_6174)
        var out: [FuzzCase] = []
        for (name, bytes) in models() {
            let stem = String(name.dropLast(5))
            guard let tree = try? JSONSerialization.jsonObject(with: Data(bytes)) else { continue }
            out.append(FuzzCase(name: "\(stem)-original", bytes: bytes, valid: true))
            // Truncation at every kind of position (a sample of each), and the empty file.
            let points = truncationPoints(bytes)
            for kind in points.keys.sorted() {
                let candidates = points[kind] ?? []
                for _ in 0..<2 {
                    let p = rng.pick(candidates)
                    guard p < bytes.count - 2 else { continue }
                    out.append(FuzzCase(name: "\(stem)-truncate-\(kind)-\(p)", bytes: Array(bytes[..<p]), syntax: true))
                }
            }
            // Byte flips.
            for _ in 0..<12 {
                var b = bytes
                let i = rng.below(b.count)
                b[i] ^= UInt8(1 << rng.below(8))
                out.append(FuzzCase(name: "\(stem)-flip-\(i)", bytes: b))
            }
            // Values replaced by other JSON types.
            let all = paths(tree).filter { !$0.isEmpty }
            let others: [Any] = [NSNull(), 0, true, "x", [Any](), [String: Any](), -1.5, [[String: Any]()]]
            for _ in 0..<14 {
                let path = rng.pick(all)
                let new = rng.pick(others)
                if let t = replacing(tree, at: path[...], with: new) { out.append(FuzzCase(name: "\(stem)-retype-\(path.count)", bytes: serialize(t))) }
            }
            // Raw tokens in place of values: non-JSON numbers, huge numbers, literals JSON does not have.
            let numbers = all.filter { value(tree, at: $0) is NSNumber }
            for token in ["NaN", "1e400", "-1e400", "1e300", "Infinity", "123456789012345678901234567890", "-0", "0.1e-400", "tru", "nul", "01", "1.", "-", "+1"] {
                let path = numbers.isEmpty ? rng.pick(all) : rng.pick(numbers)
                if let t = replacing(tree, at: path[...], with: placeholder) {
                    let isJSON = ["1e300", "123456789012345678901234567890", "-0", "0.1e-400"].contains(token)
                    out.append(FuzzCase(name: "\(stem)-token-\(token)", bytes: withRawToken(t, token), syntax: !isJSON))
                }
            }
            // Required fields dropped.
            for path in [[JSONStep.key("threatgraph")], [.key("name")], [.key("assets")], [.key("assets"), .index(0), .key("id")],
                         [.key("assets"), .index(1), .key("kind")], [.key("actors"), .index(0), .key("trust")], [.key("flows"), .index(0), .key("to")],
                         [.key("flows"), .index(1), .key("from")], [.key("assets"), .index(0), .key("controls"), .index(0), .key("status")]] {
                if value(tree, at: path) != nil, let t = replacing(tree, at: path[...], with: nil) {
                    out.append(FuzzCase(name: "\(stem)-drop-\(path.count)", bytes: serialize(t)))
                }
            }
            // Duplicate ids, dangling references, boundary cycles, self-flows.
            out.append(FuzzCase(name: "\(stem)-duplicate-asset", bytes: serialize(editArray(tree, "assets") { if let a = $0.first { $0.append(a) } })))
            out.append(FuzzCase(name: "\(stem)-actor-id-as-asset", bytes: serialize(editArray(tree, "assets") { a in
                if let actor = (((tree as? [String: Any])?["actors"] as? [[String: Any]])?.first?["id"]) { a.append(["id": actor, "kind": "agent"]) }
            })))
            out.append(FuzzCase(name: "\(stem)-dangling-flow", bytes: serialize(editArray(tree, "flows") { $0.append(["from": "nowhere", "to": "ghost"]) })))
            out.append(FuzzCase(name: "\(stem)-dangling-boundary", bytes: serialize(editArray(tree, "assets") { if !$0.isEmpty { $0[0]["boundary"] = "ghost" } })))
            out.append(FuzzCase(name: "\(stem)-dangling-control", bytes: serialize(editArray(tree, "assets") {
                if !$0.isEmpty { $0[0]["controls"] = [["id": "ctl.nope", "status": "implemented"]] }
            })))
            out.append(FuzzCase(name: "\(stem)-dangling-acceptance", bytes: serialize(editArray(tree, "acceptedRisks") {
                $0.append(["threat": "AML.T9999", "asset": "ghost", "reason": "r", "owner": "o", "expires": "2027-02-30"])
            })))
            out.append(FuzzCase(name: "\(stem)-boundary-cycle", bytes: serialize(editArray(tree, "boundaries") {
                $0 += [["id": "cyc-a", "parent": "cyc-b"], ["id": "cyc-b", "parent": "cyc-c"], ["id": "cyc-c", "parent": "cyc-a"]]
            })))
            out.append(FuzzCase(name: "\(stem)-boundary-self-parent", bytes: serialize(editArray(tree, "boundaries") { $0.append(["id": "me", "parent": "me"]) })))
            out.append(FuzzCase(name: "\(stem)-self-flow", bytes: serialize(editArray(tree, "flows") { f in
                if let id = (((tree as? [String: Any])?["assets"] as? [[String: Any]])?.first?["id"]) { f.append(["from": id, "to": id, "bidirectional": true]) }
            })))
            out.append(FuzzCase(name: "\(stem)-flow-into-actor", bytes: serialize(editArray(tree, "flows") { f in
                let t = tree as? [String: Any]
                if let asset = (t?["assets"] as? [[String: Any]])?.first?["id"], let actor = (t?["actors"] as? [[String: Any]])?.first?["id"] {
                    f.append(["from": asset, "to": actor])
                }
            })))
            // Strings: over the limit, just under it, and ids that are not ids.
            out.append(FuzzCase(name: "\(stem)-huge-string", bytes: serialize(editArray(tree, "assets") { if !$0.isEmpty { $0[0]["description"] = String(repeating: "x", count: 2 << 20) } })))
            out.append(FuzzCase(name: "\(stem)-long-string", bytes: serialize(editArray(tree, "assets") { if !$0.isEmpty { $0[0]["description"] = String(repeating: "é", count: 30_000) } })))
            out.append(FuzzCase(name: "\(stem)-long-id", bytes: serialize(editArray(tree, "assets") { if !$0.isEmpty { $0[0]["id"] = String(repeating: "a", count: 5_000) } })))
            out.append(FuzzCase(name: "\(stem)-nul-id", bytes: serialize(editArray(tree, "assets") { if !$0.isEmpty { $0[0]["id"] = "a\u{0}b" } })))
            // Bytes around the document: a byte-order mark (valid), a NUL, invalid UTF-8 inside a string, trailing data.
            out.append(FuzzCase(name: "\(stem)-bom", bytes: [0xEF, 0xBB, 0xBF] + bytes, valid: true))
            out.append(FuzzCase(name: "\(stem)-double-bom", bytes: [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF] + bytes, syntax: true))
            out.append(FuzzCase(name: "\(stem)-nul-prefix", bytes: [0] + bytes, syntax: true))
            out.append(FuzzCase(name: "\(stem)-trailing", bytes: bytes + Array("{}".utf8), syntax: true))
            if let q = bytes.firstIndex(of: 0x22) {
                for (label, bad) in [("ff", [UInt8(0xFF)]), ("lone-lead", [0xC3]), ("overlong", [0xC0, 0xAF]), ("surrogate", [0xED, 0xA0, 0x80]), ("nul", [0x00])] {
                    var b = bytes
                    b.insert(contentsOf: bad, at: q + 1)
                    out.append(FuzzCase(name: "\(stem)-utf8-\(label)", bytes: b, syntax: true))
                }
            }
        }
        // Documents that are not models at all.
        let deep = 100_000
        let texts: [(String, String, Bool)] = [
            ("empty", "", true), ("spaces", "  \n\t ", true), ("null", "null", false), ("array", "[]", false), ("number", "42", false),
            ("string", "\"model\"", false), ("lone-high-surrogate", #"{"threatgraph": "1", "name": "\uD800", "assets": []}"#, true),
            ("lone-low-surrogate", #"{"threatgraph": "1", "name": "\uDC00x", "assets": []}"#, true),
            ("escaped-nul", #"{"threatgraph": "1", "name": "a\u0000b", "assets": [{"id": "x\u0000", "kind": "agent"}]}"#, false),
            ("bad-escape", #"{"threatgraph": "1", "name": "\x41", "assets": []}"#, true),
            ("nan-value", #"{"threatgraph": "1", "name": "n", "assets": [], "overrides": [{"control": "c", "effectiveness": NaN, "reason": "r"}]}"#, true),
            ("deep-arrays", String(repeating: "[", count: deep) + String(repeating: "]", count: deep), true),
            ("deep-arrays-open", String(repeating: "[", count: deep), true),
            ("deep-objects", String(repeating: #"{"a":"#, count: deep) + "1" + String(repeating: "}", count: deep), true),
            ("deep-in-model", #"{"threatgraph": "1", "name": "d", "assets": "# + String(repeating: "[", count: deep) + String(repeating: "]", count: deep) + "}", true),
            ("unterminated-string", #"{"threatgraph": "1", "name": "abc"#, true),
            ("line-break-in-string", "{\"threatgraph\": \"1\", \"name\": \"a\nb\", \"assets\": []}", true),
            ("many-small-errors", #"{"threatgraph": 1, "name": 2, "assets": [1, "a", null, {"id": 3}], "flows": {}, "actors": [{"id": "x", "trust": "god"}]}"#, false),
            ("wrong-version", #"{"threatgraph": "2", "name": "v", "assets": []}"#, false),
        ]
        for (name, text, syntax) in texts { out.append(FuzzCase(name: "doc-\(name)", bytes: Array(text.utf8), syntax: syntax)) }
        return out
    }
}

@Suite(.serialized) struct FuzzTests {
    static let cases = Fuzz.cases()

    /// The `file:line:column: error:` prefix of a syntax error in `path`.
    static func hasSyntaxLocation(_ stderr: String, _ path: String) -> Bool {
        for line in stderr.split(separator: "\n") where line.hasPrefix(path + ":") && line.contains("[model.syntax]") {
            let rest = line.dropFirst(path.count + 1).split(separator: ":", maxSplits: 2)
            if rest.count == 3, let l = Int(rest[0]), let c = Int(rest[1]), l >= 1, c >= 1, rest[2].hasPrefix(" error:") { return true }
        }
        return false
    }

    @Test func hundredsOfCases() {
        #expect(Self.cases.count >= 300, "only \(Self.cases.count) fuzz cases")
    }

    @Test(.timeLimit(.minutes(2))) func validateNeverCrashesAndNamesTheFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        for (i, c) in Self.cases.enumerated() {
            let path = folder.appendingPathComponent("case-\(i).json").path
            try Data(c.bytes).write(to: URL(fileURLWithPath: path))
            let r = run("validate", path)
            #expect(r.status == .success || r.status == .invalid, "\(c): exit \(r.status)")
            if c.valid { #expect(r.status == .success, "\(c) should validate: \(r.stderr.prefix(300))") }
            if r.status == .invalid {
                #expect(r.stderr.contains(path), "\(c): the error does not name the file: \(r.stderr.prefix(300))")
                #expect(r.stderr.contains(": error: "), "\(c): no error line: \(r.stderr.prefix(300))")
            }
            if c.syntax {
                #expect(r.status == .invalid && Self.hasSyntaxLocation(r.stderr, path), "\(c): expected a syntax error with line and column: \(r.stderr.prefix(300))")
            }
            // A model file is never written.
            #expect((try? Data(contentsOf: URL(fileURLWithPath: path))).map { [UInt8]($0) } == c.bytes, "\(c): the model file changed")
        }
    }

    @Test(.timeLimit(.minutes(2))) func rejectedInputWritesNothing() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var checked = 0
        for (i, c) in Self.cases.enumerated() where i % 9 == 0 || c.valid {
            let path = folder.appendingPathComponent("m\(i).json").path
            try Data(c.bytes).write(to: URL(fileURLWithPath: path))
            let out = folder.appendingPathComponent("out-\(i)")
            let sarif = folder.appendingPathComponent("sarif-\(i)/result.sarif")
            let report = run("report", path, "--output", out.path, "--date", "2027-01-01")
            #expect(report.status == .success || report.status == .invalid, "\(c): report exit \(report.status)")
            let check = run("check", path, "--format", "sarif", "--output", sarif.path, "--date", "2027-01-01")
            #expect([ExitStatus.success, .findings, .invalid].contains(check.status), "\(c): check exit \(check.status)")
            if report.status == .invalid {
                #expect(!FileManager.default.fileExists(atPath: out.path), "\(c): report wrote into its folder on rejected input")
                #expect(report.stderr.contains(path), "\(c): report error does not name the file")
            } else {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
                #expect(names.count == 6 && !names.contains { $0.hasPrefix(".") }, "\(c): report wrote \(names)")
            }
            if check.status == .invalid {
                #expect(!FileManager.default.fileExists(atPath: sarif.deletingLastPathComponent().path), "\(c): check wrote on rejected input")
            } else {
                #expect(FileManager.default.fileExists(atPath: sarif.path), "\(c): check wrote no SARIF")
            }
            #expect(report.status == check.status || check.status == .findings, "\(c): report and check disagree about the input")
            checked += 1
        }
        #expect(checked >= 30)
    }
}
