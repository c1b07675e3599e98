/// Assets: one per component resource, plus one per foundation or embedding model an agent, knowledge base or
/// policy names.
extension ImportContext {
    /// Attribute paths of Lambda functions that an agent calls as action groups.
    static let actionGroupPaths = ["aws_bedrockagent_agent_action_group": "action_group_executor.lambda",
                                   "AWS::Bedrock::Agent": "ActionGroups.ActionGroupExecutor.Lambda"]

    /// Creates the assets of component resources, with readable unique ids.
    mutating func buildAssets() {
        var tools = Set<String>()
        for r in graph.resources { if let path = Self.actionGroupPaths[r.type] { tools.formUnion(r.referenced(path)) } }
        var pending: [(InfraResource, AssetClass)] = []
        for r in graph.resources { if let c = ResourceMapping.assetClass(of: r, format: graph.format) { pending.append((r, c)) } }
        let ids = Self.uniqueIDs(pending.map { ($0.0.readableName, $0.0.type, $0.0.address) })
        for ((r, c), id) in zip(pending, ids) {
            var kind = c.kind, service = c.service
            if tools.contains(r.address), catalog.kind("agent-tool") != nil { kind = "agent-tool"; service = "AWS Lambda (action group)" }
            guard catalog.kind(kind) != nil else { continue }
            let asset = Asset(id: id, name: ResourceMapping.displayName(r, c), kind: kind, service: service, boundary: nil, sensitivity: .internal,
                              crownJewel: false, cloud: nil, description: nil, controls: [], location: r.location, resources: [r.address],
                              source: r.address)
            assetOf[r.address] = assets.count
            assets.append(ImportedAsset(asset: asset, type: r.type))
            used.insert(r.address)
        }
        buildModelAssets()
    }

    /// Readable ids: the name; where names repeat, the name and type word, then the module, name and type word; then
    /// a number. Each longer form is made only for the names that still repeat.
    /// - Complexity: O(n) for n names.
    static func uniqueIDs(_ names: [(name: String, type: String, address: String)]) -> [String] {
        let forms: [((name: String, type: String, address: String)) -> String] = [
            { ReadableID.sanitize($0.name) },
            { ReadableID.sanitize($0.name + "-" + typeWord($0.type)) },
            { n in ReadableID.sanitize([ReadableID.moduleName(n.address), n.name, typeWord(n.type)].compactMap { $0 }.joined(separator: "-")) },
        ]
        var ids = names.map(forms[0])
        var repeating = Array(names.indices)
        for form in forms.dropFirst() {
            var counts: [String: Int] = [:]
            for i in repeating { counts[ids[i], default: 0] += 1 }
            repeating = repeating.filter { counts[ids[$0], default: 0] > 1 }
            if repeating.isEmpty { break }
            for i in repeating { ids[i] = form(names[i]) }
        }
        var taken = Set<String>()
        var next: [String: Int] = [:]
        for i in ids.indices {
            let id = ids[i]
            var candidate = id
            while taken.contains(candidate) {
                let n = next[id, default: 2]
                next[id] = n + 1
                candidate = "\(id)-\(n)"
            }
            taken.insert(candidate)
            ids[i] = candidate
        }
        return ids
    }

    /// The last word of a resource type (`aws_s3_bucket` → `bucket`, `AWS::RDS::DBCluster` → `DBCluster`).
    static func typeWord(_ type: String) -> String {
        type.split(separator: ":").last.flatMap { $0.split(separator: "_").last }.map(String.init) ?? type
    }

    /// Where agents and knowledge bases name their models.
    static let modelPaths: [String: [(path: String, flow: String)]] = [
        "aws_bedrockagent_agent": [("foundation_model", "reasoning prompts")],
        "aws_bedrockagent_knowledge_base": [("knowledge_base_configuration.vector_knowledge_base_configuration.embedding_model_arn", "document and query embeddings")],
        "AWS::Bedrock::Agent": [("FoundationModel", "reasoning prompts")],
        "AWS::Bedrock::KnowledgeBase": [("KnowledgeBaseConfiguration.VectorKnowledgeBaseConfiguration.EmbeddingModelArn", "document and query embeddings")],
    ]

    /// Assets for the foundation and embedding models that agents and knowledge bases name, with a flow to each.
    mutating func buildModelAssets() {
        for r in graph.resources {
            guard let paths = Self.modelPaths[r.type], let from = assetOf[r.address] else { continue }
            for (path, data) in paths {
                for text in r.values(at: path).map(Self.flatText) {
                    guard let model = Self.modelID(in: text), let to = modelAsset(model, source: "\(r.address).\(path)", at: r.address) else { continue }
                    addFlow(from: from, to: to, access: .send, data: data, source: "\(r.address).\(path)", at: r.address)
                }
            }
        }
    }

    /// The asset of a Bedrock model id, created on first use; nil when the catalog lacks the kind.
    mutating func modelAsset(_ model: String, source: String, at evidence: String) -> Int? {
        let address = "bedrock-model/" + model
        if let a = assetOf[address] { return a }
        let embedding = model.contains("embed") && catalog.kind("embedding-endpoint") != nil
        let kind = embedding ? "embedding-endpoint" : "llm-endpoint"
        guard catalog.kind(kind) != nil else { return nil }
        var id = ReadableID.sanitize(model.split(separator: ":").first.map(String.init) ?? model, fallback: "model")
        let taken = Set(assets.map(\.asset.id))
        var n = 2
        let base = id
        while taken.contains(id) { id = "\(base)-\(n)"; n += 1 }
        let service = embedding ? "Amazon Bedrock (embedding model \(model))" : "Amazon Bedrock (\(model))"
        let asset = Asset(id: id, name: model, kind: kind, service: service, boundary: nil, sensitivity: .internal, crownJewel: false, cloud: nil,
                          description: nil, controls: [], location: location(evidence),
                          resources: [address], source: source)
        assetOf[address] = assets.count
        assets.append(ImportedAsset(asset: asset, type: "bedrock-model"))
        return assets.count - 1
    }

    /// The Bedrock model id in an ARN or id (`…:foundation-model/amazon.titan-embed-text-v2:0`); nil for wildcards.
    static func modelID(in text: String) -> String? {
        var id = text
        for marker in ["foundation-model/", "inference-profile/"] {
            if let r = text.range(of: marker) { id = String(text[r.upperBound...]) }
        }
        id = String(id.prefix { $0 != "\"" && $0 != "," && $0 != " " })
        guard !id.isEmpty, !id.contains("*"), !id.hasPrefix("arn:"), id.contains("."), id.utf8.count <= 128 else { return nil }
        return id
    }

    /// The strings of a value joined (a `Fn::Sub` or `Fn::Join` gives its text parts).
    static func flatText(_ v: JSONValue) -> String {
        v.string ?? v.strings().map(\.value).joined()
    }
}
