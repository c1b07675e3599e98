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
    var inputPaths: [String] { arguments.operands + arguments.values("baseline") + overlayPaths }

    /// Loads the catalog and reads the global options; on failure prints the problems and returns nil.
    static func open(_ arguments: ParsedArguments, output: CommandOutput, environment: [String: String]) -> Session? {
        var asOf = CalendarDate.today()
        if let text = arguments.value("date") {
            guard let d = CalendarDate(parsing: text) else {
                output.err("error: --date takes a date YYYY-MM-DD, not '\(text)'\n")
                return nil
            }
            asOf = d
        }
        var frameworks: [String]?
        if let text = arguments.value("frameworks") {
            let list = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            for f in list where !ModelSchema.frameworks.contains(f) {
                var message = "error: unknown framework '\(f)' in --frameworks; known: \(ModelSchema.frameworks.joined(separator: ", "))\n"
                if let m = Suggestion.bestMatch(for: f, in: ModelSchema.frameworks) { message += "  did you mean '\(m)'?\n" }
                output.err(message)
                return nil
            }
            guard !list.isEmpty else {
                output.err("error: --frameworks needs at least one framework\n")
                return nil
            }
            frameworks = Array(Set(list)).sorted()
        }
        var overlays: [InputFile] = []
        var overlayBytes = 0
        let limits = CatalogLimits()
        for dir in arguments.values("catalog") {
            guard let files = FileAccess.jsonFiles(in: dir) else {
                output.err("error: --catalog '\(dir)' is not a readable folder\n")
                return nil
            }
            for path in files {
                guard let file = FileAccess.read(path, output: output, limit: limits.maxFileBytes, code: "catalog.too-large") else { return nil }
                overlayBytes += file.bytes.count
                if overlayBytes > limits.maxFileBytes * 4 {
                    output.err("\(path): error: --catalog files add up to more than \(ByteLimit.human(limits.maxFileBytes * 4)) [catalog.too-large]\n")
                    return nil
                }
                overlays.append(file)
            }
        }
        let (catalog, diagnostics) = CatalogLoader.load(base: CatalogLoader.embeddedFiles(), overlays: overlays, limits: limits)
        Session.print(diagnostics, to: output)
        guard let catalog else {
            output.err("error: the catalog could not be loaded\n")
            return nil
        }
        return Session(arguments: arguments, output: output, environment: environment, catalog: catalog, asOf: asOf, frameworks: frameworks,
                       overlayPaths: overlays.map(\.name))
    }

    /// Prints diagnostics to standard error, sorted.
    static func print(_ diagnostics: [Diagnostic], to output: CommandOutput) {
        guard !diagnostics.isEmpty else { return }
        output.err(diagnostics.sortedForOutput().map(\.rendered).joined(separator: "\n") + "\n")
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
