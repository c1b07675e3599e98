import Foundation
import Testing
import ThreatGraph

/// The catalog's rules on a small catalog built here: which threats apply where, what a control mitigates,
/// what groups as one weakness, and what `catalog validate` rejects.
@Suite struct CatalogRulesTests {
    /// A threat as JSON; `extra` adds members.
    static func threat(_ id: String, tactics: [String] = ["AML.TA0005"], appliesTo: [String] = [], parent: String? = nil, extra: String = "") -> String {
        let p = parent.map { #""parent": "\#($0)", "# } ?? ""
        return #"{"id": "\#(id)", "name": "\#(id)", "framework": "\#(id.hasPrefix("AML.") ? "atlas" : "owasp-llm-2025")", "summary": "s", \#(p)"tactics": \#(json(tactics)), "severity": "high", "likelihood": 0.5, "appliesTo": \#(json(appliesTo)), "vector": "input", "basis": {"appliesTo": "a", "severity": "s", "likelihood": "l", "vector": "v", "requires": "r", "equivalent": {"AML.T0001": "same attack"}}\#(extra)}"#
    }

    static func control(_ id: String, mitigates: [String], deployOn: [String], scope: String = "asset", extra: String = "") -> String {
        #"{"id": "\#(id)", "name": "\#(id)", "layer": "model", "kind": "preventive", "scope": "\#(scope)", "summary": "s", "mitigates": \#(json(mitigates)), "deployOn": \#(json(deployOn)), "effectiveness": 0.5, "cost": 1\#(extra)}"#
    }

    static func json(_ strings: [String]) -> String { "[" + strings.map { "\"\($0)\"" }.joined(separator: ", ") + "]" }

    /// A catalog of three kinds (`llm`, `queue`, `agent`), a parent technique on all three with a sub-technique on `llm`
    /// and one on `agent` that needs `browses-web`, and the given extras.
    static func load(threats: [String] = [], controls: [String] = []) throws -> (Catalog, [Diagnostic]) {
        let layers = CatalogSchema.layerIDs.enumerated().map { #"{"id": "\#($1)", "name": "\#($1)", "order": \#($0 + 1)}"# }.joined(separator: ", ")
        let kinds = ["llm", "queue", "agent"].map { #"{"id": "\#($0)", "name": "\#($0)", "summary": "s", "layer": "model", "aliases": ["\#($0)-word", "shared-word"]}"# }
        let base = """
        {"layers": [\(layers)],
         "assetKinds": [\(kinds.joined(separator: ", "))],
         "capabilities": [{"id": "browses-web", "name": "Browses", "summary": "s"}],
         "tactics": [{"id": "AML.TA0005", "name": "Execution", "order": 5}, {"id": "AML.TA0002", "name": "Reconnaissance", "order": 1}],
         "threats": [\((threats + [
            threat("AML.T0001", appliesTo: ["llm", "agent", "queue"]),
            threat("AML.T0001.000", appliesTo: ["llm"], parent: "AML.T0001"),
            threat("AML.T0001.001", appliesTo: ["agent"], parent: "AML.T0001", extra: #", "requires": ["browses-web"]"#),
         ]).joined(separator: ", "))],
         "controls": [\((controls + [control("ctl.model.base", mitigates: ["AML.T0001"], deployOn: ["llm", "agent", "queue"])]).joined(separator: ", "))]}
        """
        let (catalog, diagnostics) = CatalogLoader.load(base: [InputFile(name: "base.json", bytes: Array(base.utf8))])
        return (try #require(catalog, "\(diagnostics.map(\.rendered))"), diagnostics)
    }

    static func codes(_ catalog: Catalog) -> [String] { CatalogValidator.validate(catalog).map(\.code) }

    @Test func aTechniqueOfOnlyAdversarySideTacticsMayTargetNoAsset() throws {
        let (recon, _) = try Self.load(threats: [Self.threat("AML.T0002", tactics: ["AML.TA0002"], appliesTo: ["llm"])])
        #expect(Self.codes(recon).contains("catalog.non-asset-threat"))
        let (fixed, _) = try Self.load(threats: [Self.threat("AML.T0002", tactics: ["AML.TA0002"])])
        #expect(!Self.codes(fixed).contains("catalog.non-asset-threat"))
        #expect(Applicability(catalog: fixed, frameworks: ["atlas"]).threats(forKind: "llm").allSatisfy { fixed.threats[$0].id != "AML.T0002" })
        // The built-in catalog keeps the rule.
        #expect(!CatalogValidator.validate(builtInCatalog()).contains { $0.code == "catalog.non-asset-threat" })
    }

    @Test func aConduitIsNoTarget() throws {
        // The parent lists the queue, but its sub-techniques name the reader kinds: only the parent lands on the queue,
        // and an injection entry that names only the reader lands nowhere else.
        let (catalog, _) = try Self.load(threats: [Self.threat("LLM01:2025", appliesTo: ["llm"])],
                                         controls: [Self.control("ctl.model.filter", mitigates: ["LLM01:2025"], deployOn: ["llm"], scope: "inbound")])
        let applicability = Applicability(catalog: catalog, frameworks: ["atlas", "owasp-llm-2025"])
        #expect(!applicability.applies("LLM01:2025", toKind: "queue", in: catalog))
        #expect(applicability.applies("LLM01:2025", toKind: "llm", in: catalog))
        let builtIn = builtInCatalog()
        for id in ["AML.T0051", "AML.T0051.001", "AML.T0051.002", "AML.T0061", "ASI02"] {
            let kinds = try #require(builtIn.threat(id)).appliesTo
            #expect(!kinds.contains("external-api") && !kinds.contains("message-queue"), "\(id) targets a conduit")
        }
    }

    @Test func aThreatRequiringACapabilityLandsOnlyWhereItIsDeclared() throws {
        let (catalog, _) = try Self.load()
        let a = Applicability(catalog: catalog, frameworks: ["atlas"])
        let ids = { (caps: Set<String>) in a.threats(forKind: "agent", capabilities: caps).map { catalog.threats[$0].id } }
        #expect(ids([]).isEmpty)
        #expect(ids(["browses-web"]) == ["AML.T0001.001"])
        #expect(a.threats(forKind: "agent") == a.threats(forKind: "agent", capabilities: []))
        #expect(a.applies("AML.T0001.001", toKind: "agent", capabilities: ["browses-web", "sends-messages"], in: catalog))
        // The parent does not stand in for a sub-technique the asset lacks the capability for (the agent above gets
        // nothing); it stays on kinds no sub-technique names.
        #expect(a.threats(forKind: "queue").map { catalog.threats[$0].id } == ["AML.T0001"])
    }

    @Test func aParentCoversOnlyTheSubTechniquesItDoesNotExclude() throws {
        let (catalog, _) = try Self.load(controls: [
            Self.control("ctl.model.partial", mitigates: ["AML.T0001"], deployOn: ["llm", "agent"], extra: #", "excludes": ["AML.T0001.001"]"#),
        ])
        let partial = try #require(catalog.control("ctl.model.partial"))
        #expect(catalog.mitigates(partial, "AML.T0001.000"))
        #expect(!catalog.mitigates(partial, "AML.T0001.001"))
        let ci = try #require(catalog.controlIndex["ctl.model.partial"])
        #expect(catalog.mitigatedThreats(byControl: ci).map { catalog.threats[$0].id } == ["AML.T0001", "AML.T0001.000"])
        let base = try #require(catalog.controlIndex["ctl.model.base"])
        #expect(catalog.mitigatedThreats(byControl: base).count == 3)
        #expect(!Self.codes(catalog).contains("catalog.parent-overreach"))
    }

    @Test func validateRejectsAParentListingThatReachesTooFar() throws {
        // Deployable only on llm, the control claims AML.T0001.001 through the parent, but that lands only on agents.
        let (over, _) = try Self.load(controls: [Self.control("ctl.model.over", mitigates: ["AML.T0001"], deployOn: ["llm"])])
        #expect(Self.codes(over).contains("catalog.parent-overreach"))
        // An inbound filter works downstream of where it sits, so the rule does not apply to it.
        let (filter, _) = try Self.load(controls: [Self.control("ctl.model.over", mitigates: ["AML.T0001"], deployOn: ["llm"], scope: "inbound")])
        #expect(!Self.codes(filter).contains("catalog.parent-overreach"))
        // Excluding something that is no sub-technique of a listed parent is an error.
        let (bad, _) = try Self.load(controls: [Self.control("ctl.model.bad", mitigates: ["AML.T0001.000"], deployOn: ["llm"], extra: #", "excludes": ["AML.T0001.001"]"#)])
        #expect(Self.codes(bad).contains("catalog.exclude"))
    }

    @Test func onlyTrueEquivalentsGroupAndAnEquivalentParentBringsItsSubTechniques() throws {
        let (catalog, _) = try Self.load(threats: [
            Self.threat("LLM01:2025", appliesTo: ["llm"], extra: #", "related": ["AML.T0001"], "equivalent": ["AML.T0001"]"#),
            Self.threat("LLM07:2025", appliesTo: ["llm"], extra: #", "related": ["AML.T0001.000"]"#),
        ], controls: [Self.control("ctl.model.llm", mitigates: ["LLM01:2025", "LLM07:2025"], deployOn: ["llm"])])
        #expect(catalog.equivalents(of: "LLM01:2025") == ["AML.T0001", "AML.T0001.000", "AML.T0001.001"])
        #expect(catalog.sameWeakness("AML.T0001.000", "LLM01:2025"))
        #expect(catalog.sameWeakness("LLM01:2025", "AML.T0001"))
        // A citation is not an equivalence, and sibling sub-techniques are different weaknesses.
        #expect(!catalog.sameWeakness("LLM07:2025", "AML.T0001.000"))
        #expect(!catalog.sameWeakness("AML.T0001.000", "AML.T0001.001"))
        #expect(!Self.codes(catalog).contains("catalog.unknown-reference"))
    }

    @Test func validateRejectsUnknownCapabilitiesParentCyclesAndSelfParents() throws {
        let (catalog, _) = try Self.load(threats: [
            Self.threat("AML.T0003", appliesTo: ["llm"], extra: #", "requires": ["browses-the-web"]"#),
            Self.threat("AML.T0004", parent: "AML.T0004"),
            Self.threat("AML.T0005", parent: "AML.T0006"),
            Self.threat("AML.T0006", parent: "AML.T0005"),
        ], controls: [Self.control("ctl.model.c", mitigates: ["AML.T0003"], deployOn: ["llm"])])
        let problems = CatalogValidator.validate(catalog)
        #expect(problems.contains { $0.code == "catalog.unknown-reference" && $0.notes.contains("did you mean 'browses-web'?") })
        #expect(problems.filter { $0.code == "catalog.parent-cycle" }.count == 3, "\(problems.map(\.rendered))")
        #expect(problems.contains { $0.message.contains("'AML.T0004' is its own parent") })
    }

    @Test func aCatalogLinkMustBeAWebURL() throws {
        let overlay = #"{"threats": [\#(Self.threat("AML.T0007", extra: #", "url": "javascript:alert(1)""#))], "tactics": [{"id": "AML.TA0009", "name": "T", "order": 9, "url": "file:///etc/passwd"}]}"#
        let layers = CatalogSchema.layerIDs.enumerated().map { #"{"id": "\#($1)", "name": "\#($1)", "order": \#($0 + 1)}"# }.joined(separator: ", ")
        let base = InputFile(name: "base.json", bytes: Array(#"{"layers": [\#(layers)]}"#.utf8))
        let (loaded, problems) = CatalogLoader.load(base: [base], overlays: [InputFile(name: "overlay.json", bytes: Array(overlay.utf8))])
        #expect(loaded == nil)
        #expect(problems.filter { $0.code == "catalog.url" }.count == 2, "\(problems.map(\.rendered))")
        #expect(CatalogSchema.isWebURL("https://atlas.mitre.org/techniques/AML.T0051"))
        #expect(!CatalogSchema.isWebURL("https://") && !CatalogSchema.isWebURL("http://a b") && !CatalogSchema.isWebURL("ftp://x"))
    }

    @Test func anEntryOfAnotherFrameworkSaysWhyItHasItsTactics() throws {
        let owasp = Self.threat("LLM02:2025", appliesTo: ["llm"])
            .replacingOccurrences(of: #""requires": "r""#, with: #""requires": "r", "tactics": "Exfiltration via AI Inference API is Exfiltration.""#)
        let (catalog, diagnostics) = try Self.load(threats: [owasp])
        #expect(!diagnostics.contains { $0.code.hasSuffix("unknown-field") }, "\(diagnostics.map(\.rendered))")
        #expect(catalog.threat("LLM02:2025")?.basis["tactics"] == "Exfiltration via AI Inference API is Exfiltration.")
    }

    @Test func everyOWASPEntryOnAnAssetHasTacticsThatExistOrSaysWhyNone() throws {
        let catalog = builtInCatalog()
        let owasp = catalog.threats.filter { $0.framework.hasPrefix("owasp-") }
        #expect(owasp.count == 40)
        for threat in owasp {
            for t in threat.tactics { #expect(catalog.tactic(t) != nil, "\(threat.id) names unknown tactic \(t)") }
            guard !threat.appliesTo.isEmpty else { continue }
            let why = threat.basis["tactics"] ?? ""
            #expect(!threat.tactics.isEmpty || !why.isEmpty, "\(threat.id) applies to assets with no tactic and no basis saying why")
            #expect(threat.tactics.isEmpty || !why.isEmpty, "\(threat.id) has tactics with no basis")
        }
    }

    @Test func usersWordsForKindsAreAliasesOrSuggestions() throws {
        let (catalog, _) = try Self.load()
        #expect(catalog.kinds(forWord: "LLM-Word") == ["llm"])
        #expect(catalog.kinds(forWord: "shared-word") == ["agent", "llm", "queue"])
        #expect(catalog.kinds(forWord: "queue") == ["queue"])
        #expect(catalog.kinds(forWord: "nothing").isEmpty)
        let builtIn = builtInCatalog()
        for (word, kind) in [("lambda", "compute-function"), ("s3", "object-storage"), ("mcp-server", "agent-tool"), ("dynamodb", "nosql-database")] {
            #expect(builtIn.kinds(forWord: word) == [kind], "\(word)")
        }
        for word in ["opensearch", "bedrock"] { #expect(builtIn.kinds(forWord: word).count > 1, "\(word) is ambiguous") }
    }
}
