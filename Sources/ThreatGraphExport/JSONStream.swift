import Foundation

/// Writes pretty-printed JSON straight into bytes, in the same layout as `JSONText.rendered()`, without building a tree.
struct JSONStream: ~Copyable {
    /// The output so far.
    var out: JSONBytes
    /// Items written so far in each open container.
    private var counts: [Int] = []
    /// A key was written and its value is next.
    private var afterKey = false
    /// Text of numbers already written, by bit pattern (scores and effectiveness values repeat).
    private var numbers: [UInt64: String] = [:]
    /// Text of member runs already written: see `members(cached:count:_:)`.
    private var runs: [RunKey: [UInt8]] = [:]

    /// A run's text depends on its slot, its depth and whether it starts the object.
    private struct RunKey: Hashable {
        var slot: Int
        var depth: Int
        var first: Bool
    }

    /// A writer whose buffer starts with room for `capacity` bytes.
    init(capacity: Int = 1 << 16) { out = JSONBytes(capacity: capacity) }

    /// Separator, line break and indentation before the next item (nothing right after a key).
    @inline(__always) private mutating func prefix() {
        if afterKey { afterKey = false; return }
        let depth = counts.count
        guard depth > 0 else { return }
        if counts[depth - 1] > 0 { out.byte(UInt8(ascii: ",")) }
        counts[depth - 1] += 1
        out.newline(depth * 2)
    }

    /// Opens an object.
    mutating func beginObject() { prefix(); out.byte(UInt8(ascii: "{")); counts.append(0) }
    /// Opens an array.
    mutating func beginArray() { prefix(); out.byte(UInt8(ascii: "[")); counts.append(0) }
    /// Closes an object.
    mutating func endObject() { close(UInt8(ascii: "}")) }
    /// Closes an array.
    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func close(_ bracket: UInt8) {
        let n = counts.removeLast()
        if n > 0 { out.newline(counts.count * 2) }
        out.byte(bracket)
    }

    /// A member name; the next call writes its value.
    mutating func dynamicKey(_ k: String) {
        prefix()
        out.string(k)
        out.literal(": ")
        afterKey = true
    }

    /// A member name known to need no escaping (a literal of the writer), copied as is.
    @inline(__always) mutating func key(_ k: StaticString) {
        prefix()
        out.reserve(k.utf8CodeUnitCount + 4)
        out.byte(0x22)
        out.literal(k)
        out.literal("\": ")
        afterKey = true
    }

    /// `count` members of the open object that depend only on `slot` (for instance a catalog entry's id, name and
    /// kind): written by `build` the first time at this depth and position, copied afterwards. Slots are the
    /// caller's to keep distinct.
    mutating func members(cached slot: Int, count: Int, _ build: (inout JSONStream) -> Void) {
        let depth = counts.count
        guard depth > 0, !afterKey else { build(&self); return }
        let key = RunKey(slot: slot, depth: depth, first: counts[depth - 1] == 0)
        if let text = runs[key] {
            out.raw(text)
            counts[depth - 1] += count
            return
        }
        let start = out.count
        build(&self)
        runs[key] = out.bytes(from: start)
    }

    /// A string value.
    mutating func string(_ s: String) { prefix(); out.string(s) }
    /// `a`, `separator` and `b` as one string value.
    mutating func string(_ a: String, _ separator: StaticString, _ b: String) { prefix(); out.string(a, separator, b) }
    /// A string or null.
    mutating func string(_ s: String?) { if let s { string(s) } else { prefix(); out.literal("null") } }
    /// A whole number.
    mutating func int(_ i: Int) { prefix(); out.integer(i) }
    /// A number (shortest round trip).
    mutating func number(_ d: Double) {
        prefix()
        if d == d.rounded(), abs(d) < 1e15 { out.integer(Int(d)); return }
        if let text = numbers[d.bitPattern] { out.append(text); return }
        let text = JSONText.format(d)
        if numbers.count < 4096 { numbers[d.bitPattern] = text }
        out.append(text)
    }
    /// A boolean.
    mutating func bool(_ b: Bool) { prefix(); if b { out.literal("true") } else { out.literal("false") } }
    /// An array of strings.
    mutating func strings(_ list: [String]) {
        if list.isEmpty { prefix(); out.literal("[]"); return }
        beginArray()
        for s in list { string(s) }
        endArray()
    }
    /// A prebuilt value.
    mutating func value(_ t: JSONText) {
        prefix()
        t.write(to: &out, indent: counts.count * 2)
    }

    /// The UTF-8 text, with a trailing newline, without a copy.
    consuming func finishData() -> Data {
        out.byte(0x0A)
        return out.data()
    }

    /// The text, with a trailing newline.
    mutating func finish() -> String {
        out.byte(0x0A)
        return out.text()
    }
}
