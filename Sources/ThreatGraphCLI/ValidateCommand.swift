import ThreatGraph

/// `validate MODEL...`: print every diagnostic; exit 0 without errors, 2 with.
enum ValidateCommand {
    static let spec = CommandSpec.models("validate", "Check model files and print every diagnostic. Exit 0 when there is no error, 2 otherwise.",
                                         options: [], run: run)

    static func run(_ session: Session) -> ExitStatus {
        guard let (workload, loaded) = session.loadWorkload(session.arguments.operands) else { return .invalid }
        // Acceptances judged at the as-of date.
        var dated: [Diagnostic] = []
        for r in workload.acceptedRisks where r.expires < session.asOf {
            dated.append(Diagnostic(.warning, "model.acceptance-expired", "acceptance of \(r.findingID) expired on \(r.expires) (as of \(session.asOf)); the finding is open again", at: r.location))
        }
        Session.print(dated, to: session.output)
        let warnings = (loaded + dated).filter { $0.severity == .warning }.count
        session.output.out("\(workload.files.map(Terminal.escape).joined(separator: ", ")): valid — \(workload.assets.count) assets, \(workload.actors.count) actors, "
                           + "\(workload.boundaries.count) boundaries, \(workload.flows.count) flows; \(warnings) warning\(warnings == 1 ? "" : "s")\n")
        return .success
    }
}
