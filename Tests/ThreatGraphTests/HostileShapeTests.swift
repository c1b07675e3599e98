import Testing
import ThreatGraph

/// Shapes that cost work out of proportion to their size before: a deep chain of nested boundaries, and many parallel
/// flows between two assets. Both are analysed within the time limit (before, a 2,000-deep chain took over a minute in
/// a debug build, and 100,000 parallel flows several).
@Suite(.timeLimit(.minutes(1))) struct HostileShapeTests {
    @Test func aDeepBoundaryChainIsValidatedAndAnalysed() throws {
        let depth = 3_000
        let boundaries = (0..<depth).map { i in
            #"{"id": "b\#(i)"\#(i == 0 ? "" : #", "parent": "b\#(i - 1)""#), "controls": [{"id": "ctl.runtime.monitor", "status": "implemented"}]}"#
        }
        let assets = (0..<50).map { #"{"id": "a\#($0)", "kind": "vector-store", "boundary": "b\#(depth - 1)"}"# }
        let flows = [#"{"from": "u", "to": "a0"}"#] + (1..<50).map { #"{"from": "a\#($0 - 1)", "to": "a\#($0)"}"# }
        let a = try analyse("""
        {"threatgraph": "1", "name": "deep", "actors": [{"id": "u", "trust": "anonymous"}],
         "boundaries": [\(boundaries.joined(separator: ","))], "assets": [\(assets.joined(separator: ","))], "flows": [\(flows.joined(separator: ","))]}
        """)
        // Each asset inherits the monitor once, from the nearest boundary.
        let f = try #require(a.findings.first { $0.id == "T.POI.000@a49" })
        #expect(f.controls.map(\.on) == ["b\(depth - 1)"])
    }

    @Test func parallelFlowsCollapseBeforePerPairWork() throws {
        let n = 50_000
        let filter = #", "controls": [{"id": "ctl.application.filter", "status": "implemented"}]"#
        let flows = [#"{"from": "u", "to": "web"}"#] + (0..<n).map { #"{"from": "web", "to": "llm"\#($0 % 2 == 0 ? filter : "")}"# }
        let a = try analyse("""
        {"threatgraph": "1", "name": "parallel", "actors": [{"id": "u", "trust": "anonymous"}],
         "assets": [{"id": "web", "kind": "web-frontend"}, {"id": "llm", "kind": "llm-endpoint"}], "flows": [\(flows.joined(separator: ","))]}
        """)
        // The filter is on half the flows into the model, so it is not on every incoming flow and does not cover.
        #expect(a.findings.first { $0.id == "T.INJ@llm" }?.status == .gap)
    }
}
