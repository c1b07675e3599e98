#if canImport(Glibc)
import Glibc
#endif

/// Memory for `capacity` values of a trivial type, uninitialised, marked for huge pages when large; mapped from the
/// system in whole pages (on Linux) when asked for.
///
/// A large block freed through `malloc` raises the allocator's threshold for mapping blocks of their own, after
/// which blocks up to that size stay in its heap when freed. Short-lived large buffers are therefore mapped: freeing
/// them gives their memory back and leaves the threshold alone.
struct PageBuffer<T>: @unchecked Sendable {
    /// The first value.
    let base: UnsafeMutablePointer<T>
    /// Values it holds.
    let capacity: Int
    /// Whether the memory is mapped (otherwise allocated).
    private let mapped: Bool

    /// Room for `capacity` values, mapped from the system when `mapping` and the system allows.
    init(capacity: Int, mapping: Bool) {
        self.capacity = capacity
        #if os(Linux)
        let (bytes, overflow) = capacity.multipliedReportingOverflow(by: MemoryLayout<T>.stride)
        if mapping && !overflow && bytes > 0, let memory = mmap(nil, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
           memory != UnsafeMutableRawPointer(bitPattern: -1) {
            base = memory.bindMemory(to: T.self, capacity: capacity)
            mapped = true
            HugePages.advise(base, capacity: capacity)
            return
        }
        #endif
        base = .allocate(capacity: capacity)
        mapped = false
        HugePages.advise(base, capacity: capacity)
    }

    /// Gives the memory back; the buffer is not used after.
    func free() {
        #if os(Linux)
        if mapped {
            _ = munmap(UnsafeMutableRawPointer(base), capacity * MemoryLayout<T>.stride)
            return
        }
        #endif
        base.deallocate()
    }
}
