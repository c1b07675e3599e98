/// Actors are not in infrastructure code: the entry points imply them (an anonymous user for a distribution or an
/// API without an authorizer, an authenticated one behind Cognito or a JWT authorizer), marked as inferred.
extension ImportContext {
    /// Adds the inferred actors and their flows into the entry points.
    mutating func inferActors() {
        let frontends = Set(assets.filter { $0.asset.kind == "web-frontend" }.map(\.asset.id))
        let fronted = Set(flows.keys.filter { frontends.contains($0.from) }.map(\.to))
        var anonymous: [(Int, String, String)] = []
        var authenticated: [(Int, String, String)] = []
        let authenticatedAPIs = assets.indices.filter { assets[$0].asset.kind == "api-gateway" && hasAuthentication($0) }
        for i in assets.indices {
            let a = assets[i].asset, address = a.resources.first ?? a.id
            switch a.kind {
            case "web-frontend":
                anonymous.append((i, "page and API requests", "\(address) (public distribution)"))
                if authenticatedAPIs.contains(where: { fronted.contains(assets[$0].asset.id) }) {
                    authenticated.append((i, "signed-in requests", "\(address) (origin API with an authorizer)"))
                }
            case "api-gateway" where !fronted.contains(a.id):
                if hasAuthentication(i) {
                    authenticated.append((i, "API requests with a token", "\(address) (authorizer)"))
                } else {
                    anonymous.append((i, "API requests", "\(address) (no authorizer)"))
                }
            case "identity-provider" where assets[i].type.contains("ognito"):
                authenticated.append((i, "sign-in", "\(address) (user pool)"))
            default: continue
            }
        }
        addActor("anonymous-user", "Anonymous internet user (inferred)", .anonymous, anonymous)
        addActor("authenticated-user", "Signed-in user (inferred)", .authenticated, authenticated)
    }

    /// Whether an asset carries an implemented authentication control.
    func hasAuthentication(_ i: Int) -> Bool {
        assets[i].asset.controls.contains { $0.id == "ctl.application.authentication" }
    }

    /// Adds an inferred actor with a flow into each entry point, when there is one.
    mutating func addActor(_ base: String, _ name: String, _ trust: Trust, _ entries: [(Int, String, String)]) {
        guard !entries.isEmpty else { return }
        var taken = Set(assets.map(\.asset.id) + boundaries.map(\.id) + actors.map(\.id))
        let id = uniqueID(base, &taken)
        let sources = entries.map(\.2)
        actors.append(Actor(id: id, name: name, trust: trust, description: "Implied by the entry points; confirm who this is.",
                            location: SourceLocation(file: graph.file), inferred: true, source: sources.joined(separator: "; ")))
        for (i, data, source) in entries {
            let key = FlowKey(from: id, to: assets[i].asset.id)
            flows[key] = Flow(id: "", from: id, to: assets[i].asset.id, data: data, protocol: "HTTPS", sensitivity: nil, bidirectional: false,
                              controls: [], location: assets[i].asset.location, access: .send, source: source)
        }
    }

    /// The workload, summary and drift table.
    func result(name: String) -> ImportResult {
        var workload = Workload(name: name, cloud: "aws", actors: actors, boundaries: boundaries, assets: assets.map(\.asset),
                                flows: flows.keys.sorted().compactMap { flows[$0] }, files: [graph.file])
        FlowIDs.assign(&workload.flows)
        var checkable: [String: Set<String>] = [:]
        for a in assets {
            checkable[a.asset.id] = Self.checkableControls(a.type, format: graph.format)
            if let c = (graph.format == .terraform ? ResourceMapping.terraform : ResourceMapping.cloudformation)[a.type], !c.role.isEmpty {
                checkable[a.asset.id]?.insert("ctl.infrastructure.least-privilege-iam")
            }
        }
        return ImportResult(workload: workload, summary: summary(), diagnostics: graph.diagnostics, checkable: checkable)
    }

    /// Counts of resources read, mapped, used and skipped.
    func summary() -> ImportSummary {
        var s = ImportSummary()
        s.read = graph.resources.count
        var mapped: [String: Int] = [:], skipped: [String: Int] = [:]
        for r in graph.resources {
            if assetOf[r.address] != nil { mapped[r.type, default: 0] += 1 } else if !used.contains(r.address) { skipped[r.type, default: 0] += 1 }
        }
        s.mapped = mapped.values.reduce(0, +)
        s.supporting = graph.resources.count - s.mapped - skipped.values.reduce(0, +)
        s.mappedByType = mapped.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        s.skippedByType = skipped.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        return s
    }

    /// The controls some rule could prove on an asset of this resource type: what drift may hold against a model.
    static func checkableControls(_ type: String, format: InfrastructureFormat) -> Set<String> {
        var out = Set<String>()
        for rule in ControlEvidence.rules(format) where rule.ownerTypes.contains(type) { out.insert(rule.control) }
        switch type {
        case "aws_bedrockagent_agent", "AWS::Bedrock::Agent": out.formUnion(guardrailChecks.map(\.control))
        case "aws_cloudfront_distribution", "AWS::CloudFront::Distribution", "aws_api_gateway_rest_api", "AWS::ApiGateway::RestApi":
            out.insert("ctl.application.waf-ai-rules")
        case "aws_opensearchserverless_collection", "AWS::OpenSearchServerless::Collection": out.insert("ctl.data.encryption-at-rest")
        default: break
        }
        return out
    }
}
