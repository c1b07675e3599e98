/// Well-formed UTF-8 (Unicode table 3-7: no overlong forms, surrogates or values past U+10FFFF).
enum UTF8Validation {
    /// Whether `bytes[range]` is well-formed UTF-8.
    /// - Complexity: O(n) in the range's length.
    static func isValid(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        guard range.lowerBound >= 0, range.upperBound <= bytes.count else { return false }
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let b0 = bytes[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            let need: Int
            var lo: UInt8 = 0x80, hi: UInt8 = 0xBF
            switch b0 {
            case 0xC2...0xDF: need = 1
            case 0xE0: need = 2; lo = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: need = 2
            case 0xED: need = 2; hi = 0x9F
            case 0xF0: need = 3; lo = 0x90
            case 0xF1...0xF3: need = 3
            case 0xF4: need = 3; hi = 0x8F
            default: return false
            }
            guard i + need < end else { return false }
            let b1 = bytes[i + 1]
            guard b1 >= lo && b1 <= hi else { return false }
            var j = 2
            while j <= need {
                let b = bytes[i + j]
                guard b >= 0x80 && b <= 0xBF else { return false }
                j += 1
            }
            i += need + 1
        }
        return true
    }
}
