/// Strings read from one document, shared when the same text occurs again (control ids, kinds), so that repeated
/// values are built and stored once. Only texts without escapes and longer than a small string are kept.
struct StringCache: Sendable {
    private var starts = [Int](repeating: -1, count: 256)
    private var lengths = [Int](repeating: 0, count: 256)
    private var strings = [String](repeating: "", count: 256)

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
            let slot = Int(truncatingIfNeeded: (h ^ (h >> 17)) & 255)
            let start = starts[slot]
            if start >= 0 && lengths[slot] == range.count && start + range.count <= view.bytes.count {
                var i = 0
                while i < range.count && view.bytes[start + i] == view.bytes[range.lowerBound + i] { i += 1 }
                if i == range.count { return strings[slot] }
            }
            let s = String(decoding: UnsafeBufferPointer(rebasing: view.bytes[range]), as: UTF8.self)
            starts[slot] = range.lowerBound
            lengths[slot] = range.count
            strings[slot] = s
            return s
        }
    }
}
