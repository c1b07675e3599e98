import Foundation
import Testing
import ThreatGraph
import ThreatGraphExport

/// Above a number of assets the diagrams aggregate: boundaries as nodes in the dataflow and paths views, a list of
/// top threats in the threats view; `--boundary` still draws one boundary in full.
@Suite struct DiagramAggregationTests {
    /// A 90-asset estate in 9 boundaries (one account around eight VPCs of about 11 assets).
    static let estate = Fixtures.estate(assets: 90, boundaries: 9, controls: true)

    @Test func theDataflowViewAggregatesAboveTheThreshold() throws {
        let a = try analyse(Self.estate)
        let full = DataflowDOT.render(a, options: DiagramOptions(maxAssets: 90))
        let aggregated = DataflowDOT.render(a, options: DiagramOptions(maxAssets: 89))
        #expect(full.contains("asset_a0 [") && !full.contains("shape=folder"))
        #expect(!aggregated.contains("asset_a0") && aggregated.contains("shape=folder"))
        #expect(aggregated.contains("90 assets, more than 89"))
        // One node for the account (a root), actors by trust; every asset counted once.
        #expect(aggregated.contains("boundary_acct_h0 [label=\"Account 0\\n90 assets"))
        #expect(aggregated.contains("actors_anonymous") && aggregated.contains("actors_partner"))
    }

    @Test func aBoundaryIsDrawnInFullOrAsItsChildren() throws {
        let a = try analyse(Self.estate)
        // Inside the account, eight VPCs of 11 or 12 assets: above 20 assets its children become the nodes.
        let children = DataflowDOT.render(a, options: DiagramOptions(boundary: "acct-0", maxAssets: 20))
        #expect(children.contains("boundary_vpc_h0 [label=\"VPC 0 with a longer name\\n12 assets") && !children.contains("asset_a0 ["))
        let one = DataflowDOT.render(a, options: DiagramOptions(boundary: "vpc-0", maxAssets: 20))
        #expect(one.contains("asset_a0 [") && !one.contains("shape=folder"))
    }

    @Test func thePathsViewDrawsHopsBetweenBoundaryNodes() throws {
        let a = try analyse(Self.estate)
        let paths = a.pathAnalysis()
        let dot = PathsDOT.render(a, paths: paths, options: DiagramOptions(boundary: "acct-0", maxAssets: 20))
        #expect(dot.contains("attack paths") && dot.contains("shape=folder"))
        // No hop is drawn from a node to itself.
        let loops = dot.split(separator: "\n").filter { line in
            let parts = line.split(separator: " ")
            return parts.count > 2 && parts[1] == "->" && parts[0] == parts[2]
        }
        #expect(loops.isEmpty)
    }

    @Test func theThreatsViewListsTopThreatsAboveItsThreshold() throws {
        let a = try analyse(Self.estate)
        let full = ThreatsDOT.render(a, options: DiagramOptions(maxThreatAssets: 90))
        let listed = ThreatsDOT.render(a, options: DiagramOptions(maxThreatAssets: 89))
        #expect(full.contains("asset_a0 [label=<") && !full.contains("top_threats"))
        #expect(!listed.contains("->") && listed.contains("Threats open on the most assets") && listed.contains("--view threats --asset a"))
        // One asset is always drawn in full.
        #expect(ThreatsDOT.render(a, options: DiagramOptions(asset: "a3", maxThreatAssets: 0)).contains("asset_a3 -> threat_"))
    }

    @Test func theExampleModelsKeepTheirFullViews() throws {
        let a = try analyse(Fixtures.small)
        #expect(a.workload.assets.count <= DiagramOptions().maxThreatAssets)
        #expect(!DataflowDOT.render(a).contains("shape=folder") && !ThreatsDOT.render(a).contains("top_threats"))
    }

    @Test(.timeLimit(.minutes(2))) func hostileNamesStayEscapedInAggregatedViews() throws {
        let a = try analyse(Fixtures.hostile)
        let texts = [DataflowDOT.render(a, options: DiagramOptions(maxAssets: 0)),
                     PathsDOT.render(a, paths: RendererTests.samplePaths(a), options: DiagramOptions(maxAssets: 0)),
                     ThreatsDOT.render(a, options: DiagramOptions(maxThreatAssets: 0))]
        for text in texts {
            #expect(!text.unicodeScalars.contains("\u{202E}"))
            #expect(text.contains("shape=folder") || text.contains("top_threats"))
            // Each statement is one line; inside HTML-like labels, names are entities.
            for line in text.split(separator: "\n") where line.contains("label=<") { #expect(!line.contains("<script>")) }
        }
        guard let dot = dotExecutable() else {
            if inCI { Issue.record("Graphviz 'dot' is missing in CI") } else { print("note: Graphviz 'dot' not found; hostile aggregated layout check skipped") }
            return
        }
        for text in texts {
            let result = try runDot(dot, text, timeout: 30)
            #expect(result?.0 == 0 && result?.2 == "", "dot: \(result?.2 ?? "timed out")")
        }
    }

    @Test(.timeLimit(.minutes(3))) func aggregatedViewsOfALargeEstateLayOutQuickly() throws {
        guard let dot = dotExecutable() else {
            if inCI { Issue.record("Graphviz 'dot' is missing in CI") } else { print("note: Graphviz 'dot' not found; aggregated layout check skipped") }
            return
        }
        let a = try analyse(Fixtures.estate(assets: 2000, boundaries: 400, controls: true))
        let paths = a.pathAnalysis()
        for text in [DataflowDOT.render(a), PathsDOT.render(a, paths: paths), ThreatsDOT.render(a)] {
            let result = try runDot(dot, text, timeout: 30)
            #expect(result != nil, "dot took more than 30 s")
            #expect(result?.0 == 0 && result?.2 == "", "dot: \(result?.2 ?? "")")
        }
    }
}
