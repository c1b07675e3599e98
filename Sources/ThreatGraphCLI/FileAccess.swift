import Foundation
import ThreatGraph

/// Reading input files and writing outputs whole (temporary file in the same folder, then rename).
enum FileAccess {
    /// Reads a file; prints an error and returns nil when it cannot.
    static func read(_ path: String, output: CommandOutput, limit: Int = ModelLimits().maxFileBytes) -> InputFile? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            output.err("error: no such file: \(path)\n")
            return nil
        }
        if isDirectory.boolValue {
            output.err("error: \(path) is a folder, not a file\n")
            return nil
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size > limit {
            output.err("\(path): error: file is \(size) bytes; the limit is \(limit) bytes [model.too-large]\n")
            return nil
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            output.err("error: cannot read \(path)\n")
            return nil
        }
        defer { try? handle.close() }
        let data = (try? handle.readToEnd()) ?? Data()
        return InputFile(name: path, bytes: [UInt8](data))
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
