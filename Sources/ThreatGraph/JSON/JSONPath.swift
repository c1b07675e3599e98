/// JSON paths such as `assets[3].controls[0].id`, built byte by byte (no interpolation).
public enum JSONPath {
    /// `base[index]`.
    public static func element(_ base: String, _ index: Int) -> String {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &digits) { scratch -> String in
            // Digits of |index| from the end of the scratch buffer (at most 20, plus a sign).
            var p = scratch.count
            var v = index.magnitude
            repeat {
                p -= 1
                scratch[p] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
                v /= 10
            } while v > 0 && p > 1
            if index < 0 { p -= 1; scratch[p] = UInt8(ascii: "-") }
            let number = UnsafeRawBufferPointer(rebasing: scratch[p...])
            var base = base
            return base.withUTF8 { head in
                String(unsafeUninitializedCapacity: head.count + number.count + 2) { out in
                    var n = 0
                    for b in head { out[n] = b; n += 1 }
                    out[n] = UInt8(ascii: "["); n += 1
                    for b in number { out[n] = b; n += 1 }
                    out[n] = UInt8(ascii: "]"); n += 1
                    return n
                }
            }
        }
    }

    /// `base.key`, or `key` at the root (empty base).
    public static func member(_ base: String, _ key: String) -> String {
        if base.isEmpty { return key }
        var base = base, key = key
        return base.withUTF8 { head in
            key.withUTF8 { tail in
                String(unsafeUninitializedCapacity: head.count + tail.count + 1) { out in
                    var n = 0
                    for b in head { out[n] = b; n += 1 }
                    out[n] = UInt8(ascii: "."); n += 1
                    for b in tail { out[n] = b; n += 1 }
                    return n
                }
            }
        }
    }
}
