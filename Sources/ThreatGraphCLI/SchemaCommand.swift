import ThreatGraph
import ThreatGraphExport

/// `schema`: the JSON Schema of the model format.
enum SchemaCommand {
    static let output = Option<String?>.output()
    static let spec = CommandSpec.plain(
        "schema", "Print the JSON Schema (draft 2020-12) of the model format. Save it beside your models and name it in \"$schema\".",
        options: [output.spec], run: run)

    static func run(_ session: Session) -> ExitStatus {
        let path = session.arguments[output]
        let status = session.emit(JSONSchemaRenderer.render(), to: path)
        if status == .success, let path { session.output.err("wrote \(Terminal.escape(path))\n") }
        return status
    }
}
