import Foundation

/// Where a streamed document goes as it is written: a file, or a buffer in memory. Writers hand it their bytes in
/// chunks of about a megabyte, so that memory does not grow with the size of the document.
public struct ByteSink: Sendable {
    /// Takes the next bytes of the document; they are valid only during the call.
    public let write: @Sendable (UnsafeRawBufferPointer) -> Void

    /// A sink that hands each chunk to `write`.
    public init(_ write: @escaping @Sendable (UnsafeRawBufferPointer) -> Void) { self.write = write }

    /// Hands a whole text to the sink in one chunk.
    public func write(text: String) {
        var text = text
        text.withUTF8 { write(UnsafeRawBufferPointer($0)) }
    }

    /// A sink that hands each chunk to this sink and then to `other`.
    public func tee(_ other: ByteSink) -> ByteSink {
        let first = write, second = other.write
        return ByteSink { first($0); second($0) }
    }

    /// A sink that collects the bytes in memory, with the buffer to read them from afterwards.
    public static func buffer() -> (sink: ByteSink, buffer: ByteBuffer) {
        let buffer = ByteBuffer()
        return (ByteSink { buffer.append($0) }, buffer)
    }
}

/// Bytes collected by `ByteSink.buffer()`.
public final class ByteBuffer: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes = Data()

    /// An empty buffer.
    public init() {}

    /// Appends a chunk.
    func append(_ chunk: UnsafeRawBufferPointer) { lock.withLock { bytes.append(contentsOf: chunk) } }

    /// The bytes collected so far.
    public var data: Data { lock.withLock { bytes } }
}
