import Foundation

/// Writing outputs whole and safely. Each file goes to a temporary file beside it, created exclusively under an
/// unpredictable name without following links; only when every one is written are they renamed into place, after
/// checking that every destination can be replaced. A destination that exists and is not a regular file (a folder, a
/// link, a device, a FIFO) is refused, never replaced. When a rename still fails, the files already replaced get their
/// old contents back (or are removed when they are new), so the folder holds the old set or the new set.
extension FileAccess {
    /// One destination being written: its path, its temporary file, and the name that keeps its old contents — a
    /// hard link made beforehand, or, where the file system has no hard links, a name the old file is moved to just
    /// before the new one takes its place.
    struct Pending {
        var path: String
        var temp: String
        var backup: String?
        var moveAside = false
    }

    /// Writes every file or none; refuses to write over any of `inputs` (files read by the command). Folders missing
    /// on the way are created, and removed again when the write fails. `rename` and `link` are the system's unless a
    /// test makes them fail.
    static func writeAll(_ files: [(path: String, data: Data)], protecting inputs: [String] = [],
                         rename: (String, String) -> Int32 = systemRename,
                         link: (String, String) -> Bool = { TemporaryFiles.shared.link($0, to: $1) }) throws(UsageError) {
        try writeAll(files.map(\.path), protecting: inputs, rename: rename, link: link) { descriptors in
            zip(files, descriptors).map { file, fd in file.data.withUnsafeBytes { StandardStreams.writeAll($0, to: fd) } }
        }
    }

    /// Writes every file or none, as `writeAll(_:protecting:rename:link:)` does, with the contents produced by
    /// `produce` straight into the temporary files: it gets their descriptors, in the order of `paths`, all at once
    /// (so that it may fill them side by side and stream them), and returns for each nil or the `errno` of a failed
    /// write. Nothing is renamed into place until every file is written.
    static func writeAll(_ paths: [String], protecting inputs: [String] = [],
                         rename: (String, String) -> Int32 = systemRename,
                         link: (String, String) -> Bool = { TemporaryFiles.shared.link($0, to: $1) },
                         produce: ([Int32]) -> [Int32?]) throws(UsageError) {
        let note = paths.count > 1 ? "; no file was written" : ""
        for path in paths { try checkDestination(path, inputs: inputs) }
        var created: [String] = []
        var pending: [Pending] = []
        var descriptors: [Int32] = []
        do {
            for path in paths {
                created += try createFolders(for: path)
                let (temp, fd) = try createTemporary(beside: path)
                pending.append(Pending(path: path, temp: temp))
                descriptors.append(fd)
            }
        } catch {
            for fd in descriptors { close(fd) }
            discard(pending, created: created)
            throw UsageError(message: error.message + note)
        }
        let failures = produce(descriptors)
        do throws(UsageError) {
            for (i, fd) in descriptors.enumerated() {
                let closed = close(fd) == 0 ? nil : errno
                if let code = (i < failures.count ? failures[i] : nil) ?? closed {
                    for later in descriptors[(i + 1)...] { close(later) }
                    throw UsageError(message: "cannot write \(Terminal.escape(paths[i])): \(String(cString: strerror(code)))")
                }
            }
            for i in pending.indices { (pending[i].backup, pending[i].moveAside) = try keepOldContents(of: pending[i].path, link: link) }
        } catch {
            discard(pending, created: created)
            throw UsageError(message: error.message + note)
        }
        do { try commit(pending, rename: rename) } catch {
            for folder in created.reversed() { rmdir(folder) }
            throw error
        }
    }

    /// Writes a file that must not exist yet: the temporary file is linked to its name, which fails, atomically, when
    /// anything already has that name.
    static func writeNew(_ data: Data, to path: String) throws(UsageError) {
        let created = try createFolders(for: path)
        let temp: String
        do { temp = try writeTemporary(data, beside: path) } catch {
            for folder in created.reversed() { rmdir(folder) }
            throw error
        }
        let linked = systemLink(temp, path) == 0
        let reason = errno
        TemporaryFiles.shared.remove(temp)
        guard linked else {
            for folder in created.reversed() { rmdir(folder) }
            let why = reason == EEXIST ? "already exists; init never overwrites a file" : "cannot be written: \(String(cString: strerror(reason)))"
            throw UsageError(message: "\(Terminal.escape(path)) \(why)")
        }
    }

    /// Refuses an input, and a destination that exists and is not a regular file.
    static func checkDestination(_ path: String, inputs: [String]) throws(UsageError) {
        let shown = Terminal.escape(path)
        if let input = inputs.first(where: { sameFile($0, path) }) {
            throw UsageError(message: "\(shown) is the input file \(Terminal.escape(input)); ThreatGraph never writes its inputs, choose another output")
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return
        case S_IFDIR: throw UsageError(message: "\(shown) is a folder; give a file name")
        default:
            let kind = notRegular(info.st_mode) ?? "not a regular file"
            throw UsageError(message: "\(shown) is \(kind); outputs replace only regular files (leave out --output for standard output)")
        }
    }

    /// Creates the missing folders above `path`; returns those it created, deepest last.
    static func createFolders(for path: String) throws(UsageError) -> [String] {
        var missing: [String] = []
        var folder = (path as NSString).deletingLastPathComponent
        var info = stat()
        while !folder.isEmpty && folder != "/" && lstat(folder, &info) != 0 {
            missing.append(folder)
            folder = (folder as NSString).deletingLastPathComponent
        }
        for f in missing.reversed() {
            guard mkdir(f, 0o777) == 0 || errno == EEXIST else {
                let reason = String(cString: strerror(errno))
                for made in missing { rmdir(made) }
                throw UsageError(message: "cannot create folder \(Terminal.escape(f)): \(reason)")
            }
        }
        return missing.reversed()
    }

    /// Writes `data` to a new temporary file in the folder of `path` (see `createTemporary(beside:)`).
    static func writeTemporary(_ data: Data, beside path: String) throws(UsageError) -> String {
        let (temp, fd) = try createTemporary(beside: path)
        let failure = data.withUnsafeBytes { StandardStreams.writeAll($0, to: fd) }
        let closed = close(fd) == 0 ? nil : errno
        if let code = failure ?? closed {
            TemporaryFiles.shared.remove(temp)
            throw UsageError(message: "cannot write \(Terminal.escape(path)): \(String(cString: strerror(code)))")
        }
        return temp
    }

    /// Creates a new temporary file in the folder of `path`, `O_CREAT | O_EXCL | O_NOFOLLOW` under a random name, and
    /// returns its name and a descriptor open for writing (the caller closes it).
    static func createTemporary(beside path: String) throws(UsageError) -> (temp: String, fd: Int32) {
        let folder = (path as NSString).deletingLastPathComponent
        let name = ".\((path as NSString).lastPathComponent).\(randomHex()).tmp"
        let temp = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
        let fd = TemporaryFiles.shared.create(temp)
        guard fd >= 0 else {
            throw UsageError(message: "cannot write \(Terminal.escape(path)): \(String(cString: strerror(errno)))")
        }
        return (temp, fd)
    }

    /// A hard link to the destination's current file, so that it can be put back; when no link can be made, a name
    /// to move it to at commit time (`moveAside`); nil when there is no such file. Fails when the destination cannot
    /// be replaced (another user's file in a folder that lets only owners replace files).
    static func keepOldContents(of path: String, link: (String, String) -> Bool) throws(UsageError) -> (backup: String?, moveAside: Bool) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return (nil, false) }
        let folder = (path as NSString).deletingLastPathComponent
        var folderInfo = stat()
        if stat(folder.isEmpty ? "." : folder, &folderInfo) == 0, folderInfo.st_mode & S_ISVTX != 0, geteuid() != 0,
           info.st_uid != geteuid(), folderInfo.st_uid != geteuid() {
            throw UsageError(message: "cannot replace \(Terminal.escape(path)): it belongs to another user in a folder that only lets owners replace files")
        }
        let name = ".\((path as NSString).lastPathComponent).\(randomHex()).old"
        let backup = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
        return (backup, !link(path, backup))
    }

    /// Renames every temporary file into place; when one fails, puts back what was replaced and removes the rest.
    static func commit(_ pending: [Pending], rename: (String, String) -> Int32) throws(UsageError) {
        let failure: UsageError? = TemporaryFiles.shared.whileSignalsWait {
            for (i, p) in pending.enumerated() {
                let movedAside = p.moveAside && p.backup.map { rename(p.path, $0) == 0 } == true
                guard (!p.moveAside || movedAside) && rename(p.temp, p.path) == 0 else {
                    let reason = String(cString: strerror(errno))
                    rollBack(pending, failedAt: i, movedAside: movedAside)
                    let restored = i > 0 ? " (the \(i) file\(i == 1 ? "" : "s") already replaced got their old contents back)" : ""
                    return UsageError(message: "cannot write \(Terminal.escape(p.path)): \(reason)\(restored)")
                }
            }
            // Every old file is now replaced: its link, or the name it was moved to, goes.
            for p in pending { if let backup = p.backup { unlink(backup) } }
            return nil
        }
        if let failure { throw failure }
    }

    /// Puts back the files replaced before `failedAt` (and the one moved aside at it), removes new files that had no
    /// old one, and removes the remaining temporary files and hard links. A moved-aside file is never removed.
    static func rollBack(_ pending: [Pending], failedAt i: Int, movedAside: Bool) {
        for done in pending[..<i].reversed() {
            if let backup = done.backup { _ = systemRename(backup, done.path) } else { unlink(done.path) }
        }
        if movedAside, let backup = pending[i].backup { _ = systemRename(backup, pending[i].path) }
        for rest in pending[i...] {
            unlink(rest.temp)
            if !rest.moveAside, let backup = rest.backup { unlink(backup) }
        }
    }

    /// Removes temporary files and backups, and the folders this write created.
    static func discard(_ pending: [Pending], created: [String]) {
        for p in pending {
            TemporaryFiles.shared.remove(p.temp)
            if !p.moveAside, let backup = p.backup { TemporaryFiles.shared.remove(backup) }
        }
        for folder in created.reversed() { rmdir(folder) }
    }

    /// Whether two paths name the same existing file (same device and inode, so links and `./` spellings match).
    static func sameFile(_ a: String, _ b: String) -> Bool {
        var sa = stat(), sb = stat()
        guard stat(a, &sa) == 0, stat(b, &sb) == 0 else { return false }
        return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino
    }

    /// 16 random hex digits for a file name no one can guess.
    static func randomHex() -> String {
        String(UInt64.random(in: .min ... .max), radix: 16).leftPadded(to: 16)
    }
}

extension String {
    /// Zeros in front up to a width.
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// The C library's `rename(2)`.
func systemRename(_ from: String, _ to: String) -> Int32 { rename(from, to) }

/// The C library's `link(2)` (the name is taken by `TemporaryFiles.link` inside the class).
private func systemLink(_ existing: String, _ path: String) -> Int32 { link(existing, path) }

/// Temporary files and backups this process made and has not yet removed: on SIGINT or SIGTERM they are removed
/// before the process ends of the signal. Creating and committing hold a lock the signal handler takes, so a signal
/// never lands between creating a file and recording it, or in the middle of replacing a set of files.
final class TemporaryFiles: @unchecked Sendable {
    /// The process's registry.
    static let shared = TemporaryFiles()

    private let lock = NSLock()
    private var paths: Set<String> = []
    private var sources: [DispatchSourceSignal] = []

    /// Creates a file exclusively, never through a link, and records it; the descriptor, or -1 with `errno` set.
    func create(_ path: String) -> Int32 {
        lock.withLock {
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if fd >= 0 { paths.insert(path) }
            return fd
        }
    }

    /// Makes a hard link and records it; false with `errno` set when it cannot.
    func link(_ existing: String, to path: String) -> Bool {
        lock.withLock {
            guard systemLink(existing, path) == 0 else { return false }
            paths.insert(path)
            return true
        }
    }

    /// Removes a recorded file.
    func remove(_ path: String) {
        lock.withLock {
            unlink(path)
            paths.remove(path)
        }
    }

    /// Runs `body` while a SIGINT or SIGTERM waits; what the body made is forgotten afterwards (it is in place).
    func whileSignalsWait<T>(_ body: () -> T) -> T {
        lock.withLock {
            let result = body()
            paths.removeAll()
            return result
        }
    }

    /// Handles SIGINT and SIGTERM: removes every recorded file, then ends the process of the same signal.
    func removeOnSignals() {
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { [self] in
                lock.lock()  // never unlocked: the process ends here
                for path in paths.sorted() { unlink(path) }
                signal(sig, SIG_DFL)
                // To the process, not to this thread: dispatch's threads block signals.
                kill(getpid(), sig)
                usleep(500_000)
                _exit(128 + sig)
            }
            source.resume()
            sources.append(source)
        }
    }
}
