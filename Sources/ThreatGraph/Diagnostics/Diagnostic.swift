/// A problem found in an input, with a stable code and a location.
public struct Diagnostic: Sendable, Hashable {
    /// How serious a diagnostic is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note

        private var rank: Int { self == .error ? 0 : self == .warning ? 1 : 2 }
        /// Errors sort before warnings before notes.
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// Error, warning or note.
    public var severity: Severity
    /// Stable code such as `model.unknown-reference`.
    public var code: String
    /// What is wrong, in one sentence.
    public var message: String
    /// Where it is, when known.
    public var location: SourceLocation?
    /// Extra lines such as "did you mean 'x'?".
    public var notes: [String]

    /// Creates a diagnostic.
    public init(_ severity: Severity, _ code: String, _ message: String, at location: SourceLocation? = nil, notes: [String] = []) {
        self.severity = severity
        self.code = code
        self.message = message
        self.location = location
        self.notes = notes
    }

    /// Adds a "did you mean" note when a close candidate exists.
    public func suggesting(_ word: String, from candidates: [String]) -> Diagnostic {
        guard let match = Suggestion.bestMatch(for: word, in: candidates) else { return self }
        var copy = self
        copy.notes.append("did you mean '\(match)'?")
        return copy
    }

    /// `file:line:column: error: message [code]`, then `  at path` and the notes, one per line.
    public var rendered: String {
        var head = ""
        if let location {
            head = location.file
            if location.line > 0 { head += ":\(location.line):\(location.column)" }
            head += ": "
        }
        var text = "\(head)\(severity.rawValue): \(message) [\(code)]"
        if let path = location?.path, !path.isEmpty { text += "\n  at \(path)" }
        for note in notes { text += "\n  \(note)" }
        return text
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { contains { $0.severity == .error } }

    /// Sorted by file, line, column, severity, code and message, for stable output.
    public func sortedForOutput() -> [Diagnostic] {
        sorted { a, b in
            let la = a.location ?? SourceLocation(file: ""), lb = b.location ?? SourceLocation(file: "")
            if la.file != lb.file { return la.file < lb.file }
            if la.line != lb.line { return la.line < lb.line }
            if la.column != lb.column { return la.column < lb.column }
            if a.severity != b.severity { return a.severity < b.severity }
            if a.code != b.code { return a.code < b.code }
            return a.message < b.message
        }
    }
}
