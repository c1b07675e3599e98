/// A configuration check that proves a catalog control: the resource types it reads, the attribute and the test, and
/// the asset types the control then lands on (the resource's own, or the one a supporting resource belongs to).
public struct ControlRule: Sendable {
    /// How an attribute's value is tested.
    public enum Test: Sendable {
        /// Every `|`-separated attribute is `true`.
        case isTrue
        /// The value is one of these strings.
        case oneOf([String])
        /// The value is present and not empty.
        case present
        /// The number is above zero.
        case positive
        /// The resource exists (the type itself proves it).
        case always
        /// The value is absent or not `false`.
        case notFalse
    }

    /// Resource types read.
    public var types: [String]
    /// Catalog control proved.
    public var control: String
    /// Dotted attribute path; `a|b` means every one of them.
    public var path: String
    /// The test.
    public var test: Test
    /// Asset types the control lands on (empty: the types read).
    public var on: [String]

    init(_ types: [String], _ control: String, _ path: String, _ test: Test, on: [String] = []) {
        self.types = types
        self.control = control
        self.path = path
        self.test = test
        self.on = on
    }

    /// Asset types the control lands on.
    public var ownerTypes: [String] { on.isEmpty ? types : on }

    /// The evidence when the resource passes (the attribute and the value read), else nil.
    func evidence(_ r: InfraResource) -> String? {
        switch test {
        case .always: return "the resource type \(r.type)"
        case .notFalse:
            return r.values(at: path).contains { $0.bool == false } ? nil : "\(path) is not false"
        case .isTrue:
            let parts = path.split(separator: "|").map(String.init)
            let ok = parts.allSatisfy { p in r.values(at: p).contains { $0.bool == true || $0.string == "true" } }
            return ok ? parts.map { "\($0) = true" }.joined(separator: ", ") : nil
        case .oneOf(let allowed):
            guard let hit = r.strings(at: path).first(where: { allowed.contains($0) }) else { return nil }
            return "\(path) = \(hit)"
        case .present:
            guard r.values(at: path).contains(where: Self.isPresent) else { return nil }
            return "\(path) is set"
        case .positive:
            guard let n = r.values(at: path).compactMap(\.number).first(where: { $0 > 0 }) else { return nil }
            return "\(path) = \(Int(exactly: n).map(String.init) ?? String(n))"
        }
    }

    /// Whether a value is set: not null, an empty string, or an empty container.
    static func isPresent(_ v: JSONValue) -> Bool {
        switch v.storage {
        case .null: false
        case .string(let s): !s.isEmpty
        case .array(let a): !a.isEmpty
        case .object(let m): !m.isEmpty
        default: true
        }
    }
}

/// The rules by which configuration proves controls.
public enum ControlEvidence {
    static let cmk = ControlRule.Test.oneOf(["aws:kms", "aws:kms:dsse"])

    /// Terraform AWS provider rules.
    public static let terraform: [ControlRule] = [
        ControlRule(["aws_s3_bucket_server_side_encryption_configuration"], "ctl.data.encryption-at-rest",
                    "rule.apply_server_side_encryption_by_default.sse_algorithm", cmk, on: ["aws_s3_bucket"]),
        ControlRule(["aws_s3_bucket"], "ctl.data.encryption-at-rest", "server_side_encryption_configuration.rule.apply_server_side_encryption_by_default.sse_algorithm", cmk),
        ControlRule(["aws_s3_bucket_public_access_block"], "ctl.data.fine-grained-access",
                    "block_public_acls|block_public_policy|ignore_public_acls|restrict_public_buckets", .isTrue, on: ["aws_s3_bucket"]),
        ControlRule(["aws_s3_bucket_versioning"], "ctl.data.dataset-integrity", "versioning_configuration.status", .oneOf(["Enabled"]), on: ["aws_s3_bucket"]),
        ControlRule(["aws_s3_bucket"], "ctl.data.dataset-integrity", "versioning.enabled", .isTrue),
        ControlRule(["aws_dynamodb_table"], "ctl.data.encryption-at-rest", "server_side_encryption.enabled", .isTrue),
        ControlRule(["aws_dynamodb_table"], "ctl.data.backup-recovery", "point_in_time_recovery.enabled", .isTrue),
        ControlRule(["aws_rds_cluster", "aws_db_instance"], "ctl.data.encryption-at-rest", "storage_encrypted", .isTrue),
        ControlRule(["aws_rds_cluster", "aws_db_instance"], "ctl.data.backup-recovery", "backup_retention_period", .positive),
        ControlRule(["aws_rds_cluster", "aws_db_instance"], "ctl.data.fine-grained-access", "iam_database_authentication_enabled", .isTrue),
        ControlRule(["aws_elasticache_replication_group"], "ctl.data.encryption-at-rest", "at_rest_encryption_enabled", .isTrue),
        ControlRule(["aws_elasticache_serverless_cache"], "ctl.data.encryption-at-rest", "kms_key_id", .present),
        ControlRule(["aws_sqs_queue", "aws_sns_topic"], "ctl.data.encryption-at-rest", "kms_master_key_id", .present),
        ControlRule(["aws_opensearch_domain"], "ctl.data.encryption-at-rest", "encrypt_at_rest.enabled", .isTrue),
        ControlRule(["aws_opensearch_domain"], "ctl.data.fine-grained-access", "advanced_security_options.enabled", .isTrue),
        ControlRule(["aws_sagemaker_notebook_instance"], "ctl.data.encryption-at-rest", "kms_key_id", .present),
        ControlRule(["aws_sagemaker_notebook_instance"], "ctl.infrastructure.egress-filtering", "direct_internet_access", .oneOf(["Disabled"])),
        ControlRule(["aws_sagemaker_notebook_instance"], "ctl.infrastructure.managed-ml-platform-security", "root_access", .oneOf(["Disabled"])),
        ControlRule(["aws_sagemaker_domain"], "ctl.infrastructure.egress-filtering", "app_network_access_type", .oneOf(["VpcOnly"])),
        ControlRule(["aws_sagemaker_domain"], "ctl.data.encryption-at-rest", "kms_key_id", .present),
        ControlRule(["aws_ecr_repository"], "ctl.infrastructure.container-image-scanning", "image_scanning_configuration.scan_on_push", .isTrue),
        ControlRule(["aws_secretsmanager_secret_rotation"], "ctl.infrastructure.secrets-management", "rotation_rules", .present, on: ["aws_secretsmanager_secret"]),
        ControlRule(["aws_cognito_user_pool"], "ctl.application.authentication", "mfa_configuration", .oneOf(["ON"])),
        ControlRule(["aws_cloudwatch_log_group"], "ctl.data.retention-deletion", "retention_in_days", .positive),
        ControlRule(["aws_cloudfront_distribution"], "ctl.data.tls-in-transit", "default_cache_behavior.viewer_protocol_policy",
                    .oneOf(["redirect-to-https", "https-only"])),
        ControlRule(["aws_cloudfront_distribution"], "ctl.application.rate-limiting", "restrictions.geo_restriction.restriction_type",
                    .oneOf(["whitelist", "blacklist"])),
        ControlRule(["aws_api_gateway_rest_api", "aws_apigatewayv2_api"], "ctl.data.tls-in-transit", "", .always),
        ControlRule(["aws_api_gateway_authorizer"], "ctl.application.authentication", "type", .oneOf(["COGNITO_USER_POOLS", "TOKEN", "REQUEST"]),
                    on: ["aws_api_gateway_rest_api"]),
        ControlRule(["aws_apigatewayv2_authorizer"], "ctl.application.authentication", "authorizer_type", .oneOf(["JWT", "REQUEST"]), on: ["aws_apigatewayv2_api"]),
        ControlRule(["aws_api_gateway_method_settings"], "ctl.application.rate-limiting", "settings.throttling_rate_limit", .positive, on: ["aws_api_gateway_rest_api"]),
        ControlRule(["aws_api_gateway_usage_plan"], "ctl.application.rate-limiting", "throttle_settings.rate_limit", .positive, on: ["aws_api_gateway_rest_api"]),
        ControlRule(["aws_apigatewayv2_stage"], "ctl.application.rate-limiting", "default_route_settings.throttling_rate_limit", .positive, on: ["aws_apigatewayv2_api"]),
        ControlRule(["aws_api_gateway_request_validator"], "ctl.application.request-validation", "validate_request_body", .isTrue, on: ["aws_api_gateway_rest_api"]),
        ControlRule(["aws_shield_protection"], "ctl.application.ddos-protection", "", .always,
                    on: ["aws_cloudfront_distribution", "aws_api_gateway_rest_api"]),
    ]

    /// CloudFormation rules.
    public static let cloudformation: [ControlRule] = [
        ControlRule(["AWS::S3::Bucket"], "ctl.data.encryption-at-rest", "BucketEncryption.ServerSideEncryptionConfiguration.ServerSideEncryptionByDefault.SSEAlgorithm", cmk),
        ControlRule(["AWS::S3::Bucket"], "ctl.data.fine-grained-access", ["BlockPublicAcls", "BlockPublicPolicy", "IgnorePublicAcls", "RestrictPublicBuckets"]
            .map { "PublicAccessBlockConfiguration." + $0 }.joined(separator: "|"), .isTrue),
        ControlRule(["AWS::S3::Bucket"], "ctl.data.dataset-integrity", "VersioningConfiguration.Status", .oneOf(["Enabled"])),
        ControlRule(["AWS::DynamoDB::Table"], "ctl.data.encryption-at-rest", "SSESpecification.SSEEnabled", .isTrue),
        ControlRule(["AWS::DynamoDB::Table"], "ctl.data.backup-recovery", "PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled", .isTrue),
        ControlRule(["AWS::RDS::DBCluster", "AWS::RDS::DBInstance"], "ctl.data.encryption-at-rest", "StorageEncrypted", .isTrue),
        ControlRule(["AWS::RDS::DBCluster", "AWS::RDS::DBInstance"], "ctl.data.backup-recovery", "BackupRetentionPeriod", .positive),
        ControlRule(["AWS::RDS::DBCluster", "AWS::RDS::DBInstance"], "ctl.data.fine-grained-access", "EnableIAMDatabaseAuthentication", .isTrue),
        ControlRule(["AWS::ElastiCache::ReplicationGroup"], "ctl.data.encryption-at-rest", "AtRestEncryptionEnabled", .isTrue),
        ControlRule(["AWS::ElastiCache::ServerlessCache"], "ctl.data.encryption-at-rest", "KmsKeyId", .present),
        ControlRule(["AWS::SQS::Queue", "AWS::SNS::Topic"], "ctl.data.encryption-at-rest", "KmsMasterKeyId", .present),
        ControlRule(["AWS::OpenSearchService::Domain"], "ctl.data.encryption-at-rest", "EncryptionAtRestOptions.Enabled", .isTrue),
        ControlRule(["AWS::OpenSearchService::Domain"], "ctl.data.fine-grained-access", "AdvancedSecurityOptions.Enabled", .isTrue),
        ControlRule(["AWS::SageMaker::NotebookInstance"], "ctl.data.encryption-at-rest", "KmsKeyId", .present),
        ControlRule(["AWS::SageMaker::NotebookInstance"], "ctl.infrastructure.egress-filtering", "DirectInternetAccess", .oneOf(["Disabled"])),
        ControlRule(["AWS::SageMaker::NotebookInstance"], "ctl.infrastructure.managed-ml-platform-security", "RootAccess", .oneOf(["Disabled"])),
        ControlRule(["AWS::SageMaker::Domain"], "ctl.infrastructure.egress-filtering", "AppNetworkAccessType", .oneOf(["VpcOnly"])),
        ControlRule(["AWS::SageMaker::Domain"], "ctl.data.encryption-at-rest", "KmsKeyId", .present),
        ControlRule(["AWS::ECR::Repository"], "ctl.infrastructure.container-image-scanning", "ImageScanningConfiguration.ScanOnPush", .isTrue),
        ControlRule(["AWS::SecretsManager::RotationSchedule"], "ctl.infrastructure.secrets-management", "RotationRules", .present,
                    on: ["AWS::SecretsManager::Secret"]),
        ControlRule(["AWS::Cognito::UserPool"], "ctl.application.authentication", "MfaConfiguration", .oneOf(["ON"])),
        ControlRule(["AWS::Logs::LogGroup"], "ctl.data.retention-deletion", "RetentionInDays", .positive),
        ControlRule(["AWS::CloudFront::Distribution"], "ctl.data.tls-in-transit", "DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy",
                    .oneOf(["redirect-to-https", "https-only"])),
        ControlRule(["AWS::CloudFront::Distribution"], "ctl.application.rate-limiting", "DistributionConfig.Restrictions.GeoRestriction.RestrictionType",
                    .oneOf(["whitelist", "blacklist"])),
        ControlRule(["AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api"], "ctl.data.tls-in-transit", "", .always),
        ControlRule(["AWS::ApiGateway::Authorizer"], "ctl.application.authentication", "Type", .oneOf(["COGNITO_USER_POOLS", "TOKEN", "REQUEST"]),
                    on: ["AWS::ApiGateway::RestApi"]),
        ControlRule(["AWS::ApiGatewayV2::Authorizer"], "ctl.application.authentication", "AuthorizerType", .oneOf(["JWT", "REQUEST"]),
                    on: ["AWS::ApiGatewayV2::Api"]),
        ControlRule(["AWS::ApiGateway::Stage"], "ctl.application.rate-limiting", "MethodSettings.ThrottlingRateLimit", .positive, on: ["AWS::ApiGateway::RestApi"]),
        ControlRule(["AWS::ApiGateway::UsagePlan"], "ctl.application.rate-limiting", "Throttle.RateLimit", .positive, on: ["AWS::ApiGateway::RestApi"]),
        ControlRule(["AWS::ApiGatewayV2::Stage"], "ctl.application.rate-limiting", "DefaultRouteSettings.ThrottlingRateLimit", .positive,
                    on: ["AWS::ApiGatewayV2::Api"]),
        ControlRule(["AWS::ApiGateway::RequestValidator"], "ctl.application.request-validation", "ValidateRequestBody", .isTrue, on: ["AWS::ApiGateway::RestApi"]),
        ControlRule(["AWS::Shield::Protection"], "ctl.application.ddos-protection", "", .always,
                    on: ["AWS::CloudFront::Distribution", "AWS::ApiGateway::RestApi"]),
    ]

    /// Account-wide services whose configuration proves a control on the account boundary.
    public static let accountRules: [ControlRule] = [
        ControlRule(["aws_cloudtrail"], "ctl.infrastructure.identity-audit-logging", "enable_logging", .notFalse),
        ControlRule(["aws_guardduty_detector"], "ctl.infrastructure.threat-detection", "enable", .notFalse),
        ControlRule(["aws_config_configuration_recorder"], "ctl.infrastructure.config-compliance", "", .always),
        ControlRule(["AWS::CloudTrail::Trail"], "ctl.infrastructure.identity-audit-logging", "IsLogging", .isTrue),
        ControlRule(["AWS::GuardDuty::Detector"], "ctl.infrastructure.threat-detection", "Enable", .isTrue),
        ControlRule(["AWS::Config::ConfigurationRecorder"], "ctl.infrastructure.config-compliance", "", .always),
    ]

    /// The rules of a format.
    public static func rules(_ format: InfrastructureFormat) -> [ControlRule] { format == .terraform ? terraform : cloudformation }
}
