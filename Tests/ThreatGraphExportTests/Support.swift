import Foundation
import Testing
import ThreatGraph

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Compares `actual` with the golden file `Golden/<name>`; with THREATGRAPH_RECORD=1 rewrites it instead.
/// On a mismatch, records the first differing lines.
func assertGolden(_ actual: String, _ name: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
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

/// Whether tests run in CI, where missing external tools are failures rather than skips.
let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

/// The built-in catalog.
func builtInCatalog() throws -> Catalog {
    let (catalog, diagnostics) = CatalogLoader.load(base: CatalogLoader.embeddedFiles())
    guard let catalog else { throw TestFailure("embedded catalog failed to load: \(diagnostics.map(\.rendered))") }
    return catalog
}

/// A failure with a message.
struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ message: String) { description = message }
}

/// Loads and analyses a model given as text at the as-of date 2027-01-01.
func analyse(_ json: String, name: String = "model.json") throws -> Analysis {
    let catalog = try builtInCatalog()
    let (workload, diagnostics) = ModelLoader.load([InputFile(name: name, bytes: Array(json.utf8))], catalog: catalog)
    guard let workload else { throw TestFailure("model did not load: \(diagnostics.map(\.rendered).joined(separator: "\n"))") }
    return Analysis(catalog: catalog, workload: workload, options: AnalysisOptions(asOf: CalendarDate(parsing: "2027-01-01") ?? CalendarDate.today()))
}

/// The Graphviz `dot` executable, when installed.
func dotExecutable() -> URL? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
    return path.split(separator: ":").map { URL(fileURLWithPath: "\($0)/dot") }.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}

/// Runs `dot -T<format>` on text with a timeout; returns (exit status, output size, stderr), nil on timeout.
func runDot(_ dot: URL, _ text: String, format: String = "svg", timeout: TimeInterval = 60) throws -> (Int32, Int, String)? {
    try renderDot(dot, text, format: format, timeout: timeout).map { ($0.0, $0.1.count, $0.2) }
}

/// Runs `dot -T<format>` on text with a timeout; returns (exit status, output, stderr), nil on timeout.
func renderDot(_ dot: URL, _ text: String, format: String = "svg", timeout: TimeInterval = 60) throws -> (Int32, Data, String)? {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("threatgraph-dot-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("in.dot"), output = folder.appendingPathComponent("out")
    try Data(text.utf8).write(to: input)
    let process = Process()
    process.executableURL = dot
    process.arguments = ["-T\(format)", "-o", output.path, input.path]
    let err = Pipe()
    process.standardError = err
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    try process.run()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    if done.wait(timeout: .now() + timeout) == .timedOut {
        process.terminate()
        return nil
    }
    let data = (try? Data(contentsOf: output)) ?? Data()
    return (process.terminationStatus, data, String(decoding: errData, as: UTF8.self))
}

/// The markdownlint rules a Swift test can check (MD013, MD024, MD033 are off by contract): problems as lines.
func markdownProblems(_ text: String) -> [String] {
    var problems: [String] = []
    if !text.hasSuffix("\n") || text.hasSuffix("\n\n") { problems.append("MD047: the file must end with exactly one newline") }
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).dropLast()
    let list = Array(lines)
    if list.first.map({ !$0.hasPrefix("# ") }) ?? true { problems.append("MD041: the first line must be a level-1 heading") }
    var inFence = false
    var lastHeading = 0
    var h1 = 0
    func blank(_ i: Int) -> Bool { i < 0 || i >= list.count || list[i].isEmpty }
    func kind(_ s: String) -> String {
        if s.hasPrefix("|") { return "table" }
        if s.hasPrefix("- ") || s.range(of: #"^[0-9]+\. "#, options: .regularExpression) != nil { return "list" }
        return s.isEmpty ? "blank" : "text"
    }
    var tableColumns: Int?
    for (i, line) in list.enumerated() {
        let n = i + 1
        if line.hasSuffix(" ") || line.hasSuffix("\t") { problems.append("MD009 line \(n): trailing space") }
        if line.contains("\t") { problems.append("MD010 line \(n): hard tab") }
        if line.isEmpty && i > 0 && list[i - 1].isEmpty { problems.append("MD012 line \(n): multiple blank lines") }
        if line.hasPrefix("```") {
            if !inFence {
                if line == "```" { problems.append("MD040 line \(n): fence without a language") }
                if !blank(i - 1) { problems.append("MD031 line \(n): no blank line before a fence") }
            } else if !blank(i + 1) { problems.append("MD031 line \(n): no blank line after a fence") }
            inFence.toggle()
            continue
        }
        if inFence { continue }
        if line.hasPrefix("#") {
            let level = line.prefix { $0 == "#" }.count
            if !line.dropFirst(level).hasPrefix(" ") { problems.append("MD018 line \(n): no space after #") }
            if level == 1 { h1 += 1 }
            if lastHeading > 0 && level > lastHeading + 1 { problems.append("MD001 line \(n): heading level jumps") }
            lastHeading = level
            if !blank(i - 1) || !blank(i + 1) { problems.append("MD022 line \(n): heading not surrounded by blank lines") }
            if let last = line.last, ".,;:!".contains(last) { problems.append("MD026 line \(n): trailing punctuation in heading") }
            continue
        }
        let k = kind(line)
        if k == "table" || k == "list" {
            if i > 0 && kind(list[i - 1]) != k && !blank(i - 1) { problems.append("MD058/MD032 line \(n): \(k) not preceded by a blank line") }
            if i + 1 < list.count && kind(list[i + 1]) != k && !blank(i + 1) { problems.append("MD058/MD032 line \(n): \(k) not followed by a blank line") }
        }
        if k == "table" {
            if !line.hasSuffix("|") { problems.append("MD055 line \(n): row without a trailing pipe") }
            let columns = tableCells(line).count
            if i == 0 || kind(list[i - 1]) != "table" { tableColumns = columns } else if columns != tableColumns {
                problems.append("MD056 line \(n): \(columns) cells, the header has \(tableColumns ?? 0)")
            }
        }
    }
    if inFence { problems.append("unclosed fence") }
    if h1 != 1 { problems.append("MD025: \(h1) level-1 headings") }
    return problems
}

/// The cells of a GFM table row: split on pipes not escaped by a backslash.
func tableCells(_ row: String) -> [String] {
    var cells: [String] = []
    var current = ""
    var escaped = false
    for ch in row.unicodeScalars {
        if escaped { current.unicodeScalars.append(ch); escaped = false; continue }
        if ch == "\\" { escaped = true; current.unicodeScalars.append(ch); continue }
        if ch == "|" { cells.append(current); current = ""; continue }
        current.unicodeScalars.append(ch)
    }
    cells.append(current)
    // Leading and trailing pipes produce empty outer cells.
    return Array(cells.dropFirst().dropLast())
}
