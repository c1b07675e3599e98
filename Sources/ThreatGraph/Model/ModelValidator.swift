/// Cross-checks a merged workload against itself and the catalog: ids, references, boundary cycles,
/// control placement, acceptances and entries that match no finding.
public enum ModelValidator {
    /// Every problem, errors and warnings.
    /// - Complexity: O(n + c·k) for n entities and c control references on kinds with k deployable kinds.
    public static func validate(_ w: Workload, catalog: Catalog, frameworks: [String]? = nil, limits: ModelLimits = ModelLimits()) -> [Diagnostic] {
        var out: [Diagnostic] = []
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
        let checks = Checks(w, catalog: catalog, frameworks: frameworks ?? w.frameworks ?? Workload.defaultFrameworks)
        let (ids, entities) = checks.ids()
        return ids + checks.assetsAndBoundaries() + checks.flows(entities) + checks.entries()
    }

    /// The checks of one workload, in groups that only read the workload and the catalog (each builds the tables
    /// it needs).
    private struct Checks {
        let w: Workload
        let catalog: Catalog
        let frameworks: [String]

        init(_ w: Workload, catalog: Catalog, frameworks: [String]) {
            self.w = w
            self.catalog = catalog
            self.frameworks = frameworks
        }

        /// The diagnostics of one group.
        private struct Report {
            var out: [Diagnostic] = []
            /// Where the first diagnostic of each repeated problem is, and how many more there were.
            var repeats: [String: (index: Int, more: Int)] = [:]

            /// Adds a diagnostic the first time `key` is seen, and counts it after.
            mutating func addOnce(_ key: String, _ severity: Diagnostic.Severity, _ code: String, _ message: String, _ at: SourceLocation,
                                  notes: [String] = []) {
                if let r = repeats[key] {
                    repeats[key] = (r.index, r.more + 1)
                    return
                }
                repeats[key] = (out.count, 0)
                add(severity, code, message, at, notes: notes)
            }

            /// The diagnostics, a repeated problem once with the count of the others.
            var diagnostics: [Diagnostic] {
                var d = out
                for r in repeats.values where r.more > 0 { d[r.index].notes.append("and \(r.more) more like it") }
                return d
            }

            mutating func add(_ severity: Diagnostic.Severity, _ code: String, _ message: String, _ at: SourceLocation, suggest word: String? = nil,
                              from candidates: @autoclosure () -> [String] = [], notes: [String] = []) {
                var d = Diagnostic(severity, "model.\(code)", message, at: at, notes: notes)
                if let word { d = d.suggesting(word, from: candidates()) }
                out.append(d)
            }
        }

        /// `loc` with the last member of its path replaced by `field`.
        private func at(_ loc: SourceLocation, _ field: String) -> SourceLocation {
            var l = loc
            if let dot = l.path.lastIndex(of: ".") { l.path = String(l.path[..<dot]) + "." + field }
            return l
        }

        private func location(_ e: EntityRef) -> SourceLocation {
            switch e.kind {
            case .actor: w.actors[e.index].location
            case .asset: w.assets[e.index].location
            case .boundary: w.boundaries[e.index].location
            case .flow: w.flows[e.index].location
            }
        }

        /// Duplicate ids (one namespace: each id's first definition, by kind and index), and the id table.
        func ids() -> (ids: [Diagnostic], table: IDTable) {
            var report = Report()
            var entities = IDTable(capacity: w.actors.count + w.assets.count + w.boundaries.count + 16)
            func claim(_ id: String, _ e: EntityRef, _ loc: @autoclosure () -> SourceLocation) {
                guard let first = entities.insert(id, e.packed).map(EntityRef.init(packed:)) else { return }
                let at = location(first)
                report.add(.error, "duplicate-id", "duplicate id '\(id)'", loc(), notes: ["first defined at \(at.file):\(at.line):\(at.column)"])
            }
            for i in w.actors.indices { claim(w.actors[i].id, EntityRef(.actor, i), w.actors[i].location) }
            for i in w.boundaries.indices { claim(w.boundaries[i].id, EntityRef(.boundary, i), w.boundaries[i].location) }
            for i in w.assets.indices { claim(w.assets[i].id, EntityRef(.asset, i), w.assets[i].location) }
            for i in w.flows.indices where !isGeneratedFlowID(w.flows[i].id) { claim(w.flows[i].id, EntityRef(.flow, i), w.flows[i].location) }
            return (report.out, entities)
        }

        /// The ends of the flows (against the id table from `ids()`), self-flows and the controls on flows.
        func flows(_ entities: IDTable) -> [Diagnostic] {
            var report = Report()
            let controls = ControlPlacement(catalog)
            for i in w.flows.indices {
                let fromKind = entities.value(w.flows[i].from).map(EntityRef.init(packed:))?.kind
                if fromKind == nil {
                    let f = w.flows[i]
                    report.add(.error, "unknown-reference", "flow '\(f.id)' comes from unknown id '\(f.from)'", at(f.location, "from"), suggest: f.from,
                               from: w.actors.map(\.id) + w.assets.map(\.id))
                } else if fromKind != .actor && fromKind != .asset {
                    let f = w.flows[i]
                    report.add(.error, "invalid-reference", "flow '\(f.id)' comes from '\(f.from)', which is not an actor or asset", at(f.location, "from"))
                }
                let toKind = entities.value(w.flows[i].to).map(EntityRef.init(packed:))?.kind
                if toKind == nil {
                    let f = w.flows[i]
                    report.add(.error, "unknown-reference", "flow '\(f.id)' goes to unknown id '\(f.to)'", at(f.location, "to"), suggest: f.to, from: w.assets.map(\.id))
                } else if toKind == .actor {
                    let f = w.flows[i]
                    report.add(.warning, "flow-into-actor", "flow '\(f.id)' goes into actor '\(f.to)'; it is ignored for movement (use bidirectional on the actor's flow instead)", at(f.location, "to"))
                } else if toKind != .asset {
                    let f = w.flows[i]
                    report.add(.error, "invalid-reference", "flow '\(f.id)' goes to '\(f.to)', which is not an asset", at(f.location, "to"))
                }
                if w.flows[i].from == w.flows[i].to {
                    let f = w.flows[i]
                    report.add(.warning, "self-flow", "flow '\(f.id)' goes from '\(f.from)' to itself; it is ignored for movement", f.location)
                }
                if !w.flows[i].controls.isEmpty { controls.check(w.flows[i].controls, on: .flow, &report) }
            }
            return report.diagnostics
        }

        /// Asset kinds, boundary references, controls on assets and boundaries, and boundary cycles.
        func assetsAndBoundaries() -> [Diagnostic] {
            var report = Report()
            let boundaryIDs = w.boundaries.map(\.id)
            let boundaryByID = firstIndex(boundaryIDs, count: boundaryIDs.count)
            let controls = ControlPlacement(catalog)
            for i in w.assets.indices {
                let kind = controls.kind(w.assets[i].kind)
                if kind == nil && !w.assets[i].kind.isEmpty {
                    let kind = w.assets[i].kind
                    // A user's word for a kind (lambda, s3, mcp-server…) names the kinds it may mean.
                    let meant = catalog.kinds(forWord: kind)
                    let notes = meant.isEmpty ? [] : ["'\(kind)' is an alias of \(meant.map { "'\($0)'" }.joined(separator: " or "))"]
                    report.add(.error, "unknown-kind", "unknown asset kind '\(kind)'", at(w.assets[i].location, "kind"),
                               suggest: meant.isEmpty ? kind : nil, from: catalog.assetKinds.map(\.id), notes: notes)
                }
                for (k, capability) in w.assets[i].capabilities.enumerated() where catalog.capability(capability) == nil {
                    report.add(.error, "unknown-capability", "unknown capability '\(capability)'", at(w.assets[i].location, "capabilities[\(k)]"),
                               suggest: capability, from: catalog.capabilities.map(\.id))
                }
                if let b = w.assets[i].boundary, boundaryByID.value(b) == nil {
                    report.add(.error, "unknown-reference", "asset '\(w.assets[i].id)' is in unknown boundary '\(b)'", at(w.assets[i].location, "boundary"), suggest: b, from: boundaryIDs)
                }
                if !w.assets[i].controls.isEmpty {
                    controls.check(w.assets[i].controls, on: .asset(kind: w.assets[i].kind, index: kind, service: w.assets[i].service), &report)
                }
            }
            for i in w.boundaries.indices {
                if let p = w.boundaries[i].parent, boundaryByID.value(p) == nil {
                    report.add(.error, "unknown-reference", "boundary '\(w.boundaries[i].id)' has unknown parent '\(p)'", at(w.boundaries[i].location, "parent"), suggest: p, from: boundaryIDs)
                }
                if !w.boundaries[i].controls.isEmpty { controls.check(w.boundaries[i].controls, on: .boundary, &report) }
            }
            boundaryCycles(boundaryByID, &report)
            return report.diagnostics
        }

        /// Boundary cycles, each reported once at its smallest id, found by following parents from each boundary in
        /// id order.
        /// - Complexity: O(b log b) for the order, O(b) for the walks.
        private func boundaryCycles(_ boundaryByID: IDTable, _ report: inout Report) {
            let parent = w.boundaries.map { b in b.parent.flatMap { boundaryByID.value($0) } }
            let order = w.boundaries.indices.sorted { w.boundaries[$0].id < w.boundaries[$1].id }
            for cycle in BoundaryTree.cycles(parent, from: order) {
                let ids = cycle.map { w.boundaries[$0].id }
                let smallest = cycle.min { w.boundaries[$0].id < w.boundaries[$1].id } ?? cycle[cycle.startIndex]
                report.add(.error, "boundary-cycle", "boundaries form a cycle: \((ids + [ids[0]]).joined(separator: " -> "))",
                           at(w.boundaries[smallest].location, "parent"))
            }
        }

        /// Acceptances, not-applicable entries and overrides: the threats, controls and assets they name, and
        /// entries that match no finding.
        func entries() -> [Diagnostic] {
            var report = Report()
            guard !w.acceptedRisks.isEmpty || !w.notApplicable.isEmpty || !w.overrides.isEmpty else { return [] }
            let catalog = self.catalog, w = self.w
            let assetByID = firstIndex(w.assets.lazy.map(\.id), count: w.assets.count)
            let applicability = Applicability(catalog: catalog, frameworks: frameworks)
            func checkFinding(_ threat: String, _ asset: String, _ loc: SourceLocation, what: String) {
                guard catalog.threatIndex[threat] != nil else {
                    report.add(.error, "unknown-threat", "unknown threat '\(threat)' in \(what)", at(loc, "threat"), suggest: threat, from: catalog.threats.map(\.id))
                    return
                }
                guard let ai = assetByID.value(asset) else {
                    report.add(.error, "unknown-reference", "unknown asset '\(asset)' in \(what)", at(loc, "asset"), suggest: asset, from: w.assets.map(\.id))
                    return
                }
                let kind = w.assets[ai].kind
                if catalog.kindIndex[kind] != nil && !applicability.applies(threat, toKind: kind, capabilities: Set(w.assets[ai].capabilities), in: catalog) {
                    report.add(.warning, "matches-nothing", "\(what) \(threat)@\(asset) matches no finding (the threat does not apply to a \(kind) under the selected frameworks)", loc)
                }
            }
            for r in w.acceptedRisks { checkFinding(r.threat, r.asset, r.location, what: "acceptance") }
            for n in w.notApplicable { checkFinding(n.threat, n.asset, n.location, what: "notApplicable entry") }
            for o in w.overrides {
                if let c = o.control, catalog.controlIndex[c] == nil {
                    report.add(.error, "unknown-control", "unknown control '\(c)' in override", at(o.location, "control"), suggest: c, from: catalog.controls.map(\.id))
                }
                if let t = o.threat, catalog.threatIndex[t] == nil {
                    report.add(.error, "unknown-threat", "unknown threat '\(t)' in override", at(o.location, "threat"), suggest: t, from: catalog.threats.map(\.id))
                }
                if let a = o.asset, assetByID.value(a) == nil {
                    report.add(.error, "unknown-reference", "unknown asset '\(a)' in override", at(o.location, "asset"), suggest: a, from: w.assets.map(\.id))
                }
                if o.control != nil && o.effectiveness == nil && (o.severity != nil || o.likelihood != nil) && o.threat == nil {
                    report.add(.warning, "override-mismatch", "severity and likelihood override a threat; name it with 'threat'", o.location)
                }
            }
            return report.diagnostics
        }

        /// Control references checked against the catalog: known ids, a note on not-applicable ones, and placement.
        private struct ControlPlacement {
            let catalog: Catalog
            let byID: IDTable
            /// The catalog's asset kinds by id.
            private let kindByID: IDTable
            /// Places a control can be deployed on: the catalog's asset kinds by index, then flows.
            let placeCount: Int
            /// Per control and place, whether the control deploys there (`deployOn`).
            let deploys: [Bool]

            init(_ catalog: Catalog) {
                self.catalog = catalog
                byID = firstIndex(catalog.controls.lazy.map(\.id), count: catalog.controls.count)
                kindByID = firstIndex(catalog.assetKinds.lazy.map(\.id), count: catalog.assetKinds.count)
                let flow = catalog.assetKinds.count
                placeCount = flow + 1
                var deploys = [Bool](repeating: false, count: catalog.controls.count * placeCount)
                for (c, control) in catalog.controls.enumerated() {
                    for place in control.deployOn {
                        if place == "flow" { deploys[c * placeCount + flow] = true }
                        if let k = kindByID.value(place) { deploys[c * placeCount + k] = true }
                    }
                }
                self.deploys = deploys
            }

            /// The index of a catalog asset kind, or nil.
            func kind(_ id: String) -> Int? { kindByID.value(id) }

            /// What controls are placed on.
            enum Owner {
                /// An asset of a kind, with the kind's index when the catalog has it (placement is checked only then),
                /// and its service.
                case asset(kind: String, index: Int?, service: String?)
                /// A boundary: its controls may be of any kind.
                case boundary
                case flow

                var text: String {
                    switch self {
                    case .asset(let kind, _, _): "a \(kind) asset"
                    case .boundary: "a boundary"
                    case .flow: "a flow"
                    }
                }
            }

            /// Checks `refs` placed on `owner`.
            func check(_ refs: [ControlRef], on owner: Owner, _ report: inout Report) {
                let place: Int? = switch owner {
                case .asset(_, let index, _): index
                case .boundary: nil
                case .flow: placeCount - 1
                }
                for r in refs.indices {
                    guard let c = byID.value(refs[r].id) else {
                        report.add(.error, "unknown-control", "unknown control '\(refs[r].id)'", refs[r].location, suggest: refs[r].id, from: catalog.controls.map(\.id))
                        continue
                    }
                    if refs[r].status == .notApplicable && (refs[r].note ?? "").isEmpty {
                        report.add(.warning, "missing-note", "control '\(refs[r].id)' is marked not-applicable without a note saying why", refs[r].location)
                    }
                    if let place, !deploys[c * placeCount + place], !refs[r].placementIntended {
                        report.addOnce("\(refs[r].id) on \(owner.text)", .warning, "control-placement",
                                       "control '\(refs[r].id)' is not meant for \(owner.text) (it deploys on \(catalog.controls[c].deployOn.joined(separator: ", "))); it still counts",
                                       refs[r].location, notes: ["if it is meant, say why in \"note\" and add \"placement\": \"intended\""])
                    }
                    if case .asset(_, _, let service) = owner, let unfit = catalog.controls[c].unfitService(service), !refs[r].placementIntended {
                        report.addOnce("\(refs[r].id) on \(service ?? "")", .warning, "control-service-fit",
                                       "control '\(refs[r].id)' does not fit the service '\(service ?? "")' (it cannot be put to work on \(unfit)); it still counts",
                                       refs[r].location, notes: ["if it is meant, say why in \"note\" and add \"placement\": \"intended\""])
                    }
                }
            }
        }
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
