import Foundation

/// `init [--template NAME] [--output FILE]`: a starter model that validates.
enum InitCommand {
    static let template = Option<String>.template
    static let output = Option<String?>.output(help: "Write to FILE instead of standard output (never overwrites).")
    static let spec = CommandSpec.plain("init", "Print a starter model that validates.", options: [template.spec, output.spec], run: run)

    static func run(_ session: Session) -> ExitStatus {
        let name = session.arguments[template]
        guard let text = Templates.text(name) else { return .invalid }
        guard let path = session.arguments[output] else {
            session.output.out(text)
            return .success
        }
        do {
            try FileAccess.writeNew(Data(text.utf8), to: path)
        } catch {
            session.output.err("error: \(error.message)\n")
            return .invalid
        }
        session.output.err("wrote \(Terminal.escape(path)) (template \(name)); next: threatgraph validate \(Terminal.escape(path))\n")
        return .success
    }
}

extension Option where Value == String {
    /// `--template NAME`: one of the starter models, `chatbot` by default.
    static var template: Option {
        let spec = OptionSpec(name: "template", placeholder: "NAME", help: "Starting point.", value: .choice(Templates.names), defaultText: Templates.defaultName)
        return Option(spec: spec) { $0.raw["template"]?.last ?? Templates.defaultName }
    }
}
