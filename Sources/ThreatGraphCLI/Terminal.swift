/// Text from files, catalogs, models and arguments made safe to print: control characters (C0, DEL, C1) and the
/// Unicode bidirectional controls are shown as `\u{XX}` instead of acting on the terminal.
enum Terminal {
    /// Whether a scalar acts on a terminal or reorders text instead of showing.
    static func isControl(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// Every control escaped, newlines and tabs too: for one value inside a line (a file name, an id, an argument).
    static func escape(_ text: String) -> String {
        escape(text, keepingLines: false)
    }

    /// Controls escaped except newline and tab: for whole lines of output.
    static func escapeKeepingLines(_ text: String) -> String {
        escape(text, keepingLines: true)
    }

    static func escape(_ text: String, keepingLines: Bool) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) && !(keepingLines && ($0 == "\n" || $0 == "\t")) }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isControl(s) && !(keepingLines && (s == "\n" || s == "\t")) {
                out.append(contentsOf: "\\u{\(String(s.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }
}
