import Foundation
import Testing
import ThreatGraphCLI

/// `report` and `analyze --format json --output` stream the JSON result into their files; `--findings` chooses the
/// findings listed.
@Suite struct StreamedOutputTests {
    /// A model with covered and open findings.
    static let model = #"""
    {"threatgraph": "1", "name": "r", "frameworks": ["atlas"],
     "actors": [{"id": "user", "trust": "anonymous"}],
     "assets": [{"id": "api", "kind": "api-gateway", "controls": [{"id": "ctl.application.rate-limiting", "status": "implemented"}]},
                {"id": "llm", "kind": "llm-endpoint", "crownJewel": true, "controls": [{"id": "ctl.model.guardrails", "status": "implemented"}]}],
     "flows": [{"from": "user", "to": "api", "data": "prompts"}, {"from": "api", "to": "llm"}]}
    """#

    /// The listed findings' statuses and the `findingsListed` member of a result document.
    static func listed(_ data: Data) throws -> (listed: String, statuses: [String], total: Int) {
        let doc = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let findings = try #require(doc["findings"] as? [[String: Any]])
        let summary = try #require(doc["summary"] as? [String: Any])
        return (doc["findingsListed"] as? String ?? "", findings.compactMap { $0["status"] as? String }, summary["findings"] as? Int ?? -1)
    }

    @Test func analyzeWritesToAFileWhatItPrints() throws {
        let folder = try temporaryFolder()
        let path = try write(Self.model, "m.json", in: folder)
        let out = folder.appendingPathComponent("result.json").path
        let printed = run("analyze", path, "--format", "json", "--date", "2027-01-01")
        let written = run("analyze", path, "--format", "json", "--output", out, "--date", "2027-01-01")
        #expect(printed.status == .success && written.status == .success, "\(written.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(printed.stdout.utf8))
        let all = try Self.listed(Data(printed.stdout.utf8))
        #expect(all.listed == "all" && all.statuses.count == all.total)
        let open = run("analyze", path, "--format", "json", "--findings", "open", "--date", "2027-01-01")
        let openListed = try Self.listed(Data(open.stdout.utf8))
        #expect(openListed.listed == "open" && openListed.total == all.total)
        #expect(openListed.statuses.allSatisfy { $0 == "gap" || $0 == "partial" } && openListed.statuses.count < all.total)
    }

    @Test(arguments: [["gaps", "--format", "json"], ["check", "--format", "json"], ["check", "--format", "sarif"]])
    func streamedFilesHoldWhatIsPrinted(command: [String]) throws {
        let folder = try temporaryFolder()
        let path = try write(Self.model, "m.json", in: folder)
        let out = folder.appendingPathComponent("out.txt").path
        let printed = run([command[0], path] + command.dropFirst() + ["--date", "2027-01-01"])
        let written = run([command[0], path] + command.dropFirst() + ["--output", out, "--date", "2027-01-01"])
        #expect(printed.status == written.status, "\(written.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)) == Data(printed.stdout.utf8))
    }

    @Test func reportListsOpenFindingsUnlessAskedForAll() throws {
        let folder = try temporaryFolder()
        let path = try write(Self.model, "m.json", in: folder)
        let out = folder.appendingPathComponent("out").path
        #expect(run("report", path, "--output", out, "--date", "2027-01-01").status == .success)
        let open = try Self.listed(Data(contentsOf: URL(fileURLWithPath: out + "/m.json")))
        #expect(open.listed == "open" && open.statuses.allSatisfy { $0 == "gap" || $0 == "partial" })
        #expect(run("report", path, "--output", out, "--findings", "all", "--date", "2027-01-01").status == .success)
        let all = try Self.listed(Data(contentsOf: URL(fileURLWithPath: out + "/m.json")))
        #expect(all.listed == "all" && all.statuses.count == all.total && all.total > open.statuses.count)
        // No temporary file is left beside the outputs.
        #expect(try FileManager.default.contentsOfDirectory(atPath: out).filter { $0.hasPrefix(".") }.isEmpty)
        #expect(run("report", path, "--output", out, "--findings", "some").status == .invalid)
    }
}
