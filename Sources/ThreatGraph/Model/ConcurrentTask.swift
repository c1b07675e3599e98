import Foundation

/// Work run on a thread of its own while the caller goes on, joined once for its result.
///
/// A dedicated thread rather than a dispatch or Swift concurrency queue: the caller blocks in `join`, and
/// blocking a pooled thread on work queued behind it in the same pool could wait forever.
final class ConcurrentTask<Result: Sendable>: @unchecked Sendable {
    // Written once by the thread before `done` is signalled, read only after waiting on it.
    private var result: Result?
    private let done = DispatchSemaphore(value: 0)
    private var joined = false

    /// Starts `body` on a new thread.
    init(_ body: @escaping @Sendable () -> Result) {
        let thread = Thread { [self] in
            result = body()
            done.signal()
        }
        thread.start()
    }

    /// Waits for the work to finish and hands over its result; later calls return nil.
    func join() -> Result? {
        guard !joined else { return nil }
        done.wait()
        joined = true
        return result.take()
    }

    /// Whether spreading work over two threads can pay: more than one processor is available.
    static var worthwhile: Bool { ProcessInfo.processInfo.activeProcessorCount > 1 }
}
