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
/// A document of 2 MiB or more is read by two threads when two processors are available (`TapeFragments`), with
/// the same result.
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
        let split = bytes.count >= TapeFragments.minimumBytes && ConcurrentTask<Void>.worthwhile ? bytes.count / 2 : nil
        return try read(bytes, limits: limits, splittingFrom: split).document
    }

    /// `read(_:limits:)`, with a second thread reading from the first split point at or after `split`, when given
    /// (the document is the same either way), and the number of fragments it read that were used.
    static func read(_ bytes: [UInt8], limits: JSONLimits, splittingFrom split: Int?) throws(JSONSyntaxError) -> (document: JSONDocument, merged: Int) {
        let fragments = split.flatMap { TapeFragments.start(bytes, from: $0, limits: limits) }
        defer { fragments?.fragments.finish() }
        let result: Result<(TapeBuffer, [UInt32], Int), JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = TapeParser(buffer, limits: limits)
            if let fragments {
                parser.fragments = fragments.fragments
                parser.nextFragment = fragments.start
            }
            if let error = parser.run() { return .failure(error) }
            return .success((parser.tape, parser.lineStarts, parser.merged))
        }
        switch result {
        case .success(let (tape, lineStarts, merged)):
            return (JSONDocument(bytes: bytes, tape: tape, lineStarts: lineStarts), merged)
        case .failure(let error):
            throw error
        }
    }
}
