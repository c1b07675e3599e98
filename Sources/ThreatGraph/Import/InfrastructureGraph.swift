/// The infrastructure-as-code formats `import` reads.
public enum InfrastructureFormat: String, Sendable, CaseIterable {
    /// `terraform show -json` of a plan or of the state.
    case terraform
    /// A CloudFormation template in JSON (as `cdk synth --json` writes it).
    case cloudformation
}

/// Limits on infrastructure input, as for models: a hostile file ends in a located error, never exhausts memory.
public struct ImportLimits: Sendable {
    /// Largest input file, in bytes (256 MiB: plans repeat every value in several sections).
    public var maxFileBytes: Int = 256 << 20
    /// Deepest JSON nesting (plans nest modules and blocks).
    public var maxDepth: Int = 96
    /// Longest string, in bytes (inline policies and code).
    public var maxStringBytes: Int = 1 << 20
    /// Most JSON values in one file.
    public var maxValues: Int = 40_000_000
    /// Most resources.
    public var maxResources: Int = 500_000
    /// Deepest module nesting followed.
    public var maxModuleDepth: Int = 32

    /// The default limits.
    public init() {}

    /// The JSON reader's limits.
    public var json: JSONLimits { JSONLimits(maxDepth: maxDepth, maxStringBytes: maxStringBytes, maxValues: maxValues) }
}

/// One resource of the infrastructure: its address, type, attribute values and the resources it references.
public struct InfraResource: Sendable {
    /// Terraform address (`module.app.aws_lambda_function.chat`) or CloudFormation logical id.
    public var address: String
    /// Provider resource type (`aws_lambda_function`, `AWS::Lambda::Function`).
    public var type: String
    /// A readable name: the address's last part, or the CDK construct path.
    public var readableName: String
    /// Attribute values (Terraform `values`, CloudFormation `Properties`).
    public var values: JSONValue
    /// Addresses referenced, by dotted attribute path without indexes (`vpc_config.subnet_ids`).
    public var references: [String: [String]]
    /// Where the resource is written.
    public var location: SourceLocation
    /// Terraform data source (read, not managed).
    public var isData = false

    /// Creates a resource.
    public init(address: String, type: String, readableName: String, values: JSONValue, references: [String: [String]] = [:],
                location: SourceLocation, isData: Bool = false) {
        self.address = address
        self.type = type
        self.readableName = readableName
        self.values = values
        self.references = references
        self.location = location
        self.isData = isData
    }

    /// Every value found at a dotted path, descending through arrays (blocks) on the way.
    public func values(at path: String) -> [JSONValue] { values.values(at: path) }

    /// The strings at a dotted path (arrays of strings flattened).
    public func strings(at path: String) -> [String] {
        values(at: path).flatMap { v -> [String] in
            if let s = v.string { return [s] }
            return v.array?.compactMap(\.string) ?? []
        }
    }

    /// The addresses referenced by the attribute at `path` or below it, sorted.
    public func referenced(_ path: String) -> [String] {
        var out = Set<String>()
        for (key, list) in references where key == path || key.hasPrefix(path + ".") { out.formUnion(list) }
        return out.sorted()
    }

    /// Every address referenced by any attribute, sorted.
    public var allReferences: [String] { Set(references.values.joined()).sorted() }
}

/// The resources read from one infrastructure file, with indexes for following references.
public struct InfrastructureGraph: Sendable {
    /// The format read.
    public var format: InfrastructureFormat
    /// The file as the user named it.
    public var file: String
    /// Resources in address order.
    public var resources: [InfraResource]
    /// Index of each resource by address.
    public var byAddress: [String: Int]
    /// The account boundary's name (provider and region, or the stack).
    public var accountName: String
    /// Problems met while reading (skipped parts).
    public var diagnostics: [Diagnostic]

    /// Creates a graph, sorting resources by address.
    public init(format: InfrastructureFormat, file: String, resources: [InfraResource], accountName: String, diagnostics: [Diagnostic] = []) {
        self.format = format
        self.file = file
        self.resources = resources.sorted { $0.address < $1.address }
        var index: [String: Int] = [:]
        for (i, r) in self.resources.enumerated() { index[r.address] = i }
        byAddress = index
        self.accountName = accountName
        self.diagnostics = diagnostics
    }

    /// The resource at an address.
    public subscript(address: String) -> InfraResource? { byAddress[address].map { resources[$0] } }

    /// For each address, the addresses of the resources that reference it, sorted.
    public func referrers() -> [String: [String]] {
        var out: [String: Set<String>] = [:]
        for r in resources { for a in r.allReferences where a != r.address { out[a, default: []].insert(r.address) } }
        return out.mapValues { $0.sorted() }
    }
}

/// An infrastructure file that cannot be read: what is wrong and where.
public struct ImportError: Error, Sendable {
    /// The diagnostics (at least one error).
    public var diagnostics: [Diagnostic]

    /// One located error.
    public init(_ code: String, _ message: String, at location: SourceLocation) {
        diagnostics = [Diagnostic(.error, "import.\(code)", message, at: location)]
    }
}

extension JSONValue {
    /// Every value found at a dotted path, descending through arrays on the way.
    public func values(at path: String) -> [JSONValue] {
        var current: [JSONValue] = [self]
        for part in path.split(separator: ".") {
            var next: [JSONValue] = []
            for v in current {
                for item in v.array ?? [v] {
                    if let child = item[String(part)] { next.append(child) }
                }
            }
            current = next
        }
        return current.flatMap { v -> [JSONValue] in
            if let a = v.array, a.allSatisfy({ $0.members != nil }), !a.isEmpty { return a }
            return [v]
        }
    }

    /// Every string in the value, depth first, with its dotted path (array indexes left out); at most `limit`.
    func strings(prefix: String = "", limit: Int = 100_000) -> [(path: String, value: String)] {
        var out: [(String, String)] = []
        var stack: [(String, JSONValue)] = [(prefix, self)]
        while let (path, v) = stack.popLast(), out.count < limit {
            switch v.storage {
            case .string(let s): out.append((path, s))
            case .array(let items): for item in items.reversed() { stack.append((path, item)) }
            case .object(let members):
                for m in members.reversed() { stack.append((path.isEmpty ? m.key : path + "." + m.key, m.value)) }
            default: break
            }
        }
        return out
    }
}
