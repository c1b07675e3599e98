/// The layout SARIF files are written in: that of Foundation's `JSONEncoder` with pretty printing, sorted keys
/// and unescaped slashes (`"key" : value`, keys in byte order, empty containers split over two lines), written
/// directly to bytes. Strings are escaped as everywhere else (`JSONBytes.string`).
extension JSONText {
    /// Rendered in the encoder's layout, with a trailing newline.
    public func renderedEncoderStyle() -> String {
        var out = JSONBytes()
        writeEncoderStyle(to: &out, indent: 0)
        out.bytes.append(0x0A)
        return String(decoding: out.bytes, as: UTF8.self)
    }

    func writeEncoderStyle(to out: inout JSONBytes, indent: Int) {
        switch self {
        case .array(let items):
            out.bytes.append(UInt8(ascii: "["))
            if items.isEmpty { out.bytes.append(0x0A) }
            for (i, item) in items.enumerated() {
                out.newline(indent + 2)
                item.writeEncoderStyle(to: &out, indent: indent + 2)
                if i + 1 < items.count { out.bytes.append(UInt8(ascii: ",")) }
            }
            out.newline(indent)
            out.bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            out.bytes.append(UInt8(ascii: "{"))
            if members.isEmpty { out.bytes.append(0x0A) }
            // Sort positions, not members, so no value is copied.
            let order = members.indices.sorted { members[$0].0.utf8.lexicographicallyPrecedes(members[$1].0.utf8) }
            for (n, i) in order.enumerated() {
                out.newline(indent + 2)
                out.string(members[i].0)
                out.append(" : ")
                members[i].1.writeEncoderStyle(to: &out, indent: indent + 2)
                if n + 1 < order.count { out.bytes.append(UInt8(ascii: ",")) }
            }
            out.newline(indent)
            out.bytes.append(UInt8(ascii: "}"))
        default:
            write(to: &out, indent: indent)
        }
    }
}

extension JSONText: ExpressibleByStringLiteral {
    /// A string literal as a JSON string.
    public init(stringLiteral value: String) { self = .string(value) }
}
