/// An object spec prepared for reading: its fields found by name, and their names in UTF-8 so that plain member
/// names are matched in the source bytes.
final class CompiledSpec: Sendable {
    /// The spec.
    let spec: ObjectSpec
    /// Lowercased description, for messages.
    let noun: String
    /// Field names in UTF-8, in the spec's order.
    private let names: [[UInt8]]
    /// Whether every field name is ASCII (then only an ASCII member name can name a field).
    private let namesASCII: Bool
    /// Field index by name (the first field of a name).
    private let index: [String: Int]
    /// Indices of required fields.
    let required: [Int]

    init(_ spec: ObjectSpec) {
        self.spec = spec
        noun = spec.description.lowercased()
        names = spec.fields.map { Array($0.name.utf8) }
        namesASCII = names.allSatisfy { $0.allSatisfy { $0 < 0x80 } }
        index = Dictionary(spec.fields.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        required = spec.fields.indices.filter { spec.fields[$0].required }
    }

    /// The index of a field by name.
    func field(named name: String) -> Int? { index[name] }

    /// The index of the field a member name (a string node) names, as Swift compares strings, or nil.
    func field(named key: JSONNode, in document: JSONDocument) -> Int? {
        guard namesASCII && document.isPlainASCII(key) else { return document.string(key).flatMap(field(named:)) }
        let text = document.bytes[document.textRange(key)]
        return names.firstIndex { $0.elementsEqual(text) }
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
