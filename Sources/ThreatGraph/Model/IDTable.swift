/// A map from ids to integers that keeps each id's first value; ids are compared as Swift compares strings.
/// - Complexity: O(1) expected per operation.
struct IDTable: Sendable {
    private var values: [String: Int] = [:]

    /// A table for about `capacity` ids.
    init(capacity: Int) { values.reserveCapacity(capacity) }

    /// The value of `key`, or nil.
    func value(_ key: String) -> Int? { values[key] }

    /// The value of `key`, or nil (the same as `value(_:)`).
    func lookup(_ key: String) -> Int? { values[key] }

    /// Inserts `key` with `value` unless it is present; returns the value it already had, or nil when inserted.
    mutating func insert(_ key: String, _ value: Int) -> Int? {
        if let old = values[key] { return old }
        values[key] = value
        return nil
    }
}
