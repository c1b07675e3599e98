import Foundation

/// `init [--template NAME] [--output FILE]`: a starter model that validates.
enum InitCommand {
    static func run(_ session: Session) -> ExitStatus {
        let name = session.arguments.value("template") ?? "chatbot"
        guard let text = Templates.text(name) else { return .invalid }
        guard let path = session.arguments.value("output") else {
            session.output.out(text)
            return .success
        }
        if FileManager.default.fileExists(atPath: path) {
            session.output.err("error: \(path) already exists; init never overwrites a file\n")
            return .invalid
        }
        do {
            try FileAccess.writeAtomically(text, to: path)
        } catch {
            session.output.err("error: \(error.message)\n")
            return .invalid
        }
        session.output.err("wrote \(path) (template \(name)); next: threatgraph validate \(path)\n")
        return .success
    }
}
