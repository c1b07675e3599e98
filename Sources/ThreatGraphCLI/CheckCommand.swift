import ThreatGraph
import ThreatGraphExport

/// `check MODEL... [--fail-on L] [--baseline OLD] [--format text|json|sarif] [--output FILE]`: the CI gate.
enum CheckCommand {
    static let failOn = Option<Severity>.choice("fail-on", "LEVEL", help: "Lowest risk level that fails.", default: BaselineGate.defaultThreshold,
                                                among: Severity.allCases)
    static let baseline = Option<String?>.text("baseline", "OLD", help: "Fail only on findings that are new or worse than in the model OLD.",
                                               input: true)
    static let format = Option<OutputFormat?>.format([.text, .json, .sarif], help: "Output format (default text; wins over the --output extension).")
    static let output = Option<String?>.output(help: "Write to FILE (.sarif and .json pick the format).")
    static let against = Option<String?>.text("against", "FORMAT:FILE",
                                              help: "Check the model against its infrastructure instead (terraform:PLAN.json or cloudformation:TEMPLATE.json).")
    static let spec = CommandSpec.models(
        "check", "The CI gate: exit 1 when an open finding at or above --fail-on is not validly accepted.",
        options: [failOn.spec, baseline.spec, format.spec, output.spec, against.spec],
        details: """
            Warns on standard error about acceptances that expired or expire within 30 days.
            With --against, reports drift instead: controls the model marks implemented that the configuration does not prove (high),
            components missing from the model and resources gone (medium); rules drift.control-contradicted, drift.asset-missing,
            drift.resource-gone.
            Exit status: 0 passed, 1 failed, 2 invalid input.
            """,
        run: run)

    static func run(_ session: Session) -> ExitStatus {
        let a = session.arguments
        if a[against] != nil { return DriftCommand.run(session) }
        guard let analysis = session.analyze(a.operands) else { return .invalid }
        var old: Analysis?
        if let path = a[baseline] {
            guard let b = session.analyze([path], warnings: false) else { return .invalid }
            old = b
        }
        let verdict = BaselineGate(failOn: a[failOn], baseline: old).verdict(analysis)
        warnAboutAcceptances(analysis, session: session)
        let chosen = a[format] ?? formatOf(a[output])
        let written: ExitStatus
        switch chosen {
        case .sarif:
            let open = analysis.openFindings
            written = session.emit(to: a[output]) { SARIFRenderer.write(analysis, findings: open, uri: Session.relativePath, toolVersion: CLI.version, to: $0) }
        case .json:
            written = session.emit(to: a[output]) { CommandEnvelopes.writeCheckJSON(analysis, verdict: verdict, to: $0) }
        default:
            written = session.emit(text: CommandEnvelopes.checkText(analysis, verdict: verdict), to: a[output])
        }
        guard written == .success else { return written }
        if a[output] != nil || chosen != nil && chosen != .text { session.output.err(verdict.summary) }
        return verdict.passed ? .success : .findings
    }

    /// The format an output file's extension picks: `.sarif` (or `.sarif.json`) SARIF, `.json` JSON, else none.
    static func formatOf(_ path: String?) -> OutputFormat? {
        guard let path else { return nil }
        if path.hasSuffix(".sarif") || path.hasSuffix(".sarif.json") { return .sarif }
        return path.hasSuffix(".json") ? .json : nil
    }

    /// Warnings on standard error for acceptances that expired, or expire within 30 days, at the as-of date.
    static func warnAboutAcceptances(_ analysis: Analysis, session: Session) {
        func at(_ r: RiskAcceptance) -> String { "\(Terminal.escape(r.location.file)):\(r.location.line):\(r.location.column)" }
        for i in analysis.expiredAcceptances {
            let r = analysis.workload.acceptedRisks[i]
            session.output.err("\(at(r)): warning: acceptance of \(r.findingID) expired on \(r.expires) [check.acceptance-expired]\n")
        }
        for i in analysis.acceptancesExpiring(within: 30) {
            let r = analysis.workload.acceptedRisks[i]
            session.output.err("\(at(r)): warning: acceptance of \(r.findingID) expires on \(r.expires), within 30 days [check.acceptance-expiring]\n")
        }
    }
}
