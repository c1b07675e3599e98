/// An open container: its tape entry and kind (the innermost one's count is kept apart while it is open).
private struct Frame {
    /// Its tape entry.
    var entry: Int
    var isObject: Bool
    /// The enclosing container's count when this one opened.
    var outerCount: Int
}

/// Builds the tape of one document: per value and member name a head (byte offset << 3 | kind) and a payload
/// (see `JSONDocument`), and the byte offset at which each line starts.
struct TapeParser {
    let limits: JSONLimits
    let bytes: [UInt8]
    var index = 0
    private(set) var heads: [UInt32] = []
    private(set) var payloads: [UInt64] = []
    private(set) var lineStarts: [UInt32] = []
    private var valueCount = 0
    private var stack: [Frame] = []
    /// Values in the innermost open container so far.
    private var count = 0

    init(_ bytes: [UInt8], limits: JSONLimits) {
        self.bytes = bytes
        self.limits = limits
        // About one entry per seven bytes and one line per forty in indented files; the arrays grow past this when needed.
        heads.reserveCapacity(bytes.count / 6 + 16)
        payloads.reserveCapacity(bytes.count / 6 + 16)
        lineStarts.reserveCapacity(bytes.count / 32 + 1)
    }

    /// A syntax error at the current position. Line breaks occur only in whitespace, so every line start
    /// before the position has been recorded.
    func fail(_ message: String) -> JSONSyntaxError {
        let lineStart = Int(lineStarts.last ?? 0)
        return JSONSyntaxError(message: message, line: max(lineStarts.count, 1), column: index - lineStart + 1)
    }

    /// The current byte for a message: `'x'`, `byte 0x1F` or `end of file`.
    func describeCurrent() -> String {
        guard index < bytes.count else { return "end of file" }
        let b = bytes[index]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16, uppercase: true)
    }

    private mutating func append(_ kind: JSONDocument.Kind, at offset: Int, _ payload: UInt64) {
        heads.append(UInt32(truncatingIfNeeded: offset) << 3 | UInt32(kind.rawValue))
        payloads.append(payload)
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0D:
                index += 1
            case 0x0A:
                index += 1
                lineStarts.append(UInt32(truncatingIfNeeded: index))
            default:
                return
            }
        }
    }

    /// Parses the document.
    mutating func run() throws(JSONSyntaxError) {
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { index = 3 }
        lineStarts.append(UInt32(truncatingIfNeeded: index))
        while true {
            if try value() { continue }
            if try attach() { return }
        }
    }

    /// Parses the value at the current position; returns true when it opened a container whose first value
    /// comes next.
    private mutating func value() throws(JSONSyntaxError) -> Bool {
        skipWhitespace()
        guard index < bytes.count else {
            throw fail(stack.isEmpty ? "empty document: expected a JSON value" : "unexpected end of file: expected a value")
        }
        valueCount += 1
        if valueCount > limits.maxValues { throw fail("more than \(limits.maxValues) values in one file") }
        let at = index
        switch bytes[index] {
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return try open()
        case UInt8(ascii: "\""):
            try parseString()
        case UInt8(ascii: "t"):
            guard matchLiteral("true") else { throw fail("invalid literal: expected 'true'") }
            append(.true, at: at, 0)
        case UInt8(ascii: "f"):
            guard matchLiteral("false") else { throw fail("invalid literal: expected 'false'") }
            append(.false, at: at, 0)
        case UInt8(ascii: "n"):
            guard matchLiteral("null") else { throw fail("invalid literal: expected 'null'") }
            append(.null, at: at, 0)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            try parseNumber()
        default:
            throw fail("unexpected \(describeCurrent()): expected a value")
        }
        return false
    }

    /// Opens the array or object at the current position; an empty one is complete at once (returns false).
    private mutating func open() throws(JSONSyntaxError) -> Bool {
        let at = index
        let isObject = bytes[index] == UInt8(ascii: "{")
        let kind: JSONDocument.Kind = isObject ? .object : .array
        index += 1
        skipWhitespace()
        if index < bytes.count && bytes[index] == (isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")) {
            index += 1
            append(kind, at: at, UInt64(heads.count + 1))
            return false
        }
        if stack.count >= limits.maxDepth { throw fail("nesting deeper than \(limits.maxDepth) levels") }
        stack.append(Frame(entry: heads.count, isObject: isObject, outerCount: count))
        count = 0
        append(kind, at: at, 0)
        if isObject { try parseKey() }
        return true
    }

    /// Attaches the finished value to its container, closing containers as they end, up to the next value;
    /// returns true at the end of the document.
    private mutating func attach() throws(JSONSyntaxError) -> Bool {
        while let frame = stack.last {
            count += 1
            let close = frame.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
            skipWhitespace()
            guard index < bytes.count else { throw fail("unexpected end of file: expected ',' or '\(frame.isObject ? "}" : "]")'") }
            if bytes[index] == UInt8(ascii: ",") {
                index += 1
                if frame.isObject {
                    skipWhitespace()
                    try parseKey()
                }
                return false
            }
            guard bytes[index] == close else { throw fail("unexpected \(describeCurrent()): expected ',' or '\(frame.isObject ? "}" : "]")'") }
            index += 1
            stack.removeLast()
            payloads[frame.entry] = UInt64(count) << 32 | UInt64(heads.count)
            count = frame.outerCount
        }
        skipWhitespace()
        if index < bytes.count { throw fail("unexpected \(describeCurrent()) after the end of the document") }
        return true
    }

    /// Parses `"key" :` at the current position.
    private mutating func parseKey() throws(JSONSyntaxError) {
        guard index < bytes.count else { throw fail("unexpected end of file: expected a member name") }
        guard bytes[index] == UInt8(ascii: "\"") else {
            throw fail("unexpected \(describeCurrent()): expected a member name in double quotes")
        }
        try parseString()
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
            throw fail("unexpected \(describeCurrent()): expected ':' after member name")
        }
        index += 1
    }

    private mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard index + n <= bytes.count else { return false }
        let p = literal.utf8Start
        for i in 0..<n where bytes[index + i] != p[i] { return false }
        index += n
        return true
    }

    private func isDigit(_ i: Int) -> Bool { i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }

    /// Parses a number, which must be finite once converted (correctly rounded) to a `Double`.
    private mutating func parseNumber() throws(JSONSyntaxError) {
        let start = index
        if bytes[index] == UInt8(ascii: "-") { index += 1 }
        guard isDigit(index) else { throw fail("invalid number: expected a digit") }
        if bytes[index] == 0x30 {
            index += 1
            if isDigit(index) { throw fail("invalid number: leading zeros are not allowed") }
        } else {
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            guard isDigit(index) else { throw fail("invalid number: expected a digit after '.'") }
            while isDigit(index) { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard isDigit(index) else { throw fail("invalid number: expected a digit in the exponent") }
            while isDigit(index) { index += 1 }
        }
        let text = String(decoding: bytes[start..<index], as: UTF8.self)
        guard let v = Double(text), v.isFinite else {
            index = start
            throw fail("number out of range: \(text.prefix(40))")
        }
        append(.number, at: start, v.bitPattern)
    }

    /// Checks a string at the current position (escapes, length after decoding, UTF-8) and records its byte range.
    private mutating func parseString() throws(JSONSyntaxError) {
        let quote = index
        index += 1
        let start = index
        var seen: UInt8 = 0
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                if index - start > limits.maxStringBytes { index = quote; throw fail("string longer than \(limits.maxStringBytes) bytes") }
                return try finishString(quote: quote, start: start, flags: 0, seen: seen)
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw controlCharacter(b) }
            seen |= b
            index += 1
        }
        guard index < bytes.count else { index = quote; throw fail("unterminated string") }
        try parseEscapedString(quote: quote, start: start, seen: seen)
    }

    /// Goes on with a string from its first escape: counts the decoded length; the text is decoded when it is read.
    private mutating func parseEscapedString(quote: Int, start: Int, seen: UInt8) throws(JSONSyntaxError) {
        var seen = seen
        var length = index - start
        while index < bytes.count {
            let b = bytes[index]
            if length > limits.maxStringBytes { index = quote; throw fail("string longer than \(limits.maxStringBytes) bytes") }
            if b == UInt8(ascii: "\"") {
                // Escapes are ASCII and decode to whole characters, so the text is valid UTF-8 exactly when its raw bytes are.
                return try finishString(quote: quote, start: start, flags: JSONDocument.escaped, seen: seen)
            }
            if b < 0x20 { throw controlCharacter(b) }
            if b != UInt8(ascii: "\\") {
                seen |= b
                length += 1
                index += 1
                continue
            }
            guard index + 1 < bytes.count else { break }
            length += try parseEscape()
        }
        index = quote
        throw fail("unterminated string")
    }

    /// Records a string whose closing quote is at the current position, once its text is found valid UTF-8.
    private mutating func finishString(quote: Int, start: Int, flags: UInt64, seen: UInt8) throws(JSONSyntaxError) {
        if seen >= 0x80 && !UTF8Validation.isValid(bytes, start..<index) { index = quote; throw fail("string is not valid UTF-8") }
        append(.string, at: quote, flags | (seen >= 0x80 ? JSONDocument.nonASCII : 0) | UInt64(index))
        index += 1
    }

    private func controlCharacter(_ b: UInt8) -> JSONSyntaxError {
        fail(b == 0x0A ? "unterminated string (line break inside a string)" : "control character in string (escape it)")
    }

    /// Parses the escape at the current position (a backslash and at least one byte after it); returns the number
    /// of bytes it decodes to.
    private mutating func parseEscape() throws(JSONSyntaxError) -> Int {
        let escapeStart = index
        let e = bytes[index + 1]
        index += 2
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
             UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
            return 1
        case UInt8(ascii: "u"):
            do {
                return try JSONEscapes.utf8Count(parseUnicodeEscape())
            } catch {
                index = escapeStart
                throw fail(error.message)
            }
        default:
            index = escapeStart
            throw fail("invalid escape '\\\(Character(Unicode.Scalar(e)))' in string")
        }
    }

    /// The scalar of a `\u` escape (a surrogate pair takes two) after its `\u`; the error's message says what is wrong.
    private mutating func parseUnicodeEscape() throws(JSONSyntaxError) -> UInt32 {
        guard let high = readHex4() else { throw fail("invalid \\u escape: expected four hex digits") }
        var scalarValue = high
        if (0xD800...0xDBFF).contains(high) {
            guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                throw fail("invalid \\u escape: unpaired high surrogate")
            }
            index += 2
            guard let low = readHex4(), (0xDC00...0xDFFF).contains(low) else { throw fail("invalid \\u escape: unpaired high surrogate") }
            scalarValue = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(high) {
            throw fail("invalid \\u escape: unpaired low surrogate")
        }
        guard Unicode.Scalar(scalarValue) != nil else { throw fail("invalid \\u escape") }
        return scalarValue
    }

    private mutating func readHex4() -> UInt32? {
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
