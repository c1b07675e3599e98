/// JSON paths such as `assets[3].controls[0].id`.
enum JSONPath {
    /// `base[index]`.
    static func element(_ base: String, _ index: Int) -> String { "\(base)[\(index)]" }

    /// `base.key`, or `key` at the root (empty base).
    static func member(_ base: String, _ key: String) -> String { base.isEmpty ? key : "\(base).\(key)" }

    /// `base.member[index].last`.
    static func element(_ base: String, _ member: String, _ index: Int, _ last: String) -> String {
        JSONPath.member(JSONPath.member(base, JSONPath.element(member, index)), last)
    }
}
