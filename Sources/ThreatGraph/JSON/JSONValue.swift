/// A parsed JSON value that remembers where it starts in its source (1-based line and column).
public struct JSONValue: Sendable {
    /// The value itself.
    public enum Storage: Sendable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([JSONValue])
        case object([JSONMember])
    }

    /// The value.
    public var storage: Storage
    /// 1-based line of the value's first character.
    public var line: Int32
    /// 1-based column (in bytes) of the value's first character.
    public var column: Int32

    /// Creates a value at a position.
    public init(_ storage: Storage, line: Int32, column: Int32) {
        self.storage = storage
        self.line = line
        self.column = column
    }

    /// The JSON type name of the value, as used in diagnostics.
    public var typeName: String {
        switch storage {
        case .null: "null"
        case .bool: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The string, when the value is one.
    public var string: String? {
        if case .string(let s) = storage { return s }
        return nil
    }

    /// The number, when the value is one.
    public var number: Double? {
        if case .number(let n) = storage { return n }
        return nil
    }

    /// The boolean, when the value is one.
    public var bool: Bool? {
        if case .bool(let b) = storage { return b }
        return nil
    }

    /// The elements, when the value is an array.
    public var array: [JSONValue]? {
        if case .array(let a) = storage { return a }
        return nil
    }

    /// The members in source order, when the value is an object.
    public var members: [JSONMember]? {
        if case .object(let m) = storage { return m }
        return nil
    }

    /// The first member named `key`, when the value is an object.
    public subscript(key: String) -> JSONValue? {
        members?.first(where: { $0.key == key })?.value
    }
}

/// One `"key": value` member of a JSON object, with the key's position.
public struct JSONMember: Sendable {
    /// The key.
    public var key: String
    /// 1-based line of the key's opening quote.
    public var line: Int32
    /// 1-based column of the key's opening quote.
    public var column: Int32
    /// The value.
    public var value: JSONValue

    /// Creates a member.
    public init(key: String, line: Int32, column: Int32, value: JSONValue) {
        self.key = key
        self.line = line
        self.column = column
        self.value = value
    }
}
