import Foundation
import Testing
@testable import ThreatGraph

/// A control is proposed only where it can be put to work: the asset's named service is not one the catalog
/// says it cannot work on, matched by whole words; hints list the cloud's implementations nearest the service first.
struct ServiceFitTests {
    /// A control that cannot work on the services named in `unfit`.
    static func control(_ unfit: [String]) -> Control {
        var c = Control(id: "ctl.model.x", name: "x", layer: "model", kind: .preventive, scope: .asset, summary: "", mitigates: [],
                        deployOn: ["third-party-model"], effectiveness: 0.5, cost: 1,
                        implementations: ["aws": ["Amazon S3 Lifecycle", "Amazon CloudWatch Logs retention"], "generic": ["g"]], atlasMitigations: [])
        c.unfitServices = unfit
        return c
    }

    @Test(arguments: [
        ("Cohere Rerank API (SaaS)", "SaaS", false),
        ("Hugging Face Hub (public repository)", "SaaS", true),
        ("Amazon Bedrock Knowledge Bases data source sync", "Knowledge Bases", false),
        ("Cloud Storage (synced from Git)", "RAG", true),
        ("RAG sync function", "rag", false),
        ("Azure Functions", "Azure Functions Premium", true),
        ("Übersetzungsdienst für RAG-Suche", "rag", false),
        ("ÜBERSETZUNG (SaaS)", "übersetzung", false),
    ])
    func servicesMatchByWholeWords(service: String, unfit: String, fits: Bool) {
        #expect(Self.control([unfit]).fits(kind: "third-party-model", service: service, cloud: "aws") == fits)
    }

    @Test func anAssetWithoutAServiceOrOfAnotherKindIsJudgedByKindAlone() {
        let c = Self.control(["SaaS"])
        #expect(c.fits(kind: "third-party-model", service: nil, cloud: "aws"))
        #expect(!c.fits(kind: "agent", service: nil, cloud: "aws"))
    }

    @Test func aCloudWithNoImplementationAndNoGenericOneDoesNotFit() {
        var c = Self.control([])
        c.implementations = ["aws": ["Amazon S3 Lifecycle"]]
        #expect(c.fits(kind: "third-party-model", service: nil, cloud: "aws"))
        #expect(!c.fits(kind: "third-party-model", service: nil, cloud: "gcp"))
    }

    @Test func hintsPutTheImplementationNearestTheServiceFirst() {
        let c = Self.control([])
        #expect(c.implementations(on: "aws", for: "Amazon SageMaker Model Monitor + Amazon CloudWatch")
            == ["Amazon CloudWatch Logs retention", "Amazon S3 Lifecycle"])
        #expect(c.implementations(on: "aws", for: nil) == ["Amazon S3 Lifecycle", "Amazon CloudWatch Logs retention"])
    }

    /// A hosted model API and a model downloaded from a hub, each exposed to a supplier, with nothing in place.
    static let hostedAndDownloaded = model(#""actors": [{"id": "vendor", "trust": "supplier"}], "flows": [{"from": "vendor", "to": "hosted"}, {"from": "vendor", "to": "hub-model"}, {"from": "hub-model", "to": "app"}, {"from": "hosted", "to": "app"}]"#,
        assets: #"[{"id": "hosted", "kind": "third-party-model", "service": "Cohere Rerank API (SaaS)"}, {"id": "hub-model", "kind": "third-party-model", "service": "Hugging Face Hub (public repository)"}, {"id": "app", "kind": "compute-function"}]"#)

    @Test func thePlanNeverProposesAControlOnAServiceItCannotWorkOn() throws {
        let catalog = builtInCatalog()
        let w = try #require(loadModel(Self.hostedAndDownloaded, catalog: catalog).0)
        let a = Analysis(catalog: catalog, workload: w, options: AnalysisOptions(asOf: try #require(CalendarDate(parsing: "2027-01-01"))))
        let steps = a.recommendations(maxSteps: 40).map { (catalog.controls[$0.control].id, $0.asset) }
        let weights = ["ctl.model.safe-model-formats", "ctl.model.provenance-verification"]
        #expect(steps.contains { weights.contains($0.0) && $0.1 == "hub-model" })
        #expect(!steps.contains { weights.contains($0.0) && $0.1 == "hosted" })
        let hostedFindings = a.findings.filter { w.assets[$0.asset].id == "hosted" }
        #expect(!hostedFindings.isEmpty)
        for f in hostedFindings {
            #expect(!a.closingControls(for: f, limit: 10).contains { weights.contains($0.id) })
        }
    }

    @Test(arguments: [
        (#""unfitServices": ["--"], "basis": {"unfitServices": "why"}"#, "catalog.unfit-service"),
        (#""unfitServices": ["SaaS"]"#, "catalog.missing-basis"),
        (#""unfitServices": "SaaS""#, "catalog.wrong-type"),
    ])
    func anUnfitServiceListIsChecked(fields: String, code: String) throws {
        let overlay = InputFile(name: "fit.json", bytes: Array(#"{"controls": [{"id": "ctl.model.x", "name": "X", "layer": "model", "kind": "preventive", "scope": "asset", "summary": "s", "mitigates": ["AML.T0051"], "deployOn": ["llm-endpoint"], "effectiveness": 0.5, "cost": 2, \#(fields)}]}"#.utf8))
        let (loaded, loading) = CatalogLoader.load(base: CatalogLoader.embeddedFiles(), overlays: [overlay])
        let problems = loading + (loaded.map { CatalogValidator.validate($0) } ?? [])
        #expect(problems.contains { $0.code == code && $0.location?.file == "fit.json" }, "\(problems.map(\.rendered))")
    }

    @Test func aControlImplementedOnAServiceItCannotWorkOnIsWarnedAndStillCounts() {
        let asset = #"[{"id": "hosted", "kind": "third-party-model", "service": "Cohere Rerank API (SaaS)", "controls": [{"id": "ctl.model.safe-model-formats", "status": "implemented"}]}]"#
        let (w, diagnostics) = loadModel(model(assets: asset))
        #expect(w != nil)
        let warning = diagnostics.first { $0.code == "model.control-service-fit" }
        #expect(warning?.message.contains("SaaS") == true)
    }
}
