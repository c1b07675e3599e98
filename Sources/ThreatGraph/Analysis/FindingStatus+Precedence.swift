extension FindingStatus {
    /// The status of a finding from what holds for it, in precedence order: `notApplicable` (listed as not applicable)
    /// > `covered` (an implemented preventive covering control) > `accepted` (a valid acceptance) > `partial` (some
    /// covering control, but only planned, detective or responsive) > `gap`.
    public static func precedence(notApplicable: Bool, preventiveImplemented: Bool, acceptance: AcceptanceState?,
                                  hasCoveringControls: Bool) -> FindingStatus {
        if notApplicable { return .notApplicable }
        if preventiveImplemented { return .covered }
        if acceptance == .valid { return .accepted }
        return hasCoveringControls ? .partial : .gap
    }
}
