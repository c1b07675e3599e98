import Foundation

/// Runs Graphviz `dot` on DOT text, bounded in time and in memory (an address-space limit set on the child by
/// `ulimit -v` in a `/bin/sh` wrapper that then runs `dot` in its place).
enum Graphviz {
    /// Why a rendering failed.
    struct Failure: Error {
        var message: String
    }

    /// Seconds a rendering may take.
    static let timeout: TimeInterval = 120

    /// Address space `dot` may use, in MiB: `THREATGRAPH_DOT_MEMORY_MB` when set, else half the machine's memory,
    /// at most 4 GiB.
    static func memoryBound(environment: [String: String]) -> Int {
        if let text = environment["THREATGRAPH_DOT_MEMORY_MB"], let n = Int(text), n > 0 { return n }
        let half = Int(ProcessInfo.processInfo.physicalMemory / 2 / 1_048_576)
        return max(256, min(4096, half))
    }

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
    static func render(_ dot: String, format: String, executable: String,
                       environment: [String: String] = [:]) throws(Failure) -> (output: Data, warnings: String) {
        let memory = memoryBound(environment: environment)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "ulimit -v \(memory * 1024) || exit 125; exec \"$0\" \"$@\"", executable, "-T\(format)"]
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
        let warnings = Terminal.escapeKeepingLines(String(decoding: collected.err, as: UTF8.self))
        guard process.terminationStatus == 0 && process.terminationReason == .exit else {
            throw failure(process, warnings: warnings, memory: memory)
        }
        return (collected.out, warnings)
    }

    /// Why `dot` failed: the memory bound when it ran out of memory (an allocation error, or killed by a signal), else
    /// its exit status and what it said.
    static func failure(_ process: Process, warnings: String, memory: Int) -> Failure {
        let said = warnings.trimmingCharacters(in: .whitespacesAndNewlines)
        let lowered = said.lowercased()
        let outOfMemory = ["out of memory", "cannot allocate", "bad_alloc", "malloc", "memory exhausted"].contains { lowered.contains($0) }
        if outOfMemory || process.terminationReason == .uncaughtSignal {
            let how = process.terminationReason == .uncaughtSignal ? "ended by signal \(process.terminationStatus)" : "ran out of memory"
            return Failure(message: "Graphviz stopped at its memory bound (\(memory) MiB of address space; \(how)); "
                           + "try a sub-view (--boundary ID or --layer L), or raise THREATGRAPH_DOT_MEMORY_MB")
        }
        if process.terminationStatus == 125 {
            return Failure(message: "cannot set the memory bound of Graphviz (\(memory) MiB): \(said)")
        }
        return Failure(message: "Graphviz failed (exit \(process.terminationStatus)): \(said)")
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
