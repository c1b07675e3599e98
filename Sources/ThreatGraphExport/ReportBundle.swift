import Foundation
import ThreatGraph

/// Everything `report` writes, as (file name, text) pairs in a fixed order; pure, so tests can regenerate `Exports/`.
public enum ReportBundle {
    /// The file names and texts for a stem: `STEM.md`, `STEM.dataflow.dot`, `STEM.paths.dot`, `STEM.threats.dot`,
    /// `STEM.sarif`, `STEM.json`; with `paths`, the attack-path sections, the paths view and the JSON members for them.
    public static func files(_ a: Analysis, paths: PathAnalysis?, stem: String, sarifURI: (String) -> String,
                             toolVersion: String) -> [(name: String, text: String)] {
        texts(a, paths: paths, stem: stem, sarifURI: sarifURI, toolVersion: toolVersion)
            + [("\(stem).json", ResultJSON.render(a, paths: paths))]
    }

    /// The same files as UTF-8 bytes; the JSON result, the largest by far, is written without an intermediate string.
    public static func fileData(_ a: Analysis, paths: PathAnalysis?, stem: String, sarifURI: (String) -> String,
                                toolVersion: String) -> [(name: String, data: Data)] {
        texts(a, paths: paths, stem: stem, sarifURI: sarifURI, toolVersion: toolVersion).map { ($0.name, Data($0.text.utf8)) }
            + [("\(stem).json", ResultJSON.renderData(a, paths: paths))]
    }

    /// Every file but the JSON result.
    private static func texts(_ a: Analysis, paths: PathAnalysis?, stem: String, sarifURI: (String) -> String,
                              toolVersion: String) -> [(name: String, text: String)] {
        [
            ("\(stem).md", MarkdownReport.render(a, paths: paths, options: ReportOptions(stem: stem))),
            ("\(stem).dataflow.dot", DataflowDOT.render(a)),
            ("\(stem).paths.dot", PathsDOT.render(a, paths: paths)),
            ("\(stem).threats.dot", ThreatsDOT.render(a)),
            ("\(stem).sarif", SARIFRenderer.render(a, findings: a.openFindings, uri: sarifURI, toolVersion: toolVersion)),
        ]
    }
}
