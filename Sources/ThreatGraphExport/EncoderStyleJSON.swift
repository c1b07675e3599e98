extension JSONText {
    /// Rendered in the layout of Foundation's `JSONEncoder` (pretty, sorted keys, unescaped slashes), with a trailing
    /// newline: the layout SARIF files are written in. Strings are escaped as everywhere else (`JSONBytes.string`).
    public func renderedEncoderStyle() -> String { rendered(layout: .encoder) }
}

extension JSONText: ExpressibleByStringLiteral {
    /// A string literal as a JSON string.
    public init(stringLiteral value: String) { self = .string(value) }
}
