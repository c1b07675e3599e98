import ThreatGraph

/// Binds argv (after the command words) to a command's options: `--name value`, `--name=value`, `-k 5`, `-k5`, flags,
/// operands anywhere, `--` ending options. Every value is checked against its option's kind here.
enum ArgumentBinder {
    /// One option as written: the spec it names, and a value written inside the same word (`--name=value`, `-k5`).
    struct Named {
        var option: OptionSpec
        var inline: String?
    }

    static func bind(_ args: [String], to spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        let options = spec.options + GlobalOptions.specs
        var parsed = ParsedArguments()
        var i = 0
        var optionsEnded = false
        while i < args.count {
            let arg = args[i]
            i += 1
            if optionsEnded || arg == "-" || !arg.hasPrefix("-") {
                parsed.operands.append(arg)
                continue
            }
            if arg == "--" { optionsEnded = true; continue }
            let named = try resolve(arg, among: options, command: spec.name)
            let value = try value(of: named, following: args, at: &i)
            try record(value, for: named.option, in: &parsed)
        }
        if !parsed[GlobalOptions.help] { try checkOperands(parsed.operands, of: spec) }
        return parsed
    }

    /// The option an argument names, with any value written inside it; unknown names get "did you mean".
    static func resolve(_ arg: String, among options: [OptionSpec], command: String) throws(UsageError) -> Named {
        var name: String
        var inline: String?
        var option: OptionSpec?
        if arg.hasPrefix("--") {
            let body = arg.dropFirst(2)
            if let eq = body.firstIndex(of: "=") {
                name = String(body[..<eq])
                inline = String(body[body.index(after: eq)...])
            } else {
                name = String(body)
            }
            option = options.first { $0.name == name }
        } else {
            let body = arg.dropFirst()
            guard let c = body.first else { throw UsageError(message: "unexpected '\(Terminal.escape(arg))'") }
            option = options.first { $0.short == c }
            name = option?.name ?? String(c)
            if body.count > 1 { inline = String(body.dropFirst()) }
        }
        guard let option else {
            let written = arg.split(separator: "=", maxSplits: 1).first.map(String.init) ?? arg
            var e = UsageError(message: "unknown option '\(Terminal.escape(written))' for '\(command)'")
            if let m = Suggestion.bestMatch(for: "--\(name)", in: options.map { "--\($0.name)" }) { e.notes.append("did you mean '\(m)'?") }
            throw e
        }
        return Named(option: option, inline: inline)
    }

    /// The value of a named option: inline, else the next argument; `""` for a flag.
    static func value(of named: Named, following args: [String], at i: inout Int) throws(UsageError) -> String {
        let option = named.option
        if option.placeholder == nil {
            if named.inline != nil { throw UsageError(message: "--\(option.name) takes no value") }
            return ""
        }
        if let inline = named.inline { return inline }
        guard i < args.count else { throw UsageError(message: "--\(option.name) needs a value (\(option.placeholder ?? "VALUE"))") }
        i += 1
        return args[i - 1]
    }

    /// Checks a value against its option and keeps it (the last one wins unless the option repeats).
    static func record(_ value: String, for option: OptionSpec, in parsed: inout ParsedArguments) throws(UsageError) {
        if let problem = option.check(value) { throw problem }
        if option.repeatable {
            parsed.raw[option.name, default: []].append(value)
        } else {
            parsed.raw[option.name] = [value]
        }
        if option.isInput { parsed.inputOptionValues.append(value) }
        if option.isOutputFile { parsed.outputFileValues = [value] }
    }

    /// Checks the number of operands against the command's.
    static func checkOperands(_ operands: [String], of spec: CommandSpec) throws(UsageError) {
        if operands.count < spec.minOperands {
            throw UsageError(message: "'\(spec.name)' needs \(spec.operands.isEmpty ? "more operands" : spec.operands)")
        }
        if let max = spec.maxOperands, operands.count > max {
            let most = max == 0 ? "no operands" : "at most \(max) operand\(max == 1 ? "" : "s")"
            throw UsageError(message: "'\(spec.name)' takes \(most), got '\(Terminal.escape(operands[max]))'")
        }
    }
}

/// Help text generated from command specs.
enum CommandHelp {
    /// A command's help: usage, summary, its options with their values and defaults, the global options, details.
    static func text(for spec: CommandSpec) -> String {
        let usage = "Usage: threatgraph \(spec.name)\(spec.options.isEmpty ? "" : " [options]")\(spec.operands.isEmpty ? "" : " \(spec.operands)")"
        var text = "\(usage)\n\n\(spec.summary)\n"
        text += optionList("Options", spec.options)
        text += optionList("Global options", GlobalOptions.specs)
        if !spec.details.isEmpty { text += "\n" + spec.details + "\n" }
        return text
    }

    /// Help for a group of commands (`catalog`): its subcommands with their summaries.
    static func group(_ word: String, _ specs: [CommandSpec]) -> String {
        var text = "Usage: threatgraph \(word) SUBCOMMAND [options]\n\nSubcommands:\n"
        text += rows(specs.map { ("  " + $0.name, firstSentence($0.summary)) })
        text += "\nRun 'threatgraph \(word) SUBCOMMAND --help' for a subcommand's options.\n"
        return text
    }

    /// A titled list of options, one row each: names and value, then help with the allowed values and the default.
    static func optionList(_ title: String, _ options: [OptionSpec]) -> String {
        guard !options.isEmpty else { return "" }
        let lines = options.map { o -> (String, String) in
            var left = "  "
            if let s = o.short { left += "-\(s), " }
            left += "--\(o.name)"
            if let v = o.placeholder { left += " \(v)" }
            var facts: [String] = []
            if let allowed = o.allowed { facts.append(allowed.joined(separator: "|")) }
            if case .list(let allowed) = o.value { facts.append("any of " + allowed.joined(separator: ", ")) }
            if let d = o.defaultText { facts.append("default \(d)") }
            guard !facts.isEmpty else { return (left, o.help) }
            let help = o.help.hasSuffix(".") ? String(o.help.dropLast()) : o.help
            return (left, "\(help) (\(facts.joined(separator: "; "))).")
        }
        return "\n\(title):\n" + rows(lines)
    }

    /// Two columns; a left cell wider than 34 characters puts its help on the next line.
    static func rows(_ lines: [(String, String)]) -> String {
        let width = min(34, lines.map(\.0.count).max() ?? 0)
        var text = ""
        for (left, help) in lines {
            if left.count > width {
                text += left + "\n" + String(repeating: " ", count: width + 2) + help + "\n"
            } else {
                text += left + String(repeating: " ", count: width - left.count + 2) + help + "\n"
            }
        }
        return text
    }

    /// The text up to its first full stop.
    static func firstSentence(_ s: String) -> String {
        s.split(separator: ".").first.map(String.init) ?? s
    }
}
