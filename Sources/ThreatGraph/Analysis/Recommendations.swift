import Foundation

extension Analysis {
    /// The greedy control plan: each step the (control, asset) placement that removes the most open risk
    /// (Σ score before − after over open findings) per unit of cost, recomputed after each pick; ties to lower cost,
    /// then control id, then asset id. A preventive control closes the findings it covers; another kind multiplies
    /// their residual by (1 − effectiveness). An inbound control also counts for the assets its asset dominates.
    /// - Complexity: lazy greedy; gains only fall as controls are added, so each step re-evaluates only the
    ///   candidates that reach the top of the queue. O(C · F_c) to seed for C candidates touching F_c findings.
    public func recommendations(maxSteps: Int = 10) -> [Recommendation] {
        recommendationPlan(maxSteps: maxSteps).steps
    }

    /// The greedy control plan of `recommendations(maxSteps:)`, with a counted work bound: every dominated asset
    /// walked, every finding a candidate touches and every gain term evaluated counts one unit. When `workLimit` is
    /// spent the plan keeps the candidates and steps found so far and says so with `complete == false`.
    /// - Complexity: O(min(workLimit, C · F_c) · log C).
    public func recommendationPlan(maxSteps: Int = 10, workLimit: Int = RecommendationPlan.defaultWorkLimit) -> RecommendationPlan {
        guard maxSteps > 0 else { return RecommendationPlan(steps: [], complete: true) }
        var work = 0
        var complete = true
        let w = workload, c = catalog, g = graph
        // Open findings get slots 0..<k; everything below works on slots. `finding[s]` is the finding index of slot s.
        let fc = findings.table.columns
        // Findings of one asset are contiguous, so its open findings are the slots `slotStart[a]..<slotEnd[a]`.
        var finding: [Int32] = []
        var slotStart = [Int](repeating: 0, count: w.assets.count), slotEnd = slotStart
        for ai in w.assets.indices {
            slotStart[ai] = finding.count
            for fi in Int(context.findingStart[ai])..<Int(context.findingEnd[ai]) where fc.status[fi].isOpen { finding.append(Int32(fi)) }
            slotEnd[ai] = finding.count
        }
        func findingsAt(_ ai: Int) -> Range<Int> { slotStart[ai]..<slotEnd[ai] }
        var open = [Bool](repeating: true, count: finding.count)
        var residual = finding.map { fc.residual[Int($0)] }
        // Controls already counted for a finding: its implemented covering controls (a few entries of the findings'
        // columns), plus those the plan adds: one bit per open finding for each control picked so far.
        var pickedRow = [Int](repeating: -1, count: c.controls.count)
        var pickedBits: [[UInt64]] = []
        func counted(_ slot: Int, _ ci: Int) -> Bool {
            let fi = Int(finding[slot])
            for k in fc.controlRange(fi) where fc.controls[k].control == ci && fc.controls[k].status == .implemented { return true }
            let row = pickedRow[ci]
            return row >= 0 && pickedBits[row][slot >> 6] & (1 << UInt64(slot & 63)) != 0
        }
        let cost = c.controls.map(\.cost)
        let preventive = c.controls.map { $0.kind == .preventive }
        var deployableOn: [String: [Int]] = [:]
        // Assets strictly dominated by each asset (for inbound controls).
        var children = [[Int]](repeating: [], count: g.nodeCount)
        for v in 0..<g.nodeCount where v != MovementGraph.source {
            let p = Int(context.dominators.idom[v])
            if p >= 0 && p != v { children[p].append(v) }
        }
        func dominated(_ a: Int) -> [Int] {
            var out: [Int] = []
            var stack = children[g.assetNode(a)]
            while let n = stack.popLast() {
                work += 1
                if work > workLimit { complete = false; break }
                if let ai = g.assetIndex(ofNode: n) { out.append(ai) }
                stack += children[n]
            }
            return out
        }
        func score(_ slot: Int) -> Double {
            let fi = Int(finding[slot])
            return RiskModel.score(severity: fc.severity[fi], exposure: fc.exposure[fi], sensitivity: w.assets[Int(fc.asset[fi])].sensitivity,
                                   residual: residual[slot])
        }
        // A candidate's affected findings are `affected[start..<end]`, one flat array for all candidates.
        // Stored as Int32 (an estate has hundreds of thousands of candidates); read as Int. A candidate's affected
        // findings end where the next candidate's begin, so only the start is kept.
        struct Candidate {
            private let c, a, s: Int32
            var control: Int { Int(c) }
            var asset: Int { Int(a) }
            var start: Int { Int(s) }
            init(control: Int, asset: Int, start: Int) {
                c = Int32(control); a = Int32(asset); s = Int32(start)
            }
        }
        var affected: [Int32] = []
        var candidates: [Candidate] = []
        // Controls implemented directly on the asset being seeded: `implementedHere[c] == stamp`.
        var implementedHere = [Int](repeating: 0, count: c.controls.count), stamp = 0
        seeding: for ai in w.assets.indices {
            if work > workLimit { complete = false; break seeding }
            stamp += 1
            for p in context.local[ai] where p.status == .implemented && p.via == .direct { implementedHere[p.control] = stamp }
            var reach: [Int]?
            let kind = w.assets[ai].kind
            if deployableOn[kind] == nil { deployableOn[kind] = c.controls.indices.filter { c.controls[$0].deployOn.contains(kind) } }
            for ci in deployableOn[kind] ?? [] where implementedHere[ci] != stamp {
                work += findingsAt(ai).count
                let start = affected.count
                for slot in findingsAt(ai) where context.mitigates(ci, Int(fc.threat[Int(finding[slot])])) { affected.append(Int32(slot)) }
                if c.controls[ci].scope == .inbound {
                    if reach == nil { reach = dominated(ai) }
                    for d in reach ?? [] {
                        if work > workLimit { complete = false; break }
                        work += findingsAt(d).count
                        for slot in findingsAt(d) where context.mitigates(ci, Int(fc.threat[Int(finding[slot])])) { affected.append(Int32(slot)) }
                    }
                }
                if affected.count > start { candidates.append(Candidate(control: ci, asset: ai, start: start)) }
            }
        }
        func effect(_ cand: Candidate, _ slot: Int) -> Double {
            if preventive[cand.control] { return 0 }
            let fi = Int(finding[slot])
            return 1 - context.effectiveness.value(cand.control, threat: Int(fc.threat[fi]), onAsset: cand.asset, at: Int(fc.asset[fi])).value
        }
        /// Positions in `affected` of candidate i's findings.
        func span(_ i: Int) -> Range<Int> { candidates[i].start..<(i + 1 < candidates.count ? candidates[i + 1].start : affected.count) }
        func gain(_ i: Int) -> Double {
            let cand = candidates[i]
            var total = 0.0
            work += span(i).count
            for k in span(i) {
                let fi = Int(affected[k])
                guard open[fi] && !counted(fi, cand.control) else { continue }
                total += score(fi) * (1 - effect(cand, fi))
            }
            return total
        }
        func before(_ x: (ratio: Double, index: Int), _ y: (ratio: Double, index: Int)) -> Bool {
            if x.ratio != y.ratio { return x.ratio > y.ratio }
            let a = candidates[x.index], b = candidates[y.index]
            if cost[a.control] != cost[b.control] { return cost[a.control] < cost[b.control] }
            if a.control != b.control { return a.control < b.control }  // controls are sorted by id
            return w.assets[a.asset].id < w.assets[b.asset].id
        }
        var heap = BinaryHeap<(ratio: Double, index: Int)>(before)
        for i in candidates.indices {
            if work > workLimit { complete = false; break }
            let r = gain(i) / Double(cost[candidates[i].control])
            if r > 0 { heap.push((r, i)) }
        }
        var plan: [Recommendation] = []
        while plan.count < maxSteps, let top = heap.pop() {
            if work > workLimit { complete = false; break }
            let cand = candidates[top.index]
            let fresh = gain(top.index) / Double(cost[cand.control])
            guard fresh > 0 else { continue }
            if fresh < top.ratio - 1e-12 * max(1, top.ratio) {
                heap.push((fresh, top.index))
                continue
            }
            let removed = gain(top.index)
            for k in span(top.index) {
                let fi = Int(affected[k])
                guard open[fi] && !counted(fi, cand.control) else { continue }
                if preventive[cand.control] {
                    open[fi] = false
                } else {
                    residual[fi] *= effect(cand, fi)
                }
                if pickedRow[cand.control] < 0 {
                    pickedRow[cand.control] = pickedBits.count
                    pickedBits.append([UInt64](repeating: 0, count: (finding.count + 63) / 64))
                }
                pickedBits[pickedRow[cand.control]][fi >> 6] |= 1 << UInt64(fi & 63)
            }
            plan.append(Recommendation(rank: plan.count + 1, control: cand.control, asset: w.assets[cand.asset].id,
                                       riskRemoved: removed, cost: cost[cand.control]))
        }
        return RecommendationPlan(steps: plan, complete: complete)
    }

    /// A minimum-weight vertex cut on assets of the likely-path subgraph: the nodes and edges on some actor→target
    /// path of probability ≥ `threshold`. An asset weighs the summed cost of the cheapest deployable controls that
    /// mitigate the threats of its incoming likely edges (infinite when some threat has none); a target weighs 10×;
    /// actors are never cut. Exact for that subgraph (Dinic on the split-node network); it may over-cut real paths.
    /// - Returns: nil when there is no likely path, or no finite cut.
    /// - Complexity: two Dijkstras, O((n + e) log n), plus Dinic on 2n nodes and n + e edges.
    public func vertexCut(threshold: Double = 0.01) -> VertexCut? {
        likelyCut(ExploitGraph(self), threshold: threshold).cut
    }

    /// The cut and the likely subgraph it cuts (node flags and edges), for tests and renderers.
    func likelyCut(_ eg: ExploitGraph, threshold: Double) -> (cut: VertexCut?, nodes: [Bool], edges: [Int]) {
        let g = graph, w = workload, c = catalog
        let limit = -Foundation.log(max(threshold, Double.leastNormalMagnitude))
        let actorNodes = (0..<g.actorCount).map(g.actorNode)
        let targetNodes = w.assets.indices.filter { w.assets[$0].crownJewel || w.assets[$0].sensitivity == .restricted }.map(g.assetNode)
        guard !actorNodes.isEmpty, !targetNodes.isEmpty else { return (nil, [], []) }
        let forwardDist = Self.multiSource(eg.forward, eg.weight, actorNodes)
        let backwardDist = Self.multiSource(eg.backward, eg.weight, targetNodes)
        var inSub = [Bool](repeating: false, count: g.nodeCount)
        var subEdges: [Int] = []
        for e in eg.endpoints.indices {
            let (u, v) = (Int(eg.endpoints[e].from), Int(eg.endpoints[e].to))
            if forwardDist[u] + eg.weight[e] + backwardDist[v] <= limit + 1e-12 {
                subEdges.append(e)
                inSub[u] = true
                inSub[v] = true
            }
        }
        guard !subEdges.isEmpty else { return (nil, inSub, subEdges) }
        // Node weights and the controls that would realise cutting each asset.
        var weight = [Int64](repeating: MaxFlow.infinite, count: g.nodeCount)
        var realise = [[Int]](repeating: [], count: g.nodeCount)
        var incomingThreats = [Set<Int>](repeating: [], count: g.nodeCount)
        for e in subEdges { incomingThreats[Int(eg.endpoints[e].to)].insert(Int(eg.threat[e])) }
        for v in 0..<g.nodeCount where inSub[v] {
            guard let ai = g.assetIndex(ofNode: v) else { continue }
            let kind = w.assets[ai].kind
            var picked: [Int] = []
            var feasible = true
            for t in incomingThreats[v].sorted(by: { c.threats[$0].id < c.threats[$1].id }) {
                if picked.contains(where: { context.mitigates($0, t) }) { continue }
                let best = c.controls.indices.filter { c.controls[$0].deployOn.contains(kind) && context.mitigates($0, t) }
                    .min { (c.controls[$0].cost, c.controls[$0].id) < (c.controls[$1].cost, c.controls[$1].id) }
                guard let b = best else { feasible = false; break }
                picked.append(b)
            }
            guard feasible else { continue }
            let cost = Int64(picked.reduce(0) { $0 + c.controls[$1].cost })
            weight[v] = w.assets[ai].isTarget ? cost * 10 : cost
            realise[v] = picked.sorted { c.controls[$0].id < c.controls[$1].id }
        }
        // Split network: node v → in 2v+2, out 2v+3; S = 0, T = 1.
        var net = MaxFlow(nodeCount: 2 * g.nodeCount + 2)
        for v in 0..<g.nodeCount where inSub[v] { net.addEdge(2 * v + 2, 2 * v + 3, weight[v]) }
        for a in actorNodes where inSub[a] { net.addEdge(0, 2 * a + 2, MaxFlow.infinite) }
        for t in targetNodes where inSub[t] { net.addEdge(2 * t + 3, 1, MaxFlow.infinite) }
        for e in subEdges { net.addEdge(2 * Int(eg.endpoints[e].from) + 3, 2 * Int(eg.endpoints[e].to) + 2, MaxFlow.infinite) }
        let flow = net.run(from: 0, to: 1)
        guard flow < MaxFlow.infinite else { return (nil, inSub, subEdges) }
        let side = net.sourceSide(0)
        var cutNodes: [Int] = []
        for v in 0..<g.nodeCount where inSub[v] && side[2 * v + 2] && !side[2 * v + 3] { cutNodes.append(v) }
        cutNodes.sort { g.ids[$0] < g.ids[$1] }
        let cut = VertexCut(threshold: threshold, assets: cutNodes.map { g.ids[$0] }, controls: cutNodes.flatMap { realise[$0] })
        return (cut, inSub, subEdges)
    }

    /// Distances (−log probability) from the nearest of several sources.
    static func multiSource(_ graph: CSRGraph, _ weight: [Double], _ sources: [Int]) -> [Double] {
        var dist = [Double](repeating: .infinity, count: graph.nodeCount)
        var heap = BinaryHeap<(Double, Int32)> { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        for s in sources { dist[s] = 0; heap.push((0, Int32(s))) }
        while let (d, u32) = heap.pop() {
            let u = Int(u32)
            if d > dist[u] { continue }
            for e in graph.edges(of: u) {
                let v = Int(graph.targets[e])
                let nd = d + weight[Int(graph.labels[e])]
                if nd < dist[v] { dist[v] = nd; heap.push((nd, Int32(v))) }
            }
        }
        return dist
    }

    /// Paths, exploit graph, recommendations and cut together.
    public func pathAnalysis(paths options: PathOptions = PathOptions(), maxSteps: Int = 10, threshold: Double = 0.01) -> PathAnalysis {
        let eg = ExploitGraph(self)
        let (paths, allPairs) = attackPaths(eg, options)
        return PathAnalysis(edges: exploitEdges(eg), paths: paths, allPairs: allPairs, recommendations: recommendations(maxSteps: maxSteps),
                            cut: likelyCut(eg, threshold: threshold).cut)
    }
}
