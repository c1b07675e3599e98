#if canImport(Glibc)
import Glibc
#endif

/// Asks the operating system to back a large buffer with huge pages (Linux transparent huge pages), so that filling
/// it takes one page fault per 2 MiB instead of one per 4 KiB: a model of tens of megabytes otherwise spends a fifth
/// of its reading time in the kernel, mapping fresh pages.
///
/// A hint only: the buffer's contents and the program's behaviour are unchanged. Only whole pages inside the buffer
/// are marked, never memory around it. Does nothing for buffers under 4 MiB, on other systems, or where the system
/// has huge pages turned off.
public enum HugePages {
    /// Smallest buffer worth marking.
    static let threshold = 4 << 20

    /// Marks the whole pages of `bytes` bytes from `start`.
    public static func advise(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        guard bytes >= threshold else { return }
        let size = sysconf(Int32(_SC_PAGESIZE))
        guard size > 0 && size & (size - 1) == 0 else { return }
        let page = UInt(size)
        let low = (UInt(bitPattern: start) &+ page - 1) & ~(page - 1)
        let high = (UInt(bitPattern: start) &+ UInt(bytes)) & ~(page - 1)
        guard high > low, let first = UnsafeMutableRawPointer(bitPattern: low) else { return }
        _ = madvise(first, Int(high - low), Int32(MADV_HUGEPAGE))
        #endif
    }

    /// Marks the memory of `capacity` elements from `start`.
    static func advise<T>(_ start: UnsafeMutablePointer<T>, capacity: Int) {
        let (bytes, overflow) = capacity.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        if !overflow { advise(UnsafeMutableRawPointer(start), bytes: bytes) }
    }
}

extension Array {
    /// Reserves room for `count` elements and, when that room is large, marks it for huge pages before it is filled.
    mutating func reserveCapacityInHugePages(_ count: Int) {
        reserveCapacity(count)
        let (bytes, overflow) = count.multipliedReportingOverflow(by: MemoryLayout<Element>.stride)
        guard !overflow, bytes >= HugePages.threshold, capacity >= count, count > self.count else { return }
        let filled = self.count
        withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            HugePages.advise(base + filled, capacity: count - filled)
        }
    }
}
