import Foundation
import ThreatGraph
import ThreatGraphExport

/// `import terraform PLAN.json` and `import cloudformation TEMPLATE.json`: a model from infrastructure, with evidence.
enum ImportCommand {
    static let output = Option<String?>.output("FILE", help: "Write the model to FILE; when FILE holds a model, merge into it (what the architect added is kept).")
    static let name = Option<String?>.text("name", "NAME", help: "Name of the workload (default: the existing model's, else the input file's stem).")
    static let details = """
        Every asset, flow and control carries its evidence in "source"; assets link to their resources in "resources" (check --against
        compares them); actors implied by entry points are marked "inferred". A summary of resources read, mapped and skipped goes to
        standard error.
        Exit status: 0 written, 2 invalid input (nothing written).
        """
    static let terraformSpec = CommandSpec(name: "import terraform", summary: "Build a model from the JSON of 'terraform show -json' (a plan or the state).",
                                           operands: "PLAN.json", minOperands: 1, maxOperands: 1, options: [output.spec, name.spec], details: details,
                                           run: { run($0, format: .terraform) })
    static let cloudformationSpec = CommandSpec(name: "import cloudformation",
                                                summary: "Build a model from a CloudFormation template in JSON ('cdk synth --json').",
                                                operands: "TEMPLATE.json", minOperands: 1, maxOperands: 1, options: [output.spec, name.spec], details: details,
                                                run: { run($0, format: .cloudformation) })

    static func run(_ session: Session, format: InfrastructureFormat) -> ExitStatus {
        let a = session.arguments
        guard let (graph, result) = importInfrastructure(session, format: format, path: a.operands[0], name: a[name]) else { return .invalid }
        var workload = result.workload
        if let path = a[output], FileManager.default.fileExists(atPath: path) {
            guard let (existing, _) = session.loadWorkload([path], warnings: false) else { return .invalid }
            let merged = ImportMerge.merge(existing: existing, imported: workload)
            workload = merged.workload
            if let n = a[name] { workload.name = n }
            let lines = merged.changes.map { "  " + Terminal.escape($0) + "\n" }.joined()
            session.output.err("merged into \(Terminal.escape(path)): \(merged.changes.count) change\(merged.changes.count == 1 ? "" : "s")\n" + lines)
        }
        let data = ModelJSON.render(workload)
        guard validates(data, session: session, as: a[output] ?? "\(graph.file).model.json") else { return .invalid }
        let status = session.emit(data, to: a[output])
        if status == .success {
            var summary = result.summary
            summary.mappedByType = summary.mappedByType.map { (Terminal.escape($0.type), $0.count) }
            summary.skippedByType = summary.skippedByType.map { (Terminal.escape($0.type), $0.count) }
            session.output.err(summary.text)
        }
        return status
    }

    /// Reads and imports an infrastructure file; prints its problems and returns nil when it cannot be read.
    static func importInfrastructure(_ session: Session, format: InfrastructureFormat, path: String, name: String?) -> (InfrastructureGraph, ImportResult)? {
        let limits = ImportLimits()
        guard let file = FileAccess.read(path, output: session.output, limit: limits.maxFileBytes, code: "import.too-large") else { return nil }
        let graph: InfrastructureGraph
        do {
            graph = try InfrastructureImporter.read(format, file, limits: limits)
        } catch {
            Session.print(error.diagnostics, to: session.output)
            session.output.err("nothing was written\n")
            return nil
        }
        Session.print(graph.diagnostics, to: session.output)
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let result = InfrastructureImporter.run(graph, catalog: session.catalog, name: name ?? stem)
        return (graph, result)
    }

    /// Whether the model written validates; prints the problems when it does not (a defect, never expected).
    static func validates(_ data: Data, session: Session, as name: String) -> Bool {
        let (workload, diagnostics) = ModelLoader.load([InputFile(name: name, bytes: Array(data))], catalog: session.catalog)
        guard workload == nil else { return true }
        Session.print(diagnostics, to: session.output)
        session.output.err("error: the imported model does not validate; nothing was written\n")
        return false
    }
}
