import Testing
import ThreatGraph
import ThreatGraphExport

/// Every result on a generated estate with controls — findings, bypasses, attack paths, the plan and the cut —
/// against a golden file, so speed work cannot change what the analyses find.
@Suite struct GeneratedEstateTests {
    @Test func resultsOnAGeneratedEstateAreUnchanged() throws {
        let a = try analyse(Fixtures.estate(assets: 90, boundaries: 9, controls: true), name: "estate.json")
        let p = a.pathAnalysis()
        let c = a.catalog
        var lines = ["findings \(a.findings.count), bypass search complete \(a.bypassSearchComplete)"]
        for f in a.findings {
            var line = "\(f.id) \(f.status.rawValue) \(f.level.rawValue) \(f.score) residual \(f.residual) depth \(f.depth)"
            line += " controls " + f.controls.map { "\(c.controls[$0.control].id)/\($0.status.rawValue)/\($0.via.rawValue)@\($0.on)" }.joined(separator: ",")
            line += " bypassed " + f.bypassed.map { "\(c.controls[$0.control].id)@\($0.on):\($0.route.joined(separator: ">"))" }.joined(separator: ",")
            lines.append(line)
        }
        lines.append("exploit edges \(p.edges.count), all pairs \(p.allPairs)")
        for e in p.edges { lines.append("edge \(e.from)>\(e.to) \(e.probability) \(e.threat.map { c.threats[$0].id } ?? "-")\(e.gate.map { " gate \($0.trust.rawValue) \($0.probability)" } ?? "")") }
        for path in p.paths {
            lines.append("path \(path.actor)>\(path.target) #\(path.rank) \(path.probability) complete \(path.complete) \(path.stoppedBy?.rawValue ?? "-") "
                + path.hops.map { "\($0.to):\(c.threats[$0.threat].id):\($0.tactic ?? "-"):\($0.breakers.count)" }.joined(separator: ",")
                + " precedents " + path.precedents.map { "\($0.id)/\($0.shared)" }.joined(separator: ","))
        }
        for r in p.recommendations { lines.append("plan #\(r.rank) \(c.controls[r.control].id)@\(r.asset) removes \(r.riskRemoved) cost \(r.cost)") }
        if let cut = p.cut { lines.append("cut \(cut.assets.joined(separator: ",")) controls \(cut.controls.map { c.controls[$0].id }.joined(separator: ","))") }
        try assertGolden(lines.joined(separator: "\n") + "\n", "estate-results.txt")
    }
}
