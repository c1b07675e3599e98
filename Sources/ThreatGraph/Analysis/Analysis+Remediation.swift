extension Analysis {
    /// Catalog controls that would cover a finding if implemented on its asset: they mitigate the threat,
    /// fit the asset (kind, service, cloud) and are not yet implemented there; best first (preventive, then effectiveness
    /// per cost, then id).
    public func closingControls(for f: Finding, limit: Int = 3) -> [Control] {
        closingControls(for: f, candidates: closingCandidates(threat: f.threat, kind: workload.assets[f.asset].kind), limit: limit)
    }

    /// `closingControls(for:limit:)` from the candidates `closingCandidates(threat:kind:)` gave for the finding's threat
    /// and asset kind, and `unfit`, the asset's `unfitControls(onAsset:)` (callers with many findings reuse both).
    public func closingControls(for f: Finding, candidates: [Int], limit: Int, unfit: [Int]? = nil) -> [Control] {
        var out: [Control] = []
        // The candidates fit the workload's cloud; an asset on a cloud of its own is checked against that one.
        let unfit = unfit ?? unfitControls(onAsset: f.asset), cloud = workload.assets[f.asset].cloud
        for ci in candidates where out.count < limit && !f.hasImplemented(ci) && !unfit.contains(ci) {
            if let cloud, !catalog.controls[ci].fits(service: nil, cloud: cloud) { continue }
            out.append(catalog.controls[ci])
        }
        return out
    }

    /// The controls an asset's named service rules out (`Control.unfitService(_:)`), by index; few controls name any.
    public func unfitControls(onAsset i: Int) -> [Int] {
        guard let service = workload.assets[i].service else { return [] }
        return catalog.controlsNamingUnfitServices.filter { catalog.controls[$0].unfitService(service) != nil }
    }

    /// Catalog controls that mitigate a threat, deploy on an asset kind and fit the workload's cloud, best first (preventive, then
    /// effectiveness per cost, then id), by index.
    public func closingCandidates(threat: Int, kind: String) -> [Int] {
        let c = catalog.controls
        // Sort keys read once (comparing copies of whole controls dominated the report of a small model);
        // controls are in id order, so the index breaks ties by id.
        let keyed = controls(mitigating: threat).filter { c[$0].deployOn.contains(kind) && c[$0].fits(service: nil, cloud: workload.cloud) }
            .map { (index: $0, preventive: c[$0].kind == .preventive, ratio: c[$0].effectiveness / Double(c[$0].cost)) }
        return keyed.sorted { a, b in
            if a.preventive != b.preventive { return a.preventive }
            if a.ratio != b.ratio { return a.ratio > b.ratio }
            return a.index < b.index
        }.map(\.index)
    }

    /// Indices of the catalog controls that mitigate a threat (directly or through its parent), in id order.
    public func controls(mitigating threat: Int) -> [Int] {
        catalog.controls.indices.filter { context.mitigates($0, threat) }
    }

    /// Findings of other frameworks on the same asset that name exactly the same weakness (the catalog's
    /// `equivalent` links, with the sub-techniques of an equivalent parent); a citation in `related` is not enough.
    public func relatedFindings(of f: Finding) -> [Finding] {
        let same = catalog.sameWeaknessIndices[f.threat]
        guard !same.isEmpty else { return [] }
        let framework = catalog.threats[f.threat].framework
        return findings(ofAsset: f.asset).filter { other in
            other.threat != f.threat && same.contains(other.threat) && catalog.threats[other.threat].framework != framework
        }
    }

    /// Implemented controls that count for finding `g` and not for `f`, by index: why two findings of one weakness
    /// on one asset can differ (a control lists one framework's entry and not the other's).
    public func controlsCounting(for g: Finding, notFor f: Finding) -> [Int] {
        let here = Set(f.controls.filter { $0.status == .implemented }.map(\.control))
        return Set(g.controls.filter { $0.status == .implemented }.map(\.control)).subtracting(here).sorted()
    }

    /// Acceptances expiring within `days` days of the as-of date (not yet expired), by index.
    public func acceptancesExpiring(within days: Int) -> [Int] {
        let today = options.asOf.dayNumber
        return workload.acceptedRisks.indices.filter {
            let d = workload.acceptedRisks[$0].expires.dayNumber - today
            return d >= 0 && d < days
        }
    }

    /// Acceptances already expired at the as-of date, by index.
    public var expiredAcceptances: [Int] {
        workload.acceptedRisks.indices.filter { workload.acceptedRisks[$0].expires < options.asOf }
    }
}
