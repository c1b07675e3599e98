/// Strings read from one document, shared when the same text occurs again (control ids, kinds), so that repeated
/// values are built and stored once. Only texts without escapes and longer than a small string are kept.
struct StringCache: Sendable {
    /// Slots (a power of two): enough that the few dozen texts a model repeats rarely share one.
    private static let size = 1024
    private var starts = [Int](repeating: -1, count: size)
    private var lengths = [Int](repeating: 0, count: size)
    private var strings = [String](repeating: "", count: size)

    /// The string of a string node, shared with an earlier occurrence of the same text when there is one.
    mutating func string(_ node: JSONNode, in document: JSONDocument) -> String? {
        guard document.isString(node) else { return nil }
        guard document.isUnescaped(node) else { return document.string(node) }
        let range = document.textRange(node)
        guard range.count > 15 else { return document.string(node) }
        return document.withView { view -> String in
            guard range.upperBound <= view.bytes.count else { return "" }
            // The length and the first and last eight bytes pick the slot (the text is longer than 15 bytes).
            let raw = UnsafeRawBufferPointer(view.bytes)
            let head = raw.loadUnaligned(fromByteOffset: range.lowerBound, as: UInt64.self)
            let tail = raw.loadUnaligned(fromByteOffset: range.upperBound - 8, as: UInt64.self)
            var h = (head ^ (tail &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(range.count)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 29
            let slot = Int(truncatingIfNeeded: (h ^ (h >> 17)) & UInt64(Self.size - 1))
            let start = starts[slot]
            if start >= 0 && lengths[slot] == range.count && start + range.count <= view.bytes.count {
                // Eight bytes at a time, the last word overlapping (the text is longer than 15 bytes).
                var i = 0
                while i + 8 < range.count
                        && raw.loadUnaligned(fromByteOffset: start + i, as: UInt64.self) == raw.loadUnaligned(fromByteOffset: range.lowerBound + i, as: UInt64.self) {
                    i += 8
                }
                if i + 8 >= range.count
                    && raw.loadUnaligned(fromByteOffset: start + range.count - 8, as: UInt64.self) == tail {
                    return strings[slot]
                }
            }
            let s = String(decoding: UnsafeBufferPointer(rebasing: view.bytes[range]), as: UTF8.self)
            starts[slot] = range.lowerBound
            lengths[slot] = range.count
            strings[slot] = s
            return s
        }
    }
}
