/// An object spec prepared for reading: its fields found by name, and their names in UTF-8 so that plain member
/// names are matched in the source bytes.
final class CompiledSpec: Sendable {
    /// The spec.
    let spec: ObjectSpec
    /// Lowercased description, for messages.
    let noun: String
    /// Field names and types, in the spec's order.
    let names: [String]
    let types: [FieldType]
    /// Field names in UTF-8.
    private let utf8Names: [[UInt8]]
    /// Whether every field name is ASCII (then only an ASCII member name can name a field).
    private let namesASCII: Bool
    /// Indices of required fields.
    let required: [Int]

    init(_ spec: ObjectSpec) {
        precondition(spec.fields.count <= 64, "spec '\(spec.name)' has more than 64 fields")
        self.spec = spec
        noun = spec.description.lowercased()
        names = spec.fields.map(\.name)
        types = spec.fields.map(\.type)
        utf8Names = names.map { Array($0.utf8) }
        namesASCII = utf8Names.allSatisfy { $0.allSatisfy { $0 < 0x80 } }
        required = spec.fields.indices.filter { spec.fields[$0].required }
    }

    /// The index of a field by name (a spec has a few dozen fields at most).
    func field(named name: String) -> Int? { names.firstIndex(of: name) }

    /// The index of the field a member name (a string node) names, as Swift compares strings, or nil.
    func field(named key: JSONNode, in document: JSONDocument) -> Int? {
        guard namesASCII && document.isPlainASCII(key) else { return document.string(key).flatMap(field(named:)) }
        let text = document.bytes[document.textRange(key)]
        return utf8Names.firstIndex { $0.elementsEqual(text) }
    }
}

/// A schema's object specs prepared for reading, built once per schema and shared by the contexts of every file
/// read against it.
final class CompiledSchema: Sendable {
    /// The specs by name.
    let specs: [String: CompiledSpec]

    init(_ schema: SchemaSpec) {
        specs = schema.objects.mapValues(CompiledSpec.init)
    }
}
