/// One statement of an IAM policy: its actions and the resources it names, as written.
struct PolicyStatement {
    var actions: [String]
    var resources: [JSONValue]
}

/// A policy attached to a role: where it is written and its statements (empty when its text is unknown at plan time,
/// in which case `references` are the resources its expression names).
struct AttachedPolicy {
    var address: String
    var holder: String
    var statements: [PolicyStatement]
    var references: [String]
}

/// Reading IAM policy documents and the access their actions grant.
enum IAMPolicy {
    /// The access a set of allowed actions grants on a resource: nil when none moves data.
    static func access(_ actions: [String]) -> FlowAccess? {
        var read = false, write = false, send = false
        for action in actions {
            let verb = (action.split(separator: ":", maxSplits: 1).last.map(String.init) ?? action).lowercased()
            if verb == "*" || verb == "apiaccessall" || verb == "connect" { read = true; write = true; continue }
            if readVerbs.contains(where: verb.hasPrefix) { read = true } else if writeVerbs.contains(where: verb.hasPrefix) { write = true } else if sendVerbs.contains(where: verb.hasPrefix) {
                send = true
            }
        }
        if read && write { return .readWrite }
        if read { return .read }
        if write { return .write }
        return send ? .send : nil
    }

    static let readVerbs = ["get", "list", "describe", "query", "scan", "batchget", "retrieve", "receive", "select", "search", "read", "download",
                            "decrypt", "eshttpget", "eshttphead", "pull"]
    static let writeVerbs = ["put", "create", "update", "send", "publish", "batchwrite", "upload", "write", "eshttppost", "eshttpput",
                             "encrypt", "generatedatakey", "push", "initiate", "complete"]
    static let sendVerbs = ["invoke", "start", "execute", "converse"]

    /// The allowing statements of a policy document (an object with `Statement`), or of a JSON string holding one.
    static func statements(_ document: JSONValue) -> [PolicyStatement] {
        if let text = document.string {
            guard let parsed = try? JSONReader.parse(Array(text.utf8), limits: JSONLimits(maxDepth: 32, maxStringBytes: 1 << 20, maxValues: 200_000)) else { return [] }
            return statements(parsed)
        }
        let list = document["Statement"].map { $0.array ?? [$0] } ?? []
        return list.compactMap { s in
            guard s["Effect"]?.string != "Deny" else { return nil }
            return PolicyStatement(actions: words(s["Action"]), resources: s["Resource"].map { $0.array ?? [$0] } ?? [])
        }
    }

    /// Statements of a Terraform `aws_iam_policy_document` data source read at plan time.
    static func documentBlocks(_ values: JSONValue) -> [PolicyStatement] {
        if let json = values["json"], json.string?.isEmpty == false { return statements(json) }
        return (values["statement"]?.array ?? []).compactMap { s in
            guard s["effect"]?.string != "Deny" else { return nil }
            return PolicyStatement(actions: words(s["actions"]), resources: s["resources"]?.array ?? [])
        }
    }

    /// A string, or the strings of an array.
    static func words(_ v: JSONValue?) -> [String] {
        guard let v else { return [] }
        return v.string.map { [$0] } ?? v.array?.compactMap(\.string) ?? []
    }
}

extension ImportContext {
    /// Flows from the policies of the roles that components run as: each allowed action on a resource is a read,
    /// write or call of the asset that resource belongs to.
    mutating func inferPolicyFlows() {
        let policies = attachedPolicies()
        for i in assets.indices {
            guard let address = assets[i].asset.resources.first, let r = graph[address],
                  let c = ResourceMapping.assetClass(of: r, format: graph.format) else { continue }
            var attached: [AttachedPolicy] = []
            for path in c.role {
                if let step = path.split(separator: ">").first, path.contains(">") { used.formUnion(follow(address, String(step))) }
                for role in follow(address, path) {
                    used.insert(role)
                    attached += policies[role] ?? []
                }
            }
            for policy in attached { applyPolicy(policy, from: i) }
            if let evidence = Self.leastPrivilege(attached) {
                addControl("ctl.infrastructure.least-privilege-iam", to: i, note: evidence, source: attached.map(\.holder).joined(separator: ", "),
                           at: attached.first?.address ?? address)
            }
        }
    }

    /// Why a role's policies are least privilege (every statement known, naming its actions and resources without
    /// wildcards, and no managed policy of unknown text), or nil.
    static func leastPrivilege(_ policies: [AttachedPolicy]) -> String? {
        guard !policies.isEmpty, policies.allSatisfy({ !$0.statements.isEmpty }) else { return nil }
        for statement in policies.flatMap(\.statements) {
            if statement.actions.isEmpty || statement.actions.contains(where: { $0 == "*" || $0.hasSuffix(":*") }) { return nil }
            if statement.resources.isEmpty || statement.resources.contains(where: { $0.string == "*" }) { return nil }
        }
        let count = policies.reduce(0) { $0 + $1.statements.count }
        return "\(count) policy statement\(count == 1 ? "" : "s") of the role name their actions and resources, without wildcards"
    }

    /// Flows for one policy of asset `from`'s role.
    mutating func applyPolicy(_ policy: AttachedPolicy, from: Int) {
        let holderAddress = policy.address
        used.insert(holderAddress)
        if policy.statements.isEmpty {
            for target in Set(policy.references.compactMap { owner($0) }).sorted() {
                addFlow(from: from, to: target, access: .send, data: "access granted by policy (actions unknown at plan time)",
                        source: policy.holder, at: holderAddress)
            }
            return
        }
        for statement in policy.statements {
            guard let access = IAMPolicy.access(statement.actions) else { continue }
            var targets = Set<Int>()
            for v in statement.resources {
                for a in resolve(v) { if let t = owner(a) { targets.insert(t) } }
                if let model = Self.modelID(in: Self.flatText(v)), statement.actions.contains(where: { $0.lowercased().hasPrefix("bedrock:") }),
                   let t = modelAsset(model, source: policy.holder, at: holderAddress) { targets.insert(t) }
            }
            let shown = statement.actions.prefix(3).joined(separator: ", ") + (statement.actions.count > 3 ? ", …" : "")
            for t in targets.sorted() {
                addFlow(from: from, to: t, access: access, data: shown, source: "\(policy.holder) (\(shown))", at: holderAddress)
            }
        }
    }

    /// The addresses a policy's resource value names: by ARN or name, or by intrinsic function.
    func resolve(_ v: JSONValue) -> [String] {
        if let s = v.string { return ValueReferences.lookup(s, in: valueIndex) }
        return Array(Set(CloudFormationTemplate.references(v, names: names).values.joined())).sorted()
    }

    /// The policies attached to each role, by role address.
    func attachedPolicies() -> [String: [AttachedPolicy]] {
        var out: [String: [AttachedPolicy]] = [:]
        for r in graph.resources {
            switch r.type {
            case "aws_iam_role":
                if !r.strings(at: "managed_policy_arns").isEmpty { out[r.address, default: []].append(Self.unknownPolicy(r.address, "managed_policy_arns")) }
                for (i, p) in r.values(at: "inline_policy").enumerated() where p["policy"] != nil {
                    out[r.address, default: []].append(AttachedPolicy(address: r.address, holder: "\(r.address).inline_policy[\(i)]", statements: IAMPolicy.statements(p["policy"] ?? p),
                                                                      references: []))
                }
            case "aws_iam_role_policy":
                for role in r.referenced("role") { out[role, default: []].append(terraformPolicy(r, "policy")) }
            case "aws_iam_role_policy_attachment":
                for role in r.referenced("role") {
                    let managed = r.referenced("policy_arn").compactMap { graph[$0] }
                    for m in managed { out[role, default: []].append(terraformPolicy(m, "policy")) }
                    if managed.isEmpty { out[role, default: []].append(Self.unknownPolicy(r.address, "policy_arn")) }
                }
            case "AWS::IAM::Role":
                for (i, p) in r.values(at: "Policies").enumerated() {
                    out[r.address, default: []].append(AttachedPolicy(address: r.address, holder: "\(r.address).Policies[\(i)]", statements: IAMPolicy.statements(p["PolicyDocument"] ?? p),
                                                                      references: []))
                }
                let managed = r.referenced("ManagedPolicyArns")
                if r.values(at: "ManagedPolicyArns").flatMap({ $0.array ?? [$0] }).count > managed.count {
                    out[r.address, default: []].append(Self.unknownPolicy(r.address, "ManagedPolicyArns"))
                }
                for m in managed {
                    if let doc = graph[m]?.values["PolicyDocument"] {
                        out[r.address, default: []].append(AttachedPolicy(address: m, holder: "\(m).PolicyDocument", statements: IAMPolicy.statements(doc), references: []))
                    }
                }
            case "AWS::IAM::Policy", "AWS::IAM::ManagedPolicy":
                guard let doc = r.values["PolicyDocument"] else { continue }
                for role in r.referenced("Roles") {
                    out[role, default: []].append(AttachedPolicy(address: r.address, holder: "\(r.address).PolicyDocument", statements: IAMPolicy.statements(doc), references: []))
                }
            default: continue
            }
        }
        return out
    }

    /// A policy whose text is not in the file (an AWS managed policy): it grants nothing we can see, and makes the
    /// role's privileges unknown.
    static func unknownPolicy(_ address: String, _ attribute: String) -> AttachedPolicy {
        AttachedPolicy(address: address, holder: "\(address).\(attribute)", statements: [], references: [])
    }

    /// A Terraform policy attribute: its JSON text when known, else the policy document data source it names, else
    /// only the resources its expression references.
    func terraformPolicy(_ r: InfraResource, _ attribute: String) -> AttachedPolicy {
        if let text = r.values[attribute], text.string?.isEmpty == false {
            return AttachedPolicy(address: r.address, holder: "\(r.address).\(attribute)", statements: IAMPolicy.statements(text), references: [])
        }
        for d in r.referenced(attribute) where d.hasPrefix("data.aws_iam_policy_document.") || d.contains(".data.aws_iam_policy_document.") {
            guard let doc = graph[d] else { continue }
            let statements = IAMPolicy.documentBlocks(doc.values)
            if !statements.isEmpty { return AttachedPolicy(address: d, holder: "\(d).statement", statements: statements, references: []) }
            return AttachedPolicy(address: d, holder: "\(d).statement", statements: [], references: doc.referenced("statement"))
        }
        return AttachedPolicy(address: r.address, holder: "\(r.address).\(attribute)", statements: [], references: r.referenced(attribute))
    }
}
