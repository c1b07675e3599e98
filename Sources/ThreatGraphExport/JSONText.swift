/// A JSON value to write, with object keys in the order given (so output has a fixed key order).
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

    func rendered(layout: Layout) -> String {
        var out = JSONBytes()
        write(to: &out, indent: 0, layout: layout)
        out.bytes.append(0x0A)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    func write(to out: inout JSONBytes, indent: Int, layout: Layout = .standard) {
        switch self {
        case .null: out.append("null")
        case .bool(let b): out.append(b ? "true" : "false")
        case .int(let i): out.integer(i)
        case .number(let d): out.append(JSONText.format(d))
        case .string(let s): out.string(s)
        case .array(let items):
            if items.isEmpty && layout == .standard { out.append("[]"); return }
            out.bytes.append(UInt8(ascii: "["))
            if items.isEmpty { out.bytes.append(0x0A) }
            for (i, item) in items.enumerated() {
                out.newline(indent + 2)
                item.write(to: &out, indent: indent + 2, layout: layout)
                if i + 1 < items.count { out.bytes.append(UInt8(ascii: ",")) }
            }
            out.newline(indent)
            out.bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            if members.isEmpty && layout == .standard { out.append("{}"); return }
            out.bytes.append(UInt8(ascii: "{"))
            if members.isEmpty { out.bytes.append(0x0A) }
            // The encoder layout sorts positions, not members, so no value is copied.
            let order = layout == .standard ? Array(members.indices)
                : members.indices.sorted { members[$0].0.utf8.lexicographicallyPrecedes(members[$1].0.utf8) }
            for (n, i) in order.enumerated() {
                out.newline(indent + 2)
                out.string(members[i].0)
                out.append(layout == .standard ? ": " : " : ")
                members[i].1.write(to: &out, indent: indent + 2, layout: layout)
                if n + 1 < order.count { out.bytes.append(UInt8(ascii: ",")) }
            }
            out.newline(indent)
            out.bytes.append(UInt8(ascii: "}"))
        }
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
        out += String(decoding: bytes.bytes, as: UTF8.self)
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

/// A growing UTF-8 buffer for writing JSON without intermediate strings.
struct JSONBytes {
    var bytes: [UInt8] = []

    init() { bytes.reserveCapacity(1 << 16) }

    /// Appends text as is.
    mutating func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
    }

    /// A whole number in decimal, without an intermediate string.
    mutating func integer(_ i: Int) {
        if i == 0 { bytes.append(0x30); return }
        if i < 0 {
            guard i != Int.min else { append(String(i)); return }
            bytes.append(UInt8(ascii: "-"))
        }
        var v = i.magnitude
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var n = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            while v > 0 { buffer[n] = UInt8(truncatingIfNeeded: v % 10) + 0x30; v /= 10; n += 1 }
            for k in stride(from: n - 1, through: 0, by: -1) { bytes.append(buffer[k]) }
        }
    }

    /// A line break and `indent` spaces.
    mutating func newline(_ indent: Int) {
        bytes.append(0x0A)
        var left = indent
        while left > 0 {
            let n = Swift.min(left, 32)
            withUnsafeBytes(of: JSONBytes.spaces) { bytes.append(contentsOf: $0.prefix(n)) }
            left -= n
        }
    }

    /// Thirty-two spaces, for indentation.
    private static let spaces: (UInt64, UInt64, UInt64, UInt64) = (0x2020_2020_2020_2020, 0x2020_2020_2020_2020, 0x2020_2020_2020_2020, 0x2020_2020_2020_2020)

    /// Appends a quoted, escaped JSON string; runs that need no escape are copied in one step.
    mutating func string(_ s: String) {
        var s = s
        bytes.append(0x22)
        s.withUTF8 { utf8 in
            var i = 0, runStart = 0
            let n = utf8.count
            func flush(_ end: Int) {
                if end > runStart { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<end])) }
            }
            while i < n {
                let b = utf8[i]
                let needsEscape = b < 0x20 || b == 0x22 || b == 0x5C || b == 0x7F
                    || (b == 0xE2 && i + 2 < n && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9))
                if !needsEscape { i += 1; continue }
                flush(i)
                switch b {
                case 0x22: bytes.append(0x5C); bytes.append(0x22)
                case 0x5C: bytes.append(0x5C); bytes.append(0x5C)
                case 0x0A: bytes.append(0x5C); bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(0x5C); bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(0x5C); bytes.append(UInt8(ascii: "t"))
                case 0xE2:
                    bytes.append(contentsOf: Array((utf8[i + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8))
                    i += 2
                default:
                    let hex = Array("0123456789abcdef".utf8)
                    bytes.append(contentsOf: Array("\\u00".utf8))
                    bytes.append(hex[Int(b >> 4)])
                    bytes.append(hex[Int(b & 0xF)])
                }
                i += 1
                runStart = i
            }
            flush(n)
        }
        bytes.append(0x22)
    }
}
