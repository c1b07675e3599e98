import Foundation
import Testing
@testable import ThreatGraph

/// Large buffers filled while reading a model are marked for huge pages, and keep their contents.
@Suite struct HugePagesTests {
    @Test func aLargeReservationIsMarkedAndKeepsItsContents() throws {
        let count = 1 << 20  // 8 MiB of UInt64
        var values: [UInt64] = [7, 8, 9]
        values.reserveCapacityInHugePages(count)
        #expect(values == [7, 8, 9] && values.capacity >= count)
        for i in 3..<count { values.append(UInt64(i)) }
        #expect(values.prefix(4) == [7, 8, 9, 3] && values.last == UInt64(count - 1))
        #if os(Linux)
        guard let mode = try? String(contentsOfFile: "/sys/kernel/mm/transparent_hugepage/enabled", encoding: .utf8),
              !mode.contains("[never]") else { return }
        let middle = try #require(values.withUnsafeBufferPointer { $0.baseAddress.map { UInt(bitPattern: $0 + count / 2) } })
        #expect(try mappingFlags(containing: middle).contains("hg"))
        #endif
    }

    @Test func smallBuffersAreLeftAlone() throws {
        var values: [UInt64] = []
        values.reserveCapacityInHugePages(1000)
        values.append(contentsOf: 0..<1000)
        #expect(values.count == 1000 && values.last == 999)
    }

    /// The `VmFlags` of the mapping of this process that holds `address`, from `/proc/self/smaps`.
    private func mappingFlags(containing address: UInt) throws -> [Substring] {
        // Read to the end: files in /proc report no size, so readers that trust the size stop early.
        let handle = try #require(FileHandle(forReadingAtPath: "/proc/self/smaps"))
        defer { try? handle.close() }
        let smaps = String(decoding: try handle.readToEnd() ?? Data(), as: UTF8.self)
        var inside = false
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let range = fields.first, range.contains("-"), !range.hasSuffix(":") {
                let bounds = range.split(separator: "-").compactMap { UInt($0, radix: 16) }
                inside = bounds.count == 2 && bounds[0] <= address && address < bounds[1]
            } else if inside && fields.first == "VmFlags:" {
                return Array(fields.dropFirst())
            }
        }
        return []
    }
}
