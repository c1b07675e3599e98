import Foundation
import ThreatGraph
import ThreatGraphExport

extension Session {
    /// Checks `--boundary ID` against the model; prints an error with a suggestion when it names no boundary.
    func checkBoundary(_ id: String?, in analysis: Analysis) -> Bool {
        guard let id, !analysis.workload.boundaries.contains(where: { $0.id == id }) else { return true }
        var message = "error: no boundary '\(id)' in the model\n"
        if let m = Suggestion.bestMatch(for: id, in: analysis.workload.boundaries.map(\.id)) { message += "  did you mean '\(m)'?\n" }
        output.err(message)
        return false
    }

    /// The `dot` executable, or nil after printing why `--render` cannot work.
    func graphviz() -> String? {
        if let dot = Graphviz.locate(environment: environment) { return dot }
        output.err("error: --render needs Graphviz, and no 'dot' was found on PATH; install Graphviz (e.g. apt-get install graphviz, brew install graphviz) or leave out --render to get DOT text\n")
        return nil
    }
}

/// `diagram MODEL... --view dataflow|paths|threats [--asset ID] [--boundary ID] [--layer L] [--render svg|png] [--output FILE]`.
enum DiagramCommand {
    static func run(_ session: Session) -> ExitStatus {
        let a = session.arguments
        let view = a.value("view") ?? "dataflow"
        if a.value("asset") != nil && view != "threats" {
            session.output.err("error: --asset selects the asset of --view threats; the \(view) view takes --boundary or --layer\nRun 'threatgraph diagram --help' for usage.\n")
            return .invalid
        }
        let render = a.value("render")
        if render == "png" && a.value("output") == nil {
            session.output.err("error: --render png writes binary data; give --output FILE\n")
            return .invalid
        }
        guard let analysis = session.analyze(a.operands) else { return .invalid }
        if let asset = a.value("asset"), !analysis.workload.assets.contains(where: { $0.id == asset }) {
            return session.unknownAsset(asset, in: analysis)
        }
        guard session.checkBoundary(a.value("boundary"), in: analysis) else { return .invalid }
        let options = DiagramOptions(boundary: a.value("boundary"), layer: a.value("layer"), asset: a.value("asset"))
        let pathAnalysis: PathAnalysis? = view == "paths" ? analysis.pathAnalysis() : nil
        let dot: String
        switch view {
        case "threats": dot = ThreatsDOT.render(analysis, options: options)
        case "paths": dot = PathsDOT.render(analysis, paths: pathAnalysis, options: options)
        default: dot = DataflowDOT.render(analysis, options: options)
        }
        guard let render else { return session.emit(dot) }
        guard let executable = session.graphviz() else { return .invalid }
        let rendered: Data
        do {
            let result = try Graphviz.render(dot, format: render, executable: executable)
            if !result.warnings.isEmpty { session.output.err(result.warnings) }
            rendered = result.output
        } catch {
            session.output.err("error: \(error.message)\n")
            return .invalid
        }
        guard let path = a.value("output") else {
            session.output.out(String(decoding: rendered, as: UTF8.self))
            return .success
        }
        do {
            try FileAccess.writeAtomically(rendered, to: path, protecting: session.inputPaths)
        } catch {
            session.output.err("error: \(error.message)\n")
            return .invalid
        }
        return .success
    }
}

/// `report MODEL... [--output DIR] [--render svg] [--name STEM]`: the design-review report and its companions.
enum ReportCommand {
    /// Default output folder.
    static let defaultFolder = "threatgraph-report"

    static func run(_ session: Session) -> ExitStatus {
        let a = session.arguments
        let folder = a.value("output") ?? defaultFolder
        let stem = a.value("name") ?? stemOf(a.operands.first ?? "report")
        guard isPlainName(stem) else {
            session.output.err("error: --name takes a file name without folders, not '\(stem)'\n")
            return .invalid
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
            session.output.err("error: --output \(folder) is a file; give a folder\n")
            return .invalid
        }
        var executable: String?
        if a.value("render") != nil {
            guard let dot = session.graphviz() else { return .invalid }
            executable = dot
        }
        guard let analysis = session.analyze(a.operands) else { return .invalid }
        let pathAnalysis = analysis.pathAnalysis()
        var files = ReportBundle.fileData(analysis, paths: pathAnalysis, stem: stem, sarifURI: { Session.relativePath($0) }, toolVersion: CLI.version)
        if let executable {
            var svgs: [(name: String, data: Data)] = []
            for file in files where file.name.hasSuffix(".dot") {
                do {
                    let result = try Graphviz.render(String(decoding: file.data, as: UTF8.self), format: "svg", executable: executable)
                    if !result.warnings.isEmpty { session.output.err("\(file.name): \(result.warnings)") }
                    svgs.append((String(file.name.dropLast(4)) + ".svg", result.output))
                } catch {
                    session.output.err("error: \(file.name): \(error.message); nothing was written\n")
                    return .invalid
                }
            }
            files += svgs
        }
        // All files or none: every file goes to a temporary file first, and only then are they renamed into place.
        do {
            try FileAccess.writeAll(files.map { ((folder as NSString).appendingPathComponent($0.name), $0.data) }, protecting: session.inputPaths)
        } catch {
            session.output.err("error: \(error.message)\n")
            return .invalid
        }
        session.output.err("wrote \(files.count) files to \(folder)/: \(files.map(\.name).joined(separator: ", "))\n")
        return .success
    }

    /// A model path's file name without its extension.
    static func stemOf(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        return stem.isEmpty ? "report" : stem
    }

    /// A name that stays inside the output folder.
    static func isPlainName(_ s: String) -> Bool {
        !s.isEmpty && s != "." && s != ".." && !s.contains("/") && !s.contains("\\") && !s.unicodeScalars.contains { $0.value < 0x20 } && s.utf8.count <= 200
    }
}
