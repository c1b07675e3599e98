import Foundation
import ThreatGraph
import ThreatGraphExport

/// Adversarial model shapes for `threatgraph-bench --adversarial`: graphs built to make the path, recommendation,
/// cut, bypass and dominator searches do as much work as possible, each timed phase by phase.
enum AdversarialGraphs {
    /// One generated case: a name, what it stresses, and the model text.
    struct Case {
        var name: String
        var summary: String
        var json: String
    }

    /// Kinds that rotate through generated assets: a mix with many applicable threats and inbound filters.
    static let kinds = ["api-gateway", "compute-function", "llm-endpoint", "agent", "vector-store", "knowledge-base"]

    /// Controls placed on an asset of a kind: an inbound filter where the kind takes one, so that the bypass search and
    /// the dominator placements have work to do.
    static func controls(for kind: String) -> String {
        switch kind {
        case "api-gateway", "compute-function", "agent":
            return #", "controls": [{"id": "ctl.application.input-sanitisation", "status": "implemented"}]"#
        case "llm-endpoint":
            return #", "controls": [{"id": "ctl.application.prompt-attack-filter", "status": "implemented"}]"#
        default:
            return ""
        }
    }

    /// A model from actor lines, asset lines and flow lines.
    static func model(_ name: String, actors: [String], assets: [String], flows: [String]) -> String {
        var out = "{\"threatgraph\": \"1\", \"name\": \"\(name)\", \"frameworks\": [\"atlas\", \"owasp-llm-2025\"],\n\"actors\": [\n"
        out += actors.joined(separator: ",\n")
        out += "\n],\n\"assets\": [\n"
        out += assets.joined(separator: ",\n")
        out += "\n],\n\"flows\": [\n"
        out += flows.joined(separator: ",\n")
        out += "\n]}\n"
        return out
    }

    static func asset(_ i: Int, jewel: Bool) -> String {
        let kind = kinds[i % kinds.count]
        return "{\"id\": \"a\(i)\", \"kind\": \"\(kind)\"\(jewel ? ", \"crownJewel\": true" : "")\(controls(for: kind))}"
    }

    /// Every asset a crown jewel, an anonymous actor reaching each, and a flow between every ordered pair.
    static func complete(_ n: Int) -> Case {
        let assets = (0..<n).map { asset($0, jewel: true) }
        var flows: [String] = []
        flows.reserveCapacity(n * n)
        for i in 0..<n { flows.append("{\"from\": \"anyone\", \"to\": \"a\(i)\"}") }
        for i in 0..<n { for j in 0..<n where i != j { flows.append("{\"from\": \"a\(i)\", \"to\": \"a\(j)\"}") } }
        return Case(name: "complete-\(n)", summary: "complete graph, every asset a crown jewel and anonymous-reachable",
                    json: model("complete", actors: [#"{"id": "anyone", "trust": "anonymous"}"#], assets: assets, flows: flows))
    }

    /// A chain actor → a0 → a1 → … with a crown jewel at the end, or every asset a crown jewel.
    static func chain(_ n: Int, everyJewel: Bool) -> Case {
        let assets = (0..<n).map { asset($0, jewel: everyJewel || $0 == n - 1) }
        var flows = ["{\"from\": \"anyone\", \"to\": \"a0\"}"]
        for i in 1..<max(1, n) { flows.append("{\"from\": \"a\(i - 1)\", \"to\": \"a\(i)\"}") }
        return Case(name: "chain-\(n)\(everyJewel ? "-all-jewels" : "")",
                    summary: everyJewel ? "a chain, every asset a crown jewel" : "a chain with the crown jewel at its end",
                    json: model("chain", actors: [#"{"id": "anyone", "trust": "anonymous"}"#], assets: assets, flows: flows))
    }

    /// Many parallel flows between two assets.
    static func parallel(_ flowsBetween: Int) -> Case {
        let assets = [asset(0, jewel: false), asset(2, jewel: true)]
        var flows = ["{\"from\": \"anyone\", \"to\": \"a0\"}"]
        for i in 0..<flowsBetween {
            let control = i % 2 == 0 ? #", "controls": [{"id": "ctl.data.tls-in-transit", "status": "implemented"}]"# : ""
            flows.append("{\"from\": \"a0\", \"to\": \"a2\"\(control)}")
        }
        return Case(name: "parallel-\(flowsBetween)", summary: "\(flowsBetween) parallel flows between two assets",
                    json: model("parallel", actors: [#"{"id": "anyone", "trust": "anonymous"}"#], assets: assets, flows: flows))
    }

    /// A chain of `depth` nested boundaries, each with a control, and `assets` assets in a chain inside the deepest.
    static func boundaryChain(depth: Int, assets n: Int) -> Case {
        var boundaries: [String] = []
        for i in 0..<depth {
            let parent = i == 0 ? "" : ", \"parent\": \"b\(i - 1)\""
            boundaries.append("{\"id\": \"b\(i)\"\(parent), \"controls\": [{\"id\": \"ctl.runtime.threat-detection\", \"status\": \"implemented\"}]}")
        }
        let assets = (0..<n).map { "{\"id\": \"a\($0)\", \"kind\": \"\(kinds[$0 % kinds.count])\", \"boundary\": \"b\(depth - 1)\"}" }
        var flows = ["{\"from\": \"anyone\", \"to\": \"a0\"}"]
        for i in 1..<max(1, n) { flows.append("{\"from\": \"a\(i - 1)\", \"to\": \"a\(i)\"}") }
        var json = model("boundary chain", actors: [#"{"id": "anyone", "trust": "anonymous"}"#], assets: assets, flows: flows)
        json = json.replacingOccurrences(of: "\"actors\": [", with: "\"boundaries\": [\n" + boundaries.joined(separator: ",\n") + "\n],\n\"actors\": [")
        return Case(name: "boundaries-\(depth)", summary: "\(depth) nested boundaries, each with a control, around \(n) assets",
                    json: json)
    }

    /// A random sparse graph (about three flows per asset) where every asset is a crown jewel, with several actors.
    static func everyJewel(_ n: Int, seed: UInt64 = 7) -> Case {
        var rng = SplitMix64(state: seed)
        let trusts = ["anonymous", "authenticated", "partner", "supplier", "insider"]
        let actors = (0..<20).map { "{\"id\": \"actor\($0)\", \"trust\": \"\(trusts[$0 % trusts.count])\"}" }
        let assets = (0..<n).map { asset($0, jewel: true) }
        var flows: [String] = []
        for a in 0..<20 { for _ in 0..<5 { flows.append("{\"from\": \"actor\(a)\", \"to\": \"a\(rng.below(n))\"}") } }
        for i in 0..<n {
            for _ in 0..<3 {
                let j = rng.below(n)
                if j != i { flows.append("{\"from\": \"a\(i)\", \"to\": \"a\(j)\"\(rng.chance(0.2) ? ", \"bidirectional\": true" : "")}") }
            }
        }
        return Case(name: "random-\(n)-all-jewels", summary: "random graph, 20 actors, every asset a crown jewel",
                    json: model("every jewel", actors: actors, assets: assets, flows: flows))
    }

    /// Cases run only when named on the command line: coverage lists every inbound filter on every dominator of
    /// each finding's asset, which is quadratic in time and memory on a long chain (chain-10000: 91 s; the
    /// 100,000 chains exhaust memory). The fix belongs in Coverage.swift.
    static let slow: Set<String> = ["chain-10000", "chain-10000-all-jewels", "chain-100000", "chain-100000-all-jewels"]

    /// The cases `--adversarial` runs.
    static func cases() -> [Case] {
        [complete(300), chain(10_000, everyJewel: false), chain(10_000, everyJewel: true), chain(100_000, everyJewel: false),
         chain(100_000, everyJewel: true), parallel(10_000), parallel(200_000), boundaryChain(depth: 2_000, assets: 50),
         boundaryChain(depth: 8_000, assets: 50), everyJewel(10_000)]
    }

    /// `threatgraph-bench --adversarial [CASE...]`: loads the catalog, then times every case. Returns the exit status.
    static func main() -> Int32 {
        guard let catalog = CatalogLoader.load(base: CatalogLoader.embeddedFiles()).0 else {
            FileHandle.standardError.write(Data("catalog failed to load\n".utf8))
            return 1
        }
        return run(catalog: catalog, asOf: CalendarDate(parsing: "2027-01-01") ?? CalendarDate.today())
    }

    /// Generates and times every case; prints a Markdown table. Returns the exit status.
    static func run(catalog: Catalog, asOf: CalendarDate) -> Int32 {
        func line(_ text: String) { FileHandle.standardOutput.write(Data((text + "\n").utf8)) }
        func now() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
        func ms(_ start: UInt64) -> String {
            let x = Double(now() - start) / 1e6
            return x < 10 ? String(format: "%.2f", x) : String(format: "%.0f", x)
        }
        line("| case | MB | load ms | coverage ms | findings | bypass complete | paths ms | paths (stopped) | plan ms | plan complete | cut ms | cut assets | JSON ms |")
        line("| --- | ---: | ---: | ---: | ---: | --- | ---: | --- | ---: | --- | ---: | ---: | ---: |")
        let only = Set(CommandLine.arguments.dropFirst(2))
        // The chains run only when named: coverage is quadratic on them (see `slow`).
        for c in cases() where only.isEmpty ? !slow.contains(c.name) : only.contains(c.name) {
            let bytes = Array(c.json.utf8)
            var t = now()
            let (loaded, diagnostics) = ModelLoader.load([InputFile(name: "\(c.name).json", bytes: bytes)], catalog: catalog)
            let loadMs = ms(t)
            guard let workload = loaded else {
                line("| \(c.name) | invalid: \(diagnostics.filter { $0.severity == .error }.prefix(2).map(\.rendered).joined(separator: "; ")) |")
                continue
            }
            t = now()
            let analysis = Analysis(catalog: catalog, workload: workload, options: AnalysisOptions(asOf: asOf))
            let coverMs = ms(t)
            FileHandle.standardError.write(Data("\(c.name): load \(loadMs) ms, coverage \(coverMs) ms\n".utf8))
            t = now()
            let paths = analysis.attackPaths().paths
            let pathsMs = ms(t)
            FileHandle.standardError.write(Data("\(c.name): paths \(pathsMs) ms\n".utf8))
            var stops: [String: Int] = [:]
            for p in paths where p.rank == 1 { stops[p.stoppedBy?.rawValue ?? "complete", default: 0] += 1 }
            let stopText = stops.keys.sorted().map { "\($0) \(stops[$0] ?? 0)" }.joined(separator: ", ")
            t = now()
            let plan = analysis.recommendationPlan()
            let planMs = ms(t)
            t = now()
            let cut = analysis.vertexCut()
            let cutMs = ms(t)
            t = now()
            _ = ResultJSON.render(analysis)
            let jsonMs = ms(t)
            line("| \(c.name) | \(String(format: "%.1f", Double(bytes.count) / 1e6)) | \(loadMs) | \(coverMs) | \(analysis.findings.count) | \(analysis.bypassSearchComplete) | \(pathsMs) | \(paths.count) (\(stopText)) | \(planMs) | \(plan.complete) | \(cutMs) | \(cut.map { String($0.assets.count) } ?? "none") | \(jsonMs) |")
        }
        return 0
    }
}
