/// The risk formula: `score = 10 × severity × likelihood × exposure × sensitivity × residual`, from 0 to 10.
///
/// * severity: low 0.25, medium 0.5, high 0.75, critical 1.0 (the threat's, or an override's);
/// * likelihood: min(1, √(l / 0.2)) for the threat's likelihood l (or an override's): a threat the catalog rates as
///   rare is discounted (0.05 → 0.5, 0.1 → 0.71), one of 0.2 or more is not;
/// * exposure: the least trusted actor that reaches the asset — anonymous 1.0, authenticated 0.8, partner 0.7,
///   supplier 0.6, insider 0.4, unreachable 0.2;
/// * sensitivity: the asset's effective sensitivity (the highest of its own and of the data on its flows) — public
///   0.4, internal 0.6, confidential 0.8, restricted 1.0;
/// * residual: ∏ (1 − effectiveness) over the implemented covering controls (overrides applied); 1 with none.
///
/// Level: critical from 7, high from 4.5, medium from 2, else low. Every factor is at most 1 and a control
/// only multiplies the residual by a factor ≤ 1, so adding a control never raises a score or a level.
public enum RiskModel {
    /// Weight of a severity.
    public static func weight(_ s: Severity) -> Double {
        switch s {
        case .low: 0.25
        case .medium: 0.5
        case .high: 0.75
        case .critical: 1.0
        }
    }

    /// Weight of an exposure (nil: unreachable).
    public static func weight(_ t: Trust?) -> Double {
        switch t {
        case .anonymous: 1.0
        case .authenticated: 0.8
        case .partner: 0.7
        case .supplier: 0.6
        case .insider: 0.4
        case nil: 0.2
        }
    }

    /// Weight of a sensitivity.
    public static func weight(_ s: Sensitivity) -> Double {
        switch s {
        case .public: 0.4
        case .internal: 0.6
        case .confidential: 0.8
        case .restricted: 1.0
        }
    }

    /// Likelihood at or above which a threat is not discounted.
    public static let commonLikelihood = 0.2

    /// Weight of a likelihood: min(1, √(l / 0.2)).
    public static func weight(likelihood l: Double) -> Double {
        l >= commonLikelihood ? 1 : max(0, l / commonLikelihood).squareRoot()
    }

    /// The score, 0–10.
    public static func score(severity: Severity, likelihood: Double = 1, exposure: Trust?, sensitivity: Sensitivity, residual: Double) -> Double {
        10 * weight(severity) * weight(likelihood: likelihood) * weight(exposure) * weight(sensitivity) * residual
    }

    /// The level of a score.
    public static func level(_ score: Double) -> Severity {
        if score >= 7 { return .critical }
        if score >= 4.5 { return .high }
        if score >= 2 { return .medium }
        return .low
    }

    /// The formula in one line, as printed in reports.
    public static let formulaText = "score = 10 × severity (low 0.25, medium 0.5, high 0.75, critical 1) × likelihood (min(1, √(l / 0.2)): rare threats discounted) × exposure (anonymous 1, authenticated 0.8, partner 0.7, supplier 0.6, insider 0.4, unreachable 0.2) × effective sensitivity, the highest of the asset's and its flows' (public 0.4, internal 0.6, confidential 0.8, restricted 1) × residual (∏ (1 − effectiveness) of implemented covering controls); level: critical ≥ 7, high ≥ 4.5, medium ≥ 2, else low"
}
