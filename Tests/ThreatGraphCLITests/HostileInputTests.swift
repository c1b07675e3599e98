import Foundation
import Testing
import ThreatGraph
import ThreatGraphCLI

/// A file of `size` bytes that takes no disk space (a sparse file), for size-limit tests.
func sparseFile(_ size: Int, _ name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    _ = FileManager.default.createFile(atPath: url.path, contents: Data("{".utf8))
    let handle = try FileHandle(forWritingTo: url)
    try handle.truncate(atOffset: UInt64(size))
    try handle.close()
    return url.path
}

let smallModel = #"""
{"threatgraph": "1", "name": "small", "frameworks": ["atlas"],
 "actors": [{"id": "user", "trust": "anonymous"}],
 "assets": [{"id": "api", "kind": "api-gateway"}, {"id": "llm", "kind": "llm-endpoint", "crownJewel": true}],
 "flows": [{"from": "user", "to": "api"}, {"from": "api", "to": "llm"}]}
"""#

@Suite struct LimitTests {
    @Test func modelFileOverTheSizeLimitIsRejectedBeforeReading() throws {
        let folder = try temporaryFolder()
        let limit = ModelLimits().maxFileBytes
        let path = try sparseFile(limit + 1, "huge.json", in: folder)
        let r = run("validate", path)
        #expect(r.status == .invalid)
        #expect(r.stderr.contains("\(path): error: file is") && r.stderr.contains("the limit is 64 MiB") && r.stderr.contains("[model.too-large]"), "\(r.stderr)")
        let atLimit = ModelLoader.decode(InputFile(name: "m.json", bytes: [UInt8](repeating: 0x20, count: 11)), limits: {
            var l = ModelLimits(); l.maxFileBytes = 10; return l
        }())
        #expect(atLimit.1.first?.code == "model.too-large")
    }

    @Test func nestingDeeperThanTheLimitIsASyntaxErrorWithItsPosition() throws {
        let folder = try temporaryFolder()
        let depth = ModelLimits().maxDepth
        let text = "{\"threatgraph\": \"1\", \"name\": \"d\", \"assets\": [],\n  \"x\": " + String(repeating: "[", count: depth + 5) + String(repeating: "]", count: depth + 5) + "}"
        let path = try write(text, "deep.json", in: folder)
        let r = run("validate", path)
        #expect(r.status == .invalid)
        #expect(r.stderr.contains("\(path):2:\(8 + depth): error: nesting deeper than \(depth) levels [model.syntax]"), "\(r.stderr)")
    }

    @Test func stringsLongerThanTheLimitAreRejected() throws {
        let folder = try temporaryFolder()
        let limit = ModelLimits().maxStringBytes
        let text = #"{"threatgraph": "1", "name": "s", "assets": [], "description": ""# + String(repeating: "é", count: limit / 2 + 1) + "\"}"
        let path = try write(text, "long.json", in: folder)
        let r = run("validate", path)
        #expect(r.status == .invalid)
        #expect(r.stderr.contains("\(path):1:") && r.stderr.contains("string longer than \(limit) bytes [model.syntax]"), "\(r.stderr)")
        // Escapes count after decoding, too.
        let escaped = #"{"threatgraph": "1", "name": "s", "assets": [], "description": ""# + String(repeating: #"\u00e9"#, count: limit / 2 + 1) + "\"}"
        let e = run("validate", try write(escaped, "escaped.json", in: folder))
        #expect(e.status == .invalid && e.stderr.contains("string longer than"))
    }

    @Test func valueCountAndEntityCountsAreLimited() {
        var limits = ModelLimits()
        limits.maxValues = 20
        let many = ModelLoader.decode(InputFile(name: "many.json", bytes: Array(("[" + Array(repeating: "[]", count: 50).joined(separator: ",") + "]").utf8)), limits: limits)
        #expect(many.1.first?.message == "more than 20 values in one file")
        #expect(many.1.first?.location?.line == 1)

        let (catalog, _) = CatalogLoader.load(base: CatalogLoader.embeddedFiles())
        guard let catalog else { Issue.record("no catalog"); return }
        var nodes = ModelLimits()
        nodes.maxNodes = 2
        let (w1, d1) = ModelLoader.load([InputFile(name: "small.json", bytes: Array(smallModel.utf8))], catalog: catalog, limits: nodes)
        #expect(w1 == nil)
        #expect(d1.contains { $0.code == "model.too-many" && $0.message == "the model has 3 actors, assets and boundaries; the limit is 2" && $0.location?.file == "small.json" })
        var flows = ModelLimits()
        flows.maxFlows = 1
        let (w2, d2) = ModelLoader.load([InputFile(name: "small.json", bytes: Array(smallModel.utf8))], catalog: catalog, limits: flows)
        #expect(w2 == nil)
        #expect(d2.contains { $0.code == "model.too-many" && $0.message == "the model has 2 flows; the limit is 1" })
    }

    @Test func defaultLimitsFitA100kAssetEstate() throws {
        // The shape of a 100,000-asset estate: ids, kinds, a boundary and a control each, 1.3 flows per asset.
        var text = #"{"threatgraph": "1", "name": "estate", "actors": [{"id": "u", "trust": "anonymous"}], "assets": ["#
        for i in 0..<100_000 {
            if i > 0 { text += ",\n" }
            text += #"{"id": "asset-\#(i)", "name": "Asset \#(i)", "kind": "api-gateway", "boundary": "vpc-\#(i / 10)", "controls": [{"id": "ctl.application.rate-limiting", "status": "implemented"}]}"#
        }
        text += "], \"flows\": ["
        for i in 0..<130_000 {
            if i > 0 { text += ",\n" }
            text += #"{"from": "asset-\#(i % 100_000)", "to": "asset-\#((i * 7 + 1) % 100_000)", "data": "records"}"#
        }
        text += "]}"
        let limits = ModelLimits()
        #expect(text.utf8.count * 2 < limits.maxFileBytes)
        #expect(throws: Never.self) { _ = try JSONReader.parse(Array(text.utf8), limits: limits.json) }
        #expect(limits.maxNodes >= 200_000 && limits.maxFlows >= 260_000)
    }

    @Test func catalogOverlaysAreLimitedAndCheckedWithoutTrapping() throws {
        let folder = try temporaryFolder()
        let model = try write(smallModel, "m.json", in: folder)
        // Numbers far outside an integer field's range: an error, never a trap converting them.
        for (name, overlay) in [
            ("order", #"{"tactics": [{"id": "AML.TA9999", "name": "Big", "order": 1e300}]}"#),
            ("cost", #"{"controls": [{"id": "ctl.model.x", "name": "X", "layer": "model", "kind": "preventive", "scope": "asset", "summary": "s", "mitigates": ["AML.T0051"], "deployOn": ["llm-endpoint"], "effectiveness": 0.5, "cost": -9.2e18}]}"#),
            ("layer-order", #"{"layers": [{"id": "model", "name": "Model", "order": 18446744073709551616}]}"#),
        ] {
            let dir = folder.appendingPathComponent("cat-\(name)")
            let file = try write(overlay, "overlay.json", in: dir)
            let r = run("validate", model, "--catalog", dir.path)
            #expect(r.status == .invalid, "\(name): \(r.stdout)")
            #expect(r.stderr.contains("\(file):1:") && r.stderr.contains("out-of-range"), "\(name): \(r.stderr)")
        }
        // Too large, too deep.
        let big = folder.appendingPathComponent("cat-big")
        try FileManager.default.createDirectory(at: big, withIntermediateDirectories: true)
        let bigFile = try sparseFile(CatalogLimits().maxFileBytes + 1, "big.json", in: big)
        let b = run("validate", model, "--catalog", big.path)
        #expect(b.status == .invalid && b.stderr.contains("\(bigFile): error: file is") && b.stderr.contains("[catalog.too-large]"), "\(b.stderr)")
        let deep = folder.appendingPathComponent("cat-deep")
        let deepFile = try write(String(repeating: "[", count: 100_000), "deep.json", in: deep)
        let d = run("validate", model, "--catalog", deep.path)
        #expect(d.status == .invalid && d.stderr.contains("\(deepFile):1:") && d.stderr.contains("nesting deeper than"), "\(d.stderr)")
        // Entity counts.
        var limits = CatalogLimits()
        limits.maxControls = 3
        limits.maxThreats = 3
        let (catalog, diagnostics) = CatalogLoader.load(base: CatalogLoader.embeddedFiles(), limits: limits)
        #expect(catalog == nil)
        #expect(diagnostics.filter { $0.code == "catalog.too-many" }.count == 2)
    }
}

@Suite struct OutputSafetyTests {
    @Test func reportOntoAFileIsAnErrorAndIntoAMissingFolderCreatesIt() throws {
        let folder = try temporaryFolder()
        let model = try write(smallModel, "m.json", in: folder)
        let file = try write("keep", "taken", in: folder)
        let r = run("report", model, "--output", file)
        #expect(r.status == .invalid && r.stderr.contains("is a file"))
        #expect((try? String(contentsOfFile: file, encoding: .utf8)) == "keep")
        let nested = folder.appendingPathComponent("a/b/c").path
        #expect(run("report", model, "--output", nested, "--date", "2027-01-01").status == .success)
        #expect(FileManager.default.fileExists(atPath: nested + "/m.md"))
        let sarif = folder.appendingPathComponent("x/y/out.sarif").path
        #expect(run("check", model, "--output", sarif, "--date", "2027-01-01").status != .invalid)
        #expect(FileManager.default.fileExists(atPath: sarif))
    }

    @Test func outputsNeverReplaceTheModel() throws {
        let folder = try temporaryFolder()
        let model = try write(smallModel, "m.json", in: folder)
        for args in [["check", model, "--format", "json", "--output", model], ["analyze", model, "--format", "json", "--output", model],
                     ["report", model, "--output", folder.path], ["diagram", model, "--output", folder.path + "/./m.json"]] {
            let r = run(args + ["--date", "2027-01-01"])
            #expect(r.status == .invalid, "\(args)")
            #expect(r.stderr.contains("never writes its inputs"), "\(args): \(r.stderr)")
            #expect((try? String(contentsOfFile: model, encoding: .utf8)) == smallModel)
        }
        // The report refused as a whole: none of its other files were written.
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == ["m.json"], "\(names)")
    }

    @Test func reportWritesAllFilesOrNone() throws {
        let folder = try temporaryFolder()
        let model = try write(smallModel, "m.json", in: folder)
        let out = folder.appendingPathComponent("out")
        // One target is a folder: the report fails before any file is replaced.
        try FileManager.default.createDirectory(at: out.appendingPathComponent("m.sarif"), withIntermediateDirectories: true)
        let old = try write("old report", "m.md", in: out)
        let r = run("report", model, "--output", out.path, "--date", "2027-01-01")
        #expect(r.status == .invalid)
        #expect(try FileManager.default.contentsOfDirectory(atPath: out.path).sorted() == ["m.md", "m.sarif"])
        #expect((try? String(contentsOfFile: old, encoding: .utf8)) == "old report")
    }

    @Test func outputsNeverContainAbsolutePaths() throws {
        let folder = try temporaryFolder()
        let model = try write(smallModel, "shop.json", in: folder)
        #expect(!model.hasPrefix(FileManager.default.currentDirectoryPath + "/"), "the model must lie outside the working directory")
        let out = folder.appendingPathComponent("report")
        #expect(run("report", model, "--output", out.path, "--date", "2027-01-01").status == .success)
        let sarif = folder.appendingPathComponent("check.sarif")
        #expect(run("check", model, "--format", "sarif", "--output", sarif.path, "--date", "2027-01-01").status != .invalid)
        let json = run("analyze", model, "--format", "json", "--date", "2027-01-01")
        var texts = [json.stdout, try String(contentsOf: sarif, encoding: .utf8)]
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            texts.append(try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8))
        }
        let cwd = FileManager.default.currentDirectoryPath
        for text in texts {
            #expect(!text.contains(folder.path), "an output names the model's absolute folder")
            #expect(!text.contains(folder.lastPathComponent), "an output names the model's folder")
            #expect(!text.contains(cwd + "/"), "an output names the working directory")
        }
        // The report, the JSON and the SARIF name the model by its file name.
        for name in ["shop.md", "shop.json", "shop.sarif"] {
            #expect(try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8).contains("shop.json"), "\(name)")
        }
        #expect(texts[1].contains(#""uri" : "shop.json""#) || texts[1].contains(#""uri": "shop.json""#), "\(texts[1].prefix(2000))")
    }
}

@Suite struct WorkBoundTests {
    static func analysis() throws -> Analysis {
        let catalog = try #require(CatalogLoader.load(base: CatalogLoader.embeddedFiles()).0)
        let workload = try #require(ModelLoader.load([InputFile(name: "small.json", bytes: Array(smallModel.utf8))], catalog: catalog).0)
        return Analysis(catalog: catalog, workload: workload, options: AnalysisOptions(asOf: try #require(CalendarDate(parsing: "2027-01-01"))))
    }

    @Test func thePlanSaysWhenItsWorkBoundCutIt() throws {
        let a = try Self.analysis()
        let full = a.recommendationPlan(maxSteps: 5)
        #expect(full.complete && !full.steps.isEmpty)
        #expect(full.steps == a.recommendations(maxSteps: 5))
        let cut = a.recommendationPlan(maxSteps: 5, workLimit: 1)
        #expect(!cut.complete)
    }

    @Test func pathsSayWhenTheTotalWorkBoundCutThem() throws {
        let a = try Self.analysis()
        let normal = a.attackPaths().paths
        #expect(!normal.isEmpty && normal.allSatisfy { $0.stoppedBy != .work })
        var options = PathOptions()
        options.workTotal = 0
        let cut = a.attackPaths(options).paths
        #expect(!cut.isEmpty && cut.allSatisfy { $0.stoppedBy == .work && !$0.complete })
        // Each pair still gets its best path.
        #expect(Set(cut.map { "\($0.actor)>\($0.target)" }) == Set(normal.map { "\($0.actor)>\($0.target)" }))
    }
}
