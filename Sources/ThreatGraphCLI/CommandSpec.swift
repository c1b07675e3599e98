/// A command's name, usage, typed options, operands and what runs it.
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
    /// Runs the command once its arguments are bound and the catalog is loaded.
    var run: @Sendable (Session) -> ExitStatus

    /// A command taking one or more model files.
    static func models(_ name: String, _ summary: String, options: [OptionSpec], details: String = "",
                       run: @escaping @Sendable (Session) -> ExitStatus) -> CommandSpec {
        CommandSpec(name: name, summary: summary, operands: "MODEL...", minOperands: 1, maxOperands: nil, options: options, details: details, run: run)
    }

    /// A command taking no operands.
    static func plain(_ name: String, _ summary: String, options: [OptionSpec], details: String = "",
                      run: @escaping @Sendable (Session) -> ExitStatus) -> CommandSpec {
        CommandSpec(name: name, summary: summary, operands: "", minOperands: 0, maxOperands: 0, options: options, details: details, run: run)
    }
}
