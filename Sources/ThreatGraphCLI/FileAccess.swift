import Foundation
import ThreatGraph

/// Reading input files: regular files only, bounded in size.
enum FileAccess {
    /// Reads a regular file; prints an error and returns nil when it cannot (missing, a folder, a FIFO, a device or a
    /// socket, unreadable, or larger than `limit`). A FIFO is never opened for reading, so it cannot make the tool wait.
    static func read(_ path: String, output: CommandOutput, limit: Int = ModelLimits().maxFileBytes, code: String = "model.too-large") -> InputFile? {
        let shown = Terminal.escape(path)
        var info = stat()
        guard stat(path, &info) == 0 else {
            output.err(errno == ENOENT ? "error: no such file: \(shown)\n" : "\(shown): error: cannot read the file: \(String(cString: strerror(errno)))\n")
            return nil
        }
        if let problem = notRegular(info.st_mode) {
            output.err("error: \(shown) is \(problem)\n")
            return nil
        }
        // Non-blocking, so that a file swapped for a FIFO after the check still cannot make the open wait.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY)
        guard fd >= 0 else {
            output.err("\(shown): error: cannot read the file: \(String(cString: strerror(errno)))\n")
            return nil
        }
        defer { close(fd) }
        guard fstat(fd, &info) == 0, notRegular(info.st_mode) == nil else {
            output.err("error: \(shown) is not a regular file\n")
            return nil
        }
        let size = Int(info.st_size)
        if size > limit {
            output.err("\(shown): error: \(ByteLimit.message(size: size, limit: limit)) [\(code)]\n")
            return nil
        }
        let bytes: [UInt8]
        do {
            bytes = try readAll(fd, expected: size, limit: limit)
        } catch {
            output.err("\(shown): error: cannot read the file: \(String(cString: strerror(error.code)))\n")
            return nil
        }
        if bytes.count > limit {
            output.err("\(shown): error: file is larger than the limit of \(ByteLimit.human(limit)) (\(limit) bytes) [\(code)]\n")
            return nil
        }
        return InputFile(name: path, bytes: bytes)
    }

    /// What a file of this mode is when it is not a regular file ("a folder, not a file", "a FIFO, …"); nil for a
    /// regular file.
    static func notRegular(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder, not a file"
        case S_IFIFO: return "a FIFO (named pipe), not a regular file"
        case S_IFCHR: return "a character device, not a regular file"
        case S_IFBLK: return "a block device, not a regular file"
        case S_IFSOCK: return "a socket, not a regular file"
        case S_IFLNK: return "a symbolic link, not a regular file"
        default: return "not a regular file"
        }
    }

    /// A failed read: the system's error number.
    struct ReadError: Error {
        let code: Int32
    }

    /// Reads an open file to its end straight into an array (no intermediate copy), at most `limit + 1` bytes, so a
    /// file that grows (or a pipe) cannot make it read without end.
    /// - Complexity: O(n) in the bytes read; one read call per chunk, chunks doubling from `expected + 1`.
    static func readAll(_ fd: Int32, expected: Int, limit: Int) throws(ReadError) -> [UInt8] {
        var result: [UInt8] = []
        // One byte more than expected, so a file of the expected size ends with one short read.
        var want = min(max(expected, 0), limit) + 1
        while result.count <= limit {
            let room = min(max(want, 4096), limit + 1 - result.count)
            var failure: Int32?
            let chunk = [UInt8](unsafeUninitializedCapacity: room) { buffer, count in
                count = 0
                guard let base = buffer.baseAddress else { return }
                while count < room {
                    let n = systemRead(fd, base + count, room - count)
                    if n > 0 {
                        count += n
                    } else if n == 0 {
                        break
                    } else if errno != EINTR {
                        failure = errno
                        break
                    }
                }
            }
            if let failure { throw ReadError(code: failure) }
            if result.isEmpty { result = chunk } else { result += chunk }
            if chunk.count < room { break }
            want = result.count
        }
        return result
    }

    /// The `.json` files directly in a folder, sorted; nil when it is not a readable folder.
    static func jsonFiles(in dir: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue,
              let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else { return nil }
        return names.filter { $0.hasSuffix(".json") }.sorted().map { (dir as NSString).appendingPathComponent($0) }
    }
}

/// The C library's `read(2)` (the name is taken by `FileAccess.read` inside the enum).
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int { read(fd, buffer, count) }
