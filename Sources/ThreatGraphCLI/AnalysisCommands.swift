import Foundation
import ThreatGraph
import ThreatGraphExport

extension Session {
    /// Loads the operands' models and analyses them; nil (after printing why) on invalid input.
    func analyze(_ paths: [String]) -> Analysis? {
        guard let (loaded, _) = loadWorkload(paths) else { return nil }
        // Reports, SARIF and JSON name the model files relative to the working directory, never by absolute path.
        var workload = loaded
        workload.files = workload.files.map(Session.relativePath)
        return Analysis(catalog: catalog, workload: workload, options: AnalysisOptions(frameworks: frameworks, asOf: asOf))
    }

    /// Writes an artifact to `--output` (atomically) or standard output.
    func emit(_ text: String) -> ExitStatus {
        guard let path = arguments.value("output") else {
            output.out(text)
            return .success
        }
        do {
            try FileAccess.writeAtomically(Data(text.utf8), to: path, protecting: inputPaths)
        } catch {
            output.err("error: \(error.message)\n")
            return .invalid
        }
        return .success
    }

    /// Reports an `--asset` that names no asset, with a suggestion.
    func unknownAsset(_ id: String, in analysis: Analysis) -> ExitStatus {
        var message = "error: no asset '\(id)' in the model\n"
        if let m = Suggestion.bestMatch(for: id, in: analysis.workload.assets.map(\.id)) { message += "  did you mean '\(m)'?\n" }
        output.err(message)
        return .invalid
    }

    /// The path of a model file relative to the working directory, for SARIF and reports; never absolute. An absolute
    /// path outside the working directory becomes its file name alone, so that no output names the machine's folders.
    static func relativePath(_ path: String) -> String {
        let cwdPath = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.path
        let standardized = URL(fileURLWithPath: path).standardizedFileURL.path
        if path.hasPrefix("/") && !(standardized + "/").hasPrefix(cwdPath == "/" ? "/" : cwdPath + "/") {
            let name = (standardized as NSString).lastPathComponent
            return name.isEmpty ? "model" : name
        }
        return pathRelativeToWorkingDirectory(path)
    }

    /// `path` relative to the working directory, with `..` where it lies outside.
    static func pathRelativeToWorkingDirectory(_ path: String) -> String {
        let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).standardizedFileURL.pathComponents
        let target = URL(fileURLWithPath: path).standardizedFileURL.pathComponents
        var common = 0
        while common < cwd.count && common < target.count && cwd[common] == target[common] { common += 1 }
        let ups = Array(repeating: "..", count: cwd.count - common)
        let rest = Array(target[common...])
        let parts = ups + rest
        return parts.isEmpty ? "." : parts.joined(separator: "/")
    }
}

/// `analyze MODEL... [--format text|json]`.
enum AnalyzeCommand {
    static func run(_ session: Session) -> ExitStatus {
        guard let analysis = session.analyze(session.arguments.operands) else { return .invalid }
        if session.arguments.value("format") == "json" {
            return session.emit(ResultJSON.render(analysis, paths: analysis.pathAnalysis()))
        }
        return session.emit(TextRenderer.summary(analysis))
    }
}

/// `gaps MODEL... [--asset ID] [--layer L] [--min-level L] [--format text|json]`.
enum GapsCommand {
    static func run(_ session: Session) -> ExitStatus {
        guard let analysis = session.analyze(session.arguments.operands) else { return .invalid }
        let a = session.arguments
        // Options are looked up once, not once per finding (an estate has a million).
        var asset: Int?
        if let id = a.value("asset") {
            guard let i = analysis.workload.assets.firstIndex(where: { $0.id == id }) else { return session.unknownAsset(id, in: analysis) }
            asset = i
        }
        let minLevel = a.value("min-level").flatMap(Severity.init(rawValue:)) ?? .low, layer = a.value("layer")
        let open = analysis.openFindings.filter { f in
            (asset == nil || f.asset == asset) && (layer == nil || analysis.layer(of: f) == layer) && f.level >= minLevel
        }
        if a.value("format") == "json" {
            return session.emit(ResultJSON.findingsDocument(open, in: analysis))
        }
        return session.emit(TextRenderer.gaps(analysis, open))
    }
}

/// `explain MODEL... --asset ID --threat ID`.
enum ExplainCommand {
    static func run(_ session: Session) -> ExitStatus {
        let a = session.arguments
        guard let assetID = a.value("asset"), let threatID = a.value("threat") else {
            session.output.err("error: explain needs --asset ID and --threat ID\nRun 'threatgraph explain --help' for usage.\n")
            return .invalid
        }
        guard let analysis = session.analyze(a.operands) else { return .invalid }
        guard let asset = analysis.workload.assets.first(where: { $0.id == assetID }) else {
            return session.unknownAsset(assetID, in: analysis)
        }
        guard let finding = analysis.findings.first(where: { $0.id == "\(threatID)@\(assetID)" }) else {
            var message = "error: no finding \(threatID)@\(assetID)"
            if let threat = analysis.catalog.threat(threatID) {
                message += ": \(threatID) does not apply to a \(asset.kind) under the frameworks \(analysis.frameworks.joined(separator: ", "))"
                let subs = analysis.findings.filter { analysis.workload.assets[$0.asset].id == assetID && analysis.catalog.threats[$0.threat].parent == threat.id }
                if !subs.isEmpty { message += "; its sub-techniques do: \(subs.map { analysis.catalog.threats[$0.threat].id }.joined(separator: ", "))" }
                message += "\n"
            } else {
                message += ": unknown threat\n"
                let ids = analysis.findings.filter { $0.asset == analysis.workload.assets.firstIndex(where: { $0.id == assetID }) }.map { analysis.catalog.threats[$0.threat].id }
                if let m = Suggestion.bestMatch(for: threatID, in: ids.isEmpty ? analysis.catalog.threats.map(\.id) : ids) { message += "  did you mean '\(m)'?\n" }
            }
            session.output.err(message)
            return .invalid
        }
        return session.emit(TextRenderer.explain(analysis, finding))
    }
}
