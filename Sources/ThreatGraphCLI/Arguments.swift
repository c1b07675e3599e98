import ThreatGraph

/// What an option's value must be; checked when arguments are bound, before anything is read.
enum OptionValue: Sendable {
    /// No value: a flag.
    case flag
    /// Any text.
    case text
    /// One of fixed words.
    case choice([String])
    /// A whole number within bounds.
    case integer(ClosedRange<Int>)
    /// A finite number within bounds.
    case number(ClosedRange<Double>)
    /// A calendar date, `YYYY-MM-DD`.
    case date
    /// A comma-separated list of at least one of fixed words.
    case list([String])
}

/// One command-line option a command accepts: its names, its value's kind, its default and its help.
struct OptionSpec: Sendable {
    /// Long name without dashes.
    var name: String
    /// Short name, e.g. `k` for `-k`.
    var short: Character?
    /// Placeholder of its value; nil for a flag.
    var placeholder: String?
    /// One line of help.
    var help: String
    /// What the value must be.
    var value: OptionValue
    /// The default as shown in help; nil when there is none to show.
    var defaultText: String?
    /// May be given more than once.
    var repeatable = false
    /// Names a file the command reads (outputs never replace it).
    var isInput = false
    /// Names a file the command writes (checked before any work is done).
    var isOutputFile = false

    /// The words of a comma-separated list, trimmed, without empty ones.
    static func words(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Allowed values, when fixed.
    var allowed: [String]? {
        if case .choice(let words) = value { return words }
        return nil
    }

    /// The error for a value that does not fit, or nil.
    func check(_ text: String) -> UsageError? {
        switch value {
        case .flag, .text:
            return nil
        case .choice(let allowed):
            guard !allowed.contains(text) else { return nil }
            var e = UsageError(message: "invalid value '\(Terminal.escape(text))' for --\(name): expected one of \(allowed.joined(separator: ", "))")
            if let m = Suggestion.bestMatch(for: text, in: allowed) { e.notes.append("did you mean '\(m)'?") }
            return e
        case .integer(let range):
            guard let n = Int(text), range.contains(n) else {
                return UsageError(message: "--\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not '\(Terminal.escape(text))'")
            }
            return nil
        case .list(let allowed):
            let words = Self.words(text)
            guard !words.isEmpty else { return UsageError(message: "--\(name) needs at least one of \(allowed.joined(separator: ", "))") }
            guard let unknown = words.first(where: { !allowed.contains($0) }) else { return nil }
            var e = UsageError(message: "unknown value '\(Terminal.escape(unknown))' in --\(name); known: \(allowed.joined(separator: ", "))")
            if let m = Suggestion.bestMatch(for: unknown, in: allowed) { e.notes.append("did you mean '\(m)'?") }
            return e
        case .date:
            return CalendarDate(parsing: text) == nil ? UsageError(message: "--\(name) takes a date YYYY-MM-DD, not '\(Terminal.escape(text))'") : nil
        case .number(let range):
            guard let n = Double(text), n.isFinite, range.contains(n) else {
                return UsageError(message: "--\(name) takes a number from \(range.lowerBound) to \(range.upperBound), not '\(Terminal.escape(text))'")
            }
            return nil
        }
    }
}

/// A typed option: its spec, and how its value (or its default) is read from bound arguments.
struct Option<Value: Sendable>: Sendable {
    /// Names, kind, default and help.
    let spec: OptionSpec
    /// Reads the value; arguments were checked against `spec` when bound.
    let read: @Sendable (ParsedArguments) -> Value
}

extension Option where Value == Bool {
    /// A flag: true when given.
    static func flag(_ name: String, short: Character? = nil, help: String) -> Option {
        Option(spec: OptionSpec(name: name, short: short, placeholder: nil, help: help, value: .flag)) { $0.raw[name] != nil }
    }
}

extension Option where Value == String? {
    /// Free text, nil when not given; `among` fixes the words it may be.
    static func text(_ name: String, short: Character? = nil, _ placeholder: String, help: String, among allowed: [String]? = nil,
                     input: Bool = false) -> Option {
        let spec = OptionSpec(name: name, short: short, placeholder: placeholder, help: help, value: allowed.map { .choice($0) } ?? .text,
                              isInput: input)
        return Option(spec: spec) { $0.raw[name]?.last }
    }

    /// `--output FILE` (or a folder): where the artifact goes instead of standard output.
    static func output(_ placeholder: String = "FILE", help: String = "Write to FILE instead of standard output.") -> Option {
        var spec = OptionSpec(name: "output", short: "o", placeholder: placeholder, help: help, value: .text)
        spec.isOutputFile = placeholder == "FILE"
        return Option(spec: spec) { $0.raw["output"]?.last }
    }
}

extension Option where Value == [String] {
    /// Text that may be given more than once, in the order given.
    static func list(_ name: String, _ placeholder: String, help: String) -> Option {
        let spec = OptionSpec(name: name, placeholder: placeholder, help: help, value: .text, repeatable: true)
        return Option(spec: spec) { $0.raw[name] ?? [] }
    }
}

extension Option where Value == Int {
    /// A whole number within `range`, `default` when not given.
    static func integer(_ name: String, short: Character? = nil, _ placeholder: String, help: String, default value: Int,
                        range: ClosedRange<Int>) -> Option {
        let spec = OptionSpec(name: name, short: short, placeholder: placeholder, help: help, value: .integer(range), defaultText: String(value))
        return Option(spec: spec) { $0.raw[name]?.last.flatMap { Int($0) } ?? value }
    }
}

extension Option where Value == Int? {
    /// A whole number within `range`, nil when not given.
    static func optionalInteger(_ name: String, _ placeholder: String, help: String, range: ClosedRange<Int>) -> Option {
        let spec = OptionSpec(name: name, placeholder: placeholder, help: help, value: .integer(range))
        return Option(spec: spec) { $0.raw[name]?.last.flatMap { Int($0) } }
    }
}

extension Option where Value == Double {
    /// A number within `range`, `default` when not given.
    static func number(_ name: String, _ placeholder: String, help: String, default value: Double, range: ClosedRange<Double>) -> Option {
        let spec = OptionSpec(name: name, placeholder: placeholder, help: help, value: .number(range), defaultText: "\(value)")
        return Option(spec: spec) { $0.raw[name]?.last.flatMap { Double($0) } ?? value }
    }
}

extension Option where Value: RawRepresentable, Value.RawValue == String {
    /// One of `cases`, `default` when not given.
    static func choice(_ name: String, _ placeholder: String, help: String, default value: Value, among cases: [Value]) -> Option {
        let spec = OptionSpec(name: name, placeholder: placeholder, help: help, value: .choice(cases.map(\.rawValue)), defaultText: value.rawValue)
        return Option(spec: spec) { $0.raw[name]?.last.flatMap(Value.init(rawValue:)) ?? value }
    }
}

extension Option {
    /// One of `cases`, nil when not given.
    static func choice<Word>(_ name: String, _ placeholder: String, help: String, among cases: [Word]) -> Option
    where Value == Word?, Word: RawRepresentable & Sendable, Word.RawValue == String {
        let spec = OptionSpec(name: name, placeholder: placeholder, help: help, value: .choice(cases.map(\.rawValue)))
        return Option(spec: spec) { $0.raw[name]?.last.flatMap(Word.init(rawValue:)) }
    }
}

/// Output formats; each command accepts some of them.
enum OutputFormat: String, Sendable {
    case text, json, sarif, markdown
}

extension Option where Value == OutputFormat {
    /// `--format`, text by default.
    static func format(_ cases: [OutputFormat], help: String = "Output format.") -> Option {
        .choice("format", "FORMAT", help: help, default: .text, among: cases)
    }
}

extension Option where Value == OutputFormat? {
    /// `--format` with no default, for a command that picks one from elsewhere (an output file's extension).
    static func format(_ cases: [OutputFormat], help: String) -> Option {
        .choice("format", "FORMAT", help: help, among: cases)
    }
}

/// Options every command accepts.
enum GlobalOptions {
    static let catalog = Option<[String]>.list("catalog", "DIR", help: "Also load the catalog files in DIR; an entry with the same id replaces the built-in one.")
    static let frameworks = Option<[String]?>(
        spec: OptionSpec(name: "frameworks", placeholder: "A,B", help: "Threat frameworks to apply, replacing the model's.", value: .list(ModelSchema.frameworks))
    ) { $0.raw["frameworks"]?.last.map { Array(Set(OptionSpec.words($0))).sorted() } }
    static let date = Option<CalendarDate>(spec: OptionSpec(name: "date", placeholder: "YYYY-MM-DD", help: "As-of date for acceptances (default: today, UTC).",
                                                            value: .date)) { $0.raw["date"]?.last.flatMap(CalendarDate.init(parsing:)) ?? CalendarDate.today() }
    static let help = Option<Bool>.flag("help", short: "h", help: "Show help for the command.")

    /// Their specs, in help order.
    static let specs = [catalog.spec, frameworks.spec, date.spec, help.spec]
}

/// A usage error: one line plus a hint.
struct UsageError: Error {
    var message: String
    var notes: [String] = []
}

/// Options and operands bound to a command, read through the command's typed options.
struct ParsedArguments: Sendable {
    /// Values of options, by long name (flags hold `[""]`); read through `Option`s, never directly by commands.
    var raw: [String: [String]] = [:]
    /// Operands in order.
    var operands: [String] = []
    /// Values of options that name files the command reads.
    var inputOptionValues: [String] = []
    /// Values of options that name files the command writes.
    var outputFileValues: [String] = []

    /// The value of a typed option, or its default.
    subscript<Value>(_ option: Option<Value>) -> Value { option.read(self) }
}
