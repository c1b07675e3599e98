import Foundation
import ThreatGraph
import ThreatGraphExport

extension Session {
    /// Loads the operands' models and analyses them; nil (after printing why) on invalid input. `warnings: false`
    /// prints errors only (a baseline's warnings were the old model's, seen when it was checked).
    func analyze(_ paths: [String], warnings: Bool = true) -> Analysis? {
        guard let (loaded, _) = loadWorkload(paths, warnings: warnings) else { return nil }
        // Reports, SARIF and JSON name the model files relative to the working directory, never by absolute path.
        var workload = loaded
        workload.files = workload.files.map(Session.relativePath)
        return Analysis(catalog: catalog, workload: workload, options: AnalysisOptions(frameworks: frameworks, asOf: asOf))
    }

    /// Writes a document (JSON, SARIF, DOT, Markdown) to `path` (atomically) or, when nil, to standard output.
    func emit(_ document: String, to path: String?) -> ExitStatus {
        emit(Data(document.utf8), to: path)
    }

    /// Writes text meant for reading (a summary, a table) to `path` or standard output, with control characters from
    /// the model or catalog shown escaped.
    func emit(text: String, to path: String?) -> ExitStatus {
        emit(Data(Terminal.escapeKeepingLines(text).utf8), to: path)
    }

    /// Writes a document streamed by `write` to `path` (atomically: into a temporary file as it is produced, then
    /// renamed) or, when nil, to standard output.
    func emit(to path: String?, streaming write: (ByteSink) -> Void) -> ExitStatus {
        guard let path else {
            let (sink, buffer) = ByteSink.buffer()
            write(sink)
            return emit(buffer.data, to: nil)
        }
        do {
            try FileAccess.writeAll([path], protecting: inputPaths) { fds in
                let file = FileSink(fds[0])
                write(file.sink)
                return [file.failure]
            }
        } catch {
            output.err("error: \(error.message)\n")
            return .invalid
        }
        return .success
    }

    /// Writes bytes to `path` (atomically) or, when nil, to standard output.
    func emit(_ data: Data, to path: String?) -> ExitStatus {
        guard let path else {
            output.out(String(decoding: data, as: UTF8.self))
            return .success
        }
        do {
            try FileAccess.writeAll([(path, data)], protecting: inputPaths)
        } catch {
            output.err("error: \(error.message)\n")
            return .invalid
        }
        return .success
    }

    /// Reports an `--asset` that names no asset, with a suggestion.
    func unknownAsset(_ id: String, in analysis: Analysis) -> ExitStatus {
        var message = "error: no asset '\(Terminal.escape(id))' in the model\n"
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
    static let format = Option<OutputFormat>.format([.text, .json])
    static let output = Option<String?>.output()
    static let findings = Option<FindingSelection>.choice("findings", "WHICH", help: "Findings listed in the JSON result: every one, or the open ones.",
                                                          default: .all, among: FindingSelection.allCases)
    static let spec = CommandSpec.models(
        "analyze", "Analyse coverage: a terminal summary per layer and framework with the worst open findings, or the whole result as JSON.",
        options: [format.spec, findings.spec, output.spec], run: run)

    static func run(_ session: Session) -> ExitStatus {
        guard let analysis = session.analyze(session.arguments.operands) else { return .invalid }
        if session.arguments[format] == .json {
            let paths = analysis.pathAnalysis(), selection = session.arguments[findings]
            return session.emit(to: session.arguments[output]) { ResultJSON.write(analysis, paths: paths, findings: selection, to: $0) }
        }
        return session.emit(text: TextRenderer.summary(analysis), to: session.arguments[output])
    }
}

/// `gaps MODEL... [--asset ID] [--layer L] [--min-level L] [--format text|json]`.
enum GapsCommand {
    static let asset = Option<String?>.text("asset", "ID", help: "Only this asset.")
    static let layer = Option<String?>.text("layer", "L", help: "Only findings on this layer.", among: CatalogSchema.layerIDs)
    static let minLevel = Option<Severity>.choice("min-level", "L", help: "Only findings at or above this risk level.", default: .low,
                                                  among: Severity.allCases)
    static let format = Option<OutputFormat>.format([.text, .json])
    static let output = Option<String?>.output()
    static let spec = CommandSpec.models("gaps", "List open findings (partial or gap), worst first.",
                                         options: [asset.spec, layer.spec, minLevel.spec, format.spec, output.spec], run: run)

    static func run(_ session: Session) -> ExitStatus {
        guard let analysis = session.analyze(session.arguments.operands) else { return .invalid }
        let a = session.arguments
        // Options are looked up once, not once per finding (an estate has a million).
        var assetIndex: Int?
        if let id = a[asset] {
            guard let i = analysis.workload.assets.firstIndex(where: { $0.id == id }) else { return session.unknownAsset(id, in: analysis) }
            assetIndex = i
        }
        let minimum = a[minLevel], onLayer = a[layer]
        let open = analysis.openFindings.filter { f in
            (assetIndex == nil || f.asset == assetIndex) && (onLayer == nil || analysis.layer(of: f) == onLayer) && f.level >= minimum
        }
        if a[format] == .json { return session.emit(to: a[output]) { ResultJSON.writeFindingsDocument(open, in: analysis, to: $0) } }
        return session.emit(text: TextRenderer.gaps(analysis, open), to: a[output])
    }
}

/// `explain MODEL... --asset ID --threat ID`.
enum ExplainCommand {
    static let asset = Option<String?>.text("asset", "ID", help: "The asset (required).")
    static let threat = Option<String?>.text("threat", "ID", help: "The threat (required).")
    static let output = Option<String?>.output()
    static let spec = CommandSpec.models(
        "explain", "Explain one finding: why this status, which controls count and why, bypass routes, what could close it.",
        options: [asset.spec, threat.spec, output.spec], run: run)

    static func run(_ session: Session) -> ExitStatus {
        let a = session.arguments
        guard let assetID = a[asset], let threatID = a[threat] else {
            session.output.err("error: explain needs --asset ID and --threat ID\nRun 'threatgraph explain --help' for usage.\n")
            return .invalid
        }
        guard let analysis = session.analyze(a.operands) else { return .invalid }
        guard let asset = analysis.workload.assets.first(where: { $0.id == assetID }) else {
            return session.unknownAsset(assetID, in: analysis)
        }
        guard let finding = analysis.findings.first(where: { $0.id == "\(threatID)@\(assetID)" }) else {
            session.output.err(noFinding(threatID, on: asset, in: analysis))
            return .invalid
        }
        return session.emit(text: TextRenderer.explain(analysis, finding), to: a[output])
    }

    /// Why there is no finding of a threat on an asset: the threat does not apply (and its sub-techniques do), or it is unknown.
    static func noFinding(_ threatID: String, on asset: Asset, in analysis: Analysis) -> String {
        var message = "error: no finding \(Terminal.escape(threatID))@\(asset.id)"
        let assetIndex = analysis.workload.assets.firstIndex { $0.id == asset.id }
        if let threat = analysis.catalog.threat(threatID) {
            message += ": \(threatID) does not apply to a \(asset.kind) under the frameworks \(analysis.frameworks.joined(separator: ", "))"
            let subs = analysis.findings.filter { $0.asset == assetIndex && analysis.catalog.threats[$0.threat].parent == threat.id }
            if !subs.isEmpty { message += "; its sub-techniques do: \(subs.map { analysis.catalog.threats[$0.threat].id }.joined(separator: ", "))" }
            return message + "\n"
        }
        message += ": unknown threat\n"
        let ids = analysis.findings.filter { $0.asset == assetIndex }.map { analysis.catalog.threats[$0.threat].id }
        if let m = Suggestion.bestMatch(for: threatID, in: ids.isEmpty ? analysis.catalog.threats.map(\.id) : ids) { message += "  did you mean '\(m)'?\n" }
        return message
    }
}
