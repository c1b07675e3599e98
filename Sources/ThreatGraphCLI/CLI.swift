import Foundation
import ThreatGraph

/// The `threatgraph` command line as a library: `run` parses arguments, runs a command and returns its exit status.
public enum CLI {
    /// The tool's version.
    public static let version = "0.1.0"

    /// Commands by the words that name them.
    static let commands: [CommandSpec] = [
        CommandSpec(name: "validate", summary: "Check model files and print every diagnostic. Exit 0 when there is no error, 2 otherwise.",
                    operands: "MODEL...", minOperands: 1, maxOperands: nil, options: []),
        CommandSpec(name: "analyze", summary: "Analyse coverage: a terminal summary per layer and framework with the worst open findings, or the whole result as JSON.",
                    operands: "MODEL...", minOperands: 1, maxOperands: nil, options: [
                        OptionSpec(name: "format", value: "FORMAT", help: "Output format (default text).", allowed: ["text", "json"]),
                        OptionSpec(name: "output", short: "o", value: "FILE", help: "Write to FILE instead of standard output."),
                    ]),
        CommandSpec(name: "gaps", summary: "List open findings (partial or gap), worst first.", operands: "MODEL...", minOperands: 1, maxOperands: nil, options: [
            OptionSpec(name: "asset", value: "ID", help: "Only this asset."),
            OptionSpec(name: "layer", value: "L", help: "Only findings on this layer.", allowed: CatalogSchema.layerIDs),
            OptionSpec(name: "min-level", value: "L", help: "Only findings at or above this risk level.", allowed: ["low", "medium", "high", "critical"]),
            OptionSpec(name: "format", value: "FORMAT", help: "Output format (default text).", allowed: ["text", "json"]),
            OptionSpec(name: "output", short: "o", value: "FILE", help: "Write to FILE instead of standard output."),
        ]),
        CommandSpec(name: "explain", summary: "Explain one finding: why this status, which controls count and why, bypass routes, what could close it.",
                    operands: "MODEL...", minOperands: 1, maxOperands: nil, options: [
                        OptionSpec(name: "asset", value: "ID", help: "The asset (required)."),
                        OptionSpec(name: "threat", value: "ID", help: "The threat (required)."),
                        OptionSpec(name: "output", short: "o", value: "FILE", help: "Write to FILE instead of standard output."),
                    ]),
        CommandSpec(name: "check", summary: "The CI gate: exit 1 when an open finding at or above --fail-on is not validly accepted.",
                    operands: "MODEL...", minOperands: 1, maxOperands: nil, options: [
                        OptionSpec(name: "fail-on", value: "LEVEL", help: "Lowest risk level that fails (default high).", allowed: ["low", "medium", "high", "critical"]),
                        OptionSpec(name: "baseline", value: "OLD", help: "Fail only on findings that are new or worse than in the model OLD."),
                        OptionSpec(name: "format", value: "FORMAT", help: "Output format (default text; wins over the --output extension).", allowed: ["text", "json", "sarif"]),
                        OptionSpec(name: "output", short: "o", value: "FILE", help: "Write to FILE (.sarif and .json pick the format)."),
                    ], details: "Warns on standard error about acceptances that expired or expire within 30 days.\nExit status: 0 passed, 1 failed, 2 invalid input."),
        CommandSpec(name: "paths", summary: "Attack paths: the most probable routes from actors to crown jewels, hop by hop, and the exploit graph.",
                    operands: "MODEL...", minOperands: 1, maxOperands: nil, options: [
                        OptionSpec(name: "k", short: "k", value: "N", help: "Paths per actor–target pair for the top pairs (default 3)."),
                        OptionSpec(name: "max-hops", value: "N", help: "Most hops per path (default 12)."),
                        OptionSpec(name: "pairs", value: "N", help: "How many of the most probable pairs get k paths (default 25); the rest get their best path."),
                        OptionSpec(name: "from", value: "ACTOR", help: "Only paths from this actor."),
                        OptionSpec(name: "to", value: "ASSET", help: "Only paths to this target."),
                        OptionSpec(name: "format", value: "FORMAT", help: "Output format (default text).", allowed: ["text", "json"]),
                        OptionSpec(name: "output", short: "o", value: "FILE", help: "Write to FILE instead of standard output."),
                    ]),
        CommandSpec(name: "recommend", summary: "What to do first: a greedy plan of control placements by risk removed per cost, and the cheapest cut of the likely attack paths.",
                    operands: "MODEL...", minOperands: 1, maxOperands: nil, options: [
                        OptionSpec(name: "max-steps", value: "N", help: "Steps of the plan (default 10)."),
                        OptionSpec(name: "threshold", value: "P", help: "Paths at least this probable are cut (default 0.01)."),
                        OptionSpec(name: "format", value: "FORMAT", help: "Output format (default text).", allowed: ["text", "json"]),
                        OptionSpec(name: "output", short: "o", value: "FILE", help: "Write to FILE instead of standard output."),
                    ]),
        CommandSpec(name: "diff", summary: "What changed between two versions of a model: findings opened, closed, changed; attack paths; risk totals.",
                    operands: "OLD NEW", minOperands: 2, maxOperands: 2, options: [
                        OptionSpec(name: "format", value: "FORMAT", help: "Output format (default text; markdown for a pull-request comment).", allowed: ["text", "json", "markdown"]),
                        OptionSpec(name: "output", short: "o", value: "FILE", help: "Write to FILE instead of standard output."),
                    ]),
        CommandSpec(name: "diagram", summary: "Write a Graphviz DOT diagram of the model (or render it with --render).",
                    operands: "MODEL...", minOperands: 1, maxOperands: nil, options: [
                        OptionSpec(name: "view", value: "VIEW", help: "What to draw (default dataflow): the data flow, the attack paths over it, or threats and controls.", allowed: ["dataflow", "paths", "threats"]),
                        OptionSpec(name: "asset", value: "ID", help: "The threats view: only this asset."),
                        OptionSpec(name: "boundary", value: "ID", help: "Only this trust boundary and those nested in it."),
                        OptionSpec(name: "layer", value: "L", help: "Only assets whose kind is on this layer.", allowed: CatalogSchema.layerIDs),
                        OptionSpec(name: "render", value: "FORMAT", help: "Run Graphviz dot (timeout 120 s) and write the picture instead of DOT.", allowed: ["svg", "png"]),
                        OptionSpec(name: "output", short: "o", value: "FILE", help: "Write to FILE instead of standard output."),
                    ], details: "Above 150 flows, edge labels are left out so that Graphviz stays fast; use --boundary or --layer for a readable part of a large model.\nWith --render and no Graphviz: exit 2, nothing written."),
        CommandSpec(name: "report", summary: "Write the design-review report (Markdown) with its DOT diagrams, SARIF and JSON into a folder.",
                    operands: "MODEL...", minOperands: 1, maxOperands: nil, options: [
                        OptionSpec(name: "output", short: "o", value: "DIR", help: "Folder to write to (default threatgraph-report)."),
                        OptionSpec(name: "name", value: "STEM", help: "File name stem (default: the first model file's)."),
                        OptionSpec(name: "render", value: "FORMAT", help: "Also render each DOT file with Graphviz.", allowed: ["svg"]),
                    ], details: "Writes STEM.md, STEM.dataflow.dot, STEM.paths.dot, STEM.threats.dot, STEM.sarif and STEM.json (and STEM.*.svg with --render svg), each atomically.\nOn invalid input, or --render without Graphviz, exit 2 and nothing is written."),
        CommandSpec(name: "catalog list", summary: "List catalog entries.", operands: "", minOperands: 0, maxOperands: 0, options: [
            OptionSpec(name: "type", value: "TYPE", help: "What to list (default threats).", allowed: CatalogCommand.types),
            OptionSpec(name: "framework", value: "F", help: "Only threats of this framework.", allowed: CatalogSchema.frameworks),
            OptionSpec(name: "layer", value: "L", help: "Only controls or kinds of this layer.", allowed: CatalogSchema.layerIDs),
            OptionSpec(name: "format", value: "FORMAT", help: "Output format (default text).", allowed: ["text", "json"]),
        ]),
        CommandSpec(name: "catalog show", summary: "Show one catalog entry (threat, control, kind, tactic, mitigation or case study) in full.",
                    operands: "ID", minOperands: 1, maxOperands: 1, options: [
                        OptionSpec(name: "format", value: "FORMAT", help: "Output format (default text).", allowed: ["text", "json"]),
                    ]),
        CommandSpec(name: "catalog search", summary: "Find threats, controls and kinds whose id, name or summary contains every word of TEXT.",
                    operands: "TEXT", minOperands: 1, maxOperands: nil, options: [
                        OptionSpec(name: "format", value: "FORMAT", help: "Output format (default text).", allowed: ["text", "json"]),
                    ]),
        CommandSpec(name: "catalog validate", summary: "Check every catalog invariant (with --catalog overlays) and list every problem.",
                    operands: "", minOperands: 0, maxOperands: 0, options: []),
        CommandSpec(name: "schema", summary: "Print the JSON Schema (draft 2020-12) of the model format. Save it beside your models and name it in \"$schema\".",
                    operands: "", minOperands: 0, maxOperands: 0, options: [
                        OptionSpec(name: "output", short: "o", value: "FILE", help: "Write to FILE instead of standard output."),
                    ]),
        CommandSpec(name: "init", summary: "Print a starter model that validates.", operands: "", minOperands: 0, maxOperands: 0, options: [
            OptionSpec(name: "template", value: "NAME", help: "Starting point (default chatbot).", allowed: Templates.names),
            OptionSpec(name: "output", short: "o", value: "FILE", help: "Write to FILE instead of standard output (never overwrites)."),
        ]),
    ]

    /// Runs the command line. `arguments` excludes the program name.
    public static func run(arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                           output: CommandOutput = .standard) -> ExitStatus {
        guard let first = arguments.first else {
            output.err(usage())
            return .invalid
        }
        if first == "--help" || first == "-h" || first == "help" {
            if arguments.count > 1, let spec = find(Array(arguments.dropFirst()))?.spec {
                output.out(ArgumentBinder.help(for: spec))
            } else {
                output.out(usage())
            }
            return .success
        }
        if first == "--version" {
            let catalogVersion = CatalogLoader.load(base: CatalogLoader.embeddedFiles()).0?.manifest.version ?? "unavailable"
            output.out("threatgraph \(version) (catalog \(catalogVersion))\n")
            return .success
        }
        guard let (spec, rest) = find(arguments) else {
            let word = arguments.prefix(2).joined(separator: " ")
            var message = "error: unknown command '\(first == "catalog" ? word : first)'\n"
            let names = first == "catalog" ? commands.map(\.name).filter { $0.hasPrefix("catalog ") } : topLevelNames
            if let m = Suggestion.bestMatch(for: first == "catalog" ? word : first, in: names) { message += "  did you mean '\(m)'?\n" }
            output.err(message + "Run 'threatgraph --help' for the commands.\n")
            return .invalid
        }
        let parsed: ParsedArguments
        do {
            parsed = try ArgumentBinder.bind(rest, to: spec)
        } catch {
            output.err("error: \(error.message)\n" + error.notes.map { "  \($0)\n" }.joined() + "Run 'threatgraph \(spec.name) --help' for usage.\n")
            return .invalid
        }
        if parsed.flag("help") {
            output.out(ArgumentBinder.help(for: spec))
            return .success
        }
        guard let session = Session.open(parsed, output: output, environment: environment) else { return .invalid }
        switch spec.name {
        case "validate": return ValidateCommand.run(session)
        case "analyze": return AnalyzeCommand.run(session)
        case "gaps": return GapsCommand.run(session)
        case "explain": return ExplainCommand.run(session)
        case "check": return CheckCommand.run(session)
        case "paths": return PathsCommand.run(session)
        case "recommend": return RecommendCommand.run(session)
        case "diff": return DiffCommand.run(session)
        case "diagram": return DiagramCommand.run(session)
        case "report": return ReportCommand.run(session)
        case "catalog list": return CatalogCommand.list(session)
        case "catalog show": return CatalogCommand.show(session)
        case "catalog search": return CatalogCommand.search(session)
        case "catalog validate": return CatalogCommand.validate(session)
        case "schema": return SchemaCommand.run(session)
        case "init": return InitCommand.run(session)
        default:
            output.err("error: '\(spec.name)' is not available\n")
            return .invalid
        }
    }

    static var topLevelNames: [String] {
        var seen: [String] = []
        for c in commands {
            let w = String(c.name.split(separator: " ")[0])
            if !seen.contains(w) { seen.append(w) }
        }
        return seen
    }

    /// The command named by the first one or two words, and the remaining arguments.
    static func find(_ arguments: [String]) -> (spec: CommandSpec, rest: [String])? {
        if arguments.count >= 2, let spec = commands.first(where: { $0.name == "\(arguments[0]) \(arguments[1])" }) {
            return (spec, Array(arguments.dropFirst(2)))
        }
        if let first = arguments.first, let spec = commands.first(where: { $0.name == first }) {
            return (spec, Array(arguments.dropFirst()))
        }
        return nil
    }

    static func usage() -> String {
        var text = "Usage: threatgraph COMMAND [options] [operands]\n\nThreat models for generative-AI workloads: coverage, gaps and controls across five defense layers.\n\nCommands:\n"
        let width = commands.map(\.name.count).max() ?? 0
        for c in commands {
            let line = c.summary.split(separator: ".").first.map(String.init) ?? c.summary
            text += "  \(c.name)\(String(repeating: " ", count: width - c.name.count + 2))\(line)\n"
        }
        text += "\nGlobal options: --catalog DIR, --frameworks A,B, --date YYYY-MM-DD, --help, --version\n"
        text += "Run 'threatgraph COMMAND --help' for a command's options.\n"
        text += "Exit status: 0 success, 1 check found open findings, 2 invalid input or usage.\n"
        return text
    }
}
