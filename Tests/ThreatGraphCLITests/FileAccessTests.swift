import Foundation
import Testing
@testable import ThreatGraphCLI

/// Reading input files straight into memory: whatever size the file system reported beforehand, the bytes read are
/// the file's, and never more than one past the limit.
@Suite struct FileAccessTests {
    /// File sizes around the first chunk and the 4 KiB minimum, and sizes reported wrongly (a file that grew or shrank).
    @Test(arguments: [(0, 0), (1, 1), (4095, 4095), (4096, 4096), (4097, 4097), (100_000, 100_000), (100_000, 0),
                      (100_000, 50_000), (100_000, 400_000), (10, 100_000)])
    func readsTheWholeFileWhateverSizeWasExpected(size: Int, expected: Int) throws {
        let folder = try temporaryFolder()
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        let path = folder.appendingPathComponent("f.json").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        let fd = open(path, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(try FileAccess.readAll(fd, expected: expected, limit: 1 << 20) == bytes)
    }

    @Test(arguments: [0, 999, 5000])
    func stopsOneBytePastTheLimit(expected: Int) throws {
        let folder = try temporaryFolder()
        let path = folder.appendingPathComponent("big.json").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data(repeating: 0x20, count: 10_000)))
        let fd = open(path, O_RDONLY)
        #expect(fd >= 0)
        defer { close(fd) }
        #expect(try FileAccess.readAll(fd, expected: expected, limit: 1000).count == 1001)
    }

    @Test func readsAPipeWhoseSizeIsUnknown() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let text = Array(#"{"threatgraph": "1", "name": "piped"}"#.utf8)
        #expect(text.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) } == text.count)
        close(ends[1])
        defer { close(ends[0]) }
        #expect(try FileAccess.readAll(ends[0], expected: 0, limit: 1 << 20) == text)
    }

    @Test func aFailedReadIsReportedWithItsErrorNumber() {
        #expect(throws: FileAccess.ReadError.self) { try FileAccess.readAll(-1, expected: 10, limit: 100) }
        do {
            _ = try FileAccess.readAll(-1, expected: 10, limit: 100)
        } catch {
            #expect(error.code == EBADF)
        }
    }
}
