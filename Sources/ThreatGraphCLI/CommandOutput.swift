import Foundation

/// Where a command writes its text: standard output for artifacts, standard error for diagnostics.
public struct CommandOutput: Sendable {
    /// Writes to standard output.
    public var out: @Sendable (String) -> Void
    /// Writes to standard error.
    public var err: @Sendable (String) -> Void

    /// Creates an output from two writers.
    public init(out: @escaping @Sendable (String) -> Void, err: @escaping @Sendable (String) -> Void) {
        self.out = out
        self.err = err
    }

    /// The process's standard output and error.
    public static var standard: CommandOutput {
        CommandOutput(out: { FileHandle.standardOutput.write(Data($0.utf8)) },
                      err: { FileHandle.standardError.write(Data($0.utf8)) })
    }
}

/// Collects what a command writes, for tests and for callers that post-process output.
public final class CapturedOutput: @unchecked Sendable {
    private let lock = NSLock()
    private var outText = ""
    private var errText = ""

    /// Creates an empty capture.
    public init() {}

    /// Everything written to standard output.
    public var stdout: String { lock.withLock { outText } }
    /// Everything written to standard error.
    public var stderr: String { lock.withLock { errText } }

    /// An output that appends to this capture.
    public var output: CommandOutput {
        CommandOutput(out: { [self] s in lock.withLock { outText += s } },
                      err: { [self] s in lock.withLock { errText += s } })
    }
}
