/// Case studies as technique bit sets, for ranking the precedents of an attack path.
/// - Complexity: built in O(case-study techniques); a query is O(hops + case studies · ids / 64).
struct PrecedentIndex {
    private let catalog: Catalog
    /// Bit of each technique id (catalog threats first, then ids only case studies name).
    private let bits: [String: Int]
    /// Parent bit of each bit (-1: none).
    private let parentBit: [Int]
    /// Words per set.
    private let words: Int
    /// Each case study's techniques with their parents, as bit sets.
    private let sets: [[UInt64]]

    init(catalog: Catalog) {
        self.catalog = catalog
        var bits = catalog.threatIndex
        var parentBit = catalog.threats.map { t in t.parent.flatMap { catalog.threatIndex[$0] } ?? -1 }
        for cs in catalog.caseStudies {
            for t in cs.techniques where bits[t] == nil { bits[t] = parentBit.count; parentBit.append(-1) }
        }
        let words = (parentBit.count + 63) / 64
        sets = catalog.caseStudies.map { cs in
            var set = [UInt64](repeating: 0, count: words)
            for t in cs.techniques {
                guard let b = bits[t] else { continue }
                set[b >> 6] |= 1 << UInt64(b & 63)
                if parentBit[b] >= 0 { set[parentBit[b] >> 6] |= 1 << UInt64(parentBit[b] & 63) }
            }
            return set
        }
        self.bits = bits
        self.parentBit = parentBit
        self.words = words
    }

    /// The three case studies sharing the most techniques with the threats (each technique and its parent; other
    /// frameworks' entries through their related ATLAS ids), at least one shared; ties by id.
    func precedents(forThreats threats: [Int]) -> [Precedent] {
        var path = [UInt64](repeating: 0, count: words)
        func add(_ id: String) {
            guard let b = bits[id] else { return }
            path[b >> 6] |= 1 << UInt64(b & 63)
            if parentBit[b] >= 0 { path[parentBit[b] >> 6] |= 1 << UInt64(parentBit[b] & 63) }
        }
        for ti in threats {
            let t = catalog.threats[ti]
            if t.framework == "atlas" { add(t.id) } else { for r in t.related where r.hasPrefix("AML.") { add(r) } }
        }
        var scored: [Precedent] = []
        for (ci, set) in sets.enumerated() {
            var shared = 0
            for w in 0..<words { shared += (set[w] & path[w]).nonzeroBitCount }
            if shared > 0 { scored.append(Precedent(id: catalog.caseStudies[ci].id, name: catalog.caseStudies[ci].name, shared: shared)) }
        }
        return Array(scored.sorted { ($1.shared, $0.id) < ($0.shared, $1.id) }.prefix(3))
    }
}
