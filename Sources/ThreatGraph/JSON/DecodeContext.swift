import Foundation

/// Collects diagnostics while one input file is checked against a `SchemaSpec` and decoded from its `JSONDocument`.
public struct DecodeContext: Sendable {
    /// The file as the user named it.
    public let file: String
    /// The schema the file is checked against.
    public let schema: SchemaSpec
    /// The parsed file.
    public let document: JSONDocument
    /// Every problem found so far.
    public var diagnostics: [Diagnostic] = []
    /// Code prefix for diagnostics (`model` or `catalog`).
    public let codePrefix: String
    /// Every (spec, field) the decoder read, recorded (when `recordsFields`) so tests can compare decoder and schema.
    public var fieldsRead: Set<String> = []
    /// Whether to record `fieldsRead`.
    public var recordsFields = false
    /// The schema's specs, prepared for matching.
    let specs: [CompiledSpec]
    /// Spec index by name.
    let specIndex: [String: Int]
    /// The line of the last position computed, where the next search starts.
    var lineHint = 0
    /// Repeated strings, built once.
    var strings = StringCache()

    /// Creates a context for one parsed file.
    public init(document: JSONDocument, file: String, schema: SchemaSpec, codePrefix: String) {
        self.init(document: document, file: file, schema: schema, compiled: CompiledSchema(schema), codePrefix: codePrefix)
    }

    /// A context whose schema was prepared beforehand (`compiled` must be `schema`'s).
    init(document: JSONDocument, file: String, schema: SchemaSpec, compiled: CompiledSchema, codePrefix: String) {
        self.document = document
        self.file = file
        self.schema = schema
        self.codePrefix = codePrefix
        specs = compiled.specs
        specIndex = compiled.index
    }

    /// A context for reading another part of the same document on another thread. It holds no counted reference
    /// this one holds (document storage, file name, prepared specs), so the two threads never contend for one.
    func forAnotherThread() -> DecodeContext {
        var other = DecodeContext(document: document.separateCopy(), file: String(decoding: Array(file.utf8), as: UTF8.self), schema: schema,
                                  compiled: CompiledSchema(schema), codePrefix: codePrefix)
        other.recordsFields = recordsFields
        return other
    }

    /// Takes over what a context from `forAnotherThread()` found, as if this one had read that part.
    mutating func absorb(_ other: DecodeContext) {
        diagnostics += other.diagnostics
        fieldsRead.formUnion(other.fieldsRead)
    }

    /// The spec named `name`, for `object(_:path:spec:)`.
    public func spec(_ name: String) -> ObjectSpecID? { specIndex[name].map(ObjectSpecID.init) }

    /// The field `field` of spec `spec`, for the readers' lookups (one that matches nothing when either is unknown).
    public func key(_ spec: String, _ field: String) -> FieldKey {
        let s = specIndex[spec] ?? -1
        let f = s >= 0 ? specs[s].field(named: field) ?? -1 : -1
        return FieldKey(spec: s, field: f, specName: spec, fieldName: field)
    }

    /// 1-based line and column of a node.
    public mutating func position(_ node: JSONNode) -> (line: Int, column: Int) {
        document.position(ofByte: document.offset(node), hint: &lineHint)
    }

    /// The location of a node at a path.
    public mutating func location(_ node: JSONNode, _ path: String) -> SourceLocation {
        location(node, head: path, tail: SourceLocation.Tail.none)
    }

    /// The location of a node at the path `head` followed by the recipe `tail` (see `SourceLocation.Tail`).
    mutating func location(_ node: JSONNode, head: String, tail: Int32) -> SourceLocation {
        let (line, column) = position(node)
        return SourceLocation(file: file, line: line, column: column, head: head, tail: tail)
    }

    /// Records a diagnostic at a node.
    public mutating func report(_ severity: Diagnostic.Severity, _ code: String, _ message: String, at node: JSONNode, path: String, notes: [String] = []) {
        let at = location(node, path)
        diagnostics.append(Diagnostic(severity, "\(codePrefix).\(code)", message, at: at, notes: notes))
    }

    /// Records a diagnostic at a position.
    public mutating func report(_ severity: Diagnostic.Severity, _ code: String, _ message: String, line: Int32, column: Int32, path: String, notes: [String] = []) {
        diagnostics.append(Diagnostic(severity, "\(codePrefix).\(code)", message,
                                      at: SourceLocation(file: file, line: Int(line), column: Int(column), path: path), notes: notes))
    }

    /// Checks `node` against the object spec `specName` (types, required, unknown and duplicate members)
    /// and returns a reader for it, or nil when it is not an object.
    public mutating func object(_ node: JSONNode, path: String, spec specName: String) -> ObjectReader? {
        guard let s = specIndex[specName] else { return nil }
        return object(node, path: path, spec: ObjectSpecID(s))
    }

    /// Checks `node` against a spec (types, required, unknown and duplicate members) and returns a reader for it,
    /// or nil when it is not an object. Member names are matched in the source bytes; paths are built only for messages.
    /// - Complexity: O(m · f) for m members and f fields, plus O(m) per member name outside the spec.
    public mutating func object(_ node: JSONNode, path: String, spec id: ObjectSpecID) -> ObjectReader? {
        guard var reader = object(node, spec: id, path: path) else { return nil }
        reader.path = path
        return reader
    }

    /// `object(_:path:spec:)` with a path built only when the object is not well-formed (the reader's `path`
    /// is empty otherwise).
    mutating func object(_ node: JSONNode, spec id: ObjectSpecID, path: @autoclosure () -> String) -> ObjectReader? {
        guard id.index >= 0 && id.index < specs.count else { return nil }
        let compiled = specs[id.index]
        let document = self.document
        var reader = ObjectReader(node: node, path: "", spec: id.index, fieldCount: compiled.checks.count)
        // Well-formed objects (the common case) are read in one pass over the bytes; others get the full check.
        if document.kind(node) == .object && document.withView({ view in compiled.scan(node.index, view, into: &reader.slots) }) {
            return reader
        }
        let path = path()
        guard document.kind(node) == .object else {
            report(.error, "wrong-type", "expected an object (\(compiled.noun)), found \(document.typeName(node))", at: node, path: path)
            return nil
        }
        reader = ObjectReader(node: node, path: path, spec: id.index, fieldCount: compiled.checks.count)
        let fieldCount = compiled.checks.count
        var seen: UInt64 = 0
        var seenWide = fieldCount > 64 ? [Bool](repeating: false, count: fieldCount) : []
        // Names outside the spec, for duplicates among them: small objects scan, large ones hash (as Swift compares strings).
        let hashed = (document.count(node) ?? 0) > 16
        var others: [String] = []
        var otherSet: Set<String> = []
        var i = node.index + 1
        let end = document.next(node).index
        while i + 1 < end {
            let key = JSONNode(i), value = JSONNode(i + 1)
            i = document.next(value).index
            let field = compiled.field(named: key, in: document)
            var duplicate = false
            var name: String?
            if let f = field {
                if f < 64 {
                    duplicate = seen & (1 << UInt64(f)) != 0
                    seen |= 1 << UInt64(f)
                } else if f < seenWide.count {
                    duplicate = seenWide[f]
                    seenWide[f] = true
                }
            } else {
                let text = document.string(key) ?? ""
                name = text
                if hashed {
                    duplicate = !otherSet.insert(text).inserted
                } else {
                    duplicate = others.contains(text)
                    others.append(text)
                }
            }
            if duplicate {
                let text = name ?? document.string(key) ?? ""
                report(.error, "duplicate-key", "duplicate member '\(text)'", at: key, path: JSONPath.member(path, text))
                continue
            }
            guard let f = field else {
                let text = name ?? ""
                if !compiled.spec.alsoAllowed.contains(text) {
                    var d = Diagnostic(.warning, "\(codePrefix).unknown-field", "unknown field '\(text)' in \(compiled.noun); it is ignored",
                                       at: location(key, JSONPath.member(path, text)))
                    d = d.suggesting(text, from: compiled.spec.fields.map(\.name))
                    diagnostics.append(d)
                }
                continue
            }
            if check(value, compiled, f, path: JSONPath.member(path, document.string(key) ?? "")) {
                reader.slots[f] = value
            }
        }
        for f in compiled.required {
            let present = f < 64 ? seen & (1 << UInt64(f)) != 0 : f < seenWide.count && seenWide[f]
            if !present {
                report(.error, "missing-field", "missing required field '\(compiled.spec.fields[f].name)' in \(compiled.noun)", at: node, path: path)
            }
        }
        return reader
    }

    /// Checks a member's value with the field's prepared check; reports and returns false when it does not match.
    private mutating func check(_ value: JSONNode, _ compiled: CompiledSpec, _ f: Int, path: @autoclosure () -> String) -> Bool {
        let document = self.document
        switch compiled.checks[f] {
        case .string:
            guard document.isString(value) else { return wrongType(value, "a string", path()) }
            return true
        case .identifier:
            guard document.isString(value) else { return wrongType(value, "an id (string)", path()) }
            if document.isUnescaped(value) && Identifier.isValid(document, value) { return true }
            return check(value, type: compiled.spec.fields[f].type, path: path(), field: compiled.spec.fields[f].name)
        case .enumeration:
            guard document.isString(value), compiled.choice(f, of: value, in: document) != nil else { break }
            return true
        case .boolean:
            guard document.bool(value) != nil else { return wrongType(value, "true or false", path()) }
            return true
        case .arrayOfObjects:
            guard let elements = document.elements(value) else { return wrongType(value, "an array", path()) }
            var ok = true
            for item in elements where document.kind(item) != .object { ok = false }
            if ok { return true }
        case .object:
            guard document.kind(value) == .object else { return wrongType(value, "an object", path()) }
            return true
        case .arrayOfStrings, .arrayOfChoices, .number, .general:
            break
        }
        return check(value, type: compiled.spec.fields[f].type, path: path(), field: compiled.spec.fields[f].name)
    }

    /// Checks a value's type; reports and returns false when it does not match.
    @discardableResult
    public mutating func check(_ value: JSONNode, type: FieldType, path: @autoclosure () -> String, field: String) -> Bool {
        let document = self.document
        switch type {
        case .string:
            guard document.isString(value) else { return wrongType(value, "a string", path()) }
        case .identifier:
            guard let s = document.string(value) else { return wrongType(value, "an id (string)", path()) }
            guard Identifier.isValid(s) else {
                report(.error, "invalid-id", "'\(Identifier.shorten(s))' is not a valid id: use letters, digits, '-', '_' and '.'", at: value, path: path())
                return false
            }
        case .enumeration(let allowed):
            guard let s = document.string(value) else { return wrongType(value, "one of \(allowed.joined(separator: ", "))", path()) }
            guard allowed.contains(s) else {
                let d = Diagnostic(.error, "\(codePrefix).invalid-value",
                                   "invalid \(field) '\(Identifier.shorten(s))': expected one of \(allowed.joined(separator: ", "))",
                                   at: location(value, path())).suggesting(s, from: allowed)
                diagnostics.append(d)
                return false
            }
        case .boolean:
            guard document.bool(value) != nil else { return wrongType(value, "true or false", path()) }
        case .number(let lo, let hi):
            guard let n = document.number(value) else { return wrongType(value, "a number", path()) }
            guard n >= lo && n <= hi else {
                report(.error, "out-of-range", "\(field) \(n) is out of range \(lo.formattedShort)…\(hi.formattedShort)", at: value, path: path())
                return false
            }
        case .integer(let lo, let hi):
            guard let n = document.number(value) else { return wrongType(value, "a whole number", path()) }
            guard n == n.rounded(), n >= Double(lo), n <= Double(hi) else {
                report(.error, "out-of-range", "\(field) must be a whole number from \(lo) to \(hi)", at: value, path: path())
                return false
            }
        case .date:
            guard let s = document.string(value) else { return wrongType(value, "a date YYYY-MM-DD", path()) }
            guard CalendarDate(parsing: s) != nil else {
                report(.error, "invalid-date", "'\(Identifier.shorten(s))' is not a valid date: expected YYYY-MM-DD", at: value, path: path())
                return false
            }
        case .array(let element):
            guard let items = document.elements(value) else { return wrongType(value, "an array", path()) }
            var ok = true
            for (i, item) in items.enumerated() where !check(item, type: element, path: JSONPath.element(path(), i), field: field) {
                ok = false
            }
            return ok
        case .object:
            guard document.kind(value) == .object else { return wrongType(value, "an object", path()) }
        case .stringMap:
            guard let members = document.members(value) else { return wrongType(value, "an object", path()) }
            var ok = true
            let base = path()
            for m in members {
                let key = document.string(m.key) ?? ""
                ok = check(m.value, type: .string, path: Self.joined(base, key), field: key) && ok
            }
            return ok
        case .stringLists(let keys):
            guard let members = document.members(value) else { return wrongType(value, "an object", path()) }
            var ok = true
            let base = path()
            for m in members {
                let key = document.string(m.key) ?? ""
                if !keys.contains(key) {
                    let d = Diagnostic(.warning, "\(codePrefix).unknown-field", "unknown key '\(key)'; expected one of \(keys.joined(separator: ", "))",
                                       at: location(m.key, Self.joined(base, key)))
                    diagnostics.append(d.suggesting(key, from: keys))
                }
                ok = check(m.value, type: .array(.string), path: Self.joined(base, key), field: key) && ok
            }
            return ok
        }
        return true
    }

    private mutating func wrongType(_ value: JSONNode, _ expected: String, _ path: @autoclosure () -> String) -> Bool {
        report(.error, "wrong-type", "expected \(expected), found \(document.typeName(value))", at: value, path: path())
        return false
    }

    /// `path.key`, or `key` at the root.
    public func join(_ path: String, _ key: String) -> String { Self.joined(path, key) }

    /// `path.key`, or `key` at the root.
    static func joined(_ path: String, _ key: String) -> String { JSONPath.member(path, key) }
}

/// Rules for ids in models.
public enum Identifier {
    /// Letters, digits, `-`, `_`, `.`; 1 to 200 characters.
    public static func isValid(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 200 else { return false }
        return s.utf8.allSatisfy(isIDByte)
    }

    /// Whether a byte may appear in an id.
    @inline(__always)
    static func isIDByte(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
    }

    /// Whether a string value without escapes is a valid id, checked in the source bytes.
    static func isValid(_ document: JSONDocument, _ node: JSONNode) -> Bool {
        let range = document.textRange(node)
        guard !range.isEmpty, range.count <= 200 else { return false }
        return document.bytes.withUnsafeBufferPointer { buffer in
            guard range.upperBound <= buffer.count else { return false }
            for i in range where !isIDByte(buffer[i]) { return false }
            return true
        }
    }

    /// A long or multi-line string cut down for a one-line message.
    public static func shorten(_ s: String) -> String {
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
