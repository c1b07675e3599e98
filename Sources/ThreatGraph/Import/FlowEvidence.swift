/// A flow that a resource's configuration proves: from one end to the other, both named by the resource itself or
/// by one of its attributes (`a>b` follows a reference and reads the next resource's attribute).
public struct FlowRule: Sendable {
    /// Resource types read.
    public var types: [String]
    /// The sending end: nil for the resource itself, else an attribute path.
    public var from: String?
    /// The receiving end: nil for the resource itself, else an attribute path.
    public var to: String?
    /// How content moves.
    public var access: FlowAccess
    /// What the flow carries.
    public var data: String

    init(_ types: [String], from: String? = nil, to: String? = nil, _ access: FlowAccess, _ data: String) {
        self.types = types
        self.from = from
        self.to = to
        self.access = access
        self.data = data
    }
}

/// The rules by which configuration proves flows (policies are read separately).
public enum FlowEvidence {
    /// Terraform AWS provider rules.
    public static let terraform: [FlowRule] = [
        FlowRule(["aws_bedrockagent_agent_action_group"], from: "agent_id", to: "action_group_executor.lambda", .send, "tool calls (action group)"),
        FlowRule(["aws_bedrockagent_agent_knowledge_base_association"], from: "agent_id", to: "knowledge_base_id", .read, "knowledge-base retrieval"),
        FlowRule(["aws_bedrockagent_data_source"], from: "knowledge_base_id", to: "data_source_configuration.s3_configuration.bucket_arn", .read,
                 "documents (ingestion sync)"),
        FlowRule(["aws_bedrockagent_knowledge_base"], to: "storage_configuration", .readWrite, "chunks and embeddings"),
        FlowRule(["aws_s3_bucket_notification"], from: "bucket", to: "lambda_function", .send, "object events"),
        FlowRule(["aws_s3_bucket_notification"], from: "bucket", to: "queue", .send, "object events"),
        FlowRule(["aws_s3_bucket_notification"], from: "bucket", to: "topic", .send, "object events"),
        FlowRule(["aws_lambda_event_source_mapping"], from: "function_name", to: "event_source_arn", .read, "messages (event source mapping)"),
        FlowRule(["aws_api_gateway_integration"], from: "rest_api_id", to: "uri", .send, "API requests"),
        FlowRule(["aws_apigatewayv2_integration"], from: "api_id", to: "integration_uri", .send, "API requests"),
        FlowRule(["aws_cloudfront_distribution"], to: "origin", .send, "origin requests"),
        FlowRule(["aws_sns_topic_subscription"], from: "topic_arn", to: "endpoint", .send, "notifications"),
        FlowRule(["aws_lambda_function"], to: "environment", .send, "calls to resources named in its environment"),
        FlowRule(["aws_api_gateway_stage"], from: "rest_api_id", to: "access_log_settings", .write, "access logs"),
        FlowRule(["aws_apigatewayv2_stage"], from: "api_id", to: "access_log_settings", .write, "access logs"),
        FlowRule(["aws_sagemaker_endpoint"], to: "endpoint_config_name>production_variants.model_name", .read, "model served"),
        FlowRule(["aws_sagemaker_model"], to: "primary_container.model_data_url", .read, "model artifacts"),
        FlowRule(["aws_sagemaker_model"], to: "primary_container.image", .read, "inference image"),
        FlowRule(["aws_codebuild_project"], to: "environment.image", .read, "build image"),
    ]

    /// CloudFormation rules.
    public static let cloudformation: [FlowRule] = [
        FlowRule(["AWS::Bedrock::Agent"], to: "ActionGroups.ActionGroupExecutor.Lambda", .send, "tool calls (action group)"),
        FlowRule(["AWS::Bedrock::Agent"], to: "KnowledgeBases.KnowledgeBaseId", .read, "knowledge-base retrieval"),
        FlowRule(["AWS::Bedrock::DataSource"], from: "KnowledgeBaseId", to: "DataSourceConfiguration.S3Configuration.BucketArn", .read,
                 "documents (ingestion sync)"),
        FlowRule(["AWS::Bedrock::KnowledgeBase"], to: "StorageConfiguration", .readWrite, "chunks and embeddings"),
        FlowRule(["AWS::S3::Bucket"], to: "NotificationConfiguration", .send, "object events"),
        FlowRule(["AWS::Lambda::EventSourceMapping"], from: "FunctionName", to: "EventSourceArn", .read, "messages (event source mapping)"),
        FlowRule(["AWS::ApiGateway::Method"], from: "RestApiId", to: "Integration.Uri", .send, "API requests"),
        FlowRule(["AWS::ApiGatewayV2::Integration"], from: "ApiId", to: "IntegrationUri", .send, "API requests"),
        FlowRule(["AWS::CloudFront::Distribution"], to: "DistributionConfig.Origins", .send, "origin requests"),
        FlowRule(["AWS::SNS::Subscription"], from: "TopicArn", to: "Endpoint", .send, "notifications"),
        FlowRule(["AWS::SNS::Topic"], to: "Subscription", .send, "notifications"),
        FlowRule(["AWS::Lambda::Function"], to: "Environment", .send, "calls to resources named in its environment"),
        FlowRule(["AWS::ApiGateway::Stage"], from: "RestApiId", to: "AccessLogSetting", .write, "access logs"),
        FlowRule(["AWS::ApiGatewayV2::Stage"], from: "ApiId", to: "AccessLogSettings", .write, "access logs"),
        FlowRule(["AWS::SageMaker::Endpoint"], to: "EndpointConfigName>ProductionVariants.ModelName", .read, "model served"),
        FlowRule(["AWS::SageMaker::Model"], to: "PrimaryContainer.ModelDataUrl", .read, "model artifacts"),
        FlowRule(["AWS::SageMaker::Model"], to: "PrimaryContainer.Image", .read, "inference image"),
    ]

    /// The rules of a format.
    public static func rules(_ format: InfrastructureFormat) -> [FlowRule] { format == .terraform ? terraform : cloudformation }

    /// Kinds that hold content others fetch: a flow that only "sends" to one of them is a read.
    static let stores: Set<String> = ["object-storage", "nosql-database", "relational-database", "vector-store", "knowledge-base", "secrets-store",
                                      "container-registry", "model-artifact", "memory-store", "training-data", "feature-store", "model-registry"]
}

extension ImportContext {
    /// Flows from the rules of the format.
    mutating func inferFlows() {
        let rules = FlowEvidence.rules(graph.format)
        var byType: [String: [FlowRule]] = [:]
        for rule in rules { for t in rule.types { byType[t, default: []].append(rule) } }
        for r in graph.resources {
            for rule in byType[r.type] ?? [] {
                let froms = rule.from.map { ends(r.address, $0) } ?? [owner(r.address)].compactMap { $0 }
                let tos = rule.to.map { ends(r.address, $0) } ?? [owner(r.address)].compactMap { $0 }
                let path = [rule.from, rule.to].compactMap { $0 }.joined(separator: ", ")
                for chained in [rule.from, rule.to].compactMap({ $0 }) where chained.contains(">") {
                    used.formUnion(follow(r.address, String(chained.prefix { $0 != ">" })))
                }
                for f in froms {
                    for t in tos where f != t {
                        var access = rule.access
                        if access == .send, rule.data == "origin requests",
                           FlowEvidence.stores.contains(assets[t].asset.kind) { access = .read }
                        addFlow(from: f, to: t, access: access, data: rule.data, source: "\(r.address).\(path)", at: r.address)
                        used.insert(r.address)
                    }
                }
            }
        }
        logGroupFlows()
    }

    /// The assets an attribute path names (each referenced resource's owner), sorted and unique.
    func ends(_ address: String, _ path: String) -> [Int] {
        Set(follow(address, path).compactMap { owner($0) }).sorted()
    }

    /// A flow from each Lambda function to the log group its name implies (`/aws/lambda/NAME`).
    mutating func logGroupFlows() {
        var groups: [String: Int] = [:]
        for (i, a) in assets.enumerated() where a.type == "aws_cloudwatch_log_group" || a.type == "AWS::Logs::LogGroup" { groups[a.asset.name] = i }
        for (i, a) in assets.enumerated() where a.type == "aws_lambda_function" || a.type == "AWS::Lambda::Function" {
            guard let g = groups["/aws/lambda/" + a.asset.name] else { continue }
            addFlow(from: i, to: g, access: .write, data: "function logs", source: "\(assets[g].asset.source ?? "").name = /aws/lambda/\(a.asset.name)",
                    at: assets[g].asset.source ?? "")
        }
    }

    /// Adds a flow, or merges access and evidence into the flow between the same ends.
    mutating func addFlow(from: Int, to: Int, access: FlowAccess, data: String, source: String, at address: String) {
        guard from != to else { return }
        let key = FlowKey(from: assets[from].asset.id, to: assets[to].asset.id)
        if var existing = flows[key] {
            existing.access = Self.combine(existing.access, access)
            if let s = existing.source, !s.contains(source) { existing.source = s + "; " + source }
            flows[key] = existing
            return
        }
        flows[key] = Flow(id: "", from: key.from, to: key.to, data: data, protocol: nil, sensitivity: nil, bidirectional: false, controls: [],
                          location: location(address),
                          access: access, source: source)
    }

    /// Two accesses of the same pair as one: a read or write is more specific than a send; reading and writing is both.
    static func combine(_ a: FlowAccess, _ b: FlowAccess) -> FlowAccess {
        if a == b { return a }
        if a == .send { return b }
        if b == .send { return a }
        return .readWrite
    }
}
