/// A parsed JSON document stored flat: one tape entry per value and per member name, in document order.
///
/// Each entry records its kind and the byte offset of its first character (for strings and member names, the
/// opening quote). Containers record the tape index just after their last entry and their element count;
/// numbers their value; strings the byte range of their text in the source, decoded to `String` only when read.
/// An object's entries alternate member name and value. Lines and columns are computed from byte offsets, only
/// when asked for. Nodes are valid only for the document that produced them.
public struct JSONDocument: Sendable {
    /// The kind of a value.
    public enum Kind: UInt8, Sendable {
        case null, `false`, `true`, number, string, array, object
    }

    /// The arrays, shared by copies of the document.
    final class Storage: Sendable {
        /// The source text.
        let bytes: [UInt8]
        /// Per entry: a head (byte offset << 3 | kind) and a payload (containers `count << 32 | end`, numbers
        /// their bit pattern, strings `flags << 32 | end offset`).
        let tape: TapeBuffer
        /// Byte offset at which each line starts (the first after a byte-order mark).
        let lineStarts: [UInt32]

        init(bytes: [UInt8], tape: TapeBuffer, lineStarts: [UInt32]) {
            self.bytes = bytes
            self.tape = tape
            self.lineStarts = lineStarts
        }
    }

    let storage: Storage

    /// The source text.
    public var bytes: [UInt8] { storage.bytes }
    var lineStarts: [UInt32] { storage.lineStarts }

    /// String flag: the text holds escapes.
    static let escaped: UInt64 = 1 << 32
    /// String flag: the text holds bytes outside ASCII.
    static let nonASCII: UInt64 = 1 << 33
    /// Largest supported document (offsets take 29 bits).
    static let maxBytes = 1 << 29

    init(bytes: [UInt8], tape: TapeBuffer, lineStarts: [UInt32]) {
        storage = Storage(bytes: bytes, tape: tape, lineStarts: lineStarts)
    }

    /// The same document in storage of its own (sharing the arrays), so that two threads reading it do not
    /// contend for one reference count.
    func separateCopy() -> JSONDocument { JSONDocument(bytes: storage.bytes, tape: storage.tape, lineStarts: storage.lineStarts) }

    /// The top-level value.
    public var root: JSONNode { JSONNode(0) }

    /// The kind of a value.
    @inline(__always)
    public func kind(_ node: JSONNode) -> Kind {
        switch storage.tape.head(node.index) & 7 {
        case 0: .null
        case 1: .false
        case 2: .true
        case 3: .number
        case 4: .string
        case 5: .array
        default: .object
        }
    }

    /// Byte offset of a value's first character (a member name's opening quote).
    @inline(__always)
    public func offset(_ node: JSONNode) -> Int { Int(storage.tape.head(node.index) >> 3) }

    /// The JSON type name of a value, as used in diagnostics.
    public func typeName(_ node: JSONNode) -> String {
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
    @inline(__always)
    func next(_ node: JSONNode) -> JSONNode {
        if storage.tape.head(node.index) & 7 >= 5 { return JSONNode(Int(truncatingIfNeeded: storage.tape.payload(node.index) & 0xFFFF_FFFF)) }
        return JSONNode(node.index + 1)
    }

    /// The number of elements or members, when the value is an array or object.
    public func count(_ node: JSONNode) -> Int? {
        switch kind(node) {
        case .array, .object: Int(truncatingIfNeeded: storage.tape.payload(node.index) >> 32)
        default: nil
        }
    }

    /// The number, when the value is one.
    @inline(__always)
    public func number(_ node: JSONNode) -> Double? {
        kind(node) == .number ? Double(bitPattern: storage.tape.payload(node.index)) : nil
    }

    /// The boolean, when the value is one.
    @inline(__always)
    public func bool(_ node: JSONNode) -> Bool? {
        switch kind(node) {
        case .true: true
        case .false: false
        default: nil
        }
    }

    /// Whether the value is a string.
    @inline(__always)
    public func isString(_ node: JSONNode) -> Bool { kind(node) == .string }

    /// The byte range of a string's text between its quotes (escapes not decoded).
    @inline(__always)
    func textRange(_ node: JSONNode) -> Range<Int> {
        let start = offset(node) + 1
        let end = Int(truncatingIfNeeded: storage.tape.payload(node.index) & 0xFFFF_FFFF)
        return start..<max(start, end)
    }

    /// Whether a string is plain ASCII without escapes, so that its bytes are its text.
    @inline(__always)
    func isPlainASCII(_ node: JSONNode) -> Bool {
        storage.tape.payload(node.index) & (Self.escaped | Self.nonASCII) == 0
    }

    /// Whether a string has no escapes, so that its bytes are its (UTF-8) text.
    @inline(__always)
    func isUnescaped(_ node: JSONNode) -> Bool {
        storage.tape.payload(node.index) & Self.escaped == 0
    }

    /// The string, when the value is one.
    public func string(_ node: JSONNode) -> String? {
        guard kind(node) == .string else { return nil }
        let range = textRange(node)
        let escaped = !isUnescaped(node)
        return bytes.withUnsafeBufferPointer { buffer in
            guard range.upperBound <= buffer.count else { return "" }
            let text = UnsafeBufferPointer(rebasing: buffer[range])
            return escaped ? JSONEscapes.decode(text) : String(decoding: text, as: UTF8.self)
        }
    }

    /// Whether a string value equals `text` as Swift compares strings, without building a `String` when both are ASCII.
    func stringEquals(_ node: JSONNode, _ text: [UInt8], textIsASCII: Bool) -> Bool {
        guard kind(node) == .string else { return false }
        if textIsASCII && isPlainASCII(node) {
            let range = textRange(node)
            guard range.count == text.count else { return false }
            return bytes.withUnsafeBufferPointer { buffer in
                guard range.upperBound <= buffer.count else { return false }
                return text.withUnsafeBufferPointer { t in
                    var i = 0
                    while i < t.count {
                        if buffer[range.lowerBound + i] != t[i] { return false }
                        i += 1
                    }
                    return true
                }
            }
        }
        return string(node) == String(decoding: text, as: UTF8.self)
    }

    /// The elements of an array, when the value is one.
    public func elements(_ node: JSONNode) -> Elements? {
        guard kind(node) == .array else { return nil }
        return Elements(document: self, start: JSONNode(node.index + 1), end: next(node))
    }

    /// The members of an object in source order, when the value is one.
    public func members(_ node: JSONNode) -> Members? {
        guard kind(node) == .object else { return nil }
        return Members(document: self, start: JSONNode(node.index + 1), end: next(node))
    }

    /// The value of the first member named `key`, when the value is an object.
    public func member(_ node: JSONNode, _ key: String) -> JSONNode? {
        members(node)?.first { string($0.key) == key }?.value
    }

    /// 1-based line and column (in bytes) of a value's first character, or of a member name's opening quote.
    public func position(_ node: JSONNode) -> (line: Int, column: Int) {
        var hint = 0
        return position(ofByte: offset(node), hint: &hint)
    }

    /// 1-based line and column of a byte offset; `hint` is a line index to start from (updated), so that
    /// positions asked for in document order cost O(1) each.
    func position(ofByte offset: Int, hint: inout Int) -> (line: Int, column: Int) {
        let starts = lineStarts
        guard !starts.isEmpty else { return (1, offset + 1) }
        var line = min(max(hint, 0), starts.count - 1)
        if Int(starts[line]) <= offset {
            // Walk forward a few lines, then search.
            var steps = 0
            while line + 1 < starts.count && Int(starts[line + 1]) <= offset && steps < 8 {
                line += 1
                steps += 1
            }
            if line + 1 < starts.count && Int(starts[line + 1]) <= offset {
                line = Self.lastLine(starts, atOrBefore: offset, from: line + 1, to: starts.count)
            }
        } else {
            line = Self.lastLine(starts, atOrBefore: offset, from: 0, to: line)
        }
        hint = line
        return (line + 1, offset - Int(starts[line]) + 1)
    }

    /// The last index in `lo..<hi` whose line starts at or before `offset` (`lo` when none does).
    static func lastLine(_ starts: [UInt32], atOrBefore offset: Int, from lo: Int, to hi: Int) -> Int {
        var lo = lo, hi = hi
        // Invariant: starts[lo] <= offset or lo is the lower bound; the answer is in lo..<hi.
        while hi - lo > 1 {
            let mid = lo + (hi - lo) / 2
            if Int(starts[mid]) <= offset { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// Calls `body` with unsafe views of the tape and the source, valid during the call.
    func withView<R>(_ body: (View) -> R) -> R {
        storage.tape.withBuffers { heads, payloads in
            storage.bytes.withUnsafeBufferPointer { bytes in
                body(View(heads: heads, payloads: payloads, bytes: bytes))
            }
        }
    }

    /// The tape and source as buffers, for loops that read many entries. Callers check indices against `count`.
    struct View {
        let heads: UnsafeBufferPointer<UInt32>
        let payloads: UnsafeBufferPointer<UInt64>
        let bytes: UnsafeBufferPointer<UInt8>

        /// Number of entries.
        @inline(__always) var count: Int { heads.count }
        /// Raw kind of entry `i` (`Kind.rawValue`).
        @inline(__always) func kind(_ i: Int) -> UInt32 { heads[i] & 7 }
        /// Entry after `i` and everything inside it, at most `count`.
        @inline(__always) func next(_ i: Int) -> Int {
            heads[i] & 7 >= 5 ? min(Int(truncatingIfNeeded: payloads[i] & 0xFFFF_FFFF), heads.count) : i + 1
        }
        /// Text range of string entry `i`, within the source.
        @inline(__always) func text(_ i: Int) -> Range<Int> {
            let start = Int(heads[i] >> 3) + 1
            let end = min(Int(truncatingIfNeeded: payloads[i] & 0xFFFF_FFFF), bytes.count)
            return start..<max(start, end)
        }
        /// Whether string entry `i` is ASCII without escapes.
        @inline(__always) func isPlainASCII(_ i: Int) -> Bool { payloads[i] & (JSONDocument.escaped | JSONDocument.nonASCII) == 0 }
        /// Whether string entry `i` has no escapes.
        @inline(__always) func isUnescaped(_ i: Int) -> Bool { payloads[i] & JSONDocument.escaped == 0 }
    }

    /// The elements of an array, in order.
    public struct Elements: Sequence, Sendable {
        let document: JSONDocument
        let start: JSONNode
        let end: JSONNode

        /// Iterates the elements.
        public func makeIterator() -> Iterator { Iterator(document: document, current: start, end: end) }

        /// Steps through the elements.
        public struct Iterator: IteratorProtocol {
            let document: JSONDocument
            var current: JSONNode
            let end: JSONNode

            /// The next element.
            public mutating func next() -> JSONNode? {
                guard current.index < end.index else { return nil }
                let node = current
                current = document.next(node)
                return node
            }
        }
    }

    /// The members of an object, in order: each member name's node and its value's node.
    public struct Members: Sequence, Sendable {
        let document: JSONDocument
        let start: JSONNode
        let end: JSONNode

        /// Iterates the members.
        public func makeIterator() -> Iterator { Iterator(document: document, current: start, end: end) }

        /// Steps through the members.
        public struct Iterator: IteratorProtocol {
            let document: JSONDocument
            var current: JSONNode
            let end: JSONNode

            /// The next member.
            public mutating func next() -> (key: JSONNode, value: JSONNode)? {
                guard current.index + 1 < end.index else { return nil }
                let key = current
                let value = JSONNode(key.index + 1)
                current = document.next(value)
                return (key, value)
            }
        }
    }
}

/// A value (or member name) in a `JSONDocument`.
public struct JSONNode: Sendable, Hashable {
    /// Its tape index.
    let index: Int

    init(_ index: Int) { self.index = index }
}
