/// Typed access to the members of an object that passed its spec's checks (`DecodeContext.object`).
/// Members whose type did not check out, later duplicates and unknown members read as absent.
struct ObjectReader: Sendable {
    /// The object.
    let node: JSONNode
    /// Its JSON path.
    let path: String
    /// Its spec.
    let spec: CompiledSpec
    /// Per field of the spec, the value of the member that passed its check.
    var slots: [JSONNode?]

    init(node: JSONNode, path: String, spec: CompiledSpec) {
        self.node = node
        self.path = path
        self.spec = spec
        slots = Array(repeating: nil, count: spec.names.count)
    }

    /// The value of a well-typed member.
    func value(_ name: String, _ ctx: inout DecodeContext) -> JSONNode? {
        if ctx.recordsFields { ctx.fieldsRead.insert("\(spec.spec.name).\(name)") }
        return spec.field(named: name).flatMap { slots[$0] }
    }

    /// The member name (its node) of a well-typed member.
    func name(_ field: String) -> JSONNode? {
        spec.field(named: field).flatMap { slots[$0] }.map { JSONNode($0.index - 1) }
    }

    /// A string member.
    func string(_ name: String, _ ctx: inout DecodeContext) -> String? { value(name, &ctx).flatMap { ctx.document.string($0) } }

    /// A number member.
    func number(_ name: String, _ ctx: inout DecodeContext) -> Double? { value(name, &ctx).flatMap { ctx.document.number($0) } }

    /// A boolean member.
    func bool(_ name: String, _ ctx: inout DecodeContext) -> Bool? { value(name, &ctx).flatMap { ctx.document.bool($0) } }

    /// An array-of-strings member (empty when absent).
    func strings(_ name: String, _ ctx: inout DecodeContext) -> [String] {
        guard let v = value(name, &ctx), let elements = ctx.document.elements(v) else { return [] }
        let document = ctx.document
        return elements.compactMap { document.string($0) }
    }

    /// An object-of-string-lists member (empty when absent).
    func stringLists(_ name: String, _ ctx: inout DecodeContext) -> [String: [String]] {
        var result: [String: [String]] = [:]
        guard let v = value(name, &ctx), let members = ctx.document.members(v) else { return result }
        let document = ctx.document
        for m in members {
            result[document.string(m.key) ?? ""] = document.elements(m.value)?.compactMap { document.string($0) } ?? []
        }
        return result
    }

    /// Path of a member.
    func path(_ name: String) -> String { JSONPath.member(path, name) }
}
