/// Escaping for Markdown text, so that names from a model cannot break tables or inject markup.
public enum MarkdownEscaping {
    /// Inline text: backslash-escapes Markdown punctuation, turns `<` `>` `&` into entities,
    /// and replaces line breaks with spaces (so a table row stays one row).
    public static func inline(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for ch in s {
            switch ch {
            case "\\", "`", "*", "_", "{", "}", "[", "]", "(", ")", "#", "+", "!", "|", "~":
                out.append("\\")
                out.append(ch)
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "&": out += "&amp;"
            case "\n", "\r", "\r\n", "\u{2028}", "\u{2029}": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}
