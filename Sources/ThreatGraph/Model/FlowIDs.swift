/// Ids for flows written without one: `from->to`, then `from->to#2`, `#3`… for the second and later flows with
/// the same ends, in model order.
///
/// Parallel flows are found by grouping the ids' hashes, not with one hash table over every flow: a table of
/// 100,000 flows misses the cache on nearly every probe, while hashes bucketed by their top bits and sorted per
/// bucket are read in order. Ids outside ASCII, whose equality is Unicode's, go through a dictionary instead.
/// - Complexity: O(n log(n / b)) for n flows in buckets of about b = 1,024.
enum FlowIDs {
    /// Assigns ids to the flows whose id is empty.
    static func assign(_ flows: inout [Flow]) {
        var keys: [Key] = []
        var ascii = true
        for i in flows.indices where flows[i].id.isEmpty {
            let base = JSONPath.member(flows[i].from, flows[i].to, separator: "->")
            let hash = IDTable.hash(base, seed)
            if hash == nil { ascii = false }
            keys.append(Key(hash: hash ?? 0, flow: i))
            flows[i].id = base
        }
        // Outside ASCII, one run of every flow without an id: numbered by one dictionary, as Swift compares strings.
        guard ascii else { return number(keys[...], &flows) }
        let grouped = group(keys)
        // Runs of one hash, in flow order; within a run, the flows of one id are numbered in order.
        var start = 0
        while start < grouped.count {
            var end = start + 1
            while end < grouped.count && grouped[end].hash == grouped[start].hash { end += 1 }
            if end - start > 1 { number(grouped[start..<end], &flows) }
            start = end
        }
    }

    /// A flow without an id and the hash of its `from->to`.
    private struct Key {
        let hash: UInt64
        let flow: Int
    }

    private static let seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The keys ordered by hash, and by flow within one hash: bucketed (stably) by the hash's top bits, then each
    /// bucket sorted on its own.
    private static func group(_ keys: [Key]) -> [Key] {
        var bits = 0
        while bits < 16 && keys.count >> bits > 1_024 { bits += 1 }
        guard bits > 0 else { return keys.sorted { ($0.hash, $0.flow) < ($1.hash, $1.flow) } }
        let shift = UInt64(64 - bits)
        var starts = [Int](repeating: 0, count: (1 << bits) + 1)
        for k in keys { starts[Int(k.hash >> shift) + 1] += 1 }
        for b in 0..<(1 << bits) { starts[b + 1] += starts[b] }
        var next = starts
        var out = [Key](repeating: Key(hash: 0, flow: 0), count: keys.count)
        for k in keys {
            let b = Int(k.hash >> shift)
            out[next[b]] = k
            next[b] += 1
        }
        for b in 0..<(1 << bits) where starts[b + 1] - starts[b] > 1 {
            out[starts[b]..<starts[b + 1]].sort { ($0.hash, $0.flow) < ($1.hash, $1.flow) }
        }
        return out
    }

    /// Numbers the flows of a run (in flow order): the k-th flow (k ≥ 2) of each id gets `#k`.
    private static func number(_ run: ArraySlice<Key>, _ flows: inout [Flow]) {
        var counts: [String: Int] = [:]
        for key in run {
            let base = flows[key.flow].id
            let n = (counts[base] ?? 0) + 1
            counts[base] = n
            if n > 1 { flows[key.flow].id = "\(base)#\(n)" }
        }
    }
}
