/// Escaping for Graphviz DOT, in one place: quoted strings, HTML-like labels and node ids.
/// Text from a model can never end a string, start an attribute, or create a node.
public enum DOTEscaping {
    /// Longest text kept in a label line; longer text is cut with "…".
    public static let maxLabelLength = 48

    /// One line of display text: control characters, line breaks and tabs become spaces, bidirectional
    /// formatting characters are dropped, runs of spaces collapse, and text longer than `max` is cut with "…".
    public static func clean(_ s: String, max: Int = maxLabelLength) -> String {
        if isPlain(s, max: max) { return s }
        var out = ""
        out.reserveCapacity(min(s.utf8.count, max * 4))
        var count = 0
        var lastWasSpace = true
        for scalar in s.unicodeScalars {
            if isBidiControl(scalar) { continue }
            let space = scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value)
                || scalar == "\u{2028}" || scalar == "\u{2029}" || scalar == " " || scalar == "\u{00A0}"
            if space {
                if lastWasSpace { continue }
                lastWasSpace = true
                out.unicodeScalars.append(" ")
            } else {
                lastWasSpace = false
                out.unicodeScalars.append(scalar)
            }
            count += 1
            if count > max + 64 { break }
        }
        while out.last == " " { out.removeLast() }
        if out.count > max {
            out = String(out.prefix(Swift.max(1, max - 1)))
            while out.last == " " { out.removeLast() }
            out += "…"
        }
        return out
    }

    /// Whether a scalar is a bidirectional formatting character (LRM, RLM, ALM, embeddings, overrides, isolates).
    public static func isBidiControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x200E, 0x200F, 0x061C, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// A DOT double-quoted string (quotes included) showing `s` literally: `"` and `\` escaped, `&` written as
    /// `&amp;` (Graphviz decodes entities in labels), line breaks and control characters replaced.
    public static func quoted(_ s: String) -> String {
        "\"" + escapeBody(s) + "\""
    }

    /// A quoted label of several lines, each cleaned and cut to `max`, joined with Graphviz's centred line break.
    public static func label(_ lines: [String], max: Int = maxLabelLength) -> String {
        "\"" + lines.map { escapeBody(clean($0, max: max)) }.joined(separator: "\\n") + "\""
    }

    /// Printable ASCII of at most `max` bytes with single inner spaces only: what `clean` returns unchanged.
    static func isPlain(_ s: String, max: Int) -> Bool {
        var previous: UInt8 = 0x20
        var n = 0
        for b in s.utf8 {
            guard b >= 0x20 && b < 0x7F, !(b == 0x20 && previous == 0x20) else { return false }
            previous = b
            n += 1
        }
        return n <= max && previous != 0x20
    }

    static func escapeBody(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C && $0 != 0x26 }) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "&": out += "&amp;"
            case "\n", "\r", "\t", "\u{2028}", "\u{2029}": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || isBidiControl(scalar) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Text for an HTML-like label (`label=<…>`): `& < > " '` as entities, line breaks and control characters
    /// replaced, bidirectional formatting characters dropped.
    public static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count + 8)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\n", "\r", "\t", "\u{2028}", "\u{2029}": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || isBidiControl(scalar) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A DOT node id made of `[A-Za-z0-9_]` from a prefix and a model id, injective for a given prefix:
    /// `_` → `__`, `-` → `_h`, `.` → `_d`, `:` → `_c`, any other character → `_u<hex>_`.
    public static func id(_ prefix: String, _ raw: String) -> String {
        if raw.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) }) { return prefix + "_" + raw }
        var out = prefix + "_"
        for scalar in raw.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9": out.unicodeScalars.append(scalar)
            case "_": out += "__"
            case "-": out += "_h"
            case ".": out += "_d"
            case ":": out += "_c"
            default: out += "_u" + String(scalar.value, radix: 16) + "_"
            }
        }
        return out
    }
}
