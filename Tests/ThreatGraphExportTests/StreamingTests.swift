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
