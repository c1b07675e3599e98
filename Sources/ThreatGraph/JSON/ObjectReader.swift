/// Typed access to the members of an object that passed its spec's checks (`DecodeContext.object`).
/// Members whose type did not check out, later duplicates and unknown members read as absent.
public struct ObjectReader: Sendable {
    /// The object.
    public let node: JSONNode
    /// Its JSON path.
    public internal(set) var path: String
    /// Its spec's index in the context.
    let spec: Int
    /// The checked member of each field.
    var slots: FieldSlots

    init(node: JSONNode, path: String, spec: Int, fieldCount: Int) {
        self.node = node
        self.path = path
        self.spec = spec
        self.slots = FieldSlots(count: fieldCount)
    }

    /// The key for a field of this reader's spec, by name.
    private func key(_ name: String, _ ctx: DecodeContext) -> FieldKey {
        let compiled = ctx.specs[spec]
        return FieldKey(spec: spec, field: compiled.field(named: name) ?? -1, specName: compiled.spec.name, fieldName: name)
    }

    /// The value of a well-typed member.
    public func value(_ key: FieldKey, _ ctx: inout DecodeContext) -> JSONNode? {
        if ctx.recordsFields { ctx.fieldsRead.insert("\(key.specName).\(key.fieldName)") }
        guard key.spec == spec else { return nil }
        return slots[key.field]
    }

    /// The value of a well-typed member.
    public func value(_ name: String, _ ctx: inout DecodeContext) -> JSONNode? { value(key(name, ctx), &ctx) }

    /// The member name (its node) of a well-typed member.
    public func name(_ key: FieldKey) -> JSONNode? {
        guard key.spec == spec, let value = slots[key.field] else { return nil }
        return JSONNode(value.index - 1)
    }

    /// A string member.
    public func string(_ key: FieldKey, _ ctx: inout DecodeContext) -> String? { value(key, &ctx).flatMap { ctx.document.string($0) } }

    /// A string member.
    public func string(_ name: String, _ ctx: inout DecodeContext) -> String? { string(key(name, ctx), &ctx) }

    /// A string member, shared with earlier members of the same text (for values that repeat, such as control ids).
    func sharedString(_ key: FieldKey, _ ctx: inout DecodeContext) -> String? {
        guard let v = value(key, &ctx) else { return nil }
        return ctx.strings.string(v, in: ctx.document)
    }

    /// The position of an enumeration member's value among the field's allowed values.
    public func choice(_ key: FieldKey, _ ctx: inout DecodeContext) -> Int? {
        guard let v = value(key, &ctx) else { return nil }
        return ctx.specs[spec].choice(key.field, of: v, in: ctx.document)
    }

    /// A number member.
    public func number(_ key: FieldKey, _ ctx: inout DecodeContext) -> Double? { value(key, &ctx).flatMap { ctx.document.number($0) } }

    /// A number member.
    public func number(_ name: String, _ ctx: inout DecodeContext) -> Double? { number(key(name, ctx), &ctx) }

    /// A boolean member.
    public func bool(_ key: FieldKey, _ ctx: inout DecodeContext) -> Bool? { value(key, &ctx).flatMap { ctx.document.bool($0) } }

    /// A boolean member.
    public func bool(_ name: String, _ ctx: inout DecodeContext) -> Bool? { bool(key(name, ctx), &ctx) }

    /// An array-of-strings member (empty when absent).
    public func strings(_ key: FieldKey, _ ctx: inout DecodeContext) -> [String] {
        guard let v = value(key, &ctx), let elements = ctx.document.elements(v) else { return [] }
        let document = ctx.document
        return elements.compactMap { document.string($0) }
    }

    /// An array-of-strings member (empty when absent).
    public func strings(_ name: String, _ ctx: inout DecodeContext) -> [String] { strings(key(name, ctx), &ctx) }

    /// An object-of-string-lists member (empty when absent), keys sorted.
    public func stringLists(_ name: String, _ ctx: inout DecodeContext) -> [String: [String]] {
        var result: [String: [String]] = [:]
        guard let v = value(name, &ctx), let members = ctx.document.members(v) else { return result }
        let document = ctx.document
        for m in members {
            result[document.string(m.key) ?? ""] = document.elements(m.value)?.compactMap { document.string($0) } ?? []
        }
        return result
    }

    /// Path of a member.
    public func path(_ name: String) -> String { JSONPath.member(path, name) }
}
