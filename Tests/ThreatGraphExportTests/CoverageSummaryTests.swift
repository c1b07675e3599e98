import Testing
import ThreatGraph

/// The coverage summary against counts taken finding by finding with filters.
@Suite struct CoverageSummaryTests {
    static func models() throws -> [Analysis] {
        [try analyse(Fixtures.small), try analyse(Fixtures.estate(assets: 90, boundaries: 9, controls: true))]
    }

    @Test func countsByStatusLevelLayerAndFramework() throws {
        for a in try Self.models() {
            let s = CoverageSummary(a)
            let all = Array(a.findings), applicable = all.filter { $0.status != .notApplicable }
            for status in FindingStatus.allCases { #expect(s.findings[status] == all.filter { $0.status == status }.count) }
            #expect(s.findings.total == all.count && s.findings.applicable == applicable.count)
            for level in Severity.allCases { #expect(s.openByLevel[level] == a.openFindings.filter { $0.level == level }.count) }
            #expect(s.openRiskTotal == a.openRiskTotal)
            for (li, layer) in a.catalog.layers.enumerated() {
                let l = applicable.filter { a.layer(of: $0) == layer.id }
                #expect(s.byLayer[li].applicable == l.count && s.byLayer[li].covered == l.filter { $0.status == .covered }.count)
            }
            for (fi, fw) in a.frameworks.enumerated() {
                let l = applicable.filter { a.catalog.threats[$0.threat].framework == fw }
                #expect(s.byFramework[fi].applicable == l.count && s.byFramework[fi].open == l.filter { $0.status.isOpen }.count)
            }
            #expect(s.singleLayer.covered == all.filter { $0.singleLayer && $0.status == .covered }.count)
            #expect(s.bypassed.total == all.filter(\.isBypassed).count && s.bypassed.open == all.filter { $0.isBypassed && $0.status.isOpen }.count)
            #expect(s.depths == (0...3).map { d in applicable.filter { min($0.depth, 3) == d }.count })
        }
    }

    @Test func countsByThreatTacticAndAsset() throws {
        for a in try Self.models() {
            let s = CoverageSummary(a), c = a.catalog
            let applicable = a.findings.filter { $0.status != .notApplicable }
            for t in Set(a.findings.map(\.threat)).sorted() {
                #expect(s.byThreat[t].gap == a.findings.filter { $0.threat == t && $0.status == .gap }.count)
            }
            for (ti, tactic) in c.tactics.enumerated() {
                let techniques = Set(applicable.map(\.threat)).filter { t in
                    let threat = c.threats[t]
                    let tactics = threat.tactics.isEmpty ? (threat.parent.flatMap { c.threat($0)?.tactics } ?? []) : threat.tactics
                    return threat.framework == "atlas" && tactics.contains(tactic.id)
                }
                #expect(s.techniquesByTactic[ti] == techniques.count)
                #expect(s.byTactic[ti].applicable == applicable.filter { techniques.contains($0.threat) }.count)
            }
            for i in a.workload.assets.indices {
                let mine = applicable.filter { $0.asset == i }, open = mine.filter { $0.status.isOpen }
                #expect(s.byAsset[i].statuses.applicable == mine.count && s.byAsset[i].statuses.open == open.count)
                #expect(s.byAsset[i].openByLevel.worst == open.map(\.level).max())
                #expect(s.byAsset[i].openScore == open.reduce(0.0) { $0 + $1.score })
                for (li, layer) in c.layers.enumerated() {
                    #expect(s.findings(ofAsset: i, coveredOnLayer: li) == mine.filter { $0.layers.contains(layer.id) }.count)
                }
            }
        }
    }

    @Test func aSubsetOfAssetsCountsOnlyTheirFindings() throws {
        let a = try analyse(Fixtures.small)
        let llm = try #require(a.workload.assets.firstIndex { $0.id == "llm" })
        var only = [Bool](repeating: false, count: a.workload.assets.count)
        only[llm] = true
        let s = CoverageSummary(a, assets: only)
        #expect(s.findings.total == a.findings.filter { $0.asset == llm }.count && s.findings.total > 0)
        #expect(s.byAsset.indices.allSatisfy { $0 == llm || s.byAsset[$0].statuses.total == 0 })
    }
}
