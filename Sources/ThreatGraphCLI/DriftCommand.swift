import Foundation
import ThreatGraph
import ThreatGraphExport

/// `check MODEL... --against terraform:PLAN.json|cloudformation:TEMPLATE.json`: drift between a model and its infrastructure.
enum DriftCommand {
    static func run(_ session: Session) -> ExitStatus {
        let a = session.arguments
        guard let (format, path) = parseAgainst(a[CheckCommand.against] ?? "", session: session) else { return .invalid }
        if let out = a[CheckCommand.output] {
            do { try FileAccess.checkDestination(out, inputs: [path]) } catch {
                session.output.err("error: \(error.message)\n")
                return .invalid
            }
        }
        guard let (model, _) = session.loadWorkload(a.operands),
              let (graph, result) = ImportCommand.importInfrastructure(session, format: format, path: path, name: model.name) else { return .invalid }
        var findings = Drift.compare(model: model, imported: result, graph: graph)
        for i in findings.indices { findings[i].location.file = Session.relativePath(findings[i].location.file) }
        let failOn = a[CheckCommand.failOn]
        let shown = "\(format.rawValue):\(Session.relativePath(path))"
        let chosen = a[CheckCommand.format] ?? CheckCommand.formatOf(a[CheckCommand.output])
        let written: ExitStatus
        switch chosen {
        case .sarif: written = session.emit(DriftReport.sarif(findings, uri: { $0 }, toolVersion: CLI.version), to: a[CheckCommand.output])
        case .json: written = session.emit(DriftReport.json(findings, failOn: failOn, infrastructure: shown), to: a[CheckCommand.output])
        default:
            // Each finding's text on one line, whatever the files hold.
            let oneLine = findings.map { f in
                var e = f
                (e.message, e.evidence, e.location.file) = (Terminal.escape(f.message), Terminal.escape(f.evidence), Terminal.escape(f.location.file))
                return e
            }
            written = session.emit(text: DriftReport.text(oneLine, failOn: failOn, infrastructure: Terminal.escape(shown)), to: a[CheckCommand.output])
        }
        guard written == .success else { return written }
        if a[CheckCommand.output] != nil || chosen != nil && chosen != .text {
            session.output.err(Terminal.escapeKeepingLines(DriftReport.verdict(findings, failOn: failOn, infrastructure: shown)) + "\n")
        }
        return findings.contains { $0.level >= failOn } ? .findings : .success
    }

    /// `terraform:FILE` or `cloudformation:FILE`; a usage error otherwise.
    static func parseAgainst(_ value: String, session: Session) -> (InfrastructureFormat, String)? {
        let parts = value.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2, let format = InfrastructureFormat(rawValue: parts[0]), !parts[1].isEmpty else {
            var message = "error: --against takes FORMAT:FILE with FORMAT terraform or cloudformation, not '\(Terminal.escape(value))'\n"
            if let word = parts.first, let m = Suggestion.bestMatch(for: word, in: InfrastructureFormat.allCases.map(\.rawValue)) {
                message += "  did you mean '\(m):\(Terminal.escape(parts.count > 1 ? parts[1] : "FILE"))'?\n"
            }
            session.output.err(message + "Run 'threatgraph check --help' for usage.\n")
            return nil
        }
        return (format, parts[1])
    }
}
