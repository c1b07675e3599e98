/// Where something is in an input file: file, 1-based line and column, and the JSON path.
public struct SourceLocation: Sendable, Hashable {
    /// The file as the user named it.
    public var file: String
    /// 1-based line (0 when unknown).
    public var line: Int
    /// 1-based column (0 when unknown).
    public var column: Int
    /// JSON path such as `assets[3].kind` (empty for the document or when unknown).
    public var path: String

    /// Creates a location.
    public init(file: String, line: Int = 0, column: Int = 0, path: String = "") {
        self.file = file
        self.line = line
        self.column = column
        self.path = path
    }
}
