/// An agent, or a chain of agents and tools, that untrusted content reaches, that reads confidential or restricted
/// data, and that can send data out of the workload: the combination that turns indirect prompt injection into data
/// theft.
public struct ToxicCombination: Sendable, Hashable {
    /// The first agent of the chain in id order; it names the combination.
    public var agent: String
    /// The chain's agents and tools, in id order.
    public var members: [String]
    /// Untrusted content in: a route from an anonymous, partner or supplier actor to a member.
    public var untrusted: Leg
    /// Sensitive data in: a confidential or restricted asset (or flow) whose content moves into a member.
    public var sensitive: Leg
    /// Data out: a route from a member to where data leaves the workload, or the member's own capability.
    public var egress: Leg

    /// Whether some leg is broken by an implemented preventive control.
    public var broken: Bool { [untrusted, sensitive, egress].contains { $0.broken } }

    /// One of the three legs.
    public struct Leg: Sendable, Hashable {
        /// Node ids along the leg, in the direction content moves.
        public var route: [String]
        /// What the leg rests on (e.g. "restricted data", "sends-messages").
        public var because: String
        /// Controls that weaken or break the leg: those in place on its assets, then the cheapest deployable ones.
        public var breakers: [Breaker]
        /// Implemented controls on the leg that sever it (catalog indices), not merely weaken it.
        public var severedBy: [Int] = []
        /// Whether an implemented control severs the leg.
        public var broken: Bool { !severedBy.isEmpty }
    }

    /// A control that breaks a leg, where it sits or would sit.
    public struct Breaker: Sendable, Hashable {
        /// Catalog control index.
        public var control: Int
        /// The asset it sits (or would sit) on.
        public var on: String
        /// Its status there; nil when the model does not name it.
        public var status: ControlStatus?
        /// Whether the control is preventive.
        public var preventive: Bool
    }
}

/// Finds toxic combinations. Chains are the weakly connected groups of `agent` and `agent-tool` assets in the movement
/// graph. Each leg's breakers are the controls that mitigate its threats: indirect prompt injection (`AML.T0051.001`,
/// `LLM01:2025`) for untrusted content, data leakage (`AML.T0057`, `LLM02:2025`) for sensitive data, exfiltration by
/// tool invocation or rendered output (`AML.T0086`, `AML.T0077`) for egress. Most of them only weaken a leg (a filter
/// misses what it misses); a leg is *broken* only by a control that removes it: restricting tools once untrusted data
/// is in the context, retrieval limited to what the asking user may read, or for the way out egress filtering, human
/// approval of actions (egress filtering too for a capability such as browsing, not for sends to an allowed service),
/// and, for output rendered in a front end, safe rendering.
/// - Complexity: O(L · (n + e)) for L untrusted trust levels, plus O(n + e) per chain for the egress search.
struct ToxicCombinationFinder {
    /// The kinds a chain is made of; where data leaves the workload; what carries data on the way out.
    static let chainKinds: Set<String> = ["agent", "agent-tool"]
    static let egressKinds: Set<String> = ["external-api", "third-party-model", "web-frontend"]
    static let relayKinds: Set<String> = ["agent", "agent-tool", "compute-function", "api-gateway", "message-queue", "container-service"]
    static let egressCapabilities = ["browses-web", "sends-messages", "writes-repository"]
    static let untrustedThreats = ["AML.T0051.001", "LLM01:2025"]
    static let sensitiveThreats = ["AML.T0057", "LLM02:2025"]
    static let egressThreats = ["AML.T0086", "AML.T0077"]
    static let untrustedSevering = ["ctl.application.untrusted-data-tool-restriction"]
    static let sensitiveSevering = ["ctl.data.permission-aware-retrieval"]
    static let egressSevering = ["ctl.infrastructure.egress-filtering", "ctl.application.human-approval"]
    /// Sending to a known external service passes an egress filter that allows it; only approval stops it.
    static let sendingSevering = ["ctl.application.human-approval"]
    static let renderingSevering = ["ctl.application.safe-output-rendering", "ctl.application.human-approval"]

    private let analysis: Analysis

    init(_ a: Analysis) { analysis = a }

    /// Every toxic combination, by agent id.
    func find() -> [ToxicCombination] {
        let a = analysis, g = a.graph, w = a.workload
        let chains = chains()
        guard !chains.isEmpty else { return [] }
        let reach = untrustedReach()
        var egressSearch = EgressSearch(nodeCount: g.nodeCount)
        var result: [ToxicCombination] = []
        for chain in chains {
            guard let inRoute = reach.route(toAny: chain.map(g.assetNode)),
                  let sensitive = sensitiveLeg(chain), let egress = egressLeg(chain, search: &egressSearch),
                  let agent = chain.first(where: { w.assets[$0].kind == "agent" }) else { continue }
            let inAssets = inRoute.compactMap(g.assetIndex(ofNode:))
            let untrusted = ToxicCombination.Leg(route: inRoute.map { g.ids[$0] }, because: "\(w.actors[g.actorIndex(ofNode: inRoute[0]) ?? 0].trust.rawValue) content",
                                                 breakers: breakers(Self.untrustedThreats, Self.untrustedSevering, on: inAssets + chain),
                                                 severedBy: severing(Self.untrustedSevering, on: inAssets + chain))
            result.append(ToxicCombination(agent: w.assets[agent].id, members: chain.map { w.assets[$0].id }.sorted(),
                                           untrusted: untrusted, sensitive: sensitive, egress: egress))
        }
        return result.sorted { $0.agent < $1.agent }
    }

    /// Groups of agents and tools connected through each other, each in id order, with at least one agent.
    private func chains() -> [[Int]] {
        let g = analysis.graph, w = analysis.workload
        var group = [Int](repeating: -1, count: w.assets.count)
        var chains: [[Int]] = []
        for start in w.assets.indices.sorted(by: { w.assets[$0].id < w.assets[$1].id })
        where group[start] < 0 && Self.chainKinds.contains(w.assets[start].kind) {
            var members = [start], head = 0
            group[start] = chains.count
            while head < members.count {
                let n = g.assetNode(members[head]); head += 1
                let neighbours = g.forward.edges(of: n).map { Int(g.forward.targets[$0]) } + g.backward.edges(of: n).map { Int(g.backward.targets[$0]) }
                for m in neighbours {
                    guard let mi = g.assetIndex(ofNode: m), group[mi] < 0, Self.chainKinds.contains(w.assets[mi].kind) else { continue }
                    group[mi] = chains.count
                    members.append(mi)
                }
            }
            chains.append(members.sorted { w.assets[$0].id < w.assets[$1].id })
        }
        return chains.filter { $0.contains { w.assets[$0].kind == "agent" } }
    }

    /// Breadth-first trees from the anonymous, partner and supplier actors, one per trust level, each through the
    /// gates its level passes.
    /// - Complexity: O(3 · (n + e)).
    private func untrustedReach() -> UntrustedReach {
        let a = analysis, g = a.graph
        var trees: [(parent: [Int32], depth: [Int32])] = []
        for level in [Trust.anonymous, .partner, .supplier] {
            let starts = (0..<g.actorCount).filter { a.workload.actors[$0].trust == level }.map(g.actorNode)
            guard !starts.isEmpty else { continue }
            var parent = [Int32](repeating: -2, count: g.nodeCount), depth = [Int32](repeating: -1, count: g.nodeCount)
            var queue = starts.map(Int32.init), head = 0
            for s in starts { parent[s] = -1; depth[s] = 0 }
            while head < queue.count {
                let u = Int(queue[head]); head += 1
                if a.gates.stops(level, atNode: u) { continue }
                for e in g.forward.edges(of: u) {
                    let v = Int(g.forward.targets[e])
                    guard parent[v] == -2, !a.gates.stops(level, onFlow: Int(g.forward.labels[e])) else { continue }
                    parent[v] = Int32(u)
                    depth[v] = depth[u] + 1
                    queue.append(Int32(v))
                }
            }
            trees.append((parent, depth))
        }
        return UntrustedReach(trees: trees)
    }

    /// A confidential or restricted asset, or flow, whose content moves into a member: the most sensitive, then ids.
    private func sensitiveLeg(_ chain: [Int]) -> ToxicCombination.Leg? {
        let a = analysis, g = a.graph, w = a.workload
        var best: (level: Sensitivity, from: Int, to: Int)?
        for m in chain {
            let v = g.assetNode(m)
            for e in g.backward.edges(of: v) {
                let u = Int(g.backward.targets[e]), f = Int(g.backward.labels[e])
                guard let ui = g.assetIndex(ofNode: u), f >= 0, !chain.contains(ui) else { continue }
                let level = max(w.assets[ui].sensitivity, a.resolved.flowSensitivity[f])
                guard level >= .confidential else { continue }
                if let b = best {
                    let better = level != b.level ? level > b.level : (w.assets[ui].id, w.assets[m].id) < (w.assets[b.from].id, w.assets[b.to].id)
                    if !better { continue }
                }
                best = (level, ui, m)
            }
        }
        guard let b = best else { return nil }
        return ToxicCombination.Leg(route: [w.assets[b.from].id, w.assets[b.to].id], because: "\(b.level.rawValue) data",
                                    breakers: breakers(Self.sensitiveThreats, Self.sensitiveSevering, on: [b.from, b.to]),
                                    severedBy: severing(Self.sensitiveSevering, on: [b.from, b.to]))
    }

    /// The way out: a member's egress capability or the shortest route from a member through relays to where data
    /// leaves, the first that no implemented control breaks (else the first).
    private func egressLeg(_ chain: [Int], search: inout EgressSearch) -> ToxicCombination.Leg? {
        let a = analysis, g = a.graph, w = a.workload
        var legs: [ToxicCombination.Leg] = []
        for m in chain {
            for cap in Self.egressCapabilities where w.assets[m].capabilities.contains(cap) {
                legs.append(ToxicCombination.Leg(route: [w.assets[m].id], because: cap, breakers: breakers(Self.egressThreats, Self.egressSevering, on: [m]),
                                                 severedBy: severing(Self.egressSevering, on: [m])))
            }
        }
        search.start(chain.map(g.assetNode))
        while let u = search.next() {
            for e in g.forward.edges(of: u) {
                let v = Int(g.forward.targets[e])
                guard let vi = g.assetIndex(ofNode: v), search.visit(v, from: u) else { continue }
                let kind = w.assets[vi].kind
                if Self.egressKinds.contains(kind) {
                    let route = search.route(to: v), assets = route.compactMap(g.assetIndex(ofNode:))
                    let severing = kind == "web-frontend" ? Self.renderingSevering : Self.sendingSevering
                    legs.append(ToxicCombination.Leg(route: route.map { g.ids[$0] }, because: kind,
                                                     breakers: breakers(Self.egressThreats, severing, on: assets), severedBy: self.severing(severing, on: assets)))
                }
                if Self.relayKinds.contains(kind) { search.enqueue(v) }
            }
        }
        return legs.first { !$0.broken } ?? legs.first
    }

    /// The controls that sever the leg (`severing`), then those mitigating any of `threats`: each group those placed
    /// on the assets (direct or inherited) first, then the cheapest deployable ones that are not (up to three
    /// mitigating ones), each on the asset it fits first.
    private func breakers(_ threats: [String], _ severing: [String], on assets: [Int]) -> [ToxicCombination.Breaker] {
        let c = analysis.catalog
        let cutting = Set(severing.compactMap { c.controlIndex[$0] })
        let first = breakers(on: assets, limit: cutting.count) { cutting.contains($0) }
        let ts = threats.compactMap { c.threatIndex[$0] }
        let rest = breakers(on: assets, limit: 3) { ci in !cutting.contains(ci) && ts.contains { analysis.context.mitigates(ci, $0) } }
        return first + rest
    }

    /// The controls `wanted` that are placed on the assets, then up to `limit` of the cheapest deployable there.
    private func breakers(on assets: [Int], limit: Int, _ wanted: (Int) -> Bool) -> [ToxicCombination.Breaker] {
        let a = analysis, c = a.catalog
        func mitigates(_ ci: Int) -> Bool { wanted(ci) }
        var placed: [ToxicCombination.Breaker] = []
        for ai in assets {
            for p in a.context.local[ai] where mitigates(p.control) && !placed.contains(where: { $0.control == p.control && $0.on == a.workload.assets[ai].id }) {
                placed.append(.init(control: p.control, on: a.workload.assets[ai].id, status: p.status, preventive: c.controls[p.control].kind == .preventive))
            }
        }
        var extra: [ToxicCombination.Breaker] = []
        for ci in c.controls.indices where mitigates(ci) && !placed.contains(where: { $0.control == ci }) {
            guard let ai = assets.first(where: { a.workload.fits(c.controls[ci], asset: $0) }) else { continue }
            extra.append(.init(control: ci, on: a.workload.assets[ai].id, status: nil, preventive: c.controls[ci].kind == .preventive))
        }
        extra.sort { (c.controls[$0.control].cost, c.controls[$0.control].id) < (c.controls[$1.control].cost, c.controls[$1.control].id) }
        return placed.sorted { (c.controls[$0.control].id, $0.on) < (c.controls[$1.control].id, $1.on) } + extra.prefix(limit)
    }

    /// The implemented controls among `ids` placed on the assets (directly or inherited), in id order.
    private func severing(_ ids: [String], on assets: [Int]) -> [Int] {
        let a = analysis
        let wanted = Set(ids.compactMap { a.catalog.controlIndex[$0] })
        return Set(assets.flatMap { ai in a.context.local[ai].filter { $0.status == .implemented && wanted.contains($0.control) }.map(\.control) }).sorted()
    }

}

/// The untrusted actors' breadth-first trees, one per trust level.
private struct UntrustedReach {
    let trees: [(parent: [Int32], depth: [Int32])]

    /// The shortest route from an untrusted actor to any of `nodes`; ties to the less trusted level, then the node
    /// listed first.
    func route(toAny nodes: [Int]) -> [Int]? {
        var best: (depth: Int32, tree: Int, node: Int)?
        for (t, tree) in trees.enumerated() {
            for n in nodes where tree.depth[n] >= 0 && (best.map { tree.depth[n] < $0.depth } ?? true) { best = (tree.depth[n], t, n) }
        }
        guard let best else { return nil }
        var out = [best.node], x = best.node
        while trees[best.tree].parent[x] >= 0 { x = Int(trees[best.tree].parent[x]); out.append(x) }
        return out.reversed()
    }
}

/// A breadth-first search from a chain's members that reuses its arrays across chains, so many small searches in a
/// large estate cost what they visit, not the estate's size each.
private struct EgressSearch {
    private var parent: [Int32], stamp: [Int32]
    private var current: Int32 = 0
    private var queue: [Int32] = [], head = 0

    init(nodeCount: Int) {
        parent = [Int32](repeating: -1, count: nodeCount)
        stamp = [Int32](repeating: 0, count: nodeCount)
    }

    /// Starts a search from `nodes`.
    mutating func start(_ nodes: [Int]) {
        current += 1
        queue.removeAll(keepingCapacity: true)
        head = 0
        for n in nodes where stamp[n] != current { stamp[n] = current; parent[n] = -1; queue.append(Int32(n)) }
    }

    /// The next node to expand, or nil when done.
    mutating func next() -> Int? {
        guard head < queue.count else { return nil }
        head += 1
        return Int(queue[head - 1])
    }

    /// Marks v reached from u; false when already reached in this search.
    mutating func visit(_ v: Int, from u: Int) -> Bool {
        guard stamp[v] != current else { return false }
        stamp[v] = current
        parent[v] = Int32(u)
        return true
    }

    /// Expands v later.
    mutating func enqueue(_ v: Int) { queue.append(Int32(v)) }

    /// The nodes from a start to `n`.
    func route(to n: Int) -> [Int] {
        var out = [n], x = n
        while parent[x] >= 0 { x = Int(parent[x]); out.append(x) }
        return out.reversed()
    }
}
