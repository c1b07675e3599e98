import Foundation

/// Where a command writes its text: standard output for artifacts, standard error for diagnostics. Standard error
/// always, and standard output on a terminal, show control characters escaped (`\u{1B}`), never raw.
public struct CommandOutput: Sendable {
    /// Writes to standard output.
    public var out: @Sendable (String) -> Void
    /// Writes to standard error.
    public var err: @Sendable (String) -> Void
    /// The first failed write, if any.
    let failure: @Sendable () -> StreamFailure?

    /// Creates an output from two writers; `terminal` says whether standard output is a terminal.
    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, terminal: Bool = false) {
        self.init(out: out, err: err, terminal: terminal, failure: { nil })
    }

    init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void, terminal: Bool,
         failure: @escaping @Sendable () -> StreamFailure?) {
        if terminal {
            self.out = { out(Terminal.escapeKeepingLines($0)) }
        } else {
            self.out = out
        }
        self.err = { err(Terminal.escapeKeepingLines($0)) }
        self.failure = failure
    }

    /// Whether a write failed (a full disk, a closed stream).
    func failed() -> Bool { failure() != nil }

    /// The process's standard output and error, written with `write(2)`: a failed write ends in a message on standard
    /// error where it can still be written, and later writes to that stream are dropped.
    public static var standard: CommandOutput {
        let streams = StandardStreams()
        return CommandOutput(out: { streams.write($0, to: 1) }, err: { streams.write($0, to: 2) }, terminal: isatty(1) == 1,
                             failure: { streams.failure })
    }
}

/// A failed write to standard output or error: which stream and the system's error number.
struct StreamFailure: Sendable {
    /// 1 for standard output, 2 for standard error.
    var descriptor: Int32
    /// The error number.
    var code: Int32
    /// Whether standard output's reader went away (`EPIPE`): the tool ends quietly, as command-line tools do.
    var isBrokenPipe: Bool { descriptor == 1 && code == EPIPE }
}

/// Standard output and error as file descriptors, remembering the first failure of each.
final class StandardStreams: @unchecked Sendable {
    private let lock = NSLock()
    private var failures: [Int32: Int32] = [:]

    /// The first failure, standard output's before standard error's.
    var failure: StreamFailure? {
        lock.withLock {
            if let code = failures[1] { return StreamFailure(descriptor: 1, code: code) }
            return failures[2].map { StreamFailure(descriptor: 2, code: $0) }
        }
    }

    /// Writes all of `text` to `fd` unless that stream has failed; a failure of standard output is reported on
    /// standard error (except a broken pipe, which ends the tool quietly).
    func write(_ text: String, to fd: Int32) {
        lock.withLock {
            guard failures[fd] == nil else { return }
            guard let code = StandardStreams.writeAll(Array(text.utf8), to: fd) else { return }
            failures[fd] = code
            if fd == 1 && code != EPIPE && failures[2] == nil {
                let message = "error: cannot write to standard output: \(String(cString: strerror(code)))\n"
                if let errCode = StandardStreams.writeAll(Array(message.utf8), to: 2) { failures[2] = errCode }
            }
        }
    }

    /// Writes every byte, retrying after signals and short writes; the error number on failure.
    static func writeAll(_ bytes: [UInt8], to fd: Int32) -> Int32? {
        bytes.withUnsafeBytes { writeAll($0, to: fd) }
    }

    /// Writes every byte of a buffer, as `writeAll(_:to:)` does for an array.
    static func writeAll(_ buffer: UnsafeRawBufferPointer, to fd: Int32) -> Int32? {
        guard let base = buffer.baseAddress else { return nil }
        var written = 0
        while written < buffer.count {
            let n = systemWrite(fd, base + written, buffer.count - written)
            if n > 0 {
                written += n
            } else if n < 0 && errno == EINTR {
                continue
            } else {
                return n < 0 ? errno : EIO
            }
        }
        return nil
    }
}

/// The C library's `write(2)` (the name is taken by `StandardStreams.write` inside the class).
private func systemWrite(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }

/// Collects what a command writes, for tests and for callers that post-process output.
public final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""
    private let terminal: Bool

    /// Creates an empty capture; `terminal` pretends standard output is a terminal.
    public init(terminal: Bool = false) {
        self.terminal = terminal
    }

    /// Everything written to standard output.
    public var stdout: String { lock.withLock { outText } }
    /// Everything written to standard error.
    public var stderr: String { lock.withLock { errText } }

    /// An output that appends to this capture.
    public var output: CommandOutput {
        CommandOutput(out: { [self] s in lock.withLock { outText += s } },
                      err: { [self] s in lock.withLock { errText += s } }, terminal: terminal)
    }
}
