import Foundation

/// Collects diagnostics while one input file is checked against a `SchemaSpec` and decoded from its `JSONDocument`.
struct DecodeContext: Sendable {
    /// The file as the user named it.
    let file: String
    /// The schema the file is checked against.
    let schema: SchemaSpec
    /// The parsed file.
    let document: JSONDocument
    /// Every problem found so far.
    var diagnostics: [Diagnostic] = []
    /// Code prefix for diagnostics (`model` or `catalog`).
    let codePrefix: String
    /// Every (spec, field) the decoder read, recorded (when `recordsFields`) so tests can compare decoder and schema.
    var fieldsRead: Set<String> = []
    /// Whether to record `fieldsRead`.
    var recordsFields = false
    /// The schema's specs, prepared for matching.
    private let compiled: CompiledSchema

    /// Creates a context for one parsed file.
    init(document: JSONDocument, file: String, schema: SchemaSpec, codePrefix: String) {
        self.init(document: document, file: file, schema: schema, compiled: CompiledSchema(schema), codePrefix: codePrefix)
    }

    /// A context whose schema was prepared beforehand (`compiled` must be `schema`'s).
    init(document: JSONDocument, file: String, schema: SchemaSpec, compiled: CompiledSchema, codePrefix: String) {
        self.document = document
        self.file = file
        self.schema = schema
        self.codePrefix = codePrefix
        self.compiled = compiled
    }

    /// 1-based line and column of a node.
    func position(_ node: JSONNode) -> (line: Int, column: Int) { document.position(node) }

    /// The location of a node at a path.
    func location(_ node: JSONNode, _ path: String) -> SourceLocation {
        location(node, head: path, tail: .none)
    }

    /// The location of a node at the path `head` followed by `tail`.
    func location(_ node: JSONNode, head: String, tail: SourceLocation.Tail) -> SourceLocation {
        let (line, column) = position(node)
        return SourceLocation(file: file, line: line, column: column, head: head, tail: tail)
    }

    /// Records a diagnostic at a node.
    mutating func report(_ severity: Diagnostic.Severity, _ code: String, _ message: String, at node: JSONNode, path: String,
                         suggesting word: String? = nil, from candidates: [String] = []) {
        var d = Diagnostic(severity, "\(codePrefix).\(code)", message, at: location(node, path))
        if let word { d = d.suggesting(word, from: candidates) }
        diagnostics.append(d)
    }

    /// The object spec named `name`, for reading many objects of it.
    func spec(_ name: String) -> CompiledSpec? { compiled.specs[name] }

    /// Checks `node` against the object spec `specName` (types, required, unknown and duplicate members)
    /// and returns a reader for it, or nil when it is not an object.
    mutating func object(_ node: JSONNode, path: String, spec specName: String) -> ObjectReader? {
        spec(specName).flatMap { object(node, path: path, spec: $0) }
    }

    /// Checks `node` against `spec` (types, required, unknown and duplicate members) and returns a reader for it,
    /// or nil when it is not an object.
    /// - Complexity: O(m · f) for m members and f fields.
    mutating func object(_ node: JSONNode, path: String, spec: CompiledSpec) -> ObjectReader? {
        let document = self.document
        guard let members = document.members(node) else {
            report(.error, "wrong-type", "expected an object (\(spec.noun)), found \(document.typeName(node))", at: node, path: path)
            return nil
        }
        var reader = ObjectReader(node: node, path: path, spec: spec)
        // Fields seen so far, a bit each (a spec has at most 64 fields).
        var seen: UInt64 = 0
        // Names outside the spec, for duplicates among them (as Swift compares strings).
        var others: Set<String> = []
        for (key, value) in members {
            guard let f = spec.field(named: key, in: document) else {
                unknownMember(key, spec, path: path, others: &others)
                continue
            }
            if seen & 1 << UInt64(f) != 0 {
                duplicate(key, path: path)
                continue
            }
            seen |= 1 << UInt64(f)
            if check(value, type: spec.types[f], path: JSONPath.member(path, document.string(key) ?? ""), field: spec.names[f]) {
                reader.slots[f] = value
            }
        }
        for f in spec.required where seen & 1 << UInt64(f) == 0 {
            report(.error, "missing-field", "missing required field '\(spec.names[f])' in \(spec.noun)", at: node, path: path)
        }
        return reader
    }

    /// Reports a member name outside the spec: a duplicate, or unknown unless the spec allows it.
    private mutating func unknownMember(_ key: JSONNode, _ spec: CompiledSpec, path: String, others: inout Set<String>) {
        let text = document.string(key) ?? ""
        guard others.insert(text).inserted else { return duplicate(key, path: path) }
        if !spec.spec.alsoAllowed.contains(text) {
            report(.warning, "unknown-field", "unknown field '\(text)' in \(spec.noun); it is ignored", at: key, path: JSONPath.member(path, text),
                   suggesting: text, from: spec.names)
        }
    }

    private mutating func duplicate(_ key: JSONNode, path: String) {
        let text = document.string(key) ?? ""
        report(.error, "duplicate-key", "duplicate member '\(text)'", at: key, path: JSONPath.member(path, text))
    }

    /// Checks a value's type; reports and returns false when it does not match.
    @discardableResult
    mutating func check(_ value: JSONNode, type: FieldType, path: @autoclosure () -> String, field: String) -> Bool {
        switch type {
        case .array(let element):
            guard let items = document.elements(value) else { return wrongType(value, "an array", path()) }
            var ok = true
            for (i, item) in items.enumerated() where !check(item, type: element, path: JSONPath.element(path(), i), field: field) {
                ok = false
            }
            return ok
        case .stringMap:
            return checkMembers(value, path: path(), allowed: nil)
        case .stringLists(let keys):
            return checkMembers(value, path: path(), allowed: keys)
        case .object:
            guard document.kind(value) == .object else { return wrongType(value, "an object", path()) }
            return true
        default:
            return checkScalar(value, type: type, path: path(), field: field)
        }
    }

    /// Checks an object whose members are strings (`allowed` nil), or arrays of strings under the `allowed` keys
    /// (others are reported and checked all the same).
    private mutating func checkMembers(_ value: JSONNode, path: String, allowed keys: [String]?) -> Bool {
        guard let members = document.members(value) else { return wrongType(value, "an object", path) }
        var ok = true
        for m in members {
            let key = document.string(m.key) ?? ""
            guard let keys else {
                ok = check(m.value, type: .string, path: JSONPath.member(path, key), field: key) && ok
                continue
            }
            if !keys.contains(key) {
                report(.warning, "unknown-field", "unknown key '\(key)'; expected one of \(keys.joined(separator: ", "))", at: m.key,
                       path: JSONPath.member(path, key), suggesting: key, from: keys)
            }
            ok = check(m.value, type: .array(.string), path: JSONPath.member(path, key), field: key) && ok
        }
        return ok
    }

    /// Checks a string, id, enumeration, boolean, number or date.
    private mutating func checkScalar(_ value: JSONNode, type: FieldType, path: @autoclosure () -> String, field: String) -> Bool {
        switch type {
        case .identifier:
            guard document.isString(value) else { return wrongType(value, "an id (string)", path()) }
            if isPlainID(value) { return true }
            let s = document.string(value) ?? ""
            guard Identifier.isValid(s) else {
                return invalid(value, "invalid-id", "'\(Identifier.shorten(s))' is not a valid id: use letters, digits, '-', '_' and '.'", path())
            }
        case .enumeration(let allowed):
            guard document.isString(value) else { return wrongType(value, "one of \(allowed.joined(separator: ", "))", path()) }
            if isPlainChoice(value, allowed) { return true }
            let s = document.string(value) ?? ""
            guard allowed.contains(s) else {
                report(.error, "invalid-value", "invalid \(field) '\(Identifier.shorten(s))': expected one of \(allowed.joined(separator: ", "))",
                       at: value, path: path(), suggesting: s, from: allowed)
                return false
            }
        case .boolean:
            guard document.bool(value) != nil else { return wrongType(value, "true or false", path()) }
        case .number(let lo, let hi):
            guard let n = document.number(value) else { return wrongType(value, "a number", path()) }
            guard n >= lo && n <= hi else { return invalid(value, "out-of-range", "\(field) \(n) is out of range \(lo.formattedShort)…\(hi.formattedShort)", path()) }
        case .integer(let lo, let hi):
            guard let n = document.number(value) else { return wrongType(value, "a whole number", path()) }
            guard n == n.rounded(), n >= Double(lo), n <= Double(hi) else {
                return invalid(value, "out-of-range", "\(field) must be a whole number from \(lo) to \(hi)", path())
            }
        case .date:
            guard let s = document.string(value) else { return wrongType(value, "a date YYYY-MM-DD", path()) }
            guard CalendarDate(parsing: s) != nil else {
                return invalid(value, "invalid-date", "'\(Identifier.shorten(s))' is not a valid date: expected YYYY-MM-DD", path())
            }
        default:
            guard document.isString(value) else { return wrongType(value, "a string", path()) }
        }
        return true
    }

    /// Whether a string value is a valid id written in plain ASCII (checked in the source bytes).
    private func isPlainID(_ value: JSONNode) -> Bool {
        let range = document.textRange(value)
        return document.isPlainASCII(value) && !range.isEmpty && range.count <= 200 && document.bytes[range].allSatisfy(Identifier.isIDByte)
    }

    /// Whether a string value is one of `allowed`, written in plain ASCII (matched in the source bytes).
    private func isPlainChoice(_ value: JSONNode, _ allowed: [String]) -> Bool {
        guard document.isPlainASCII(value) else { return false }
        let text = document.bytes[document.textRange(value)]
        return allowed.contains { $0.utf8.elementsEqual(text) }
    }

    private mutating func invalid(_ value: JSONNode, _ code: String, _ message: String, _ path: String) -> Bool {
        report(.error, code, message, at: value, path: path)
        return false
    }

    private mutating func wrongType(_ value: JSONNode, _ expected: String, _ path: @autoclosure () -> String) -> Bool {
        invalid(value, "wrong-type", "expected \(expected), found \(document.typeName(value))", path())
    }
}

/// Rules for ids in models.
enum Identifier {
    /// Letters, digits, `-`, `_`, `.`; 1 to 200 characters.
    static func isValid(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 200 else { return false }
        return s.utf8.allSatisfy(isIDByte)
    }

    /// Whether a byte may appear in an id.
    static func isIDByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
    }

    /// A long or multi-line string cut down for a one-line message.
    static func shorten(_ s: String) -> String {
        var t = s.replacingOccurrences(of: "\n", with: "\\n")
        if t.count > 60 { t = String(t.prefix(57)) + "..." }
        return t
    }
}

extension Double {
    /// Short form for messages: `1` rather than `1.0`.
    var formattedShort: String {
        self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
