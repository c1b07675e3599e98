import Foundation
import PackagePlugin

/// Embeds every `Catalog/*.json` file of the package into the target as base64 string literals,
/// so the built binary carries its whole catalog and needs no resource bundle.
@main
struct EmbedCatalogPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let catalog = context.package.directoryURL.appending(path: "Catalog")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: catalog.path)) ?? []
        let inputs = names.filter { $0.hasSuffix(".json") }.sorted().map { catalog.appending(path: $0) }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedCatalogData.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(inputs.count) catalog files",
                executable: try context.tool(named: "CatalogEmbedder").url,
                arguments: [output.path] + inputs.map(\.path),
                inputFiles: inputs + [catalog],
                outputFiles: [output]
            )
        ]
    }
}
