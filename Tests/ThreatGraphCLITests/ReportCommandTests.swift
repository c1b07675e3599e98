import Foundation
import Testing
import ThreatGraph
import ThreatGraphCLI
import ThreatGraphExport

/// Runs the CLI in-process with an environment.
func run(_ arguments: [String], environment: [String: String]) -> RunResult {
    let captured = CapturedOutput()
    let status = CLI.run(arguments: arguments, environment: environment, output: captured.output)
    return RunResult(status: status, stdout: captured.stdout, stderr: captured.stderr)
}

@Suite struct ReportCommandTests {
    static let model = #"""
    {"threatgraph": "1", "name": "r", "frameworks": ["atlas"],
     "actors": [{"id": "user", "trust": "anonymous"}],
     "boundaries": [{"id": "vpc", "name": "VPC"}],
     "assets": [{"id": "api", "kind": "api-gateway", "boundary": "vpc"}, {"id": "llm", "kind": "llm-endpoint", "crownJewel": true}],
     "flows": [{"from": "user", "to": "api", "data": "prompts"}, {"from": "api", "to": "llm"}]}
    """#

    @Test func reportWritesEveryFileNamedAfterTheModel() throws {
        let folder = try temporaryFolder()
        let path = try write(Self.model, "shop.json", in: folder)
        let out = folder.appendingPathComponent("out").path
        let r = run("report", path, "--output", out, "--date", "2027-01-01")
        #expect(r.status == .success, "\(r.stderr)")
        let names = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(names == ["shop.dataflow.dot", "shop.json", "shop.md", "shop.paths.dot", "shop.sarif", "shop.threats.dot"])
        let named = run("report", path, "--output", out, "--name", "other", "--date", "2027-01-01")
        #expect(named.status == .success)
        #expect(FileManager.default.fileExists(atPath: out + "/other.md"))
        #expect(run("report", path, "--output", out, "--name", "../x").status == .invalid)
    }

    @Test func reportOverwritesItsFilesThroughARelativePath() throws {
        guard let binary = builtBinary() else {
            if inCI { Issue.record("the threatgraph binary is missing") } else { print("note: threatgraph binary not built; relative-path check skipped") }
            return
        }
        let folder = try temporaryFolder()
        _ = try write(Self.model, "m.json", in: folder)
        for _ in 0..<2 {
            let r = runProcess(binary, ["report", "m.json", "--output", "out", "--date", "2027-01-01"], in: folder)
            #expect(r?.0 == 0, "\(r?.2 ?? "timed out")")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/m.md").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("out/m.json").path))
    }

    @Test func invalidInputWritesNothing() throws {
        let folder = try temporaryFolder()
        let path = try write(#"{"threatgraph": "1", "name": "bad", "assets": [{"id": "x", "kind": "nope"}]}"#, "bad.json", in: folder)
        let out = folder.appendingPathComponent("out").path
        let r = run("report", path, "--output", out)
        #expect(r.status == .invalid)
        #expect(!FileManager.default.fileExists(atPath: out))
        let d = run("diagram", path, "--output", out + ".dot")
        #expect(d.status == .invalid)
        #expect(!FileManager.default.fileExists(atPath: out + ".dot"))
    }

    @Test func renderWithoutGraphvizFailsAndWritesNothing() throws {
        let folder = try temporaryFolder()
        let path = try write(Self.model, "m.json", in: folder)
        let out = folder.appendingPathComponent("out").path
        let env = ["THREATGRAPH_DOT": "/nonexistent/dot", "PATH": "/nonexistent"]
        let r = run(["report", path, "--output", out, "--render", "svg"], environment: env)
        #expect(r.status == .invalid)
        #expect(r.stderr.contains("Graphviz"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let d = run(["diagram", path, "--render", "svg", "--output", out + ".svg"], environment: env)
        #expect(d.status == .invalid && !FileManager.default.fileExists(atPath: out + ".svg"))
    }

    @Test func diagramViewsAndSubViews() throws {
        let folder = try temporaryFolder()
        let path = try write(Self.model, "m.json", in: folder)
        let dataflow = run("diagram", path, "--view", "dataflow", "--date", "2027-01-01")
        #expect(dataflow.status == .success && dataflow.stdout.hasPrefix("digraph") && dataflow.stdout.contains("subgraph cluster_vpc"))
        let paths = run("diagram", path, "--view", "paths")
        #expect(paths.status == .success && paths.stdout.hasPrefix("digraph") && !paths.stdout.contains("Attack paths were not computed"))
        let threats = run("diagram", path, "--view", "threats", "--asset", "llm")
        #expect(threats.status == .success && threats.stdout.contains("threat_AML"))
        let boundary = run("diagram", path, "--boundary", "vpc")
        #expect(boundary.status == .success && boundary.stdout.contains("outside this view"))
        let typo = run("diagram", path, "--boundary", "vcp")
        #expect(typo.status == .invalid && typo.stderr.contains("did you mean 'vpc'?"))
        #expect(run("diagram", path, "--view", "threats", "--asset", "lm").status == .invalid)
        #expect(run("diagram", path, "--view", "dataflow", "--asset", "llm").status == .invalid)
        #expect(run("diagram", path, "--view", "flows").status == .invalid)
    }

    @Test(.timeLimit(.minutes(2))) func renderWritesSVG() throws {
        guard graphvizAvailable() else {
            if inCI { Issue.record("Graphviz 'dot' is missing in CI") } else { print("note: Graphviz 'dot' not found; --render checks skipped") }
            return
        }
        let folder = try temporaryFolder()
        let path = try write(Self.model, "m.json", in: folder)
        let out = folder.appendingPathComponent("out").path
        let r = run(["report", path, "--output", out, "--render", "svg", "--date", "2027-01-01"], environment: ProcessInfo.processInfo.environment)
        #expect(r.status == .success, "\(r.stderr)")
        let svg = try String(contentsOfFile: out + "/m.dataflow.svg", encoding: .utf8)
        #expect(svg.contains("<svg"))
        let d = run(["diagram", path, "--render", "svg"], environment: ProcessInfo.processInfo.environment)
        #expect(d.status == .success && d.stdout.contains("<svg"))
    }

    /// Every committed file in `Exports/` equals what `report` writes today.
    @Test(arguments: Self.exampleModels())
    func exportsAreCurrent(model: String) throws {
        let (catalog, _) = CatalogLoader.load(base: CatalogLoader.embeddedFiles())
        let catalogValue = try #require(catalog)
        let bytes = try Data(contentsOf: packageRoot.appendingPathComponent(model))
        let (workload, diagnostics) = ModelLoader.load([InputFile(name: model, bytes: [UInt8](bytes))], catalog: catalogValue)
        let w = try #require(workload, "\(diagnostics.map(\.rendered))")
        let analysis = Analysis(catalog: catalogValue, workload: w, options: AnalysisOptions(asOf: try #require(CalendarDate(parsing: "2027-01-01"))))
        let stem = ((model as NSString).lastPathComponent as NSString).deletingPathExtension
        let command = "swift run threatgraph report \(model) --output Exports --date 2027-01-01"
        for file in ReportBundle.files(analysis, paths: analysis.pathAnalysis(), stem: stem, sarifURI: { $0 }, toolVersion: CLI.version) {
            let url = packageRoot.appendingPathComponent("Exports/\(file.name)")
            guard let committed = try? String(contentsOf: url, encoding: .utf8) else {
                Issue.record("Exports/\(file.name) is missing; run: \(command)")
                continue
            }
            if committed != file.text { Issue.record("Exports/\(file.name) is stale; run: \(command)") }
        }
    }

    static func exampleModels() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Models").path)) ?? []
        return names.filter { $0.hasSuffix(".json") && !$0.hasPrefix("threatgraph-model.schema") }.sorted().map { "Models/\($0)" }
    }
}

/// Whether Graphviz `dot` is on PATH.
func graphvizAvailable() -> Bool {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/dot") }
}
