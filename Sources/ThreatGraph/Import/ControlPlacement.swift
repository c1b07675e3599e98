/// Placing the controls that configuration proves, each with a note naming the evidence.
extension ImportContext {
    /// Controls from the attribute rules, on the asset each resource belongs to, and account-wide services' controls
    /// on the account boundary.
    mutating func placeControls() {
        var byType: [String: [ControlRule]] = [:]
        for rule in ControlEvidence.rules(graph.format) { for t in rule.types { byType[t, default: []].append(rule) } }
        for r in graph.resources {
            for rule in byType[r.type] ?? [] {
                guard let evidence = rule.evidence(r), let target = owner(r.address) else { continue }
                let key = rule.control == "ctl.data.encryption-at-rest" ? keyRotation(r) : ""
                addControl(rule.control, to: target, note: "\(r.address): \(evidence)\(key)", source: Self.source(r.address, rule.path), at: r.address)
                used.insert(r.address)
            }
        }
        for rule in ControlEvidence.accountRules {
            for r in graph.resources where rule.types.contains(r.type) {
                guard let evidence = rule.evidence(r), let b = boundaries.firstIndex(where: { $0.id == account }),
                      !boundaries[b].controls.contains(where: { $0.id == rule.control }) else { continue }
                boundaries[b].controls.append(ControlRef(id: rule.control, status: .implemented, note: "\(r.address): \(evidence)", location: r.location,
                                                         source: Self.source(r.address, rule.path)))
                used.insert(r.address)
            }
        }
    }

    /// The KMS keys a resource names and whether each rotates, for an encryption control's note.
    mutating func keyRotation(_ r: InfraResource) -> String {
        let keys = r.allReferences.compactMap { graph[$0] }.filter { $0.type == "aws_kms_key" || $0.type == "AWS::KMS::Key" }
        guard !keys.isEmpty else { return "" }
        used.formUnion(keys.map(\.address))
        let shown = keys.map { k -> String in
            let rotates = (k.values["enable_key_rotation"] ?? k.values["EnableKeyRotation"])?.bool == true
            return "\(k.address) (\(rotates ? "rotated yearly" : "no automatic rotation"))"
        }
        return "; key " + shown.joined(separator: ", ")
    }

    /// `address.path`, or the address alone for a rule on the type.
    static func source(_ address: String, _ path: String) -> String {
        path.isEmpty ? address : "\(address).\(path.split(separator: "|").first ?? "")"
    }

    /// Controls that need more than one resource: web ACLs, guardrails, VPC endpoints, collection policies, model
    /// invocation logging, security groups and secret use.
    mutating func placeSpecialControls() {
        placeWebACLs()
        placeGuardrails()
        placeEndpoints()
        placeCollectionEncryption()
        placeInvocationLogging()
        placeSecurityGroups()
        placeSecretUse()
        placeCollectionAccess()
    }

    /// Web ACL types, their rule lists and the attributes that attach them.
    static let aclTypes = ["aws_wafv2_web_acl": "rule", "AWS::WAFv2::WebACL": "Rules"]
    static let aclAttachments = ["aws_wafv2_web_acl_association": ("web_acl_arn", "resource_arn"), "AWS::WAFv2::WebACLAssociation": ("WebACLArn", "ResourceArn"),
                                 "aws_cloudfront_distribution": ("web_acl_id", ""), "AWS::CloudFront::Distribution": ("DistributionConfig.WebACLId", "")]

    /// A web ACL with managed rule groups proves WAF rules, with a rate-based rule rate limiting, on what it protects.
    mutating func placeWebACLs() {
        for r in graph.resources {
            guard let (aclPath, targetPath) = Self.aclAttachments[r.type] else { continue }
            for acl in r.referenced(aclPath) {
                guard let a = graph[acl], let rulesPath = Self.aclTypes[a.type] else { continue }
                let targets = targetPath.isEmpty ? [owner(r.address)].compactMap { $0 } : ends(r.address, targetPath)
                let statements = a.values(at: rulesPath).map { $0.strings(prefix: "").map(\.path) }
                let managed = a.values(at: rulesPath).compactMap { rule -> String? in
                    let names = rule.strings(prefix: "").filter { $0.path.hasSuffix("managed_rule_group_statement.name") || $0.path.hasSuffix("ManagedRuleGroupStatement.Name") }
                    return names.first?.value
                }
                let rateBased = statements.contains { $0.contains { $0.contains("rate_based_statement") || $0.contains("RateBasedStatement") } }
                let sizeLimit = statements.contains { $0.contains { $0.contains("size_constraint_statement") || $0.contains("SizeConstraintStatement") } }
                for t in targets {
                    if !managed.isEmpty {
                        addControl("ctl.application.waf-ai-rules", to: t, note: "\(acl) with managed rule groups \(managed.sorted().joined(separator: ", ")), attached by \(r.address)",
                                   source: "\(acl).\(rulesPath)", at: acl)
                    }
                    if sizeLimit {
                        addControl("ctl.application.input-length-limits", to: t, note: "\(acl) has a size constraint rule, attached by \(r.address)",
                                   source: "\(acl).\(rulesPath)", at: acl)
                    }
                    if rateBased {
                        addControl("ctl.application.rate-limiting", to: t, note: "\(acl) has a rate-based rule, attached by \(r.address)", source: "\(acl).\(rulesPath)", at: acl)
                    }
                    used.insert(acl)
                    used.insert(r.address)
                }
            }
        }
    }

    /// Guardrail policies and the controls each proves.
    static let guardrailTypes: Set<String> = ["aws_bedrock_guardrail", "AWS::Bedrock::Guardrail"]
    static let guardrailChecks: [(control: String, paths: [String])] = [
        ("ctl.model.guardrails", ["content_policy_config.filters_config.type", "ContentPolicyConfig.FiltersConfig.Type"]),
        ("ctl.application.prompt-attack-filter", ["content_policy_config.filters_config", "ContentPolicyConfig.FiltersConfig"]),
        ("ctl.application.pii-filter", ["sensitive_information_policy_config.pii_entities_config", "SensitiveInformationPolicyConfig.PiiEntitiesConfig"]),
        ("ctl.application.denied-topics", ["topic_policy_config.topics_config", "TopicPolicyConfig.TopicsConfig"]),
        ("ctl.application.grounding-checks", ["contextual_grounding_policy_config.filters_config", "ContextualGroundingPolicyConfig.FiltersConfig"]),
    ]

    /// The controls a guardrail's policies prove, with the attribute that proves each.
    static func guardrailControls(_ g: InfraResource) -> [(control: String, path: String)] {
        var out: [(String, String)] = []
        for (control, paths) in guardrailChecks {
            for path in paths {
                let values = g.values(at: path)
                let ok = control == "ctl.application.prompt-attack-filter"
                    ? values.contains { f in (f["type"] ?? f["Type"])?.string == "PROMPT_ATTACK" && ((f["input_strength"] ?? f["InputStrength"])?.string ?? "NONE") != "NONE" }
                    : values.contains(where: ControlRule.isPresent)
                if ok { out.append((control, path)); break }
            }
        }
        return out
    }

    /// A guardrail's controls land on the agents and functions that name it, or on the models those call when
    /// the control cannot sit on them.
    mutating func placeGuardrails() {
        let sendsTo = Dictionary(grouping: flows.keys, by: \.from).mapValues { $0.map(\.to) }
        let indexOf = Dictionary(uniqueKeysWithValues: assets.enumerated().map { ($0.element.asset.id, $0.offset) })
        for g in graph.resources where Self.guardrailTypes.contains(g.type) {
            let controls = Self.guardrailControls(g)
            for user in Set((referrers[g.address] ?? []).compactMap { assetOf[$0] }).sorted() {
                let models = (sendsTo[assets[user].asset.id] ?? []).sorted().compactMap { indexOf[$0] }.filter { assets[$0].asset.kind == "llm-endpoint" }
                for (control, path) in controls {
                    let deploy = catalog.control(control)?.deployOn ?? []
                    let targets = deploy.contains(assets[user].asset.kind) ? [user] : models.filter { deploy.contains(assets[$0].asset.kind) }
                    for t in targets {
                        addControl(control, to: t, note: "guardrail \(g.address) (\(path)) is applied by \(assets[user].asset.resources.first ?? "")",
                                   source: "\(g.address).\(path)", at: g.address)
                    }
                }
                used.insert(g.address)
            }
        }
    }
}
