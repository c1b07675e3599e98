/// Markdown assembled from blocks separated by exactly one blank line, so headings, lists, tables and fences are
/// always surrounded by blank lines and no line ends in a space.
struct MarkdownBlocks {
    private var blocks: [String] = []

    mutating func heading(_ level: Int, _ text: String) {
        var t = text.trimmingTrailingSpace()
        while let last = t.unicodeScalars.last, ".,;:!。，；：！".unicodeScalars.contains(last) { t.unicodeScalars.removeLast() }
        blocks.append(String(repeating: "#", count: level) + " " + t)
    }

    mutating func paragraph(_ text: String) {
        let t = text.trimmingTrailingSpace()
        if !t.isEmpty { blocks.append(t) }
    }

    mutating func list(_ items: [String]) {
        guard !items.isEmpty else { return }
        blocks.append(items.map { "- " + $0.trimmingTrailingSpace() }.joined(separator: "\n"))
    }

    mutating func orderedList(_ items: [String]) {
        guard !items.isEmpty else { return }
        blocks.append(items.enumerated().map { "\($0 + 1). " + $1.trimmingTrailingSpace() }.joined(separator: "\n"))
    }

    /// A table; every row is padded or cut to the header's column count.
    mutating func table(_ header: [String], _ rows: [[String]]) {
        guard !rows.isEmpty else {
            blocks.append("None.")
            return
        }
        func line(_ cells: [String]) -> String {
            let fitted = (0..<header.count).map { i -> String in
                let cell = i < cells.count ? cells[i].trimmingTrailingSpace() : ""
                return cell.isEmpty ? "—" : cell
            }
            return "| " + fitted.joined(separator: " | ") + " |"
        }
        blocks.append(([line(header), "|" + String(repeating: " --- |", count: header.count)] + rows.map(line)).joined(separator: "\n"))
    }

    mutating func fence(_ language: String, _ lines: [String]) {
        blocks.append((["```" + language] + lines.map { $0.trimmingTrailingSpace() } + ["```"]).joined(separator: "\n"))
    }

    /// A collapsible block: GitHub shows the summary line and hides the blocks added until `closeDetails()`.
    /// The summary is generated text (counts), never model text.
    mutating func openDetails(_ summary: String) {
        blocks.append("<details>\n<summary>\(summary.trimmingTrailingSpace())</summary>")
    }

    mutating func closeDetails() { blocks.append("</details>") }

    func rendered() -> String { blocks.joined(separator: "\n\n") + "\n" }
}

extension String {
    /// The string without trailing spaces and tabs.
    func trimmingTrailingSpace() -> String {
        var s = self
        while let last = s.unicodeScalars.last, last == " " || last == "\t" { s.unicodeScalars.removeLast() }
        return s
    }
}
