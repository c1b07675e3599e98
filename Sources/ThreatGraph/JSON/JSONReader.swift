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

/// A byte-level JSON reader (RFC 8259) that records the line and column of every value.
///
/// It works iteratively with an explicit stack, so nesting depth is bounded by `JSONLimits.maxDepth`
/// and never by the call stack. Strings must be valid UTF-8; a leading byte-order mark is skipped.
/// - Complexity: O(n) in the input size.
public enum JSONReader {
    /// Parses one JSON document.
    public static func parse(_ bytes: [UInt8], limits: JSONLimits = JSONLimits()) throws(JSONSyntaxError) -> JSONValue {
        var parser = Parser(limits: limits)
        let result = bytes.withUnsafeBufferPointer { buffer in parser.run(buffer) }
        switch result {
        case .success(let value): return value
        case .failure(let error): throw error
        }
    }
}

/// An open container: its kind and position, and where its elements start on the value and key stacks.
private struct Frame {
    var isObject: Bool
    var line: Int32
    var column: Int32
    var valueStart: Int
    var keyStart: Int
}

/// A member name waiting for its value.
private struct PendingKey {
    var key: String
    var line: Int32
    var column: Int32
}

private struct Parser {
    let limits: JSONLimits
    var index = 0
    var line: Int32 = 1
    var lineStart = 0
    var bytes: UnsafeBufferPointer<UInt8> = UnsafeBufferPointer(start: nil, count: 0)
    var scratch: [UInt8] = []
    var valueCount = 0

    init(limits: JSONLimits) { self.limits = limits }

    var column: Int32 { Int32(truncatingIfNeeded: index - lineStart + 1) }

    func fail(_ message: String) -> JSONSyntaxError {
        JSONSyntaxError(message: message, line: Int(line), column: index - lineStart + 1)
    }

    func describeCurrent() -> String {
        guard index < bytes.count else { return "end of file" }
        let b = bytes[index]
        if b >= 0x21 && b < 0x7F { return "'\(Character(Unicode.Scalar(b)))'" }
        return "byte 0x" + String(b, radix: 16, uppercase: true)
    }

    mutating func skipWhitespace() {
        while index < bytes.count {
            let b = bytes[index]
            if b == 0x20 || b == 0x09 || b == 0x0D {
                index += 1
            } else if b == 0x0A {
                index += 1
                line &+= 1
                lineStart = index
            } else {
                return
            }
        }
    }

    mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) -> Result<JSONValue, JSONSyntaxError> {
        bytes = buffer
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            index = 3
            lineStart = 3
        }
        var stack: [Frame] = []
        var values: [JSONValue] = []
        var keys: [PendingKey] = []
        while true {
            // Expect a value.
            skipWhitespace()
            guard index < bytes.count else {
                return .failure(fail(stack.isEmpty ? "empty document: expected a JSON value" : "unexpected end of file: expected a value"))
            }
            let vLine = line, vColumn = column
            valueCount += 1
            if valueCount > limits.maxValues { return .failure(fail("more than \(limits.maxValues) values in one file")) }
            var value: JSONValue
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                skipWhitespace()
                if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
                    index += 1
                    value = JSONValue(.object([]), line: vLine, column: vColumn)
                } else {
                    if stack.count >= limits.maxDepth { return .failure(fail("nesting deeper than \(limits.maxDepth) levels")) }
                    switch parseKey() {
                    case .failure(let e): return .failure(e)
                    case .success(let k): keys.append(k)
                    }
                    stack.append(Frame(isObject: true, line: vLine, column: vColumn, valueStart: values.count, keyStart: keys.count - 1))
                    continue
                }
            case UInt8(ascii: "["):
                index += 1
                skipWhitespace()
                if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
                    index += 1
                    value = JSONValue(.array([]), line: vLine, column: vColumn)
                } else {
                    if stack.count >= limits.maxDepth { return .failure(fail("nesting deeper than \(limits.maxDepth) levels")) }
                    stack.append(Frame(isObject: false, line: vLine, column: vColumn, valueStart: values.count, keyStart: keys.count))
                    continue
                }
            case UInt8(ascii: "\""):
                switch parseString() {
                case .failure(let e): return .failure(e)
                case .success(let s): value = JSONValue(.string(s), line: vLine, column: vColumn)
                }
            case UInt8(ascii: "t"):
                guard matchLiteral("true") else { return .failure(fail("invalid literal: expected 'true'")) }
                value = JSONValue(.bool(true), line: vLine, column: vColumn)
            case UInt8(ascii: "f"):
                guard matchLiteral("false") else { return .failure(fail("invalid literal: expected 'false'")) }
                value = JSONValue(.bool(false), line: vLine, column: vColumn)
            case UInt8(ascii: "n"):
                guard matchLiteral("null") else { return .failure(fail("invalid literal: expected 'null'")) }
                value = JSONValue(.null, line: vLine, column: vColumn)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                switch parseNumber() {
                case .failure(let e): return .failure(e)
                case .success(let n): value = JSONValue(.number(n), line: vLine, column: vColumn)
                }
            default:
                return .failure(fail("unexpected \(describeCurrent()): expected a value"))
            }
            // Attach the finished value to its container, closing containers as they end.
            attach: while true {
                guard let top = stack.last else {
                    skipWhitespace()
                    if index < bytes.count { return .failure(fail("unexpected \(describeCurrent()) after the end of the document")) }
                    return .success(value)
                }
                values.append(value)
                skipWhitespace()
                let close = top.isObject ? UInt8(ascii: "}") : UInt8(ascii: "]")
                guard index < bytes.count else { return .failure(fail("unexpected end of file: expected ',' or '\(top.isObject ? "}" : "]")'")) }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    if top.isObject {
                        skipWhitespace()
                        switch parseKey() {
                        case .failure(let e): return .failure(e)
                        case .success(let k): keys.append(k)
                        }
                    }
                    break attach
                } else if bytes[index] == close {
                    index += 1
                    stack.removeLast()
                    if top.isObject {
                        var members: [JSONMember] = []
                        members.reserveCapacity(values.count - top.valueStart)
                        for (k, v) in zip(keys[top.keyStart...], values[top.valueStart...]) {
                            members.append(JSONMember(key: k.key, line: k.line, column: k.column, value: v))
                        }
                        keys.removeSubrange(top.keyStart...)
                        values.removeSubrange(top.valueStart...)
                        value = JSONValue(.object(members), line: top.line, column: top.column)
                    } else {
                        let elements = Array(values[top.valueStart...])
                        values.removeSubrange(top.valueStart...)
                        value = JSONValue(.array(elements), line: top.line, column: top.column)
                    }
                } else {
                    return .failure(fail("unexpected \(describeCurrent()): expected ',' or '\(top.isObject ? "}" : "]")'"))
                }
            }
        }
    }

    /// Parses `"key" :` at the current position.
    mutating func parseKey() -> Result<PendingKey, JSONSyntaxError> {
        guard index < bytes.count else { return .failure(fail("unexpected end of file: expected a member name")) }
        guard bytes[index] == UInt8(ascii: "\"") else {
            return .failure(fail("unexpected \(describeCurrent()): expected a member name in double quotes"))
        }
        let kl = line, kc = column
        let key: String
        switch parseString() {
        case .failure(let e): return .failure(e)
        case .success(let s): key = s
        }
        skipWhitespace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else {
            return .failure(fail("unexpected \(describeCurrent()): expected ':' after member name"))
        }
        index += 1
        return .success(PendingKey(key: key, line: kl, column: kc))
    }

    mutating func matchLiteral(_ literal: StaticString) -> Bool {
        let n = literal.utf8CodeUnitCount
        guard index + n <= bytes.count else { return false }
        let p = literal.utf8Start
        for i in 0..<n where bytes[index + i] != p[i] { return false }
        index += n
        return true
    }

    mutating func parseNumber() -> Result<Double, JSONSyntaxError> {
        let start = index
        var negative = false
        if bytes[index] == UInt8(ascii: "-") { negative = true; index += 1 }
        guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else {
            return .failure(fail("invalid number: expected a digit"))
        }
        var integer: UInt64 = 0
        var digits = 0
        if bytes[index] == 0x30 {
            index += 1
            digits = 1
            if index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                return .failure(fail("invalid number: leading zeros are not allowed"))
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
                return .failure(fail("invalid number: expected a digit after '.'"))
            }
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            simple = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 else {
                return .failure(fail("invalid number: expected a digit in the exponent"))
            }
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        }
        if simple {
            let v = Double(integer)
            return .success(negative ? -v : v)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        guard let v = Double(text), v.isFinite else {
            index = start
            return .failure(fail("number out of range: \(text.prefix(40))"))
        }
        return .success(v)
    }

    mutating func parseString() -> Result<String, JSONSyntaxError> {
        let quote = index
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < bytes.count {
            let b = bytes[index]
            if b == UInt8(ascii: "\"") {
                if index - start > limits.maxStringBytes { index = quote; return .failure(fail("string longer than \(limits.maxStringBytes) bytes")) }
                let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
                index += 1
                if let s = String(validating: slice, as: UTF8.self) { return .success(s) }
                index = quote
                return .failure(fail("string is not valid UTF-8"))
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 {
                return .failure(fail(b == 0x0A ? "unterminated string (line break inside a string)" : "control character in string (escape it)"))
            }
            index += 1
        }
        guard index < bytes.count else { index = quote; return .failure(fail("unterminated string")) }
        // Slow path with escapes.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index]))
        while index < bytes.count {
            let b = bytes[index]
            if scratch.count > limits.maxStringBytes { index = quote; return .failure(fail("string longer than \(limits.maxStringBytes) bytes")) }
            if b == UInt8(ascii: "\"") {
                index += 1
                if let s = String(validating: scratch, as: UTF8.self) { return .success(s) }
                index = quote
                return .failure(fail("string is not valid UTF-8"))
            }
            if b < 0x20 {
                return .failure(fail(b == 0x0A ? "unterminated string (line break inside a string)" : "control character in string (escape it)"))
            }
            if b != UInt8(ascii: "\\") {
                scratch.append(b)
                index += 1
                continue
            }
            let escapeStart = index
            index += 1
            guard index < bytes.count else { break }
            let e = bytes[index]
            index += 1
            switch e {
            case UInt8(ascii: "\""): scratch.append(0x22)
            case UInt8(ascii: "\\"): scratch.append(0x5C)
            case UInt8(ascii: "/"): scratch.append(0x2F)
            case UInt8(ascii: "b"): scratch.append(0x08)
            case UInt8(ascii: "f"): scratch.append(0x0C)
            case UInt8(ascii: "n"): scratch.append(0x0A)
            case UInt8(ascii: "r"): scratch.append(0x0D)
            case UInt8(ascii: "t"): scratch.append(0x09)
            case UInt8(ascii: "u"):
                guard let high = readHex4() else { index = escapeStart; return .failure(fail("invalid \\u escape: expected four hex digits")) }
                var scalarValue = high
                if (0xD800...0xDBFF).contains(high) {
                    guard index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        index = escapeStart
                        return .failure(fail("invalid \\u escape: unpaired high surrogate"))
                    }
                    index += 2
                    guard let low = readHex4(), (0xDC00...0xDFFF).contains(low) else {
                        index = escapeStart
                        return .failure(fail("invalid \\u escape: unpaired high surrogate"))
                    }
                    scalarValue = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(high) {
                    index = escapeStart
                    return .failure(fail("invalid \\u escape: unpaired low surrogate"))
                }
                guard let scalar = Unicode.Scalar(scalarValue) else { index = escapeStart; return .failure(fail("invalid \\u escape")) }
                scratch.append(contentsOf: String(Character(scalar)).utf8)
            default:
                index = escapeStart
                return .failure(fail("invalid escape '\\\(Character(Unicode.Scalar(e)))' in string"))
            }
        }
        index = quote
        return .failure(fail("unterminated string"))
    }

    mutating func readHex4() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[index]
            let d: UInt32
            switch b {
            case 0x30...0x39: d = UInt32(b - 0x30)
            case 0x41...0x46: d = UInt32(b - 0x41 + 10)
            case 0x61...0x66: d = UInt32(b - 0x61 + 10)
            default: return nil
            }
            v = v << 4 | d
            index += 1
        }
        return v
    }
}
