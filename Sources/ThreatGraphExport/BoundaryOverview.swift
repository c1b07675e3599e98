import Foundation
import ThreatGraph

/// The dataflow and paths views of a model with more assets than Graphviz lays out usefully: each boundary drawn as
/// one node with its asset count, crown jewels and worst open level, actors grouped by trust, and the flows between
/// them aggregated into one edge per pair with the number of flows. Inside `DiagramOptions.boundary` the nodes are
/// that boundary's children. Only the `maxGroups` boundaries with the most open risk (and those the drawn attack
/// paths cross) get a node of their own; the rest share one, and only the `maxEdges` busiest connections are drawn.
struct BoundaryOverview {
    /// One node of the overview.
    struct Group {
        /// DOT node id.
        var dot: String
        /// First label line.
        var name: String
        /// The boundary drawn (nil: several boundaries, assets directly in the scope, or actors).
        var boundary: Int?
        var assets = 0, crownJewels = 0, open = 0
        var openScore = 0.0
        var worst: Severity?
        /// Actors grouped here (0 for an asset group).
        var actors = 0
    }

    /// The nodes, in drawing order: boundaries, the merged and loose groups, then actor groups (by trust) and the
    /// outside group in the order of their first flow.
    private(set) var groups: [Group] = []
    /// DOT node ids, by model id, of the groups of every actor drawn and of the assets on the paths kept.
    private(set) var ids: [String: String] = [:]
    /// The group of each asset (-1: not selected) and of each actor (-1: not drawn).
    private var groupOfAsset: [Int] = [], groupOfActor: [Int] = []
    /// The aggregated edges drawn, busiest first: (from group, to group, flows, carries confidential data).
    private(set) var edges: [(from: Int, to: Int, flows: Int, sensitive: Bool)] = []
    /// Connections between groups left out (beyond `maxEdges`).
    private(set) var edgesLeftOut = 0
    /// Boundaries merged into the shared node.
    private(set) var merged = 0
    /// Assets drawn (selected).
    private(set) var assetCount = 0

    /// The overview of the assets `selected`, with nodes of their own for the boundaries the paths in `keep` cross.
    init(_ a: Analysis, options o: DiagramOptions, summary: CoverageSummary, tree: BoundaryTree, selected: [Int], keep: [AttackPath],
         maxGroups: Int = 40, maxEdges: Int = 120) {
        let scope = o.boundary.flatMap { tree.boundary($0) }
        assetCount = selected.count
        var unitOf = [Int](repeating: -1, count: a.workload.assets.count)  // unit: a boundary index, or -2 for "directly in the scope"
        for i in selected { unitOf[i] = Self.unit(of: i, scope: scope, tree: tree) }
        var score: [Int: Double] = [:]
        for i in selected { score[unitOf[i], default: 0] += summary.byAsset[i].openScore }
        let index = a.resolved.assetIndex
        var pinned = Set<Int>()
        for p in keep { for id in p.hops.map(\.to) { if let i = index[id], unitOf[i] >= 0 { pinned.insert(unitOf[i]) } } }
        let ranked = score.keys.filter { $0 >= 0 }.sorted { x, y in
            let (px, py) = (pinned.contains(x), pinned.contains(y))
            if px != py { return px }
            if score[x] != score[y] { return (score[x] ?? 0) > (score[y] ?? 0) }
            return a.workload.boundaries[x].id < a.workload.boundaries[y].id
        }
        let own = Array(ranked.prefix(maxGroups))
        merged = ranked.count - own.count
        let groupOfUnit = makeGroups(a, own: own, scope: scope, tree: tree, hasDirect: score[-2] != nil)
        addAssets(a, summary: summary, selected: selected, unitOf: unitOf, groupOfUnit: groupOfUnit)
        addActorsAndEdges(a, maxEdges: maxEdges)
        for p in keep { for id in [p.actor] + p.hops.flatMap({ [$0.from, $0.to] }) { if let i = index[id], groupOfAsset[i] >= 0 { ids[id] = groups[groupOfAsset[i]].dot } } }
    }

    /// The unit an asset falls in: the outermost boundary around it inside the scope (a root without scope), or -2
    /// when it is directly in the scope (or in no boundary).
    static func unit(of i: Int, scope: Int?, tree: BoundaryTree) -> Int {
        let chain = tree.chain(ofAsset: i)
        guard let scope else { return chain.last ?? -2 }
        guard let k = chain.firstIndex(of: scope), k > 0 else { return -2 }
        return chain[k - 1]
    }

    /// The boundary groups, the merged group and the group of assets directly in the scope; the group of each unit.
    private mutating func makeGroups(_ a: Analysis, own: [Int], scope: Int?, tree: BoundaryTree, hasDirect: Bool) -> [Int: Int] {
        var groupOf: [Int: Int] = [:]
        for b in own {
            groupOf[b] = groups.count
            let boundary = a.workload.boundaries[b]
            groups.append(Group(dot: DOTEscaping.id("boundary", boundary.id), name: boundary.name, boundary: b))
        }
        if merged > 0 {
            groupOf[-1] = groups.count
            groups.append(Group(dot: "other_boundaries", name: "\(merged) other boundaries"))
        }
        if hasDirect {
            groupOf[-2] = groups.count
            let name = scope.map { "directly in \(a.workload.boundaries[$0].name)" } ?? "in no boundary"
            groups.append(Group(dot: "no_boundary", name: name))
        }
        return groupOf
    }

    /// Counts each selected asset in its group.
    private mutating func addAssets(_ a: Analysis, summary: CoverageSummary, selected: [Int], unitOf: [Int], groupOfUnit: [Int: Int]) {
        groupOfAsset = [Int](repeating: -1, count: a.workload.assets.count)
        let targets = a.resolved.isTarget
        for i in selected {
            guard let g = groupOfUnit[unitOf[i]] ?? groupOfUnit[-1] else { continue }
            let coverage = summary.byAsset[i]
            groups[g].assets += 1
            if targets[i] { groups[g].crownJewels += 1 }
            groups[g].open += coverage.statuses.open
            groups[g].openScore += coverage.openScore
            if let w = coverage.openByLevel.worst, groups[g].worst.map({ w > $0 }) ?? true { groups[g].worst = w }
            groupOfAsset[i] = g
        }
    }

    /// Actor groups by trust and an "outside" group for unselected assets, then one edge per pair of groups.
    private mutating func addActorsAndEdges(_ a: Analysis, maxEdges: Int) {
        let w = a.workload, g = a.graph
        groupOfActor = [Int](repeating: -1, count: w.actors.count)
        var actorGroup: [Trust: Int] = [:]
        var counts: [Int: (flows: Int, sensitive: Bool)] = [:]
        var outside: Int?
        for f in w.flows.indices where g.flowFrom[f] >= 0 && g.flowTo[f] >= 0 {
            let nodes = [Int(g.flowFrom[f]), Int(g.flowTo[f])]
            var ends = nodes.map { n in g.assetIndex(ofNode: n).map { groupOfAsset[$0] } ?? -1 }
            guard ends[0] >= 0 || ends[1] >= 0 else { continue }
            for k in 0..<2 where ends[k] < 0 {
                if let actor = g.actorIndex(ofNode: nodes[k]) {
                    ends[k] = groupOfActor[actor] >= 0 ? groupOfActor[actor] : actorGroupIndex(w.actors[actor], actor, &actorGroup)
                } else {
                    if outside == nil { outside = groups.count; groups.append(Group(dot: "outside", name: "outside this view")) }
                    ends[k] = outside ?? 0
                }
            }
            guard ends[0] != ends[1] else { continue }
            let key = ends[0] * 1_000_000 + ends[1]
            let old = counts[key] ?? (0, false)
            counts[key] = (old.flows + 1, old.sensitive || (w.flows[f].sensitivity ?? .internal) >= .confidential)
        }
        let all = counts.map { (from: $0.key / 1_000_000, to: $0.key % 1_000_000, flows: $0.value.flows, sensitive: $0.value.sensitive) }
            .sorted { $0.flows != $1.flows ? $0.flows > $1.flows : ($0.from, $0.to) < ($1.from, $1.to) }
        edges = Array(all.prefix(maxEdges))
        edgesLeftOut = all.count - edges.count
    }

    /// The group of an actor's trust level, created on first use; records the actor's group and DOT id.
    private mutating func actorGroupIndex(_ actor: Actor, _ i: Int, _ byTrust: inout [Trust: Int]) -> Int {
        let k: Int
        if let known = byTrust[actor.trust] {
            k = known
            groups[k].actors += 1
        } else {
            k = groups.count
            byTrust[actor.trust] = k
            groups.append(Group(dot: "actors_\(actor.trust.rawValue)", name: "\(actor.trust.rawValue) actors", actors: 1))
        }
        groupOfActor[i] = k
        ids[actor.id] = groups[k].dot
        return k
    }

    /// The statements: a node per group, an edge per connection drawn, labelled with its number of flows.
    func statements() -> String {
        var out = ""
        for group in groups {
            if group.actors > 0 {
                out += "  \(group.dot) [label=\(DOTEscaping.label([group.name, "\(group.actors) actor\(group.actors == 1 ? "" : "s")"])), shape=house, fillcolor=\"#f0f0f0\"];\n"
                continue
            }
            var lines = [group.name, "\(group.assets) asset\(group.assets == 1 ? "" : "s")" + (group.crownJewels > 0 ? " · \(group.crownJewels) ★" : "")]
            lines.append(group.worst.map { "worst open: \($0.rawValue) (\(group.open) open)" } ?? (group.assets > 0 ? "nothing open" : "not drawn"))
            let (fill, font) = DiagramStyle.fill(group.worst)
            let style = group.assets == 0 ? "dashed" : "filled"
            out += "  \(group.dot) [label=\(DOTEscaping.label(lines)), shape=folder, style=\"\(style)\", fillcolor=\"\(fill)\", fontcolor=\"\(font)\"\(group.crownJewels > 0 ? ", peripheries=2" : "")];\n"
        }
        for e in edges {
            let width = TextFormatting.decimal(1 + min(4, log2(Double(e.flows))), 2)
            out += "  \(groups[e.from].dot) -> \(groups[e.to].dot) [label=\"\(e.flows)\", penwidth=\(width)\(e.sensitive ? ", color=\"#252525\"" : "")];\n"
        }
        return out
    }

    /// What the title says about the aggregation.
    func notes(_ a: Analysis, _ o: DiagramOptions) -> [String] {
        var notes = ["\(assetCount) assets, more than \(o.maxAssets): each boundary is one node (assets, crown jewels ★, worst open level); edges count flows"]
        if merged > 0 { notes.append("the \(groups.filter { $0.boundary != nil }.count) boundaries with the most open risk are drawn; \(merged) more share one node") }
        if edgesLeftOut > 0 { notes.append("the \(edges.count) busiest connections are drawn; \(edgesLeftOut) more are left out") }
        notes.append("one boundary in full: threatgraph diagram MODEL --boundary ID")
        return notes
    }
}
