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

        // One id namespace.
        enum Entity { case actor, asset, boundary, flow }
        var entities: [String: (Entity, SourceLocation)] = [:]
        func claim(_ id: String, _ e: Entity, _ loc: SourceLocation) {
            if let (_, first) = entities[id] {
                add(.error, "duplicate-id", "duplicate id '\(id)'", loc, notes: ["first defined at \(first.file):\(first.line):\(first.column)"])
            } else {
                entities[id] = (e, loc)
            }
        }
        for a in w.actors { claim(a.id, .actor, a.location) }
        for b in w.boundaries { claim(b.id, .boundary, b.location) }
        for a in w.assets { claim(a.id, .asset, a.location) }
        for f in w.flows where !f.id.contains("->") { claim(f.id, .flow, f.location) }
        let actorIDs = w.actors.map(\.id), assetIDs = w.assets.map(\.id), boundaryIDs = w.boundaries.map(\.id)
        let kindIDs = catalog.assetKinds.map(\.id), controlIDs = catalog.controls.map(\.id), threatIDs = catalog.threats.map(\.id)
        let assetsByID = Dictionary(w.assets.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let boundaryByID = Dictionary(w.boundaries.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        func checkControls(_ refs: [ControlRef], placedOn kind: String?, what: String) {
            for ref in refs {
                guard let control = catalog.control(ref.id) else {
                    add(.error, "unknown-control", "unknown control '\(ref.id)'", ref.location, suggest: ref.id, from: controlIDs)
                    continue
                }
                if ref.status == .notApplicable && (ref.note ?? "").isEmpty {
                    add(.warning, "missing-note", "control '\(ref.id)' is marked not-applicable without a note saying why", ref.location)
                }
                if let kind, !control.deployOn.contains(kind) {
                    add(.warning, "control-placement", "control '\(ref.id)' is not meant for \(what) (it deploys on \(control.deployOn.joined(separator: ", "))); it still counts", ref.location)
                }
            }
        }

        for a in w.assets {
            if !a.kind.isEmpty && catalog.kind(a.kind) == nil {
                add(.error, "unknown-kind", "unknown asset kind '\(a.kind)'", at(a.location, "kind"), suggest: a.kind, from: kindIDs)
            }
            if let b = a.boundary, boundaryByID[b] == nil {
                add(.error, "unknown-reference", "asset '\(a.id)' is in unknown boundary '\(b)'", at(a.location, "boundary"), suggest: b, from: boundaryIDs)
            }
            checkControls(a.controls, placedOn: catalog.kind(a.kind) == nil ? nil : a.kind, what: "a \(a.kind) asset")
        }
        for b in w.boundaries {
            if let p = b.parent, boundaryByID[p] == nil {
                add(.error, "unknown-reference", "boundary '\(b.id)' has unknown parent '\(p)'", at(b.location, "parent"), suggest: p, from: boundaryIDs)
            }
            checkControls(b.controls, placedOn: nil, what: "a boundary")
        }
        // Boundary cycles: follow parents; report each cycle once, at its smallest id.
        var reported = Set<String>()
        for b in w.boundaries.sorted(by: { $0.id < $1.id }) {
            var seen: [String] = [b.id]
            var current = b.parent
            while let c = current, let next = boundaryByID[c] {
                if let start = seen.firstIndex(of: c) {
                    let cycle = Array(seen[start...])
                    if cycle.allSatisfy({ !reported.contains($0) }) {
                        reported.formUnion(cycle)
                        add(.error, "boundary-cycle", "boundaries form a cycle: \((cycle + [c]).joined(separator: " -> "))",
                            at(boundaryByID[cycle.min() ?? c]?.location ?? b.location, "parent"))
                    }
                    break
                }
                if seen.count > w.boundaries.count { break }
                seen.append(c)
                current = next.parent
            }
        }
        for f in w.flows {
            let fromKind = entities[f.from]?.0
            if fromKind == nil {
                add(.error, "unknown-reference", "flow '\(f.id)' comes from unknown id '\(f.from)'", at(f.location, "from"), suggest: f.from, from: actorIDs + assetIDs)
            } else if fromKind != .actor && fromKind != .asset {
                add(.error, "invalid-reference", "flow '\(f.id)' comes from '\(f.from)', which is not an actor or asset", at(f.location, "from"))
            }
            let toKind = entities[f.to]?.0
            if toKind == nil {
                add(.error, "unknown-reference", "flow '\(f.id)' goes to unknown id '\(f.to)'", at(f.location, "to"), suggest: f.to, from: assetIDs)
            } else if toKind == .actor {
                add(.warning, "flow-into-actor", "flow '\(f.id)' goes into actor '\(f.to)'; it is ignored for movement (use bidirectional on the actor's flow instead)", at(f.location, "to"))
            } else if toKind != .asset {
                add(.error, "invalid-reference", "flow '\(f.id)' goes to '\(f.to)', which is not an asset", at(f.location, "to"))
            }
            if f.from == f.to {
                add(.warning, "self-flow", "flow '\(f.id)' goes from '\(f.from)' to itself; it is ignored for movement", f.location)
            }
            checkControls(f.controls, placedOn: "flow", what: "a flow")
        }
        let applicability = Applicability(catalog: catalog, frameworks: frameworks ?? w.frameworks ?? Workload.defaultFrameworks)
        func checkFinding(_ threat: String, _ asset: String, _ loc: SourceLocation, what: String) {
            guard catalog.threat(threat) != nil else {
                add(.error, "unknown-threat", "unknown threat '\(threat)' in \(what)", at(loc, "threat"), suggest: threat, from: threatIDs)
                return
            }
            guard let a = assetsByID[asset] else {
                add(.error, "unknown-reference", "unknown asset '\(asset)' in \(what)", at(loc, "asset"), suggest: asset, from: assetIDs)
                return
            }
            if catalog.kind(a.kind) != nil && !applicability.applies(threat, toKind: a.kind, in: catalog) {
                add(.warning, "matches-nothing", "\(what) \(threat)@\(asset) matches no finding (the threat does not apply to a \(a.kind) under the selected frameworks)", loc)
            }
        }
        for r in w.acceptedRisks { checkFinding(r.threat, r.asset, r.location, what: "acceptance") }
        for n in w.notApplicable { checkFinding(n.threat, n.asset, n.location, what: "notApplicable entry") }
        for o in w.overrides {
            if let c = o.control, catalog.control(c) == nil {
                add(.error, "unknown-control", "unknown control '\(c)' in override", at(o.location, "control"), suggest: c, from: controlIDs)
            }
            if let t = o.threat, catalog.threat(t) == nil {
                add(.error, "unknown-threat", "unknown threat '\(t)' in override", at(o.location, "threat"), suggest: t, from: threatIDs)
            }
            if let a = o.asset, assetsByID[a] == nil {
                add(.error, "unknown-reference", "unknown asset '\(a)' in override", at(o.location, "asset"), suggest: a, from: assetIDs)
            }
            if o.control != nil && o.effectiveness == nil && (o.severity != nil || o.likelihood != nil) && o.threat == nil {
                add(.warning, "override-mismatch", "severity and likelihood override a threat; name it with 'threat'", o.location)
            }
        }
        return out
    }
}
