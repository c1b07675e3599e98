import Foundation
import Testing
@testable import ThreatGraph

/// The hand-written infrastructure files beside these tests.
let importFixtures = packageRoot.appendingPathComponent("Tests/ThreatGraphTests/Fixtures/Import")

/// Reads and imports a fixture.
func importFixture(_ name: String, _ format: InfrastructureFormat) throws -> (InfrastructureGraph, ImportResult) {
    let bytes = try [UInt8](Data(contentsOf: importFixtures.appendingPathComponent(name)))
    let graph = try InfrastructureImporter.read(format, InputFile(name: name, bytes: bytes))
    return (graph, InfrastructureImporter.run(graph, catalog: builtInCatalog(), name: "imported"))
}

extension ImportResult {
    /// The asset that stands for a resource.
    func asset(_ resource: String) -> Asset? { workload.assets.first { $0.resources.contains(resource) } }
    /// The asset with an id.
    func asset(id: String) -> Asset? { workload.assets.first { $0.id == id } }
    /// The flow between two ids.
    func flow(_ from: String, _ to: String) -> Flow? { workload.flows.first { $0.from == from && $0.to == to } }
    /// A control on an asset, by resource.
    func control(_ id: String, on resource: String) -> ControlRef? { asset(resource)?.controls.first { $0.id == id } }
}

@Suite struct TerraformImportTests {
    static let plan = "ecommerce-qna-chatbot.plan.json"

    static let assets: [(resource: String, id: String, kind: String, service: String, boundary: String)] = [
        ("aws_api_gateway_rest_api.chat", "chat", "api-gateway", "Amazon API Gateway (REST API)", "aws-account"),
        ("aws_cloudfront_distribution.storefront", "storefront-distribution", "web-frontend", "Amazon CloudFront", "aws-account"),
        ("aws_lambda_function.fulfilment", "fulfilment", "compute-function", "AWS Lambda", "app-a-subnet"),
        ("aws_lambda_function.pricing_tool", "pricing-tool", "agent-tool", "AWS Lambda (action group)", "app-a-subnet"),
        ("aws_bedrockagent_agent.orders", "orders-agent", "agent", "Amazon Bedrock Agents", "aws-account"),
        ("aws_bedrockagent_knowledge_base.products", "products", "knowledge-base", "Amazon Bedrock Knowledge Bases", "aws-account"),
        ("aws_opensearchserverless_collection.vectors", "vectors", "vector-store", "Amazon OpenSearch Serverless", "aws-account"),
        ("aws_s3_bucket.product_docs", "product-docs", "object-storage", "Amazon S3", "aws-account"),
        ("aws_dynamodb_table.chat_history", "chat-history", "nosql-database", "Amazon DynamoDB", "aws-account"),
        ("aws_rds_cluster.orders", "orders-cluster", "relational-database", "Amazon Aurora", "data-a-subnet"),
        ("aws_sqs_queue.order_events", "order-events", "message-queue", "Amazon SQS", "aws-account"),
        ("aws_secretsmanager_secret.orders_db", "orders-db", "secrets-store", "AWS Secrets Manager", "aws-account"),
        ("aws_cognito_user_pool.buyers", "buyers", "identity-provider", "Amazon Cognito", "aws-account"),
        ("aws_cloudwatch_log_group.bedrock", "bedrock", "monitoring", "Amazon CloudWatch Logs", "aws-account"),
        ("bedrock-model/anthropic.claude-3-5-sonnet-20240620-v1:0", "anthropic.claude-3-5-sonnet-20240620-v1", "llm-endpoint",
         "Amazon Bedrock (anthropic.claude-3-5-sonnet-20240620-v1:0)", "aws-account"),
        ("bedrock-model/amazon.titan-embed-text-v2:0", "amazon.titan-embed-text-v2", "embedding-endpoint",
         "Amazon Bedrock (embedding model amazon.titan-embed-text-v2:0)", "aws-account"),
    ]

    @Test(arguments: assets.indices)
    func assetsHaveKindServiceBoundaryAndEvidence(_ i: Int) throws {
        let (_, result) = try importFixture(Self.plan, .terraform)
        let want = Self.assets[i]
        let asset = try #require(result.asset(want.resource), "no asset for \(want.resource)")
        #expect(asset.id == want.id)
        #expect(asset.kind == want.kind)
        #expect(asset.service == want.service)
        #expect(asset.boundary == want.boundary)
        #expect(asset.source?.hasPrefix(want.resource.hasPrefix("bedrock-model/") ? "aws_" : want.resource) == true)
    }

    static let flows: [(from: String, to: String, access: FlowAccess, evidence: String)] = [
        ("chat", "fulfilment", .send, "aws_api_gateway_integration.chat_post"),
        ("storefront-distribution", "chat", .send, "aws_cloudfront_distribution.storefront.origin"),
        ("storefront-distribution", "storefront-bucket", .read, "aws_cloudfront_distribution.storefront.origin"),
        ("fulfilment", "chat-history", .readWrite, "aws_iam_role_policy.fulfilment.policy (dynamodb:GetItem"),
        ("fulfilment", "anthropic.claude-3-5-sonnet-20240620-v1", .send, "aws_iam_role_policy.fulfilment.policy (bedrock:InvokeModel"),
        ("fulfilment", "products", .read, "bedrock:RetrieveAndGenerate"),
        ("fulfilment", "orders-agent", .send, "aws_lambda_function.fulfilment.environment"),
        ("orders-agent", "pricing-tool", .send, "aws_bedrockagent_agent_action_group.pricing"),
        ("orders-agent", "products", .read, "aws_bedrockagent_agent_knowledge_base_association.orders_products"),
        ("orders-agent", "anthropic.claude-3-5-sonnet-20240620-v1", .send, "aws_bedrockagent_agent.orders.foundation_model"),
        ("products", "product-docs", .read, "aws_bedrockagent_data_source.product_docs"),
        ("products", "vectors", .readWrite, "aws_bedrockagent_knowledge_base.products.storage_configuration"),
        ("products", "amazon.titan-embed-text-v2", .send, "embedding_model_arn"),
        ("order-tool", "order-events", .read, "aws_lambda_event_source_mapping.order_events"),
        ("order-tool", "exports", .write, "aws_iam_role_policy.order_tool.policy (s3:PutObject)"),
        ("pricing-tool", "pricing-key", .read, "secretsmanager:GetSecretValue"),
        ("chat", "api-access", .write, "aws_api_gateway_stage.prod"),
        ("anthropic.claude-3-5-sonnet-20240620-v1", "bedrock", .write, "aws_bedrock_model_invocation_logging_configuration.main"),
    ]

    @Test(arguments: flows.indices)
    func flowsCarryAccessAndEvidence(_ i: Int) throws {
        let (_, result) = try importFixture(Self.plan, .terraform)
        let want = Self.flows[i]
        let flow = try #require(result.flow(want.from, want.to), "no flow \(want.from) -> \(want.to)")
        #expect(flow.access == want.access)
        #expect(flow.source?.contains(want.evidence) == true, "\(flow.source ?? "")")
    }

    static let controls: [(resource: String, control: String, evidence: String)] = [
        ("aws_s3_bucket.product_docs", "ctl.data.encryption-at-rest", "aws_s3_bucket_server_side_encryption_configuration.product_docs.rule"),
        ("aws_s3_bucket.product_docs", "ctl.data.fine-grained-access", "aws_s3_bucket_public_access_block.product_docs"),
        ("aws_s3_bucket.product_docs", "ctl.data.dataset-integrity", "aws_s3_bucket_versioning.product_docs"),
        ("aws_s3_bucket.product_docs", "ctl.infrastructure.private-endpoints", "module.network.aws_vpc_endpoint.s3"),
        ("aws_cloudfront_distribution.storefront", "ctl.application.waf-ai-rules", "aws_wafv2_web_acl.edge"),
        ("aws_cloudfront_distribution.storefront", "ctl.application.rate-limiting", "aws_wafv2_web_acl.edge"),
        ("aws_cloudfront_distribution.storefront", "ctl.data.tls-in-transit", "viewer_protocol_policy"),
        ("aws_api_gateway_rest_api.chat", "ctl.application.waf-ai-rules", "aws_wafv2_web_acl.api"),
        ("aws_api_gateway_rest_api.chat", "ctl.application.authentication", "aws_api_gateway_authorizer.cognito.type"),
        ("aws_api_gateway_rest_api.chat", "ctl.application.rate-limiting", "aws_api_gateway_method_settings.all.settings.throttling_rate_limit"),
        ("aws_api_gateway_rest_api.chat", "ctl.application.request-validation", "aws_api_gateway_request_validator.body"),
        ("aws_cognito_user_pool.buyers", "ctl.application.authentication", "aws_cognito_user_pool.buyers.mfa_configuration"),
        ("aws_bedrockagent_agent.orders", "ctl.model.guardrails", "aws_bedrock_guardrail.chat"),
        ("aws_bedrockagent_agent.orders", "ctl.application.prompt-attack-filter", "aws_bedrock_guardrail.chat.content_policy_config"),
        ("aws_bedrockagent_agent.orders", "ctl.application.pii-filter", "aws_bedrock_guardrail.chat.sensitive_information_policy_config"),
        ("aws_bedrockagent_agent.orders", "ctl.application.denied-topics", "aws_bedrock_guardrail.chat.topic_policy_config"),
        ("aws_bedrockagent_agent.orders", "ctl.application.grounding-checks", "aws_bedrock_guardrail.chat.contextual_grounding_policy_config"),
        ("aws_lambda_function.fulfilment", "ctl.application.prompt-attack-filter", "aws_bedrock_guardrail.chat"),
        ("aws_dynamodb_table.inventory", "ctl.data.backup-recovery", "point_in_time_recovery.enabled"),
        ("aws_dynamodb_table.inventory", "ctl.data.encryption-at-rest", "server_side_encryption.enabled"),
        ("aws_rds_cluster.orders", "ctl.data.encryption-at-rest", "aws_rds_cluster.orders.storage_encrypted"),
        ("aws_secretsmanager_secret.orders_db", "ctl.infrastructure.secrets-management", "aws_secretsmanager_secret_rotation.orders_db"),
        ("aws_opensearchserverless_collection.vectors", "ctl.data.encryption-at-rest", "aws_opensearchserverless_security_policy.vectors_encryption"),
        ("aws_cloudwatch_log_group.bedrock", "ctl.data.retention-deletion", "retention_in_days"),
        ("aws_lambda_function.fulfilment", "ctl.infrastructure.least-privilege-iam", "aws_iam_role_policy.fulfilment.policy"),
        ("aws_lambda_function.fulfilment", "ctl.infrastructure.secrets-management", "secretsmanager:GetSecretValue"),
        ("aws_lambda_function.fulfilment", "ctl.infrastructure.network-segmentation", "module.network.aws_security_group.lambda"),
        ("aws_rds_cluster.orders", "ctl.infrastructure.network-segmentation", "module.network.aws_security_group.data"),
        ("aws_api_gateway_rest_api.chat", "ctl.application.input-length-limits", "aws_wafv2_web_acl.api"),
        ("aws_opensearchserverless_collection.vectors", "ctl.data.fine-grained-access", "aws_opensearchserverless_access_policy.vectors_data"),
        ("aws_bedrockagent_agent.orders", "ctl.infrastructure.least-privilege-iam", "aws_iam_role.agent.inline_policy[0]"),
        ("bedrock-model/anthropic.claude-3-5-sonnet-20240620-v1:0", "ctl.application.inference-monitoring", "aws_bedrock_model_invocation_logging_configuration"),
        ("bedrock-model/anthropic.claude-3-5-sonnet-20240620-v1:0", "ctl.infrastructure.private-endpoints", "aws_vpc_endpoint.bedrock_runtime"),
    ]

    @Test(arguments: controls.indices)
    func controlsAreImplementedWithEvidence(_ i: Int) throws {
        let (_, result) = try importFixture(Self.plan, .terraform)
        let want = Self.controls[i]
        let ref = try #require(result.control(want.control, on: want.resource), "\(want.control) missing on \(want.resource)")
        #expect(ref.status == .implemented)
        #expect(ref.source?.contains(want.evidence) == true, "\(ref.source ?? "")")
        #expect(ref.note?.isEmpty == false)
    }

    static let weak: [(resource: String, control: String)] = [
        ("aws_s3_bucket.exports", "ctl.data.encryption-at-rest"),
        ("aws_s3_bucket.exports", "ctl.data.fine-grained-access"),
        ("aws_sqs_queue.order_events", "ctl.data.encryption-at-rest"),
        ("aws_dynamodb_table.chat_history", "ctl.data.backup-recovery"),
        ("aws_s3_bucket.storefront", "ctl.data.encryption-at-rest"),
    ]

    @Test(arguments: weak.indices)
    func weakResourcesGetNoControl(_ i: Int) throws {
        let (_, result) = try importFixture(Self.plan, .terraform)
        let want = Self.weak[i]
        #expect(result.asset(want.resource) != nil)
        #expect(result.control(want.control, on: want.resource) == nil)
    }

    @Test func encryptionNotesNameTheKeyAndItsRotation() throws {
        let (_, result) = try importFixture(Self.plan, .terraform)
        let note = result.control("ctl.data.encryption-at-rest", on: "aws_dynamodb_table.inventory")?.note ?? ""
        #expect(note.hasSuffix("; key aws_kms_key.data (rotated yearly)"), "\(note)")
    }

    @Test func boundariesFollowAccountVPCAndSubnets() throws {
        let (_, result) = try importFixture(Self.plan, .terraform)
        let b = Dictionary(uniqueKeysWithValues: result.workload.boundaries.map { ($0.id, $0) })
        #expect(b["aws-account"]?.name == "AWS account (provider aws, region eu-west-1)")
        #expect(Set(b["aws-account"]?.controls.map(\.id) ?? []) == ["ctl.infrastructure.identity-audit-logging", "ctl.infrastructure.threat-detection",
                                                                      "ctl.infrastructure.config-compliance"])
        #expect(b["main-vpc"]?.parent == "aws-account")
        #expect(b["app-a-subnet"]?.parent == "main-vpc")
        #expect(b["app-a-subnet"]?.controls.map(\.id) == ["ctl.infrastructure.private-subnets"])
        #expect(b["public-a-subnet"]?.controls.isEmpty == true, "a subnet routed to the internet gateway is not private")
        #expect(result.asset("aws_s3_bucket.product_docs")?.description?.contains("module.network.aws_vpc_endpoint.s3") == true)
    }

    @Test func actorsAreInferredFromEntryPoints() throws {
        let (_, result) = try importFixture(Self.plan, .terraform)
        let actors = Dictionary(uniqueKeysWithValues: result.workload.actors.map { ($0.id, $0) })
        #expect(actors["anonymous-user"]?.trust == .anonymous)
        #expect(actors["anonymous-user"]?.inferred == true)
        #expect(actors["authenticated-user"]?.trust == .authenticated)
        #expect(result.flow("anonymous-user", "storefront-distribution") != nil)
        #expect(result.flow("authenticated-user", "buyers")?.source?.contains("aws_cognito_user_pool.buyers") == true)
        #expect(result.flow("anonymous-user", "chat") == nil, "the API sits behind the distribution")
    }

    @Test func theImportedModelValidatesAndSummarisesWhatWasRead() throws {
        let (graph, result) = try importFixture(Self.plan, .terraform)
        let diagnostics = ModelValidator.validate(result.workload, catalog: builtInCatalog(), frameworks: nil, limits: ModelLimits())
        #expect(!diagnostics.hasErrors, "\(diagnostics.map(\.rendered))")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.rendered))")
        #expect(result.summary.read == graph.resources.count)
        #expect(result.summary.mapped == result.workload.assets.count - 2)
        #expect(result.summary.skippedByType.contains { $0.type == "aws_iam_user" })
        #expect(result.summary.text.hasPrefix("read \(graph.resources.count) resources"))
    }

    @Test func theStateFormIsReadByValue() throws {
        let (_, result) = try importFixture("ml-platform.state.json", .terraform)
        let kinds = Dictionary(result.workload.assets.compactMap { a in a.resources.first.map { ($0, a.kind) } }, uniquingKeysWith: { a, _ in a })
        #expect(kinds["aws_ecs_service.gateway"] == "container-service")
        #expect(kinds["aws_eks_cluster.batch"] == "container-service")
        #expect(kinds["module.serving.aws_sagemaker_endpoint.classifier"] == "custom-model-endpoint")
        #expect(kinds["module.serving.aws_sagemaker_model.classifier"] == "model-artifact")
        #expect(kinds["aws_sagemaker_notebook_instance.research"] == "notebook")
        #expect(kinds["aws_sagemaker_pipeline.train"] == "ci-pipeline")
        #expect(kinds["aws_opensearch_domain.search"] == "vector-store")
        #expect(kinds["aws_elasticache_replication_group.features"] == "memory-store")
        #expect(kinds["aws_sns_topic.predictions"] == "message-queue")
        #expect(kinds["aws_ecr_repository.inference"] == "container-registry")
        #expect(kinds["aws_codepipeline.release"] == "ci-pipeline")
        #expect(kinds["aws_codebuild_project.image"] == "ci-pipeline")
        #expect(kinds["aws_apigatewayv2_api.inference"] == "api-gateway")
        #expect(result.flow("gateway", "classifier-endpoint")?.source?.contains("aws_iam_role.gateway_task.inline_policy[0]") == true)
        #expect(result.flow("gateway", "features")?.access == .readWrite)
        #expect(result.flow("classifier-endpoint", "classifier-model")?.access == .read)
        #expect(result.flow("classifier-model", "inference-repository")?.source?.contains("primary_container.image") == true)
        #expect(result.flow("predictions", "audit")?.source?.contains("aws_sns_topic_subscription.audit") == true)
        #expect(result.flow("inference-api", "gateway") != nil)
        #expect(result.control("ctl.application.authentication", on: "aws_apigatewayv2_api.inference") != nil)
        #expect(result.control("ctl.infrastructure.container-image-scanning", on: "aws_ecr_repository.inference") != nil)
        #expect(result.control("ctl.infrastructure.egress-filtering", on: "aws_sagemaker_notebook_instance.research") != nil)
        #expect(result.control("ctl.infrastructure.egress-filtering", on: "aws_sagemaker_domain.studio") == nil, "public internet access")
        #expect(result.control("ctl.data.encryption-at-rest", on: "aws_db_instance.registry") == nil, "storage is not encrypted")
        #expect(result.asset("aws_ecs_service.gateway")?.boundary == "private-a-subnet")
        #expect(result.workload.actors.map(\.id) == ["authenticated-user"])
    }
}

@Suite struct PolicySourceTests {
    /// A plan whose function's policy comes from a policy document data source, and another's is unknown at plan
    /// time (only the configuration's references are known).
    static let plan = """
    {"planned_values": {"root_module": {"resources": [
      {"address": "aws_lambda_function.a", "mode": "managed", "type": "aws_lambda_function", "name": "a", "values": {"function_name": "fn-a"}},
      {"address": "aws_lambda_function.b", "mode": "managed", "type": "aws_lambda_function", "name": "b", "values": {"function_name": "fn-b"}},
      {"address": "aws_iam_role.a", "mode": "managed", "type": "aws_iam_role", "name": "a", "values": {"name": "role-a"}},
      {"address": "aws_iam_role.b", "mode": "managed", "type": "aws_iam_role", "name": "b", "values": {"name": "role-b"}},
      {"address": "aws_iam_role_policy.a", "mode": "managed", "type": "aws_iam_role_policy", "name": "a", "values": {"name": "a", "role": "role-a"}},
      {"address": "aws_iam_role_policy.b", "mode": "managed", "type": "aws_iam_role_policy", "name": "b", "values": {"name": "b", "role": "role-b"}},
      {"address": "data.aws_iam_policy_document.a", "mode": "data", "type": "aws_iam_policy_document", "name": "a",
       "values": {"statement": [{"effect": "Allow", "actions": ["sqs:SendMessage"], "resources": ["arn:aws:sqs:eu-west-1:123456789012:jobs"]}]}},
      {"address": "aws_sqs_queue.jobs", "mode": "managed", "type": "aws_sqs_queue", "name": "jobs",
       "values": {"name": "jobs", "arn": "arn:aws:sqs:eu-west-1:123456789012:jobs"}},
      {"address": "aws_dynamodb_table.t", "mode": "managed", "type": "aws_dynamodb_table", "name": "t", "values": {"name": "table-t"}}
    ]}},
    "configuration": {"root_module": {"resources": [
      {"address": "aws_lambda_function.a", "expressions": {"role": {"references": ["aws_iam_role.a.arn", "aws_iam_role.a"]}}},
      {"address": "aws_lambda_function.b", "expressions": {"role": {"references": ["aws_iam_role.b.arn", "aws_iam_role.b"]}}},
      {"address": "aws_iam_role_policy.a", "expressions": {"role": {"references": ["aws_iam_role.a.id", "aws_iam_role.a"]},
                                                           "policy": {"references": ["data.aws_iam_policy_document.a.json", "data.aws_iam_policy_document.a"]}}},
      {"address": "aws_iam_role_policy.b", "expressions": {"role": {"references": ["aws_iam_role.b.id", "aws_iam_role.b"]},
                                                           "policy": {"references": ["aws_dynamodb_table.t.arn", "aws_dynamodb_table.t"]}}}
    ]}}}
    """

    @Test func policyDocumentsAndUnknownPoliciesGiveFlows() throws {
        let graph = try InfrastructureImporter.read(.terraform, InputFile(name: "p.json", bytes: Array(Self.plan.utf8)))
        let result = InfrastructureImporter.run(graph, catalog: builtInCatalog(), name: "p")
        let a = try #require(result.flow("a", "jobs"))
        #expect(a.access == .write)
        #expect(a.source == "data.aws_iam_policy_document.a.statement (sqs:SendMessage)")
        let b = try #require(result.flow("b", "t"))
        #expect(b.access == .send)
        #expect(b.data == "access granted by policy (actions unknown at plan time)")
        #expect(result.control("ctl.infrastructure.least-privilege-iam", on: "aws_lambda_function.a") != nil)
        #expect(result.control("ctl.infrastructure.least-privilege-iam", on: "aws_lambda_function.b") == nil, "its policy is unknown")
    }
}

@Suite struct CloudFormationImportTests {
    static let template = "ecommerce-qna-chatbot.template.json"

    @Test func cdkPathsGiveReadableIDs() throws {
        let (_, result) = try importFixture(Self.template, .cloudformation)
        #expect(result.asset("FulfilmentFunctionE5B6C7D8")?.id == "fulfilment-function")
        #expect(result.asset("ChatApi1E2F3A4B")?.id == "chat-api")
        #expect(result.asset("InventoryToolFunction1A2B3C4D")?.kind == "agent-tool")
        #expect(result.asset("RerankerEndpoint9E0F1A2B")?.kind == "custom-model-endpoint")
        #expect(result.workload.boundaries.map(\.id).contains("vpc-private-subnet1-subnet"))
        #expect(CloudFormationTemplate.readableName("OrderQueue7C8D9E0F", cdkPath: nil) == "OrderQueue")
    }

    static let flows: [(from: String, to: String, access: FlowAccess, evidence: String)] = [
        ("chat-api", "fulfilment-function", .send, "ChatApiFulfilmentIntegration9C0D1E2F"),
        ("fulfilment-function", "chat-history-table", .readWrite, "FulfilmentFunctionServiceRoleDefaultPolicy"),
        ("fulfilment-function", "anthropic.claude-3-5-sonnet-20240620-v1", .send, "bedrock:InvokeModel"),
        ("order-agent", "inventory-tool-function", .send, "OrderAgent6A7B8C9D.ActionGroups.ActionGroupExecutor.Lambda"),
        ("order-agent", "product-kb", .read, "OrderAgent6A7B8C9D.KnowledgeBases.KnowledgeBaseId"),
        ("product-kb", "product-docs", .read, "ProductKbDocsSource7C8D9E0F"),
        ("product-kb", "amazon.titan-embed-text-v2", .send, "EmbeddingModelArn"),
        ("supplier-uploads", "upload-events-queue", .send, "SupplierUploads5F6A7B8C.NotificationConfiguration"),
        ("inventory-tool-function", "upload-events-queue", .read, "InventoryToolFunctionSqsEventSource5E6F7A8B"),
        ("reranker-endpoint", "reranker-model", .read, "EndpointConfigName>ProductionVariants.ModelName"),
        ("distribution-cfdistribution", "chat-api", .send, "DistributionConfig.Origins"),
    ]

    @Test(arguments: flows.indices)
    func intrinsicsResolveToFlows(_ i: Int) throws {
        let (_, result) = try importFixture(Self.template, .cloudformation)
        let want = Self.flows[i]
        let flow = try #require(result.flow(want.from, want.to), "no flow \(want.from) -> \(want.to)")
        #expect(flow.access == want.access)
        #expect(flow.source?.contains(want.evidence) == true, "\(flow.source ?? "")")
    }

    static let controls: [(resource: String, control: String, present: Bool)] = [
        ("ProductDocs0A1B2C3D", "ctl.data.encryption-at-rest", true),
        ("ProductDocs0A1B2C3D", "ctl.data.dataset-integrity", true),
        ("SiteBucket397A1860", "ctl.data.fine-grained-access", true),
        ("SupplierUploads5F6A7B8C", "ctl.data.encryption-at-rest", false),
        ("UploadEventsQueue1C2D3E4F", "ctl.data.encryption-at-rest", false),
        ("OrderNotificationsTopic3B4C5D6E", "ctl.data.encryption-at-rest", true),
        ("ChatHistoryTable9E8D7C6B", "ctl.data.backup-recovery", true),
        ("ChatHistoryTable9E8D7C6B", "ctl.infrastructure.private-endpoints", true),
        ("ChatApi1E2F3A4B", "ctl.application.authentication", true),
        ("ChatApi1E2F3A4B", "ctl.application.rate-limiting", true),
        ("DistributionCFDistribution882A7313", "ctl.application.waf-ai-rules", true),
        ("DistributionCFDistribution882A7313", "ctl.application.rate-limiting", true),
        ("BuyersPool4C5D2E19", "ctl.application.authentication", false),
        ("ProductVectors2B3C4D5E", "ctl.data.encryption-at-rest", false),
        ("OrderAgent6A7B8C9D", "ctl.model.guardrails", false),
        ("FulfilmentFunctionE5B6C7D8", "ctl.application.pii-filter", true),
        ("OrdersDbSecret4A5B6C7D", "ctl.infrastructure.secrets-management", true),
        ("RerankerRepo8F9A0B1C", "ctl.infrastructure.container-image-scanning", true),
        ("ApiAccessLogs7B8C9D0E", "ctl.data.retention-deletion", true),
        ("FulfilmentLogGroup2D3E4F5A", "ctl.data.retention-deletion", false),
        ("FulfilmentFunctionE5B6C7D8", "ctl.infrastructure.least-privilege-iam", false),
        ("OrderAgent6A7B8C9D", "ctl.infrastructure.least-privilege-iam", true),
    ]

    @Test(arguments: controls.indices)
    func controlsNeedEvidence(_ i: Int) throws {
        let (_, result) = try importFixture(Self.template, .cloudformation)
        let want = Self.controls[i]
        #expect(result.asset(want.resource) != nil)
        let ref = result.control(want.control, on: want.resource)
        #expect((ref != nil) == want.present, "\(want.control) on \(want.resource)")
        if let ref { #expect(ref.source?.isEmpty == false && ref.note?.isEmpty == false) }
    }

    @Test func accountServicesLandOnTheAccount() throws {
        let (_, result) = try importFixture(Self.template, .cloudformation)
        let account = try #require(result.workload.boundaries.first)
        #expect(account.controls.map(\.id).sorted() == ["ctl.infrastructure.identity-audit-logging", "ctl.infrastructure.threat-detection"])
        #expect(account.controls.first { $0.id == "ctl.infrastructure.threat-detection" }?.source == "Detector5C8A6D4E.Enable")
        #expect(ModelValidator.validate(result.workload, catalog: builtInCatalog(), frameworks: nil, limits: ModelLimits()).isEmpty)
    }

    @Test func intrinsicReferencesAreNamedByPath() {
        let props = JSONValue(.object([
            JSONMember(key: "A", line: 1, column: 1, value: JSONValue(.object([JSONMember(key: "Ref", line: 1, column: 1, value: JSONValue(.string("Table"), line: 1, column: 1))]),
                                                                     line: 1, column: 1)),
            JSONMember(key: "B", line: 1, column: 1, value: JSONValue(.object([JSONMember(key: "Fn::Sub", line: 1, column: 1,
                                                                                          value: JSONValue(.string("arn:${AWS::Partition}:s3:::${Bucket}/*${!Literal}"), line: 1, column: 1))]),
                                                                     line: 1, column: 1)),
        ]), line: 1, column: 1)
        let refs = CloudFormationTemplate.references(props, names: ["Table", "Bucket", "Literal"])
        #expect(refs["A"] == ["Table"])
        #expect(refs["B"] == ["Bucket"])
    }
}

@Suite struct DriftTests {
    static func setup() throws -> (InfrastructureGraph, ImportResult) { try importFixture(TerraformImportTests.plan, .terraform) }

    @Test func aModelThatMatchesHasNoDrift() throws {
        let (graph, result) = try Self.setup()
        #expect(Drift.compare(model: result.workload, imported: result, graph: graph).isEmpty)
    }

    @Test func aClaimTheConfigurationContradictsIsDrift() throws {
        let (graph, result) = try Self.setup()
        var model = result.workload
        let i = try #require(model.assets.firstIndex { $0.resources == ["aws_s3_bucket.exports"] })
        model.assets[i].controls.append(ControlRef(id: "ctl.data.encryption-at-rest", status: .implemented, note: "SSE-KMS", location: SourceLocation(file: "m.json")))
        model.assets[i].controls.append(ControlRef(id: "ctl.data.sensitive-data-discovery", status: .implemented, location: SourceLocation(file: "m.json")))
        let findings = Drift.compare(model: model, imported: result, graph: graph)
        #expect(findings.map(\.id) == ["drift.control-contradicted:exports:ctl.data.encryption-at-rest"], "Macie is not judged from the plan")
        #expect(findings.first?.level == .high)
        #expect(findings.first?.evidence.contains("aws_s3_bucket_server_side_encryption_configuration") == true)
    }

    @Test func missingAndGoneResourcesAreReported() throws {
        let (graph, result) = try Self.setup()
        var model = result.workload
        model.assets.removeAll { $0.resources == ["aws_sqs_queue.order_events"] }
        let i = try #require(model.assets.firstIndex { $0.id == "exports" })
        model.assets[i].resources = ["aws_s3_bucket.legacy_exports"]
        let ids = Drift.compare(model: model, imported: result, graph: graph).map(\.id)
        #expect(ids.contains("drift.asset-missing:aws_sqs_queue.order_events"))
        #expect(ids.contains("drift.asset-missing:aws_s3_bucket.exports"))
        #expect(ids.contains("drift.resource-gone:exports"))
    }

    @Test func aControlInheritedFromASubnetCountsForTheAsset() throws {
        let (graph, result) = try Self.setup()
        var model = result.workload
        let i = try #require(model.assets.firstIndex { $0.id == "fulfilment" })
        model.assets[i].controls.append(ControlRef(id: "ctl.infrastructure.private-subnets", status: .implemented, location: SourceLocation(file: "m.json")))
        #expect(Drift.compare(model: model, imported: result, graph: graph).isEmpty)
    }
}

@Suite struct ImportMergeTests {
    @Test func reimportKeepsWhatTheArchitectAdded() throws {
        let (_, result) = try importFixture(TerraformImportTests.plan, .terraform)
        var edited = result.workload
        edited.name = "Chatbot"
        let i = try #require(edited.assets.firstIndex { $0.id == "chat-history" })
        edited.assets[i].id = "history"
        edited.assets[i].name = "Chat history"
        edited.assets[i].sensitivity = .confidential
        edited.assets[i].controls.removeAll { $0.id == "ctl.data.encryption-at-rest" }
        edited.assets[i].controls.append(ControlRef(id: "ctl.data.retention-deletion", status: .planned, note: "TTL", location: SourceLocation(file: "m")))
        for f in edited.flows.indices where edited.flows[f].to == "chat-history" { edited.flows[f].to = "history" }
        edited.actors.append(Actor(id: "support-rep", name: "Support", trust: .insider, location: SourceLocation(file: "m")))
        edited.flows.append(Flow(id: "", from: "support-rep", to: "chat", data: "look-ups", bidirectional: false, controls: [], location: SourceLocation(file: "m")))
        let (merged, changes) = ImportMerge.merge(existing: edited, imported: result.workload)
        let history = try #require(merged.assets.first { $0.id == "history" })
        #expect(merged.name == "Chatbot")
        #expect(history.name == "Chat history" && history.sensitivity == .confidential)
        #expect(history.controls.contains { $0.id == "ctl.data.retention-deletion" && $0.status == .planned })
        #expect(history.controls.contains { $0.id == "ctl.data.encryption-at-rest" && $0.source != nil })
        #expect(!merged.assets.contains { $0.id == "chat-history" })
        #expect(merged.flows.contains { $0.from == "fulfilment" && $0.to == "history" })
        #expect(merged.flows.contains { $0.from == "support-rep" })
        #expect(merged.actors.contains { $0.id == "support-rep" })
        #expect(changes == ["asset history: control ctl.data.encryption-at-rest now proved by the infrastructure"])
        #expect(ModelValidator.validate(merged, catalog: builtInCatalog(), frameworks: nil, limits: ModelLimits()).filter { $0.severity == .error }.isEmpty)
    }

    @Test func resourcesThatAreGoneAreRemovedAndNewOnesAdded() throws {
        let (_, result) = try importFixture(TerraformImportTests.plan, .terraform)
        var old = result.workload
        old.assets.removeAll { $0.id == "order-events" }
        old.flows.removeAll { $0.to == "order-events" }
        old.assets.append(Asset(id: "legacy", name: "legacy", kind: "object-storage", service: "Amazon S3", boundary: "aws-account", sensitivity: .internal,
                                crownJewel: false, cloud: nil, description: nil, controls: [], location: SourceLocation(file: "m"),
                                resources: ["aws_s3_bucket.legacy"], source: "aws_s3_bucket.legacy"))
        let (merged, changes) = ImportMerge.merge(existing: old, imported: result.workload)
        #expect(changes.contains("added asset order-events (aws_sqs_queue.order_events)"))
        #expect(changes.contains("removed asset legacy: aws_s3_bucket.legacy is no longer in the infrastructure"))
        #expect(changes.contains("added flow order-tool->order-events"))
        #expect(merged.assets.map(\.id).sorted() == result.workload.assets.map(\.id).sorted())
    }
}

@Suite struct HostileInfrastructureTests {
    static func read(_ text: String, _ format: InfrastructureFormat, limits: ImportLimits = ImportLimits()) -> Result<InfrastructureGraph, ImportError> {
        do { return .success(try InfrastructureImporter.read(format, InputFile(name: "x.json", bytes: Array(text.utf8)), limits: limits)) } catch {
            return .failure(error)
        }
    }

    static let errors: [(text: String, format: InfrastructureFormat, code: String, line: Int)] = [
        ("AWSTemplateFormatVersion: '2010-09-09'\nResources: {}\n", .cloudformation, "import.yaml", 1),
        ("[1, 2]", .terraform, "import.wrong-type", 1),
        ("{\n  \"format_version\": \"1.2\",\n  \"planned_values\": []\n}", .terraform, "import.wrong-type", 3),
        ("{\"format_version\": \"1.2\"}", .terraform, "import.not-a-plan", 1),
        ("{\"version\": 4, \"resources\": []}", .terraform, "import.raw-state", 1),
        ("{\"Resources\": [1]}", .cloudformation, "import.wrong-type", 1),
        ("{\"Description\": \"x\"}", .cloudformation, "import.not-a-template", 1),
        ("{\"Resources\": {\"A\": {\"Type\": \"AWS::S3::Bucket\"},}}", .cloudformation, "import.syntax", 1),
        (String(repeating: "[", count: 200) + String(repeating: "]", count: 200), .terraform, "import.syntax", 1),
    ]

    @Test(arguments: errors.indices)
    func badInputIsALocatedError(_ i: Int) {
        let want = Self.errors[i]
        guard case .failure(let error) = Self.read(want.text, want.format) else { Issue.record("read \(want.code)"); return }
        let d = error.diagnostics.first
        #expect(d?.code == want.code, "\(d?.rendered ?? "")")
        #expect(d?.location?.line == want.line)
        #expect(d?.severity == .error)
    }

    @Test func wrongShapesAndUnknownTypesAreSkippedWithWarnings() throws {
        let text = """
        {"planned_values": {"root_module": {"resources": [
          7, {"address": "aws_s3_bucket.a"}, {"address": "x_unknown.thing", "type": "x_unknown", "values": {"arn": 5}},
          {"address": "aws_s3_bucket.b", "type": "aws_s3_bucket", "values": "oops"}
        ], "child_modules": {"not": "an array"}}}}
        """
        guard case .success(let graph) = Self.read(text, .terraform) else { Issue.record("not read"); return }
        #expect(graph.resources.map(\.address) == ["aws_s3_bucket.b", "x_unknown.thing"])
        #expect(graph.diagnostics.map(\.code) == ["import.bad-resource", "import.bad-resource", "import.wrong-type", "import.wrong-type"])
        let result = InfrastructureImporter.run(graph, catalog: builtInCatalog(), name: "x")
        #expect(result.workload.assets.map(\.id) == ["b"])
        #expect(result.summary.skippedByType.map(\.type) == ["x_unknown"])
    }

    @Test func cyclicReferencesEnd() throws {
        var resources: [String] = []
        for i in 0..<50 {
            resources.append("\"P\(i)\": {\"Type\": \"AWS::ApiGateway::Stage\", \"Properties\": {\"RestApiId\": {\"Ref\": \"P\((i + 1) % 50)\"}}}")
        }
        resources.append("\"Q\": {\"Type\": \"AWS::Lambda::Function\", \"Properties\": {\"Role\": {\"Fn::GetAtt\": [\"Q\", \"Arn\"]}, \"Environment\": {\"Ref\": \"P0\"}}}")
        guard case .success(let graph) = Self.read("{\"Resources\": {\(resources.joined(separator: ","))}}", .cloudformation) else {
            Issue.record("not read"); return
        }
        let result = InfrastructureImporter.run(graph, catalog: builtInCatalog(), name: "x")
        #expect(result.workload.assets.map(\.id) == ["q"])
    }

    @Test func limitsAreLocatedErrors() {
        var limits = ImportLimits()
        limits.maxResources = 2
        let text = "{\"Resources\": {\"A\": {\"Type\": \"T\"}, \"B\": {\"Type\": \"T\"}, \"C\": {\"Type\": \"T\"}}}"
        guard case .failure(let error) = Self.read(text, .cloudformation, limits: limits) else { Issue.record("read"); return }
        #expect(error.diagnostics.first?.code == "import.too-many-resources")
        limits = ImportLimits()
        limits.maxFileBytes = 10
        guard case .failure(let big) = Self.read(text, .cloudformation, limits: limits) else { Issue.record("read"); return }
        #expect(big.diagnostics.first?.code == "import.too-large")
    }

    @Test func hostileNamesBecomeValidIDs() {
        #expect(ReadableID.sanitize("Robert\"); DROP TABLE--\n\u{1b}[31m") == "robert-drop-table-31m")
        #expect(ReadableID.sanitize("ÄÖÜ") == "resource")
        #expect(ReadableID.terraformName("module.app.aws_lambda_function.chat[\"eu.west\"]") == "chat-eu.west")
        #expect(ReadableID.withoutIndex("module.a[0].aws_x.y[\"k]\"]") == "module.a.aws_x.y")
        #expect(TerraformPlan.resourceAddress("data.aws_iam_policy_document.p.json") == "data.aws_iam_policy_document.p")
        #expect(TerraformPlan.resourceAddress("var.region") == nil)
    }
}
