import Foundation
import ThreatGraph
import ThreatGraphExport

// threatgraph-bench: times each phase on generated estates (median of several runs) and prints a Markdown table.
// Each size runs in its own child process, so its peak memory is its own.
// Usage: threatgraph-bench [--sizes 100,1000,10000,100000] [--runs N] [--emit DIR] [--no-render] [--read-only] [--examples DIR] [--cli PATH]
// --read-only times reading and validation alone (the analysis and renderers are skipped).
// Then a whole `threatgraph report` process on each size, with its peak memory, next to Python's json.load of the same
// model file (WholeReport.swift); --no-whole-report skips it.
// The example models are run through the `threatgraph` next to this executable, or the one `--cli` names (for
// instance a build with --static-swift-stdlib, as installed).
//        threatgraph-bench --adversarial
//        threatgraph-bench --import [--resources 5000] [--runs N]

if CommandLine.arguments.dropFirst().first == "--adversarial" {  // adversarial graphs: AdversarialGraphs.swift
    exit(AdversarialGraphs.main())
}
if CommandLine.arguments.dropFirst().first == "--import" {  // synthetic Terraform plans: ImportBench.swift
    exit(ImportBench.main(Array(CommandLine.arguments.dropFirst(2))))
}
let usage = "usage: threatgraph-bench [--sizes 100,1000,10000,100000] [--runs N] [--emit DIR] [--no-render] [--read-only] [--no-whole-report] [--examples DIR] [--cli PATH]\n"
var sizes = [100, 1_000, 10_000, 100_000]
var runs = 3
var emitDir: String?
var render = true
var readOnly = false
var wholeReport = true
var child = false
var cliPath: String?
var examplesDir: String? = FileManager.default.fileExists(atPath: "Models") ? "Models" : nil
var args = Array(CommandLine.arguments.dropFirst())
while !args.isEmpty {
    let a = args.removeFirst()
    switch a {
    case "--sizes": sizes = (args.isEmpty ? "" : args.removeFirst()).split(separator: ",").compactMap { Int($0) }
    case "--runs": runs = max(1, Int(args.isEmpty ? "" : args.removeFirst()) ?? 3)
    case "--emit": emitDir = args.isEmpty ? nil : args.removeFirst()
    case "--no-render": render = false
    case "--read-only": readOnly = true
    case "--no-whole-report": wholeReport = false
    case "--examples": examplesDir = args.isEmpty ? nil : args.removeFirst()
    case "--cli": cliPath = args.isEmpty ? nil : args.removeFirst()
    case "--child": child = true
    default:
        FileHandle.standardError.write(Data(usage.utf8))
        exit(2)
    }
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.isEmpty ? 0 : s[s.count / 2] }
func peakMiB() -> Double {
    var usage = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    #else
    getrusage(RUSAGE_SELF, &usage)
    #endif
    return Double(usage.ru_maxrss) / 1024
}
func ms(_ x: Double) -> String { x < 10 ? String(format: "%.2f", x) : String(format: "%.0f", x) }

/// Runs an executable with a timeout; returns its standard output, or nil when it failed or timed out.
func run(_ executable: String, _ arguments: [String], timeout: TimeInterval, environment: [String: String]? = nil) -> String? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    if let environment { process.environment = environment }
    // Standard output goes to a temporary file, read once the process has ended.
    let file = FileManager.default.temporaryDirectory.appendingPathComponent("threatgraph-bench-out-\(getpid())-\(now())")
    guard FileManager.default.createFile(atPath: file.path, contents: nil), let handle = try? FileHandle(forWritingTo: file) else { return nil }
    defer { try? handle.close(); try? FileManager.default.removeItem(at: file) }
    process.standardOutput = handle
    process.standardError = FileHandle.nullDevice
    do { try process.run() } catch { return nil }
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(5_000) }
    if process.isRunning { process.terminate(); return nil }
    guard let data = try? Data(contentsOf: file) else { return nil }
    return process.terminationStatus == 0 ? String(decoding: data, as: UTF8.self) : nil
}

/// Runs an executable with its output discarded and returns its wall time in milliseconds (spawn to exit), or nil
/// when it failed or ran past `timeout` seconds (it is then killed).
func timedRun(_ executable: String, _ arguments: [String], environment: [String], timeout: Double) -> Double? {
    WholeReport.timedProcess(executable, arguments, environment: environment, timeout: timeout)?.ms
}

let header = """
| assets | flows | model MB | parse MB/s | read+validate ms | read MB/s | read peak MiB | graph ms | exposure+dominators ms | coverage ms | findings | paths ms (paths) | plan ms | cut ms | analysis ms | analysis peak MiB | JSON ms | SARIF ms | Markdown ms | DOT ms | report renderers ms | peak MiB |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
"""

if !child {
    // Parent: one child process per size, then the example models through the CLI.
    print(header)
    let me = CommandLine.arguments[0].hasPrefix("/") ? CommandLine.arguments[0]
        : FileManager.default.currentDirectoryPath + "/" + CommandLine.arguments[0]
    for n in sizes {
        var childArgs = ["--child", "--sizes", "\(n)", "--runs", "\(runs)"]
        if let emitDir { childArgs += ["--emit", emitDir] }
        if !render { childArgs.append("--no-render") }
        if readOnly { childArgs.append("--read-only") }
        guard let row = run(me, childArgs, timeout: 1_800) else {
            print("| \(n) | failed or timed out |")
            continue
        }
        print(row, terminator: "")
    }
    // The example models: a whole `threatgraph report` run, process start included, Graphviz not run.
    if readOnly { examplesDir = nil }
    let cli = cliPath ?? URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("threatgraph").path
    if wholeReport && !readOnly && FileManager.default.isExecutableFile(atPath: cli), let catalog = CatalogLoader.load(base: CatalogLoader.embeddedFiles()).0 {
        let python = WholeReport.python(environment: ProcessInfo.processInfo.environment)
        print("\nA whole `threatgraph report` (Graphviz not run; median of \(runs) runs, peak of the largest) next to Python's `json.load` of the same model\(python == nil ? " (no python3 on PATH)" : ""):\n")
        print(WholeReport.header)
        for n in sizes { print(WholeReport.line(WholeReport.measure(assets: n, catalog: catalog, cli: cli, python: python, runs: runs))) }
    }
    if examplesDir != nil && !FileManager.default.isExecutableFile(atPath: cli) {
        print("\nExample models skipped: no threatgraph executable at \(cli) (build it with `swift build -c release`, or pass --cli PATH).")
    }
    if let dir = examplesDir, FileManager.default.isExecutableFile(atPath: cli),
       let names = try? FileManager.default.contentsOfDirectory(atPath: dir).filter({ $0.hasSuffix(".json") }).sorted(), !names.isEmpty {
        print("\n`\(cli) report MODEL` (median of 9 runs, process start included, Graphviz not run):\n")
        print("| example model | report ms |\n| --- | ---: |")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("threatgraph-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        var environment = ProcessInfo.processInfo.environment
        environment["THREATGRAPH_DOT"] = "/nonexistent"
        let env = environment.map { "\($0.key)=\($0.value)" }.sorted()
        for name in names {
            var times: [Double] = []
            for _ in 0..<9 {
                guard let t = timedRun(cli, ["report", "\(dir)/\(name)", "--output", out, "--date", "2027-01-01"], environment: env, timeout: 60) else { break }
                times.append(t)
            }
            print("| \(name) | \(times.count == 9 ? ms(median(times)) : "failed") |")
        }
    }
    exit(0)
}

let (loaded, _) = CatalogLoader.load(base: CatalogLoader.embeddedFiles())
guard let catalog = loaded else { FileHandle.standardError.write(Data("catalog failed to load\n".utf8)); exit(1) }
let asOf = CalendarDate(parsing: "2027-01-01") ?? CalendarDate.today()

for n in sizes {
    // The model is written to a file and each run reads it back, holding the bytes only while it loads them, as the
    // command line does: they are gone before the analysis, so its peak memory is the command line's.
    let modelURL: URL
    if let dir = emitDir {
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        modelURL = URL(fileURLWithPath: dir).appendingPathComponent("estate-\(n).json")
    } else {
        modelURL = FileManager.default.temporaryDirectory.appendingPathComponent("threatgraph-bench-\(getpid())-estate-\(n).json")
    }
    do {
        try Data(SyntheticEstate.json(assets: n, catalog: catalog).utf8).write(to: modelURL)
    } catch {
        FileHandle.standardError.write(Data("cannot write \(modelURL.path): \(error)\n".utf8))
        exit(1)
    }
    defer { if emitDir == nil { try? FileManager.default.removeItem(at: modelURL) } }
    var modelBytes = 0
    var parse: [Double] = [], read: [Double] = [], graph: [Double] = [], dom: [Double] = [], cover: [Double] = []
    var pathsT: [Double] = [], planT: [Double] = [], cutT: [Double] = [], total: [Double] = []
    var json: [Double] = [], sarif: [Double] = [], markdown: [Double] = [], dot: [Double] = [], bundle: [Double] = []
    var flows = 0, findings = 0, pathCount = 0
    var analysisPeak = 0.0, readPeak = 0.0
    for run in 0..<runs {
        guard var file = (try? Data(contentsOf: modelURL)).map({ InputFile(name: "estate.json", bytes: Array($0)) }) else {
            FileHandle.standardError.write(Data("cannot read \(modelURL.path)\n".utf8))
            exit(1)
        }
        modelBytes = file.bytes.count
        var t = now()
        try? JSONReader.validate(file.bytes, limits: JSONLimits(maxDepth: 32, maxStringBytes: 1 << 16))
        parse.append(Double(now() - t) / 1e6)
        t = now()
        let (w, diagnostics) = ModelLoader.load([file], catalog: catalog)
        read.append(Double(now() - t) / 1e6)
        file.bytes = []
        if run == 0 { readPeak = peakMiB() }
        guard let workload = w else {
            print("generated model invalid: \(diagnostics.prefix(3).map(\.rendered))")
            exit(1)
        }
        flows = workload.flows.count
        guard !readOnly else { continue }
        t = now()
        let g = MovementGraph(workload)
        graph.append(Double(now() - t) / 1e6)
        t = now()
        _ = Reachability.exposure(g, trust: workload.actors.map(\.trust))
        _ = Dominators(graph: g.forward, reverse: g.backward, root: MovementGraph.source)
        dom.append(Double(now() - t) / 1e6)
        t = now()
        let analysis = Analysis(catalog: catalog, workload: workload, options: AnalysisOptions(asOf: asOf))
        let coverage = Double(now() - t) / 1e6
        cover.append(coverage)
        findings = analysis.findings.count
        // The whole analysis as `report` runs it: coverage, then paths, plan and cut on one exploit graph.
        t = now()
        let pathAnalysis = analysis.pathAnalysis()
        total.append(coverage + Double(now() - t) / 1e6)
        if run == 0 { analysisPeak = peakMiB() }
        // Each part on its own (each builds its own exploit graph).
        t = now()
        pathCount = analysis.attackPaths().paths.count
        pathsT.append(Double(now() - t) / 1e6)
        t = now()
        _ = analysis.recommendations()
        planT.append(Double(now() - t) / 1e6)
        t = now()
        _ = analysis.vertexCut()
        cutT.append(Double(now() - t) / 1e6)
        guard render else { continue }
        t = now()
        _ = ResultJSON.renderData(analysis, paths: pathAnalysis)  // as `report` writes it
        json.append(Double(now() - t) / 1e6)
        t = now()
        _ = SARIFRenderer.render(analysis, findings: analysis.openFindings, uri: { $0 }, toolVersion: "bench")
        sarif.append(Double(now() - t) / 1e6)
        t = now()
        _ = MarkdownReport.render(analysis, paths: pathAnalysis)
        markdown.append(Double(now() - t) / 1e6)
        t = now()
        _ = DataflowDOT.render(analysis)
        _ = PathsDOT.render(analysis, paths: pathAnalysis)
        _ = ThreatsDOT.render(analysis)
        dot.append(Double(now() - t) / 1e6)
        // All of them as `report` renders them: side by side on the available cores.
        t = now()
        _ = ReportBundle.fileData(analysis, paths: pathAnalysis, stem: "estate", sarifURI: { $0 }, toolVersion: "bench")
        bundle.append(Double(now() - t) / 1e6)
    }
    let mb = Double(modelBytes) / 1e6
    func cell(_ xs: [Double]) -> String { xs.isEmpty ? "–" : ms(median(xs)) }
    print("| \(n) | \(flows) | \(String(format: "%.1f", mb)) | \(String(format: "%.0f", mb / (median(parse) / 1000))) | \(ms(median(read))) | \(String(format: "%.0f", mb / (median(read) / 1000))) | \(String(format: "%.0f", readPeak)) | \(cell(graph)) | \(cell(dom)) | \(cell(cover)) | \(readOnly ? "–" : String(findings)) | \(cell(pathsT)) (\(readOnly ? "–" : String(pathCount))) | \(cell(planT)) | \(cell(cutT)) | \(cell(total)) | \(readOnly ? "–" : String(format: "%.0f", analysisPeak)) | \(cell(json)) | \(cell(sarif)) | \(cell(markdown)) | \(cell(dot)) | \(cell(bundle)) | \(String(format: "%.0f", peakMiB())) |")
}
