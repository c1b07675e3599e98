/// What a resource type becomes in the model: an asset kind and service, the attribute that names it, and the path
/// to the IAM role it runs as.
public struct AssetClass: Sendable {
    /// Catalog asset kind.
    public var kind: String
    /// The product, as the model's `service` says it.
    public var service: String
    /// Attributes that name the resource, first present wins.
    public var nameAttributes: [String]
    /// Attribute paths to the role it runs as; `a>b` follows the resource `a` references and reads its `b`.
    public var role: [String]

    init(_ kind: String, _ service: String, name: [String], role: [String] = []) {
        self.kind = kind
        self.service = service
        nameAttributes = name
        self.role = role
    }
}

/// The tables that map provider resource types to assets, and supporting resources to the asset they belong to.
public enum ResourceMapping {
    /// Terraform AWS provider types that are workload components.
    public static let terraform: [String: AssetClass] = [
        "aws_api_gateway_rest_api": AssetClass("api-gateway", "Amazon API Gateway (REST API)", name: ["name"]),
        "aws_apigatewayv2_api": AssetClass("api-gateway", "Amazon API Gateway (HTTP API)", name: ["name"]),
        "aws_cloudfront_distribution": AssetClass("web-frontend", "Amazon CloudFront", name: ["comment"]),
        "aws_lambda_function": AssetClass("compute-function", "AWS Lambda", name: ["function_name"], role: ["role"]),
        "aws_ecs_service": AssetClass("container-service", "Amazon ECS", name: ["name"], role: ["task_definition>task_role_arn"]),
        "aws_eks_cluster": AssetClass("container-service", "Amazon EKS", name: ["name"]),
        "aws_bedrockagent_agent": AssetClass("agent", "Amazon Bedrock Agents", name: ["agent_name"], role: ["agent_resource_role_arn"]),
        "aws_bedrockagent_knowledge_base": AssetClass("knowledge-base", "Amazon Bedrock Knowledge Bases", name: ["name"], role: ["role_arn"]),
        "aws_sagemaker_endpoint": AssetClass("custom-model-endpoint", "Amazon SageMaker AI real-time endpoint", name: ["name"]),
        "aws_sagemaker_model": AssetClass("model-artifact", "Amazon SageMaker AI model", name: ["name"], role: ["execution_role_arn"]),
        "aws_sagemaker_notebook_instance": AssetClass("notebook", "Amazon SageMaker AI notebook instance", name: ["name"], role: ["role_arn"]),
        "aws_sagemaker_domain": AssetClass("notebook", "Amazon SageMaker Studio", name: ["domain_name"], role: ["default_user_settings.execution_role"]),
        "aws_sagemaker_pipeline": AssetClass("ci-pipeline", "Amazon SageMaker Pipelines (training pipeline)", name: ["pipeline_name"], role: ["role_arn"]),
        "aws_opensearchserverless_collection": AssetClass("vector-store", "Amazon OpenSearch Serverless", name: ["name"]),
        "aws_opensearch_domain": AssetClass("vector-store", "Amazon OpenSearch Service", name: ["domain_name"]),
        "aws_s3_bucket": AssetClass("object-storage", "Amazon S3", name: ["bucket"]),
        "aws_dynamodb_table": AssetClass("nosql-database", "Amazon DynamoDB", name: ["name"]),
        "aws_rds_cluster": AssetClass("relational-database", "Amazon Aurora", name: ["cluster_identifier"]),
        "aws_db_instance": AssetClass("relational-database", "Amazon RDS", name: ["identifier"]),
        "aws_elasticache_replication_group": AssetClass("memory-store", "Amazon ElastiCache", name: ["replication_group_id"]),
        "aws_elasticache_cluster": AssetClass("memory-store", "Amazon ElastiCache", name: ["cluster_id"]),
        "aws_elasticache_serverless_cache": AssetClass("memory-store", "Amazon ElastiCache Serverless", name: ["name"]),
        "aws_sqs_queue": AssetClass("message-queue", "Amazon SQS", name: ["name"]),
        "aws_sns_topic": AssetClass("message-queue", "Amazon SNS", name: ["name"]),
        "aws_secretsmanager_secret": AssetClass("secrets-store", "AWS Secrets Manager", name: ["name"]),
        "aws_cognito_user_pool": AssetClass("identity-provider", "Amazon Cognito", name: ["name"]),
        "aws_cloudwatch_log_group": AssetClass("monitoring", "Amazon CloudWatch Logs", name: ["name"]),
        "aws_ecr_repository": AssetClass("container-registry", "Amazon ECR", name: ["name"]),
        "aws_codepipeline": AssetClass("ci-pipeline", "AWS CodePipeline", name: ["name"], role: ["role_arn"]),
        "aws_codebuild_project": AssetClass("ci-pipeline", "AWS CodeBuild", name: ["name"], role: ["service_role"]),
    ]

    /// CloudFormation types that are workload components.
    public static let cloudformation: [String: AssetClass] = [
        "AWS::ApiGateway::RestApi": AssetClass("api-gateway", "Amazon API Gateway (REST API)", name: ["Name"]),
        "AWS::ApiGatewayV2::Api": AssetClass("api-gateway", "Amazon API Gateway (HTTP API)", name: ["Name"]),
        "AWS::CloudFront::Distribution": AssetClass("web-frontend", "Amazon CloudFront", name: ["DistributionConfig.Comment"]),
        "AWS::Lambda::Function": AssetClass("compute-function", "AWS Lambda", name: ["FunctionName"], role: ["Role"]),
        "AWS::ECS::Service": AssetClass("container-service", "Amazon ECS", name: ["ServiceName"], role: ["TaskDefinition>TaskRoleArn"]),
        "AWS::EKS::Cluster": AssetClass("container-service", "Amazon EKS", name: ["Name"]),
        "AWS::Bedrock::Agent": AssetClass("agent", "Amazon Bedrock Agents", name: ["AgentName"], role: ["AgentResourceRoleArn"]),
        "AWS::Bedrock::KnowledgeBase": AssetClass("knowledge-base", "Amazon Bedrock Knowledge Bases", name: ["Name"], role: ["RoleArn"]),
        "AWS::SageMaker::Endpoint": AssetClass("custom-model-endpoint", "Amazon SageMaker AI real-time endpoint", name: ["EndpointName"]),
        "AWS::SageMaker::Model": AssetClass("model-artifact", "Amazon SageMaker AI model", name: ["ModelName"], role: ["ExecutionRoleArn"]),
        "AWS::SageMaker::NotebookInstance": AssetClass("notebook", "Amazon SageMaker AI notebook instance", name: ["NotebookInstanceName"], role: ["RoleArn"]),
        "AWS::SageMaker::Domain": AssetClass("notebook", "Amazon SageMaker Studio", name: ["DomainName"], role: ["DefaultUserSettings.ExecutionRole"]),
        "AWS::SageMaker::Pipeline": AssetClass("ci-pipeline", "Amazon SageMaker Pipelines (training pipeline)", name: ["PipelineName"], role: ["RoleArn"]),
        "AWS::OpenSearchServerless::Collection": AssetClass("vector-store", "Amazon OpenSearch Serverless", name: ["Name"]),
        "AWS::OpenSearchService::Domain": AssetClass("vector-store", "Amazon OpenSearch Service", name: ["DomainName"]),
        "AWS::S3::Bucket": AssetClass("object-storage", "Amazon S3", name: ["BucketName"]),
        "AWS::DynamoDB::Table": AssetClass("nosql-database", "Amazon DynamoDB", name: ["TableName"]),
        "AWS::RDS::DBCluster": AssetClass("relational-database", "Amazon Aurora", name: ["DBClusterIdentifier"]),
        "AWS::RDS::DBInstance": AssetClass("relational-database", "Amazon RDS", name: ["DBInstanceIdentifier"]),
        "AWS::ElastiCache::ReplicationGroup": AssetClass("memory-store", "Amazon ElastiCache", name: ["ReplicationGroupId"]),
        "AWS::ElastiCache::CacheCluster": AssetClass("memory-store", "Amazon ElastiCache", name: ["ClusterName"]),
        "AWS::ElastiCache::ServerlessCache": AssetClass("memory-store", "Amazon ElastiCache Serverless", name: ["ServerlessCacheName"]),
        "AWS::SQS::Queue": AssetClass("message-queue", "Amazon SQS", name: ["QueueName"]),
        "AWS::SNS::Topic": AssetClass("message-queue", "Amazon SNS", name: ["TopicName"]),
        "AWS::SecretsManager::Secret": AssetClass("secrets-store", "AWS Secrets Manager", name: ["Name"]),
        "AWS::Cognito::UserPool": AssetClass("identity-provider", "Amazon Cognito", name: ["UserPoolName"]),
        "AWS::Logs::LogGroup": AssetClass("monitoring", "Amazon CloudWatch Logs", name: ["LogGroupName"]),
        "AWS::ECR::Repository": AssetClass("container-registry", "Amazon ECR", name: ["RepositoryName"]),
        "AWS::CodePipeline::Pipeline": AssetClass("ci-pipeline", "AWS CodePipeline", name: ["Name"], role: ["RoleArn"]),
        "AWS::CodeBuild::Project": AssetClass("ci-pipeline", "AWS CodeBuild", name: ["Name"], role: ["ServiceRole"]),
    ]

    /// Supporting resources and the attribute that names the resource they belong to, by type prefix (longest wins).
    public static let parents: [String: String] = [
        "aws_api_gateway_": "rest_api_id", "aws_apigatewayv2_": "api_id", "aws_s3_bucket_": "bucket", "aws_lambda_alias": "function_name",
        "aws_lambda_function_url": "function_name", "aws_lambda_permission": "function_name", "aws_rds_cluster_instance": "cluster_identifier",
        "aws_secretsmanager_secret_": "secret_id", "aws_sqs_queue_policy": "queue_url", "aws_sns_topic_policy": "arn",
        "aws_cognito_user_pool_": "user_pool_id", "aws_ecr_": "repository", "aws_wafv2_web_acl_association": "resource_arn",
        "aws_shield_protection": "resource_arn", "aws_ecs_task_definition": "", "aws_sagemaker_endpoint_configuration": "",
        "AWS::ApiGateway::": "RestApiId", "AWS::ApiGatewayV2::": "ApiId", "AWS::S3::BucketPolicy": "Bucket", "AWS::Lambda::Permission": "FunctionName",
        "AWS::Lambda::Url": "TargetFunctionArn", "AWS::Lambda::Alias": "FunctionName", "AWS::Lambda::Version": "FunctionName",
        "AWS::RDS::DBInstance": "DBClusterIdentifier", "AWS::SecretsManager::RotationSchedule": "SecretId",
        "AWS::SecretsManager::SecretTargetAttachment": "SecretId", "AWS::SQS::QueuePolicy": "Queues", "AWS::SNS::TopicPolicy": "Topics",
        "AWS::Cognito::UserPoolClient": "UserPoolId", "AWS::Cognito::UserPoolDomain": "UserPoolId", "AWS::WAFv2::WebACLAssociation": "ResourceArn",
        "AWS::Shield::Protection": "ResourceArn", "AWS::ECS::TaskDefinition": "", "AWS::SageMaker::EndpointConfig": "",
    ]

    /// The asset class of a resource, or nil when it is no component (an Aurora instance belongs to its cluster;
    /// a data source is read, not deployed).
    public static func assetClass(of r: InfraResource, format: InfrastructureFormat) -> AssetClass? {
        guard !r.isData else { return nil }
        if r.type == "AWS::RDS::DBInstance", r.values["DBClusterIdentifier"] != nil { return nil }
        return (format == .terraform ? terraform : cloudformation)[r.type]
    }

    /// The attribute naming the resource a supporting resource belongs to: "" for "the asset that references it".
    public static func parentAttribute(of type: String) -> String? {
        var best: (String, String)?
        for (prefix, attribute) in parents where type.hasPrefix(prefix) && prefix.count > (best?.0.count ?? -1) { best = (prefix, attribute) }
        return best?.1
    }

    /// The display name of a resource: its naming attribute when that is a plain string, else its readable name.
    static func displayName(_ r: InfraResource, _ c: AssetClass) -> String {
        for a in c.nameAttributes {
            if let s = r.values(at: a).first?.string, !s.isEmpty, s.utf8.count <= 200 { return s }
        }
        return r.readableName
    }
}
