import ThreatGraph

/// The model format as JSON Schema (draft 2020-12), generated from `ModelSchema`.
public enum JSONSchemaRenderer {
    /// The whole schema document.
    public static func render(_ spec: SchemaSpec = ModelSchema.spec, id: String = ModelSchema.schemaID) -> String {
        guard let root = spec.objects[spec.root] else { return "{}\n" }
        var members: [(String, JSONText)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("$id", .string(id)),
            ("title", .string(root.description)),
        ]
        members += objectBody(root)
        let defs = spec.objects.keys.sorted().filter { $0 != spec.root }.compactMap { spec.objects[$0] }
        members.append(("$defs", .object(defs.map { ($0.name, .object([("title", .string($0.description))] + objectBody($0))) })))
        return JSONText.object(members).rendered()
    }

    static func objectBody(_ o: ObjectSpec) -> [(String, JSONText)] {
        var props: [(String, JSONText)] = o.alsoAllowed.map { ($0, .object([("type", .string("string")), ("description", .string("Schema reference; always allowed."))])) }
        props += o.fields.map { ($0.name, property($0.type, description: $0.description)) }
        let required = o.fields.filter(\.required).map(\.name)
        var body: [(String, JSONText)] = [("type", .string("object")), ("properties", .object(props))]
        if !required.isEmpty { body.append(("required", .strings(required))) }
        body.append(("additionalProperties", .bool(false)))
        return body
    }

    static func property(_ type: FieldType, description: String?) -> JSONText {
        var m: [(String, JSONText)] = []
        switch type {
        case .string: m.append(("type", .string("string")))
        case .identifier: m += [("type", .string("string")), ("pattern", .string("^[A-Za-z0-9_.-]{1,200}$"))]
        case .enumeration(let values): m += [("type", .string("string")), ("enum", .strings(values))]
        case .boolean: m.append(("type", .string("boolean")))
        case .number(let lo, let hi): m += [("type", .string("number")), ("minimum", .number(lo)), ("maximum", .number(hi))]
        case .integer(let lo, let hi): m += [("type", .string("integer")), ("minimum", .int(lo)), ("maximum", .int(hi))]
        case .date: m += [("type", .string("string")), ("pattern", .string("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")), ("format", .string("date"))]
        case .array(let element): m += [("type", .string("array")), ("items", property(element, description: nil))]
        case .object(let name): m.append(("$ref", .string("#/$defs/\(name)")))
        case .stringLists(let keys):
            m += [("type", .string("object")),
                  ("properties", .object(keys.map { ($0, .object([("type", .string("array")), ("items", .object([("type", .string("string"))]))])) })),
                  ("additionalProperties", .bool(false))]
        case .stringMap:
            m += [("type", .string("object")), ("additionalProperties", .object([("type", .string("string"))]))]
        }
        if let description { m.append(("description", .string(description))) }
        return .object(m)
    }
}
