/// Re-importing over an existing model: what the architect added is kept (actors, names, descriptions, sensitivity,
/// acceptances, flows and controls without `source`), what came from the infrastructure is updated, and every
/// change is listed.
public enum ImportMerge {
    /// The merged workload and the changes, one line each, in order.
    /// - Complexity: O((a + f) log(a + f)) for a assets and f flows.
    public static func merge(existing: Workload, imported: Workload) -> (workload: Workload, changes: [String]) {
        var out = existing
        var changes: [String] = []
        var ids = Set(existing.assets.map(\.id) + existing.actors.map(\.id) + existing.boundaries.map(\.id))
        var byResource: [String: Int] = [:]
        for (i, a) in existing.assets.enumerated() { for r in a.resources where byResource[r] == nil { byResource[r] = i } }
        var idMap: [String: String] = [:]
        var matched = Set<Int>()
        var added: [Asset] = []
        for var asset in imported.assets {
            if let i = asset.resources.lazy.compactMap({ byResource[$0] }).first {
                idMap[asset.id] = existing.assets[i].id
                matched.insert(i)
                out.assets[i] = update(existing.assets[i], from: asset, changes: &changes)
                continue
            }
            let id = unique(asset.id, &ids)
            idMap[asset.id] = id
            asset.id = id
            added.append(asset)
            changes.append("added asset \(id) (\(asset.source ?? asset.kind))")
        }
        let referenced = Set(existing.flows.filter { $0.source == nil }.flatMap { [$0.from, $0.to] } + existing.acceptedRisks.map(\.asset)
                             + existing.notApplicable.map(\.asset) + existing.overrides.compactMap(\.asset))
        for (i, a) in existing.assets.enumerated().reversed() where a.source != nil && !matched.contains(i) {
            if referenced.contains(a.id) {
                changes.append("kept asset \(a.id): \(a.resources.joined(separator: ", ")) is no longer in the infrastructure, but the model still refers to it")
                continue
            }
            out.assets.remove(at: i)
            changes.append("removed asset \(a.id): \(a.resources.joined(separator: ", ")) is no longer in the infrastructure")
        }
        out.assets += added
        mergeBoundaries(&out, imported, &changes)
        for actor in imported.actors where !existing.actors.contains(where: { $0.id == actor.id }) {
            out.actors.append(actor)
            changes.append("added inferred actor \(actor.id)")
        }
        mergeFlows(&out, existing, imported, idMap, &changes)
        for i in out.assets.indices where out.assets[i].source != nil {
            if let b = out.assets[i].boundary, !out.boundaries.contains(where: { $0.id == b }) { out.assets[i].boundary = nil }
        }
        return (out, changes)
    }

    /// `base`, or `base-2`… when taken.
    static func unique(_ base: String, _ taken: inout Set<String>) -> String {
        var id = base, n = 2
        while taken.contains(id) { id = "\(base)-\(n)"; n += 1 }
        taken.insert(id)
        return id
    }

    /// An existing asset with what the infrastructure says now: service, resources, evidence, boundary (unless the
    /// architect chose another) and the imported controls; the architect's id, name, kind and the rest stay.
    static func update(_ old: Asset, from new: Asset, changes: inout [String]) -> Asset {
        var a = old
        a.service = new.service
        a.resources = old.resources + new.resources.filter { !old.resources.contains($0) }
        a.source = new.source
        if old.boundary == nil || old.source != nil { a.boundary = new.boundary }
        a.controls = mergeControls(old.controls, new.controls, owner: "asset \(old.id)", &changes)
        if old.kind != new.kind { changes.append("asset \(old.id): kept kind \(old.kind); the infrastructure suggests \(new.kind)") }
        return a
    }

    /// The architect's controls (without `source`) kept; the imported ones replace those imported before.
    static func mergeControls(_ old: [ControlRef], _ new: [ControlRef], owner: String, _ changes: inout [String]) -> [ControlRef] {
        let kept = old.filter { $0.source == nil }
        let before = Set(old.filter { $0.source != nil }.map(\.id))
        let fresh = new.filter { n in !kept.contains { $0.id == n.id } }
        let after = Set(fresh.map(\.id))
        for id in after.subtracting(before).sorted() { changes.append("\(owner): control \(id) now proved by the infrastructure") }
        for id in before.subtracting(after).sorted() { changes.append("\(owner): control \(id) no longer proved by the infrastructure; removed") }
        return kept + fresh
    }

    /// Imported boundaries update those of the same id; imported ones that are gone are removed unless still used.
    static func mergeBoundaries(_ out: inout Workload, _ imported: Workload, _ changes: inout [String]) {
        for b in imported.boundaries {
            if let i = out.boundaries.firstIndex(where: { $0.id == b.id }) {
                let old = out.boundaries[i]
                if old.source != nil { out.boundaries[i].name = b.name; out.boundaries[i].parent = b.parent }
                out.boundaries[i].source = old.source ?? b.source
                out.boundaries[i].controls = mergeControls(old.controls, b.controls, owner: "boundary \(b.id)", &changes)
            } else {
                out.boundaries.append(b)
                changes.append("added boundary \(b.id)")
            }
        }
        let importedIDs = Set(imported.boundaries.map(\.id))
        let usedIDs = Set(out.assets.compactMap(\.boundary) + out.boundaries.compactMap(\.parent))
        out.boundaries.removeAll { b in
            let gone = b.source != nil && !importedIDs.contains(b.id) && !usedIDs.contains(b.id)
            if gone { changes.append("removed boundary \(b.id)") }
            return gone
        }
    }

    /// The architect's flows kept; imported flows replace those imported before, with ends renamed to the kept ids.
    static func mergeFlows(_ out: inout Workload, _ existing: Workload, _ imported: Workload, _ idMap: [String: String], _ changes: inout [String]) {
        let kept = existing.flows.filter { $0.source == nil }
        let keptPairs = Set(kept.map { "\($0.from)->\($0.to)" })
        let before = Set(existing.flows.filter { $0.source != nil }.map { "\($0.from)->\($0.to)" })
        var fresh: [Flow] = []
        for var f in imported.flows {
            f.from = idMap[f.from] ?? f.from
            f.to = idMap[f.to] ?? f.to
            f.id = ""
            guard !keptPairs.contains("\(f.from)->\(f.to)") else { continue }
            fresh.append(f)
        }
        let after = Set(fresh.map { "\($0.from)->\($0.to)" })
        for pair in after.subtracting(before).sorted() { changes.append("added flow \(pair)") }
        for pair in before.subtracting(after).sorted() { changes.append("removed flow \(pair)") }
        out.flows = kept + fresh
        FlowIDs.assign(&out.flows)
    }
}
