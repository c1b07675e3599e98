import Foundation
import ThreatGraph
import ThreatGraphExport

/// `report MODEL... [--output DIR] [--render svg] [--name STEM]`: the design-review report and its companions.
enum ReportCommand {
    /// Default output folder.
    static let defaultFolder = "threatgraph-report"

    static let output = Option<String?>.output("DIR", help: "Folder to write to (default \(defaultFolder)).")
    static let name = Option<String?>.text("name", "STEM", help: "File name stem (default: the first model file's).")
    static let render = Option<RenderFormat?>.choice("render", "FORMAT", help: "Also render each DOT file with Graphviz.", among: [RenderFormat.svg])
    static let spec = CommandSpec.models(
        "report", "Write the design-review report (Markdown) with its DOT diagrams, SARIF and JSON into a folder.",
        options: [output.spec, name.spec, render.spec],
        details: "Writes STEM.md, STEM.dataflow.dot, STEM.paths.dot, STEM.threats.dot, STEM.sarif and STEM.json (and STEM.*.svg with --render svg), "
            + "each atomically.\nOn invalid input, or --render without Graphviz, exit 2 and nothing is written.",
        run: run)

    static func run(_ session: Session) -> ExitStatus {
        let a = session.arguments
        let folder = a[output] ?? defaultFolder
        guard let stem = stem(session) else { return .invalid }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), !isDirectory.boolValue {
            session.output.err("error: --output \(Terminal.escape(folder)) is a file; give a folder\n")
            return .invalid
        }
        var executable: String?
        if a[render] != nil {
            guard let dot = session.graphviz() else { return .invalid }
            executable = dot
        }
        guard let analysis = session.analyze(a.operands) else { return .invalid }
        var files = ReportBundle.fileData(analysis, paths: analysis.pathAnalysis(), stem: stem, sarifURI: { Session.relativePath($0) },
                                          toolVersion: CLI.version)
        if let executable {
            guard let svgs = renderSVGs(files, executable: executable, session: session) else { return .invalid }
            files += svgs
        }
        // All files or none: every file goes to a temporary file first, and only then are they renamed into place.
        do {
            try FileAccess.writeAll(files.map { ((folder as NSString).appendingPathComponent($0.name), $0.data) }, protecting: session.inputPaths)
        } catch {
            session.output.err("error: \(error.message)\n")
            return .invalid
        }
        session.output.err("wrote \(files.count) files to \(Terminal.escape(folder))/: \(files.map { Terminal.escape($0.name) }.joined(separator: ", "))\n")
        return .success
    }

    /// The stem of the file names: `--name`, else the first model's file name; nil after saying which is unusable and why.
    static func stem(_ session: Session) -> String? {
        if let given = session.arguments[name] {
            guard isPlainName(given) else {
                session.output.err("error: --name takes a file name without folders or control characters, not '\(Terminal.escape(given))'\n")
                return nil
            }
            return given
        }
        let derived = stemOf(session.arguments.operands.first ?? "report")
        guard isPlainName(derived) else {
            session.output.err("error: the model file name '\(Terminal.escape(derived))' cannot name the report's files "
                               + "(it holds control characters or is too long); give --name STEM\n")
            return nil
        }
        return derived
    }

    /// Each DOT file rendered to SVG; nil after printing why when Graphviz fails.
    static func renderSVGs(_ files: [(name: String, data: Data)], executable: String, session: Session) -> [(name: String, data: Data)]? {
        var svgs: [(name: String, data: Data)] = []
        for file in files where file.name.hasSuffix(".dot") {
            do {
                let result = try Graphviz.render(String(decoding: file.data, as: UTF8.self), format: "svg", executable: executable,
                                                 environment: session.environment)
                if !result.warnings.isEmpty { session.output.err("\(Terminal.escape(file.name)): \(result.warnings)") }
                svgs.append((String(file.name.dropLast(4)) + ".svg", result.output))
            } catch {
                session.output.err("error: \(Terminal.escape(file.name)): \(error.message); nothing was written\n")
                return nil
            }
        }
        return svgs
    }

    /// A model path's file name without its extension.
    static func stemOf(_ path: String) -> String {
        let name = (path as NSString).lastPathComponent
        let stem = (name as NSString).deletingPathExtension
        return stem.isEmpty ? "report" : stem
    }

    /// A name that stays inside the output folder and prints as itself.
    static func isPlainName(_ s: String) -> Bool {
        !s.isEmpty && s != "." && s != ".." && !s.contains("/") && !s.contains("\\") && !s.unicodeScalars.contains(where: Terminal.isControl)
            && s.utf8.count <= 200
    }
}
