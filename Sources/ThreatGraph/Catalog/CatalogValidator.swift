/// Checks the invariants of a loaded catalog: references resolve, every applicable threat is mitigated,
/// every control mitigates something, every ATLAS mitigation is realised, every asset kind is targeted.
public enum CatalogValidator {
    /// Every invariant violation, in a stable order.
    /// - Complexity: O(T + C·m) for T threats and C controls mitigating m threats each.
    public static func validate(_ catalog: Catalog) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func at(_ type: String, _ id: String) -> SourceLocation? { catalog.origins["\(type):\(id)"] }
        func error(_ code: String, _ message: String, _ type: String, _ id: String, candidates: [String] = [], word: String = "") {
            var d = Diagnostic(.error, "catalog.\(code)", message, at: at(type, id))
            if !word.isEmpty { d = d.suggesting(word, from: candidates) }
            out.append(d)
        }
        let kindIDs = catalog.assetKinds.map(\.id)
        let threatIDs = catalog.threats.map(\.id)

        if catalog.layers.map(\.id) != CatalogSchema.layerIDs {
            out.append(Diagnostic(.error, "catalog.layers", "the catalog must define exactly the layers \(CatalogSchema.layerIDs.joined(separator: ", ")) in that order; found \(catalog.layers.map(\.id).joined(separator: ", "))"))
        }
        for kind in catalog.assetKinds where catalog.layer(kind.layer) == nil {
            error("unknown-reference", "asset kind '\(kind.id)' names unknown layer '\(kind.layer)'", "asset kind", kind.id)
        }
        var mitigated = Set<String>()
        var realised = Set<String>()
        for control in catalog.controls {
            let parts = control.id.split(separator: ".", omittingEmptySubsequences: false)
            if parts.count != 3 || parts[0] != "ctl" || parts[1] != control.layer || parts[2].isEmpty {
                error("control-id", "control id '\(control.id)' must be ctl.\(control.layer).<slug>", "control", control.id)
            }
            if control.mitigates.isEmpty { error("control-mitigates-nothing", "control '\(control.id)' mitigates no threat", "control", control.id) }
            for t in control.mitigates {
                if catalog.threat(t) == nil {
                    error("unknown-reference", "control '\(control.id)' mitigates unknown threat '\(t)'", "control", control.id, candidates: threatIDs, word: t)
                }
                mitigated.insert(t)
            }
            for k in control.deployOn where k != "flow" && catalog.kind(k) == nil {
                error("unknown-reference", "control '\(control.id)' is deployable on unknown asset kind '\(k)'", "control", control.id, candidates: kindIDs + ["flow"], word: k)
            }
            if control.deployOn.isEmpty { error("control-deploys-nowhere", "control '\(control.id)' has an empty deployOn", "control", control.id) }
            for m in control.atlasMitigations {
                if catalog.mitigationIndex[m] == nil {
                    error("unknown-reference", "control '\(control.id)' realises unknown mitigation '\(m)'", "control", control.id, candidates: catalog.mitigations.map(\.id), word: m)
                }
                realised.insert(m)
            }
        }
        var targeted = Set<String>()
        for threat in catalog.threats {
            if let p = threat.parent, catalog.threat(p) == nil {
                error("unknown-reference", "threat '\(threat.id)' has unknown parent '\(p)'", "threat", threat.id, candidates: threatIDs, word: p)
            }
            for t in threat.tactics where catalog.tactic(t) == nil {
                error("unknown-reference", "threat '\(threat.id)' names unknown tactic '\(t)'", "threat", threat.id, candidates: catalog.tactics.map(\.id), word: t)
            }
            for k in threat.appliesTo {
                if catalog.kind(k) == nil {
                    error("unknown-reference", "threat '\(threat.id)' applies to unknown asset kind '\(k)'", "threat", threat.id, candidates: kindIDs, word: k)
                }
                targeted.insert(k)
            }
            for r in threat.related where catalog.threat(r) == nil {
                error("unknown-reference", "threat '\(threat.id)' is related to unknown threat '\(r)'", "threat", threat.id, candidates: threatIDs, word: r)
            }
            if !threat.appliesTo.isEmpty {
                let covered = mitigated.contains(threat.id) || threat.parent.map { mitigated.contains($0) } == true
                if !covered { error("threat-unmitigated", "threat '\(threat.id)' applies to \(threat.appliesTo.joined(separator: ", ")) but no control mitigates it", "threat", threat.id) }
                for key in ["appliesTo", "severity", "likelihood"] where (threat.basis[key] ?? "").isEmpty {
                    error("missing-basis", "threat '\(threat.id)' has no basis for its authored '\(key)'", "threat", threat.id)
                }
            }
        }
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
        for kind in catalog.assetKinds where !targeted.contains(kind.id) {
            error("kind-untargeted", "asset kind '\(kind.id)' is the target of no threat, so no attack can reach through it", "asset kind", kind.id)
        }
        return out
    }
}
