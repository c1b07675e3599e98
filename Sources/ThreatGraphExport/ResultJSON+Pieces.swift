import Foundation
import ThreatGraph

/// The result document streamed to one sink with its findings rendered in pieces, side by side: the head is written
/// at once, each piece of findings is rendered by whichever thread calls `render(_:)`, and the pieces are handed to
/// the sink in order as soon as each is next; the thread that hands over the last one writes the tail. Memory holds
/// only the pieces rendered ahead of the one being written.
final class ResultPieces: @unchecked Sendable {
    /// Findings per piece (about 15 MB of text).
    static let findingsPerPiece = 50_000

    /// Number of pieces.
    let count: Int
    private let analysis: Analysis
    private let names: ResultJSON.Names
    private let selection: FindingSelection
    private let paths: @Sendable () -> PathAnalysis?
    private let sink: ByteSink
    /// Items written in each container the head left open.
    private let counts: [Int]
    private let lock = NSLock()
    private var ready: [Data?]
    private var next = 0
    private var anyFinding = false

    /// Writes the head of the document to `sink`; the findings follow in `count` pieces, then the tail (asking
    /// `paths` for the attack paths).
    init(_ a: Analysis, summary: CoverageSummary, findings: FindingSelection, paths: @escaping @Sendable () -> PathAnalysis?, to sink: ByteSink,
         perPiece: Int = findingsPerPiece) {
        analysis = a
        names = ResultJSON.Names(a)
        selection = findings
        self.paths = paths
        self.sink = sink
        count = Self.count(a, perPiece: perPiece)
        ready = Array(repeating: nil, count: count)
        var w = JSONStream(resuming: [], streamingTo: sink)
        ResultJSON.writeHead(a, summary: summary, findings: findings, names: names, to: &w)
        counts = w.openCounts
        w.drain()
    }

    /// The number of pieces the findings of `a` are rendered in.
    static func count(_ a: Analysis, perPiece: Int = findingsPerPiece) -> Int {
        max(1, (a.findings.count + perPiece - 1) / max(1, perPiece))
    }

    /// Renders piece `i` (a range of the findings, in order) and hands over every piece that is next.
    func render(_ i: Int) {
        let n = analysis.findings.count
        let range = (i * n / count)..<((i + 1) * n / count)
        // Written as if a finding came before, so each starts with its separator; the first one written drops it.
        var w = JSONStream(resuming: Array(counts.dropLast()) + [1], capacity: range.count * 400 + 1024)
        for j in range {
            let f = analysis.findings[j]
            if selection.lists(f) { ResultJSON.write(f, in: analysis, names: names, tables: true, to: &w) }
        }
        commit(i, w.takeData())
    }

    private func commit(_ i: Int, _ data: Data) {
        lock.lock()
        defer { lock.unlock() }
        ready[i] = data
        while next < count, let piece = ready[next] {
            ready[next] = nil
            if !piece.isEmpty {
                piece.withUnsafeBytes { bytes in sink.write(anyFinding ? bytes : UnsafeRawBufferPointer(rebasing: bytes.dropFirst())) }
                anyFinding = true
            }
            next += 1
            if next == count { writeTail() }
        }
    }

    private func writeTail() {
        var w = JSONStream(resuming: Array(counts.dropLast()) + [anyFinding ? 1 : 0], streamingTo: sink)
        ResultJSON.writeTail(analysis, paths: paths(), extra: [], to: &w)
        w.finishStream()
    }
}
