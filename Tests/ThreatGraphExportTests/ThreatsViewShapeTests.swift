import Foundation
import Testing
import ThreatGraph
@testable import ThreatGraphExport

/// Diagram shapes: the threats view of one asset with many threats spreads them over columns; a long chain of flows
/// is drawn top to bottom and flow labels are wrapped, so the drawings stay readable.
struct ThreatsViewShapeTests {
    func example(_ name: String) throws -> Analysis {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Models/\(name).json")
        return try analyse(String(decoding: try Data(contentsOf: url), as: UTF8.self), name: "\(name).json")
    }

    @Test(arguments: [("model-training-pipeline", "TB"), ("rag-knowledge-assistant", "LR")])
    func aLongChainIsDrawnTopToBottom(model: String, direction: String) throws {
        let dot = DataflowDOT.render(try example(model))
        #expect(dot.contains("rankdir=\(direction),"))
    }

    @Test func flowLabelsAreWrapped() {
        #expect(DiagramStyle.wrapped("prompt with history and retrieved context") == ["prompt with", "history and", "retrieved…"])
        #expect(DiagramStyle.wrapped("short") == ["short"])
    }

    @Test func theLegendCountsTheAssetsAtEachLevel() throws {
        let a = try example("agentic-operations-assistant")
        let dot = DataflowDOT.render(a)
        let counts = dot.components(separatedBy: " · ").dropFirst().compactMap { part -> Int? in
            let digits = part.prefix { $0.isNumber }
            return part.dropFirst(digits.count).hasPrefix(" asset") ? Int(digits) : nil
        }
        #expect(counts.count == 5 && counts.reduce(0, +) == a.workload.assets.count)
        let summary = CoverageSummary(a)
        #expect(counts.last == a.workload.assets.indices.filter { summary.byAsset[$0].openByLevel.worst == .critical }.count)
    }

    func agentView() throws -> String {
        let a = try example("agentic-operations-assistant")
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
