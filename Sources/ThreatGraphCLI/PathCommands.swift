import ThreatGraph
import ThreatGraphExport

extension Session {
    /// Path options from `-k`, `--max-hops`, `--pairs`, `--from`, `--to`.
    func pathOptions() throws(UsageError) -> PathOptions {
        var o = PathOptions()
        o.k = try arguments.integer("k", default: 3, range: 1...100)
        o.maxHops = try arguments.integer("max-hops", default: 12, range: 1...64)
        o.pairs = try arguments.integer("pairs", default: 25, range: 0...100_000)
        o.from = arguments.value("from")
        o.to = arguments.value("to")
        return o
    }
}

/// `paths MODEL... [-k N] [--max-hops N] [--pairs N] [--from ACTOR] [--to ASSET] [--format text|json]`.
enum PathsCommand {
    static func run(_ session: Session) -> ExitStatus {
        let options: PathOptions
        do { options = try session.pathOptions() } catch {
            session.output.err("error: \(error.message)\n")
            return .invalid
        }
        guard let analysis = session.analyze(session.arguments.operands) else { return .invalid }
        if let from = options.from, !analysis.workload.actors.contains(where: { $0.id == from }) {
            var message = "error: no actor '\(from)' in the model\n"
            if let m = Suggestion.bestMatch(for: from, in: analysis.workload.actors.map(\.id)) { message += "  did you mean '\(m)'?\n" }
            session.output.err(message)
            return .invalid
        }
        if let to = options.to, !analysis.workload.assets.contains(where: { $0.id == to }) {
            return session.unknownAsset(to, in: analysis)
        }
        let (edges, paths, allPairs) = analysis.attackPaths(options)
        if session.arguments.value("format") == "json" {
            let p = PathAnalysis(edges: edges, paths: paths, allPairs: allPairs, recommendations: [], cut: nil)
            return session.emit(PathsJSON.pathsDocument(p, in: analysis))
        }
        return session.emit(PathsText.paths(paths, in: analysis, edges: edges))
    }
}

/// `recommend MODEL... [--max-steps N] [--threshold P] [--format text|json]`.
enum RecommendCommand {
    static func run(_ session: Session) -> ExitStatus {
        let steps: Int, threshold: Double
        do {
            steps = try session.arguments.integer("max-steps", default: 10, range: 0...10_000)
            threshold = try session.arguments.number("threshold", default: 0.01, range: 0.000001...1)
        } catch {
            session.output.err("error: \(error.message)\n")
            return .invalid
        }
        guard let analysis = session.analyze(session.arguments.operands) else { return .invalid }
        let bounded = analysis.recommendationPlan(maxSteps: steps)
        let plan = bounded.steps
        if !bounded.complete {
            session.output.err("note: the plan stopped at its work bound (\(RecommendationPlan.defaultWorkLimit) counted steps); a better placement may have been missed\n")
        }
        let cut = analysis.vertexCut(threshold: threshold)
        if session.arguments.value("format") == "json" {
            return session.emit(PathsJSON.planDocument(plan, complete: bounded.complete, cut: cut, in: analysis))
        }
        return session.emit(PathsText.plan(plan, cut: cut, in: analysis))
    }
}

/// `diff OLD NEW [--format text|json|markdown]`.
enum DiffCommand {
    static func run(_ session: Session) -> ExitStatus {
        let ops = session.arguments.operands
        guard let old = session.analyze([ops[0]]), let new = session.analyze([ops[1]]) else { return .invalid }
        let d = ModelDiff(old: old, new: new, oldPaths: old.attackPaths().paths, newPaths: new.attackPaths().paths)
        switch session.arguments.value("format") {
        case "json": return session.emit(PathsJSON.diff(d))
        case "markdown": return session.emit(PathsText.diffMarkdown(d))
        default: return session.emit(PathsText.diff(d))
        }
    }
}
