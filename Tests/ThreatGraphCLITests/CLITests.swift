import Foundation
import Testing
import ThreatGraph
import ThreatGraphCLI

@Suite struct CLITests {
    @Test func versionNamesToolAndCatalog() {
        let r = run("--version")
        #expect(r.status == .success)
        #expect(r.stdout.hasPrefix("threatgraph \(CLI.version) (catalog "))
    }

    @Test func helpIsGeneratedFromTheOptionTable() {
        let r = run("catalog", "list", "--help")
        #expect(r.status == .success)
        #expect(r.stdout.contains("--type TYPE") && r.stdout.contains("threats|controls|kinds|tactics|mitigations|case-studies"))
        #expect(r.stdout.contains("--catalog DIR"))
        #expect(run("--help").stdout.contains("validate"))
    }

    @Test(arguments: [
        (["valdate", "x.json"], "did you mean 'validate'?"),
        (["catalog", "lst"], "did you mean 'catalog list'?"),
        (["catalog", "list", "--tpe", "threats"], "did you mean '--type'?"),
        (["catalog", "list", "--type", "threat"], "did you mean 'threats'?"),
        (["validate"], "needs MODEL..."),
        (["schema", "extra"], "takes no operands"),
        (["catalog", "list", "--date", "tomorrow"], "--date takes a date"),
        (["catalog", "list", "--frameworks", "atlas,owasp-llm"], "did you mean"),
        (["init", "--template"], "needs a value"),
    ])
    func usageErrorsExitTwoWithAHint(arguments: [String], hint: String) {
        let r = run(arguments)
        #expect(r.status == .invalid)
        #expect(r.stderr.contains(hint), "\(r.stderr)")
        #expect(r.stdout.isEmpty)
    }

    @Test func validateAcceptsAValidModelAndLocatesErrors() throws {
        let folder = try temporaryFolder()
        let good = try write(#"{"threatgraph": "1", "name": "ok", "assets": [{"id": "llm", "kind": "llm-endpoint"}]}"#, "good.json", in: folder)
        let ok = run("validate", good)
        #expect(ok.status == .success && ok.stdout.contains("valid"))
        let bad = try write("{\"threatgraph\": \"1\", \"name\": \"bad\",\n \"assets\": [{\"id\": \"llm\", \"kind\": \"llm-endpont\"}]}", "bad.json", in: folder)
        let r = run("validate", bad)
        #expect(r.status == .invalid)
        #expect(r.stderr.contains("\(bad):2:14: error: unknown asset kind 'llm-endpont' [model.unknown-kind]\n  at assets[0].kind\n  did you mean 'llm-endpoint'?"), "\(r.stderr)")
    }

    @Test func validateWarnsAboutExpiredAcceptancesAtTheAsOfDate() throws {
        let folder = try temporaryFolder()
        let path = try write(#"{"threatgraph": "1", "name": "x", "assets": [{"id": "llm", "kind": "llm-endpoint"}], "acceptedRisks": [{"threat": "AML.T0051.000", "asset": "llm", "reason": "r", "owner": "o", "expires": "2027-01-01"}]}"#, "m.json", in: folder)
        #expect(run("validate", path, "--date", "2027-01-01").stderr.isEmpty)
        let later = run("validate", path, "--date", "2027-01-02")
        #expect(later.status == .success)
        #expect(later.stderr.contains("warning: acceptance of AML.T0051.000@llm expired on 2027-01-01"))
    }

    @Test func optionsMayFollowOperandsAndDoubleDashEndsThem() throws {
        let folder = try temporaryFolder()
        let path = try write(#"{"threatgraph": "1", "name": "ok", "assets": []}"#, "--odd.json", in: folder)
        #expect(run("validate", "--date", "2027-01-01", "--", path).status == .success)
        #expect(run("catalog", "show", "AML.T0051", "--format=json").status == .success)
    }

    @Test func catalogListAsJSON() throws {
        let r = run("catalog", "list", "--type", "threats", "--framework", "atlas", "--format", "json")
        #expect(r.status == .success)
        let list = try JSONReader.parse(Array(r.stdout.utf8)).array ?? []
        #expect(list.count == 170)
        #expect(list.allSatisfy { $0["framework"]?.string == "atlas" })
    }

    @Test func catalogShowAndSearch() {
        let show = run("catalog", "show", "AML.T0051.001")
        #expect(show.status == .success)
        #expect(show.stdout.hasPrefix("AML.T0051.001  LLM Prompt Injection: Indirect\n"))
        #expect(show.stdout.contains("mitigated by:"))
        let search = run("catalog", "search", "prompt injection")
        #expect(search.status == .success)
        #expect(search.stdout.contains("AML.T0051") && search.stdout.contains("LLM01:2025") && search.stdout.contains("ctl."))
        let missing = run("catalog", "show", "AML.T0051.01")
        #expect(missing.status == .invalid && missing.stderr.contains("did you mean"))
    }

    @Test func catalogValidatePassesAndFailsOnABrokenOverlay() throws {
        let ok = run("catalog", "validate")
        #expect(ok.status == .success, "\(ok.stderr)")
        let folder = try temporaryFolder()
        _ = try write(#"{"threats": [{"id": "X1", "name": "X", "framework": "atlas", "summary": "s", "severity": "high", "likelihood": 0.5, "appliesTo": ["llm-endpoint"], "basis": {"appliesTo": "a", "severity": "s", "likelihood": "l"}}]}"#, "broken.json", in: folder)
        let r = run("catalog", "validate", "--catalog", folder.path)
        #expect(r.status == .invalid)
        #expect(r.stderr.contains("threat 'X1' applies to llm-endpoint but no control mitigates it [catalog.threat-unmitigated]"), "\(r.stderr)")
    }

    @Test func schemaIsDraft2020WithAStableID() throws {
        let r = run("schema")
        #expect(r.status == .success)
        let root = try JSONReader.parse(Array(r.stdout.utf8))
        #expect(root["$schema"]?.string == "https://json-schema.org/draft/2020-12/schema")
        #expect(root["$id"]?.string == ModelSchema.schemaID)
        #expect(root["$defs"]?["asset"]?["properties"]?["kind"]?["description"]?.string?.isEmpty == false)
    }

    @Test(arguments: ["agentic", "chatbot", "rag", "training"])
    func initTemplatesValidateWithoutWarnings(template: String) throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("\(template).json").path
        let r = run("init", "--template", template, "--output", path)
        #expect(r.status == .success, "\(r.stderr)")
        let v = run("validate", path)
        #expect(v.status == .success)
        #expect(v.stderr.isEmpty, "\(v.stderr)")
        #expect(run("init", "--template", template, "--output", path).status == .invalid, "init never overwrites")
    }
}

@Suite struct BinaryTests {
    @Test(.enabled(if: builtBinary() != nil || inCI, "needs the built threatgraph executable"))
    func theCopiedBinaryCarriesItsCatalog() throws {
        let binary = try #require(builtBinary())
        let folder = try temporaryFolder()
        let copy = folder.appendingPathComponent("threatgraph")
        try FileManager.default.copyItem(at: binary, to: copy)
        let result = try #require(runProcess(copy, ["catalog", "validate"], in: folder))
        #expect(result.0 == 0, "\(result.2)")
        #expect(result.1.contains("170") == false || result.1.contains("valid"))
        let model = try write(#"{"threatgraph": "1", "name": "x", "assets": [{"id": "a", "kind": "agnet"}]}"#, "m.json", in: folder)
        let bad = try #require(runProcess(copy, ["validate", model], in: folder))
        #expect(bad.0 == 2)
        #expect(bad.2.contains("did you mean 'agent'?"))
    }
}

/// The example models shipped in Models/.
let exampleModels: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: packageRoot.appendingPathComponent("Models").path)) ?? [])
    .filter { $0.hasSuffix(".json") }.sorted()

@Suite struct ExampleModelTests {
    @Test func thereAreAtLeastFourExamples() {
        #expect(exampleModels.count >= 4)
        #expect(exampleModels.contains("ecommerce-qna-chatbot.json"))
    }

    @Test func theReadmesModelValidates() throws {
        let readme = try String(contentsOf: packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let start = try #require(readme.range(of: "```json\n"))
        let end = try #require(readme.range(of: "```", range: start.upperBound..<readme.endIndex))
        let folder = try temporaryFolder()
        let path = try write(String(readme[start.upperBound..<end.lowerBound]), "readme.json", in: folder)
        let r = run("validate", path, "--date", "2027-01-01")
        #expect(r.status == .success && r.stderr.isEmpty, "\(r.stderr)")
    }

    @Test func gapsKeepsOneAssetsFindingsAndRejectsAnUnknownAsset() throws {
        let path = packageRoot.appendingPathComponent("Models/ecommerce-qna-chatbot.json").path
        let all = try JSONReader.parse(Array(run("gaps", path, "--date", "2027-01-01", "--format", "json").stdout.utf8)).array ?? []
        let one = try JSONReader.parse(Array(run("gaps", path, "--date", "2027-01-01", "--format", "json", "--asset", "llm").stdout.utf8)).array ?? []
        #expect(!one.isEmpty && one.count < all.count)
        #expect(one.allSatisfy { $0["asset"]?.string == "llm" })
        #expect(one.count == all.filter { $0["asset"]?.string == "llm" }.count)
        let bad = run("gaps", path, "--date", "2027-01-01", "--asset", "lmm")
        #expect(bad.status == .invalid && bad.stdout.isEmpty)
        #expect(bad.stderr.contains("no asset 'lmm'") && bad.stderr.contains("did you mean 'llm'?"), "\(bad.stderr)")
    }

    @Test(arguments: exampleModels)
    func validatesWithoutWarningsAndAnalyses(model: String) throws {
        let path = packageRoot.appendingPathComponent("Models/\(model)").path
        let v = run("validate", path, "--date", "2027-01-01")
        #expect(v.status == .success)
        // An example may keep an expired acceptance on purpose, to show how reports flag it; nothing else may warn.
        let warnings = v.stderr.split(separator: "\n").filter { $0.contains(": warning: ") && !$0.contains("[model.acceptance-expired]") }
        #expect(warnings.isEmpty, "\(v.stderr)")
        let a = run("analyze", path, "--date", "2027-01-01", "--format", "json")
        let root = try JSONReader.parse(Array(a.stdout.utf8))
        let findings = root["findings"]?.array ?? []
        #expect(findings.count > 50)
        let statuses = Set(findings.compactMap { $0["status"]?.string })
        #expect(statuses.isSuperset(of: ["covered", "gap"]), "a realistic example has both covered findings and gaps")
    }
}
