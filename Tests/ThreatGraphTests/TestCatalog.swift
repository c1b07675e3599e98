import Foundation
import ThreatGraph

/// A small catalog for engine tests, so that their expectations follow from the entries below and not from the
/// built-in catalog's numbers. Kinds: a web front end, an API gateway, an LLM endpoint, an agent, a vector store and
/// a database. Threats (all with likelihood and severity chosen for the tests):
/// - `T.INJ` input injection (high, 0.6, Execution) on the LLM endpoint and the agent;
/// - `T.POI` poisoning (high, 0.4, stored vector; on buckets too) with sub-techniques `T.POI.000` (vector store) and `T.POI.001` (database);
/// - `T.EXF` exfiltration (critical, 0.3) on the database and the vector store;
/// - `T.DOS` denial of service (medium, 0.5, Impact: a last hop only) on the web front end and the API gateway;
/// - `T.APP` exploiting the application (medium, 0.3, Initial Access) on the web front end and the API gateway;
/// - `T.CRED` stolen credentials (high, 0.2, Credential Access, platform vector) on the API gateway and the agent;
/// - `T.SUP` a supply-chain compromise (high, 0.3) of the agent or an external API;
/// - `T.OWASP` the OWASP entry equivalent to `T.INJ`, on the same kinds.
/// `ctl.application.auth` is a gate: only authenticated actors pass it. `ctl.data.ingest-check` is an inbound filter
/// and `ctl.application.safe-writes` an outbound control against poisoning.
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
        {"id": "AML.TA0005", "name": "Execution", "order": 5},
        {"id": "AML.TA0013", "name": "Credential Access", "order": 9},
        {"id": "AML.TA0010", "name": "Exfiltration", "order": 14},
        {"id": "AML.TA0011", "name": "Impact", "order": 15}
      ],
      "threats": [
        {"id": "T.INJ", "name": "Injection", "framework": "atlas", "summary": "s", "tactics": ["AML.TA0005"],
         "severity": "high", "likelihood": 0.6, "appliesTo": ["llm-endpoint", "agent"]},
        {"id": "T.POI", "name": "Poisoning", "framework": "atlas", "summary": "s", "tactics": ["AML.TA0004"], "vector": "stored",
         "severity": "high", "likelihood": 0.4, "appliesTo": ["vector-store", "nosql-database", "object-storage"]},
        {"id": "T.POI.000", "name": "Index", "framework": "atlas", "summary": "s", "parent": "T.POI", "tactics": ["AML.TA0004"],
         "vector": "stored", "severity": "high", "likelihood": 0.4, "appliesTo": ["vector-store"]},
        {"id": "T.POI.001", "name": "Table", "framework": "atlas", "summary": "s", "parent": "T.POI", "tactics": ["AML.TA0004"],
         "vector": "stored", "severity": "high", "likelihood": 0.4, "appliesTo": ["nosql-database"]},
        {"id": "T.EXF", "name": "Exfiltration", "framework": "atlas", "summary": "s", "tactics": ["AML.TA0010"],
         "severity": "critical", "likelihood": 0.3, "appliesTo": ["nosql-database", "vector-store", "object-storage"]},
        {"id": "T.OWASP", "name": "Injection (OWASP)", "framework": "owasp-llm-2025", "summary": "s", "equivalent": ["T.INJ"],
         "severity": "high", "likelihood": 0.6, "appliesTo": ["llm-endpoint", "agent"]},
        {"id": "T.SUP", "name": "Supply", "framework": "atlas", "summary": "s", "tactics": ["AML.TA0004"], "vector": "supply",
         "severity": "high", "likelihood": 0.3, "appliesTo": ["agent", "external-api"]},
        {"id": "T.DOS", "name": "Denial", "framework": "atlas", "summary": "s", "tactics": ["AML.TA0011"],
         "severity": "medium", "likelihood": 0.5, "appliesTo": ["web-frontend", "api-gateway"]},
        {"id": "T.APP", "name": "Exploit the application", "framework": "atlas", "summary": "s", "tactics": ["AML.TA0004"],
         "severity": "medium", "likelihood": 0.3, "appliesTo": ["web-frontend", "api-gateway"]},
        {"id": "T.CRED", "name": "Stolen credentials", "framework": "atlas", "summary": "s", "tactics": ["AML.TA0013"], "vector": "platform",
         "severity": "high", "likelihood": 0.2, "appliesTo": ["api-gateway", "agent"]}
      ],
      "caseStudies": [{"id": "AML.CS0000", "name": "Test incident", "techniques": ["T.INJ", "T.DOS", "T.EXF"]}],
      "controls": [
        {"id": "ctl.model.guardrails", "name": "Guardrails", "layer": "model", "kind": "preventive", "scope": "asset",
         "summary": "s", "mitigates": ["T.INJ"], "deployOn": ["llm-endpoint", "agent"], "effectiveness": 0.55, "cost": 2},
        {"id": "ctl.application.session-check", "name": "Session check", "layer": "application", "kind": "preventive",
         "scope": "asset", "summary": "s", "mitigates": ["T.INJ"], "deployOn": ["api-gateway"], "effectiveness": 0.5, "cost": 1},
        {"id": "ctl.application.filter", "name": "Input filter", "layer": "application", "kind": "preventive", "scope": "inbound",
         "summary": "s", "mitigates": ["T.INJ", "T.DOS", "T.APP"], "deployOn": ["api-gateway", "flow"], "effectiveness": 0.5, "cost": 2},
        {"id": "ctl.model.guard", "name": "Model guard", "layer": "model", "kind": "detective", "scope": "asset",
         "summary": "s", "mitigates": ["T.INJ"], "deployOn": ["llm-endpoint", "agent"], "effectiveness": 0.6, "cost": 1},
        {"id": "ctl.data.encryption", "name": "Encryption", "layer": "data", "kind": "preventive", "scope": "asset",
         "summary": "s", "mitigates": ["T.EXF"], "deployOn": ["nosql-database", "vector-store"], "effectiveness": 0.7, "cost": 3},
        {"id": "ctl.data.validation", "name": "Ingestion validation", "layer": "data", "kind": "preventive", "scope": "asset",
         "summary": "s", "mitigates": ["T.POI"], "deployOn": ["nosql-database", "vector-store", "object-storage"], "effectiveness": 0.5, "cost": 4},
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
         "effectiveness": 0.3, "cost": 2},
        {"id": "ctl.data.ingest-check", "name": "Ingest check", "layer": "data", "kind": "preventive", "scope": "inbound",
         "summary": "s", "mitigates": ["T.POI"], "deployOn": ["api-gateway"], "effectiveness": 0.5, "cost": 2},
        {"id": "ctl.application.safe-writes", "name": "Safe writes", "layer": "application", "kind": "preventive", "scope": "outbound",
         "summary": "s", "mitigates": ["T.POI"], "deployOn": ["agent", "api-gateway"], "effectiveness": 0.6, "cost": 1}
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
