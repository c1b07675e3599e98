import Foundation

/// The JSON writer: pretty-printed JSON straight into bytes, two-space indentation, in our layout or in that of
/// Foundation's encoder (`JSONText.Layout`). Documents are streamed member by member; small values built as
/// `JSONText` are written through it too. In the encoder layout the caller writes keys in byte order (a `JSONText`
/// object's members are sorted here).
struct JSONStream: ~Copyable {
    /// The output so far.
    var out: JSONBytes
    /// The layout written.
    private let layout: JSONText.Layout
    /// Items written so far in each open container.
    private var counts: [Int] = []
    /// A key was written and its value is next.
    private var afterKey = false
    /// Items at this nesting depth and deeper are written on their container's line, without spaces (one object per
    /// line: `beginInlineObject()`); `Int.max` when none is open.
    private var inlineDepth = Int.max
    /// Text of numbers already written (scores and effectiveness values repeat): a direct-mapped table of
    /// `numberSlots` entries, each a bit pattern (0, which is written as an integer, marks an empty entry), a length
    /// and up to `numberWidth` bytes of text.
    private var numberBits: [UInt64] = []
    private var numberLength: [UInt8] = []
    private var numberText: [UInt8] = []
    private static let numberSlots = 4096, numberWidth = 32
    /// Text of member runs already written (see `members(cached:count:_:)`): where each starts in `runText` and how
    /// long it is, by `runIndex` (start -1 when not written yet).
    private var runStart: [Int32] = []
    private var runLength: [Int32] = []
    private var runText: [UInt8] = []
    /// Runs cached under sparse keys (see `members(keyed:count:_:)`): where each starts in `runText` and how long it is.
    private var keyedRuns: [Int: (start: Int, length: Int)] = [:]
    /// Deepest nesting whose runs are cached.
    private static let runDepths = 8
    /// Where the text goes when it is streamed (nil: it stays in `out`).
    private let sink: ByteSink?
    /// How much text is held before `flush()` hands it to the sink.
    private static let chunk = 1 << 20

    /// A run's text depends on its slot, its depth and whether it starts the object.
    private static func runIndex(slot: Int, depth: Int, first: Bool, inline: Bool) -> Int {
        (slot * runDepths + depth) * 4 + (first ? 1 : 0) + (inline ? 2 : 0)
    }

    /// A writer whose buffer starts with room for `capacity` bytes.
    init(capacity: Int = 1 << 16, layout: JSONText.Layout = .standard) {
        out = JSONBytes(capacity: capacity)
        self.layout = layout
        sink = nil
    }

    /// A writer that streams its text to `sink` in chunks (at each `flush()` past a megabyte, and at `finish`).
    init(streamingTo sink: ByteSink, layout: JSONText.Layout = .standard) {
        out = JSONBytes(capacity: Self.chunk + (Self.chunk >> 2))
        self.layout = layout
        self.sink = sink
    }

    /// A writer that goes on inside containers another writer opened: `counts` holds the items already written in
    /// each (`openCounts` of that writer), so the separators and indentation are the ones it would write. Streams to
    /// `sink` when given, else keeps the text.
    init(resuming counts: [Int], streamingTo sink: ByteSink? = nil, capacity: Int = 1 << 16) {
        out = JSONBytes(capacity: sink == nil ? capacity : Self.chunk + (Self.chunk >> 2))
        layout = .standard
        self.sink = sink
        self.counts = counts
    }

    /// Items written so far in each open container, outermost first.
    var openCounts: [Int] { counts }

    /// When streaming, hands all the text so far to the sink.
    mutating func drain() { if let sink { out.drain(to: sink) } }

    /// The text written, without a trailing newline (for a writer that resumed another's containers).
    consuming func takeData() -> Data { out.data() }

    /// When streaming and a chunk's worth is held, hands the text so far to the sink. Writers call it between items
    /// of long arrays, never inside `members(cached:count:_:)`.
    @inline(__always) mutating func flush() {
        if let sink, out.count >= Self.chunk { out.drain(to: sink) }
    }

    /// Ends a streamed document: the trailing newline and the rest of the text go to the sink.
    mutating func finishStream() {
        out.byte(0x0A)
        if let sink { out.drain(to: sink) }
    }

    /// Separator, line break and indentation before the next item (nothing right after a key).
    @inline(__always) private mutating func prefix() {
        if afterKey { afterKey = false; return }
        let depth = counts.count
        guard depth > 0 else { return }
        if counts[depth - 1] > 0 { out.byte(UInt8(ascii: ",")) }
        counts[depth - 1] += 1
        if depth < inlineDepth { out.newline(depth * 2) }
    }

    /// Opens an object.
    mutating func beginObject() { prefix(); out.byte(UInt8(ascii: "{")); counts.append(0) }
    /// Opens an object written on one line without spaces, with everything in it (in the standard layout).
    mutating func beginInlineObject() {
        beginObject()
        if layout == .standard && inlineDepth == .max { inlineDepth = counts.count }
    }
    /// Opens an array.
    mutating func beginArray() { prefix(); out.byte(UInt8(ascii: "[")); counts.append(0) }
    /// Closes an object.
    mutating func endObject() { close(UInt8(ascii: "}")) }
    /// Closes an array.
    mutating func endArray() { close(UInt8(ascii: "]")) }

    private mutating func close(_ bracket: UInt8) {
        let n = counts.removeLast()
        if counts.count + 1 >= inlineDepth {
            if counts.count + 1 == inlineDepth { inlineDepth = .max }
            out.byte(bracket)
            return
        }
        if n > 0 {
            out.newline(counts.count * 2)
        } else if layout == .encoder {
            // The encoder splits an empty container over two lines.
            out.byte(0x0A)
            out.newline(counts.count * 2)
        }
        out.byte(bracket)
    }

    /// A member name; the next call writes its value.
    mutating func dynamicKey(_ k: String) {
        prefix()
        out.string(k)
        if layout == .encoder { out.literal(" : ") } else if counts.count >= inlineDepth { out.byte(UInt8(ascii: ":")) } else { out.literal(": ") }
        afterKey = true
    }

    /// A member name known to need no escaping (a literal of the writer), copied as is.
    @inline(__always) mutating func key(_ k: StaticString) {
        prefix()
        out.reserve(k.utf8CodeUnitCount + 4)
        out.byte(0x22)
        out.literal(k)
        if layout == .encoder { out.literal("\" : ") } else if counts.count >= inlineDepth { out.literal("\":") } else { out.literal("\": ") }
        afterKey = true
    }

    /// `count` members of the open object that depend only on `slot` (for instance a catalog entry's id, name and
    /// kind): written by `build` the first time at this depth and position, copied afterwards. Slots are the
    /// caller's to keep distinct.
    mutating func members(cached slot: Int, count: Int, _ build: (inout JSONStream) -> Void) {
        let depth = counts.count
        guard depth > 0, depth < Self.runDepths, slot >= 0, !afterKey else { build(&self); return }
        let key = Self.runIndex(slot: slot, depth: depth, first: counts[depth - 1] == 0, inline: depth >= inlineDepth)
        if key < runStart.count && runStart[key] >= 0 {
            let start = Int(runStart[key]), length = Int(runLength[key])
            runText.withUnsafeBufferPointer { if let p = $0.baseAddress { out.raw(p + start, length) } }
            counts[depth - 1] += count
            return
        }
        let start = out.count
        build(&self)
        if key >= runStart.count {
            let size = Swift.max(key + 1, runStart.count * 2)
            runStart += repeatElement(-1, count: size - runStart.count)
            runLength += repeatElement(0, count: size - runLength.count)
        }
        runStart[key] = Int32(runText.count)
        runLength[key] = Int32(out.count - start)
        out.appendBytes(from: start, to: &runText)
    }

    /// `count` members of the open object, after its first, that depend only on `key` (for instance a bypassed filter's
    /// asset and route, by route number): written by `build` the first time at this depth, copied afterwards. Keys
    /// may be sparse; they are the caller's to keep distinct.
    mutating func members(keyed key: Int, count: Int, _ build: (inout JSONStream) -> Void) {
        let depth = counts.count
        guard depth > 0, counts[depth - 1] > 0, !afterKey else { build(&self); return }
        let slot = (key * (Self.runDepths * 4) + Swift.min(depth, Self.runDepths * 2 - 1)) * 2 + (depth >= inlineDepth ? 1 : 0)
        if let run = keyedRuns[slot] {
            runText.withUnsafeBufferPointer { if let p = $0.baseAddress { out.raw(p + run.start, run.length) } }
            counts[depth - 1] += count
            return
        }
        let start = out.count
        build(&self)
        keyedRuns[slot] = (runText.count, out.count - start)
        out.appendBytes(from: start, to: &runText)
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
        let bits = d.bitPattern
        let slot = Int(truncatingIfNeeded: (bits &* 0x9E37_79B9_7F4A_7C15) >> 52)  // 12 bits: numberSlots
        if numberBits.isEmpty {
            numberBits = [UInt64](repeating: 0, count: Self.numberSlots)
            numberLength = [UInt8](repeating: 0, count: Self.numberSlots)
            numberText = [UInt8](repeating: 0, count: Self.numberSlots * Self.numberWidth)
        }
        if numberBits[slot] == bits {
            let length = Int(numberLength[slot])
            numberText.withUnsafeBufferPointer { if let p = $0.baseAddress { out.raw(p + slot * Self.numberWidth, length) } }
            return
        }
        let text = JSONText.format(d)
        out.append(text)
        let utf8 = text.utf8
        guard utf8.count <= Self.numberWidth else { return }
        numberBits[slot] = bits
        numberLength[slot] = UInt8(utf8.count)
        var k = slot * Self.numberWidth
        for b in utf8 { numberText[k] = b; k += 1 }
    }
    /// A boolean.
    mutating func bool(_ b: Bool) { prefix(); if b { out.literal("true") } else { out.literal("false") } }
    /// An array of strings.
    mutating func strings(_ list: [String]) {
        if list.isEmpty && layout == .standard { prefix(); out.literal("[]"); return }
        beginArray()
        for s in list { string(s) }
        endArray()
    }
    /// A null.
    mutating func null() { prefix(); out.literal("null") }
    /// A value built as a tree; in the encoder layout, object members in byte order of their keys.
    mutating func value(_ t: JSONText) {
        switch t {
        case .null: null()
        case .bool(let b): bool(b)
        case .int(let i): int(i)
        case .number(let d): number(d)
        case .string(let s): string(s)
        case .array(let items):
            beginArray()
            for item in items { value(item) }
            endArray()
        case .object(let members):
            beginObject()
            for (k, v) in layout == .encoder ? members.sorted(by: { $0.0.utf8.lexicographicallyPrecedes($1.0.utf8) }) : members {
                dynamicKey(k)
                value(v)
            }
            endObject()
        }
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
