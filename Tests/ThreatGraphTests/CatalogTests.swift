import Foundation
import Testing
import ThreatGraph

let referenceAvailable = FileManager.default.fileExists(atPath: referenceFolder.appendingPathComponent("atlas/atlas-summary.json").path)

@Suite struct CatalogTests {
    let catalog = builtInCatalog()

    @Test func embeddedCatalogEqualsCatalogFolder() throws {
        let folder = packageRoot.appendingPathComponent("Catalog")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        let embedded = CatalogLoader.embeddedFiles()
        #expect(embedded.map(\.name) == names.map { "Catalog/\($0)" },
                "the embedded catalog is stale: run 'swift package clean' (SwiftPM can miss a newly added catalog file) and rebuild")
        for file in embedded {
            let onDisk = try Data(contentsOf: folder.appendingPathComponent(String(file.name.dropFirst("Catalog/".count))))
            #expect(Array(onDisk) == file.bytes, "\(file.name) differs from the embedded copy; rebuild")
        }
    }

    @Test func everyInvariantHolds() {
        let problems = CatalogValidator.validate(catalog)
        #expect(problems.isEmpty, "\(problems.prefix(20).map(\.rendered).joined(separator: "\n"))")
    }

    @Test func holdsAllOfATLASAndTheOWASPLists() {
        #expect(catalog.layers.map(\.id) == ["infrastructure", "model", "data", "application", "runtime"])
        #expect(catalog.tactics.count == 16)
        #expect(catalog.threats.filter { $0.framework == "atlas" }.count == 170)
        #expect(catalog.mitigations.count == 35)
        #expect(catalog.caseStudies.count == 57)
        for framework in ["owasp-llm-2025", "owasp-llm-2026", "owasp-agentic-2026", "owasp-ml-2023"] {
            #expect(catalog.threats.filter { $0.framework == framework }.count == 10, "\(framework)")
        }
        #expect(catalog.manifest.sources.first { $0.id == "owasp-ml-2023" }?.status == "draft")
    }

    @Test func holdsTheContractsAssetKinds() {
        let required = ["web-frontend", "api-gateway", "compute-function", "container-service", "llm-endpoint", "custom-model-endpoint", "agent",
                        "agent-tool", "vector-store", "knowledge-base", "object-storage", "nosql-database", "relational-database", "training-data",
                        "feature-store", "model-artifact", "model-registry", "training-job", "notebook", "container-registry", "ci-pipeline",
                        "identity-provider", "secrets-store", "monitoring", "third-party-model", "external-api", "message-queue", "memory-store",
                        "embedding-endpoint", "source-repository"]
        for kind in required { #expect(catalog.kind(kind) != nil, "\(kind)") }
        for kind in catalog.assetKinds {
            #expect(!(kind.services["aws"] ?? []).isEmpty && !(kind.services["azure"] ?? []).isEmpty && !(kind.services["gcp"] ?? []).isEmpty, "\(kind.id)")
        }
    }

    @Test func holdsTheCapabilitiesThreatsNeed() {
        for id in ["browses-web", "computer-use", "executes-code", "sends-messages", "writes-repository", "reads-untrusted-content", "long-term-memory"] {
            #expect(catalog.capability(id) != nil, "\(id)")
        }
        for id in ["AML.T0011.003", "AML.T0078", "AML.T0100"] { #expect(catalog.threat(id)?.requires == ["browses-web"], "\(id)") }
        #expect(catalog.threat("AML.T0050")?.requires == ["executes-code"])
    }

    @Test func everyThreatSaysHowItArrivesAndEveryEquivalentIsRelated() {
        for t in catalog.threats {
            #expect(t.vector != nil && !(t.basis["vector"] ?? "").isEmpty, "\(t.id)")
            for e in t.equivalent { #expect(t.related.contains(e), "\(t.id) ≡ \(e)") }
        }
        #expect(catalog.control("ctl.application.authentication")?.gate == .authenticated)
    }

    @Test func groupsOnlyTrueEquivalents() {
        #expect(catalog.sameWeakness("LLM01:2025", "AML.T0051.000"))
        #expect(catalog.sameWeakness("LLM03:2025", "LLM04:2026"))
        #expect(catalog.sameWeakness("ML04:2023", "AML.T0024.000"))
        // Citations are not equivalences.
        #expect(!catalog.sameWeakness("LLM07:2025", "AML.T0051.000"))
        #expect(!catalog.sameWeakness("LLM02:2025", "AML.T0024.002"))
        #expect(!catalog.sameWeakness("LLM10:2025", "AML.T0034.000"))
    }

    @Test func controlsClaimOnlyWhatTheyReach() throws {
        let guardrails = try #require(catalog.control("ctl.model.guardrails"))
        #expect(catalog.mitigates(guardrails, "AML.T0048.003") && !catalog.mitigates(guardrails, "AML.T0048.004"))
        let endpoints = try #require(catalog.control("ctl.model.private-inference-endpoints"))
        #expect(catalog.mitigates(endpoints, "AML.T0043.001") && !catalog.mitigates(endpoints, "AML.T0043.000"))
        let encryption = try #require(catalog.control("ctl.data.encryption-at-rest"))
        #expect(!catalog.mitigates(encryption, "LLM02:2025"))
        #expect(catalog.threat("AML.T0099")?.appliesTo == ["agent-tool"])
        #expect(catalog.threat("AML.T0047")?.appliesTo.isEmpty == true)
    }

    @Test func subTechniquesUseTheirOwnShortName() throws {
        let direct = try #require(catalog.threat("AML.T0051.000"))
        #expect(direct.name == "Direct")
        #expect(catalog.displayName(of: direct) == "LLM Prompt Injection: Direct")
    }

    @Test(.enabled(if: referenceAvailable || inCI, "needs ../shared/reference (MITRE ATLAS 5.6.0 summary)"))
    func idsAndNamesMatchTheATLASReference() throws {
        let data = try Data(contentsOf: referenceFolder.appendingPathComponent("atlas/atlas-summary.json"))
        let root = try JSONReader.parse(Array(data), limits: JSONLimits(maxDepth: 64))
        for t in root["tactics"]?.array ?? [] {
            let id = t["id"]?.string ?? ""
            #expect(catalog.tactic(id)?.name == t["name"]?.string, "\(id)")
        }
        let techniques = root["techniques"]?.array ?? []
        #expect(techniques.count == 170)
        for t in techniques {
            let id = t["id"]?.string ?? ""
            let threat = catalog.threat(id)
            let parent = t["parent"]?.string
            #expect(threat?.parent == parent, "\(id)")
            // The reference gives some sub-techniques as "Parent: Sub" and some as "Sub"; ours is always "Sub".
            var expected = t["name"]?.string ?? ""
            if let p = parent, let parentName = catalog.threat(p)?.name, expected.hasPrefix(parentName + ": ") {
                expected = String(expected.dropFirst(parentName.count + 2))
            }
            #expect(threat?.name == expected, "\(id)")
            #expect(Set(threat?.tactics ?? []) == Set((t["tactics"]?.array ?? []).compactMap(\.string)), "\(id)")
        }
        for m in root["mitigations"]?.array ?? [] {
            let id = m["id"]?.string ?? ""
            let mitigation = catalog.mitigationIndex[id].map { catalog.mitigations[$0] }
            #expect(mitigation?.name == m["name"]?.string, "\(id)")
            #expect(Set(mitigation?.addresses ?? []) == Set((m["techniques"]?.array ?? []).compactMap(\.string)), "\(id)")
        }
        for c in root["case_studies"]?.array ?? [] {
            let id = c["id"]?.string ?? ""
            let study = catalog.caseStudyIndex[id].map { catalog.caseStudies[$0] }
            #expect(study?.name == c["name"]?.string, "\(id)")
            #expect(study?.techniques == (c["techniques_in_order"]?.array ?? []).compactMap(\.string), "\(id)")
        }
    }

    @Test(.enabled(if: referenceAvailable || inCI, "needs ../shared/reference (OWASP lists)"),
          arguments: [("llm-top10-2025.json", "owasp-llm-2025"), ("llm-top10-2026.json", "owasp-llm-2026"),
                      ("agentic-top10-2026.json", "owasp-agentic-2026"), ("ml-top10-2023.json", "owasp-ml-2023")])
    func idsAndNamesMatchTheOWASPReference(file: String, framework: String) throws {
        let data = try Data(contentsOf: referenceFolder.appendingPathComponent("owasp/\(file)"))
        let root = try JSONReader.parse(Array(data), limits: JSONLimits(maxDepth: 64))
        let entries = root["entries"]?.array ?? []
        #expect(entries.count == 10)
        for e in entries {
            let id = e["id"]?.string ?? ""
            #expect(catalog.threat(id)?.name == e["name"]?.string, "\(id)")
            #expect(catalog.threat(id)?.framework == framework, "\(id)")
            // Every ATLAS id OWASP cites for the entry is a related link.
            let cited = ((e["atlas"]?.array ?? []).compactMap { $0["id"]?.string })
            for a in cited { #expect(catalog.threat(id)?.related.contains(a) == true, "\(id) cites \(a)") }
        }
    }

    @Test func anOverlayReplacesByIdAndIsReported() {
        let overlay = InputFile(name: "extra/controls.json", bytes: Array(#"{"controls": [{"id": "ctl.model.guardrails", "name": "Custom guardrails", "layer": "model", "kind": "preventive", "scope": "inbound", "summary": "s", "mitigates": ["AML.T0051"], "deployOn": ["llm-endpoint"], "effectiveness": 0.5, "cost": 2}]}"#.utf8))
        let (catalog, diagnostics) = CatalogLoader.load(base: CatalogLoader.embeddedFiles(), overlays: [overlay])
        #expect(catalog?.control("ctl.model.guardrails")?.name == "Custom guardrails")
        #expect(diagnostics.contains { $0.code == "catalog.replaced" && $0.location?.file == "extra/controls.json" })
    }

    @Test func aBrokenOverlayNamesEachProblem() throws {
        let overlay = InputFile(name: "bad.json", bytes: Array(#"{"controls": [{"id": "ctl.model.x", "name": "X", "layer": "model", "kind": "preventive", "scope": "asset", "summary": "s", "mitigates": ["AML.T9999"], "deployOn": ["llm-endpont"], "effectiveness": 0.5, "cost": 2, "atlasMitigations": ["AML.M9999"]}]}"#.utf8))
        let (loaded, _) = CatalogLoader.load(base: CatalogLoader.embeddedFiles(), overlays: [overlay])
        let problems = CatalogValidator.validate(try #require(loaded))
        #expect(problems.filter { $0.location?.file == "bad.json" }.count == 3, "\(problems.map(\.rendered))")
        #expect(problems.contains { $0.notes.contains("did you mean 'llm-endpoint'?") })
    }
}
