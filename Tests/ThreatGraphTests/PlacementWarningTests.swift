import Testing
import ThreatGraph

/// A control placed on a kind it does not deploy on is warned about once per distinct problem, and not at all when
/// the model says the placement is intended.
struct PlacementWarningTests {
    static func asset(_ id: String, intended: Bool = false) -> String {
        let extra = intended ? #", "note": "keys held in the gateway", "placement": "intended""# : ""
        return #"{"id": "\#(id)", "kind": "llm-endpoint", "controls": [{"id": "ctl.infrastructure.secrets-management", "status": "implemented"\#(extra)}]}"#
    }

    func placementWarnings(_ assets: [String]) -> [Diagnostic] {
        loadModel(model(assets: "[" + assets.joined(separator: ", ") + "]")).1.filter { $0.code == "model.control-placement" }
    }

    @Test func aRepeatedProblemIsWarnedOnceWithACount() {
        let warnings = placementWarnings(["a", "b", "c"].map { Self.asset($0) })
        #expect(warnings.count == 1)
        #expect(warnings.first?.notes.contains("and 2 more like it") == true)
        #expect(warnings.first?.rendered.contains("at assets[0].controls[0].id") == true)
    }

    @Test func anIntendedPlacementIsNotWarned() {
        #expect(placementWarnings([Self.asset("a", intended: true)]).isEmpty)
        #expect(placementWarnings([Self.asset("a", intended: true), Self.asset("b")]).count == 1)
    }
}
