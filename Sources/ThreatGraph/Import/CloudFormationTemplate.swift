/// Reads a CloudFormation template in JSON (as `cdk synth --json` writes it) into an `InfrastructureGraph`.
///
/// `Ref`, `Fn::GetAtt`, `Fn::Sub`, `Fn::Join` (and any intrinsic around them) name the logical ids they reference;
/// each property's references are recorded by dotted path. The `aws:cdk:path` metadata gives readable names.
public enum CloudFormationTemplate {
    /// Reads a template.
    /// - Complexity: O(n) in the input size, plus O(r log r) for sorting r resources.
    public static func read(_ file: InputFile, limits: ImportLimits = ImportLimits()) throws(ImportError) -> InfrastructureGraph {
        let root = try ImportJSON.parse(file, limits: limits)
        var reader = ImportJSON.Reader(file: file.name)
        guard root.members != nil else {
            throw ImportError("wrong-type", "a CloudFormation template is a JSON object, not \(root.typeName)", at: reader.location(root, ""))
        }
        guard let section = root["Resources"] else {
            throw ImportError("not-a-template", "no 'Resources': pass a CloudFormation template ('cdk synth --json')", at: reader.location(root, ""))
        }
        guard let members = section.members else {
            throw ImportError("wrong-type", "'Resources' must be an object, not \(section.typeName)", at: reader.location(section, "Resources"))
        }
        guard members.count <= limits.maxResources else {
            throw ImportError("too-many-resources", "\(members.count) resources; at most \(limits.maxResources) are read", at: reader.location(section, "Resources"))
        }
        let names = Set(members.map(\.key))
        var resources: [InfraResource] = []
        var seen = Set<String>()
        for m in members {
            let path = "Resources." + m.key
            guard seen.insert(m.key).inserted else {
                reader.warn("duplicate", "resource '\(m.key)' is defined twice; the first is read", m.value, path)
                continue
            }
            if let r = resource(m.key, m.value, path: path, names: names, &reader) { resources.append(r) }
        }
        let description = root["Description"]?.string.map { " — " + String($0.prefix(80)) } ?? ""
        return InfrastructureGraph(format: .cloudformation, file: file.name, resources: resources,
                                   accountName: "AWS account (CloudFormation stack\(description))", diagnostics: reader.diagnostics)
    }

    /// One resource; nil (with a warning) when it has no string `Type`.
    private static func resource(_ id: String, _ v: JSONValue, path: String, names: Set<String>, _ reader: inout ImportJSON.Reader) -> InfraResource? {
        guard v.members != nil, let type = v["Type"]?.string, !type.isEmpty else {
            reader.warn("bad-resource", "resource '\(id)' needs a string 'Type'; skipped", v, path)
            return nil
        }
        var properties = v["Properties"] ?? JSONValue(.object([]), line: v.line, column: v.column)
        if properties.members == nil {
            reader.warn("wrong-type", "'Properties' of \(id) is \(properties.typeName), not an object; read as empty", properties, path + ".Properties")
            properties = JSONValue(.object([]), line: v.line, column: v.column)
        }
        var refs: [String: [String]] = [:]
        for (p, targets) in references(properties, names: names) where !targets.isEmpty {
            refs[p] = targets.filter { $0 != id }
        }
        let cdkPath = v["Metadata"]?["aws:cdk:path"]?.string
        return InfraResource(address: id, type: type, readableName: readableName(id, cdkPath: cdkPath), values: properties, references: refs,
                             location: reader.location(v, path))
    }

    /// The logical ids named by intrinsics under a value, by dotted property path (array indexes left out).
    /// Only names in `names` count: parameters, pseudo parameters and other stacks' exports do not.
    /// - Complexity: O(n) in the values below `value`.
    public static func references(_ value: JSONValue, names: Set<String>, path: String = "") -> [String: [String]] {
        var out: [String: Set<String>] = [:]
        var stack: [(JSONValue, String)] = [(value, path)]
        while let (v, p) = stack.popLast() {
            if let items = v.array { for item in items { stack.append((item, p)) }; continue }
            guard let members = v.members else { continue }
            if members.count == 1, let m = members.first {
                for name in intrinsicNames(m.key, m.value) where names.contains(name) { out[p, default: []].insert(name) }
                if m.key.hasPrefix("Fn::") || m.key == "Ref" {
                    stack.append((m.value, p))
                    continue
                }
            }
            for m in members { stack.append((m.value, p.isEmpty ? m.key : p + "." + m.key)) }
        }
        return out.mapValues { $0.sorted() }
    }

    /// The names one intrinsic names directly: `Ref`'s, `Fn::GetAtt`'s resource, `Fn::Sub`'s `${Name}` and `${Name.Attr}`.
    static func intrinsicNames(_ key: String, _ value: JSONValue) -> [String] {
        switch key {
        case "Ref": return value.string.map { [$0] } ?? []
        case "Fn::GetAtt":
            if let s = value.string { return [String(s.split(separator: ".").first ?? "")] }
            return value.array?.first?.string.map { [$0] } ?? []
        case "Fn::Sub":
            let text = value.string ?? value.array?.first?.string ?? ""
            return subNames(text)
        default: return []
        }
    }

    /// The names in `${…}` placeholders of a `Fn::Sub` string (up to a dot); `${!Literal}` is not one.
    static func subNames(_ text: String) -> [String] {
        var out: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "${") {
            let after = rest[open.upperBound...]
            guard let close = after.firstIndex(of: "}") else { break }
            let inner = after[..<close]
            if !inner.hasPrefix("!") { out.append(String(inner.split(separator: ".").first ?? inner)) }
            rest = after[after.index(after: close)...]
        }
        return out
    }

    /// A readable name: the CDK construct path without the stack and a trailing `Resource` or `Default`, else the
    /// logical id without the hash CDK appends.
    static func readableName(_ id: String, cdkPath: String?) -> String {
        if let cdkPath {
            var parts = cdkPath.split(separator: "/").map(String.init)
            if parts.count > 1 { parts.removeFirst() }
            if parts.count > 1, parts.last == "Resource" || parts.last == "Default" { parts.removeLast() }
            if !parts.isEmpty { return parts.joined(separator: "-") }
        }
        let hex = id.suffix(8)
        if id.count > 8, hex.allSatisfy({ $0.isHexDigit && !$0.isLowercase }), hex.contains(where: \.isNumber) { return String(id.dropLast(8)) }
        return id
    }
}
