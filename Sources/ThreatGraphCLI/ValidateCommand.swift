import ThreatGraph

/// `validate MODEL...`: print every diagnostic; exit 0 without errors, 2 with.
enum ValidateCommand {
    static func run(_ session: Session) -> ExitStatus {
        guard let (workload, diagnostics) = session.loadWorkload(session.arguments.operands) else { return .invalid }
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        session.output.out("\(workload.files.joined(separator: ", ")): valid — \(workload.assets.count) assets, \(workload.actors.count) actors, "
                           + "\(workload.boundaries.count) boundaries, \(workload.flows.count) flows; \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        return .success
    }
}
