/// Writes pretty-printed JSON straight into bytes, in the same layout as `JSONText.rendered()`, without building a tree.
struct JSONStream {
    /// The output so far.
    var out = JSONBytes()
    /// Items written so far in each open container.
    private var counts: [Int] = []
    /// A key was written and its value is next.
    private var afterKey = false

    /// Separator, line break and indentation before the next item (nothing right after a key).
    private mutating func prefix() {
        if afterKey { afterKey = false; return }
        guard !counts.isEmpty else { return }
        if counts[counts.count - 1] > 0 { out.bytes.append(UInt8(ascii: ",")) }
        counts[counts.count - 1] += 1
        out.newline(counts.count * 2)
    }

    /// Opens an object.
    mutating func beginObject() { prefix(); out.bytes.append(UInt8(ascii: "{")); counts.append(0) }
    /// Opens an array.
    mutating func beginArray() { prefix(); out.bytes.append(UInt8(ascii: "[")); counts.append(0) }
    /// Closes an object.
    mutating func endObject() { close(UInt8(ascii: "}")) }
    /// Closes an array.
    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func close(_ bracket: UInt8) {
        let n = counts.removeLast()
        if n > 0 { out.newline(counts.count * 2) }
        out.bytes.append(bracket)
    }

    /// A member name; the next call writes its value.
    mutating func dynamicKey(_ k: String) {
        prefix()
        out.string(k)
        out.bytes.append(UInt8(ascii: ":")); out.bytes.append(0x20)
        afterKey = true
    }

    /// A member name known to need no escaping (a literal of the writer), copied as is.
    mutating func key(_ k: StaticString) {
        prefix()
        out.bytes.append(0x22)
        out.bytes.append(contentsOf: UnsafeBufferPointer(start: k.utf8Start, count: k.utf8CodeUnitCount))
        out.bytes.append(0x22); out.bytes.append(UInt8(ascii: ":")); out.bytes.append(0x20)
        afterKey = true
    }

    /// A string value.
    mutating func string(_ s: String) { prefix(); out.string(s) }
    /// A string or null.
    mutating func string(_ s: String?) { if let s { string(s) } else { prefix(); out.append("null") } }
    /// A whole number.
    mutating func int(_ i: Int) { prefix(); out.integer(i) }
    /// A number (shortest round trip).
    mutating func number(_ d: Double) {
        prefix()
        if d == d.rounded(), abs(d) < 1e15 { out.integer(Int(d)) } else { out.append(JSONText.format(d)) }
    }
    /// A boolean.
    mutating func bool(_ b: Bool) { prefix(); out.append(b ? "true" : "false") }
    /// An array of strings.
    mutating func strings(_ list: [String]) {
        beginArray()
        for s in list { string(s) }
        endArray()
    }
    /// A prebuilt value.
    mutating func value(_ t: JSONText) {
        prefix()
        t.write(to: &out, indent: counts.count * 2)
    }

    /// The text, with a trailing newline.
    mutating func finish() -> String {
        out.bytes.append(0x0A)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}
