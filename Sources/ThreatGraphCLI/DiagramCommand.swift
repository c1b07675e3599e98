import Foundation
import ThreatGraph
import ThreatGraphExport

extension Session {
    /// Checks `--boundary ID` against the model; prints an error with a suggestion when it names no boundary.
    func checkBoundary(_ id: String?, in analysis: Analysis) -> Bool {
        guard let id, !analysis.workload.boundaries.contains(where: { $0.id == id }) else { return true }
        var message = "error: no boundary '\(Terminal.escape(id))' in the model\n"
        if let m = Suggestion.bestMatch(for: id, in: analysis.workload.boundaries.map(\.id)) { message += "  did you mean '\(m)'?\n" }
        output.err(message)
        return false
    }

    /// The `dot` executable, or nil after printing why `--render` cannot work.
    func graphviz() -> String? {
        if let dot = Graphviz.locate(environment: environment) { return dot }
        output.err("error: --render needs Graphviz, and no 'dot' was found on PATH; install Graphviz (e.g. apt-get install graphviz, brew install graphviz) or leave out --render to get DOT text\n")
        return nil
    }
}

/// What `diagram` draws.
enum DiagramView: String, Sendable, CaseIterable {
    case dataflow, paths, threats
}

/// What Graphviz renders to.
enum RenderFormat: String, Sendable {
    case svg, png
}

/// `diagram MODEL... --view dataflow|paths|threats [--asset ID] [--boundary ID] [--layer L] [--render svg|png] [--output FILE]`.
enum DiagramCommand {
    static let view = Option<DiagramView>.choice("view", "VIEW", help: "What to draw: the data flow, the attack paths over it, or threats and controls.",
                                                 default: .dataflow, among: DiagramView.allCases)
    static let asset = Option<String?>.text("asset", "ID", help: "The threats view: only this asset.")
    static let boundary = Option<String?>.text("boundary", "ID", help: "Only this trust boundary and those nested in it.")
    static let layer = Option<String?>.text("layer", "L", help: "Only assets whose kind is on this layer.", among: CatalogSchema.layerIDs)
    static let render = Option<RenderFormat?>.choice("render", "FORMAT", help: "Run Graphviz dot (timeout 120 s) and write the picture instead of DOT.",
                                                     among: [RenderFormat.svg, .png])
    static let output = Option<String?>.output()
    static let spec = CommandSpec.models(
        "diagram", "Write a Graphviz DOT diagram of the model (or render it with --render).",
        options: [view.spec, asset.spec, boundary.spec, layer.spec, render.spec, output.spec],
        details: "Above 150 flows, edge labels are left out so that Graphviz stays fast; use --boundary or --layer for a readable part of a large model.\n"
            + "With --render and no Graphviz: exit 2, nothing written.",
        run: run)

    static func run(_ session: Session) -> ExitStatus {
        let a = session.arguments
        if a[asset] != nil && a[view] != .threats {
            session.output.err("error: --asset selects the asset of --view threats; the \(a[view].rawValue) view takes --boundary or --layer\n"
                               + "Run 'threatgraph diagram --help' for usage.\n")
            return .invalid
        }
        if a[render] == .png && a[output] == nil {
            session.output.err("error: --render png writes binary data; give --output FILE\n")
            return .invalid
        }
        guard let analysis = session.analyze(a.operands) else { return .invalid }
        if let id = a[asset], !analysis.workload.assets.contains(where: { $0.id == id }) {
            return session.unknownAsset(id, in: analysis)
        }
        guard session.checkBoundary(a[boundary], in: analysis) else { return .invalid }
        let dot = draw(analysis, view: a[view], options: DiagramOptions(boundary: a[boundary], layer: a[layer], asset: a[asset]))
        guard let format = a[render] else { return session.emit(dot, to: a[output]) }
        guard let executable = session.graphviz() else { return .invalid }
        let rendered: Data
        do {
            let result = try Graphviz.render(dot, format: format.rawValue, executable: executable, environment: session.environment)
            if !result.warnings.isEmpty { session.output.err(result.warnings) }
            rendered = result.output
        } catch {
            session.output.err("error: \(error.message)\n")
            return .invalid
        }
        return session.emit(rendered, to: a[output])
    }

    /// The DOT text of a view.
    static func draw(_ analysis: Analysis, view: DiagramView, options: DiagramOptions) -> String {
        switch view {
        case .threats: return ThreatsDOT.render(analysis, options: options)
        case .paths: return PathsDOT.render(analysis, paths: analysis.pathAnalysis(), options: options)
        case .dataflow: return DataflowDOT.render(analysis, options: options)
        }
    }
}
