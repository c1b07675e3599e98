/// The entries of a document's tape (a head and a payload each) in memory the buffer owns, grown by doubling.
///
/// Only the reader writes to it, while it parses; a `JSONDocument` then owns it and only reads, which is what makes
/// sharing it between threads safe. Reads are bounds-checked.
final class TapeBuffer: @unchecked Sendable {
    private var headMemory: PageBuffer<UInt32>
    private var payloadMemory: PageBuffer<UInt64>
    private var heads: UnsafeMutablePointer<UInt32> { headMemory.base }
    private var payloads: UnsafeMutablePointer<UInt64> { payloadMemory.base }
    private var capacity: Int { headMemory.capacity }
    /// Whether the memory is mapped from the system rather than allocated.
    private let mapping: Bool
    /// Number of entries.
    private(set) var count = 0

    /// An empty buffer with room for `capacity` entries, in memory mapped from the system when `mapping` (for a
    /// large buffer freed soon, as `PageBuffer` explains).
    init(capacity: Int, mapping: Bool = false) {
        self.mapping = mapping
        headMemory = PageBuffer(capacity: max(capacity, 16), mapping: mapping)
        payloadMemory = PageBuffer(capacity: max(capacity, 16), mapping: mapping)
    }

    deinit {
        headMemory.free()
        payloadMemory.free()
    }

    /// Appends an entry.
    @inline(__always)
    func append(_ head: UInt32, _ payload: UInt64) {
        if count == capacity { grow() }
        heads[count] = head
        payloads[count] = payload
        count += 1
    }

    /// Appends the entries of `other`, adding `shift` to the end index of every array and object (entries read
    /// apart, moved to where they belong).
    func append(contentsOf other: TapeBuffer, shiftingEndsBy shift: Int) {
        let n = other.count
        guard n > 0 else { return }
        while capacity - count < n { grow() }
        (heads + count).update(from: other.heads, count: n)
        let delta = UInt64(truncatingIfNeeded: shift)
        for i in 0..<n {
            let payload = other.payloads[i]
            payloads[count + i] = other.heads[i] & 7 >= 5 ? payload &+ delta : payload
        }
        count += n
    }

    /// Replaces entry `i`'s payload.
    func setPayload(_ i: Int, _ payload: UInt64) {
        precondition(i >= 0 && i < count, "tape index out of range")
        payloads[i] = payload
    }

    /// Entry `i`'s head.
    @inline(__always)
    func head(_ i: Int) -> UInt32 {
        precondition(i >= 0 && i < count, "tape index out of range")
        return heads[i]
    }

    /// Entry `i`'s payload.
    @inline(__always)
    func payload(_ i: Int) -> UInt64 {
        precondition(i >= 0 && i < count, "tape index out of range")
        return payloads[i]
    }

    /// Calls `body` with the heads and payloads as buffers of `count` entries.
    func withBuffers<R>(_ body: (UnsafeBufferPointer<UInt32>, UnsafeBufferPointer<UInt64>) -> R) -> R {
        body(UnsafeBufferPointer(start: heads, count: count), UnsafeBufferPointer(start: payloads, count: count))
    }

    private func grow() {
        let newCapacity = capacity * 2
        let newHeads = PageBuffer<UInt32>(capacity: newCapacity, mapping: mapping)
        let newPayloads = PageBuffer<UInt64>(capacity: newCapacity, mapping: mapping)
        newHeads.base.moveInitialize(from: heads, count: count)
        newPayloads.base.moveInitialize(from: payloads, count: count)
        headMemory.free()
        payloadMemory.free()
        (headMemory, payloadMemory) = (newHeads, newPayloads)
    }
}
