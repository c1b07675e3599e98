import ThreatGraph

/// Helpers shared by the terminal renderers.
enum TextFormatting {
    /// A score with one decimal.
    static func score(_ s: Double) -> String {
        let tenths = Int((s * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)"
    }

    /// A number with at most `places` decimals, trailing zeros dropped.
    static func decimal(_ x: Double, _ places: Int) -> String {
        var factor = 1.0
        for _ in 0..<places { factor *= 10 }
        return JSONText.format((x * factor).rounded() / factor)
    }

    /// A percentage of `part` in `whole` (0 when whole is 0).
    static func percent(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "-" : "\(Int((Double(part) * 100 / Double(whole)).rounded()))%"
    }

    /// Left-aligned columns separated by two spaces; the last column is not padded.
    static func table(_ rows: [[String]]) -> String {
        guard let columns = rows.map(\.count).max(), columns > 0 else { return "" }
        // Widths in characters, each cell measured once.
        var widths = [Int](repeating: 0, count: columns)
        var lengths: [Int] = []
        lengths.reserveCapacity(rows.count * columns)
        var bytes = 0
        for row in rows {
            for (i, cell) in row.enumerated() {
                let n = cell.count
                lengths.append(n)
                bytes += cell.utf8.count
                if i + 1 < row.count { widths[i] = max(widths[i], n) }
            }
        }
        // Paddings shared up to a bound (cells are short), built on demand beyond it.
        let pads = (0...min(widths.max() ?? 0, 256)).map { String(repeating: " ", count: $0) }
        func pad(_ n: Int) -> String { n < pads.count ? pads[n] : String(repeating: " ", count: n) }
        var out = ""
        out.reserveCapacity(bytes + rows.count * (widths.reduce(0, +) + 2 * columns + 1))
        var k = 0
        for row in rows {
            for (i, cell) in row.enumerated() {
                if i > 0 { out += "  " }
                out += cell
                if i + 1 < row.count { out += pad(widths[i] - lengths[k]) }
                k += 1
            }
            out += "\n"
        }
        return out
    }

    /// One line of terminal-safe text: control characters replaced, long text cut.
    static func clean(_ s: String, max: Int = 80) -> String {
        var t = String(s.unicodeScalars.map { $0.value < 0x20 || $0.value == 0x7F || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) ? " " : Character($0) })
        if t.count > max { t = String(t.prefix(max - 1)) + "…" }
        return t
    }
}
