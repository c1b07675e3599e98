import Testing
import ThreatGraph

/// Controls on a boundary count on the assets inside whose kind they deploy on; a control deployable on `boundary`
/// counts on every asset inside.
struct BoundaryInheritanceTests {
    static let model = """
    {"threatgraph": "1", "name": "inheritance",
     "actors": [{"id": "u", "trust": "insider"}],
     "boundaries": [
       {"id": "account", "controls": [{"id": "ctl.infrastructure.isolation", "status": "implemented"},
                                      {"id": "ctl.runtime.audit", "status": "implemented"}]},
       {"id": "vpc", "parent": "account"}],
     "assets": [{"id": "db", "kind": "nosql-database", "boundary": "vpc"},
                {"id": "index", "kind": "vector-store", "boundary": "vpc"}],
     "flows": [{"from": "u", "to": "db"}, {"from": "u", "to": "index"}]}
    """

    func controls(_ a: Analysis, _ id: String) throws -> [String] {
        let f = try #require(a.findings.first { $0.id == id })
        return f.controls.map { a.catalog.controls[$0.control].id }
    }

    @Test func aBoundaryControlCountsOnlyWhereItDeploys() throws {
        let a = try analyseWithTestCatalog(Self.model)
        // Isolation deploys on databases, not on vector stores.
        #expect(try controls(a, "T.EXF@db").contains("ctl.infrastructure.isolation"))
        #expect(try !controls(a, "T.EXF@index").contains("ctl.infrastructure.isolation"))
    }

    @Test func aBoundaryWideControlCountsOnEveryAssetInside() throws {
        let a = try analyseWithTestCatalog(Self.model)
        #expect(try controls(a, "T.EXF@db").contains("ctl.runtime.audit"))
        #expect(try controls(a, "T.EXF@index").contains("ctl.runtime.audit"))
    }
}
