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
    /// The tree of a value in a document, each value and member with its line and column.
    /// Built with an explicit stack, so deep nesting never exhausts the call stack.
    /// - Complexity: O(n) in the number of values below `node`.
    public init(_ document: JSONDocument, _ node: JSONNode) {
        /// A container being filled, and the member name waiting for its value when it is an object.
        struct Frame {
            var isObject: Bool
            var line: Int32
            var column: Int32
            var end: Int
            var elements: [JSONValue] = []
            var members: [JSONMember] = []
            var key = ""
            var keyLine: Int32 = 0
            var keyColumn: Int32 = 0
        }
        var hint = 0
        func position(_ n: JSONNode) -> (Int32, Int32) {
            let p = document.position(ofByte: document.offset(n), hint: &hint)
            return (Int32(truncatingIfNeeded: p.line), Int32(truncatingIfNeeded: p.column))
        }
        var stack: [Frame] = []
        var current = node
        while true {
            if let top = stack.indices.last, stack[top].isObject {
                let (line, column) = position(current)
                stack[top].key = document.string(current) ?? ""
                stack[top].keyLine = line
                stack[top].keyColumn = column
                current = JSONNode(current.index + 1)
            }
            let (line, column) = position(current)
            var value: JSONValue
            switch document.kind(current) {
            case .null: value = JSONValue(.null, line: line, column: column)
            case .false: value = JSONValue(.bool(false), line: line, column: column)
            case .true: value = JSONValue(.bool(true), line: line, column: column)
            case .number: value = JSONValue(.number(document.number(current) ?? 0), line: line, column: column)
            case .string: value = JSONValue(.string(document.string(current) ?? ""), line: line, column: column)
            case .array, .object:
                let isObject = document.kind(current) == .object
                let end = document.next(current).index
                if end > current.index + 1 {
                    var frame = Frame(isObject: isObject, line: line, column: column, end: end)
                    if isObject { frame.members.reserveCapacity(document.count(current) ?? 0) } else { frame.elements.reserveCapacity(document.count(current) ?? 0) }
                    stack.append(frame)
                    current = JSONNode(current.index + 1)
                    continue
                }
                value = JSONValue(isObject ? .object([]) : .array([]), line: line, column: column)
            }
            current = document.next(current)
            // Attach the value to its container, closing containers as they end.
            while let top = stack.indices.last {
                if stack[top].isObject {
                    stack[top].members.append(JSONMember(key: stack[top].key, line: stack[top].keyLine, column: stack[top].keyColumn, value: value))
                } else {
                    stack[top].elements.append(value)
                }
                guard current.index >= stack[top].end else { break }
                let frame = stack.removeLast()
                value = JSONValue(frame.isObject ? .object(frame.members) : .array(frame.elements), line: frame.line, column: frame.column)
            }
            if stack.isEmpty { self = value; return }
        }
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
