/// Where something is in an input file: file, 1-based line and column, and the JSON path.
///
/// A model decoder records a location for every entity and control reference, and most are never shown. So a path
/// that ends in a member of an element (`assets[12345].id`, `assets[12345].controls[0].id`) keeps the element's path
/// (short enough to be stored inline) and the rest as a recipe; the text is built when `path` is read.
public struct SourceLocation: Sendable {
    /// The file as the user named it.
    public var file: String
    /// The path, or its start when `tail` adds to it.
    private var head: String
    /// 1-based line (0 when unknown).
    private var line32: Int32
    /// 1-based column (0 when unknown).
    private var column32: Int32
    /// The rest of the path.
    private var tail: Tail

    /// Recipes for the end of a path.
    enum Tail: Sendable, Equatable {
        /// Nothing.
        case none
        /// `.id`.
        case id
        /// `.controls[i].id`.
        case controlID(Int32)
    }

    /// 1-based line (0 when unknown).
    public var line: Int {
        get { Int(line32) }
        set { line32 = Int32(clamping: newValue) }
    }

    /// 1-based column (0 when unknown).
    public var column: Int {
        get { Int(column32) }
        set { column32 = Int32(clamping: newValue) }
    }

    /// JSON path such as `assets[3].kind` (empty for the document or when unknown).
    public var path: String {
        get {
            switch tail {
            case .none: head
            case .id: JSONPath.member(head, "id")
            case .controlID(let i): JSONPath.element(head, "controls", Int(i), "id")
            }
        }
        set {
            head = newValue
            tail = .none
        }
    }

    /// Creates a location.
    public init(file: String, line: Int = 0, column: Int = 0, path: String = "") {
        self.init(file: file, line: line, column: column, head: path, tail: .none)
    }

    /// A location whose path is `head` followed by `tail`.
    init(file: String, line: Int, column: Int, head: String, tail: Tail) {
        self.file = file
        self.head = head
        line32 = Int32(clamping: line)
        column32 = Int32(clamping: column)
        self.tail = tail
    }
}

extension SourceLocation: Hashable {
    /// Equal when file, line, column and path are.
    public static func == (a: SourceLocation, b: SourceLocation) -> Bool {
        guard a.file == b.file && a.line32 == b.line32 && a.column32 == b.column32 else { return false }
        // The same recipe on two heads gives the same path exactly when the heads are equal.
        return a.tail == b.tail ? a.head == b.head : a.path == b.path
    }

    /// Hashes file, line and column (a subset of what `==` compares, so equal locations hash alike).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(line32)
        hasher.combine(column32)
    }
}
