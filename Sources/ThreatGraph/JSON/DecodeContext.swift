import Foundation

/// Collects diagnostics while one input file is checked against a `SchemaSpec` and decoded.
public struct DecodeContext: Sendable {
    /// The file as the user named it.
    public let file: String
    /// The schema the file is checked against.
    public let schema: SchemaSpec
    /// Every problem found so far.
    public var diagnostics: [Diagnostic] = []
    /// Code prefix for diagnostics (`model` or `catalog`).
    public let codePrefix: String
    /// Every (spec, field) the decoder read, recorded (when `recordsFields`) so tests can compare decoder and schema.
    public var fieldsRead: Set<String> = []
    /// Whether to record `fieldsRead`.
    public var recordsFields = false

    /// Creates a context for one file.
    public init(file: String, schema: SchemaSpec, codePrefix: String) {
        self.file = file
        self.schema = schema
        self.codePrefix = codePrefix
    }

    /// The location of a value at a path.
    public func location(_ value: JSONValue, _ path: String) -> SourceLocation {
        SourceLocation(file: file, line: Int(value.line), column: Int(value.column), path: path)
    }

    /// Records a diagnostic at a value.
    public mutating func report(_ severity: Diagnostic.Severity, _ code: String, _ message: String, at value: JSONValue, path: String, notes: [String] = []) {
        diagnostics.append(Diagnostic(severity, "\(codePrefix).\(code)", message, at: location(value, path), notes: notes))
    }

    /// Records a diagnostic at a position.
    public mutating func report(_ severity: Diagnostic.Severity, _ code: String, _ message: String, line: Int32, column: Int32, path: String, notes: [String] = []) {
        diagnostics.append(Diagnostic(severity, "\(codePrefix).\(code)", message,
                                      at: SourceLocation(file: file, line: Int(line), column: Int(column), path: path), notes: notes))
    }

    /// Checks `value` against the object spec `specName` (types, required, unknown and duplicate members)
    /// and returns a reader for it, or nil when it is not an object.
    public mutating func object(_ value: JSONValue, path: String, spec specName: String) -> ObjectReader? {
        guard let spec = schema.objects[specName] else { return nil }
        guard let members = value.members else {
            report(.error, "wrong-type", "expected an object (\(spec.description.lowercased())), found \(value.typeName)", at: value, path: path)
            return nil
        }
        // Small objects find duplicates by scanning; large ones by hashing. Paths are built only for messages.
        var seen: Set<String> = []
        let hashed = members.count > 16
        var valid: [(String, JSONValue)] = []
        valid.reserveCapacity(members.count)
        for (mi, member) in members.enumerated() {
            let duplicate = hashed ? !seen.insert(member.key).inserted : members[..<mi].contains { $0.key == member.key }
            if duplicate {
                report(.error, "duplicate-key", "duplicate member '\(member.key)'", line: member.line, column: member.column, path: join(path, member.key))
                continue
            }
            let key = member.key
            let memberPath = { path.isEmpty ? key : "\(path).\(key)" }
            guard let field = spec.field(member.key) else {
                if !spec.alsoAllowed.contains(member.key) {
                    var d = Diagnostic(.warning, "\(codePrefix).unknown-field", "unknown field '\(member.key)' in \(spec.description.lowercased()); it is ignored",
                                       at: SourceLocation(file: file, line: Int(member.line), column: Int(member.column), path: memberPath()))
                    d = d.suggesting(member.key, from: spec.fields.map(\.name))
                    diagnostics.append(d)
                }
                continue
            }
            if check(member.value, type: field.type, path: memberPath(), field: field.name) {
                valid.append((member.key, member.value))
            }
        }
        for field in spec.fields where field.required && !members.contains(where: { $0.key == field.name }) {
            report(.error, "missing-field", "missing required field '\(field.name)' in \(spec.description.lowercased())", at: value, path: path)
        }
        return ObjectReader(spec: spec, path: path, members: valid, whole: value)
    }

    /// Checks a value's type; reports and returns false when it does not match.
    @discardableResult
    public mutating func check(_ value: JSONValue, type: FieldType, path: @autoclosure () -> String, field: String) -> Bool {
        switch type {
        case .string:
            guard value.string != nil else { return wrongType(value, "a string", path()) }
        case .identifier:
            guard let s = value.string else { return wrongType(value, "an id (string)", path()) }
            guard Identifier.isValid(s) else {
                report(.error, "invalid-id", "'\(Identifier.shorten(s))' is not a valid id: use letters, digits, '-', '_' and '.'", at: value, path: path())
                return false
            }
        case .enumeration(let allowed):
            guard let s = value.string else { return wrongType(value, "one of \(allowed.joined(separator: ", "))", path()) }
            guard allowed.contains(s) else {
                let d = Diagnostic(.error, "\(codePrefix).invalid-value",
                                   "invalid \(field) '\(Identifier.shorten(s))': expected one of \(allowed.joined(separator: ", "))",
                                   at: location(value, path())).suggesting(s, from: allowed)
                diagnostics.append(d)
                return false
            }
        case .boolean:
            guard value.bool != nil else { return wrongType(value, "true or false", path()) }
        case .number(let lo, let hi):
            guard let n = value.number else { return wrongType(value, "a number", path()) }
            guard n >= lo && n <= hi else {
                report(.error, "out-of-range", "\(field) \(n) is out of range \(lo.formattedShort)…\(hi.formattedShort)", at: value, path: path())
                return false
            }
        case .integer(let lo, let hi):
            guard let n = value.number else { return wrongType(value, "a whole number", path()) }
            guard n == n.rounded(), n >= Double(lo), n <= Double(hi) else {
                report(.error, "out-of-range", "\(field) must be a whole number from \(lo) to \(hi)", at: value, path: path())
                return false
            }
        case .date:
            guard let s = value.string else { return wrongType(value, "a date YYYY-MM-DD", path()) }
            guard CalendarDate(parsing: s) != nil else {
                report(.error, "invalid-date", "'\(Identifier.shorten(s))' is not a valid date: expected YYYY-MM-DD", at: value, path: path())
                return false
            }
        case .array(let element):
            guard let items = value.array else { return wrongType(value, "an array", path()) }
            var ok = true
            for (i, item) in items.enumerated() where !check(item, type: element, path: "\(path())[\(i)]", field: field) {
                ok = false
            }
            return ok
        case .object:
            guard value.members != nil else { return wrongType(value, "an object", path()) }
        case .stringMap:
            guard let members = value.members else { return wrongType(value, "an object", path()) }
            var ok = true
            let base = path()
            for m in members { ok = check(m.value, type: .string, path: Self.joined(base, m.key), field: m.key) && ok }
            return ok
        case .stringLists(let keys):
            guard let members = value.members else { return wrongType(value, "an object", path()) }
            var ok = true
            let base = path()
            for m in members {
                if !keys.contains(m.key) {
                    let d = Diagnostic(.warning, "\(codePrefix).unknown-field", "unknown key '\(m.key)'; expected one of \(keys.joined(separator: ", "))",
                                       at: SourceLocation(file: file, line: Int(m.line), column: Int(m.column), path: Self.joined(base, m.key)))
                    diagnostics.append(d.suggesting(m.key, from: keys))
                }
                ok = check(m.value, type: .array(.string), path: Self.joined(base, m.key), field: m.key) && ok
            }
            return ok
        }
        return true
    }

    private mutating func wrongType(_ value: JSONValue, _ expected: String, _ path: @autoclosure () -> String) -> Bool {
        report(.error, "wrong-type", "expected \(expected), found \(value.typeName)", at: value, path: path())
        return false
    }

    /// `path.key`, or `key` at the root.
    public func join(_ path: String, _ key: String) -> String { Self.joined(path, key) }

    /// `path.key`, or `key` at the root.
    static func joined(_ path: String, _ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}

/// Typed access to the members of an object that passed its spec's checks.
public struct ObjectReader: Sendable {
    /// The spec it was checked against.
    public let spec: ObjectSpec
    /// Its JSON path.
    public let path: String
    /// Members whose type checked out, in document order.
    public let members: [(String, JSONValue)]
    /// The object itself.
    public let whole: JSONValue

    /// The raw value of a well-typed member.
    public func value(_ name: String, _ ctx: inout DecodeContext) -> JSONValue? {
        if ctx.recordsFields { ctx.fieldsRead.insert("\(spec.name).\(name)") }
        return members.first { $0.0 == name }?.1
    }

    /// A string member.
    public func string(_ name: String, _ ctx: inout DecodeContext) -> String? { value(name, &ctx)?.string }

    /// A number member.
    public func number(_ name: String, _ ctx: inout DecodeContext) -> Double? { value(name, &ctx)?.number }

    /// A boolean member.
    public func bool(_ name: String, _ ctx: inout DecodeContext) -> Bool? { value(name, &ctx)?.bool }

    /// An array-of-strings member (empty when absent).
    public func strings(_ name: String, _ ctx: inout DecodeContext) -> [String] {
        value(name, &ctx)?.array?.compactMap(\.string) ?? []
    }

    /// An object-of-string-lists member (empty when absent), keys sorted.
    public func stringLists(_ name: String, _ ctx: inout DecodeContext) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for m in value(name, &ctx)?.members ?? [] {
            result[m.key] = m.value.array?.compactMap(\.string) ?? []
        }
        return result
    }

    /// Path of a member.
    public func path(_ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }
}

/// Rules for ids in models.
public enum Identifier {
    /// Letters, digits, `-`, `_`, `.`; 1 to 200 characters.
    public static func isValid(_ s: String) -> Bool {
        guard !s.isEmpty, s.utf8.count <= 200 else { return false }
        return s.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x2D || b == 0x5F || b == 0x2E
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
