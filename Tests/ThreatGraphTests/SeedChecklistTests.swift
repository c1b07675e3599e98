import Testing
import ThreatGraph

/// The seed guide's checklist: each item's control, on its layer, with the AWS service the guide names (empty when it names none).
let seedChecklist: [(control: String, service: String)] = [
    // Infrastructure & Network
    ("ctl.infrastructure.private-subnets", "Amazon VPC"), ("ctl.infrastructure.network-segmentation", "Amazon VPC"),
    ("ctl.infrastructure.private-endpoints", "PrivateLink"), ("ctl.infrastructure.hardware-isolation", "Nitro"),
    ("ctl.infrastructure.instance-hardening", ""), ("ctl.infrastructure.managed-ml-platform-security", "SageMaker"),
    ("ctl.infrastructure.container-image-scanning", "Inspector"), ("ctl.infrastructure.least-privilege-iam", "IAM"),
    ("ctl.infrastructure.multi-account-isolation", "Organizations"), ("ctl.infrastructure.identity-audit-logging", "CloudTrail"),
    ("ctl.infrastructure.threat-detection", "GuardDuty"), ("ctl.infrastructure.config-compliance", "Config"),
    // Model
    ("ctl.model.artifact-encryption", "KMS"), ("ctl.model.private-inference-endpoints", ""), ("ctl.model.model-versioning", "Model Registry"),
    ("ctl.model.approval-workflow", "Model Registry"), ("ctl.model.drift-monitoring", "Model Monitor"), ("ctl.model.inference-metrics", "CloudWatch"),
    ("ctl.model.guardrails", "Bedrock Guardrails"), ("ctl.model.prompt-input-validation", ""), ("ctl.model.security-assessment", ""),
    ("ctl.model.weights-access-control", ""),
    // Data
    ("ctl.data.encryption-at-rest", "KMS"), ("ctl.data.tls-in-transit", ""), ("ctl.data.fine-grained-access", ""),
    ("ctl.data.redaction-tokenisation", "Object Lambda"), ("ctl.data.sensitive-data-discovery", "Macie"), ("ctl.data.lineage", "Glue"),
    ("ctl.data.central-permissions", "Lake Formation"), ("ctl.data.differential-privacy", ""), ("ctl.data.synthetic-data", ""),
    ("ctl.data.restrictive-endpoint-policies", ""), ("ctl.data.dedicated-access-points", "Access Points"), ("ctl.data.access-monitoring", "CloudTrail"),
    ("ctl.data.security-assessment", ""), ("ctl.data.data-minimisation", ""), ("ctl.data.retention-deletion", ""),
    ("ctl.data.isolated-training-environment", ""), ("ctl.data.training-data-screening", ""),
    // Application & Inference
    ("ctl.application.waf-ai-rules", "WAF"), ("ctl.application.rate-limiting", "WAF"), ("ctl.application.ddos-protection", "Shield Advanced"),
    ("ctl.application.usage-dashboards", "CloudWatch"), ("ctl.application.request-validation", "API Gateway"), ("ctl.application.input-sanitisation", "Lambda"),
    ("ctl.application.authentication", "Cognito"), ("ctl.application.output-filtering", ""), ("ctl.application.toxicity-detection", "Comprehend"),
    ("ctl.application.jailbreak-detection", ""), ("ctl.application.inference-monitoring", "Model Monitor"), ("ctl.application.prompt-injection-pentest", ""),
    ("ctl.application.sast-dast", ""), ("ctl.application.code-review", "CodeGuru"), ("ctl.application.parameterised-queries", ""),
    ("ctl.application.input-length-limits", ""), ("ctl.application.pii-filter", ""), ("ctl.application.denied-topics", "Guardrails"),
    ("ctl.application.prompt-attack-filter", "Guardrails"), ("ctl.application.grounding-checks", "Guardrails"), ("ctl.application.trust-levels", "Cognito"),
    ("ctl.application.agent-permission-boundaries", ""),
    // Runtime
    ("ctl.runtime.threat-detection", "GuardDuty"), ("ctl.runtime.api-anomaly-detection", "CloudTrail"), ("ctl.runtime.vulnerability-scanning", "Inspector"),
    ("ctl.runtime.zero-trust-service-mesh", "App Mesh"), ("ctl.runtime.inference-anomaly-monitoring", ""), ("ctl.runtime.quotas-throttling", "Service Quotas"),
    ("ctl.runtime.automated-response", "EventBridge"), ("ctl.runtime.prompt-output-analysis", ""), ("ctl.runtime.log-investigation", "Logs Insights"),
    ("ctl.runtime.continuous-compliance", "Config"), ("ctl.runtime.secure-operations", "Systems Manager"), ("ctl.runtime.guardrail-tracing", ""),
    ("ctl.runtime.feedback-loop", ""), ("ctl.runtime.dependency-updates", ""), ("ctl.runtime.security-advisories", ""),
]

@Suite struct SeedChecklistTests {
    let catalog = builtInCatalog()

    @Test(arguments: seedChecklist.map { "\($0.control)|\($0.service)" })
    func everySeedControlIsOnItsLayerWithItsService(_ item: String) throws {
        let parts = item.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        let control = try #require(catalog.control(parts[0]), "missing \(parts[0])")
        #expect(control.layer == parts[0].split(separator: ".")[1].description)
        #expect(!control.mitigates.isEmpty)
        if !parts[1].isEmpty {
            #expect((control.implementations["aws"] ?? []).contains { $0.contains(parts[1]) }, "\(control.id) should name \(parts[1])")
        }
        #expect(!(control.implementations["azure"] ?? []).isEmpty || !(control.implementations["generic"] ?? []).isEmpty)
    }

    @Test func servicesSpanningLayersHaveOneControlPerLayer() {
        for (service, layers) in [("GuardDuty", ["infrastructure", "runtime"]), ("CloudTrail", ["infrastructure", "data", "runtime"]),
                                  ("Config", ["infrastructure", "runtime"]), ("Inspector", ["infrastructure", "runtime"]),
                                  ("Model Monitor", ["model", "application"])] {
            for layer in layers {
                #expect(catalog.controls.contains { $0.layer == layer && ($0.implementations["aws"] ?? []).contains { $0.contains(service) } }, "\(service) on \(layer)")
            }
        }
    }

    @Test func controlCountIsInTheExpectedRange() {
        #expect((90...130).contains(catalog.controls.count))
        for layer in CatalogSchema.layerIDs { #expect(catalog.controls.contains { $0.layer == layer }) }
    }
}
