import Foundation
import ThreatGraph

/// Everything `report` writes, in a fixed order; pure, so tests can regenerate `Exports/`.
public enum ReportBundle {
    /// The file names for a stem, in the order `write` fills its sinks: `STEM.md`, `STEM.dataflow.dot`,
    /// `STEM.paths.dot`, `STEM.threats.dot`, `STEM.sarif`, `STEM.json`.
    public static func names(stem: String) -> [String] {
        ["\(stem).md", "\(stem).dataflow.dot", "\(stem).paths.dot", "\(stem).threats.dot", "\(stem).sarif", "\(stem).json"]
    }

    /// The file names and texts for a stem; with `paths`, the attack-path sections, the paths view and the JSON
    /// members for them.
    public static func files(_ a: Analysis, paths: PathAnalysis?, stem: String, sarifURI: @escaping @Sendable (String) -> String,
                             toolVersion: String, findings: FindingSelection = .open, pictures: Bool = false) -> [(name: String, text: String)] {
        fileData(a, paths: paths, stem: stem, sarifURI: sarifURI, toolVersion: toolVersion, findings: findings, pictures: pictures)
            .map { ($0.name, String(decoding: $0.data, as: UTF8.self)) }
    }

    /// The same files as UTF-8 bytes, held in memory.
    public static func fileData(_ a: Analysis, paths: PathAnalysis?, stem: String, sarifURI: @escaping @Sendable (String) -> String,
                                toolVersion: String, findings: FindingSelection = .open, pictures: Bool = false) -> [(name: String, data: Data)] {
        let buffers = names(stem: stem).map { _ in ByteSink.buffer() }
        write(a, paths: paths, stem: stem, sarifURI: sarifURI, toolVersion: toolVersion, findings: findings, pictures: pictures,
              to: buffers.map(\.sink))
        return zip(names(stem: stem), buffers.map(\.buffer.data)).map { ($0, $1) }
    }

    /// Writes the files to `sinks` (one per name of `names(stem:)`, in that order), rendered side by side on the
    /// available cores: each renderer is a pure function of the analysis, and `sarifURI` is called from the thread
    /// that renders the SARIF log. The JSON result and the SARIF log are streamed to their sinks as they are written,
    /// so memory does not grow with their size; the others are small (diagrams and report aggregate large models).
    public static func write(_ a: Analysis, paths: PathAnalysis?, stem: String, sarifURI: @escaping @Sendable (String) -> String,
                             toolVersion: String, findings: FindingSelection = .open, pictures: Bool = false, to sinks: [ByteSink]) {
        write(a, computingPaths: { paths }, stem: stem, sarifURI: sarifURI, toolVersion: toolVersion, findings: findings, pictures: pictures,
              to: sinks)
    }

    /// Writes the files as `write(_:paths:…)` does, with the attack paths computed by `computingPaths` once, by the
    /// first renderer that needs them, while the others go on: the JSON result writes its findings meanwhile.
    public static func write(_ a: Analysis, computingPaths: @escaping @Sendable () -> PathAnalysis?, stem: String,
                             sarifURI: @escaping @Sendable (String) -> String, toolVersion: String, findings: FindingSelection = .open,
                             pictures: Bool = false, to sinks: [ByteSink]) {
        precondition(sinks.count == 6, "one sink per file")
        let paths = Computed(computingPaths)
        // Counted once, by the first job that needs them, and shared: every renderer reads the same summary, boundary
        // tree and open findings. The JSON result's head is written when its first piece is due.
        let summary = Computed { CoverageSummary(a) }, tree = Computed { BoundaryTree(a.resolved) }
        let open = Computed { a.openFindings }
        let result = Computed { ResultPieces(a, summary: summary.value, findings: findings, paths: { paths.value }, to: sinks[5]) }
        let markdown: @Sendable () -> Void = {
            var options = ReportOptions(stem: stem)
            options.pictures = pictures
            let p = paths.value
            let text = MarkdownReport.render(a, paths: p, options: options, summary: summary.value, tree: tree.value, open: open.value)
            sinks[0].write(text: text)
        }
        let sarif: @Sendable () -> Void = { SARIFRenderer.write(a, ranked: open.value, uri: sarifURI, toolVersion: toolVersion, to: sinks[4]) }
        let threats: @Sendable () -> Void = { sinks[3].write(text: ThreatsDOT.render(a, options: DiagramOptions(), summary: summary.value)) }
        let pathViews: @Sendable () -> Void = {
            let options = DiagramOptions(), p = paths.value
            let body = DataflowDOT.body(a, options: options, summary: summary.value, tree: tree.value, keep: PathsDOT.topPaths(p, limit: options.topPaths))
            sinks[1].write(text: DataflowDOT.render(a, options: options, body: body))
            sinks[2].write(text: PathsDOT.render(a, paths: p, options: options, body: body))
        }
        // Jobs are taken in this order by the free cores. The report, which computes the paths, comes first; the jobs
        // that need no paths follow, and the diagrams drawn from the paths come last, so that no core waits for them.
        let pieces = (0..<ResultPieces.count(a)).map { i -> @Sendable () -> Void in { result.value.render(i) } }
        let jobs = [markdown, sarif, threats] + pieces + [pathViews]
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in jobs[i]() }
    }
}

/// A value computed once, by the first thread that asks for it; the others wait for it.
final class Computed<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var compute: (@Sendable () -> Value)?
    private var stored: Value?

    init(_ compute: @escaping @Sendable () -> Value) { self.compute = compute }

    /// The value, computed on first use.
    var value: Value {
        lock.withLock {
            if let stored { return stored }
            let v = compute.map { $0() }!
            stored = v
            compute = nil
            return v
        }
    }
}
