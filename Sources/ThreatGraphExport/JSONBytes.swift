import Foundation

/// A growing UTF-8 buffer for writing JSON without intermediate strings.
///
/// Raw memory grown by doubling, so an append is a capacity check and a store; it has one owner (it cannot be copied)
/// and frees its memory when it goes away.
struct JSONBytes: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    /// Bytes written.
    private(set) var count = 0
    private var capacity: Int

    /// An empty buffer with room for `capacity` bytes.
    init(capacity: Int = 1 << 16) {
        self.capacity = Swift.max(capacity, 64)
        base = UnsafeMutablePointer<UInt8>.allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `n` more bytes.
    @inline(__always) mutating func reserve(_ n: Int) {
        if count + n > capacity { grow(count + n) }
    }

    @inline(never) private mutating func grow(_ needed: Int) {
        var c = capacity * 2
        while c < needed { c *= 2 }
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: c)
        bigger.moveInitialize(from: base, count: count)
        base.deallocate()
        base = bigger
        capacity = c
    }

    /// Appends one byte.
    @inline(__always) mutating func byte(_ b: UInt8) {
        reserve(1)
        base[count] = b
        count += 1
    }

    /// Appends bytes as they are.
    @inline(__always) mutating func raw(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n)
        (base + count).update(from: p, count: n)
        count += n
    }

    /// Appends text as is.
    mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { if let p = $0.baseAddress { raw(p, $0.count) } }
    }

    /// Appends a literal as is.
    @inline(__always) mutating func literal(_ s: StaticString) { raw(s.utf8Start, s.utf8CodeUnitCount) }

    /// The bytes written, handed to `Data` without a copy; the buffer is consumed.
    consuming func data() -> Data {
        let p = base, n = count
        discard self
        return Data(bytesNoCopy: p, count: n, deallocator: .custom { pointer, _ in pointer.deallocate() })
    }

    /// Hands the bytes written to `sink` and empties the buffer (its memory is kept for what follows).
    mutating func drain(to sink: ByteSink) {
        sink.write(UnsafeRawBufferPointer(start: base, count: count))
        count = 0
    }

    /// Appends the bytes written from `start` on to `array`.
    func appendBytes(from start: Int, to array: inout [UInt8]) {
        array.append(contentsOf: UnsafeBufferPointer(start: base + start, count: count - start))
    }

    /// The text written so far.
    func text() -> String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// A whole number in decimal, without an intermediate string.
    mutating func integer(_ i: Int) {
        if i == 0 { byte(0x30); return }
        if i < 0 {
            guard i != Int.min else { append(String(i)); return }
            byte(UInt8(ascii: "-"))
        }
        var v = i.magnitude
        var n = 0
        var t = v
        while t > 0 { n += 1; t /= 10 }
        reserve(n)
        var k = count + n - 1
        while v > 0 { base[k] = UInt8(truncatingIfNeeded: v % 10) + 0x30; v /= 10; k -= 1 }
        count += n
    }

    /// A line break and `indent` spaces.
    @inline(__always) mutating func newline(_ indent: Int) {
        reserve(1 + indent)
        base[count] = 0x0A
        (base + count + 1).update(repeating: 0x20, count: indent)
        count += 1 + indent
    }

    /// Appends a quoted, escaped JSON string; runs that need no escape are copied in one step.
    mutating func string(_ s: String) {
        byte(0x22)
        content(s)
        byte(0x22)
    }

    /// Appends `a`, `separator` and `b` as one quoted, escaped JSON string.
    mutating func string(_ a: String, _ separator: StaticString, _ b: String) {
        byte(0x22)
        content(a)
        literal(separator)
        content(b)
        byte(0x22)
    }

    /// The escaped content of a JSON string, without quotes: quotes, backslashes and control characters escaped, and
    /// U+2028/U+2029 escaped so the text is also safe inside JavaScript.
    private mutating func content(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            guard let p = utf8.baseAddress else { return }
            var i = 0, runStart = 0
            let n = utf8.count
            while i < n {
                let b = p[i]
                // One bit per byte value that may need an escape: controls, '"', '\\', DEL and 0xE2 (U+2028/9).
                let word: UInt64 = b < 64 ? 0x0000_0004_FFFF_FFFF : b < 128 ? 0x8000_0000_1000_0000 : b < 192 ? 0 : 0x0000_0004_0000_0000
                if word >> UInt64(b & 63) & 1 == 0 { i += 1; continue }
                let needsEscape = b != 0xE2 || (i + 2 < n && p[i + 1] == 0x80 && (p[i + 2] == 0xA8 || p[i + 2] == 0xA9))
                if !needsEscape { i += 1; continue }
                if i > runStart { raw(p + runStart, i - runStart) }
                switch b {
                case 0x22: literal("\\\"")
                case 0x5C: literal("\\\\")
                case 0x0A: literal("\\n")
                case 0x0D: literal("\\r")
                case 0x09: literal("\\t")
                case 0xE2:
                    if p[i + 2] == 0xA8 { literal("\\u2028") } else { literal("\\u2029") }
                    i += 2
                default:
                    let hex: StaticString = "0123456789abcdef"
                    literal("\\u00")
                    byte(hex.utf8Start[Int(b >> 4)])
                    byte(hex.utf8Start[Int(b & 0xF)])
                }
                i += 1
                runStart = i
            }
            if n > runStart { raw(p + runStart, n - runStart) }
        }
    }
}
