import Foundation
import Testing
import ThreatGraph
import ThreatGraphExport

/// The threats view of one asset with many threats spreads them over columns, so it stays readable.
struct ThreatsViewShapeTests {
    func agentView() throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Models/agentic-operations-assistant.json")
        let a = try analyse(String(decoding: try Data(contentsOf: url), as: UTF8.self), name: "agentic-operations-assistant.json")
        var o = DiagramOptions()
        o.asset = "triage-agent"
        return ThreatsDOT.render(a, options: o)
    }

    @Test func manyThreatsOfOneAssetSpreadOverColumns() throws {
        let dot = try agentView()
        let threats = Set(dot.split(separator: "\n").filter { $0.contains("asset_") && $0.contains(" -> threat_") }.map(\.description)).count
        #expect(threats > ThreatsDOT.threatsPerColumn)
        let columns = Set(dot.split(separator: "\n").compactMap { line -> Int? in
            guard line.contains(" -> threat_"), let r = line.range(of: "minlen=") else { return nil }
            return Int(line[r.upperBound...].prefix { $0.isNumber })
        })
        #expect(columns.count + 1 == (threats + ThreatsDOT.threatsPerColumn - 1) / ThreatsDOT.threatsPerColumn)
    }
}
