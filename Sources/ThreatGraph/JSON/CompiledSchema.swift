/// A schema's object specs prepared for reading (`CompiledSpec`), built once per schema and shared by the contexts
/// of every file read against it.
final class CompiledSchema: Sendable {
    /// The specs, in name order.
    let specs: [CompiledSpec]
    /// Spec index by name.
    let index: [String: Int]

    init(_ schema: SchemaSpec) {
        let names = schema.objects.keys.sorted()
        specs = names.compactMap { schema.objects[$0].map(CompiledSpec.init) }
        index = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })
    }
}
