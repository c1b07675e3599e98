import Foundation
import ThreatGraph

/// A small catalog for engine tests, so that their expectations follow from the entries below and not from the
/// built-in catalog's numbers. Kinds: a web front end, an API gateway, an LLM endpoint, an agent, a vector store and
/// a database. Threats (all with likelihood and severity chosen for the tests):
/// - `T.INJ` input injection (high, 0.6) on the LLM endpoint and the agent;
/// - `T.POI` poisoning (high, 0.4) with sub-techniques `T.POI.000` (vector store) and `T.POI.001` (database);
/// - `T.EXF` exfiltration (critical, 0.3) on the database and the vector store;
/// - `T.DOS` denial of service (medium, 0.5) on the web front end and the API gateway;
/// - `T.SUP` a supply-chain compromise (high, 0.3) of the agent or an external API;
/// - `T.OWASP` the OWASP entry equivalent to `T.INJ`, on the same kinds.
/// `ctl.application.auth` is a gate: only authenticated actors pass it.
enum TestCatalog {
    /// The catalog's JSON.
    static let json = #"""
    {
      "manifest": {"version": "test.1", "sources": [{"id": "test", "name": "Test", "version": "1", "licence": "none"}]},
      "layers": [
        {"id": "infrastructure", "name": "Infrastructure & Network", "order": 1},
        {"id": "model", "name": "Model", "order": 2},
        {"id": "data", "name": "Data", "order": 3},
        {"id": "application", "name": "Application & Inference", "order": 4},
        {"id": "runtime", "name": "Runtime", "order": 5}
      ],
      "assetKinds": [
        {"id": "web-frontend", "name": "Web front end", "summary": "UI", "layer": "application"},
        {"id": "api-gateway", "name": "API gateway", "summary": "API", "layer": "application"},
        {"id": "llm-endpoint", "name": "LLM endpoint", "summary": "Model", "layer": "model"},
        {"id": "agent", "name": "Agent", "summary": "Agent", "layer": "application"},
        {"id": "vector-store", "name": "Vector store", "summary": "Index", "layer": "data"},
        {"id": "nosql-database", "name": "Database", "summary": "Table", "layer": "data"},
        {"id": "object-storage", "name": "Bucket", "summary": "Objects", "layer": "data"},
        {"id": "external-api", "name": "External API", "summary": "Vendor", "layer": "application"}
      ],
      "tactics": [
        {"id": "AML.TA0004", "name": "Initial Access", "order": 4},
        {"id": "AML.TA0010", "name": "Exfiltration", "order": 14}
      ],
      "threats": [
        {"id": "T.INJ", "name": "Injection", "framework": "atlas", "summary": "s", "tactics": ["AML.TA0004"],
         "severity": "high", "likelihood": 0.6, "appliesTo": ["llm-endpoint", "agent"]},
        {"id": "T.POI", "name": "Poisoning", "framework": "atlas", "summary": "s", "tactics": ["AML.TA0004"],
         "severity": "high", "likelihood": 0.4, "appliesTo": ["vector-store", "nosql-database"]},
        {"id": "T.POI.000", "name": "Index", "framework": "atlas", "summary": "s", "parent": "T.POI", "tactics": ["AML.TA0004"],
         "severity": "high", "likelihood": 0.4, "appliesTo": ["vector-store"]},
        {"id": "T.POI.001", "name": "Table", "framework": "atlas", "summary": "s", "parent": "T.POI", "tactics": ["AML.TA0004"],
         "severity": "high", "likelihood": 0.4, "appliesTo": ["nosql-database"]},
        {"id": "T.EXF", "name": "Exfiltration", "framework": "atlas", "summary": "s", "tactics": ["AML.TA0010"],
         "severity": "critical", "likelihood": 0.3, "appliesTo": ["nosql-database", "vector-store", "object-storage"]},
        {"id": "T.OWASP", "name": "Injection (OWASP)", "framework": "owasp-llm-2025", "summary": "s", "equivalent": ["T.INJ"],
         "severity": "high", "likelihood": 0.6, "appliesTo": ["llm-endpoint", "agent"]},
        {"id": "T.SUP", "name": "Supply", "framework": "atlas", "summary": "s", "tactics": ["AML.TA0004"], "vector": "supply",
         "severity": "high", "likelihood": 0.3, "appliesTo": ["agent", "external-api"]},
        {"id": "T.DOS", "name": "Denial", "framework": "atlas", "summary": "s", "tactics": ["AML.TA0010"],
         "severity": "medium", "likelihood": 0.5, "appliesTo": ["web-frontend", "api-gateway"]}
      ],
      "caseStudies": [{"id": "AML.CS0000", "name": "Test incident", "techniques": ["T.INJ", "T.DOS", "T.EXF"]}],
      "controls": [
        {"id": "ctl.model.guardrails", "name": "Guardrails", "layer": "model", "kind": "preventive", "scope": "asset",
         "summary": "s", "mitigates": ["T.INJ"], "deployOn": ["llm-endpoint", "agent"], "effectiveness": 0.55, "cost": 2},
        {"id": "ctl.application.session-check", "name": "Session check", "layer": "application", "kind": "preventive",
         "scope": "asset", "summary": "s", "mitigates": ["T.INJ"], "deployOn": ["api-gateway"], "effectiveness": 0.5, "cost": 1},
        {"id": "ctl.application.filter", "name": "Input filter", "layer": "application", "kind": "preventive", "scope": "inbound",
         "summary": "s", "mitigates": ["T.INJ", "T.DOS"], "deployOn": ["api-gateway", "flow"], "effectiveness": 0.5, "cost": 2},
        {"id": "ctl.model.guard", "name": "Model guard", "layer": "model", "kind": "detective", "scope": "asset",
         "summary": "s", "mitigates": ["T.INJ"], "deployOn": ["llm-endpoint", "agent"], "effectiveness": 0.6, "cost": 1},
        {"id": "ctl.data.encryption", "name": "Encryption", "layer": "data", "kind": "preventive", "scope": "asset",
         "summary": "s", "mitigates": ["T.EXF"], "deployOn": ["nosql-database", "vector-store"], "effectiveness": 0.7, "cost": 3},
        {"id": "ctl.data.validation", "name": "Ingestion validation", "layer": "data", "kind": "preventive", "scope": "asset",
         "summary": "s", "mitigates": ["T.POI"], "deployOn": ["nosql-database", "vector-store"], "effectiveness": 0.5, "cost": 4},
        {"id": "ctl.runtime.monitor", "name": "Monitor", "layer": "runtime", "kind": "detective", "scope": "asset",
         "summary": "s", "mitigates": ["T.POI.000", "T.EXF", "T.DOS"], "deployOn": ["vector-store", "nosql-database", "web-frontend"],
         "effectiveness": 0.4, "cost": 1},
        {"id": "ctl.application.auth", "name": "Authentication", "layer": "application", "kind": "preventive", "scope": "asset",
         "summary": "s", "mitigates": ["T.DOS"], "deployOn": ["api-gateway", "flow"], "gate": "authenticated", "effectiveness": 0.5,
         "cost": 2},
        {"id": "ctl.runtime.audit", "name": "Account audit", "layer": "runtime", "kind": "detective", "scope": "asset",
         "summary": "s", "mitigates": ["T.EXF"], "deployOn": ["boundary"], "effectiveness": 0.2, "cost": 1},
        {"id": "ctl.infrastructure.isolation", "name": "Isolation", "layer": "infrastructure", "kind": "responsive", "scope": "asset",
         "summary": "s", "mitigates": ["T.EXF", "T.INJ"], "deployOn": ["nosql-database", "llm-endpoint", "agent"],
         "effectiveness": 0.3, "cost": 2}
      ]
    }
    """#

    /// The loaded catalog.
    static let catalog = load(json)

    /// The catalog with no gates.
    static let withoutGates = load(json.replacingOccurrences(of: #""gate": "authenticated", "#, with: ""))

    private static func load(_ text: String) -> Catalog {
        let (catalog, diagnostics) = CatalogLoader.load(base: [InputFile(name: "test-catalog.json", bytes: Array(text.utf8))])
        guard let catalog else { preconditionFailure("test catalog: \(diagnostics.map(\.rendered))") }
        return catalog
    }
}

/// Loads a model given as text against the test catalog and analyses it.
func analyseWithTestCatalog(_ text: String, asOf: String = "2027-01-01", catalog: Catalog = TestCatalog.catalog) throws -> Analysis {
    let (w, diagnostics) = loadModel(text, catalog: catalog)
    guard let w else { throw TestFailure(message: diagnostics.map(\.rendered).joined(separator: "\n")) }
    guard let date = CalendarDate(parsing: asOf) else { throw TestFailure(message: "bad date \(asOf)") }
    return Analysis(catalog: catalog, workload: w, options: AnalysisOptions(asOf: date))
}

/// A failure with a message, for `throws` helpers.
struct TestFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
