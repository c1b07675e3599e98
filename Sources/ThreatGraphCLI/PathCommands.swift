import ThreatGraph
import ThreatGraphExport

/// `paths MODEL... [-k N] [--max-hops N] [--pairs N] [--from ACTOR] [--to ASSET] [--format text|json]`.
enum PathsCommand {
    static let k = Option<Int>.integer("k", short: "k", "N", help: "Paths per actor–target pair for the top pairs.", default: PathOptions().k,
                                       range: 1...100)
    static let maxHops = Option<Int>.integer("max-hops", "N", help: "Most hops per path.", default: PathOptions().maxHops, range: 1...64)
    static let pairs = Option<Int>.integer("pairs", "N", help: "How many of the most probable pairs get k paths; the rest get their best path.",
                                           default: PathOptions().pairs, range: 0...100_000)
    static let from = Option<String?>.text("from", "ACTOR", help: "Only paths from this actor.")
    static let to = Option<String?>.text("to", "ASSET", help: "Only paths to this target.")
    static let format = Option<OutputFormat>.format([.text, .json])
    static let output = Option<String?>.output()
    static let spec = CommandSpec.models(
        "paths", "Attack paths: the most probable routes from actors to crown jewels, hop by hop, and the exploit graph.",
        options: [k.spec, maxHops.spec, pairs.spec, from.spec, to.spec, format.spec, output.spec], run: run)

    static func run(_ session: Session) -> ExitStatus {
        let a = session.arguments
        var options = PathOptions()
        options.k = a[k]
        options.maxHops = a[maxHops]
        options.pairs = a[pairs]
        options.from = a[from]
        options.to = a[to]
        guard let analysis = session.analyze(a.operands) else { return .invalid }
        if let actor = options.from, !analysis.workload.actors.contains(where: { $0.id == actor }) {
            var message = "error: no actor '\(Terminal.escape(actor))' in the model\n"
            if let m = Suggestion.bestMatch(for: actor, in: analysis.workload.actors.map(\.id)) { message += "  did you mean '\(m)'?\n" }
            session.output.err(message)
            return .invalid
        }
        if let target = options.to, !analysis.workload.assets.contains(where: { $0.id == target }) {
            return session.unknownAsset(target, in: analysis)
        }
        let (edges, paths, allPairs) = analysis.attackPaths(options)
        if a[format] == .json {
            let p = PathAnalysis(edges: edges, paths: paths, allPairs: allPairs, recommendations: [], cut: nil)
            return session.emit(PathsJSON.pathsDocument(p, in: analysis), to: a[output])
        }
        return session.emit(text: PathsText.paths(paths, in: analysis, edges: edges), to: a[output])
    }
}

/// `recommend MODEL... [--max-steps N] [--threshold P] [--format text|json]`.
enum RecommendCommand {
    static let maxSteps = Option<Int>.integer("max-steps", "N", help: "Steps of the plan.", default: RecommendationPlan.defaultMaxSteps,
                                              range: 0...10_000)
    static let threshold = Option<Double>.number("threshold", "P", help: "Paths at least this probable are cut.", default: VertexCut.defaultThreshold,
                                                 range: 0.000001...1)
    static let budget = Option<Int?>.optionalInteger("budget", "N", help: "Total cost the plan may spend (control costs, 1–5 each).",
                                                     range: 0...1_000_000)
    static let format = Option<OutputFormat>.format([.text, .json])
    static let output = Option<String?>.output()
    static let spec = CommandSpec.models(
        "recommend", "What to do first: a greedy plan of control placements by risk removed per cost, and the cheapest cut of the likely attack paths.",
        options: [maxSteps.spec, budget.spec, threshold.spec, format.spec, output.spec], run: run)

    static func run(_ session: Session) -> ExitStatus {
        let a = session.arguments
        guard let analysis = session.analyze(a.operands) else { return .invalid }
        let plan = analysis.recommendationPlan(maxSteps: a[maxSteps], budget: a[budget])
        if !plan.complete {
            session.output.err("note: the plan stopped at its work bound (\(RecommendationPlan.defaultWorkLimit) counted steps); a better placement may have been missed\n")
        }
        let cut = analysis.vertexCut(threshold: a[threshold])
        if a[format] == .json { return session.emit(PathsJSON.planDocument(plan.steps, complete: plan.complete, cut: cut, in: analysis), to: a[output]) }
        return session.emit(text: PathsText.plan(plan.steps, cut: cut, in: analysis), to: a[output])
    }
}

/// `diff OLD NEW [--format text|json|markdown]`.
enum DiffCommand {
    static let format = Option<OutputFormat>.format([.text, .json, .markdown], help: "Output format (markdown for a pull-request comment).")
    static let output = Option<String?>.output()
    static let spec = CommandSpec(name: "diff", summary: "What changed between two versions of a model: findings opened, closed, changed; attack paths; risk totals.",
                                  operands: "OLD NEW", minOperands: 2, maxOperands: 2, options: [format.spec, output.spec], run: run)

    static func run(_ session: Session) -> ExitStatus {
        let ops = session.arguments.operands
        guard let old = session.analyze([ops[0]]), let new = session.analyze([ops[1]]) else { return .invalid }
        let d = ModelDiff(old: old, new: new, oldPaths: old.attackPaths().paths, newPaths: new.attackPaths().paths)
        let path = session.arguments[output]
        switch session.arguments[format] {
        case .json: return session.emit(PathsJSON.diff(d), to: path)
        case .markdown: return session.emit(PathsText.diffMarkdown(d), to: path)
        default: return session.emit(text: PathsText.diff(d), to: path)
        }
    }
}
