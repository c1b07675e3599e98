import ThreatGraph

/// One command-line option a command accepts.
struct OptionSpec: Sendable {
    /// Long name without dashes.
    var name: String
    /// Short name, e.g. `k` for `-k`.
    var short: Character?
    /// Placeholder of its value; nil for a flag.
    var value: String?
    /// One line of help.
    var help: String
    /// Allowed values, when fixed.
    var allowed: [String]?
    /// May be given more than once.
    var repeatable = false
}

/// A command's name, usage, options and operands.
struct CommandSpec: Sendable {
    /// Name as typed (e.g. `catalog list`).
    var name: String
    /// One line.
    var summary: String
    /// Operand placeholder (e.g. `MODEL...`), empty for none.
    var operands: String
    /// Fewest operands.
    var minOperands: Int
    /// Most operands (nil: unbounded).
    var maxOperands: Int?
    /// Options besides the global ones.
    var options: [OptionSpec]
    /// Paragraphs after the option list.
    var details: String = ""
}

/// Options every command accepts.
let globalOptions: [OptionSpec] = [
    OptionSpec(name: "catalog", value: "DIR", help: "Also load the catalog files in DIR; an entry with the same id replaces the built-in one.", repeatable: true),
    OptionSpec(name: "frameworks", value: "A,B", help: "Threat frameworks to apply, replacing the model's (atlas, owasp-llm-2025, owasp-llm-2026, owasp-agentic-2026, owasp-ml-2023)."),
    OptionSpec(name: "date", value: "YYYY-MM-DD", help: "As-of date for acceptances (default: today, UTC)."),
    OptionSpec(name: "help", short: "h", help: "Show help for the command."),
]

/// A usage error: one line plus a hint.
struct UsageError: Error {
    var message: String
    var notes: [String] = []
}

/// Options and operands bound to a command.
struct ParsedArguments {
    /// Values of options, by long name (flags hold `[""]`).
    var options: [String: [String]] = [:]
    /// Operands in order.
    var operands: [String] = []

    /// Whether a flag was given.
    func flag(_ name: String) -> Bool { options[name] != nil }
    /// The last value of an option.
    func value(_ name: String) -> String? { options[name]?.last }
    /// All values of a repeatable option.
    func values(_ name: String) -> [String] { options[name] ?? [] }

    /// A whole-number option with bounds.
    func integer(_ name: String, default def: Int, range: ClosedRange<Int>) throws(UsageError) -> Int {
        guard let text = value(name) else { return def }
        guard let n = Int(text), range.contains(n) else {
            throw UsageError(message: "--\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return n
    }

    /// A number option with bounds.
    func number(_ name: String, default def: Double, range: ClosedRange<Double>) throws(UsageError) -> Double {
        guard let text = value(name) else { return def }
        guard let n = Double(text), n.isFinite, range.contains(n) else {
            throw UsageError(message: "--\(name) takes a number from \(range.lowerBound) to \(range.upperBound), not '\(text)'")
        }
        return n
    }
}

/// Binds argv (after the command words) to a command's options: `--name value`, `--name=value`,
/// `-k 5`, `-k5`, flags, operands anywhere, `--` ending options.
enum ArgumentBinder {
    static func bind(_ args: [String], to spec: CommandSpec) throws(UsageError) -> ParsedArguments {
        let options = spec.options + globalOptions
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
                guard let c = body.first else { throw UsageError(message: "unexpected '\(arg)'") }
                option = options.first { $0.short == c }
                name = option?.name ?? String(c)
                if body.count > 1 { inline = String(body.dropFirst()) }
            }
            guard let option else {
                let candidates = options.map { "--\($0.name)" }
                var e = UsageError(message: "unknown option '\(arg.split(separator: "=").first.map(String.init) ?? arg)' for '\(spec.name)'")
                if let m = Suggestion.bestMatch(for: "--\(name)", in: candidates) { e.notes.append("did you mean '\(m)'?") }
                throw e
            }
            if option.value == nil {
                if inline != nil { throw UsageError(message: "--\(option.name) takes no value") }
                parsed.options[option.name] = [""]
                continue
            }
            let value: String
            if let inline {
                value = inline
            } else {
                guard i < args.count else { throw UsageError(message: "--\(option.name) needs a value (\(option.value ?? "VALUE"))") }
                value = args[i]
                i += 1
            }
            if let allowed = option.allowed, !allowed.contains(value) {
                var e = UsageError(message: "invalid value '\(value)' for --\(option.name): expected one of \(allowed.joined(separator: ", "))")
                if let m = Suggestion.bestMatch(for: value, in: allowed) { e.notes.append("did you mean '\(m)'?") }
                throw e
            }
            if option.repeatable {
                parsed.options[option.name, default: []].append(value)
            } else {
                parsed.options[option.name] = [value]
            }
        }
        if !parsed.flag("help") {
            if parsed.operands.count < spec.minOperands {
                throw UsageError(message: "'\(spec.name)' needs \(spec.operands.isEmpty ? "more operands" : spec.operands)")
            }
            if let max = spec.maxOperands, parsed.operands.count > max {
                throw UsageError(message: "'\(spec.name)' takes \(max == 0 ? "no operands" : "at most \(max) operand\(max == 1 ? "" : "s")"), got '\(parsed.operands[max])'")
            }
        }
        return parsed
    }

    /// Help text generated from the spec.
    static func help(for spec: CommandSpec) -> String {
        var text = "Usage: threatgraph \(spec.name)\(spec.options.isEmpty ? "" : " [options]")\(spec.operands.isEmpty ? "" : " \(spec.operands)")\n\n\(spec.summary)\n"
        func list(_ title: String, _ opts: [OptionSpec]) {
            guard !opts.isEmpty else { return }
            text += "\n\(title):\n"
            let rows = opts.map { o -> (String, String) in
                var left = "  "
                if let s = o.short { left += "-\(s), " }
                left += "--\(o.name)"
                if let v = o.value { left += " \(v)" }
                var help = o.help
                if let allowed = o.allowed { help += " (\(allowed.joined(separator: "|")))" }
                return (left, help)
            }
            let width = min(34, rows.map(\.0.count).max() ?? 0)
            for (left, help) in rows {
                if left.count > width {
                    text += left + "\n" + String(repeating: " ", count: width + 2) + help + "\n"
                } else {
                    text += left + String(repeating: " ", count: width - left.count + 2) + help + "\n"
                }
            }
        }
        list("Options", spec.options)
        list("Global options", globalOptions)
        if !spec.details.isEmpty { text += "\n" + spec.details + "\n" }
        return text
    }
}
