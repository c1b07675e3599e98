import Foundation
import ThreatGraph
import ThreatGraphExport

// threatgraph-bench: times each phase on generated estates (median of several runs) and prints a Markdown table.
// Usage: threatgraph-bench [--sizes 100,1000,10000] [--runs N] [--emit DIR]

if CommandLine.arguments.dropFirst().first == "--adversarial" {  // adversarial graphs: AdversarialGraphs.swift
    exit(AdversarialGraphs.main())
}
var sizes = [100, 1_000, 10_000]
var runs = 3
var emitDir: String?
var args = Array(CommandLine.arguments.dropFirst())
while !args.isEmpty {
    let a = args.removeFirst()
    switch a {
    case "--sizes": sizes = (args.isEmpty ? "" : args.removeFirst()).split(separator: ",").compactMap { Int($0) }
    case "--runs": runs = max(1, Int(args.isEmpty ? "" : args.removeFirst()) ?? 3)
    case "--emit": emitDir = args.isEmpty ? nil : args.removeFirst()
    default:
        FileHandle.standardError.write(Data("usage: threatgraph-bench [--sizes 100,1000,10000] [--runs N] [--emit DIR]\n".utf8))
        exit(2)
    }
}

func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }
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

let (loaded, _) = CatalogLoader.load(base: CatalogLoader.embeddedFiles())
guard let catalog = loaded else { FileHandle.standardError.write(Data("catalog failed to load\n".utf8)); exit(1) }
let asOf = CalendarDate(parsing: "2027-01-01") ?? CalendarDate.today()

print("| assets | flows | model MB | parse MB/s | read+validate ms | read MB/s | graph ms | exposure+dominators ms | coverage ms | findings | paths ms | plan ms | cut ms | JSON ms | SARIF ms | peak MiB |")
print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
for n in sizes {
    let text = SyntheticEstate.json(assets: n, catalog: catalog)
    if let dir = emitDir {
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try? Data(text.utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent("estate-\(n).json"))
    }
    let bytes = Array(text.utf8)
    var read: [Double] = [], graph: [Double] = [], dom: [Double] = [], cover: [Double] = [], json: [Double] = [], sarif: [Double] = []
    var flows = 0, findings = 0
    var parse: [Double] = [], pathsT: [Double] = [], planT: [Double] = [], cutT: [Double] = []
    var pathCount = 0
    for _ in 0..<runs {
        var t = now()
        _ = try? JSONReader.parse(bytes, limits: JSONLimits(maxDepth: 32, maxStringBytes: 1 << 16))
        parse.append(Double(now() - t) / 1e6)
        t = now()
        let (w, diagnostics) = ModelLoader.load([InputFile(name: "estate.json", bytes: bytes)], catalog: catalog)
        read.append(Double(now() - t) / 1e6)
        guard let workload = w else {
            print("generated model invalid: \(diagnostics.prefix(3).map(\.rendered))")
            exit(1)
        }
        flows = workload.flows.count
        t = now()
        let g = MovementGraph(workload)
        graph.append(Double(now() - t) / 1e6)
        t = now()
        _ = Reachability.exposure(g, trust: workload.actors.map(\.trust))
        _ = Dominators(graph: g.forward, reverse: g.backward, root: MovementGraph.source)
        dom.append(Double(now() - t) / 1e6)
        t = now()
        let analysis = Analysis(catalog: catalog, workload: workload, options: AnalysisOptions(asOf: asOf))
        cover.append(Double(now() - t) / 1e6)
        findings = analysis.findings.count
        t = now()
        let found = analysis.attackPaths().paths
        pathsT.append(Double(now() - t) / 1e6)
        pathCount = found.count
        t = now()
        _ = analysis.recommendations()
        planT.append(Double(now() - t) / 1e6)
        t = now()
        _ = analysis.vertexCut()
        cutT.append(Double(now() - t) / 1e6)
        t = now()
        _ = ResultJSON.render(analysis)
        json.append(Double(now() - t) / 1e6)
        t = now()
        _ = SARIFRenderer.render(analysis, findings: analysis.openFindings, uri: { $0 }, toolVersion: "bench")
        sarif.append(Double(now() - t) / 1e6)
    }
    let mb = Double(bytes.count) / 1e6
    print("| \(n) | \(flows) | \(String(format: "%.1f", mb)) | \(String(format: "%.0f", mb / (median(parse) / 1000))) | \(ms(median(read))) | \(String(format: "%.0f", mb / (median(read) / 1000))) | \(ms(median(graph))) | \(ms(median(dom))) | \(ms(median(cover))) | \(findings) | \(ms(median(pathsT))) (\(pathCount)) | \(ms(median(planT))) | \(ms(median(cutT))) | \(ms(median(json))) | \(ms(median(sarif))) | \(String(format: "%.0f", peakMiB())) |")
}
