/// The process exit status of a command.
public enum ExitStatus: Int32, Sendable {
    /// Success.
    case success = 0
    /// `check` found open findings at or above the threshold.
    case findings = 1
    /// Invalid input or usage.
    case invalid = 2
}
