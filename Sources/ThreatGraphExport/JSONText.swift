/// A JSON value to write, with object keys in the order given (so output has a fixed key order); `JSONStream` writes it.
public indirect enum JSONText: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([JSONText])
    case object([(String, JSONText)])

    /// An optional string, `null` when absent.
    public static func string(_ s: String?) -> JSONText { s.map { .string($0) } ?? .null }

    /// An array of strings.
    public static func strings(_ list: [String]) -> JSONText { .array(list.map { .string($0) }) }

    /// Pretty-printed with two-space indentation and a trailing newline.
    public func rendered() -> String { rendered(layout: .standard) }

    /// How a document is laid out: ours (`"key": value`, keys in the order given, `[]` and `{}` when empty), or that of
    /// Foundation's `JSONEncoder` with pretty printing and sorted keys, which SARIF files use (`"key" : value`, keys in
    /// byte order, empty containers split over two lines).
    enum Layout { case standard, encoder }

    /// The value written by `JSONStream` in `layout`, with a trailing newline.
    func rendered(layout: Layout) -> String {
        var w = JSONStream(capacity: 4096, layout: layout)
        w.value(self)
        return w.finish()
    }

    /// Shortest round-trip text of a double; whole numbers without a fraction; non-finite as null.
    public static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }

    /// Appends `s` as a JSON string literal: quotes, backslashes and control characters escaped,
    /// and U+2028/U+2029 escaped so the text is also safe inside JavaScript.
    public static func escape(_ s: String, into out: inout String) {
        var bytes = JSONBytes()
        bytes.string(s)
        out += bytes.text()
    }

    /// Element-wise equality (tuples are not Equatable by themselves).
    public static func == (a: JSONText, b: JSONText) -> Bool {
        switch (a, b) {
        case (.null, .null): true
        case (.bool(let x), .bool(let y)): x == y
        case (.int(let x), .int(let y)): x == y
        case (.number(let x), .number(let y)): x == y
        case (.string(let x), .string(let y)): x == y
        case (.array(let x), .array(let y)): x == y
        case (.object(let x), .object(let y)): x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }
}
