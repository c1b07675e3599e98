import Testing
import ThreatGraph

/// One validation rule: a model that breaks it, the same model fixed, and the diagnostic code expected.
struct RuleCase: CustomTestStringConvertible, Sendable {
    var rule: String
    var code: String
    var severity: Diagnostic.Severity
    var bad: String
    var good: String
    var testDescription: String { rule }
}

let asset2 = #"[{"id": "llm", "kind": "llm-endpoint"}, {"id": "db", "kind": "nosql-database"}]"#

let ruleCases: [RuleCase] = [
    RuleCase(rule: "missing required field", code: "model.missing-field", severity: .error,
             bad: #"{"threatgraph": "1", "assets": []}"#, good: #"{"threatgraph": "1", "name": "x", "assets": []}"#),
    RuleCase(rule: "wrong type", code: "model.wrong-type", severity: .error,
             bad: #"{"threatgraph": "1", "name": 5, "assets": []}"#, good: #"{"threatgraph": "1", "name": "5", "assets": []}"#),
    RuleCase(rule: "unknown format version", code: "model.invalid-value", severity: .error,
             bad: #"{"threatgraph": "2", "name": "x", "assets": []}"#, good: #"{"threatgraph": "1", "name": "x", "assets": []}"#),
    RuleCase(rule: "duplicate id across entities", code: "model.duplicate-id", severity: .error,
             bad: model(#""actors": [{"id": "llm", "trust": "anonymous"}]"#), good: model(#""actors": [{"id": "user", "trust": "anonymous"}]"#)),
    RuleCase(rule: "duplicate member", code: "model.duplicate-key", severity: .error,
             bad: model(assets: #"[{"id": "llm", "kind": "llm-endpoint", "kind": "agent"}]"#), good: model()),
    RuleCase(rule: "invalid id", code: "model.invalid-id", severity: .error,
             bad: model(assets: #"[{"id": "my llm", "kind": "llm-endpoint"}]"#), good: model()),
    RuleCase(rule: "unknown asset kind", code: "model.unknown-kind", severity: .error,
             bad: model(assets: #"[{"id": "llm", "kind": "llm-endpiont"}]"#), good: model()),
    RuleCase(rule: "unknown id in a flow", code: "model.unknown-reference", severity: .error,
             bad: model(#""flows": [{"from": "llm", "to": "dbb"}]"#, assets: asset2), good: model(#""flows": [{"from": "llm", "to": "db"}]"#, assets: asset2)),
    RuleCase(rule: "unknown boundary", code: "model.unknown-reference", severity: .error,
             bad: model(assets: #"[{"id": "llm", "kind": "llm-endpoint", "boundary": "vpc"}]"#),
             good: model(#""boundaries": [{"id": "vpc"}]"#, assets: #"[{"id": "llm", "kind": "llm-endpoint", "boundary": "vpc"}]"#)),
    RuleCase(rule: "boundary cycle", code: "model.boundary-cycle", severity: .error,
             bad: model(#""boundaries": [{"id": "a", "parent": "b"}, {"id": "b", "parent": "a"}]"#),
             good: model(#""boundaries": [{"id": "a", "parent": "b"}, {"id": "b"}]"#)),
    RuleCase(rule: "unknown control", code: "model.unknown-control", severity: .error,
             bad: model(assets: #"[{"id": "llm", "kind": "llm-endpoint", "controls": [{"id": "ctl.model.guardrail", "status": "implemented"}]}]"#),
             good: model(assets: #"[{"id": "llm", "kind": "llm-endpoint", "controls": [{"id": "ctl.model.guardrails", "status": "implemented"}]}]"#)),
    RuleCase(rule: "invalid control status", code: "model.invalid-value", severity: .error,
             bad: model(assets: #"[{"id": "llm", "kind": "llm-endpoint", "controls": [{"id": "ctl.model.guardrails", "status": "done"}]}]"#),
             good: model(assets: #"[{"id": "llm", "kind": "llm-endpoint", "controls": [{"id": "ctl.model.guardrails", "status": "planned"}]}]"#)),
    RuleCase(rule: "malformed date", code: "model.invalid-date", severity: .error,
             bad: model(#""acceptedRisks": [{"threat": "AML.T0051.000", "asset": "llm", "reason": "r", "owner": "o", "expires": "2027-02-30"}]"#),
             good: model(#""acceptedRisks": [{"threat": "AML.T0051.000", "asset": "llm", "reason": "r", "owner": "o", "expires": "2027-02-28"}]"#)),
    RuleCase(rule: "unknown threat in notApplicable", code: "model.unknown-threat", severity: .error,
             bad: model(#""notApplicable": [{"threat": "AML.T9999", "asset": "llm", "reason": "r"}]"#),
             good: model(#""notApplicable": [{"threat": "AML.T0051.000", "asset": "llm", "reason": "r"}]"#)),
    RuleCase(rule: "unknown asset in acceptance", code: "model.unknown-reference", severity: .error,
             bad: model(#""acceptedRisks": [{"threat": "AML.T0051.000", "asset": "lm", "reason": "r", "owner": "o", "expires": "2027-01-01"}]"#),
             good: model(#""acceptedRisks": [{"threat": "AML.T0051.000", "asset": "llm", "reason": "r", "owner": "o", "expires": "2027-01-01"}]"#)),
    RuleCase(rule: "unknown control in override", code: "model.unknown-control", severity: .error,
             bad: model(#""overrides": [{"control": "ctl.nope", "effectiveness": 0.2, "reason": "r"}]"#),
             good: model(#""overrides": [{"control": "ctl.model.guardrails", "effectiveness": 0.2, "reason": "r"}]"#)),
    RuleCase(rule: "override without control or threat", code: "model.missing-field", severity: .error,
             bad: model(#""overrides": [{"effectiveness": 0.2, "reason": "r"}]"#),
             good: model(#""overrides": [{"threat": "AML.T0051.000", "likelihood": 0.2, "reason": "r"}]"#)),
    RuleCase(rule: "unknown framework", code: "model.invalid-value", severity: .error,
             bad: model(#""frameworks": ["atlas", "owasp-llm"]"#), good: model(#""frameworks": ["atlas", "owasp-llm-2025"]"#)),
    RuleCase(rule: "out-of-range number", code: "model.out-of-range", severity: .error,
             bad: model(#""overrides": [{"control": "ctl.model.guardrails", "effectiveness": 1.5, "reason": "r"}]"#),
             good: model(#""overrides": [{"control": "ctl.model.guardrails", "effectiveness": 1, "reason": "r"}]"#)),
    RuleCase(rule: "unknown field", code: "model.unknown-field", severity: .warning,
             bad: model(assets: #"[{"id": "llm", "kind": "llm-endpoint", "crownjewel": true}]"#),
             good: model(assets: #"[{"id": "llm", "kind": "llm-endpoint", "crownJewel": true}]"#)),
    RuleCase(rule: "control on a kind its deployOn does not list", code: "model.control-placement", severity: .warning,
             bad: model(#""flows": [{"from": "llm", "to": "db", "controls": [{"id": "ctl.model.guardrails", "status": "implemented"}]}]"#, assets: asset2),
             good: model(#""flows": [{"from": "llm", "to": "db", "controls": [{"id": "ctl.data.tls-in-transit", "status": "implemented"}]}]"#, assets: asset2)),
    RuleCase(rule: "acceptance that matches nothing", code: "model.matches-nothing", severity: .warning,
             bad: model(#""acceptedRisks": [{"threat": "AML.T0051.000", "asset": "db", "reason": "r", "owner": "o", "expires": "2027-01-01"}]"#, assets: asset2),
             good: model(#""acceptedRisks": [{"threat": "AML.T0051.000", "asset": "llm", "reason": "r", "owner": "o", "expires": "2027-01-01"}]"#, assets: asset2)),
    RuleCase(rule: "flow into an actor", code: "model.flow-into-actor", severity: .warning,
             bad: model(#""actors": [{"id": "u", "trust": "insider"}], "flows": [{"from": "llm", "to": "u"}]"#),
             good: model(#""actors": [{"id": "u", "trust": "insider"}], "flows": [{"from": "u", "to": "llm", "bidirectional": true}]"#)),
    RuleCase(rule: "self-flow", code: "model.self-flow", severity: .warning,
             bad: model(#""flows": [{"from": "llm", "to": "llm"}]"#), good: model(#""flows": [{"from": "llm", "to": "db"}]"#, assets: asset2)),
]

@Suite struct ModelValidationTests {
    @Test(arguments: ruleCases)
    func eachRuleFailsAndPasses(_ c: RuleCase) {
        let (badWorkload, bad) = loadModel(c.bad)
        let hit = bad.first { $0.code == c.code }
        #expect(hit?.severity == c.severity, "expected \(c.code) in \(bad.map(\.rendered))")
        if let location = hit?.location {
            #expect(location.file == "model.json" && location.line >= 1 && location.column >= 1)
        }
        #expect((badWorkload == nil) == (c.severity == .error))
        let (goodWorkload, good) = loadModel(c.good)
        #expect(goodWorkload != nil, "\(good.map(\.rendered))")
        #expect(!good.contains { $0.code == c.code }, "\(good.map(\.rendered))")
    }

    @Test func tenMistakesGiveTenLocatedErrors() {
        let text = """
        {
          "threatgraph": "1",
          "name": "ten mistakes",
          "cloud": "aws",
          "frameworks": ["atlas", "owasp-llm-2024"],
          "actors": [{"id": "user", "trust": "visitor"}],
          "boundaries": [{"id": "a", "parent": "b"}, {"id": "b", "parent": "a"}],
          "assets": [
            {"id": "api", "kind": "api-gatway"},
            {"id": "llm", "kind": "llm-endpoint", "controls": [{"id": "ctl.model.nope", "status": "implemented"}]},
            {"id": "llm", "kind": "agent"},
            {"id": "db", "kind": "nosql-database", "sensitivity": 3}
          ],
          "flows": [{"from": "usr", "to": "api"}],
          "acceptedRisks": [{"threat": "AML.T0051.000", "asset": "llm", "reason": "r", "owner": "o", "expires": "next year"}],
          "notApplicable": [{"threat": "LLM99:2025", "asset": "llm", "reason": "r"}]
        }
        """
        let (workload, diagnostics) = loadModel(text)
        let errors = diagnostics.filter { $0.severity == .error }
        #expect(workload == nil)
        #expect(errors.count == 10, "\(errors.map(\.rendered).joined(separator: "\n"))")
        for e in errors {
            #expect(e.location?.line ?? 0 > 0 && e.location?.column ?? 0 > 0 && !(e.location?.path ?? "").isEmpty, "\(e.rendered)")
        }
        let kind = errors.first { $0.code == "model.unknown-kind" }
        #expect(kind?.notes.contains("did you mean 'api-gateway'?") == true)
        #expect(kind?.rendered.hasPrefix("model.json:9:") == true)
        #expect(kind?.rendered.contains("\n  at assets[0].kind") == true)
    }

    @Test func mergesFilesAndFindsDuplicatesAcrossThem() {
        let catalog = builtInCatalog()
        let a = InputFile(name: "a.json", bytes: Array(model().utf8))
        let b = InputFile(name: "b.json", bytes: Array(#"{"threatgraph": "1", "name": "b", "assets": [{"id": "db", "kind": "nosql-database"}], "flows": [{"from": "llm", "to": "db"}]}"#.utf8))
        let (merged, diagnostics) = ModelLoader.load([a, b], catalog: catalog)
        #expect(diagnostics.isEmpty)
        #expect(merged?.name == "test")
        #expect(merged?.assets.map(\.id) == ["llm", "db"])
        #expect(merged?.files == ["a.json", "b.json"])
        let (dup, dupDiagnostics) = ModelLoader.load([a, a], catalog: catalog)
        #expect(dup == nil)
        #expect(dupDiagnostics.contains { $0.code == "model.duplicate-id" && $0.notes.first?.hasPrefix("first defined at a.json:1:") == true })
    }

    @Test func flowIDsDefaultToEndpointsWithCounters() throws {
        let (w, _) = loadModel(model(#""flows": [{"from": "llm", "to": "db"}, {"from": "llm", "to": "db"}, {"id": "named", "from": "db", "to": "llm"}]"#, assets: asset2))
        #expect(try #require(w).flows.map(\.id) == ["llm->db", "llm->db#2", "named"])
    }

    @Test func acceptsSchemaMemberAndDefaults() throws {
        let (w, diagnostics) = loadModel(model(#""$schema": "./threatgraph-model.schema.json""#))
        #expect(diagnostics.isEmpty)
        let asset = try #require(w?.assets.first)
        #expect(asset.name == "llm" && asset.sensitivity == .internal && !asset.crownJewel)
    }

    @Test func syntaxErrorsAreLocated() {
        let (w, diagnostics) = loadModel("{\n  \"threatgraph\": \"1\",\n  \"name\": \"x\"\n  \"assets\": []\n}")
        #expect(w == nil)
        #expect(diagnostics.map(\.rendered) == ["model.json:4:3: error: unexpected '\"': expected ',' or '}' [model.syntax]"])
    }
}
