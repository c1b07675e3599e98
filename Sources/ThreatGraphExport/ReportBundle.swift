import Foundation
import ThreatGraph

/// Everything `report` writes, as (file name, text) pairs in a fixed order; pure, so tests can regenerate `Exports/`.
public enum ReportBundle {
    /// The file names and texts for a stem: `STEM.md`, `STEM.dataflow.dot`, `STEM.paths.dot`, `STEM.threats.dot`,
    /// `STEM.sarif`, `STEM.json`; with `paths`, the attack-path sections, the paths view and the JSON members for them.
    public static func files(_ a: Analysis, paths: PathAnalysis?, stem: String, sarifURI: (String) -> String,
                             toolVersion: String) -> [(name: String, text: String)] {
        fileData(a, paths: paths, stem: stem, sarifURI: sarifURI, toolVersion: toolVersion).map { ($0.name, String(decoding: $0.data, as: UTF8.self)) }
    }

    /// The same files as UTF-8 bytes, rendered side by side on the available cores (each renderer is a pure function
    /// of the analysis); the JSON result, the largest by far, is written without an intermediate string.
    public static func fileData(_ a: Analysis, paths: PathAnalysis?, stem: String, sarifURI: (String) -> String,
                                toolVersion: String) -> [(name: String, data: Data)] {
        // The SARIF renderer maps the files of asset and flow locations; they are mapped here, on the calling thread.
        var uris: [String: String] = [:]
        var last = ""
        func map(_ file: String) {
            guard file != last else { return }
            last = file
            if uris[file] == nil { uris[file] = sarifURI(file) }
        }
        for asset in a.workload.assets { map(asset.location.file) }
        for flow in a.workload.flows { map(flow.location.file) }
        let mapped = uris
        let jobs: [(name: String, render: @Sendable () -> Data)] = [
            ("\(stem).md", { Data(MarkdownReport.render(a, paths: paths, options: ReportOptions(stem: stem)).utf8) }),
            ("\(stem).dataflow.dot", { Data(DataflowDOT.render(a).utf8) }),
            ("\(stem).paths.dot", { Data(PathsDOT.render(a, paths: paths).utf8) }),
            ("\(stem).threats.dot", { Data(ThreatsDOT.render(a).utf8) }),
            ("\(stem).sarif", { Data(SARIFRenderer.render(a, findings: a.openFindings, uri: { mapped[$0] ?? $0 }, toolVersion: toolVersion).utf8) }),
            ("\(stem).json", { ResultJSON.renderData(a, paths: paths) }),
        ]
        // The costliest first, so that they start at once: the JSON result (by far the largest on big models) and
        // the SARIF log (the largest on small ones, as it describes every rule), then Markdown and the diagrams.
        let order = [5, 4, 0, 3, 2, 1]
        let results = RenderedFiles(count: jobs.count)
        DispatchQueue.concurrentPerform(iterations: order.count) { k in
            let i = order[k]
            results.set(i, jobs[i].render())
        }
        return jobs.indices.map { (jobs[$0].name, results.data($0)) }
    }
}

/// Files rendered on several threads, each stored under its position.
private final class RenderedFiles: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [Data]

    init(count: Int) { files = [Data](repeating: Data(), count: count) }

    func set(_ i: Int, _ data: Data) {
        lock.lock()
        files[i] = data
        lock.unlock()
    }

    func data(_ i: Int) -> Data {
        lock.lock()
        defer { lock.unlock() }
        return files[i]
    }
}
