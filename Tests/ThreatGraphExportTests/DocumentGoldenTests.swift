import Foundation
import Testing
import ThreatGraph
import ThreatGraphExport

/// The JSON result and the SARIF log of the tiny chatbot against golden files: every member the documents have,
/// findings of every status with an acceptance, a not-applicable entry, an override and a bypassed filter, a
/// data-egress flow, an attack path, the plan and the cut.
@Suite struct DocumentGoldenTests {
    @Test func resultJSONMatchesGolden() throws {
        let a = try analyse(Fixtures.tiny, name: "tiny.json")
        let text = ResultJSON.render(a, paths: a.pathAnalysis(), extra: [("check", .object([("failOn", "high"), ("passed", .bool(false))]))])
        try assertGolden(text, "tiny.result.json")
        #expect(ResultJSON.renderData(a, paths: a.pathAnalysis()) == Data(ResultJSON.render(a, paths: a.pathAnalysis()).utf8))
    }

    @Test func sarifMatchesGolden() throws {
        let a = try analyse(Fixtures.tiny, name: "tiny.json")
        try assertGolden(SARIFRenderer.render(a, findings: a.openFindings, uri: { "models/\($0)" }, toolVersion: "1.0.0"), "tiny.sarif")
    }
}

/// The documents `gaps`, `paths` and `recommend` print for the tiny chatbot against golden files.
@Suite struct CommandDocumentGoldenTests {
    @Test func gapsPathsAndPlanDocumentsMatchGolden() throws {
        let a = try analyse(Fixtures.tiny, name: "tiny.json")
        let p = a.pathAnalysis()
        try assertGolden(ResultJSON.findingsDocument(a.openFindings, in: a), "tiny.gaps.json")
        try assertGolden(PathsJSON.pathsDocument(p, in: a), "tiny.paths.json")
        try assertGolden(PathsJSON.planDocument(p.recommendations, complete: true, cut: p.cut, in: a), "tiny.plan.json")
        #expect(ResultJSON.findingsDocument([], in: a) == "[]\n")
        #expect(PathsJSON.planDocument([], complete: false, cut: nil, in: a).contains("\"cut\": null"))
    }
}
