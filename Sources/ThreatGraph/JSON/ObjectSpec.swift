/// The type of a field in an input file, used both to check input and to generate JSON Schema.
public indirect enum FieldType: Sendable {
    /// Any string.
    case string
    /// An id: letters, digits, `-`, `_`, `.`.
    case identifier
    /// One of a fixed set of strings.
    case enumeration([String])
    /// `true` or `false`.
    case boolean
    /// A number in a closed range.
    case number(min: Double, max: Double)
    /// A whole number in a closed range.
    case integer(min: Int, max: Int)
    /// A calendar date `YYYY-MM-DD`.
    case date
    /// An array of elements of one type.
    case array(FieldType)
    /// A nested object described by the named spec.
    case object(String)
    /// An object whose members (from a fixed set of keys) are arrays of strings.
    case stringLists([String])
    /// An object with any keys whose values are strings.
    case stringMap
}

/// One field of an object in an input file.
public struct FieldSpec: Sendable {
    /// The member name.
    public var name: String
    /// Its type.
    public var type: FieldType
    /// Whether it must be present.
    public var required: Bool
    /// What it means, for `schema` and `--help`.
    public var description: String

    /// Creates a field.
    public init(_ name: String, _ type: FieldType, required: Bool = false, _ description: String) {
        self.name = name
        self.type = type
        self.required = required
        self.description = description
    }
}

/// The fields an object may hold.
public struct ObjectSpec: Sendable {
    /// The spec's name (used by `.object(name)`).
    public var name: String
    /// What the object is.
    public var description: String
    /// Its fields, in documentation order.
    public var fields: [FieldSpec]
    /// Fields accepted silently although not documented (e.g. `$schema`).
    public var alsoAllowed: [String]

    /// Creates a spec.
    public init(_ name: String, _ description: String, fields: [FieldSpec], alsoAllowed: [String] = []) {
        self.name = name
        self.description = description
        self.fields = fields
        self.alsoAllowed = alsoAllowed
    }

    /// The field named `name`.
    public func field(_ name: String) -> FieldSpec? { fields.first { $0.name == name } }
}

/// A set of object specs that refer to each other by name.
public struct SchemaSpec: Sendable {
    /// The root object's spec name.
    public var root: String
    /// All specs by name.
    public var objects: [String: ObjectSpec]

    /// Creates a schema from its root and specs.
    public init(root: String, objects: [ObjectSpec]) {
        self.root = root
        self.objects = Dictionary(objects.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }
}
