import Foundation
import ThreatGraph

/// Reading input files and writing outputs whole (temporary file in the same folder, then rename).
enum FileAccess {
    /// Reads a file; prints an error and returns nil when it cannot.
    static func read(_ path: String, output: CommandOutput, limit: Int = ModelLimits().maxFileBytes, code: String = "model.too-large") -> InputFile? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            output.err("error: no such file: \(path)\n")
            return nil
        }
        if isDirectory.boolValue {
            output.err("error: \(path) is a folder, not a file\n")
            return nil
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0
        if size > limit {
            output.err("\(path): error: \(ByteLimit.message(size: size, limit: limit)) [\(code)]\n")
            return nil
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            output.err("\(path): error: cannot read the file\n")
            return nil
        }
        defer { close(fd) }
        let bytes: [UInt8]
        do {
            bytes = try readAll(fd, expected: size, limit: limit)
        } catch {
            output.err("\(path): error: cannot read the file: \(String(cString: strerror(error.code)))\n")
            return nil
        }
        if bytes.count > limit {
            output.err("\(path): error: file is larger than the limit of \(ByteLimit.human(limit)) (\(limit) bytes) [\(code)]\n")
            return nil
        }
        return InputFile(name: path, bytes: bytes)
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

    /// Writes `text` to `path` atomically: a temporary file in the same folder, then a rename.
    /// Creates missing parent folders. Throws a message when it cannot.
    static func writeAtomically(_ text: String, to path: String) throws(UsageError) {
        try writeAtomically(Data(text.utf8), to: path)
    }

    /// Writes several files as one: each to a temporary file beside it, and only when all of them are written, each
    /// renamed into place. When a write fails, the temporary files are removed, any folder this call created is removed
    /// again, and no file changes. Refuses to write over any of `inputs` (files read by the command).
    static func writeAll(_ files: [(path: String, data: Data)], protecting inputs: [String] = []) throws(UsageError) {
        for file in files {
            if let input = inputs.first(where: { sameFile($0, file.path) }) {
                throw UsageError(message: "\(file.path) is the input file \(input); ThreatGraph never writes its inputs, choose another output")
            }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), isDirectory.boolValue {
                throw UsageError(message: "\(file.path) is a folder; give a file name")
            }
        }
        var created: [URL] = []
        var temps: [(temp: URL, final: URL)] = []
        func undo() {
            for t in temps { try? FileManager.default.removeItem(at: t.temp) }
            for folder in created.reversed() { try? FileManager.default.removeItem(at: folder) }
        }
        for file in files {
            let url = URL(fileURLWithPath: file.path)
            let folder = url.deletingLastPathComponent()
            var missing: [URL] = []
            var f = folder
            while !FileManager.default.fileExists(atPath: f.path) && f.path != "/" && !f.path.isEmpty {
                missing.append(f)
                f = f.deletingLastPathComponent()
            }
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                undo()
                throw UsageError(message: "cannot create folder \(folder.path): \(error.localizedDescription)" + (files.count > 1 ? "; no file was written" : ""))
            }
            created += missing.reversed()
            let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
            temps.append((temp, url))
            do {
                try file.data.write(to: temp)
            } catch {
                undo()
                throw UsageError(message: "cannot write \(file.path): \(error.localizedDescription)" + (files.count > 1 ? "; no file was written" : ""))
            }
        }
        for (i, t) in temps.enumerated() {
            // rename(2) replaces an existing file atomically; FileManager.replaceItemAt on Linux loses the file
            // when given a relative path.
            guard rename(t.temp.path, t.final.path) == 0 else {
                let reason = String(cString: strerror(errno))
                for rest in temps[i...] { try? FileManager.default.removeItem(at: rest.temp) }
                throw UsageError(message: "cannot write \(t.final.path): \(reason)" + (i > 0 ? " (\(i) of \(temps.count) files were already replaced)" : ""))
            }
        }
    }

    /// Whether two paths name the same existing file (same device and inode, so links and `./` spellings match).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// Writes bytes to `path` atomically, as `writeAtomically(_:to:)` does for text.
    static func writeAtomically(_ data: Data, to path: String, protecting inputs: [String]) throws(UsageError) {
        try writeAll([(path, data)], protecting: inputs)
    }

    /// Writes bytes to `path` atomically, as `writeAtomically(_:to:)` does for text.
    static func writeAtomically(_ data: Data, to path: String) throws(UsageError) {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw UsageError(message: "\(path) is a folder; give a file name")
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw UsageError(message: "cannot create folder \(folder.path): \(error.localizedDescription)")
        }
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp")
        do {
            try data.write(to: temp)
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw UsageError(message: "cannot write \(path): \(error.localizedDescription)")
        }
        // rename(2) replaces an existing file atomically; FileManager.replaceItemAt on Linux loses the file
        // when given a relative path.
        guard rename(temp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temp)
            throw UsageError(message: "cannot write \(path): \(reason)")
        }
    }
}

/// The C library's `read(2)` (the name is taken by `FileAccess.read` inside the enum).
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutablePointer<UInt8>, _ count: Int) -> Int { read(fd, buffer, count) }
