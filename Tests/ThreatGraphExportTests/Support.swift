import Foundation
import Testing

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Compares `actual` with the golden file `Golden/<name>`; with THREATGRAPH_RECORD=1 rewrites it instead.
/// On a mismatch, records the first differing lines.
func assertGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    if ProcessInfo.processInfo.environment["THREATGRAPH_RECORD"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(actual.utf8).write(to: url)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record("missing golden file \(name); run THREATGRAPH_RECORD=1 swift test", sourceLocation: sourceLocation)
        return
    }
    guard expected != actual else { return }
    Issue.record("\(name) differs from its golden file (THREATGRAPH_RECORD=1 swift test to accept):\n\(lineDiff(expected, actual))", sourceLocation: sourceLocation)
}

/// The first differing lines of two texts, as `-expected` / `+actual`.
func lineDiff(_ expected: String, _ actual: String, limit: Int = 20) -> String {
    let a = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let b = actual.split(separator: "\n", omittingEmptySubsequences: false)
    var out: [String] = []
    for i in 0..<max(a.count, b.count) where out.count < limit {
        let x = i < a.count ? String(a[i]) : nil, y = i < b.count ? String(b[i]) : nil
        if x != y {
            if let x { out.append("\(i + 1) -\(x)") }
            if let y { out.append("\(i + 1) +\(y)") }
        }
    }
    return out.joined(separator: "\n")
}
