/// The greedy control plan: each step the (control, asset) placement of the highest *value* per unit of cost,
/// recomputed after each pick; ties to lower cost, then control id, then asset id. A placement's value is, over the
/// open findings it covers, Σ score × effectiveness × 1.5 when its layer is one the finding lacks × 1.25 when the model
/// already declares it planned there: strong controls, new layers and work already committed to rank first. Each step
/// reports the open risk it removes (Σ score before − after): a preventive control closes the findings it covers;
/// another kind multiplies their residual by (1 − effectiveness). An inbound control also counts for the assets its
/// asset dominates, an outbound one for the assets its asset is the last sender into without it.
///
/// Open findings are numbered as *slots*; the planner's state is per slot (open, residual) and per candidate (the
/// slots it affects). Every dominated asset walked, every finding a candidate touches and every gain term evaluated
/// counts one unit of work; past `workLimit` the plan keeps what it found and says so.
/// - Complexity: lazy greedy, since gains only fall as controls are added: each step re-evaluates only candidates
///   that reach the top of the queue. O(min(workLimit, C · F_c) · log C) for C candidates touching F_c findings.
struct GreedyPlanner {
    /// A placement and where its affected slots start in `affected` (they end where the next candidate's start).
    private struct Candidate {
        let control: Int32, asset: Int32, start: Int32
    }

    private let analysis: Analysis
    private let columns: FindingColumns
    private let workLimit: Int
    private(set) var work = 0
    private(set) var complete = true
    /// Finding index of each slot; an asset's open findings are the slots `slotStart[a]..<slotEnd[a]`.
    private var finding: [Int32] = []
    private var slotStart: [Int], slotEnd: [Int]
    private var open: [Bool] = [], residual: [Double] = []
    /// Layer bits of each slot's implemented covering controls, plus the layers picked steps added.
    private var layers: [UInt16] = []
    /// Layer bit of each control; controls the model declares planned, by asset.
    private let layerBit: [UInt16]
    private var plannedHere: Set<Int> = []
    /// Cost left (nil: no budget).
    private var budget: Int?
    /// Per control picked so far, a row of bits, one per slot it now covers.
    private var pickedRow: [Int], pickedBits: [[UInt64]] = []
    private var affected: [Int32] = []
    private var candidates: [Candidate] = []
    /// Strictly dominated nodes of each movement-graph node, ascending.
    private let dominatedChildren: [[Int]]

    init(_ a: Analysis, workLimit: Int, budget: Int? = nil) {
        analysis = a
        columns = a.findings.table.columns
        self.workLimit = workLimit
        self.budget = budget
        let order = Dictionary(a.catalog.layers.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { x, _ in x })
        layerBit = a.catalog.controls.map { UInt16(1) << UInt16(order[$0.layer] ?? 0) }
        slotStart = [Int](repeating: 0, count: a.workload.assets.count)
        slotEnd = slotStart
        pickedRow = [Int](repeating: -1, count: a.catalog.controls.count)
        for ai in a.workload.assets.indices {
            slotStart[ai] = finding.count
            for fi in Int(a.context.findingStart[ai])..<Int(a.context.findingEnd[ai]) where columns.status[fi].isOpen { finding.append(Int32(fi)) }
            slotEnd[ai] = finding.count
        }
        open = [Bool](repeating: true, count: finding.count)
        let columns = columns
        residual = finding.map { columns.residual[Int($0)] }
        layers = finding.map { columns.layerMask[Int($0)] }
        for (ai, list) in a.context.local.enumerated() {
            for p in list where p.status == .planned && p.via == .direct { plannedHere.insert(p.control * a.workload.assets.count + ai) }
        }
        var children = [[Int]](repeating: [], count: a.graph.nodeCount)
        for v in 0..<a.graph.nodeCount where v != MovementGraph.source {
            let p = Int(a.context.dominators.idom[v])
            if p >= 0 && p != v { children[p].append(v) }
        }
        dominatedChildren = children
    }

    /// The plan of at most `maxSteps` steps.
    mutating func plan(maxSteps: Int) -> [Recommendation] {
        seedCandidates()
        var heap = BinaryHeap<(ratio: Double, index: Int)>(heapOrder())
        for i in candidates.indices {
            if spent() { break }
            let r = value(i) / cost(i)
            if r > 0 { heap.push((r, i)) }
        }
        var steps: [Recommendation] = []
        while steps.count < maxSteps, let top = heap.pop() {
            if spent() { break }
            if let budget, Int(cost(top.index)) > budget { continue }
            let fresh = value(top.index) / cost(top.index)
            guard fresh > 0 else { continue }
            if fresh < top.ratio - 1e-12 * max(1, top.ratio) {
                heap.push((fresh, top.index))
                continue
            }
            steps.append(step(top.index, rank: steps.count + 1))
            budget = budget.map { $0 - Int(cost(top.index)) }
        }
        return steps
    }

    /// Picks candidate `i` and describes the step: the risk it removes, the findings it closes, the layer it adds.
    private mutating func step(_ i: Int, rank: Int) -> Recommendation {
        let removed = gain(i)
        let control = Int(candidates[i].control)
        var closes: [Int32] = [], deepens = 0
        for k in span(i) {
            let slot = Int(affected[k])
            guard open[slot] && !counted(slot, control) else { continue }
            if analysis.catalog.controls[control].kind == .preventive { closes.append(finding[slot]) }
            if layers[slot] & layerBit[control] == 0 { deepens += 1 }
        }
        pick(i)
        let cand = candidates[i]
        return Recommendation(rank: rank, control: control, asset: analysis.workload.assets[Int(cand.asset)].id, riskRemoved: removed,
                              cost: Int(cost(i)), closes: analysis.byID(closes.map { analysis.findings[Int($0)] }).map(\.id),
                              deepens: deepens, planned: plannedHere.contains(control * analysis.workload.assets.count + Int(cand.asset)))
    }

    /// Whether the work bound is spent (and the plan therefore incomplete).
    private mutating func spent() -> Bool {
        if work > workLimit { complete = false }
        return work > workLimit
    }

    /// Every (control, asset) that fits the asset (kind, service, cloud), not yet implemented there, that affects
    /// some open finding.
    private mutating func seedCandidates() {
        let a = analysis, controls = a.catalog.controls
        var deployableOn: [String: [Int]] = [:], unfitFor: [String: [Int]] = [:]
        var implementedHere = [Int](repeating: 0, count: controls.count), stamp = 0
        for ai in a.workload.assets.indices {
            if spent() { return }
            stamp += 1
            for p in a.context.local[ai] where p.status == .implemented && p.via == .direct { implementedHere[p.control] = stamp }
            let kind = a.workload.assets[ai].kind, cloud = a.workload.cloud(ofAsset: ai), key = kind + "\u{0}" + cloud
            if deployableOn[key] == nil {
                deployableOn[key] = controls.indices.filter { controls[$0].fits(kind: kind, service: nil, cloud: cloud) }
            }
            // Services repeat across an estate: what each rules out is worked out once.
            let service = a.workload.assets[ai].service
            var unfit: [Int] = []
            if let service {
                if let known = unfitFor[service] { unfit = known } else { unfit = a.unfitControls(onAsset: ai); unfitFor[service] = unfit }
            }
            var reach: [Int]?
            for ci in deployableOn[key] ?? [] where implementedHere[ci] != stamp && !unfit.contains(ci) {
                let start = affected.count
                addAffected(control: ci, asset: ai)
                if controls[ci].scope == .inbound {
                    if reach == nil { reach = dominated(ai) }
                    for d in reach ?? [] {
                        if spent() { break }
                        addAffected(control: ci, asset: d)
                    }
                }
                if controls[ci].scope == .outbound {
                    for v in completedCallees(of: ai, control: ci) { addAffected(control: ci, asset: v) }
                }
                if affected.count > start { candidates.append(Candidate(control: Int32(ci), asset: Int32(ai), start: Int32(start))) }
            }
        }
    }

    /// Appends the open slots of asset `ai` whose threat control `ci` mitigates.
    private mutating func addAffected(control ci: Int, asset ai: Int) {
        let range = slotStart[ai]..<slotEnd[ai]
        work += range.count
        for slot in range where analysis.context.mitigates(ci, Int(columns.threat[Int(finding[slot])])) { affected.append(Int32(slot)) }
    }

    /// Assets that asset `a` sends into whose every other sender is an asset with control `ci` implemented: placing
    /// the outbound control on `a` makes it count there (coverage rule (d)).
    private mutating func completedCallees(of a: Int, control ci: Int) -> [Int] {
        let g = analysis.graph, local = analysis.context.local
        let u = g.assetNode(a)
        var out: [Int] = []
        for e in g.forward.edges(of: u) {
            let v = Int(g.forward.targets[e])
            guard let vi = g.assetIndex(ofNode: v), vi != a, !out.contains(vi) else { continue }
            work += 1
            let others = g.backward.edges(of: v).map { Int(g.backward.targets[$0]) }.filter { $0 != u }
            let complete = others.allSatisfy { s in
                g.assetIndex(ofNode: s).map { si in local[si].contains { $0.control == ci && $0.status == .implemented } } ?? false
            }
            if complete { out.append(vi) }
        }
        return out
    }

    /// Assets strictly dominated by asset `a` in the movement graph.
    private mutating func dominated(_ a: Int) -> [Int] {
        let g = analysis.graph
        var out: [Int] = []
        var stack = dominatedChildren[g.assetNode(a)]
        while let n = stack.popLast() {
            work += 1
            if spent() { break }
            if let ai = g.assetIndex(ofNode: n) { out.append(ai) }
            stack += dominatedChildren[n]
        }
        return out
    }

    /// Marks the slots candidate `i` affects as covered by its control (closed, or with their residual lowered).
    private mutating func pick(_ i: Int) {
        let control = Int(candidates[i].control)
        let preventive = analysis.catalog.controls[control].kind == .preventive
        for k in span(i) {
            let slot = Int(affected[k])
            guard open[slot] && !counted(slot, control) else { continue }
            if preventive { open[slot] = false } else { residual[slot] *= effect(i, slot) }
            layers[slot] |= layerBit[control]
            if pickedRow[control] < 0 {
                pickedRow[control] = pickedBits.count
                pickedBits.append([UInt64](repeating: 0, count: (finding.count + 63) / 64))
            }
            pickedBits[pickedRow[control]][slot >> 6] |= 1 << UInt64(slot & 63)
        }
    }

    /// Risk candidate `i` would remove: Σ over its open, not yet counted slots of score × (1 − its effect).
    private mutating func gain(_ i: Int) -> Double {
        let control = Int(candidates[i].control)
        var total = 0.0
        work += span(i).count
        for k in span(i) {
            let slot = Int(affected[k])
            guard open[slot] && !counted(slot, control) else { continue }
            total += score(slot) * (1 - effect(i, slot))
        }
        return total
    }

    /// Ranking value of candidate `i`: Σ over its open, not yet counted slots of score × effectiveness, × 1.5 where
    /// its layer is new to the finding, × 1.25 when the model declares it planned on its asset.
    private mutating func value(_ i: Int) -> Double {
        let cand = candidates[i], control = Int(cand.control)
        var total = 0.0
        work += span(i).count
        for k in span(i) {
            let slot = Int(affected[k])
            guard open[slot] && !counted(slot, control) else { continue }
            let depth = layers[slot] & layerBit[control] == 0 ? 1.5 : 1.0
            total += score(slot) * strength(i, slot) * depth
        }
        return plannedHere.contains(control * analysis.workload.assets.count + Int(cand.asset)) ? total * 1.25 : total
    }

    /// Effectiveness of candidate `i`'s control against a slot's threat, overrides applied.
    private func strength(_ i: Int, _ slot: Int) -> Double {
        let cand = candidates[i], fi = Int(finding[slot])
        return analysis.context.effectiveness.value(Int(cand.control), threat: Int(columns.threat[fi]), onAsset: Int(cand.asset),
                                                    at: Int(columns.asset[fi])).value
    }

    /// Whether control `ci` already counts for a slot: implemented and covering, or picked by the plan.
    private func counted(_ slot: Int, _ ci: Int) -> Bool {
        let fi = Int(finding[slot])
        for k in columns.controlRange(fi) where columns.controls[k].control == ci && columns.controls[k].status == .implemented { return true }
        let row = pickedRow[ci]
        return row >= 0 && pickedBits[row][slot >> 6] & (1 << UInt64(slot & 63)) != 0
    }

    /// The factor candidate `i` leaves of a slot's residual: 0 for a preventive control, else 1 − effectiveness.
    private func effect(_ i: Int, _ slot: Int) -> Double {
        let cand = candidates[i]
        if analysis.catalog.controls[Int(cand.control)].kind == .preventive { return 0 }
        return 1 - strength(i, slot)
    }

    private func score(_ slot: Int) -> Double {
        let fi = Int(finding[slot])
        return RiskModel.score(severity: columns.severity[fi], likelihood: columns.likelihood(fi), exposure: columns.exposure[fi],
                               sensitivity: columns.assetSensitivity[Int(columns.asset[fi])], residual: residual[slot])
    }

    private func cost(_ i: Int) -> Double { Double(analysis.catalog.controls[Int(candidates[i].control)].cost) }

    /// Positions in `affected` of candidate i's slots.
    private func span(_ i: Int) -> Range<Int> {
        Int(candidates[i].start)..<(i + 1 < candidates.count ? Int(candidates[i + 1].start) : affected.count)
    }

    /// Heap order: higher ratio, then lower cost, then control id (controls are sorted by id), then asset id.
    private func heapOrder() -> ((ratio: Double, index: Int), (ratio: Double, index: Int)) -> Bool {
        let candidates = candidates, controls = analysis.catalog.controls, assets = analysis.workload.assets
        return { x, y in
            if x.ratio != y.ratio { return x.ratio > y.ratio }
            let a = candidates[x.index], b = candidates[y.index]
            let ca = controls[Int(a.control)].cost, cb = controls[Int(b.control)].cost
            if ca != cb { return ca < cb }
            if a.control != b.control { return a.control < b.control }
            return assets[Int(a.asset)].id < assets[Int(b.asset)].id
        }
    }
}
