/// Messages for inputs over a size limit.
public enum ByteLimit {
    /// `file is 70.0 MB (73400320 bytes); the limit is 64 MiB (67108864 bytes)`.
    public static func message(size: Int, limit: Int) -> String {
        "file is \(human(size)) (\(size) bytes); the limit is \(human(limit)) (\(limit) bytes)"
    }

    /// A size in KiB or MiB with one decimal where it is not whole.
    public static func human(_ bytes: Int) -> String {
        let mib = Double(bytes) / 1_048_576
        if mib >= 1 { return mib == mib.rounded() ? "\(Int(mib)) MiB" : "\((mib * 10).rounded() / 10) MiB" }
        let kib = Double(bytes) / 1024
        return kib == kib.rounded() ? "\(Int(kib)) KiB" : "\((kib * 10).rounded() / 10) KiB"
    }
}
