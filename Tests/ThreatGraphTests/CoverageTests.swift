import Testing
import ThreatGraph

/// Builds and analyses a small model against the test catalog; fails the test on invalid input.
func analyse(_ text: String, frameworks: [String]? = nil, asOf: String = "2027-01-01") throws -> Analysis {
    let (w, diagnostics) = loadModel(text, catalog: TestCatalog.catalog)
    let workload = try #require(w, "\(diagnostics.map(\.rendered))")
    return Analysis(catalog: TestCatalog.catalog, workload: workload,
                    options: AnalysisOptions(frameworks: frameworks, asOf: try #require(CalendarDate(parsing: asOf))))
}

extension Analysis {
    func finding(_ id: String) -> Finding? { findings.first { $0.id == id } }
}

/// user (anonymous) → api → llm, optionally supplier → kb → llm (the test catalog's kinds).
func chat(api: String = "", llm: String = "", bypass: Bool = false, extra: String = "") -> String {
    """
    {"threatgraph": "1", "name": "chat", "frameworks": ["atlas", "owasp-llm-2025"],
     "actors": [{"id": "user", "trust": "anonymous"}, {"id": "supplier", "trust": "supplier"}],
     "assets": [
       {"id": "api", "kind": "api-gateway", "controls": [\(api)]},
       {"id": "llm", "kind": "llm-endpoint", "controls": [\(llm)]},
       {"id": "kb", "kind": "vector-store"}
     ],
     "flows": [{"from": "user", "to": "api"}, {"from": "api", "to": "llm"}\(bypass ? #", {"from": "supplier", "to": "kb"}, {"from": "kb", "to": "llm"}"# : "")]
     \(extra)}
    """
}

let promptFilter = #"{"id": "ctl.application.filter", "status": "implemented"}"#
let guardrails = #"{"id": "ctl.model.guardrails", "status": "implemented"}"#
let direct = "T.INJ@llm"

@Suite struct CoverageTests {
    @Test func aControlOnTheAssetCoversDirectly() throws {
        let a = try analyse(chat(llm: guardrails))
        let f = try #require(a.finding(direct))
        #expect(f.status == .covered)
        #expect(f.controls.map(\.via) == [.direct])
        #expect(f.depth == 1 && f.layers == ["model"])
        #expect(abs(f.residual - 0.45) < 1e-12)
    }

    @Test func aBoundaryControlIsInheritedThroughNesting() throws {
        let text = """
        {"threatgraph": "1", "name": "b", "boundaries": [{"id": "outer", "controls": [\(guardrails)]}, {"id": "inner", "parent": "outer"}],
         "assets": [{"id": "llm", "kind": "llm-endpoint", "boundary": "inner"}]}
        """
        let f = try #require(try analyse(text).finding(direct))
        #expect(f.status == .covered)
        #expect(f.controls.first?.via == .inherited && f.controls.first?.on == "outer")
    }

    @Test func anInboundFilterOnADominatorCoversDownstream() throws {
        let a = try analyse(chat(api: promptFilter))
        let f = try #require(a.finding(direct))
        #expect(f.status == .covered)
        #expect(f.controls.first?.via == .dominator && f.controls.first?.on == "api")
        #expect(f.bypassed.isEmpty)
    }

    @Test func aFilterSomeRouteAvoidsIsBypassedWithItsRoute() throws {
        let a = try analyse(chat(api: promptFilter, bypass: true))
        let f = try #require(a.finding(direct))
        #expect(f.status == .gap)
        #expect(f.controls.isEmpty)
        #expect(f.bypassed.map(\.on) == ["api"])
        #expect(f.bypassed.first?.route == ["supplier", "kb", "llm"])
        // An asset-scope control on the model is not an inbound filter: it does not cover downstream of itself.
        let asset = try analyse(chat(api: #"{"id": "ctl.application.session-check", "status": "implemented"}"#))
        #expect(asset.finding(direct)?.controls.isEmpty == true)
    }

    @Test func flowControlsCountOnlyOnEveryIncomingFlow() throws {
        func agents(_ secondFlowControls: String) -> String {
            """
            {"threatgraph": "1", "name": "a", "frameworks": ["atlas"],
             "actors": [{"id": "u", "trust": "insider"}],
             "assets": [{"id": "a1", "kind": "agent"}, {"id": "a2", "kind": "agent"}, {"id": "q", "kind": "nosql-database"}],
             "flows": [{"from": "u", "to": "a1"}, {"from": "u", "to": "q"},
                       {"from": "a1", "to": "a2", "controls": [{"id": "ctl.application.filter", "status": "implemented"}]},
                       {"from": "q", "to": "a2", "controls": [\(secondFlowControls)]}]}
            """
        }
        let all = try #require(try analyse(agents(#"{"id": "ctl.application.filter", "status": "implemented"}"#)).finding("T.INJ@a2"))
        #expect(all.status == .covered)
        #expect(all.controls.first?.via == .flow && all.controls.first?.on == "a1->a2, q->a2")
        let one = try #require(try analyse(agents("")).finding("T.INJ@a2"))
        #expect(one.status == .gap)
    }

    @Test(arguments: [
        (#"{"id": "ctl.model.guardrails", "status": "planned"}"#, FindingStatus.partial),
        (#"{"id": "ctl.model.guard", "status": "implemented"}"#, .partial),
        (#"{"id": "ctl.model.guardrails", "status": "not-applicable", "note": "n"}"#, .gap),
        (guardrails, .covered),
    ])
    func plannedOrDetectiveOnlyIsPartial(control: String, status: FindingStatus) throws {
        #expect(try analyse(chat(llm: control)).finding(direct)?.status == status)
    }

    @Test(arguments: [("2027-01-01", FindingStatus.accepted, AcceptanceState.valid), ("2027-01-02", .gap, .expired)])
    func acceptancesHoldThroughTheirLastDay(asOf: String, status: FindingStatus, state: AcceptanceState) throws {
        let acceptance = #", "acceptedRisks": [{"threat": "T.INJ", "asset": "llm", "reason": "r", "owner": "o", "expires": "2027-01-01"}]"#
        let f = try #require(try analyse(chat(extra: acceptance), asOf: asOf).finding(direct))
        #expect(f.status == status)
        #expect(f.acceptanceState == state)
    }

    @Test func acceptancesExpiringWithinThirtyDaysAreListed() throws {
        let acceptance = #", "acceptedRisks": [{"threat": "T.INJ", "asset": "llm", "reason": "r", "owner": "o", "expires": "2027-01-20"}]"#
        #expect(try analyse(chat(extra: acceptance)).acceptancesExpiring(within: 30) == [0])
        #expect(try analyse(chat(extra: acceptance), asOf: "2026-11-01").acceptancesExpiring(within: 30).isEmpty)
    }

    @Test func notApplicableWinsOverEverything() throws {
        let na = #", "notApplicable": [{"threat": "T.INJ", "asset": "llm", "reason": "no user text reaches the model"}]"#
        #expect(try analyse(chat(llm: guardrails, extra: na)).finding(direct)?.status == .notApplicable)
    }

    @Test func overridesChangeEffectivenessAndRatings() throws {
        let o = #", "overrides": [{"control": "ctl.model.guardrails", "asset": "llm", "effectiveness": 0.2, "reason": "r"}, {"threat": "T.INJ", "severity": "critical", "reason": "r"}]"#
        let f = try #require(try analyse(chat(llm: guardrails, extra: o)).finding(direct))
        #expect(abs(f.residual - 0.8) < 1e-12)
        #expect(f.severity == .critical)
        #expect(f.overrides == [0, 1])
    }

    @Test func singleLayerFlagsHighThreatsOnOneLayer() throws {
        let one = try #require(try analyse(chat(llm: guardrails)).finding(direct))
        #expect(one.singleLayer)
        let two = try #require(try analyse(chat(llm: guardrails + #", {"id": "ctl.infrastructure.isolation", "status": "implemented"}"#)).finding(direct))
        #expect(two.depth == 2 && !two.singleLayer)
    }

    @Test func frameworkSelectionDecidesWhichFindingsExist() throws {
        let atlasOnly = try analyse(chat(), frameworks: ["atlas"])
        #expect(atlasOnly.finding("T.OWASP@llm") == nil && atlasOnly.finding(direct) != nil)
        let both = try analyse(chat())
        #expect(both.finding("T.OWASP@llm") != nil)
        #expect(both.relatedFindings(of: try #require(both.finding("T.OWASP@llm"))).map(\.id) == [direct])
    }

    @Test func onlySubTechniquesProduceFindingsWhenTheyApply() throws {
        func stores(_ dbControls: String = "") -> String {
            #"{"threatgraph": "1", "name": "p", "assets": [{"id": "db", "kind": "nosql-database", "controls": [\#(dbControls)]}, {"id": "ix", "kind": "vector-store"}]}"#
        }
        let a = try analyse(stores())
        #expect(a.finding("T.POI@db") == nil && a.finding("T.POI@ix") == nil)
        #expect(a.finding("T.POI.001@db") != nil && a.finding("T.POI.000@ix") != nil)
        // A parent-level control covers the sub-techniques.
        let validation = #"{"id": "ctl.data.validation", "status": "implemented"}"#
        #expect(try analyse(stores(validation)).finding("T.POI.001@db")?.status == .covered)
    }

    @Test func sensitiveFlowsToThirdPartiesAcrossABoundaryAreEgress() throws {
        func egress(_ sensitivity: String, sameBoundary: Bool) throws -> [DataEgress] {
            try analyse("""
            {"threatgraph": "1", "name": "e", "boundaries": [{"id": "vpc"}, {"id": "vendor"}],
             "assets": [{"id": "app", "kind": "api-gateway", "boundary": "vpc", "sensitivity": "\(sensitivity)"},
                        {"id": "rerank", "kind": "external-api", "boundary": "\(sameBoundary ? "vpc" : "vendor")"}],
             "flows": [{"from": "app", "to": "rerank"}]}
            """).egress
        }
        let out = try egress("confidential", sameBoundary: false)
        #expect(out.map(\.id) == ["app->rerank"] && out.first?.level == .medium)
        #expect(try egress("restricted", sameBoundary: false).first?.level == .high)
        #expect(try egress("internal", sameBoundary: false).isEmpty)
        #expect(try egress("restricted", sameBoundary: true).isEmpty)
    }

    @Test func exposureComesFromTheLeastTrustedActor() throws {
        let a = try analyse(chat(bypass: true))
        #expect(a.finding(direct)?.exposure == .anonymous)
        // The least trusted actor reaching the knowledge base is a supplier (for threats that arrive as input).
        #expect(a.findings.first { a.workload.assets[$0.asset].id == "kb" && a.catalog.threats[$0.threat].vector != .supply && a.catalog.threats[$0.threat].vector != .platform }?.exposure == .supplier)
    }
}

@Suite struct RiskModelTests {
    @Test func meetsTheContractsAnchors() {
        #expect(RiskModel.level(RiskModel.score(severity: .critical, exposure: .anonymous, sensitivity: .restricted, residual: 1)) == .critical)
        #expect(RiskModel.level(RiskModel.score(severity: .low, exposure: nil, sensitivity: .public, residual: 1)) == .low)
    }

    @Test(arguments: Severity.allCases)
    func addingAControlNeverRaisesALevel(severity: Severity) {
        for exposure in [nil] + Trust.allCases.map(Optional.some) {
            for sensitivity in Sensitivity.allCases {
                var residual = 1.0
                var level = RiskModel.level(RiskModel.score(severity: severity, exposure: exposure, sensitivity: sensitivity, residual: residual))
                for effectiveness in [0.1, 0.3, 0.5, 0.9] {
                    residual *= 1 - effectiveness
                    let next = RiskModel.level(RiskModel.score(severity: severity, exposure: exposure, sensitivity: sensitivity, residual: residual))
                    #expect(next <= level)
                    level = next
                }
            }
        }
    }
}

@Suite struct BypassBoundTests {
    @Test func aSmallModelsBypassSearchIsComplete() throws {
        #expect(try analyse(chat(api: promptFilter, bypass: true)).bypassSearchComplete)
    }

    /// Nine filtered gateways in parallel in front of one model: each is bypassed through the others, more than the
    /// per-asset cap of eight, so the result keeps eight and says the search was cut.
    @Test func theBypassCapIsReported() throws {
        let gateways = (1...9).map { #"{"id": "g\#($0)", "kind": "api-gateway", "controls": [\#(promptFilter)]}"# }
        let flows = (1...9).flatMap { [#"{"from": "user", "to": "g\#($0)"}"#, #"{"from": "g\#($0)", "to": "llm"}"#] }
        let text = """
        {"threatgraph": "1", "name": "fan", "actors": [{"id": "user", "trust": "anonymous"}],
         "assets": [\(gateways.joined(separator: ", ")), {"id": "llm", "kind": "llm-endpoint"}],
         "flows": [\(flows.joined(separator: ", "))]}
        """
        let a = try analyse(text)
        #expect(!a.bypassSearchComplete)
        #expect(a.finding(direct)?.bypassed.count == 8)
    }
}
