// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "ThreatGraph",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "ThreatGraph", targets: ["ThreatGraph"]),
        .library(name: "ThreatGraphExport", targets: ["ThreatGraphExport"]),
        .library(name: "ThreatGraphCLI", targets: ["ThreatGraphCLI"]),
        .executable(name: "threatgraph", targets: ["ThreatGraphTool"]),
        .executable(name: "threatgraph-bench", targets: ["ThreatGraphBench"]),
    ],
    targets: [
        .executableTarget(name: "CatalogEmbedder"),
        .plugin(
            name: "EmbedCatalogPlugin",
            capability: .buildTool(),
            dependencies: ["CatalogEmbedder"],
            path: "Sources/EmbedCatalogPlugin"
        ),
        .target(name: "ThreatGraph", plugins: ["EmbedCatalogPlugin"]),
        .target(name: "ThreatGraphExport", dependencies: ["ThreatGraph"]),
        .target(name: "ThreatGraphCLI", dependencies: ["ThreatGraph", "ThreatGraphExport"]),
        .executableTarget(name: "ThreatGraphTool", dependencies: ["ThreatGraphCLI"]),
        .executableTarget(name: "ThreatGraphBench", dependencies: ["ThreatGraph", "ThreatGraphExport"], exclude: ["networkx_baseline.py", "README.md"]),
        .testTarget(name: "ThreatGraphTests", dependencies: ["ThreatGraph"], exclude: ["Fixtures"]),
        .testTarget(name: "ThreatGraphExportTests", dependencies: ["ThreatGraphExport"], exclude: ["Golden"]),
        .testTarget(name: "ThreatGraphCLITests", dependencies: ["ThreatGraphCLI", "ThreatGraphTool"]),
    ],
    swiftLanguageModes: [.v6]
)
