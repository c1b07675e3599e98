import Foundation

// Writes a Swift file holding each catalog file given on the command line as a base64 string literal.
// Usage: CatalogEmbedder OUTPUT.swift INPUT.json...
let arguments = CommandLine.arguments.dropFirst()
guard let outputPath = arguments.first else {
    FileHandle.standardError.write(Data("usage: CatalogEmbedder OUTPUT.swift INPUT.json...\n".utf8))
    exit(2)
}
var text = "// Generated at build time from Catalog/*.json. Do not edit.\n"
text += "enum EmbeddedCatalogData {\n"
text += "    /// (file name, base64 of its bytes), sorted by file name.\n"
text += "    static let files: [(name: String, base64: String)] = [\n"
for path in arguments.dropFirst().sorted() {
    guard let data = FileManager.default.contents(atPath: path) else {
        FileHandle.standardError.write(Data("CatalogEmbedder: cannot read \(path)\n".utf8))
        exit(1)
    }
    let name = URL(fileURLWithPath: path).lastPathComponent
    text += "        (\"\(name)\", \"\(data.base64EncodedString())\"),\n"
}
text += "    ]\n}\n"
do {
    try Data(text.utf8).write(to: URL(fileURLWithPath: outputPath), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("CatalogEmbedder: cannot write \(outputPath): \(error)\n".utf8))
    exit(1)
}
