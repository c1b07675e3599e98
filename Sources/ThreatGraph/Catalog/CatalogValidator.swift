/// Checks the invariants of a loaded catalog: references resolve, every applicable threat is mitigated,
/// every control mitigates something, every ATLAS mitigation is realised, every asset kind is targeted,
/// no adversary-side technique applies to an asset, parents form no cycle, and parent listings keep the parent rule.
public enum CatalogValidator {
    /// Tactics whose techniques happen on the adversary's side or merely use a product: Reconnaissance,
    /// Resource Development and AI Model Access. A technique with only these tactics applies to no asset.
    public static let nonAssetTactics: Set<String> = ["AML.TA0000", "AML.TA0002", "AML.TA0003"]

    /// Every invariant violation, in a stable order.
    /// - Complexity: O(T·d + C·m·s) for T threats with parent chains of length d, and C controls mitigating m threats
    ///   with s sub-techniques each.
    public static func validate(_ catalog: Catalog) -> [Diagnostic] {
        var check = Checker(catalog: catalog)
        check.layersAndKinds()
        check.controls()
        check.threats()
        check.mitigationsAndCaseStudies()
        for kind in catalog.assetKinds where !check.targeted.contains(kind.id) {
            check.error("kind-untargeted", "asset kind '\(kind.id)' is the target of no threat, so no attack can reach through it", "asset kind", kind.id)
        }
        return check.out
    }

    /// The checks, sharing the catalog, the diagnostics and what earlier checks learnt.
    struct Checker {
        let catalog: Catalog
        var out: [Diagnostic] = []
        var realised = Set<String>()
        var targeted = Set<String>()
        lazy var threatIDs = catalog.threats.map(\.id)

        init(catalog: Catalog) { self.catalog = catalog }

        mutating func error(_ code: String, _ message: String, _ type: String, _ id: String, candidates: [String] = [], word: String = "") {
            var d = Diagnostic(.error, "catalog.\(code)", message, at: catalog.origins["\(type):\(id)"])
            if !word.isEmpty { d = d.suggesting(word, from: candidates) }
            out.append(d)
        }

        mutating func layersAndKinds() {
            if catalog.layers.map(\.id) != CatalogSchema.layerIDs {
                out.append(Diagnostic(.error, "catalog.layers", "the catalog must define exactly the layers \(CatalogSchema.layerIDs.joined(separator: ", ")) in that order; found \(catalog.layers.map(\.id).joined(separator: ", "))"))
            }
            for kind in catalog.assetKinds {
                if catalog.layer(kind.layer) == nil { error("unknown-reference", "asset kind '\(kind.id)' names unknown layer '\(kind.layer)'", "asset kind", kind.id) }
                for alias in kind.aliases where catalog.kindIndex[alias.lowercased()] != nil {
                    error("alias", "asset kind '\(kind.id)' lists '\(alias)', which is the id of a kind, as an alias", "asset kind", kind.id)
                }
            }
        }

        mutating func controls() {
            let kindIDs = catalog.assetKinds.map(\.id)
            for control in catalog.controls {
                let parts = control.id.split(separator: ".", omittingEmptySubsequences: false)
                if parts.count != 3 || parts[0] != "ctl" || parts[1] != control.layer || parts[2].isEmpty {
                    error("control-id", "control id '\(control.id)' must be ctl.\(control.layer).<slug>", "control", control.id)
                }
                if control.mitigates.isEmpty { error("control-mitigates-nothing", "control '\(control.id)' mitigates no threat", "control", control.id) }
                for t in control.mitigates where catalog.threat(t) == nil {
                    error("unknown-reference", "control '\(control.id)' mitigates unknown threat '\(t)'", "control", control.id, candidates: threatIDs, word: t)
                }
                for k in control.deployOn where k != "flow" && k != Control.boundaryPlace && catalog.kind(k) == nil {
                    error("unknown-reference", "control '\(control.id)' is deployable on unknown asset kind '\(k)'", "control", control.id,
                          candidates: kindIDs + ["flow", Control.boundaryPlace], word: k)
                }
                if control.deployOn.isEmpty { error("control-deploys-nowhere", "control '\(control.id)' has an empty deployOn", "control", control.id) }
                for u in control.unfitServices where ServiceWords.of(u).isEmpty {
                    error("unfit-service", "control '\(control.id)' lists an unfit service '\(u)' with no word in it", "control", control.id)
                }
                if !control.unfitServices.isEmpty && (control.basis["unfitServices"] ?? "").isEmpty {
                    error("missing-basis", "control '\(control.id)' has no basis for its unfitServices", "control", control.id)
                }
                for m in control.atlasMitigations {
                    if catalog.mitigationIndex[m] == nil {
                        error("unknown-reference", "control '\(control.id)' realises unknown mitigation '\(m)'", "control", control.id, candidates: catalog.mitigations.map(\.id), word: m)
                    }
                    realised.insert(m)
                }
                parentRule(control)
            }
        }

        /// A control's `excludes` name sub-techniques of parents it lists; a sub-technique it claims through a parent
        /// must be one it can reach: an asset-scoped control deployable on none of the sub-technique's kinds cannot.
        /// Filters (inbound, outbound), flow controls and watchers deployed on `monitoring` reach beyond their own kinds.
        mutating func parentRule(_ control: Control) {
            for x in control.excludes {
                let parent = catalog.threat(x)?.parent
                if parent == nil || !control.mitigates.contains(parent ?? "") || control.mitigates.contains(x) {
                    error("exclude", "control '\(control.id)' excludes '\(x)', which is not a sub-technique of a parent it lists (or is listed itself)", "control", control.id)
                }
            }
            guard control.scope == .asset, !control.deployOn.contains("flow"), !control.deployOn.contains("monitoring") else { return }
            let deployable = Set(control.deployOn)
            for id in control.mitigates {
                guard let ti = catalog.threatIndex[id] else { continue }
                for child in catalog.children[ti] {
                    let sub = catalog.threats[child]
                    guard !control.mitigates.contains(sub.id), !control.excludes.contains(sub.id), !sub.appliesTo.isEmpty,
                          deployable.isDisjoint(with: sub.appliesTo) else { continue }
                    error("parent-overreach", "control '\(control.id)' lists parent '\(id)' and so claims '\(sub.id)', which applies only to \(sub.appliesTo.joined(separator: ", ")), where the control cannot be deployed; list the sub-techniques it mitigates or add '\(sub.id)' to its excludes", "control", control.id)
                }
            }
        }

        mutating func threats() {
            for threat in catalog.threats {
                references(threat)
                parentChain(threat)
                if !threat.tactics.isEmpty, threat.tactics.allSatisfy(nonAssetTactics.contains), !threat.appliesTo.isEmpty {
                    error("non-asset-threat", "threat '\(threat.id)' has only Reconnaissance, Resource Development or AI Model Access tactics, so it targets no asset; its appliesTo must be empty", "threat", threat.id)
                }
                if threat.vector == nil { error("missing-vector", "threat '\(threat.id)' has no vector (input, stored, supply or platform)", "threat", threat.id) }
                var authored = ["vector"]
                if !threat.appliesTo.isEmpty {
                    if !catalog.controls.contains(where: { catalog.mitigates($0, threat.id) }) {
                        error("threat-unmitigated", "threat '\(threat.id)' applies to \(threat.appliesTo.joined(separator: ", ")) but no control mitigates it", "threat", threat.id)
                    }
                    authored += ["appliesTo", "severity", "likelihood"]
                }
                if !threat.requires.isEmpty { authored.append("requires") }
                for key in authored where (threat.basis[key] ?? "").isEmpty {
                    error("missing-basis", "threat '\(threat.id)' has no basis for its authored '\(key)'", "threat", threat.id)
                }
            }
        }

        mutating func references(_ threat: Threat) {
            for t in threat.tactics where catalog.tactic(t) == nil {
                error("unknown-reference", "threat '\(threat.id)' names unknown tactic '\(t)'", "threat", threat.id, candidates: catalog.tactics.map(\.id), word: t)
            }
            for k in threat.appliesTo {
                if catalog.kind(k) == nil {
                    error("unknown-reference", "threat '\(threat.id)' applies to unknown asset kind '\(k)'", "threat", threat.id, candidates: catalog.assetKinds.map(\.id), word: k)
                }
                targeted.insert(k)
            }
            for c in threat.requires where catalog.capability(c) == nil {
                error("unknown-reference", "threat '\(threat.id)' requires unknown capability '\(c)'", "threat", threat.id, candidates: catalog.capabilities.map(\.id), word: c)
            }
            for r in threat.related where catalog.threat(r) == nil {
                error("unknown-reference", "threat '\(threat.id)' is related to unknown threat '\(r)'", "threat", threat.id, candidates: threatIDs, word: r)
            }
            for e in threat.equivalent {
                if catalog.threat(e) == nil || e == threat.id {
                    error("unknown-reference", "threat '\(threat.id)' is equivalent to unknown threat '\(e)'", "threat", threat.id, candidates: threatIDs, word: e)
                } else if threat.basis["equivalent:\(e)"] == nil && catalog.threat(e)?.basis["equivalent:\(threat.id)"] == nil {
                    error("missing-basis", "threat '\(threat.id)' is equivalent to '\(e)' with no basis on either side", "threat", threat.id)
                }
            }
        }

        /// A parent must exist, differ from the threat and lead to a top-level technique without coming back.
        mutating func parentChain(_ threat: Threat) {
            guard let first = threat.parent else { return }
            guard catalog.threat(first) != nil else {
                return error("unknown-reference", "threat '\(threat.id)' has unknown parent '\(first)'", "threat", threat.id, candidates: threatIDs, word: first)
            }
            var seen: Set<String> = [threat.id]
            var next: String? = first
            while let p = next {
                guard seen.insert(p).inserted else {
                    return error("parent-cycle", p == threat.id && first == threat.id ? "threat '\(threat.id)' is its own parent"
                                 : "threat '\(threat.id)' has a parent chain that comes back to '\(p)'", "threat", threat.id)
                }
                next = catalog.threat(p)?.parent
            }
        }

        mutating func mitigationsAndCaseStudies() {
            for m in catalog.mitigations {
                for t in m.addresses where catalog.threat(t) == nil {
                    error("unknown-reference", "mitigation '\(m.id)' addresses unknown technique '\(t)'", "mitigation", m.id, candidates: threatIDs, word: t)
                }
                if !realised.contains(m.id) { error("mitigation-unrealised", "ATLAS mitigation '\(m.id)' (\(m.name)) is realised by no control", "mitigation", m.id) }
            }
            for c in catalog.caseStudies {
                for t in c.techniques where catalog.threat(t) == nil {
                    error("unknown-reference", "case study '\(c.id)' uses unknown technique '\(t)'", "case study", c.id, candidates: threatIDs, word: t)
                }
            }
        }
    }
}
