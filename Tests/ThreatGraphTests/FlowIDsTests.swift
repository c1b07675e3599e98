import Testing
@testable import ThreatGraph

/// Flows written without an id are named after their ends, parallel ones numbered in model order, however many
/// flows there are and whatever their ids' characters.
@Suite struct FlowIDsTests {
    /// The numbering, written the plain way: one dictionary, in order.
    static func expected(_ flows: [Flow]) -> [String] {
        var counts: [String: Int] = [:]
        return flows.map { f in
            guard f.id.isEmpty else { return f.id }
            let base = "\(f.from)->\(f.to)"
            let n = (counts[base] ?? 0) + 1
            counts[base] = n
            return n == 1 ? base : "\(base)#\(n)"
        }
    }

    static func flow(_ id: String, _ from: String, _ to: String) -> Flow {
        Flow(id: id, from: from, to: to, bidirectional: false, controls: [], location: SourceLocation(file: "m.json"))
    }

    /// `count` flows among `ends` assets (so that many are parallel), every seventh with a written id; with
    /// `unicode`, one asset id outside ASCII, which canonically equals an ASCII one (Kelvin sign and K).
    @Test(arguments: [(count: 5, ends: 2, unicode: false), (count: 6000, ends: 40, unicode: false), (count: 6000, ends: 3000, unicode: false),
                      (count: 600, ends: 10, unicode: true)])
    func parallelFlowsAreNumberedInOrder(_ c: (count: Int, ends: Int, unicode: Bool)) {
        var state: UInt64 = 42
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(n))
        }
        func asset(_ i: Int) -> String { c.unicode && i == 0 ? "\u{212A}" : c.unicode && i == 1 ? "K" : "a\(i)" }
        var flows = (0..<c.count).map { i in Self.flow(i % 7 == 6 ? "named-\(i)" : "", asset(next(c.ends)), asset(next(c.ends))) }
        let want = Self.expected(flows)
        FlowIDs.assign(&flows)
        #expect(flows.map(\.id) == want)
        // The case is worth running: some flows are parallel.
        #expect(want.contains { $0.contains("#2") })
    }
}
