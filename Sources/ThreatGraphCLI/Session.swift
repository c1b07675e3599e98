import Foundation
import ThreatGraph

/// What every command needs: the catalog (built-in plus `--catalog` overlays), the as-of date, the frameworks,
/// and a way to report diagnostics.
struct Session {
    let arguments: ParsedArguments
    let output: CommandOutput
    let environment: [String: String]
    let catalog: Catalog
    let asOf: CalendarDate
    /// Frameworks given with `--frameworks`, replacing the model's.
    let frameworks: [String]?
    /// The `--catalog` overlay files read.
    var overlayPaths: [String] = []

    /// Every file the command reads (models, baseline, catalog overlays): outputs never replace them.
    var inputPaths: [String] { arguments.operands + arguments.inputOptionValues + overlayPaths }

    /// Loads the catalog and reads the global options; on failure prints the problems and returns nil.
    static func open(_ arguments: ParsedArguments, output: CommandOutput, environment: [String: String]) -> Session? {
        let asOf = arguments[GlobalOptions.date]
        let frameworks = arguments[GlobalOptions.frameworks]
        guard let overlays = overlays(arguments[GlobalOptions.catalog], output: output) else { return nil }
        let (catalog, diagnostics) = CatalogLoader.load(base: CatalogLoader.embeddedFiles(), overlays: overlays, limits: CatalogLimits())
        Session.print(diagnostics, to: output)
        guard let catalog else {
            output.err("error: the catalog could not be loaded\n")
            return nil
        }
        return Session(arguments: arguments, output: output, environment: environment, catalog: catalog, asOf: asOf,
                       frameworks: frameworks, overlayPaths: overlays.map(\.name))
    }

    /// The `.json` files of every `--catalog` folder, read and bounded; nil after printing why when one cannot be.
    static func overlays(_ folders: [String], output: CommandOutput) -> [InputFile]? {
        var overlays: [InputFile] = []
        var overlayBytes = 0
        let limits = CatalogLimits()
        for dir in folders {
            guard let files = FileAccess.jsonFiles(in: dir) else {
                output.err("error: --catalog '\(Terminal.escape(dir))' is not a readable folder\n")
                return nil
            }
            for path in files {
                guard let file = FileAccess.read(path, output: output, limit: limits.maxFileBytes, code: "catalog.too-large") else { return nil }
                overlayBytes += file.bytes.count
                if overlayBytes > limits.maxFileBytes * 4 {
                    output.err("\(Terminal.escape(path)): error: --catalog files add up to more than \(ByteLimit.human(limits.maxFileBytes * 4)) [catalog.too-large]\n")
                    return nil
                }
                overlays.append(file)
            }
        }
        return overlays
    }

    /// Prints diagnostics to standard error, sorted.
    static func print(_ diagnostics: [Diagnostic], to output: CommandOutput) {
        guard !diagnostics.isEmpty else { return }
        output.err(diagnostics.sortedForOutput().map { escaped($0).rendered }.joined(separator: "\n") + "\n")
    }

    /// A diagnostic whose file name, message and notes show control characters escaped, so that no text from an
    /// input can forge a line or act on the terminal.
    static func escaped(_ d: Diagnostic) -> Diagnostic {
        var copy = d
        copy.message = Terminal.escape(d.message)
        copy.notes = d.notes.map(Terminal.escape)
        if var location = d.location {
            location.file = Terminal.escape(location.file)
            copy.location = location
        }
        return copy
    }

    /// Reads and validates the model files named by the operands; prints diagnostics (errors only without
    /// `warnings`); nil on errors.
    func loadWorkload(_ paths: [String], warnings: Bool = true) -> (Workload, [Diagnostic])? {
        var files: [InputFile] = []
        for path in paths {
            guard let file = FileAccess.read(path, output: output) else { return nil }
            files.append(file)
        }
        let (workload, diagnostics) = ModelLoader.load(files, catalog: catalog, frameworks: frameworks)
        Session.print(warnings ? diagnostics : diagnostics.filter { $0.severity == .error }, to: output)
        guard let workload else {
            let errors = diagnostics.filter { $0.severity == .error }.count
            output.err("\(errors) error\(errors == 1 ? "" : "s"); nothing was written\n")
            return nil
        }
        return (workload, diagnostics)
    }
}
