import ThreatGraph

/// Everything `report` writes, as (file name, text) pairs in a fixed order; pure, so tests can regenerate `Exports/`.
public enum ReportBundle {
    /// The file names and texts for a stem: `STEM.md`, `STEM.dataflow.dot`, `STEM.paths.dot`, `STEM.threats.dot`,
    /// `STEM.sarif`, `STEM.json`; with `paths`, the attack-path sections, the paths view and the JSON members for them.
    public static func files(_ a: Analysis, paths: PathAnalysis?, stem: String, sarifURI: (String) -> String,
                             toolVersion: String) -> [(name: String, text: String)] {
        [
            ("\(stem).md", MarkdownReport.render(a, paths: paths, options: ReportOptions(stem: stem))),
            ("\(stem).dataflow.dot", DataflowDOT.render(a)),
            ("\(stem).paths.dot", PathsDOT.render(a, paths: paths)),
            ("\(stem).threats.dot", ThreatsDOT.render(a)),
            ("\(stem).sarif", SARIFRenderer.render(a, findings: a.openFindings, uri: sarifURI, toolVersion: toolVersion)),
            ("\(stem).json", ResultJSON.render(a, extra: paths.map { PathsJSON.members($0, in: a) } ?? [])),
        ]
    }
}
