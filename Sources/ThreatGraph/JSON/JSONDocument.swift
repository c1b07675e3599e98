/// A parsed JSON document stored flat: one tape entry per value and per member name, in document order.
///
/// Each entry records its kind and the byte offset of its first character (for strings and member names, the
/// opening quote). Containers record the tape index just after their last entry and their element count;
/// numbers their value; strings the byte range of their text in the source, decoded to `String` only when read.
/// An object's entries alternate member name and value. Lines and columns are computed from byte offsets, only
/// when asked for. Nodes are valid only for the document that produced them. A class, so that the readers that
/// pass it around share one reference.
final class JSONDocument: Sendable {
    /// The kind of a value.
    enum Kind: UInt8, Sendable {
        case null, `false`, `true`, number, string, array, object
    }

    /// The source text.
    let bytes: [UInt8]
    /// Per entry: byte offset << 3 | kind.
    let heads: [UInt32]
    /// Per entry: containers `count << 32 | end`, numbers their bit pattern, strings `flags << 32 | end offset`.
    let payloads: [UInt64]
    /// Byte offset at which each line starts (the first after a byte-order mark).
    let lineStarts: [UInt32]

    /// String flag: the text holds escapes.
    static let escaped: UInt64 = 1 << 32
    /// String flag: the text holds bytes outside ASCII.
    static let nonASCII: UInt64 = 1 << 33
    /// Largest supported document (offsets take 29 bits).
    static let maxBytes = 1 << 29

    init(bytes: [UInt8], heads: [UInt32], payloads: [UInt64], lineStarts: [UInt32]) {
        self.bytes = bytes
        self.heads = heads
        self.payloads = payloads
        self.lineStarts = lineStarts
    }

    /// The top-level value.
    var root: JSONNode { JSONNode(0) }

    /// The kind of a value.
    func kind(_ node: JSONNode) -> Kind { Kind(rawValue: UInt8(heads[node.index] & 7)) ?? .null }

    /// Byte offset of a value's first character (a member name's opening quote).
    func offset(_ node: JSONNode) -> Int { Int(heads[node.index] >> 3) }

    /// The JSON type name of a value, as used in diagnostics.
    func typeName(_ node: JSONNode) -> String {
        switch kind(node) {
        case .null: "null"
        case .false, .true: "boolean"
        case .number: "number"
        case .string: "string"
        case .array: "array"
        case .object: "object"
        }
    }

    /// The node after `node` and everything inside it.
    func next(_ node: JSONNode) -> JSONNode {
        switch kind(node) {
        case .array, .object: JSONNode(Int(truncatingIfNeeded: payloads[node.index] & 0xFFFF_FFFF))
        default: JSONNode(node.index + 1)
        }
    }

    /// The number of elements or members, when the value is an array or object.
    func count(_ node: JSONNode) -> Int? {
        switch kind(node) {
        case .array, .object: Int(truncatingIfNeeded: payloads[node.index] >> 32)
        default: nil
        }
    }

    /// The number, when the value is one.
    func number(_ node: JSONNode) -> Double? {
        kind(node) == .number ? Double(bitPattern: payloads[node.index]) : nil
    }

    /// The boolean, when the value is one.
    func bool(_ node: JSONNode) -> Bool? {
        switch kind(node) {
        case .true: true
        case .false: false
        default: nil
        }
    }

    /// Whether the value is a string.
    func isString(_ node: JSONNode) -> Bool { kind(node) == .string }

    /// The byte range of a string's text between its quotes (escapes not decoded).
    func textRange(_ node: JSONNode) -> Range<Int> {
        let start = offset(node) + 1
        let end = min(Int(truncatingIfNeeded: payloads[node.index] & 0xFFFF_FFFF), bytes.count)
        return start..<max(start, end)
    }

    /// Whether a string is plain ASCII without escapes, so that its bytes are its text.
    func isPlainASCII(_ node: JSONNode) -> Bool { payloads[node.index] & (Self.escaped | Self.nonASCII) == 0 }

    /// Whether a string has no escapes, so that its bytes are its (UTF-8) text.
    func isUnescaped(_ node: JSONNode) -> Bool { payloads[node.index] & Self.escaped == 0 }

    /// The string, when the value is one.
    func string(_ node: JSONNode) -> String? {
        guard kind(node) == .string else { return nil }
        let range = textRange(node)
        if isUnescaped(node) { return String(decoding: bytes[range], as: UTF8.self) }
        return JSONEscapes.decode(bytes, range)
    }

    /// The elements of an array, in order, when the value is one.
    func elements(_ node: JSONNode) -> UnfoldSequence<JSONNode, Int>? {
        guard kind(node) == .array else { return nil }
        let end = next(node).index
        return sequence(state: node.index + 1) { i in
            guard i < end else { return nil }
            let element = JSONNode(i)
            i = self.next(element).index
            return element
        }
    }

    /// The members of an object in source order (each member name's node and its value's node), when the value is one.
    func members(_ node: JSONNode) -> UnfoldSequence<(key: JSONNode, value: JSONNode), Int>? {
        guard kind(node) == .object else { return nil }
        let end = next(node).index
        return sequence(state: node.index + 1) { i in
            guard i + 1 < end else { return nil }
            let value = JSONNode(i + 1)
            i = self.next(value).index
            return (JSONNode(value.index - 1), value)
        }
    }

    /// 1-based line and column (in bytes) of a value's first character, or of a member name's opening quote.
    /// - Complexity: O(log l) for l lines.
    func position(_ node: JSONNode) -> (line: Int, column: Int) {
        let offset = offset(node)
        // The last line that starts at or before `offset` (the first line starts at 0 or after a byte-order mark).
        var lo = 0, hi = lineStarts.count
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if Int(lineStarts[mid]) <= offset { lo = mid } else { hi = mid }
        }
        let start = lineStarts.isEmpty ? 0 : Int(lineStarts[lo])
        return (lo + 1, offset - start + 1)
    }
}

/// A value (or member name) in a `JSONDocument`.
struct JSONNode: Sendable, Hashable {
    /// Its tape index.
    let index: Int

    init(_ index: Int) { self.index = index }
}
