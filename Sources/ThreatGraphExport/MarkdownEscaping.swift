/// Escaping for Markdown and Mermaid text, so that names from a model cannot break tables, diagrams or inject markup.
public enum MarkdownEscaping {
    /// Inline text: backslash-escapes Markdown punctuation, turns `<` `>` `&` into entities, replaces line breaks
    /// and tabs with spaces (so a table row stays one row), and drops control and bidirectional formatting characters.
    /// Works on Unicode scalars, so a combining mark after `|` cannot hide the pipe.
    public static func inline(_ s: String) -> String {
        if s.utf8.allSatisfy(isPlainByte) { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "!", "|", "~":
                out.unicodeScalars.append("\\")
                out.unicodeScalars.append(scalar)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\t", "\u{2028}", "\u{2029}": out += " "
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || DOTEscaping.isBidiControl(scalar) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Printable ASCII that `inline` keeps as is.
    static func isPlainByte(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "\\"), UInt8(ascii: "`"), UInt8(ascii: "*"), UInt8(ascii: "_"), UInt8(ascii: "{"), UInt8(ascii: "}"),
             UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "#"), UInt8(ascii: "+"),
             UInt8(ascii: "!"), UInt8(ascii: "|"), UInt8(ascii: "~"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"):
            return false
        default:
            return b >= 0x20 && b < 0x7F
        }
    }

    /// Text for a table cell or a line of prose: cleaned to one line, cut to `max` characters with "…", then escaped.
    public static func cell(_ s: String, max: Int = 160) -> String {
        inline(DOTEscaping.clean(s, max: max))
    }

    /// Code-span text (an id): one line, backticks impossible; falls back to escaped text when the id has a backtick.
    public static func code(_ s: String) -> String {
        let t = DOTEscaping.clean(s, max: 160)
        // Byte checks, not `String.contains(_:)` with a string, which Foundation answers through NSString.
        if t.isEmpty || t.utf8.contains(where: { $0 == UInt8(ascii: "`") || $0 == UInt8(ascii: "|") }) { return inline(t) }
        return "`" + t + "`"
    }

    /// A Mermaid label body for use inside `"…"`: cleaned to one line and cut to `max`; `"` `#` `&` `<` `>` `|`
    /// `` ` `` `{` `}` `[` `]` `(` `)` `;` `\` written as Mermaid entity codes (`#quot;`, `#35;`, …).
    public static func mermaidLabel(_ s: String, max: Int = 60) -> String {
        var out = ""
        for scalar in DOTEscaping.clean(s, max: max).unicodeScalars {
            switch scalar {
            case "\"": out += "#quot;"
            case "#", "&", "<", ">", "|", "`", "{", "}", "[", "]", "(", ")", ";", "\\", "*", "_", "~":
                out += "#\(scalar.value);"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
