/// One hop an attacker can make in the exploit graph.
public struct ExploitEdge: Sendable, Hashable {
    /// Source node id (actor or asset).
    public var from: String
    /// Destination asset id.
    public var to: String
    /// Probability of the hop succeeding for an actor that passes its gate (0: no ordinary move).
    public var probability: Double
    /// Catalog index of the threat used (nil: no ordinary move).
    public var threat: Int?
    /// The gate an actor must pass to make the hop, and how one below it crosses (nil: no gate).
    public var gate: GateCrossing?

    /// A gate on a hop and the credential or initial-access technique that crosses it without passing it.
    public struct GateCrossing: Sendable, Hashable {
        /// Trust needed to pass.
        public var trust: Trust
        /// Probability of crossing without passing (0: it cannot be crossed).
        public var probability: Double
        /// Catalog index of the crossing technique (nil when none applies).
        public var threat: Int?
    }
}

/// One hop of an attack path.
public struct AttackHop: Sendable, Hashable {
    /// Source node id.
    public var from: String
    /// Destination asset id.
    public var to: String
    /// Probability of the hop.
    public var probability: Double
    /// Catalog index of the threat used.
    public var threat: Int
    /// ATLAS tactic id (nil when none can be derived).
    public var tactic: String?
    /// The gate the hop crosses without passing it, by a credential or initial-access technique (nil: none).
    public var crossesGate: Trust? = nil
    /// Catalog indices of controls deployable at the hop that mitigate its threat, sorted by id.
    public var breakers: [Int]
}

/// An ATLAS case study that shares techniques with a path.
public struct Precedent: Sendable, Hashable {
    /// `AML.CS…`.
    public var id: String
    /// Name.
    public var name: String
    /// Number of techniques shared.
    public var shared: Int
}

/// Why a pair's enumeration stopped before it was exhaustive.
public enum PathStop: String, Sendable, Hashable {
    case k, maxHops = "max-hops", work, pairs
}

/// One of the most probable paths from an actor to a target.
public struct AttackPath: Sendable, Hashable {
    /// Actor id.
    public var actor: String
    /// Target asset id.
    public var target: String
    /// 1 for the most probable path of the pair.
    public var rank: Int
    /// Product of the hop probabilities.
    public var probability: Double
    /// Whether the pair's enumeration found every path it was asked for.
    public var complete: Bool
    /// What stopped it, when not complete.
    public var stoppedBy: PathStop?
    /// The hops in order.
    public var hops: [AttackHop]
    /// Most similar ATLAS case studies.
    public var precedents: [Precedent]
}

/// One step of the control plan.
public struct Recommendation: Sendable, Hashable {
    /// 1-based step.
    public var rank: Int
    /// Catalog control index.
    public var control: Int
    /// Asset id.
    public var asset: String
    /// Σ score before − after over open findings.
    public var riskRemoved: Double
    /// Control cost.
    public var cost: Int
    /// Ids of the open findings it closes (a preventive control), sorted.
    public var closes: [String] = []
    /// How many of the open findings it covers gain a layer they had no control on.
    public var deepens: Int = 0
    /// Whether the model already declares it planned on the asset.
    public var planned: Bool = false
}

/// The greedy control plan and whether its work bound let it consider every candidate.
public struct RecommendationPlan: Sendable, Hashable {
    /// Counted work units (dominated assets walked, findings touched, gain terms) allowed by default.
    public static let defaultWorkLimit = 20_000_000
    /// Steps of the plan by default.
    public static let defaultMaxSteps = 10
    /// The steps, best first.
    public var steps: [Recommendation]
    /// False when the work bound cut the search, so a better step may have been missed.
    public var complete: Bool

    /// Creates a plan.
    public init(steps: [Recommendation], complete: Bool) {
        self.steps = steps
        self.complete = complete
    }
}

/// A minimum-weight set of assets whose protection cuts every likely path.
public struct VertexCut: Sendable, Hashable {
    /// Paths at least this probable are cut by default.
    public static let defaultThreshold = 0.01
    /// Path probability threshold.
    public var threshold: Double
    /// Asset ids in the cut, sorted.
    public var assets: [String]
    /// Catalog indices of the cheapest controls that realise the cut, for all assets together, in asset order.
    public var controls: [Int]
    /// Per asset (same order as `assets`), the controls to place there, sorted by id.
    public var placements: [[Int]] = []
}

/// Attack paths, exploit graph, recommendations and cut for an analysis.
public struct PathAnalysis: Sendable {
    /// Exploit-graph edges sorted by (from, to).
    public var edges: [ExploitEdge]
    /// Paths sorted by (actor, target, rank).
    public var paths: [AttackPath]
    /// False when the estate was too large for a path per (actor, target) pair, so each target has its best actor only.
    public var allPairs: Bool
    /// The greedy control plan.
    public var recommendations: [Recommendation]
    /// The vertex cut of the likely-path subgraph.
    public var cut: VertexCut?

    /// Creates a result.
    public init(edges: [ExploitEdge], paths: [AttackPath], allPairs: Bool = true, recommendations: [Recommendation], cut: VertexCut?) {
        self.edges = edges
        self.paths = paths
        self.allPairs = allPairs
        self.recommendations = recommendations
        self.cut = cut
    }
}
