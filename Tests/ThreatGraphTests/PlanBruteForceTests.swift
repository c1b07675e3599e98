import Testing
import ThreatGraph

/// The greedy plan's first step against brute force: every candidate placement is tried by adding it to the model
/// and analysing again, and the best ratio of open risk removed to cost must be the plan's first pick.
struct PlanBruteForceTests {
    /// A deterministic generator (SplitMix64), so every case is reproducible from its seed.
    struct Random {
        var state: UInt64
        mutating func next(_ n: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(n))
        }
    }

    static let kinds = ["web-frontend", "api-gateway", "llm-endpoint", "agent", "vector-store", "nosql-database"]
    static let controls = ["ctl.application.filter", "ctl.model.guard", "ctl.data.encryption", "ctl.data.validation",
                           "ctl.runtime.monitor", "ctl.infrastructure.isolation"]

    /// A random model: 3–6 assets, two actors, random flows and a few implemented or planned controls, with the
    /// assets' controls given as `extra` (asset index → control ids) for the brute force.
    static func model(seed: Int, extra: [Int: [String]] = [:]) -> String {
        var r = Random(state: UInt64(seed) &* 7919)
        let n = 3 + r.next(4)
        var assets: [String] = []
        for i in 0..<n {
            var refs = (0..<r.next(3)).map { _ in (controls[r.next(controls.count)], r.next(3) == 0 ? "planned" : "implemented") }
            refs += (extra[i] ?? []).map { ($0, "implemented") }
            let list = refs.map { #"{"id": "\#($0.0)", "status": "\#($0.1)"}"# }.joined(separator: ", ")
            let sensitivity = ["public", "internal", "confidential", "restricted"][r.next(4)]
            assets.append(#"{"id": "a\#(i)", "kind": "\#(kinds[r.next(kinds.count)])", "sensitivity": "\#(sensitivity)", "controls": [\#(list)]}"#)
        }
        var flows = [#"{"from": "anon", "to": "a0"}"#, #"{"from": "staff", "to": "a\#(n - 1)"}"#]
        for _ in 0..<(n + r.next(n)) {
            let (u, v) = (r.next(n), r.next(n))
            if u != v { flows.append(#"{"from": "a\#(u)", "to": "a\#(v)"}"#) }
        }
        return #"""
        {"threatgraph": "1", "name": "random \#(seed)",
         "actors": [{"id": "anon", "trust": "anonymous"}, {"id": "staff", "trust": "insider"}],
         "assets": [\#(assets.joined(separator: ", "))], "flows": [\#(flows.joined(separator: ", "))]}
        """#
    }

    /// The plan's value of a placement, from two analyses: over the findings open before that it now covers, score
    /// × its effectiveness × 1.5 where its layer is new to the finding, × 1.25 when the model declares it planned there.
    static func value(control id: String, asset: Asset, before a: Analysis, after b: Analysis) -> Double {
        let control = a.catalog.controls.first { $0.id == id }
        var total = 0.0
        for f in a.findings where f.status.isOpen {
            guard let g = b.findings.first(where: { $0.id == f.id }),
                  let placed = g.controls.first(where: { b.catalog.controls[$0.control].id == id && $0.status == .implemented }),
                  !f.controls.contains(where: { a.catalog.controls[$0.control].id == id && $0.status == .implemented }) else { continue }
            total += f.score * placed.effectiveness * (f.layers.contains(control?.layer ?? "") ? 1 : 1.5)
        }
        return asset.controls.contains { $0.id == id && $0.status == .planned } ? total * 1.25 : total
    }

    @Test(arguments: 0..<100)
    func firstPickIsTheBestRatio(seed: Int) throws {
        // The plan values a control by the residual it adds to the findings it covers, not yet by the exposure a gate
        // takes away from the assets behind it, so the comparison runs on the catalog without gates.
        let a = try analyseWithTestCatalog(Self.model(seed: seed), catalog: TestCatalog.withoutGates)
        let before = a.openRiskTotal
        var best: (ratio: Double, cost: Int, control: String, asset: String, removed: Double)?
        for (ai, asset) in a.workload.assets.enumerated() {
            for control in a.catalog.controls where control.deployOn.contains(asset.kind) {
                let direct = asset.controls.contains { $0.id == control.id && $0.status == .implemented }
                guard !direct else { continue }
                let b = try analyseWithTestCatalog(Self.model(seed: seed, extra: [ai: [control.id]]), catalog: TestCatalog.withoutGates)
                let value = Self.value(control: control.id, asset: asset, before: a, after: b)
                guard value > 1e-9 else { continue }
                let candidate = (value / Double(control.cost), control.cost, control.id, asset.id, before - b.openRiskTotal)
                if let b = best, (b.ratio, -b.cost) > (candidate.0, -candidate.1) || ((b.ratio, b.cost) == (candidate.0, candidate.1) && (b.control, b.asset) < (candidate.2, candidate.3)) { continue }
                best = candidate
            }
        }
        let plan = a.recommendations(maxSteps: 1)
        guard let best else {
            #expect(plan.isEmpty, "no placement removes risk, but the plan proposes \(plan)")
            return
        }
        let first = try #require(plan.first)
        #expect(a.catalog.controls[first.control].id == best.control && first.asset == best.asset,
                "plan picks \(a.catalog.controls[first.control].id) on \(first.asset); brute force \(best.control) on \(best.asset)")
        #expect(abs(first.riskRemoved - best.removed) < 1e-9)
    }

    @Test func aBudgetBoundsThePlansTotalCost() throws {
        let a = try analyseWithTestCatalog(Self.model(seed: 3), catalog: TestCatalog.withoutGates)
        let free = a.recommendations(maxSteps: 20)
        let total = free.reduce(0) { $0 + $1.cost }
        guard total > 1 else { return }
        let bounded = a.recommendations(maxSteps: 20, budget: total - 1)
        #expect(bounded.reduce(0) { $0 + $1.cost } <= total - 1)
        #expect(!bounded.isEmpty || free.allSatisfy { $0.cost > total - 1 })
    }
}
