import ThreatGraph
import ThreatGraphExport

/// `schema`: the JSON Schema of the model format.
enum SchemaCommand {
    static func run(_ session: Session) -> ExitStatus {
        let text = JSONSchemaRenderer.render()
        if let path = session.arguments.value("output") {
            do {
                try FileAccess.writeAtomically(text, to: path)
            } catch {
                session.output.err("error: \(error.message)\n")
                return .invalid
            }
            session.output.err("wrote \(path)\n")
        } else {
            session.output.out(text)
        }
        return .success
    }
}
