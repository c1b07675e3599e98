/// Per field of an object spec, the node of the member that passed its check (tape index + 1, 0 for none):
/// sixteen fields inline, more in an array, so reading an object allocates nothing for common specs.
struct FieldSlots: Sendable {
    private var inline: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32,
                         UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
    private var overflow: [UInt32] = []

    /// Slots for `count` fields.
    init(count: Int) {
        if count > 16 { overflow = [UInt32](repeating: 0, count: count - 16) }
    }

    /// The node recorded for field `i`, or nil.
    subscript(i: Int) -> JSONNode? {
        @inline(__always) get {
            let raw: UInt32
            switch i {
            case 0: raw = inline.0
            case 1: raw = inline.1
            case 2: raw = inline.2
            case 3: raw = inline.3
            case 4: raw = inline.4
            case 5: raw = inline.5
            case 6: raw = inline.6
            case 7: raw = inline.7
            case 8: raw = inline.8
            case 9: raw = inline.9
            case 10: raw = inline.10
            case 11: raw = inline.11
            case 12: raw = inline.12
            case 13: raw = inline.13
            case 14: raw = inline.14
            case 15: raw = inline.15
            default: raw = i >= 16 && i - 16 < overflow.count ? overflow[i - 16] : 0
            }
            return raw == 0 ? nil : JSONNode(Int(raw) - 1)
        }
        @inline(__always) set {
            let raw = newValue.map { UInt32(truncatingIfNeeded: $0.index + 1) } ?? 0
            switch i {
            case 0: inline.0 = raw
            case 1: inline.1 = raw
            case 2: inline.2 = raw
            case 3: inline.3 = raw
            case 4: inline.4 = raw
            case 5: inline.5 = raw
            case 6: inline.6 = raw
            case 7: inline.7 = raw
            case 8: inline.8 = raw
            case 9: inline.9 = raw
            case 10: inline.10 = raw
            case 11: inline.11 = raw
            case 12: inline.12 = raw
            case 13: inline.13 = raw
            case 14: inline.14 = raw
            case 15: inline.15 = raw
            default: if i >= 16 && i - 16 < overflow.count { overflow[i - 16] = raw }
            }
        }
    }
}
