import Foundation
import ThreatGraph

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// The reference folder beside the package (`../shared/reference`), when present.
let referenceFolder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared/reference")

/// Whether tests run in CI, where missing external inputs are failures rather than skips.
let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

/// The built-in catalog, loaded once per use.
func builtInCatalog() -> Catalog {
    let (catalog, diagnostics) = CatalogLoader.load(base: CatalogLoader.embeddedFiles())
    guard let catalog else { fatalError("embedded catalog failed to load: \(diagnostics.map(\.rendered))") }
    return catalog
}

/// Loads a model given as text.
func loadModel(_ text: String, name: String = "model.json", catalog: Catalog = builtInCatalog()) -> (Workload?, [Diagnostic]) {
    ModelLoader.load([InputFile(name: name, bytes: Array(text.utf8))], catalog: catalog)
}

/// A minimal valid model with extra JSON members spliced into the top level.
func model(_ extra: String = "", assets: String = #"[{"id": "llm", "kind": "llm-endpoint"}]"#) -> String {
    """
    {"threatgraph": "1", "name": "test", "assets": \(assets)\(extra.isEmpty ? "" : ", " + extra)}
    """
}

/// Analyses an example model from `Models/` against the built-in catalog, as of the exports' date.
func analyseExample(_ name: String) throws -> Analysis {
    let bytes = try Data(contentsOf: packageRoot.appendingPathComponent("Models/\(name).json"))
    let catalog = builtInCatalog()
    let (w, diagnostics) = ModelLoader.load([InputFile(name: "\(name).json", bytes: Array(bytes))], catalog: catalog)
    guard let w, let date = CalendarDate(parsing: "2027-01-01") else { throw TestFailure(message: diagnostics.map(\.rendered).joined(separator: "\n")) }
    return Analysis(catalog: catalog, workload: w, options: AnalysisOptions(asOf: date))
}
