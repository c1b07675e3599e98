/// An open container: its tape entry and kind (the innermost one's count is kept apart while it is open).
private struct Frame {
    /// Its tape entry (`Frame.fragment` for the array a fragment's elements belong to).
    var entry: Int
    var isObject: Bool
    /// The enclosing container's count when this one opened.
    var outerCount: Int

    /// The entry of the array, opened before a fragment starts, whose elements the fragment reads.
    static let fragment = -1
}

/// Builds the tape of one document, or of a fragment of one (a run of array elements read by another thread).
struct TapeParser {
    let limits: JSONLimits
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    let tape: TapeBuffer
    var lineStarts: [UInt32] = []
    var valueCount = 0
    /// Fragments of the document read by another thread, merged when the reader reaches them.
    var fragments: TapeFragments?
    /// Where the next fragment starts (`Int.max`: none).
    var nextFragment = Int.max
    /// Fragments merged.
    private(set) var merged = 0
    /// A fragment's reader: elements read, and the most containers open at once (the enclosing array included).
    private(set) var elements = 0
    private(set) var deepest = 0

    /// A reader of the whole document.
    init(_ bytes: UnsafeBufferPointer<UInt8>, limits: JSONLimits) {
        self.bytes = bytes
        self.limits = limits
        // About one entry per seven bytes in indented files; the arrays grow past this when needed.
        tape = TapeBuffer(capacity: bytes.count / 6 + 16)
        lineStarts.reserveCapacity(bytes.count / 64 + 1)
    }

    /// A reader of the fragment that starts at `start`, for about `length` bytes.
    init(_ bytes: UnsafeBufferPointer<UInt8>, limits: JSONLimits, fragmentAt start: Int, length: Int) {
        self.bytes = bytes
        self.limits = limits
        index = start
        // Freed once merged: mapped, so that freeing it changes nothing in the allocator.
        tape = TapeBuffer(capacity: length / 6 + 16, mapping: true)
        lineStarts.reserveCapacity(length / 64 + 1)
    }

    /// A syntax error at the current position. Line breaks occur only in whitespace, so every line start
    /// before the position has been recorded.
    func fail(_ message: String) -> JSONSyntaxError {
        let lineStart = Int(lineStarts.last ?? 0)
        return JSONSyntaxError(message: message, line: max(lineStarts.count, 1), column: index - lineStart + 1)
    }

    func describeCurrent() -> String {
        guard index < bytes.count else { return "end of file" }
        let b = bytes[index]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16, uppercase: true)
    }

    @inline(__always)
    func append(_ kind: JSONDocument.Kind, at offset: Int, _ payload: UInt64) {
        tape.append(UInt32(truncatingIfNeeded: offset) << 3 | UInt32(kind.rawValue), payload)
    }

    @inline(__always)
    mutating func skipWhitespace() {
        while index < bytes.count {
            let b = bytes[index]
            if b == 0x20 || b == 0x09 || b == 0x0D {
                index += 1
            } else if b == 0x0A {
                index += 1
                lineStarts.append(UInt32(truncatingIfNeeded: index))
            } else {
                return
            }
        }
    }

    /// Parses the document; nil on success.
    mutating func run() -> JSONSyntaxError? {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { index = 3 }
        lineStarts.append(UInt32(truncatingIfNeeded: index))
        return parse(stack: [])
    }

    /// Parses the elements of an array from the first one at the current position up to the array's closing
    /// bracket, where it stops; nil on success. The array's entry is not on this tape: its elements are.
    mutating func runFragment(cancelled: () -> Bool) -> JSONSyntaxError? {
        parse(stack: [Frame(entry: Frame.fragment, isObject: false, outerCount: 0)], cancelled: cancelled)
    }

    /// Parses values from the current position with `stack` open.
    private mutating func parse(stack: [Frame], cancelled: () -> Bool = { false }) -> JSONSyntaxError? {
        var stack = stack
        deepest = stack.count
        // Values in the innermost open container so far.
        var count = 0
        while true {
            // Expect a value.
            skipWhitespace()
            guard index < bytes.count else {
                return fail(stack.isEmpty ? "empty document: expected a JSON value" : "unexpected end of file: expected a value")
            }
            // A fragment read by the other thread ends where its array closes: go on as after its last element.
            let tookFragment = index >= nextFragment && mergeFragment(depth: stack.count, inArray: stack.last.map { !$0.isObject } ?? false, count: &count)
            if !tookFragment {
                valueCount += 1
                if valueCount > limits.maxValues { return fail("more than \(limits.maxValues) values in one file") }
                if valueCount & 0x3FF == 0 && cancelled() { return fail("cancelled") }
                let at = index
                switch bytes[index] {
                case UInt8(ascii: "{"), UInt8(ascii: "["):
                    let isObject = bytes[index] == UInt8(ascii: "{")
                    let kind: JSONDocument.Kind = isObject ? .object : .array
                    index += 1
                    skipWhitespace()
                    if index < bytes.count && bytes[index] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                        index += 1
                        append(kind, at: at, UInt64(tape.count + 1))
                    } else {
                        if stack.count >= limits.maxDepth { return fail("nesting deeper than \(limits.maxDepth) levels") }
                        stack.append(Frame(entry: tape.count, isObject: isObject, outerCount: count))
                        deepest = max(deepest, stack.count)
                        count = 0
                        append(kind, at: at, 0)
                        if isObject, let error = parseKey() { return error }
                        continue
                    }
                case UInt8(ascii: "\""):
                    if let error = parseString() { return error }
                case UInt8(ascii: "t"):
                    guard matchLiteral("true") else { return fail("invalid literal: expected 'true'") }
                    append(.true, at: at, 0)
                case UInt8(ascii: "f"):
                    guard matchLiteral("false") else { return fail("invalid literal: expected 'false'") }
                    append(.false, at: at, 0)
                case UInt8(ascii: "n"):
                    guard matchLiteral("null") else { return fail("invalid literal: expected 'null'") }
                    append(.null, at: at, 0)
                case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                    if let error = parseNumber() { return error }
                default:
                    return fail("unexpected \(describeCurrent()): expected a value")
                }
            }
            var ended = false
            if let error = attach(&stack, &count, ended: &ended) { return error }
            if ended { return nil }
        }
    }

    /// Attaches the finished value to its container, closing containers as they end, up to the next value or the
    /// end of the document (or of the fragment: its array's closing bracket, left unread), where it sets `ended`.
    @inline(__always)
    private mutating func attach(_ stack: inout [Frame], _ count: inout Int, ended: inout Bool) -> JSONSyntaxError? {
        while true {
            guard !stack.isEmpty else {
                skipWhitespace()
                if index < bytes.count { return fail("unexpected \(describeCurrent()) after the end of the document") }
                ended = true
                return nil
            }
            count += 1
            let isObject = stack[stack.count - 1].isObject
            skipWhitespace()
            guard index < bytes.count else { return fail("unexpected end of file: expected ',' or '\(isObject ? "}" : "]")'") }
            let b = bytes[index]
            if b == UInt8(ascii: ",") {
                index += 1
                if isObject {
                    skipWhitespace()
                    if let error = parseKey() { return error }
                }
                return nil
            } else if b == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                let frame = stack.removeLast()
                if frame.entry == Frame.fragment {
                    elements = count
                    ended = true
                    return nil
                }
                index += 1
                tape.setPayload(frame.entry, UInt64(count) << 32 | UInt64(tape.count))
                count = frame.outerCount
            } else {
                return fail("unexpected \(describeCurrent()): expected ',' or '\(isObject ? "}" : "]")'")
            }
        }
    }

    /// At the start of the next fragment, in an array (`depth` containers open) with `count` elements so far:
    /// merges the fragment when it was read, leaving the reader at its array's closing bracket with `count` one
    /// short of the elements. Returns false, having given up on the fragments, when the reader is not where one
    /// starts (it began inside a string or an object) or the fragment cannot be used (it failed, or merged it would
    /// pass a limit: reading on finds the same error at the right place).
    private mutating func mergeFragment(depth: Int, inArray: Bool, count: inout Int) -> Bool {
        guard let fragments, index == nextFragment, inArray, let fragment = fragments.next(),
              depth - 1 + fragment.deepest <= limits.maxDepth, valueCount + fragment.valueCount <= limits.maxValues else {
            fragments?.cancel()
            nextFragment = Int.max
            return false
        }
        tape.append(contentsOf: fragment.tape, shiftingEndsBy: tape.count)
        lineStarts += fragment.lineStarts
        valueCount += fragment.valueCount
        index = fragment.end
        count += fragment.elements - 1
        nextFragment = fragment.nextStart ?? Int.max
        merged += 1
        return true
    }

    /// Parses `"key" :` at the current position.
    mutating func parseKey() -> JSONSyntaxError? {
        guard index < bytes.count else { return fail("unexpected end of file: expected a member name") }
        guard bytes[index] == UInt8(ascii: "\"") else {
            return fail("unexpected \(describeCurrent()): expected a member name in double quotes")
        }
        if let error = parseString() { return error }
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
            return fail("unexpected \(describeCurrent()): expected ':' after member name")
        }
        index += 1
        return nil
    }

    mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard index + n <= bytes.count else { return false }
        let p = literal.utf8Start
        for i in 0..<n where bytes[index + i] != p[i] { return false }
        index += n
        return true
    }

    mutating func parseNumber() -> JSONSyntaxError? {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
        guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else {
            return fail("invalid number: expected a digit")
        }
        var integer: UInt64 = 0
        var digits = 0
        if bytes[index] == 0x30 {
            index += 1
            digits = 1
            if index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                return fail("invalid number: leading zeros are not allowed")
            }
        } else {
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                if digits < 18 { integer = integer * 10 + UInt64(bytes[index] - 0x30) }
                digits += 1
                index += 1
            }
        }
        var simple = digits <= 18
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            simple = false
            index += 1
            guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else {
                return fail("invalid number: expected a digit after '.'")
            }
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            simple = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else {
                return fail("invalid number: expected a digit in the exponent")
            }
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        }
        if simple {
            let v = Double(integer)
            append(.number, at: start, (negative ? -v : v).bitPattern)
            return nil
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let v = Double(text), v.isFinite else {
            index = start
            return fail("number out of range: \(text.prefix(40))")
        }
        append(.number, at: start, v.bitPattern)
        return nil
    }

    /// Checks a string at the current position (escapes, length after decoding, UTF-8) and records its byte range.
    mutating func parseString() -> JSONSyntaxError? {
        let quote = index
        index += 1
        let start = index
        var seen: UInt8 = 0
        // Fast path: no escapes. Eight bytes at a time while none is a quote, a backslash, a control or non-ASCII byte.
        if let base = bytes.baseAddress {
            let raw = UnsafeRawPointer(base)
            while index + 8 <= bytes.count {
                let w = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
                let quote = w ^ 0x2222_2222_2222_2222, backslash = w ^ 0x5C5C_5C5C_5C5C_5C5C
                let special = ((quote &- 0x0101_0101_0101_0101) & ~quote) | ((backslash &- 0x0101_0101_0101_0101) & ~backslash)
                    | ((w &- 0x2020_2020_2020_2020) & ~w) | w
                if special & 0x8080_8080_8080_8080 != 0 { break }
                index += 8
            }
        }
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                if index - start > limits.maxStringBytes { index = quote; return fail("string longer than \(limits.maxStringBytes) bytes") }
                if seen >= 0x80 && !UTF8Validation.isValid(bytes, start..<index) { index = quote; return fail("string is not valid UTF-8") }
                append(.string, at: quote, (seen >= 0x80 ? JSONDocument.nonASCII : 0) | UInt64(index))
                index += 1
                return nil
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 {
                return fail(b == 0x0A ? "unterminated string (line break inside a string)" : "control character in string (escape it)")
            }
            seen |= b
            index += 1
        }
        guard index < bytes.count else { index = quote; return fail("unterminated string") }
        // Slow path with escapes: count the decoded length; the text is decoded when it is read.
        var length = index - start
        while index < bytes.count {
            let b = bytes[index]
            if length > limits.maxStringBytes { index = quote; return fail("string longer than \(limits.maxStringBytes) bytes") }
            if b == UInt8(ascii: "\"") {
                // Escapes are ASCII and decode to whole characters, so the text is valid UTF-8 exactly when its raw bytes are.
                if seen >= 0x80 && !UTF8Validation.isValid(bytes, start..<index) { index = quote; return fail("string is not valid UTF-8") }
                append(.string, at: quote, JSONDocument.escaped | (seen >= 0x80 ? JSONDocument.nonASCII : 0) | UInt64(index))
                index += 1
                return nil
            }
            if b < 0x20 {
                return fail(b == 0x0A ? "unterminated string (line break inside a string)" : "control character in string (escape it)")
            }
            if b != UInt8(ascii: "\\") {
                seen |= b
                length += 1
                index += 1
                continue
            }
            let escapeStart = index
            index += 1
            guard index < bytes.count else { break }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                 UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                length += 1
            case UInt8(ascii: "u"):
                guard let high = readHex4() else { index = escapeStart; return fail("invalid \\u escape: expected four hex digits") }
                var scalarValue = high
                if (0xD800...0xDBFF).contains(high) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        index = escapeStart
                        return fail("invalid \\u escape: unpaired high surrogate")
                    }
                    index += 2
                    guard let low = readHex4(), (0xDC00...0xDFFF).contains(low) else {
                        index = escapeStart
                        return fail("invalid \\u escape: unpaired high surrogate")
                    }
                    scalarValue = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(high) {
                    index = escapeStart
                    return fail("invalid \\u escape: unpaired low surrogate")
                }
                guard Unicode.Scalar(scalarValue) != nil else { index = escapeStart; return fail("invalid \\u escape") }
                length += JSONEscapes.utf8Count(scalarValue)
            default:
                index = escapeStart
                return fail("invalid escape '\\\(Character(Unicode.Scalar(e)))' in string")
            }
        }
        index = quote
        return fail("unterminated string")
    }

    mutating func readHex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            guard let d = JSONEscapes.hexDigit(bytes[index]) else { return nil }
            v = v << 4 | d
            index += 1
        }
        return v
    }
}
