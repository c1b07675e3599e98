import Foundation
import ThreatGraph

/// Everything `report` writes, as (file name, text) pairs in a fixed order; pure, so tests can regenerate `Exports/`.
public enum ReportBundle {
    /// The file names and texts for a stem: `STEM.md`, `STEM.dataflow.dot`, `STEM.paths.dot`, `STEM.threats.dot`,
    /// `STEM.sarif`, `STEM.json`; with `paths`, the attack-path sections, the paths view and the JSON members for them.
    public static func files(_ a: Analysis, paths: PathAnalysis?, stem: String, sarifURI: @escaping @Sendable (String) -> String,
                             toolVersion: String) -> [(name: String, text: String)] {
        fileData(a, paths: paths, stem: stem, sarifURI: sarifURI, toolVersion: toolVersion).map { ($0.name, String(decoding: $0.data, as: UTF8.self)) }
    }

    /// The same files as UTF-8 bytes, rendered side by side on the available cores (each renderer is a pure function
    /// of the analysis, and `sarifURI` is called from the thread that renders the SARIF log); the JSON result, the
    /// largest by far, is written without an intermediate string.
    public static func fileData(_ a: Analysis, paths: PathAnalysis?, stem: String, sarifURI: @escaping @Sendable (String) -> String,
                                toolVersion: String) -> [(name: String, data: Data)] {
        // Counted once and shared: every renderer reads the same summary and boundary tree.
        let summary = CoverageSummary(a), tree = BoundaryTree(a.resolved)
        let names = ["\(stem).md", "\(stem).dataflow.dot", "\(stem).paths.dot", "\(stem).threats.dot", "\(stem).sarif", "\(stem).json"]
        // Each job renders the files at `files` in `names`; the dataflow and paths views share the body they both draw.
        // The costliest come first, so that they start at once: the JSON result (by far the largest on big models) and
        // the SARIF log (the largest on small ones, as it describes every rule).
        let jobs: [(files: [Int], render: @Sendable () -> [Data])] = [
            ([5], { [ResultJSON.renderData(a, summary: summary, paths: paths)] }),
            ([4], { [Data(SARIFRenderer.render(a, findings: a.openFindings, uri: sarifURI, toolVersion: toolVersion).utf8)] }),
            ([0], { [Data(MarkdownReport.render(a, paths: paths, options: ReportOptions(stem: stem), summary: summary, tree: tree).utf8)] }),
            ([1, 2], {
                let options = DiagramOptions()
                let body = DataflowDOT.body(a, options: options, summary: summary, tree: tree)
                return [Data(DataflowDOT.render(a, options: options, body: body).utf8), Data(PathsDOT.render(a, paths: paths, options: options, body: body).utf8)]
            }),
            ([3], { [Data(ThreatsDOT.render(a).utf8)] }),
        ]
        let results = RenderedFiles(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in results.set(i, jobs[i].render()) }
        var data = [Data](repeating: Data(), count: names.count)
        for (i, job) in jobs.enumerated() {
            for (f, d) in zip(job.files, results.data(i)) { data[f] = d }
        }
        return Array(zip(names, data))
    }
}

/// Files rendered on several threads, each job's stored under its position.
private final class RenderedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [[Data]]

    init(count: Int) { files = [[Data]](repeating: [], count: count) }

    func set(_ i: Int, _ data: [Data]) {
        lock.lock()
        files[i] = data
        lock.unlock()
    }

    func data(_ i: Int) -> [Data] {
        lock.lock()
        defer { lock.unlock() }
        return files[i]
    }
}
