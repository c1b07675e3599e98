/// One difference between a model and the infrastructure it claims to describe.
public struct DriftFinding: Sendable, Hashable {
    /// The kinds of drift, each with its own rule id.
    public enum Rule: String, Sendable, CaseIterable {
        /// The model says a control is implemented; the resource's configuration does not prove it.
        case controlContradicted = "drift.control-contradicted"
        /// A component of the infrastructure is not linked from any asset of the model.
        case assetMissing = "drift.asset-missing"
        /// An asset links to a resource the infrastructure no longer has.
        case resourceGone = "drift.resource-gone"

        /// The level each kind of drift has, for `--fail-on`.
        public var level: Severity {
            switch self {
            case .controlContradicted: .high
            case .assetMissing, .resourceGone: .medium
            }
        }

        /// One line on what the rule finds.
        public var summary: String {
            switch self {
            case .controlContradicted: "A control the model marks implemented that the infrastructure's configuration does not prove."
            case .assetMissing: "A component of the infrastructure that no asset of the model stands for."
            case .resourceGone: "An asset linked to a resource that the infrastructure no longer has."
            }
        }
    }

    /// Which drift.
    public var rule: Rule
    /// The model's asset (nil for a missing asset).
    public var asset: String?
    /// The infrastructure resource.
    public var resource: String
    /// The control contradicted.
    public var control: String?
    /// What is wrong.
    public var message: String
    /// Where the evidence is: the resource, attribute and checks.
    public var evidence: String
    /// Where to fix it: the model's control or asset, or the resource in the infrastructure file.
    public var location: SourceLocation

    /// The level, for `--fail-on`.
    public var level: Severity { rule.level }
    /// A stable id: `rule:asset-or-resource[:control]`.
    public var id: String { [rule.rawValue, asset ?? resource, control].compactMap { $0 }.joined(separator: ":") }

    public static func == (a: DriftFinding, b: DriftFinding) -> Bool { a.id == b.id && a.resource == b.resource }
    public func hash(into h: inout Hasher) { h.combine(id); h.combine(resource) }
}

/// Compares a model with the import of its infrastructure.
public enum Drift {
    /// Drift findings, sorted by rule, then asset or resource, then control.
    /// - Complexity: O(a · c) for a assets with c controls each, plus sorting.
    public static func compare(model: Workload, imported: ImportResult, graph: InfrastructureGraph) -> [DriftFinding] {
        var out: [DriftFinding] = []
        var importedByResource: [String: Asset] = [:]
        for a in imported.workload.assets { for r in a.resources { importedByResource[r] = a } }
        let boundaryControls = inheritedControls(imported.workload)
        var linked = Set<String>()
        for asset in model.assets where !asset.resources.isEmpty {
            linked.formUnion(asset.resources)
            guard let match = asset.resources.lazy.compactMap({ importedByResource[$0] }).first else {
                for r in asset.resources where graph[r] == nil && importedByResource[r] == nil {
                    out.append(DriftFinding(rule: .resourceGone, asset: asset.id, resource: r, control: nil,
                                            message: "asset '\(asset.id)' stands for \(r), which \(graph.file) does not have",
                                            evidence: "no resource \(r) in \(graph.file)", location: asset.location))
                }
                continue
            }
            out += contradicted(asset, match, imported: imported, inherited: boundaryControls[match.id] ?? [], format: graph.format, type: graph[match.resources.first ?? ""]?.type)
        }
        for a in imported.workload.assets where !a.resources.contains(where: linked.contains) {
            let r = a.resources.first ?? a.id
            out.append(DriftFinding(rule: .assetMissing, asset: nil, resource: r, control: nil,
                                    message: "\(r) (\(a.kind), \(a.service ?? "")) is not in the model",
                                    evidence: "\(a.source ?? r); link it from an asset with \"resources\": [\"\(r)\"]", location: a.location))
        }
        return out.sorted { ($0.rule.rawValue, $0.asset ?? $0.resource, $0.control ?? "") < ($1.rule.rawValue, $1.asset ?? $1.resource, $1.control ?? "") }
    }

    /// The model's implemented controls on `asset` that a rule could prove on the resource but none does.
    static func contradicted(_ asset: Asset, _ match: Asset, imported: ImportResult, inherited: Set<String>, format: InfrastructureFormat,
                             type: String?) -> [DriftFinding] {
        let proved = Set(match.controls.map(\.id)).union(inherited)
        let checkable = imported.checkable[match.id] ?? []
        let resource = match.resources.first ?? match.id
        return asset.controls.filter { $0.status == .implemented && checkable.contains($0.id) && !proved.contains($0.id) }.map { c in
            DriftFinding(rule: .controlContradicted, asset: asset.id, resource: resource, control: c.id,
                         message: "asset '\(asset.id)' claims \(c.id), but \(resource) does not have it",
                         evidence: "\(resource): " + looksFor(c.id, type: type ?? "", format: format), location: c.location)
        }
    }

    /// What the rules for a control look for on a resource type.
    static func looksFor(_ control: String, type: String, format: InfrastructureFormat) -> String {
        let rules = ControlEvidence.rules(format).filter { $0.control == control && $0.ownerTypes.contains(type) }
        guard !rules.isEmpty else { return "no configuration proves \(control) (guardrail, web ACL or policy missing)" }
        return "none of " + rules.map { r in "\(r.types.joined(separator: "/")) \(r.path.isEmpty ? "exists" : r.path)" }.joined(separator: "; ") + " proves it"
    }

    /// For each imported asset, the controls on its boundary and the boundaries around it.
    static func inheritedControls(_ w: Workload) -> [String: Set<String>] {
        let byID = Dictionary(w.boundaries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var out: [String: Set<String>] = [:]
        for a in w.assets {
            var controls = Set<String>()
            var current = a.boundary, steps = 0
            while let id = current, let b = byID[id], steps < 64 {
                controls.formUnion(b.controls.map(\.id))
                current = b.parent
                steps += 1
            }
            out[a.id] = controls
        }
        return out
    }
}
