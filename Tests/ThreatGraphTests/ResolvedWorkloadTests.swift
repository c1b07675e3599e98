import Testing
@testable import ThreatGraph

/// The resolved workload: the boundary tree, chains, flow ends and placed controls, by index.
struct ResolvedWorkloadTests {
    static func boundary(_ id: String, parent: String? = nil, controls: [String] = []) -> Boundary {
        Boundary(id: id, name: id, parent: parent, controls: controls.map { ControlRef(id: $0, status: .implemented, location: SourceLocation(file: "m")) },
                 location: SourceLocation(file: "m"))
    }

    static func asset(_ id: String, kind: String = "llm-endpoint", boundary: String? = nil) -> Asset {
        Asset(id: id, name: id, kind: kind, boundary: boundary, sensitivity: .internal, crownJewel: false, controls: [], location: SourceLocation(file: "m"))
    }

    @Test func resolvesTheBoundaryTreeAndEachAssetsChain() {
        let w = Workload(name: "t", boundaries: [Self.boundary("inner", parent: "outer"), Self.boundary("outer"), Self.boundary("side")],
                         assets: [Self.asset("a", boundary: "inner"), Self.asset("b")])
        let r = ResolvedWorkload(w, catalog: TestCatalog.catalog)
        #expect(r.boundaryParent == [1, nil, nil])
        #expect(r.rootBoundaries == [1, 2] && r.boundaryChildren == [[], [0], []])
        #expect(r.boundaryChain(ofAsset: 0) == [0, 1] && r.boundaryChain(ofAsset: 1) == [])
        #expect(r.boundaryAssets == [[0], [], []])
    }

    @Test func aCycleIsBrokenSoEveryChainEnds() {
        let w = Workload(name: "t", boundaries: [Self.boundary("x", parent: "y"), Self.boundary("y", parent: "x")])
        let r = ResolvedWorkload(w, catalog: TestCatalog.catalog)
        #expect(r.boundaryParent.filter { $0 == nil }.count == 1)
        #expect(r.boundaryChain(from: 0).count <= 2 && r.boundaryChain(from: 1).count <= 2)
    }

    @Test func aDeepChainInheritsEachControlOnceFromTheNearestBoundary() {
        let depth = 2_000
        let boundaries = (0..<depth).map { i in
            Self.boundary("b\(i)", parent: i == 0 ? nil : "b\(i - 1)", controls: ["ctl.runtime.monitor", i % 2 == 0 ? "ctl.data.encryption" : "ctl.runtime.monitor"])
        }
        let r = ResolvedWorkload(Workload(name: "t", boundaries: boundaries, assets: [Self.asset("a", boundary: "b\(depth - 1)")]),
                                 catalog: TestCatalog.catalog)
        let inherited = r.inheritedControls[depth - 1]
        let monitor = TestCatalog.catalog.controlIndex["ctl.runtime.monitor"], encryption = TestCatalog.catalog.controlIndex["ctl.data.encryption"]
        // The boundary's own two references, then encryption from its parent: nothing from further up.
        #expect(inherited.map(\.control) == [monitor, monitor, encryption].compactMap { $0 })
        #expect(inherited.last?.place == .boundary(depth - 2))
    }

    @Test func flowEndsAndControlsResolveToIndices() {
        var w = Workload(name: "t", actors: [Actor(id: "u", name: "u", trust: .anonymous, location: SourceLocation(file: "m"))],
                         assets: [Self.asset("a"), Self.asset("b")])
        let refs = [ControlRef(id: "ctl.application.filter", status: .implemented, location: SourceLocation(file: "m")),
                    ControlRef(id: "ctl.model.guard", status: .notApplicable, location: SourceLocation(file: "m")),
                    ControlRef(id: "ctl.no.such", status: .implemented, location: SourceLocation(file: "m"))]
        w.flows = [Flow(id: "u->a", from: "u", to: "a", bidirectional: false, controls: refs, location: SourceLocation(file: "m")),
                   Flow(id: "a->x", from: "a", to: "x", bidirectional: false, controls: [], location: SourceLocation(file: "m"))]
        let r = ResolvedWorkload(w, catalog: TestCatalog.catalog)
        #expect(r.flowFrom == [.actor(0), .asset(0)] && r.flowTo == [.asset(0), nil])
        #expect(r.flowControls[0] == [PlacedControl(control: TestCatalog.catalog.controlIndex["ctl.application.filter"] ?? -1, status: .implemented, place: .flow(0))])
    }
}
