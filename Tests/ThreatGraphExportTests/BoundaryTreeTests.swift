import Testing
import ThreatGraph
@testable import ThreatGraphExport

@Suite struct BoundaryTreeTests {
    /// The small chatbot: `vpc` nested in `account`, `api` in `account`, three assets in `vpc`, `vendor` in none.
    @Test func indexesParentsChildrenAndChains() throws {
        let a = try analyse(Fixtures.small)
        let w = a.workload
        let tree = BoundaryTree(a.resolved)
        let index = Dictionary(uniqueKeysWithValues: w.assets.enumerated().map { ($1.id, $0) })
        let api = try #require(index["api"]), llm = try #require(index["llm"]), kb = try #require(index["kb"])
        let history = try #require(index["history"]), vendor = try #require(index["vendor"])
        let account = try #require(tree.boundary("account")), vpc = try #require(tree.boundary("vpc"))
        #expect(tree.roots == [account] && tree.parent[vpc] == account && tree.children[account] == [vpc])
        #expect(tree.assetsIn[account] == [api] && tree.assetsIn[vpc] == [llm, kb, history] && tree.loose == [vendor])
        #expect(tree.chain(ofAsset: llm) == [vpc, account] && tree.chain(ofAsset: vendor) == [])
        #expect(tree.root(ofAsset: kb) == account && tree.root(ofAsset: vendor) == nil)
        #expect(tree.contains(asset: history, in: account) && !tree.contains(asset: api, in: vpc))
        #expect(tree.boundary("nowhere") == nil)
    }

    /// Selecting a boundary selects the assets in it and in the boundaries nested in it; an unknown one selects none.
    @Test func boundaryFilterSelectsTheSubtree() throws {
        let a = try analyse(Fixtures.small)
        let tree = BoundaryTree(a.resolved)
        func ids(_ boundary: String) -> [String] {
            DiagramStyle.selectedAssets(a, DiagramOptions(boundary: boundary), tree: tree).map { a.workload.assets[$0].id }
        }
        #expect(ids("account") == ["api", "llm", "kb", "history"])
        #expect(ids("vpc") == ["llm", "kb", "history"])
        #expect(ids("nowhere") == [])
    }
}
