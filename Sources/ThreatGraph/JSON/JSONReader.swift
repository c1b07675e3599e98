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
/// It works on one thread, iteratively with an explicit stack, so nesting depth is bounded by `JSONLimits.maxDepth`
/// and never by the call stack. Strings must be valid UTF-8; a leading byte-order mark is skipped.
/// - Complexity: O(n) in the input size.
public enum JSONReader {
    /// Parses one JSON document into a tree of located values.
    public static func parse(_ bytes: [UInt8], limits: JSONLimits = JSONLimits()) throws(JSONSyntaxError) -> JSONValue {
        let document = try read(bytes, limits: limits)
        return JSONValue(document, document.root)
    }

    /// Checks that `bytes` hold one JSON document within `limits`, without building values.
    public static func validate(_ bytes: [UInt8], limits: JSONLimits = JSONLimits()) throws(JSONSyntaxError) {
        _ = try read(bytes, limits: limits)
    }

    /// Parses one JSON document into a flat `JSONDocument` that refers to `bytes`.
    static func read(_ bytes: [UInt8], limits: JSONLimits = JSONLimits()) throws(JSONSyntaxError) -> JSONDocument {
        guard bytes.count <= JSONDocument.maxBytes else {
            throw JSONSyntaxError(message: "document larger than \(JSONDocument.maxBytes >> 20) MiB", line: 1, column: 1)
        }
        var parser = TapeParser(bytes, limits: limits)
        try parser.run()
        return JSONDocument(bytes: bytes, heads: parser.heads, payloads: parser.payloads, lineStarts: parser.lineStarts)
    }
}
