import Foundation
import Testing
import ThreatGraphCLI

/// The infrastructure fixtures of the library tests.
let infrastructure = packageRoot.appendingPathComponent("Tests/ThreatGraphTests/Fixtures/Import")

@Suite struct ImportCommandTests {
    static let plan = infrastructure.appendingPathComponent("ecommerce-qna-chatbot.plan.json").path
    static let template = infrastructure.appendingPathComponent("ecommerce-qna-chatbot.template.json").path

    @Test(arguments: [("terraform", plan), ("cloudformation", template)])
    func importWritesAModelThatValidates(_ format: String, _ input: String) throws {
        let folder = try temporaryFolder()
        let out = folder.appendingPathComponent("model.json").path
        let r = run("import", format, input, "--output", out, "--name", "Chatbot")
        #expect(r.status == .success, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        #expect(r.stderr.contains("read ") && r.stderr.contains("mapped to assets") && r.stderr.contains("skipped"))
        let v = run("validate", out)
        #expect(v.status == .success, "\(v.stderr)")
        #expect(!v.stderr.contains("warning"), "\(v.stderr)")
        let text = try String(contentsOfFile: out, encoding: .utf8)
        #expect(text.contains("\"source\": "))
        #expect(text.contains("\"inferred\": true"))
        #expect(text.contains("\"name\": \"Chatbot\""))
    }

    @Test func outputIsDeterministic() {
        let a = run("import", "terraform", Self.plan)
        let b = run("import", "terraform", Self.plan)
        #expect(a.status == .success)
        #expect(!a.stdout.isEmpty && a.stdout == b.stdout)
    }

    @Test func theInputIsNeverWritten() throws {
        let folder = try temporaryFolder()
        let copy = folder.appendingPathComponent("plan.json").path
        try FileManager.default.copyItem(atPath: Self.plan, toPath: copy)
        let before = try Data(contentsOf: URL(fileURLWithPath: copy))
        let r = run("import", "terraform", copy, "--output", copy)
        #expect(r.status == .invalid)
        #expect(r.stderr.contains("input file"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: copy)) == before)
    }

    @Test func yamlAndBrokenFilesEndInExitTwoWithNothingWritten() throws {
        let folder = try temporaryFolder()
        let yaml = try write("Resources:\n  Bucket:\n    Type: AWS::S3::Bucket\n", "template.yaml", in: folder)
        let out = folder.appendingPathComponent("model.json").path
        let r = run("import", "cloudformation", yaml, "--output", out)
        #expect(r.status == .invalid)
        #expect(r.stderr.contains("template.yaml:1:1: error:") && r.stderr.contains("cdk synth --json") && r.stderr.contains("cfn-flip"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let bad = try write("{\"planned_values\": {\"root_module\": {\"resources\": [}}}", "plan.json", in: folder)
        let b = run("import", "terraform", bad, "--output", out)
        #expect(b.status == .invalid && b.stderr.contains("plan.json:1:"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func reimportMergesIntoTheModel() throws {
        let folder = try temporaryFolder()
        let out = folder.appendingPathComponent("model.json").path
        #expect(run("import", "terraform", Self.plan, "--output", out).status == .success)
        var text = try String(contentsOfFile: out, encoding: .utf8)
        text = text.replacingOccurrences(of: "\"actors\": [", with: """
            "actors": [
                {"id": "support-rep", "name": "Support representative", "trust": "insider"},
            """)
        text = text.replacingOccurrences(of: "\"name\": \"ecommerce-chat-history\"", with: "\"name\": \"Chat history\", \"crownJewel\": true")
        try Data(text.utf8).write(to: URL(fileURLWithPath: out))
        let r = run("import", "terraform", Self.plan, "--output", out)
        #expect(r.status == .success, "\(r.stderr)")
        #expect(r.stderr.contains("merged into"))
        let merged = try String(contentsOfFile: out, encoding: .utf8)
        #expect(merged.contains("\"support-rep\""))
        #expect(merged.contains("\"Chat history\""))
        #expect(merged.contains("\"crownJewel\": true"))
        #expect(run("validate", out).status == .success)
    }

    @Test func theCommittedImportOfTheExampleIsCurrent() throws {
        let committed = infrastructure.appendingPathComponent("ecommerce-qna-chatbot.imported.json").path
        let r = run("import", "terraform", Self.plan, "--name", "E-commerce QnA chatbot (imported from Terraform)")
        #expect(r.status == .success)
        let text = try String(contentsOfFile: committed, encoding: .utf8)
        #expect(r.stdout == text, "stale: run threatgraph import terraform \(Self.plan) --name 'E-commerce QnA chatbot (imported from Terraform)' --output \(committed)")
        #expect(run("validate", committed).status == .success)
    }

    @Test func hostileNamesAreEscapedEverywhere() throws {
        let folder = try temporaryFolder()
        let plan = try write("""
            {"planned_values": {"root_module": {"resources": [
              {"address": "aws_s3_bucket.x\\nerror: forged", "type": "aws_s3_bucket", "values": {"bucket": "a\\\"b\\u001b[31m</script>"}},
              {"address": "evil.t", "type": "evil\\nerror: forged \\u001b[2J", "values": {}}
            ]}}}
            """, "plan.json", in: folder)
        let out = folder.appendingPathComponent("model.json").path
        let r = run("import", "terraform", plan, "--output", out)
        #expect(r.status == .success, "\(r.stderr)")
        #expect(!r.stderr.contains("\u{1b}") && !r.stderr.contains("\nerror: forged"), "\(r.stderr)")
        #expect(run("validate", out).status == .success)
        let model = try String(contentsOfFile: out, encoding: .utf8)
        #expect(model.contains("\"id\": \"x-error-forged\""), "\(model)")
    }

    @Test func helpListsImport() {
        let r = run("--help")
        #expect(r.stdout.contains("import terraform") && r.stdout.contains("import cloudformation"))
        let h = run("import", "terraform", "--help")
        #expect(h.status == .success && h.stdout.contains("--output FILE") && h.stdout.contains("--name NAME"))
    }
}

@Suite struct DriftCommandTests {
    /// The imported model written to a folder, with `edit` applied to its text.
    static func model(_ edit: (String) -> String = { $0 }) throws -> (folder: URL, path: String) {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("model.json").path
        #expect(run("import", "terraform", ImportCommandTests.plan, "--output", path).status == .success)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try Data(edit(text).utf8).write(to: URL(fileURLWithPath: path))
        return (folder, path)
    }

    /// Claims KMS encryption on the exports bucket, which the plan contradicts.
    static func claimEncryption(_ text: String) -> String {
        text.replacingOccurrences(of: "\"source\": \"aws_s3_bucket.exports\",\n      \"controls\": [", with: """
            "source": "aws_s3_bucket.exports", "controls": [{"id": "ctl.data.encryption-at-rest", "status": "implemented", "note": "SSE-KMS"},
            """)
    }

    @Test func aMatchingModelPasses() throws {
        let (_, path) = try Self.model()
        let r = run("check", path, "--against", "terraform:" + ImportCommandTests.plan)
        #expect(r.status == .success, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.contains("drift check passed"))
    }

    @Test(arguments: ["text", "json", "sarif"])
    func aContradictedControlFails(_ format: String) throws {
        let (_, path) = try Self.model(Self.claimEncryption)
        let r = run("check", path, "--against", "terraform:" + ImportCommandTests.plan, "--format", format)
        #expect(r.status == .findings, "\(r.stderr)")
        #expect(r.stdout.contains("drift.control-contradicted"))
        #expect(r.stdout.contains("aws_s3_bucket.exports"))
        if format == "sarif" { #expect(r.stdout.contains("\"ruleId\" : \"drift.control-contradicted\"") && r.stdout.contains("\"version\" : \"2.1.0\"")) }
        if format == "json" { #expect(r.stdout.contains("\"passed\": false")) }
    }

    @Test func missingAssetsFailOnlyAtTheirLevel() throws {
        let (_, path) = try Self.model { $0.replacingOccurrences(of: "\"resources\": [\n        \"aws_sqs_queue.order_events\"\n      ],", with: "") }
        let high = run("check", path, "--against", "terraform:" + ImportCommandTests.plan)
        #expect(high.status == .success, "\(high.stdout)")
        #expect(high.stdout.contains("drift.asset-missing"))
        let medium = run("check", path, "--against", "terraform:" + ImportCommandTests.plan, "--fail-on", "medium")
        #expect(medium.status == .findings)
    }

    @Test func aBadAgainstIsAUsageError() throws {
        let (_, path) = try Self.model()
        let r = run("check", path, "--against", "terrafrom:plan.json")
        #expect(r.status == .invalid)
        #expect(r.stderr.contains("did you mean 'terraform:plan.json'?"))
    }
}
