import Foundation
import Testing
@testable import ThreatGraph
import ThreatGraphExport

@Suite struct RendererTests {
    /// A hand-made path analysis for rendering tests (the computation lives elsewhere).
    static func samplePaths(_ a: Analysis) -> PathAnalysis {
        let c = a.catalog
        let threat = c.threatIndex["AML.T0051.000"] ?? 0
        let other = c.threatIndex["AML.T0036"] ?? 0
        let control = c.controlIndex["ctl.model.guardrails"] ?? 0
        let hops = [
            AttackHop(from: "visitor", to: "api", probability: 0.9, threat: threat, tactic: "AML.TA0004", breakers: [control]),
            AttackHop(from: "api", to: "history", probability: 0.4, threat: other, tactic: nil, breakers: []),
        ]
        let path = AttackPath(actor: "visitor", target: "history", rank: 1, probability: 0.36, complete: false, stoppedBy: .k, hops: hops,
                              precedents: [Precedent(id: "AML.CS0000", name: "Evasion \"case\" | study", shared: 2)])
        let second = AttackPath(actor: "staff", target: "history", rank: 1, probability: 0.1, complete: true, stoppedBy: nil,
                                hops: [AttackHop(from: "staff", to: "api", probability: 0.5, threat: threat, tactic: nil, breakers: []),
                                       AttackHop(from: "api", to: "history", probability: 0.2, threat: other, tactic: nil, breakers: [])],
                                precedents: [])
        return PathAnalysis(edges: [], paths: [path, second],
                            recommendations: [Recommendation(rank: 1, control: control, asset: "llm", riskRemoved: 3.25, cost: 2)],
                            cut: VertexCut(threshold: 0.01, assets: ["api"], controls: [control]))
    }

    @Test func dataflowMatchesGolden() throws {
        let a = try analyse(Fixtures.small)
        try assertGolden(DataflowDOT.render(a), "small.dataflow.dot")
        try assertGolden(DataflowDOT.render(a, options: DiagramOptions(boundary: "vpc")), "small.dataflow-vpc.dot")
        try assertGolden(DataflowDOT.render(a, options: DiagramOptions(layer: "data")), "small.dataflow-data.dot")
    }

    @Test func threatsMatchGolden() throws {
        let a = try analyse(Fixtures.small)
        try assertGolden(ThreatsDOT.render(a), "small.threats.dot")
        try assertGolden(ThreatsDOT.render(a, options: DiagramOptions(asset: "llm")), "small.threats-llm.dot")
    }

    @Test func pathsMatchGolden() throws {
        let a = try analyse(Fixtures.small)
        try assertGolden(PathsDOT.render(a, paths: nil), "small.paths-none.dot")
        try assertGolden(PathsDOT.render(a, paths: Self.samplePaths(a)), "small.paths.dot")
    }

    @Test func reportMatchesGoldenAndLints() throws {
        let a = try analyse(Fixtures.small)
        let plain = MarkdownReport.render(a, paths: nil, options: ReportOptions(stem: "small"))
        let withPaths = MarkdownReport.render(a, paths: Self.samplePaths(a), options: ReportOptions(stem: "small"))
        try assertGolden(plain, "small.md")
        try assertGolden(withPaths, "small.paths.md")
        #expect(markdownProblems(plain) == [])
        #expect(markdownProblems(withPaths) == [])
        #expect(!plain.contains("## Attack paths") && withPaths.contains("## Attack paths") && withPaths.contains("## Recommendations"))
    }

    @Test func outputIsDeterministic() throws {
        let a = try analyse(Fixtures.small), b = try analyse(Fixtures.small)
        #expect(ReportBundle.files(a, paths: nil, stem: "s", sarifURI: { $0 }, toolVersion: "t").map(\.text)
            == ReportBundle.files(b, paths: nil, stem: "s", sarifURI: { $0 }, toolVersion: "t").map(\.text))
    }

    @Test func largeModelsGetAReducedMermaidDiagramAndUnlabelledEdges() throws {
        let a = try analyse(Fixtures.estate(assets: 300, boundaries: 30))
        let report = MarkdownReport.render(a, paths: nil)
        #expect(report.contains("this diagram shows each top-level trust boundary as one node"))
        #expect(markdownProblems(report) == [])
        let dot = DataflowDOT.render(a)
        #expect(dot.contains("edge labels left out") && !dot.contains("label=\"calls\""))
    }

    @Test func hostileNamesKeepTablesAndDiagramsIntact() throws {
        let a = try analyse(Fixtures.hostile)
        for paths in [nil, Self.samplePaths(a)] {
            let report = MarkdownReport.render(a, paths: paths, options: ReportOptions(stem: "hostile"))
            #expect(markdownProblems(report) == [])
            if paths == nil { try assertGolden(report, "hostile.md") }
            #expect(!report.contains("<script>"))
            #expect(!report.unicodeScalars.contains("\u{202E}"))
            // Inside the mermaid fence, every label is one line and holds no quote, pipe or bracket of its own.
            let mermaid = report.components(separatedBy: "```mermaid\n").dropFirst().first?.components(separatedBy: "\n```").first ?? ""
            #expect(!mermaid.isEmpty)
            #expect(!mermaid.replacingOccurrences(of: "<br/>", with: "").replacingOccurrences(of: "<-->", with: "").contains("<"))
            #expect(mermaid.contains("#60;script"))
        }
        try assertGolden(DataflowDOT.render(a), "hostile.dataflow.dot")
        for (n, dot) in [DataflowDOT.render(a), PathsDOT.render(a, paths: nil), ThreatsDOT.render(a)].enumerated() {
            // Quoted labels may show "<script>" as text; HTML-like labels are ours (the legend, the threat cards),
            // and the names in them are entities.
            #expect(n == 2 || !dot.contains("label=<") || dot.components(separatedBy: "label=<").count == 2)
            for line in dot.split(separator: "\n") where line.contains("label=<") { #expect(!line.contains("<script")) }
            #expect(!dot.unicodeScalars.contains("\u{202E}"))
            // Node statements are only the ones we wrote: every line is a known statement shape.
            for line in dot.split(separator: "\n") {
                let t = line.trimmingCharacters(in: .whitespaces)
                #expect(t.hasPrefix("digraph") || t.hasPrefix("graph [") || t.hasPrefix("node [") || t.hasPrefix("edge [") || t.hasPrefix("subgraph cluster_")
                        || t.hasPrefix("label=") || t == "}" || t.hasPrefix("actor_") || t.hasPrefix("asset_") || t.hasPrefix("threat_")
                        || t.hasPrefix("control_") || t.hasPrefix("legend [") || t.hasPrefix("column_") || t.hasPrefix("{ rank=same; column_"),
                        "unexpected DOT line: \(t.prefix(80))")
            }
        }
    }

    @Test(.timeLimit(.minutes(2))) func graphvizAcceptsHostileAndLargeDiagramsWithoutWarnings() throws {
        guard let dot = dotExecutable() else {
            if inCI { Issue.record("Graphviz 'dot' is missing in CI") } else { print("note: Graphviz 'dot' not found; DOT rendering checks skipped") }
            return
        }
        let hostile = try analyse(Fixtures.hostile)
        let small = try analyse(Fixtures.small)
        let texts = [DataflowDOT.render(hostile), ThreatsDOT.render(hostile), PathsDOT.render(hostile, paths: Self.samplePaths(hostile)),
                     DataflowDOT.render(small), ThreatsDOT.render(small), PathsDOT.render(small, paths: Self.samplePaths(small))]
        for text in texts {
            let result = try runDot(dot, text)
            #expect(result?.0 == 0 && result?.2 == "", "dot: \(result?.2 ?? "timed out")")
            #expect((result?.1 ?? 0) > 0)
        }
    }

    @Test(.timeLimit(.minutes(2))) func aThreeHundredAssetEstateLaysOutWithinAMinute() throws {
        guard let dot = dotExecutable() else {
            if inCI { Issue.record("Graphviz 'dot' is missing in CI") } else { print("note: Graphviz 'dot' not found; estate layout check skipped") }
            return
        }
        let a = try analyse(Fixtures.estate(assets: 300, boundaries: 30))
        #expect(a.workload.assets.count == 300 && a.workload.boundaries.count == 30)
        let start = Date()
        let result = try runDot(dot, DataflowDOT.render(a), timeout: 60)
        #expect(result != nil, "dot took more than a minute")
        #expect(result?.0 == 0 && result?.2 == "", "dot: \(result?.2 ?? "")")
        print("note: dot laid out the 300-asset estate in \(Int(Date().timeIntervalSince(start) * 1000)) ms")
    }
}

@Suite struct ExampleModelReportTests {
    static func models() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Models").path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix("threatgraph-model.schema") }.sorted()
    }

    @Test(arguments: models())
    func reportOfEveryExampleModelPassesTheLintRules(name: String) throws {
        let text = try String(contentsOf: packageRoot.appendingPathComponent("Models/\(name)"), encoding: .utf8)
        let a = try analyse(text, name: "Models/\(name)")
        #expect(markdownProblems(MarkdownReport.render(a, paths: nil, options: ReportOptions(stem: "x"))) == [])
        #expect(markdownProblems(MarkdownReport.render(a, paths: RendererTests.samplePaths(a))) == [])
    }
}
