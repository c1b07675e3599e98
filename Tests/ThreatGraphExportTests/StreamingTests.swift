import Foundation
import Testing
import ThreatGraph
@testable import ThreatGraphExport

/// Streamed documents are the documents rendered in memory, whatever the chunks.
@Suite struct StreamingTests {
    @Test func aStreamedResultIsTheRenderedOne() throws {
        // Large enough to be handed over in several chunks of a megabyte.
        let a = try analyse(Fixtures.estate(assets: 600, boundaries: 30, controls: true))
        let paths = a.pathAnalysis()
        let chunks = Chunks()
        let (buffer, collected) = ByteSink.buffer()
        ResultJSON.write(a, paths: paths, to: ByteSink { chunks.count(); buffer.write($0) })
        let rendered = ResultJSON.renderData(a, paths: paths)
        #expect(rendered.count > 2 << 20 && chunks.n > 2)
        #expect(collected.data == rendered)
        #expect(try JSONSerialization.jsonObject(with: rendered) is [String: Any])
    }

    @Test func aStreamedSARIFLogIsTheRenderedOne() throws {
        let a = try analyse(Fixtures.estate(assets: 300, boundaries: 30))
        let (sink, collected) = ByteSink.buffer()
        SARIFRenderer.write(a, findings: a.openFindings, uri: { $0 }, toolVersion: "t", to: sink)
        #expect(collected.data == Data(SARIFRenderer.render(a, findings: a.openFindings, uri: { $0 }, toolVersion: "t").utf8))
    }

    @Test func openFindingsOnlyKeepTheSummaryOfAll() throws {
        let a = try analyse(Fixtures.tiny)
        let all = ResultJSON.render(a), open = ResultJSON.render(a, findings: .open)
        let summary = { (text: String) in text.components(separatedBy: "\"findingsListed\"")[0] }
        #expect(summary(all) == summary(open))
        #expect(open.contains("\"findingsListed\": \"open\"") && !open.contains("\"status\":\"covered\""))
        #expect(all.contains("\"status\":\"covered\""))
    }
}

/// Counts the chunks a sink receives.
private final class Chunks: @unchecked Sendable {
    private let lock = NSLock()
    private var count_ = 0
    var n: Int { lock.withLock { count_ } }
    func count() { lock.withLock { count_ += 1 } }
}

/// The report's JSON result, rendered in pieces side by side, is the document written in one go.
@Suite struct PiecesTests {
    @Test(arguments: [FindingSelection.all, .open]) func aResultInPiecesIsTheRenderedOne(selection: FindingSelection) throws {
        let a = try analyse(Fixtures.estate(assets: 600, boundaries: 30, controls: true))
        let paths = a.pathAnalysis()
        let files = ReportBundle.fileData(a, paths: paths, stem: "e", sarifURI: { $0 }, toolVersion: "t", findings: selection)
        #expect(a.findings.count > ResultPieces.findingsPerPiece / 10)
        #expect(files.first { $0.name == "e.json" }?.data == ResultJSON.renderData(a, paths: paths, findings: selection))
    }

    @Test func piecesRenderedInAnyOrderAreWrittenInOrder() throws {
        let a = try analyse(Fixtures.estate(assets: 300, boundaries: 30, controls: true))
        let paths = a.pathAnalysis()
        for selection in FindingSelection.allCases {
            let (sink, collected) = ByteSink.buffer()
            let pieces = ResultPieces(a, summary: CoverageSummary(a), findings: selection, paths: { paths }, to: sink, perPiece: 500)
            #expect(pieces.count > 5)
            for i in (0..<pieces.count).reversed() { pieces.render(i) }
            #expect(collected.data == ResultJSON.renderData(a, paths: paths, findings: selection))
        }
    }

    @Test func aResultWithoutOpenFindingsInPiecesIsTheRenderedOne() throws {
        let a = try analyse(#"{"threatgraph": "1", "name": "empty", "assets": []}"#)
        let files = ReportBundle.fileData(a, paths: nil, stem: "e", sarifURI: { $0 }, toolVersion: "t")
        #expect(files.first { $0.name == "e.json" }?.data == ResultJSON.renderData(a, findings: .open))
    }
}
