/// Cross-checks a merged workload against itself and the catalog: ids, references, boundary cycles,
/// control placement, acceptances and entries that match no finding.
public enum ModelValidator {
    /// Every problem, errors and warnings.
    /// - Complexity: O(n + c·k) for n entities and c control references on kinds with k deployable kinds.
    public static func validate(_ w: Workload, catalog: Catalog, frameworks: [String]? = nil, limits: ModelLimits = ModelLimits()) -> [Diagnostic] {
        var out: [Diagnostic] = []
        func add(_ severity: Diagnostic.Severity, _ code: String, _ message: String, _ at: SourceLocation, suggest word: String? = nil, from candidates: [String] = [], notes: [String] = []) {
            var d = Diagnostic(severity, "model.\(code)", message, at: at, notes: notes)
            if let word { d = d.suggesting(word, from: candidates) }
            out.append(d)
        }
        func at(_ loc: SourceLocation, _ field: String) -> SourceLocation {
            var l = loc
            if let dot = l.path.lastIndex(of: ".") { l.path = String(l.path[..<dot]) + "." + field }
            return l
        }
        let nodeCount = w.actors.count + w.assets.count + w.boundaries.count
        let whole = SourceLocation(file: w.files.joined(separator: ", "))
        if nodeCount > limits.maxNodes {
            out.append(Diagnostic(.error, "model.too-many", "the model has \(nodeCount) actors, assets and boundaries; the limit is \(limits.maxNodes)", at: whole))
        }
        if w.flows.count > limits.maxFlows {
            out.append(Diagnostic(.error, "model.too-many", "the model has \(w.flows.count) flows; the limit is \(limits.maxFlows)", at: whole))
        }
        // Over a limit, stop here: the checks below would spend the time and memory the limit protects.
        if !out.isEmpty { return out }

        // One id namespace: each id's first definition, by kind and index; later ones are duplicates.
        var entities = IDTable(capacity: nodeCount + 16)
        func location(_ e: EntityRef) -> SourceLocation {
            switch e.kind {
            case .actor: w.actors[e.index].location
            case .asset: w.assets[e.index].location
            case .boundary: w.boundaries[e.index].location
            case .flow: w.flows[e.index].location
            }
        }
        func claim(_ id: String, _ e: EntityRef, _ loc: @autoclosure () -> SourceLocation) {
            guard let first = entities.insert(id, e.packed).map(EntityRef.init(packed:)) else { return }
            let at = location(first)
            add(.error, "duplicate-id", "duplicate id '\(id)'", loc(), notes: ["first defined at \(at.file):\(at.line):\(at.column)"])
        }
        for i in w.actors.indices { claim(w.actors[i].id, EntityRef(.actor, i), w.actors[i].location) }
        for i in w.boundaries.indices { claim(w.boundaries[i].id, EntityRef(.boundary, i), w.boundaries[i].location) }
        for i in w.assets.indices { claim(w.assets[i].id, EntityRef(.asset, i), w.assets[i].location) }
        for i in w.flows.indices where !isGeneratedFlowID(w.flows[i].id) { claim(w.flows[i].id, EntityRef(.flow, i), w.flows[i].location) }

        // Id lists for suggestions and the asset index, built when first needed.
        var actorIDsCache: [String]?, assetIDsCache: [String]?, boundaryIDsCache: [String]?
        func actorIDs() -> [String] {
            if let ids = actorIDsCache { return ids }
            let ids = w.actors.map(\.id)
            actorIDsCache = ids
            return ids
        }
        func assetIDs() -> [String] {
            if let ids = assetIDsCache { return ids }
            let ids = w.assets.map(\.id)
            assetIDsCache = ids
            return ids
        }
        func boundaryIDs() -> [String] {
            if let ids = boundaryIDsCache { return ids }
            let ids = w.boundaries.map(\.id)
            boundaryIDsCache = ids
            return ids
        }
        let kindIDs = catalog.assetKinds.map(\.id), controlIDs = catalog.controls.map(\.id), threatIDs = catalog.threats.map(\.id)
        var assetIndexCache: IDTable?
        func assetIndex(_ id: String) -> Int? {
            if assetIndexCache == nil { assetIndexCache = firstIndex(w.assets.lazy.map(\.id), count: w.assets.count) }
            return assetIndexCache?.value(id)
        }
        var boundaryByID = firstIndex(w.boundaries.lazy.map(\.id), count: w.boundaries.count)
        var kindByID = firstIndex(catalog.assetKinds.lazy.map(\.id), count: catalog.assetKinds.count)
        var controlByID = firstIndex(catalog.controls.lazy.map(\.id), count: catalog.controls.count)

        func checkControls(_ refs: [ControlRef], placedOn kind: String?, what: @autoclosure () -> String) {
            for r in refs.indices {
                guard let c = controlByID.value(refs[r].id) else {
                    add(.error, "unknown-control", "unknown control '\(refs[r].id)'", refs[r].location, suggest: refs[r].id, from: controlIDs)
                    continue
                }
                if refs[r].status == .notApplicable && (refs[r].note ?? "").isEmpty {
                    add(.warning, "missing-note", "control '\(refs[r].id)' is marked not-applicable without a note saying why", refs[r].location)
                }
                if let kind, !catalog.controls[c].deployOn.contains(kind) {
                    add(.warning, "control-placement", "control '\(refs[r].id)' is not meant for \(what()) (it deploys on \(catalog.controls[c].deployOn.joined(separator: ", "))); it still counts", refs[r].location)
                }
            }
        }

        for i in w.assets.indices {
            let known = kindByID.value(w.assets[i].kind) != nil
            if !known && !w.assets[i].kind.isEmpty {
                let kind = w.assets[i].kind
                add(.error, "unknown-kind", "unknown asset kind '\(kind)'", at(w.assets[i].location, "kind"), suggest: kind, from: kindIDs)
            }
            if let b = w.assets[i].boundary, boundaryByID.value(b) == nil {
                add(.error, "unknown-reference", "asset '\(w.assets[i].id)' is in unknown boundary '\(b)'", at(w.assets[i].location, "boundary"), suggest: b, from: boundaryIDs())
            }
            if !w.assets[i].controls.isEmpty {
                checkControls(w.assets[i].controls, placedOn: known ? w.assets[i].kind : nil, what: "a \(w.assets[i].kind) asset")
            }
        }
        for i in w.boundaries.indices {
            if let p = w.boundaries[i].parent, boundaryByID.value(p) == nil {
                add(.error, "unknown-reference", "boundary '\(w.boundaries[i].id)' has unknown parent '\(p)'", at(w.boundaries[i].location, "parent"), suggest: p, from: boundaryIDs())
            }
            if !w.boundaries[i].controls.isEmpty { checkControls(w.boundaries[i].controls, placedOn: nil, what: "a boundary") }
        }
        // Boundary cycles: follow parents; report each cycle once, at its smallest id.
        var reported = Set<String>()
        for bi in w.boundaries.indices.sorted(by: { w.boundaries[$0].id < w.boundaries[$1].id }) {
            guard w.boundaries[bi].parent != nil else { continue }
            let b = w.boundaries[bi]
            var seen: [String] = [b.id]
            var current = b.parent
            while let c = current, let next = boundaryByID.value(c) {
                if let start = seen.firstIndex(of: c) {
                    let cycle = Array(seen[start...])
                    if cycle.allSatisfy({ !reported.contains($0) }) {
                        reported.formUnion(cycle)
                        add(.error, "boundary-cycle", "boundaries form a cycle: \((cycle + [c]).joined(separator: " -> "))",
                            at(boundaryByID.value(cycle.min() ?? c).map { w.boundaries[$0].location } ?? b.location, "parent"))
                    }
                    break
                }
                if seen.count > w.boundaries.count { break }
                seen.append(c)
                current = w.boundaries[next].parent
            }
        }
        for i in w.flows.indices {
            let fromKind = entities.value(w.flows[i].from).map(EntityRef.init(packed:))?.kind
            if fromKind == nil {
                let f = w.flows[i]
                add(.error, "unknown-reference", "flow '\(f.id)' comes from unknown id '\(f.from)'", at(f.location, "from"), suggest: f.from, from: actorIDs() + assetIDs())
            } else if fromKind != .actor && fromKind != .asset {
                let f = w.flows[i]
                add(.error, "invalid-reference", "flow '\(f.id)' comes from '\(f.from)', which is not an actor or asset", at(f.location, "from"))
            }
            let toKind = entities.value(w.flows[i].to).map(EntityRef.init(packed:))?.kind
            if toKind == nil {
                let f = w.flows[i]
                add(.error, "unknown-reference", "flow '\(f.id)' goes to unknown id '\(f.to)'", at(f.location, "to"), suggest: f.to, from: assetIDs())
            } else if toKind == .actor {
                let f = w.flows[i]
                add(.warning, "flow-into-actor", "flow '\(f.id)' goes into actor '\(f.to)'; it is ignored for movement (use bidirectional on the actor's flow instead)", at(f.location, "to"))
            } else if toKind != .asset {
                let f = w.flows[i]
                add(.error, "invalid-reference", "flow '\(f.id)' goes to '\(f.to)', which is not an asset", at(f.location, "to"))
            }
            if w.flows[i].from == w.flows[i].to {
                let f = w.flows[i]
                add(.warning, "self-flow", "flow '\(f.id)' goes from '\(f.from)' to itself; it is ignored for movement", f.location)
            }
            if !w.flows[i].controls.isEmpty { checkControls(w.flows[i].controls, placedOn: "flow", what: "a flow") }
        }
        let applicability = Applicability(catalog: catalog, frameworks: frameworks ?? w.frameworks ?? Workload.defaultFrameworks)
        func checkFinding(_ threat: String, _ asset: String, _ loc: SourceLocation, what: String) {
            guard catalog.threatIndex[threat] != nil else {
                add(.error, "unknown-threat", "unknown threat '\(threat)' in \(what)", at(loc, "threat"), suggest: threat, from: threatIDs)
                return
            }
            guard let ai = assetIndex(asset) else {
                add(.error, "unknown-reference", "unknown asset '\(asset)' in \(what)", at(loc, "asset"), suggest: asset, from: assetIDs())
                return
            }
            let kind = w.assets[ai].kind
            if kindByID.value(kind) != nil && !applicability.applies(threat, toKind: kind, in: catalog) {
                add(.warning, "matches-nothing", "\(what) \(threat)@\(asset) matches no finding (the threat does not apply to a \(kind) under the selected frameworks)", loc)
            }
        }
        for r in w.acceptedRisks { checkFinding(r.threat, r.asset, r.location, what: "acceptance") }
        for n in w.notApplicable { checkFinding(n.threat, n.asset, n.location, what: "notApplicable entry") }
        for o in w.overrides {
            if let c = o.control, catalog.controlIndex[c] == nil {
                add(.error, "unknown-control", "unknown control '\(c)' in override", at(o.location, "control"), suggest: c, from: controlIDs)
            }
            if let t = o.threat, catalog.threatIndex[t] == nil {
                add(.error, "unknown-threat", "unknown threat '\(t)' in override", at(o.location, "threat"), suggest: t, from: threatIDs)
            }
            if let a = o.asset, assetIndex(a) == nil {
                add(.error, "unknown-reference", "unknown asset '\(a)' in override", at(o.location, "asset"), suggest: a, from: assetIDs())
            }
            if o.control != nil && o.effectiveness == nil && (o.severity != nil || o.likelihood != nil) && o.threat == nil {
                add(.warning, "override-mismatch", "severity and likelihood override a threat; name it with 'threat'", o.location)
            }
        }
        return out
    }

    /// Whether a flow id was generated (`from->to`): only those hold `->`, which ids may not.
    static func isGeneratedFlowID(_ id: String) -> Bool {
        var previous: UInt8 = 0
        for b in id.utf8 {
            if b >= 0x80 { return id.contains("->") }
            if previous == UInt8(ascii: "-") && b == UInt8(ascii: ">") { return true }
            previous = b
        }
        return false
    }

    /// Index of the first occurrence of each id.
    static func firstIndex<S: Sequence>(_ ids: S, count: Int) -> IDTable where S.Element == String {
        var table = IDTable(capacity: count)
        for (i, id) in ids.enumerated() { _ = table.insert(id, i) }
        return table
    }
}

/// An entity of a workload: its kind and index in the workload's list of that kind.
private struct EntityRef {
    enum Kind: UInt8 { case actor, asset, boundary, flow }
    let kind: Kind
    let index: Int

    init(_ kind: Kind, _ index: Int) {
        self.kind = kind
        self.index = index
    }

    /// Kind and index in one integer, for an `IDTable`.
    var packed: Int { index << 2 | Int(kind.rawValue) }

    init(packed: Int) {
        kind = Kind(rawValue: UInt8(truncatingIfNeeded: packed & 3)) ?? .actor
        index = packed >> 2
    }
}
