import ThreatGraph
import ThreatGraphExport

/// `check MODEL... [--fail-on L] [--baseline OLD] [--format text|json|sarif] [--output FILE]`: the CI gate.
enum CheckCommand {
    static func run(_ session: Session) -> ExitStatus {
        let a = session.arguments
        let failOn = a.value("fail-on").flatMap(Severity.init(rawValue:)) ?? .high
        guard let analysis = session.analyze(a.operands) else { return .invalid }
        var baseline: Analysis?
        if let old = a.value("baseline") {
            guard let b = session.analyze([old]) else { return .invalid }
            baseline = b
        }
        let failing = gate(analysis, failOn: failOn, baseline: baseline)
        for i in analysis.expiredAcceptances {
            let r = analysis.workload.acceptedRisks[i]
            session.output.err("\(r.location.file):\(r.location.line):\(r.location.column): warning: acceptance of \(r.findingID) expired on \(r.expires) [check.acceptance-expired]\n")
        }
        for i in analysis.acceptancesExpiring(within: 30) {
            let r = analysis.workload.acceptedRisks[i]
            session.output.err("\(r.location.file):\(r.location.line):\(r.location.column): warning: acceptance of \(r.findingID) expires on \(r.expires), within 30 days [check.acceptance-expiring]\n")
        }
        var format = a.value("format")
        if format == nil, let out = a.value("output") {
            if out.hasSuffix(".sarif") || out.hasSuffix(".sarif.json") { format = "sarif" } else if out.hasSuffix(".json") { format = "json" }
        }
        let text: String
        switch format {
        case "sarif":
            text = SARIFRenderer.render(analysis, findings: analysis.openFindings, uri: Session.relativePath, toolVersion: CLI.version)
        case "json":
            var check: [(String, JSONText)] = [("failOn", .string(failOn.rawValue))]
            if let b = baseline { check.append(("baseline", .strings(b.workload.files))) }
            check += [("failing", .strings(failing.map(\.id).sorted())), ("passed", .bool(failing.isEmpty))]
            text = ResultJSON.render(analysis, extra: [("check", .object(check))])
        default:
            text = report(analysis, failing: failing, failOn: failOn, baseline: baseline)
        }
        let written = session.emit(text)
        guard written == .success else { return written }
        if a.value("output") != nil || format != nil && format != "text" {
            session.output.err(summaryLine(failing: failing, failOn: failOn, baseline: baseline))
        }
        return failing.isEmpty ? .success : .findings
    }

    /// Open findings at or above `failOn`; with a baseline, only those that are new or at a higher level than there.
    static func gate(_ a: Analysis, failOn: Severity, baseline: Analysis?) -> [Finding] {
        var old: [String: Finding] = [:]
        if let baseline { for f in baseline.findings where f.status.isOpen { old[f.id] = f } }
        return a.openFindings.filter { f in
            guard f.level >= failOn else { return false }
            guard baseline != nil else { return true }
            guard let before = old[f.id] else { return true }
            return f.level > before.level
        }
    }

    static func summaryLine(failing: [Finding], failOn: Severity, baseline: Analysis?) -> String {
        let scope = baseline == nil ? "" : " new or worse than the baseline"
        return failing.isEmpty
            ? "check passed: no open finding at or above \(failOn.rawValue)\(scope)\n"
            : "check failed: \(failing.count) open finding\(failing.count == 1 ? "" : "s") at or above \(failOn.rawValue)\(scope)\n"
    }

    static func report(_ a: Analysis, failing: [Finding], failOn: Severity, baseline: Analysis?) -> String {
        var text = ""
        if !failing.isEmpty { text += TextRenderer.findingRows(a, failing) }
        text += summaryLine(failing: failing, failOn: failOn, baseline: baseline)
        return text
    }
}
