/// A JSON syntax error with its position.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// What is wrong.
    public var message: String
    /// 1-based line.
    public var line: Int
    /// 1-based column (bytes).
    public var column: Int
}

/// Limits that keep a hostile file from exhausting memory or time.
public struct JSONLimits: Sendable {
    /// Deepest nesting of arrays and objects.
    public var maxDepth: Int
    /// Longest string, in bytes.
    public var maxStringBytes: Int
    /// Most values (scalars, arrays and objects) in one document; bounds memory for files of tiny values like `[[],[],…]`.
    public var maxValues: Int

    /// Creates limits.
    public init(maxDepth: Int = 64, maxStringBytes: Int = 1 << 20, maxValues: Int = 20_000_000) {
        self.maxDepth = maxDepth
        self.maxStringBytes = maxStringBytes
        self.maxValues = maxValues
    }
}

/// A byte-level JSON reader (RFC 8259) that records where every value starts.
///
/// It works iteratively with an explicit stack, so nesting depth is bounded by `JSONLimits.maxDepth`
/// and never by the call stack. Strings must be valid UTF-8; a leading byte-order mark is skipped.
/// The reader builds a flat `JSONDocument` (no tree, no strings); `parse` turns one into a `JSONValue` tree.
/// - Complexity: O(n) in the input size; the document takes 12 bytes per value and member name.
public enum JSONReader {
    /// Parses one JSON document into a tree of located values.
    public static func parse(_ bytes: [UInt8], limits: JSONLimits = JSONLimits()) throws(JSONSyntaxError) -> JSONValue {
        let document = try read(bytes, limits: limits)
        return JSONValue(document, document.root)
    }

    /// Parses one JSON document into a flat `JSONDocument` that refers to `bytes`.
    public static func read(_ bytes: [UInt8], limits: JSONLimits = JSONLimits()) throws(JSONSyntaxError) -> JSONDocument {
        guard bytes.count <= JSONDocument.maxBytes else {
            throw JSONSyntaxError(message: "document larger than \(JSONDocument.maxBytes >> 20) MiB", line: 1, column: 1)
        }
        let result: Result<(TapeBuffer, [UInt32]), JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = TapeParser(buffer, limits: limits)
            if let error = parser.run() { return .failure(error) }
            return .success((parser.tape, parser.lineStarts))
        }
        switch result {
        case .success(let (tape, lineStarts)):
            return JSONDocument(bytes: bytes, tape: tape, lineStarts: lineStarts)
        case .failure(let error):
            throw error
        }
    }
}

/// An open container: its tape entry and kind (the innermost one's count is kept apart while it is open).
private struct Frame {
    var entry: Int
    var isObject: Bool
    /// The enclosing container's count when this one opened.
    var outerCount: Int
}

/// Builds the tape of one document.
private struct TapeParser {
    let limits: JSONLimits
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    let tape: TapeBuffer
    var lineStarts: [UInt32] = []
    var valueCount = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, limits: JSONLimits) {
        self.bytes = bytes
        self.limits = limits
        // About one entry per seven bytes in indented files; the arrays grow past this when needed.
        tape = TapeBuffer(capacity: bytes.count / 6 + 16)
        lineStarts.reserveCapacity(bytes.count / 64 + 1)
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
        var stack: [Frame] = []
        // Values in the innermost open container so far.
        var count = 0
        while true {
            // Expect a value.
            skipWhitespace()
            guard index < bytes.count else {
                return fail(stack.isEmpty ? "empty document: expected a JSON value" : "unexpected end of file: expected a value")
            }
            valueCount += 1
            if valueCount > limits.maxValues { return fail("more than \(limits.maxValues) values in one file") }
            let at = index
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                skipWhitespace()
                if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    append(.object, at: at, UInt64(tape.count + 1))
                } else {
                    if stack.count >= limits.maxDepth { return fail("nesting deeper than \(limits.maxDepth) levels") }
                    stack.append(Frame(entry: tape.count, isObject: true, outerCount: count))
                    count = 0
                    append(.object, at: at, 0)
                    if let error = parseKey() { return error }
                    continue
                }
            case UInt8(ascii: "["):
                index += 1
                skipWhitespace()
                if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    append(.array, at: at, UInt64(tape.count + 1))
                } else {
                    if stack.count >= limits.maxDepth { return fail("nesting deeper than \(limits.maxDepth) levels") }
                    stack.append(Frame(entry: tape.count, isObject: false, outerCount: count))
                    count = 0
                    append(.array, at: at, 0)
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
            // Attach the finished value to its container, closing containers as they end.
            attach: while true {
                guard !stack.isEmpty else {
                    skipWhitespace()
                    if index < bytes.count { return fail("unexpected \(describeCurrent()) after the end of the document") }
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
                    break attach
                } else if b == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
                    index += 1
                    let frame = stack.removeLast()
                    tape.setPayload(frame.entry, UInt64(count) << 32 | UInt64(tape.count))
                    count = frame.outerCount
                } else {
                    return fail("unexpected \(describeCurrent()): expected ',' or '\(isObject ? "}" : "]")'")
                }
            }
        }
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
