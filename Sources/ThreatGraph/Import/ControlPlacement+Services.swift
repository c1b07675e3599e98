/// Controls proved by account-level service settings: VPC endpoints, collection encryption policies, model
/// invocation logging.
extension ImportContext {
    /// The kinds of asset a VPC endpoint's service reaches, by the service name's last part.
    static let endpointKinds: [(suffix: String, kinds: [String])] = [
        ("bedrock-runtime", ["llm-endpoint", "embedding-endpoint"]), ("bedrock-agent-runtime", ["knowledge-base", "agent"]),
        ("s3", ["object-storage"]), ("dynamodb", ["nosql-database"]), ("secretsmanager", ["secrets-store"]), ("aoss", ["vector-store"]),
        ("sagemaker.runtime", ["custom-model-endpoint"]), ("ecr.dkr", ["container-registry"]), ("sqs", ["message-queue"]), ("sns", ["message-queue"]),
        ("logs", ["monitoring"]), ("execute-api", ["api-gateway"]),
    ]

    /// A VPC endpoint proves private endpoints on the managed services it reaches, and says so in their description.
    mutating func placeEndpoints() {
        for r in graph.resources where r.type == "aws_vpc_endpoint" || r.type == "AWS::EC2::VPCEndpoint" {
            let path = graph.format == .terraform ? "service_name" : "ServiceName"
            let service = r.values(at: path).map(Self.flatText).first ?? ""
            guard let match = Self.endpointKinds.first(where: { service.hasSuffix("." + $0.suffix) || service.hasSuffix("}" + $0.suffix) }) else { continue }
            used.insert(r.address)
            for i in assets.indices where match.kinds.contains(assets[i].asset.kind) {
                addControl("ctl.infrastructure.private-endpoints", to: i, note: "reached through VPC endpoint \(r.address) (\(service))",
                           source: "\(r.address).\(path)", at: r.address)
                let line = "Reached through VPC endpoint \(r.address)."
                if !(assets[i].asset.description ?? "").contains(line) {
                    assets[i].asset.description = [assets[i].asset.description, line].compactMap { $0 }.joined(separator: " ")
                }
            }
        }
    }

    /// An encryption security policy with a customer key proves encryption at rest on the collections it names.
    mutating func placeCollectionEncryption() {
        for r in graph.resources where r.type == "aws_opensearchserverless_security_policy" || r.type == "AWS::OpenSearchServerless::SecurityPolicy" {
            let type = (r.values["type"] ?? r.values["Type"])?.string
            let attribute = graph.format == .terraform ? "policy" : "Policy"
            guard type == "encryption", let text = r.values[attribute]?.string,
                  let policy = try? JSONReader.parse(Array(text.utf8), limits: JSONLimits(maxDepth: 16, maxStringBytes: 1 << 16, maxValues: 100_000)),
                  policy["KmsARN"] != nil, policy["AWSOwnedKey"]?.bool != true else { continue }
            let patterns = policy.values(at: "Rules.Resource").flatMap { $0.array?.compactMap(\.string) ?? [$0.string].compactMap { $0 } }
            for i in assets.indices where assets[i].type.lowercased().contains("opensearchserverless") {
                let name = assets[i].asset.name
                guard patterns.contains(where: { Self.matches("collection/" + name, $0) }) else { continue }
                addControl("ctl.data.encryption-at-rest", to: i, note: "\(r.address): encryption policy with a customer managed key (KmsARN)",
                           source: "\(r.address).\(attribute)", at: r.address)
                used.insert(r.address)
            }
        }
    }

    /// Security group types, and where they list their inbound rules' address ranges.
    static let securityGroupTypes = ["aws_security_group": ["ingress.cidr_blocks", "ingress.ipv6_cidr_blocks"],
                                     "AWS::EC2::SecurityGroup": ["SecurityGroupIngress.CidrIp", "SecurityGroupIngress.CidrIpv6"]]

    /// An asset behind security groups none of which admits the whole internet has network segmentation.
    mutating func placeSecurityGroups() {
        for i in assets.indices {
            guard let address = assets[i].asset.resources.first, let r = graph[address] else { continue }
            let groups = r.allReferences.compactMap { graph[$0] }.filter { Self.securityGroupTypes[$0.type] != nil }
            guard !groups.isEmpty else { continue }
            let open = groups.contains { g in (Self.securityGroupTypes[g.type] ?? []).contains { g.strings(at: $0).contains { $0 == "0.0.0.0/0" || $0 == "::/0" } } }
            groups.forEach { used.insert($0.address) }
            guard !open else { continue }
            let names = groups.map(\.address).joined(separator: ", ")
            addControl("ctl.infrastructure.network-segmentation", to: i, note: "behind security group \(names), which admits no address range of the whole internet",
                       source: names, at: groups[0].address)
        }
    }

    /// A function, tool or service that reads a Secrets Manager secret (by its role's policy) keeps its credentials
    /// in a central secrets store.
    mutating func placeSecretUse() {
        let kindOf = Dictionary(assets.map { ($0.asset.id, $0.asset.kind) }, uniquingKeysWith: { a, _ in a })
        let indexOf = Dictionary(assets.enumerated().map { ($0.element.asset.id, $0.offset) }, uniquingKeysWith: { a, _ in a })
        for key in flows.keys.sorted() {
            guard let flow = flows[key], kindOf[key.to] == "secrets-store", flow.access == .read || flow.access == .readWrite,
                  let i = indexOf[key.from], let source = flow.source, source.contains("secretsmanager:GetSecretValue") else { continue }
            addControl("ctl.infrastructure.secrets-management", to: i, note: "reads its credentials from \(assets[indexOf[key.to] ?? i].asset.resources.first ?? key.to)",
                       source: source, at: assets[i].asset.resources.first ?? "")
        }
    }

    /// A data access policy that names a collection's principals proves fine-grained access on it.
    mutating func placeCollectionAccess() {
        for r in graph.resources where r.type == "aws_opensearchserverless_access_policy" || r.type == "AWS::OpenSearchServerless::AccessPolicy" {
            let attribute = graph.format == .terraform ? "policy" : "Policy"
            guard (r.values["type"] ?? r.values["Type"])?.string == "data", let text = r.values[attribute]?.string,
                  let policy = try? JSONReader.parse(Array(text.utf8), limits: JSONLimits(maxDepth: 16, maxStringBytes: 1 << 16, maxValues: 100_000)) else { continue }
            for statement in policy.array ?? [policy] {
                let principals = IAMPolicy.words(statement["Principal"])
                guard !principals.isEmpty, !principals.contains("*") else { continue }
                let patterns = statement.values(at: "Rules.Resource").flatMap { $0.array?.compactMap(\.string) ?? [$0.string].compactMap { $0 } }
                for i in assets.indices where assets[i].type.lowercased().contains("opensearchserverless") {
                    let name = assets[i].asset.name
                    guard patterns.contains(where: { Self.matches("collection/" + name, $0) || Self.matches("index/" + name + "/x", $0) }) else { continue }
                    addControl("ctl.data.fine-grained-access", to: i, note: "\(r.address): data access limited to \(principals.count) named principal\(principals.count == 1 ? "" : "s")",
                               source: "\(r.address).\(attribute)", at: r.address)
                    used.insert(r.address)
                }
            }
        }
    }

    /// Whether `name` matches a pattern with an optional trailing `*`.
    static func matches(_ name: String, _ pattern: String) -> Bool {
        pattern.hasSuffix("*") ? name.hasPrefix(pattern.dropLast()) : name == pattern
    }

    /// Model invocation logging proves inference monitoring on the Bedrock models, and sends their invocations to
    /// the log group or bucket it names.
    mutating func placeInvocationLogging() {
        for r in graph.resources where r.type == "aws_bedrock_model_invocation_logging_configuration" {
            let destinations = ["logging_config.cloudwatch_config.log_group_name", "logging_config.s3_config.bucket_name"]
                .flatMap { r.referenced($0) + r.strings(at: $0).compactMap { valueIndex[$0] } }
            let sinks = Set(destinations.compactMap { owner($0) }).sorted()
            used.insert(r.address)
            for i in assets.indices where assets[i].type == "bedrock-model" {
                addControl("ctl.application.inference-monitoring", to: i, note: "\(r.address): model invocation logging is on",
                           source: "\(r.address).logging_config", at: r.address)
                for s in sinks {
                    addFlow(from: i, to: s, access: .write, data: "model invocation logs", source: "\(r.address).logging_config", at: r.address)
                }
            }
        }
    }
}
