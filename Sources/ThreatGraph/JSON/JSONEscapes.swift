/// Decoding of JSON string escapes (`\n`, `\u00e9`, surrogate pairs…) in text the reader has already checked.
enum JSONEscapes {
    /// The string that escaped JSON string text (`text[range]`, between the quotes) stands for. The reader has checked the text;
    /// anything malformed is decoded leniently (never trapping) rather than rejected.
    /// - Complexity: O(n) in the text's length.
    static func decode(_ text: [UInt8], _ range: Range<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        var i = range.lowerBound
        let n = range.upperBound
        while i < n {
            let b = text[i]
            if b != UInt8(ascii: "\\") {
                out.append(b)
                i += 1
                continue
            }
            guard i + 1 < n else { break }
            let e = text[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                guard let high = hex4(text, i, end: n) else { continue }
                i += 4
                var value = high
                if (0xD800...0xDBFF).contains(high), i + 1 < n, text[i] == UInt8(ascii: "\\"), text[i + 1] == UInt8(ascii: "u"),
                   let low = hex4(text, i + 2, end: n), (0xDC00...0xDFFF).contains(low) {
                    value = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                appendUTF8(Unicode.Scalar(value) ?? "\u{FFFD}", to: &out)
            default: out.append(e)  // \" \\ \/
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The value of four hex digits at `i`, before `end`, or nil.
    static func hex4(_ text: [UInt8], _ i: Int, end: Int) -> UInt32? {
        guard i >= 0, i + 4 <= end else { return nil }
        var v: UInt32 = 0
        for j in i..<(i + 4) {
            guard let d = hexDigit(text[j]) else { return nil }
            v = v << 4 | d
        }
        return v
    }

    /// The value of one hex digit, or nil.
    @inline(__always)
    static func hexDigit(_ b: UInt8) -> UInt32? {
        switch b {
        case 0x30...0x39: UInt32(b - 0x30)
        case 0x41...0x46: UInt32(b - 0x41 + 10)
        case 0x61...0x66: UInt32(b - 0x61 + 10)
        default: nil
        }
    }

    /// The number of UTF-8 bytes of a scalar.
    @inline(__always)
    static func utf8Count(_ value: UInt32) -> Int {
        value < 0x80 ? 1 : value < 0x800 ? 2 : value < 0x10000 ? 3 : 4
    }

    /// Appends a scalar's UTF-8 bytes.
    static func appendUTF8(_ scalar: Unicode.Scalar, to out: inout [UInt8]) {
        let v = scalar.value
        switch utf8Count(v) {
        case 1:
            out.append(UInt8(truncatingIfNeeded: v))
        case 2:
            out.append(UInt8(truncatingIfNeeded: 0xC0 | (v >> 6)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)))
        case 3:
            out.append(UInt8(truncatingIfNeeded: 0xE0 | (v >> 12)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)))
        default:
            out.append(UInt8(truncatingIfNeeded: 0xF0 | (v >> 18)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(truncatingIfNeeded: 0x80 | (v & 0x3F)))
        }
    }
}
