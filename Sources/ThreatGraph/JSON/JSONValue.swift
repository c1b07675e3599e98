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

extension JSONValue {
    /// A container being filled: its value (empty until it closes), its member name in the enclosing object, where
    /// its entries end, and what it holds so far.
    private struct Open {
        var value: JSONValue
        var key: JSONNode?
        var end: Int
        var elements: [JSONValue] = []
        var members: [JSONMember] = []
    }

    /// The tree of a value in a document, each value and member with its line and column.
    /// Built with an explicit stack, so deep nesting never exhausts the call stack.
    /// - Complexity: O(n log l) for n values below `node` in a document of l lines.
    init(_ document: JSONDocument, _ node: JSONNode) {
        var stack: [Open] = []
        var current = node.index
        while true {
            // In an object, the member name comes first.
            var key: JSONNode?
            if stack.last?.value.members != nil {
                key = JSONNode(current)
                current += 1
            }
            var value = JSONValue.leaf(document, JSONNode(current))
            let end = document.next(JSONNode(current)).index
            if value.array != nil || value.members != nil, end > current + 1 {
                stack.append(Open(value: value, key: key, end: end))
                current += 1
                continue
            }
            current = end
            // Attach the value to its container, closing containers as they end.
            while !stack.isEmpty {
                let top = stack.count - 1
                if let key {
                    let (line, column) = document.position(key)
                    stack[top].members.append(JSONMember(key: document.string(key) ?? "", line: Int32(truncatingIfNeeded: line),
                                                         column: Int32(truncatingIfNeeded: column), value: value))
                } else {
                    stack[top].elements.append(value)
                }
                guard current >= stack[top].end else { break }
                let open = stack.removeLast()
                value = open.value
                value.storage = value.members != nil ? .object(open.members) : .array(open.elements)
                key = open.key
            }
            if stack.isEmpty { self = value; return }
        }
    }

    /// A scalar with its value, or an array or object with no elements yet.
    private static func leaf(_ document: JSONDocument, _ node: JSONNode) -> JSONValue {
        let (line, column) = document.position(node)
        let storage: Storage = switch document.kind(node) {
        case .null: .null
        case .false: .bool(false)
        case .true: .bool(true)
        case .number: .number(document.number(node) ?? 0)
        case .string: .string(document.string(node) ?? "")
        case .array: .array([])
        case .object: .object([])
        }
        return JSONValue(storage, line: Int32(truncatingIfNeeded: line), column: Int32(truncatingIfNeeded: column))
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
