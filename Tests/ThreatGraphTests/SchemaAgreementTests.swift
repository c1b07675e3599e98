import Testing
@testable import ThreatGraph

@Suite struct SchemaAgreementTests {
    /// A model that uses every field of the format once.
    static let everyField = """
    {
      "$schema": "./threatgraph-model.schema.json",
      "threatgraph": "1", "name": "all", "description": "d", "cloud": "aws", "frameworks": ["atlas"],
      "actors": [{"id": "u", "name": "User", "trust": "anonymous", "description": "d", "inferred": true, "source": "s"}],
      "boundaries": [{"id": "b", "name": "B", "parent": "c", "description": "d", "controls": [{"id": "ctl.model.guardrails", "status": "planned", "note": "n", "source": "s"}], "source": "s"},
                     {"id": "c"}],
      "assets": [{"id": "llm", "name": "L", "kind": "llm-endpoint", "service": "s", "boundary": "b", "sensitivity": "restricted",
                  "crownJewel": true, "cloud": "azure", "description": "d", "controls": [], "resources": ["r"], "source": "s"},
                 {"id": "db", "kind": "nosql-database"}],
      "flows": [{"id": "f", "from": "u", "to": "llm", "data": "d", "protocol": "p", "sensitivity": "public", "bidirectional": true, "controls": [], "source": "s"}],
      "acceptedRisks": [{"threat": "AML.T0051.000", "asset": "llm", "reason": "r", "owner": "o", "ticket": "t", "expires": "2027-01-01"}],
      "notApplicable": [{"threat": "AML.T0051.001", "asset": "llm", "reason": "r"}],
      "overrides": [{"control": "ctl.model.guardrails", "threat": "AML.T0051.000", "asset": "llm", "effectiveness": 0.5, "severity": "low", "likelihood": 0.1, "reason": "r"}]
    }
    """

    @Test func theLoaderReadsExactlyTheSchemasFields() throws {
        let document = try JSONReader.read(Array(Self.everyField.utf8))
        var ctx = DecodeContext(document: document, file: "all.json", schema: ModelSchema.spec, codePrefix: "model")
        ctx.recordsFields = true
        _ = ModelLoader.decode(document.root, &ctx)
        #expect(ctx.diagnostics.isEmpty, "\(ctx.diagnostics.map(\.rendered))")
        var declared = Set<String>()
        for (name, spec) in ModelSchema.spec.objects { for f in spec.fields { declared.insert("\(name).\(f.name)") } }
        #expect(ctx.fieldsRead.subtracting(declared).isEmpty, "read but not in the schema: \(ctx.fieldsRead.subtracting(declared).sorted())")
        #expect(declared.subtracting(ctx.fieldsRead).isEmpty, "in the schema but never read: \(declared.subtracting(ctx.fieldsRead).sorted())")
    }

    @Test func everyFieldHasADescription() {
        for spec in ModelSchema.spec.objects.values {
            for f in spec.fields { #expect(!f.description.isEmpty, "\(spec.name).\(f.name)") }
        }
    }
}
