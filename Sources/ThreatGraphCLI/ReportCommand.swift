import Foundation
import ThreatGraph
import ThreatGraphExport

/// `report MODEL... [--output DIR] [--render svg] [--name STEM]`: the design-review report and its companions.
enum ReportCommand {
    /// Default output folder.
    static let defaultFolder = "threatgraph-report"

    static let output = Option<String?>.output("DIR", help: "Folder to write to (default \(defaultFolder)).")
    static let name = Option<String?>.text("name", "STEM", help: "File name stem (default: the first model file's).")
    static let findings = Option<FindingSelection>.choice("findings", "WHICH", help: "Findings listed in STEM.json: every one, or the open ones.",
                                                          default: .open, among: FindingSelection.allCases)
    static let render = Option<RenderFormat?>.choice("render", "FORMAT", help: "Also render each DOT file with Graphviz.", among: [RenderFormat.svg])
    static let spec = CommandSpec.models(
        "report", "Write the design-review report (Markdown) with its DOT diagrams, SARIF and JSON into a folder.",
        options: [output.spec, name.spec, findings.spec, render.spec],
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
        let names = ReportBundle.names(stem: stem)
        // All files or none: each is written (the JSON result and SARIF log streamed) into a temporary file beside its
        // destination, and only when every one is written are they renamed into place.
        let destinations = names.map { (folder as NSString).appendingPathComponent($0) }
        let svgNames = executable == nil ? [] : names.filter { $0.hasSuffix(".dot") }.map { String($0.dropLast(4)) + ".svg" }
        var graphvizError: String?
        do throws(UsageError) {
            let svgPaths = svgNames.map { (folder as NSString).appendingPathComponent($0) }
            try FileAccess.writeAll(destinations + svgPaths, protecting: session.inputPaths) { fds in
                let files = fds.prefix(names.count).map(FileSink.init)
                // With --render, the DOT text is also kept for Graphviz (diagrams of large models aggregate, so it is small).
                let kept = names.map { $0.hasSuffix(".dot") && executable != nil ? ByteSink.buffer() : nil }
                let sinks = zip(files, kept).map { file, copy in copy.map { file.sink.tee($0.sink) } ?? file.sink }
                ReportBundle.write(analysis, computingPaths: { analysis.pathAnalysis() }, stem: stem, sarifURI: { Session.relativePath($0) }, toolVersion: CLI.version,
                                   findings: a[findings], pictures: executable != nil, to: sinks)
                var failures = files.map(\.failure)
                guard let executable else { return failures }
                let dots = zip(names, kept).compactMap { name, copy in copy.map { (name, $0.buffer.data) } }
                for ((name, dot), fd) in zip(dots, fds.dropFirst(names.count)) {
                    switch renderSVG(name: name, dot: dot, executable: executable, session: session) {
                    case .success(let svg): failures.append(svg.withUnsafeBytes { StandardStreams.writeAll($0, to: fd) })
                    case .failure(let failure):
                        graphvizError = failure.message
                        failures.append(EIO)
                        return failures
                    }
                }
                return failures
            }
        } catch {
            session.output.err("error: \(graphvizError ?? error.message)\n")
            return .invalid
        }
        let written = names + svgNames
        session.output.err("wrote \(written.count) files to \(Terminal.escape(folder))/: \(written.map { Terminal.escape($0) }.joined(separator: ", "))\n")
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

    /// A DOT file rendered to SVG, or the message saying why Graphviz failed.
    static func renderSVG(name: String, dot: Data, executable: String, session: Session) -> Result<Data, GraphvizFailure> {
        do {
            let result = try Graphviz.render(String(decoding: dot, as: UTF8.self), format: "svg", executable: executable, environment: session.environment)
            if !result.warnings.isEmpty { session.output.err("\(Terminal.escape(name)): \(result.warnings)") }
            return .success(result.output)
        } catch {
            return .failure(GraphvizFailure(message: "\(Terminal.escape(name)): \(error.message); nothing was written"))
        }
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

/// Why Graphviz could not render a report's diagram.
struct GraphvizFailure: Error {
    /// The message, naming the file.
    let message: String
}

/// A file being written through a `ByteSink`: the first failed write is kept and later writes are skipped.
final class FileSink: @unchecked Sendable {
    private let fd: Int32
    private let lock = NSLock()
    private var error: Int32?

    /// A sink writing to the open descriptor `fd` (the caller closes it).
    init(_ fd: Int32) { self.fd = fd }

    /// The sink to hand to a writer.
    var sink: ByteSink { ByteSink { [self] bytes in write(bytes) } }

    /// The `errno` of the first failed write, nil when all went through.
    var failure: Int32? { lock.withLock { error } }

    private func write(_ bytes: UnsafeRawBufferPointer) {
        lock.withLock {
            guard error == nil else { return }
            error = StandardStreams.writeAll(bytes, to: fd)
        }
    }
}
