import Foundation
import ThreatGraph

/// The `threatgraph` command line as a library: `run` parses arguments, runs a command and returns its exit status.
public enum CLI {
    /// The tool's version.
    public static let version = "0.1.0"

    /// Every command, in help order.
    static let commands: [CommandSpec] = [
        ValidateCommand.spec, AnalyzeCommand.spec, GapsCommand.spec, ExplainCommand.spec, CheckCommand.spec, PathsCommand.spec,
        RecommendCommand.spec, DiffCommand.spec, DiagramCommand.spec, ReportCommand.spec,
        CatalogCommand.listSpec, CatalogCommand.showSpec, CatalogCommand.searchSpec, CatalogCommand.validateSpec,
        SchemaCommand.spec, InitCommand.spec, ImportCommand.terraformSpec, ImportCommand.cloudformationSpec,
    ]

    /// The names of every command and subcommand (e.g. `catalog list`), in help order.
    public static var commandNames: [String] { commands.map(\.name) }

    /// Runs the command line. `arguments` excludes the program name.
    public static func run(arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
                           output: CommandOutput = .standard) -> ExitStatus {
        let status = dispatch(arguments, environment: environment, output: output)
        return output.failed() ? .invalid : status
    }

    /// Help, version, or the command the arguments name, bound and run.
    static func dispatch(_ arguments: [String], environment: [String: String], output: CommandOutput) -> ExitStatus {
        guard let first = arguments.first else {
            output.err(usage())
            return .invalid
        }
        if first == "--help" || first == "-h" || first == "help" {
            output.out(helpText(for: Array(arguments.dropFirst())))
            return .success
        }
        if first == "--version" {
            let catalogVersion = CatalogLoader.load(base: CatalogLoader.embeddedFiles()).0?.manifest.version ?? "unavailable"
            output.out("threatgraph \(version) (catalog \(catalogVersion))\n")
            return .success
        }
        guard let (spec, rest) = find(arguments) else { return unknownCommand(arguments, output: output) }
        let parsed: ParsedArguments
        do {
            parsed = try ArgumentBinder.bind(rest, to: spec)
        } catch {
            output.err("error: \(error.message)\n" + error.notes.map { "  \($0)\n" }.joined() + "Run 'threatgraph \(spec.name) --help' for usage.\n")
            return .invalid
        }
        if parsed[GlobalOptions.help] {
            output.out(CommandHelp.text(for: spec))
            return .success
        }
        guard let session = Session.open(parsed, output: output, environment: environment) else { return .invalid }
        // An output that could never be written is refused before any work is done.
        for path in parsed.outputFileValues {
            do { try FileAccess.checkDestination(path, inputs: session.inputPaths) } catch {
                output.err("error: \(error.message)\n")
                return .invalid
            }
        }
        return spec.run(session)
    }

    /// Help for `help WORDS...`: a command's, a group's (`catalog`), or the overview.
    static func helpText(for words: [String]) -> String {
        if let spec = find(words)?.spec { return CommandHelp.text(for: spec) }
        if let word = words.first, !subcommands(of: word).isEmpty { return CommandHelp.group(word, subcommands(of: word)) }
        return usage()
    }

    /// The commands under a group word (`catalog` → `catalog list`, …); empty when the word is no group.
    static func subcommands(of word: String) -> [CommandSpec] {
        commands.filter { $0.name.hasPrefix(word + " ") }
    }

    /// A group word alone or with `--help`, or a command no spec names: help, or an error with a suggestion.
    static func unknownCommand(_ arguments: [String], output: CommandOutput) -> ExitStatus {
        let first = arguments[0]
        let group = subcommands(of: first)
        if !group.isEmpty {
            let rest = arguments.dropFirst()
            if let next = rest.first, next == "--help" || next == "-h" || next == "help" {
                output.out(CommandHelp.group(first, group))
                return .success
            }
            guard let word = rest.first, !word.hasPrefix("-") else {
                output.err("error: '\(first)' needs a subcommand\n\n" + CommandHelp.group(first, group))
                return .invalid
            }
            return suggest("\(first) \(word)", among: group.map(\.name), output: output)
        }
        return suggest(first, among: topLevelNames, output: output)
    }

    /// "unknown command" with the closest name.
    static func suggest(_ written: String, among names: [String], output: CommandOutput) -> ExitStatus {
        var message = "error: unknown command '\(Terminal.escape(written))'\n"
        if let m = Suggestion.bestMatch(for: written, in: names) { message += "  did you mean '\(m)'?\n" }
        output.err(message + "Run 'threatgraph --help' for the commands.\n")
        return .invalid
    }

    /// First words of the commands, once each, in help order.
    static var topLevelNames: [String] {
        var seen: [String] = []
        for c in commands {
            let w = c.name.split(separator: " ").first.map(String.init) ?? c.name
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

    /// The overview: every command with the first sentence of its summary.
    static func usage() -> String {
        var text = "Usage: threatgraph COMMAND [options] [operands]\n\n"
        text += "Threat models for generative-AI workloads: coverage, gaps and controls across five defense layers.\n\nCommands:\n"
        text += CommandHelp.rows(commands.map { ("  " + $0.name, CommandHelp.firstSentence($0.summary)) })
        text += "\nGlobal options: --catalog DIR, --frameworks A,B, --date YYYY-MM-DD, --help, --version\n"
        text += "Run 'threatgraph COMMAND --help' for a command's options.\n"
        text += "Exit status: 0 success, 1 check found open findings, 2 invalid input or usage.\n"
        return text
    }
}

extension CLI {
    /// Runs the command line as the `threatgraph` process: standard streams that cannot be written end in exit 2 (with
    /// a message where one can still be written); a reader of standard output that went away ends the process of
    /// SIGPIPE, quietly, as command-line tools do; temporary files are removed on SIGINT and SIGTERM.
    public static func main(_ arguments: [String]) -> Int32 {
        // A closed standard stream would hand its number to the next file opened: give it /dev/null, read-only, so
        // that writes to it fail instead of landing in an output file.
        for fd: Int32 in [0, 1, 2] where fcntl(fd, F_GETFD) < 0 {
            let null = open("/dev/null", O_RDONLY)
            if null >= 0 && null != fd { dup2(null, fd); close(null) }
        }
        signal(SIGPIPE, SIG_IGN)
        TemporaryFiles.shared.removeOnSignals()
        let streams = StandardStreams()
        let output = CommandOutput(out: { streams.write($0, to: 1) }, err: { streams.write($0, to: 2) }, terminal: isatty(1) == 1,
                                   failure: { streams.failure })
        let status = run(arguments: arguments, output: output)
        if streams.failure?.isBrokenPipe == true {
            signal(SIGPIPE, SIG_DFL)
            raise(SIGPIPE)
        }
        return status.rawValue
    }
}
