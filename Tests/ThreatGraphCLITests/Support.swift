import Foundation
import ThreatGraphCLI

/// The package root, found from this file's path.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Whether tests run in CI.
let inCI = ProcessInfo.processInfo.environment["CI"] == "true"

/// What a run printed and returned.
struct RunResult {
    var status: ExitStatus
    var stdout: String
    var stderr: String
}

/// Runs the CLI in-process.
func run(_ arguments: String...) -> RunResult { run(arguments) }

/// Runs the CLI in-process.
func run(_ arguments: [String]) -> RunResult {
    let captured = CapturedOutput()
    let status = CLI.run(arguments: arguments, environment: [:], output: captured.output)
    return RunResult(status: status, stdout: captured.stdout, stderr: captured.stderr)
}

/// A fresh temporary folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("threatgraph-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// Writes text to a file in a folder and returns its path.
func write(_ text: String, _ name: String, in folder: URL) throws -> String {
    let url = folder.appendingPathComponent(name)
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    return url.path
}

/// The built `threatgraph` executable beside the test bundle.
func builtBinary() -> URL? {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("threatgraph"),
        packageRoot.appendingPathComponent(".build/debug/threatgraph"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}

/// Runs an executable with a timeout; nil when it could not start or timed out.
func runProcess(_ executable: URL, _ arguments: [String], in folder: URL? = nil, timeout: TimeInterval = 60) -> (Int32, String, String)? {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    do { try process.run() } catch { return nil }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    if done.wait(timeout: .now() + timeout) == .timedOut {
        process.terminate()
        return nil
    }
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}
