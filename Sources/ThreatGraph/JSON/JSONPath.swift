/// JSON paths such as `assets[3].controls[0].id`, built byte by byte (no interpolation).
public enum JSONPath {
    /// `base[index]`.
    public static func element(_ base: String, _ index: Int) -> String {
        withDecimal(index) { number -> String in
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

    /// Calls `body` with the decimal text of `index` (its sign and at most 20 digits), without a string.
    private static func withDecimal<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
        return withUnsafeMutableBytes(of: &digits) { scratch -> R in
            // Digits of |index| from the end of the scratch buffer.
            var p = scratch.count
            var v = index.magnitude
            repeat {
                p -= 1
                scratch[p] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
                v /= 10
            } while v > 0 && p > 1
            if index < 0 { p -= 1; scratch[p] = UInt8(ascii: "-") }
            return body(UnsafeRawBufferPointer(rebasing: scratch[p...]))
        }
    }

    /// `base.key`, or `key` at the root (empty base).
    public static func member(_ base: String, _ key: String) -> String {
        if base.isEmpty { return key }
        return member(base, key, separator: ".")
    }

    /// `base`, the separator (ASCII) and `key`.
    static func member(_ base: String, _ key: String, separator: StaticString) -> String {
        var base = base, key = key
        return base.withUTF8 { head in
            key.withUTF8 { tail in
                String(unsafeUninitializedCapacity: head.count + tail.count + separator.utf8CodeUnitCount) { out in
                    var n = 0
                    for b in head { out[n] = b; n += 1 }
                    for i in 0..<separator.utf8CodeUnitCount { out[n] = separator.utf8Start[i]; n += 1 }
                    for b in tail { out[n] = b; n += 1 }
                    return n
                }
            }
        }
    }

    /// `base.member[index].last`, built at once.
    static func element(_ base: String, _ member: String, _ index: Int, _ last: String) -> String {
        if base.isEmpty { return JSONPath.member(JSONPath.element(member, index), last) }
        return withDecimal(index) { number -> String in
            var base = base, member = member, last = last
            return base.withUTF8 { b in
                member.withUTF8 { m in
                    last.withUTF8 { l in
                        String(unsafeUninitializedCapacity: b.count + m.count + number.count + l.count + 4) { out in
                            var n = 0
                            for x in b { out[n] = x; n += 1 }
                            out[n] = UInt8(ascii: "."); n += 1
                            for x in m { out[n] = x; n += 1 }
                            out[n] = UInt8(ascii: "["); n += 1
                            for x in number { out[n] = x; n += 1 }
                            out[n] = UInt8(ascii: "]"); n += 1
                            out[n] = UInt8(ascii: "."); n += 1
                            for x in l { out[n] = x; n += 1 }
                            return n
                        }
                    }
                }
            }
        }
    }
}
