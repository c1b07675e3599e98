/// Reads the JSON that `terraform show -json` writes for a plan (`planned_values`, `configuration`) or for the state
/// (`values.root_module`), with child modules, into an `InfrastructureGraph`.
///
/// References come from two places: the configuration's expression `references` (a plan), and attribute values equal
/// to another resource's ARN, id or name (a plan with known values, or the state).
public enum TerraformPlan {
    /// Reads a plan or state file.
    /// - Complexity: O(n) in the input size, plus O(r log r) for sorting r resources.
    public static func read(_ file: InputFile, limits: ImportLimits = ImportLimits()) throws(ImportError) -> InfrastructureGraph {
        let root = try ImportJSON.parse(file, limits: limits)
        var reader = ImportJSON.Reader(file: file.name)
        guard root.members != nil else {
            throw ImportError("wrong-type", "a Terraform plan is a JSON object (the output of 'terraform show -json'), not \(root.typeName)",
                              at: reader.location(root, ""))
        }
        let (modules, section) = try rootModule(root, &reader)
        var resources: [InfraResource] = []
        collect(modules, path: section, prefix: "", depth: 0, limits: limits, into: &resources, &reader)
        guard resources.count <= limits.maxResources else {
            throw ImportError("too-many-resources", "\(resources.count) resources; at most \(limits.maxResources) are read", at: reader.location(modules, section))
        }
        if let configuration = root["configuration"] {
            let refs = configurationReferences(configuration, &reader, limits: limits)
            attach(refs, to: &resources)
        }
        ValueReferences.attach(to: &resources)
        return InfrastructureGraph(format: .terraform, file: file.name, resources: resources, accountName: accountName(root), diagnostics: reader.diagnostics)
    }

    /// The root module of `planned_values` (a plan) or `values` (the state), with its JSON path.
    private static func rootModule(_ root: JSONValue, _ reader: inout ImportJSON.Reader) throws(ImportError) -> (JSONValue, String) {
        for section in ["planned_values", "values"] {
            guard let v = root[section] else { continue }
            guard v.members != nil else {
                throw ImportError("wrong-type", "'\(section)' must be an object, not \(v.typeName)", at: reader.location(v, section))
            }
            guard let module = v["root_module"] else { return (JSONValue(.object([]), line: v.line, column: v.column), section) }
            guard module.members != nil else {
                throw ImportError("wrong-type", "'root_module' must be an object, not \(module.typeName)", at: reader.location(module, section + ".root_module"))
            }
            return (module, section + ".root_module")
        }
        if root["resources"] != nil, root["version"] != nil {
            throw ImportError("raw-state", "this is a raw state file; pass the output of 'terraform show -json' instead", at: reader.location(root, ""))
        }
        throw ImportError("not-a-plan", "no 'planned_values' or 'values': pass the output of 'terraform show -json PLAN' (or of the state)",
                          at: reader.location(root, ""))
    }

    /// The resources of a module and of its child modules, depth first.
    private static func collect(_ module: JSONValue, path: String, prefix: String, depth: Int, limits: ImportLimits,
                                into out: inout [InfraResource], _ reader: inout ImportJSON.Reader) {
        guard depth <= limits.maxModuleDepth else {
            reader.warn("deep-modules", "modules nested deeper than \(limits.maxModuleDepth) are skipped", module, path)
            return
        }
        for (i, r) in reader.array(module, "resources", path).enumerated() where out.count <= limits.maxResources {
            if let resource = resource(r, path: path + ".resources[\(i)]", &reader) { out.append(resource) }
        }
        for (i, child) in reader.array(module, "child_modules", path).enumerated() {
            let childPath = path + ".child_modules[\(i)]"
            guard child.members != nil else { reader.warn("wrong-type", "a child module is an object, not \(child.typeName); skipped", child, childPath); continue }
            collect(child, path: childPath, prefix: child["address"]?.string ?? prefix, depth: depth + 1, limits: limits, into: &out, &reader)
        }
    }

    /// One resource of `planned_values`; nil (with a warning) when it lacks an address or type.
    private static func resource(_ r: JSONValue, path: String, _ reader: inout ImportJSON.Reader) -> InfraResource? {
        guard r.members != nil, let address = r["address"]?.string, let type = r["type"]?.string, !address.isEmpty, !type.isEmpty else {
            reader.warn("bad-resource", "a resource needs a string 'address' and 'type'; skipped", r, path)
            return nil
        }
        var values = r["values"] ?? JSONValue(.object([]), line: r.line, column: r.column)
        if values.members == nil {
            reader.warn("wrong-type", "'values' of \(address) is \(values.typeName), not an object; read as empty", values, path + ".values")
            values = JSONValue(.object([]), line: r.line, column: r.column)
        }
        let name = ReadableID.terraformName(address)
        return InfraResource(address: address, type: type, readableName: name, values: values, location: reader.location(r, path),
                             isData: r["mode"]?.string == "data")
    }

    /// `provider aws, region X` from the provider configuration, or a plain name.
    private static func accountName(_ root: JSONValue) -> String {
        let providers = root["configuration"]?["provider_config"]?.members ?? []
        for p in providers.sorted(by: { $0.key < $1.key }) where p.value["name"]?.string == "aws" {
            if let region = p.value["expressions"]?["region"]?["constant_value"]?.string {
                return "AWS account (provider \(p.key), region \(region))"
            }
            return "AWS account (provider \(p.key))"
        }
        return "AWS account"
    }
}

extension TerraformPlan {
    /// For each configuration resource address (without instance keys): referenced resource addresses by attribute path.
    static func configurationReferences(_ configuration: JSONValue, _ reader: inout ImportJSON.Reader, limits: ImportLimits) -> [String: [String: [String]]] {
        var out: [String: [String: [String]]] = [:]
        var stack: [(JSONValue, String, Int)] = []
        if let root = configuration["root_module"] { stack.append((root, "", 0)) }
        while let (module, prefix, depth) = stack.popLast() {
            guard depth <= limits.maxModuleDepth else { continue }
            for r in module["resources"]?.array ?? [] {
                guard let address = r["address"]?.string, let expressions = r["expressions"] else { continue }
                var byPath: [String: Set<String>] = [:]
                collectReferences(expressions, path: "", prefix: prefix, into: &byPath)
                out[prefix + address] = byPath.mapValues { $0.sorted() }
            }
            for call in (module["module_calls"]?.members ?? []).sorted(by: { $0.key < $1.key }) {
                if let child = call.value["module"] { stack.append((child, prefix + "module.\(call.key).", depth + 1)) }
            }
        }
        return out
    }

    /// The `references` lists under an expression tree, keyed by dotted attribute path, as resource addresses.
    private static func collectReferences(_ v: JSONValue, path: String, prefix: String, into out: inout [String: Set<String>]) {
        var stack: [(JSONValue, String)] = [(v, path)]
        var visited = 0
        while let (node, p) = stack.popLast(), visited < 200_000 {
            visited += 1
            if let list = node.array {
                for item in list { stack.append((item, p)) }
                continue
            }
            guard let members = node.members else { continue }
            for m in members {
                if m.key == "references", let refs = m.value.array {
                    for r in refs.compactMap(\.string) { if let a = resourceAddress(r) { out[p, default: []].insert(prefix + a) } }
                } else if m.key != "constant_value" {
                    stack.append((m.value, p.isEmpty ? m.key : p + "." + m.key))
                }
            }
        }
    }

    /// The resource address a reference names (`aws_s3_bucket.docs.arn` → `aws_s3_bucket.docs`), or nil for
    /// variables, locals, module outputs and other symbols.
    static func resourceAddress(_ reference: String) -> String? {
        let parts = reference.split(separator: ".", omittingEmptySubsequences: false)
        let skip: Set<Substring> = ["var", "local", "module", "each", "count", "path", "self", "terraform"]
        guard let first = parts.first, !skip.contains(first) else { return nil }
        if first == "data" { return parts.count >= 3 ? parts[0...2].joined(separator: ".") : nil }
        guard parts.count >= 2, first.contains("_") else { return nil }
        return parts[0...1].joined(separator: ".")
    }

    /// Adds configuration references to the resources they belong to (every instance of a counted resource), mapping
    /// an address without instance key to every instance.
    static func attach(_ refs: [String: [String: [String]]], to resources: inout [InfraResource]) {
        var instances: [String: [String]] = [:]
        for r in resources { instances[ReadableID.withoutIndex(r.address), default: []].append(r.address) }
        for i in resources.indices {
            guard let byPath = refs[ReadableID.withoutIndex(resources[i].address)] else { continue }
            for (path, list) in byPath {
                var targets = Set(resources[i].references[path] ?? [])
                for a in list { targets.formUnion(instances[ReadableID.withoutIndex(a)] ?? []) }
                targets.remove(resources[i].address)
                if !targets.isEmpty { resources[i].references[path] = targets.sorted() }
            }
        }
    }
}
