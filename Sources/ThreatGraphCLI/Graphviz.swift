import Foundation

/// Runs Graphviz `dot` on DOT text, with a timeout.
enum Graphviz {
    /// Why a rendering failed.
    struct Failure: Error {
        var message: String
    }

    /// Seconds a rendering may take.
    static let timeout: TimeInterval = 120

    /// The `dot` executable: `THREATGRAPH_DOT` when set, else the first `dot` on `PATH`; nil when there is none.
    static func locate(environment: [String: String]) -> String? {
        let env = environment.isEmpty ? ProcessInfo.processInfo.environment : environment
        if let explicit = env["THREATGRAPH_DOT"] ?? ProcessInfo.processInfo.environment["THREATGRAPH_DOT"] {
            return FileManager.default.isExecutableFile(atPath: explicit) ? explicit : nil
        }
        let path = env["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for dir in path.split(separator: ":") where !dir.isEmpty {
            let candidate = "\(dir)/dot"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Renders `dot` text to `format` (`svg`, `png`); returns the output and what Graphviz wrote on standard error.
    static func render(_ dot: String, format: String, executable: String) throws(Failure) -> (output: Data, warnings: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["-T\(format)"]
        let input = Pipe(), output = Pipe(), error = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = error
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        do { try process.run() } catch { throw Failure(message: "cannot run \(executable): \(error.localizedDescription)") }
        let collected = Collected()
        let group = DispatchGroup()
        let outHandle = output.fileHandleForReading, errHandle = error.fileHandleForReading, inHandle = input.fileHandleForWriting
        DispatchQueue.global().async(group: group) { collected.setOut(outHandle.readDataToEndOfFile()) }
        DispatchQueue.global().async(group: group) { collected.setErr(errHandle.readDataToEndOfFile()) }
        let bytes = Data(dot.utf8)
        DispatchQueue.global().async(group: group) {
            try? inHandle.write(contentsOf: bytes)
            try? inHandle.close()
        }
        if done.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            _ = done.wait(timeout: .now() + 5)
            _ = group.wait(timeout: .now() + 5)
            throw Failure(message: "Graphviz took longer than \(Int(timeout)) s; try a sub-view (--boundary ID or --layer L)")
        }
        _ = group.wait(timeout: .now() + 30)
        let warnings = String(decoding: collected.err, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw Failure(message: "Graphviz failed (exit \(process.terminationStatus)): \(warnings.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
        return (collected.out, warnings)
    }

    /// Output gathered from reader threads.
    final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var outData = Data(), errData = Data()
        var out: Data { lock.withLock { outData } }
        var err: Data { lock.withLock { errData } }
        func setOut(_ d: Data) { lock.withLock { outData = d } }
        func setErr(_ d: Data) { lock.withLock { errData = d } }
    }
}
