/// A field of a spec, found once by name, for the readers' lookups.
public struct FieldKey: Sendable {
    let spec: Int
    let field: Int
    let specName: String
    let fieldName: String
}
