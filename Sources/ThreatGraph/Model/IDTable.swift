/// A map from ids to integers that keeps each id's first value, hashing ASCII ids eight bytes at a time.
///
/// Ids that are not ASCII (which a checked model never holds, but `ModelValidator.validate` may be given), long
/// probe runs or ids stored outside contiguous memory switch the table to a Swift dictionary, so lookups always
/// agree with `String` equality. The hash has a fixed seed, so a run is reproducible; ids crafted to collide only
/// lengthen probe runs until the table gives up for the dictionary, whose hashing is seeded per process.
/// - Complexity: O(1) expected per operation.
struct IDTable: Sendable {
    /// Per slot: the key's hash in the high 32 bits (to skip most key comparisons) and its index in `entries` + 1
    /// in the low 32 bits; 0 when empty.
    private var slots: [UInt64]
    /// Keys and their values side by side, so a hit reads one place.
    private var entries: [(key: String, value: Int)] = []
    private var mask: Int
    private let seed: UInt64
    /// The map once the fast table has been given up.
    private var fallback: [String: Int]?

    /// A table for about `capacity` ids.
    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 && size < 1 << 30 { size <<= 1 }
        slots = [UInt64](repeating: 0, count: size)
        entries.reserveCapacity(capacity)
        mask = size - 1
        seed = 0x2545_F491_4F6C_DD1D
    }

    /// Where a probe run ends: at the key's entry, at the empty slot where it would go, or past `limit` probes.
    private enum Probe {
        case found(Int)
        case empty(slot: Int)
        case tooLong
    }

    /// Walks the probe run of `key` (hashed to `hash`) for at most `limit` probes.
    @inline(__always)
    private func probe(_ key: String, _ hash: UInt64, limit: Int) -> Probe {
        var slot = Int(truncatingIfNeeded: hash) & mask
        let tag = hash & 0xFFFF_FFFF_0000_0000
        var probes = 0
        while true {
            let entry = slots[slot]
            if entry == 0 { return .empty(slot: slot) }
            let k = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF)
            if entry & 0xFFFF_FFFF_0000_0000 == tag && entries[k - 1].key == key { return .found(entries[k - 1].value) }
            probes += 1
            if probes > limit { return .tooLong }
            slot = (slot + 1) & mask
        }
    }

    /// Probes past which the table gives up for the dictionary (crafted collisions cannot make it slow).
    private static let probeLimit = 64

    /// The value of `key`, or nil.
    mutating func value(_ key: String) -> Int? {
        if fallback != nil { return fallback?[key] }
        guard let hash = Self.hash(key, seed) else { return giveUp()[key] }
        switch probe(key, hash, limit: Self.probeLimit) {
        case .found(let v): return v
        case .empty: return nil
        case .tooLong: return giveUp()[key]
        }
    }

    /// The value of `key`, or nil, without changing the table: a key the fast table cannot hash (not ASCII) is
    /// compared with every key, so lookups still agree with `String` equality.
    /// - Complexity: O(1) expected for ASCII keys; O(n) for others.
    func lookup(_ key: String) -> Int? {
        if let fallback { return fallback[key] }
        guard let hash = Self.hash(key, seed) else { return entries.first { $0.key == key }?.value }
        // The table is at most half full, so the run ends.
        if case .found(let v) = probe(key, hash, limit: .max) { return v }
        return nil
    }

    /// Inserts `key` with `value` unless it is present; returns the value it already had, or nil when inserted.
    mutating func insert(_ key: String, _ value: Int) -> Int? {
        if fallback != nil { return insertFallback(key, value) }
        guard let hash = Self.hash(key, seed), entries.count < Int(Int32.max) - 1 else {
            _ = giveUp()
            return insertFallback(key, value)
        }
        if (entries.count + 1) * 2 > slots.count { grow() }
        switch probe(key, hash, limit: Self.probeLimit) {
        case .found(let old):
            return old
        case .tooLong:
            _ = giveUp()
            return insertFallback(key, value)
        case .empty(let slot):
            entries.append((key, value))
            slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(entries.count)
            return nil
        }
    }

    private mutating func insertFallback(_ key: String, _ value: Int) -> Int? {
        if let old = fallback?[key] { return old }
        fallback?[key] = value
        return nil
    }

    /// Switches to a Swift dictionary holding every id so far (first value kept).
    private mutating func giveUp() -> [String: Int] {
        if let fallback { return fallback }
        var map: [String: Int] = [:]
        map.reserveCapacity(entries.count)
        for (key, value) in entries where map[key] == nil { map[key] = value }
        fallback = map
        slots = []
        return map
    }

    private mutating func grow() {
        let size = slots.count * 2
        var newSlots = [UInt64](repeating: 0, count: size)
        let newMask = size - 1
        for (k, entry) in entries.enumerated() {
            guard let hash = Self.hash(entry.key, seed) else { continue }
            var s = Int(truncatingIfNeeded: hash) & newMask
            while newSlots[s] != 0 { s = (s + 1) & newMask }
            newSlots[s] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(k + 1)
        }
        slots = newSlots
        mask = newMask
    }

    /// The hash of an ASCII id, or nil when it is not ASCII or not stored contiguously.
    static func hash(_ key: String, _ seed: UInt64) -> UInt64? {
        let result: UInt64?? = key.utf8.withContiguousStorageIfAvailable { buffer -> UInt64? in
            var h = seed ^ UInt64(truncatingIfNeeded: buffer.count) &* 0x9E37_79B9_7F4A_7C15
            var high: UInt64 = 0
            var i = 0
            let n = buffer.count
            let raw = UnsafeRawBufferPointer(buffer)
            while i < n {
                var word: UInt64 = 0
                if i + 8 <= n {
                    word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                } else {
                    var j = 0
                    while i + j < n {
                        word |= UInt64(buffer[i + j]) << UInt64(j * 8)
                        j += 1
                    }
                }
                high |= word
                h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
                i += 8
            }
            guard high & 0x8080_8080_8080_8080 == 0 else { return nil }
            h ^= h >> 29
            h = h &* 0x94D0_49BB_1331_11EB
            return h ^ (h >> 32)
        }
        return result ?? nil
    }
}
