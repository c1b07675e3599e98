import Foundation

/// One value passed from one thread to another: put once, waited for once.
final class Handoff<Value: Sendable>: @unchecked Sendable {
    // Written once before `ready` is signalled, read only after waiting on it.
    private var value: Value?
    private let ready = DispatchSemaphore(value: 0)

    /// Creates an empty handoff.
    init() {}

    /// Hands `value` over; call once.
    func put(_ value: Value) {
        self.value = value
        ready.signal()
    }

    /// Waits for the value; call once.
    func wait() -> Value? {
        ready.wait()
        return value
    }
}
