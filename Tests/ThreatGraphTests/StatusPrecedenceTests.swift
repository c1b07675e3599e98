import Testing
import ThreatGraph

/// Status precedence: not-applicable > covered > accepted > partial > gap, for every pair of competing states.
struct StatusPrecedenceTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var notApplicable = false, preventive = false, acceptance: AcceptanceState? = nil, controls = false
        var expected: FindingStatus
        var testDescription: String { "\(expected.rawValue) na=\(notApplicable) prev=\(preventive) acc=\(acceptance?.rawValue ?? "-") ctl=\(controls)" }
    }

    static let cases: [Case] = [
        // Alone.
        Case(expected: .gap),
        Case(controls: true, expected: .partial),
        Case(acceptance: .valid, expected: .accepted),
        Case(preventive: true, controls: true, expected: .covered),
        Case(notApplicable: true, expected: .notApplicable),
        // Not applicable beats everything.
        Case(notApplicable: true, preventive: true, controls: true, expected: .notApplicable),
        Case(notApplicable: true, acceptance: .valid, expected: .notApplicable),
        Case(notApplicable: true, controls: true, expected: .notApplicable),
        Case(notApplicable: true, preventive: true, acceptance: .valid, controls: true, expected: .notApplicable),
        // Covered beats an acceptance, valid or expired.
        Case(preventive: true, acceptance: .valid, controls: true, expected: .covered),
        Case(preventive: true, acceptance: .expired, controls: true, expected: .covered),
        // A valid acceptance beats partial and gap; an expired one counts for nothing.
        Case(acceptance: .valid, controls: true, expected: .accepted),
        Case(acceptance: .expired, controls: true, expected: .partial),
        Case(acceptance: .expired, expected: .gap),
    ]

    @Test(arguments: cases)
    func precedence(_ c: Case) {
        #expect(FindingStatus.precedence(notApplicable: c.notApplicable, preventiveImplemented: c.preventive,
                                         acceptance: c.acceptance, hasCoveringControls: c.controls) == c.expected)
    }
}
