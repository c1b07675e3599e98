import Foundation

/// A run of array elements read by a second thread: its own tape, and where the reader of the whole document goes
/// on after it.
struct TapeFragment: Sendable {
    /// The elements' entries; arrays and objects end at indices counted from the fragment's first entry.
    let tape: TapeBuffer
    /// Byte offsets at which the lines that start inside the fragment start.
    let lineStarts: [UInt32]
    /// Values in it.
    let valueCount: Int
    /// Elements in it (at least one).
    let elements: Int
    /// Most containers open at once, the enclosing array included.
    let deepest: Int
    /// Byte offset of the array's closing bracket.
    let end: Int
    /// Where the next fragment starts, when there is one.
    let nextStart: Int?
}

/// Reads a large document's second half on another thread, as fragments that the reader of the whole document
/// merges when it gets to them.
///
/// The split is a guess made without knowing the syntax around it: the first `{` after the middle that follows `}`
/// and `,`, as between two objects in an array. The second thread reads array elements from there up to the
/// array's end, then from the next such place after it, and so on. A fragment is used only when the first reader
/// arrives exactly where it starts, expecting an array element; then reading it there would have given the same
/// entries. Anywhere else (the guess fell inside a string or an object) the first reader gives up on the
/// fragments and reads on alone, so the document is the same either way.
final class TapeFragments: @unchecked Sendable {
    // Guarded by `condition`.
    private var ready: [TapeFragment] = []
    private var finished = false
    private var stopped = false
    private var taken = 0
    private let condition = NSCondition()
    private var task: ConcurrentTask<Void>?

    /// Documents smaller than this are read by one thread.
    static let minimumBytes = 2 << 20
    /// How far a split point is looked for, in bytes.
    static let searchWindow = 1 << 20

    /// Starts reading `bytes` from the first split point at or after `from`; nil when there is none.
    static func start(_ bytes: [UInt8], from: Int, limits: JSONLimits) -> (fragments: TapeFragments, start: Int)? {
        let first = bytes.withUnsafeBufferPointer { splitPoint(in: $0, from: from) }
        guard let first else { return nil }
        let fragments = TapeFragments()
        fragments.task = ConcurrentTask { [fragments] in
            bytes.withUnsafeBufferPointer { fragments.read($0, from: first, limits: limits) }
        }
        return (fragments, first)
    }

    /// The next fragment in document order, waiting for it; nil when it failed or was never read.
    func next() -> TapeFragment? {
        condition.lock()
        defer { condition.unlock() }
        while taken >= ready.count && !finished { condition.wait() }
        guard taken < ready.count else { return nil }
        taken += 1
        return ready[taken - 1]
    }

    /// Tells the second thread to stop.
    func cancel() {
        condition.lock()
        stopped = true
        condition.unlock()
    }

    /// Stops the second thread and waits for it (the bytes it reads are borrowed).
    func finish() {
        cancel()
        _ = task?.join()
    }

    private var isStopped: Bool {
        condition.lock()
        defer { condition.unlock() }
        return stopped
    }

    /// Adds a fragment, or marks the end (`nil`).
    private func publish(_ fragment: TapeFragment?) {
        condition.lock()
        if let fragment { ready.append(fragment) } else { finished = true }
        condition.broadcast()
        condition.unlock()
    }

    /// Reads fragments one after another from `start` (on the second thread), until one fails, none is left or
    /// the first reader stops it.
    private func read(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, limits: JSONLimits) {
        defer { publish(nil) }
        var at = start
        while !isStopped {
            var parser = TapeParser(bytes, limits: limits, fragmentAt: at, length: bytes.count - at)
            guard parser.runFragment(cancelled: { self.isStopped }) == nil else { return }
            let next = Self.splitPoint(in: bytes, from: parser.index)
            publish(TapeFragment(tape: parser.tape, lineStarts: parser.lineStarts, valueCount: parser.valueCount, elements: parser.elements,
                                 deepest: parser.deepest, end: parser.index, nextStart: next))
            guard let next else { return }
            at = next
        }
    }

    /// The first `{` at or after `from` (within the search window) that follows `}` and `,`, with whitespace
    /// between, or nil.
    static func splitPoint(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        let end = min(bytes.count, from + searchWindow)
        var i = max(from, 0)
        while i < end {
            guard bytes[i] == UInt8(ascii: "}") else { i += 1; continue }
            var j = i + 1
            while j < end && isSpace(bytes[j]) { j += 1 }
            guard j < end && bytes[j] == UInt8(ascii: ",") else { i = j; continue }
            j += 1
            while j < end && isSpace(bytes[j]) { j += 1 }
            if j < end && bytes[j] == UInt8(ascii: "{") { return j }
            i = j
        }
        return nil
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 }
}
