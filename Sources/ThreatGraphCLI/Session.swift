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
        var asOf = CalendarDate.today()
        if let text = arguments[GlobalOptions.date] {
            guard let d = CalendarDate(parsing: text) else {
                output.err("error: --date takes a date YYYY-MM-DD, not '\(Terminal.escape(text))'\n")
                return nil
            }
            asOf = d
        }
        let frameworks: [String]?
        switch Session.frameworks(arguments[GlobalOptions.frameworks]) {
        case .success(let list): frameworks = list
        case .failure(let e):
            output.err("error: \(e.message)\n" + e.notes.map { "  \($0)\n" }.joined())
            return nil
        }
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

    /// `--frameworks A,B` checked and sorted; nil when not given.
    static func frameworks(_ text: String?) -> Result<[String]?, UsageError> {
        guard let text else { return .success(nil) }
        let list = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for f in list where !ModelSchema.frameworks.contains(f) {
            var e = UsageError(message: "unknown framework '\(Terminal.escape(f))' in --frameworks; known: \(ModelSchema.frameworks.joined(separator: ", "))")
            if let m = Suggestion.bestMatch(for: f, in: ModelSchema.frameworks) { e.notes.append("did you mean '\(m)'?") }
            return .failure(e)
        }
        guard !list.isEmpty else { return .failure(UsageError(message: "--frameworks needs at least one framework")) }
        return .success(Array(Set(list)).sorted())
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

    /// Reads and validates the model files named by the operands; prints diagnostics; nil on errors.
    func loadWorkload(_ paths: [String]) -> (Workload, [Diagnostic])? {
        var files: [InputFile] = []
        for path in paths {
            guard let file = FileAccess.read(path, output: output) else { return nil }
            files.append(file)
        }
        let (workload, diagnostics) = ModelLoader.load(files, catalog: catalog, frameworks: frameworks)
        Session.print(diagnostics, to: output)
        guard let workload else {
            let errors = diagnostics.filter { $0.severity == .error }.count
            output.err("\(errors) error\(errors == 1 ? "" : "s"); nothing was written\n")
            return nil
        }
        return (workload, diagnostics)
    }
}
