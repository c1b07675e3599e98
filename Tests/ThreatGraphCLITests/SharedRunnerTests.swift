import Foundation
import Testing
import ThreatGraph
@testable import ThreatGraphCLI

/// Runs the built binary with its standard output (or error) sent to `stdout` (`stderr`); a timeout bounds it.
func runBinary(_ arguments: [String], stdout: FileHandle? = nil, stderr: FileHandle? = nil, in folder: URL? = nil,
               beforeWaiting: (Process, Pipe, Pipe) -> Void = { _, _, _ in }) -> (process: Process, out: String, err: String)? {
    guard let binary = builtBinary() else { return nil }
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    if let folder { process.currentDirectoryURL = folder }
    let out = Pipe(), err = Pipe()
    process.standardOutput = stdout ?? out
    process.standardError = stderr ?? err
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    do { try process.run() } catch { return nil }
    let collected = Collected()
    let readers = DispatchGroup()
    if stdout == nil { DispatchQueue.global().async(group: readers) { collected.out = out.fileHandleForReading.readDataToEndOfFile() } }
    if stderr == nil { DispatchQueue.global().async(group: readers) { collected.err = err.fileHandleForReading.readDataToEndOfFile() } }
    beforeWaiting(process, out, err)
    if done.wait(timeout: .now() + 90) == .timedOut {
        kill(process.processIdentifier, SIGKILL)
        return nil
    }
    _ = readers.wait(timeout: .now() + 10)
    return (process, String(decoding: collected.out, as: UTF8.self), String(decoding: collected.err, as: UTF8.self))
}

/// What a child process wrote, gathered by reader threads.
final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var outData = Data(), errData = Data()
    var out: Data {
        get { lock.withLock { outData } }
        set { lock.withLock { outData = newValue } }
    }
    var err: Data {
        get { lock.withLock { errData } }
        set { lock.withLock { errData = newValue } }
    }
}

/// Failures a hostile pull request or a shared CI runner can cause: failing streams, special files as inputs and
/// outputs, planted links, interrupted writes, control characters in names and text, and Graphviz's memory.
@Suite struct SharedRunnerTests {
    static let needsBinary = Testing.ConditionTrait.enabled(if: builtBinary() != nil || inCI, "needs the built threatgraph executable")

    @Test(needsBinary) func aFullOrClosedStandardOutputEndsInAMessageAndExitTwo() throws {
        let folder = try temporaryFolder()
        let model = try write(smallModel, "m.json", in: folder)
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        for arguments in [["analyze", model], ["schema"], ["check", model, "--format", "sarif"], ["diagram", model]] {
            let r = try #require(runBinary(arguments, stdout: full))
            #expect(r.process.terminationReason == .exit && r.process.terminationStatus == 2, "\(arguments)")
            #expect(r.err.contains("error: cannot write to standard output: No space left on device"), "\(arguments): \(r.err)")
        }
        let sh = URL(fileURLWithPath: "/bin/sh")
        let binary = try #require(builtBinary())
        let closed = try #require(runProcess(sh, ["-c", "exec \"$0\" analyze \"$1\" >&-", binary.path, model]))
        #expect(closed.0 == 2)
        #expect(closed.2.contains("error: cannot write to standard output: Bad file descriptor"), "\(closed.2)")
    }

    @Test(needsBinary) func aFullStandardErrorEndsInExitTwo() throws {
        let folder = try temporaryFolder()
        let model = try write(smallModel, "m.json", in: folder)
        let full = try #require(FileHandle(forWritingAtPath: "/dev/full"))
        let r = try #require(runBinary(["report", model, "--output", folder.appendingPathComponent("out").path], stderr: full))
        #expect(r.process.terminationReason == .exit && r.process.terminationStatus == 2)
    }

    @Test(needsBinary) func aReaderThatGoesAwayEndsTheToolQuietly() throws {
        // A pipe whose reading end is closed before the tool starts.
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let r = try #require(runBinary(["catalog", "list", "--format", "json"], stdout: pipe.fileHandleForWriting))
        #expect(r.process.terminationReason == .uncaughtSignal && r.process.terminationStatus == SIGPIPE)
        #expect(r.err.isEmpty, "\(r.err)")
    }

    @Test func noTrapOnAnyPathInputCanReach() throws {
        // A forced unwrap, `try!`, a forced cast or `fatalError` ends the process on bad input: none in Sources/.
        let sources = packageRoot.appendingPathComponent("Sources")
        let files = FileManager.default.enumerator(atPath: sources.path)?.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") } ?? []
        #expect(files.count > 20)
        let pattern = try NSRegularExpression(pattern: #"try!|fatalError\(|[A-Za-z0-9_)\]]!([^=]|$)"#)
        var hits: [String] = []
        for file in files.sorted() {
            let text = try String(contentsOf: sources.appendingPathComponent(file), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                let s = String(line)
                if pattern.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil { hits.append("\(file):\(n + 1): \(code)") }
            }
        }
        #expect(hits.isEmpty, "\(hits.joined(separator: "\n"))")
    }

    @Test(.timeLimit(.minutes(1))) func specialFilesAreRefusedAsInputsWithoutWaiting() throws {
        let folder = try temporaryFolder()
        let model = try write(smallModel, "m.json", in: folder)
        let fifo = folder.appendingPathComponent("p.json").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let overlays = folder.appendingPathComponent("overlays")
        try FileManager.default.createDirectory(at: overlays, withIntermediateDirectories: true)
        #expect(mkfifo(overlays.appendingPathComponent("x.json").path, 0o600) == 0)
        for (arguments, shown) in [(["validate", fifo], fifo), (["check", model, "--baseline", fifo], fifo),
                                   (["validate", model, "--catalog", overlays.path], overlays.appendingPathComponent("x.json").path)] {
            let r = run(arguments)
            #expect(r.status == .invalid)
            #expect(r.stderr.contains("error: \(shown) is a FIFO (named pipe), not a regular file"), "\(r.stderr)")
        }
        let device = run("validate", "/dev/zero")
        #expect(device.status == .invalid && device.stderr.contains("/dev/zero is a character device, not a regular file"))
    }

    @Test(.timeLimit(.minutes(1))) func outputsThatAreNotRegularFilesAreRefusedNotReplaced() throws {
        let folder = try temporaryFolder()
        let model = try write(smallModel, "m.json", in: folder)
        let elsewhere = try write("keep", "elsewhere.txt", in: folder)
        let link = folder.appendingPathComponent("link.sarif").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: elsewhere)
        let fifo = folder.appendingPathComponent("fifo.sarif").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for (path, kind) in [(link, "a symbolic link"), (fifo, "a FIFO (named pipe)"), ("/dev/null", "a character device")] {
            let r = run("check", model, "--date", "2027-01-01", "--output", path)
            #expect(r.status == .invalid)
            #expect(r.stderr.contains("\(path) is \(kind), not a regular file"), "\(r.stderr)")
        }
        // Refused before anything is read: the missing model is not what the error is about.
        let early = run("check", folder.appendingPathComponent("missing.json").path, "--output", fifo)
        #expect(early.status == .invalid && early.stderr.contains("is a FIFO") && !early.stderr.contains("no such file"), "\(early.stderr)")
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: link)) == elsewhere)
        #expect((try? String(contentsOfFile: elsewhere, encoding: .utf8)) == "keep")
        var info = stat()
        #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }

    @Test func aLinkPlantedAtATemporaryNameIsNeverWrittenThrough() throws {
        let folder = try temporaryFolder()
        let model = try write(smallModel, "m.json", in: folder)
        // The name a temporary file once had: the output's name, the process id, `.tmp`.
        let planted = folder.appendingPathComponent(".c.sarif.\(ProcessInfo.processInfo.processIdentifier).tmp").path
        try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: model)
        let out = folder.appendingPathComponent("c.sarif").path
        _ = run("check", model, "--date", "2027-01-01", "--output", out)
        #expect((try? String(contentsOfFile: model, encoding: .utf8)) == smallModel)
        var info = stat()
        #expect(lstat(out, &info) == 0 && info.st_mode & S_IFMT == S_IFREG)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(names == [planted.split(separator: "/").last.map(String.init) ?? "", "c.sarif", "m.json"], "\(names)")
    }

    @Test(arguments: [true, false])
    func aFailedRenameLeavesTheOldSet(hardLinks: Bool) throws {
        // Without hard links (some shared or network file systems) the old files are moved aside instead.
        let link: (String, String) -> Bool = hardLinks ? { TemporaryFiles.shared.link($0, to: $1) } : { _, _ in false }
        let folder = try temporaryFolder()
        let names = ["a.md", "a.json", "a.sarif", "a.dot"]
        for name in names.prefix(3) { _ = try write("old \(name)", name, in: folder) }
        let files = names.map { (folder.appendingPathComponent($0).path, Data("new \($0)".utf8)) }
        var calls = 0
        // The third rename fails, as it does for another user's file in a sticky folder.
        #expect(throws: UsageError.self) {
            try FileAccess.writeAll(files, rename: { from, to in
                calls += 1
                if calls == 3 { errno = EPERM; return -1 }
                return systemRename(from, to)
            }, link: link)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == names.prefix(3).sorted())
        for name in names.prefix(3) {
            #expect((try? String(contentsOfFile: folder.appendingPathComponent(name).path, encoding: .utf8)) == "old \(name)")
        }
        // Into a folder the write creates: after the failure the folder is gone again.
        let fresh = folder.appendingPathComponent("new/deeper")
        calls = 0
        #expect(throws: UsageError.self) {
            try FileAccess.writeAll(names.map { (fresh.appendingPathComponent($0).path, Data($0.utf8)) }, rename: { from, to in
                calls += 1
                if calls == 3 { errno = EPERM; return -1 }
                return systemRename(from, to)
            }, link: link)
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("new").path))
        // Without the failure the new set replaces the old one and nothing else is left.
        try FileAccess.writeAll(files, link: link)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == names.sorted())
        #expect((try? String(contentsOfFile: folder.appendingPathComponent("a.md").path, encoding: .utf8)) == "new a.md")
    }

    @Test(needsBinary, .timeLimit(.minutes(2))) func temporaryFilesAreRemovedOnSIGTERMAndSIGINT() throws {
        let folder = try temporaryFolder()
        var text = #"{"threatgraph": "1", "name": "big", "actors": [{"id": "u", "trust": "anonymous"}], "assets": ["#
        text += (0..<1500).map { #"{"id": "a\#($0)", "kind": "llm-endpoint", "sensitivity": "restricted"}"# }.joined(separator: ",")
        text += "], \"flows\": [" + (0..<1500).map { #"{"from": "u", "to": "a\#($0)"}"# }.joined(separator: ",") + "]}"
        let model = try write(text, "big.json", in: folder)
        var caught = 0
        for sig in [SIGTERM, SIGINT, SIGTERM, SIGINT] where caught < 2 {
            let out = folder.appendingPathComponent("out-\(sig)-\(caught)")
            let r = runBinary(["report", model, "--output", out.path, "--date", "2027-01-01"]) { process, _, _ in
                // Waits until a temporary file exists, then sends the signal.
                let deadline = Date().addingTimeInterval(60)
                while process.isRunning && Date() < deadline {
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
                    if names.contains(where: { $0.hasSuffix(".tmp") }) {
                        kill(process.processIdentifier, sig)
                        return
                    }
                    usleep(200)
                }
            }
            let process = try #require(r?.process)
            // Ended of the signal, or (when the signal is blocked where the tool was started) with status 128 + signal.
            let signalled = process.terminationReason == .uncaughtSignal ? process.terminationStatus : process.terminationStatus - 128
            guard signalled == sig else { continue }
            caught += 1
            let left = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
            #expect(!left.contains { $0.hasSuffix(".tmp") || $0.hasSuffix(".old") }, "\(left)")
        }
        #expect(caught > 0, "no run was caught while writing")
    }

    @Test func controlCharactersAreShownEscaped() throws {
        let folder = try temporaryFolder()
        // A name that would set the terminal's title and forge a diagnostic line.
        let name = "x\u{1B}]0;owned\u{07}\nm.json:1:1: error: forged"
        let bad = try write(#"{"threatgraph": "1", "name": "x", "assets": [{"id": "a", "kind": "nope"}]}"#, name + ".json", in: folder)
        let r = run("validate", bad)
        #expect(r.status == .invalid)
        #expect(!r.stderr.unicodeScalars.contains { Terminal.isControl($0) && $0 != "\n" }, "\(r.stderr)")
        #expect(r.stderr.contains("\\u{1B}]0;owned\\u{7}\\u{A}m.json:1:1: error: forged.json:1:"), "\(r.stderr)")
        #expect(!r.stderr.split(separator: "\n").contains { $0.hasPrefix("m.json:1:1") })
        let shown = run("catalog", "show", "AML\u{9B}31m\u{202E}")
        #expect(shown.stderr.contains("'AML\\u{9B}31m\\u{202E}'"), "\(shown.stderr)")
        let text = #"{"threatgraph": "1", "name": "n\u009b1m", "actors": [{"id": "u", "trust": "anonymous"}], "assets": [{"id": "llm", "name": "L\u202eM\u001b[2J", "kind": "llm-endpoint"}], "flows": [{"from": "u", "to": "llm"}]}"#
        let model = try write(text, "c.json", in: folder)
        for arguments in [["analyze", model], ["explain", model, "--asset", "llm", "--threat", "AML.T0051.000"], ["gaps", model]] {
            let out = run(arguments)
            #expect(out.status == .success, "\(arguments): \(out.stderr)")
            #expect(!(out.stdout + out.stderr).unicodeScalars.contains { Terminal.isControl($0) && $0 != "\n" && $0 != "\t" }, "\(arguments)")
        }
    }

    @Test func aFileNameThatCannotNameTheReportSaysSo() throws {
        let folder = try temporaryFolder()
        let model = try write(smallModel, "new\nline.json", in: folder)
        let r = run("report", model, "--output", folder.appendingPathComponent("out").path)
        #expect(r.status == .invalid)
        #expect(!r.stderr.contains("--name takes"), "\(r.stderr)")
        #expect(r.stderr.contains("the model file name 'new\\u{A}line' cannot name the report's files"), "\(r.stderr)")
        #expect(run("report", model, "--name", "ok", "--output", folder.appendingPathComponent("out").path, "--date", "2027-01-01").status == .success)
    }

    @Test func graphvizRunsUnderAMemoryBoundAndSaysWhenItStoppedIt() throws {
        let folder = try temporaryFolder()
        let model = try write(smallModel, "m.json", in: folder)
        // A stand-in for dot that reports the address-space limit it runs under.
        let probe = try write("#!/bin/sh\ncat >/dev/null\necho \"<svg>$(ulimit -v)</svg>\"\n", "probe-dot", in: folder)
        chmod(probe, 0o755)
        let r = run(["diagram", model, "--render", "svg"], environment: ["THREATGRAPH_DOT": probe, "THREATGRAPH_DOT_MEMORY_MB": "300", "PATH": "/usr/bin:/bin"])
        #expect(r.status == .success, "\(r.stderr)")
        #expect(r.stdout == "<svg>\(300 * 1024)</svg>\n")
        // One that needs more memory than the bound allows.
        let greedy = try write("#!/bin/sh\ncat >/dev/null\nexec awk 'BEGIN { s = \"x\"; while (1) s = s s }'\n", "greedy-dot", in: folder)
        chmod(greedy, 0o755)
        let stopped = run(["diagram", model, "--render", "svg"], environment: ["THREATGRAPH_DOT": greedy, "THREATGRAPH_DOT_MEMORY_MB": "64", "PATH": "/usr/bin:/bin"])
        #expect(stopped.status == .invalid)
        #expect(stopped.stderr.contains("Graphviz stopped at its memory bound (64 MiB of address space"), "\(stopped.stderr)")
    }
}
