/// References found by value: an attribute whose string is another resource's ARN, id or name (or an ARN below it,
/// such as `arn:aws:s3:::docs/*`, or one embedded in an integration URI) references that resource.
enum ValueReferences {
    /// Attributes that identify a resource, most specific first.
    static let identifying = ["arn", "invoke_arn", "execution_arn", "bucket", "function_name", "url", "agent_id", "knowledge_base_id",
                              "guardrail_id", "collection_endpoint", "repository_url", "bucket_regional_domain_name", "domain_name", "name", "id"]
    /// Attribute paths never matched (labels, not links).
    static let ignored: Set<String> = ["tags", "tags_all", "description", "arn", "id", "name"]

    /// Adds value references to every resource.
    /// - Complexity: O(s · l) for s strings of length at most l.
    static func attach(to resources: inout [InfraResource]) {
        let index = index(resources)
        guard !index.isEmpty else { return }
        for i in resources.indices {
            var found: [String: Set<String>] = [:]
            for (path, s) in resources[i].values.strings() where !ignored.contains(path) && !path.hasPrefix("tags") {
                for target in lookup(s, in: index) where target != resources[i].address { found[path, default: []].insert(target) }
            }
            for (path, targets) in found {
                resources[i].references[path] = Set(resources[i].references[path] ?? []).union(targets).sorted()
            }
        }
    }

    /// Identifier → address, components before other resources, ARNs before names before ids; strings shorter than
    /// 6 characters are not identifiers.
    static func index(_ resources: [InfraResource]) -> [String: String] {
        var index: [String: String] = [:]
        let components = resources.indices.filter { ResourceMapping.terraform[resources[$0].type] != nil }
        let others = resources.indices.filter { ResourceMapping.terraform[resources[$0].type] == nil }
        for attribute in identifying {
            for i in components + others {
                guard let s = resources[i].values[attribute]?.string, s.utf8.count >= 6, s != "true", s != "false" else { continue }
                if index[s] == nil { index[s] = resources[i].address }
            }
        }
        return index
    }

    /// The resources a string names: exactly, by an ARN prefix ending at `/` or `:`, or by an ARN inside it (the first
    /// 64 ARNs of a string under 4 KiB).
    static func lookup(_ s: String, in index: [String: String]) -> [String] {
        if let hit = index[s] { return [hit] }
        if s.hasPrefix("s3://"), let bucket = s.dropFirst(5).split(separator: "/").first, let hit = index[String(bucket)] { return [hit] }
        if s.contains(".dkr.ecr."), let hit = index[String(s.prefix { $0 != ":" && $0 != "@" })] { return [hit] }
        guard s.utf8.count < 4_096, containsARN(s) else { return [] }
        var out: [String] = []
        var rest = Substring(s)
        var seen = 0
        while seen < 64, let start = rest.range(of: "arn:") {
            seen += 1
            let arn = rest[start.lowerBound...]
            if let hit = longestPrefix(arn, in: index) { out.append(hit) }
            rest = rest[start.upperBound...]
        }
        return out
    }

    /// Whether `s` holds `arn:`, by its bytes.
    static func containsARN(_ s: String) -> Bool {
        var matched = 0
        for b in s.utf8 {
            let want: UInt8 = matched == 0 ? 0x61 : matched == 1 ? 0x72 : matched == 2 ? 0x6E : 0x3A
            if b == want { matched += 1; if matched == 4 { return true } } else { matched = b == 0x61 ? 1 : 0 }
        }
        return false
    }

    /// The longest prefix of `s` ending before a `/`, `:`, `*`, quote, comma or space (or all of it) that the index holds.
    private static func longestPrefix(_ s: Substring, in index: [String: String]) -> String? {
        if let hit = index[String(s)] { return hit }
        var i = s.endIndex
        while i > s.startIndex {
            i = s.index(before: i)
            let c = s[i]
            guard c == "/" || c == ":" || c == "*" || c == "\"" || c == "," || c == " " else { continue }
            if let hit = index[String(s[..<i])] { return hit }
        }
        return nil
    }
}
