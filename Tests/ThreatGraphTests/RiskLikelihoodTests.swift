import Testing
import ThreatGraph

/// Likelihood in the risk score: rare threats are discounted, the anchors still hold.
struct RiskLikelihoodTests {
    @Test func theAnchorsHoldAtTheCatalogsLikelihoods() {
        // The rarest critical threat in the catalog is rated 0.1.
        #expect(RiskModel.level(RiskModel.score(severity: .critical, likelihood: 0.1, exposure: .anonymous, sensitivity: .restricted, residual: 1)) == .critical)
        #expect(RiskModel.level(RiskModel.score(severity: .low, likelihood: 0.5, exposure: nil, sensitivity: .public, residual: 1)) == .low)
    }

    @Test func aRareThreatIsNotHighBySeverityAlone() {
        #expect(RiskModel.level(RiskModel.score(severity: .high, likelihood: 0.05, exposure: .anonymous, sensitivity: .restricted, residual: 1)) < .high)
        #expect(RiskModel.level(RiskModel.score(severity: .high, likelihood: 0.6, exposure: .anonymous, sensitivity: .restricted, residual: 1)) >= .high)
    }

    @Test func likelihoodOrdersRiskWhenAllElseIsEqual() {
        let scores = [0.01, 0.05, 0.1, 0.15, 0.2, 0.6].map {
            RiskModel.score(severity: .high, likelihood: $0, exposure: .authenticated, sensitivity: .confidential, residual: 0.5)
        }
        #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 <= $1 })
        // Strictly below the likelihood from which nothing is discounted.
        #expect(zip(scores.prefix(5), scores.prefix(5).dropFirst()).allSatisfy { $0 < $1 })
    }

    @Test func aFindingsScoreUsesItsLikelihood() throws {
        // T.EXF is critical with likelihood 0.3 (no discount); T.POI.000 is high with 0.4.
        let a = try analyseWithTestCatalog(EffectiveSensitivityTests.model)
        let f = try #require(a.findings.first { $0.id == "T.EXF@db" })
        #expect(f.score == RiskModel.score(severity: .critical, likelihood: 0.3, exposure: f.exposure, sensitivity: .restricted, residual: f.residual))
    }
}
