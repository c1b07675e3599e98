import ThreatGraph
import ThreatGraphExport

/// `catalog list|show|search|validate`.
enum CatalogCommand {
    /// What `catalog list` lists.
    enum EntryType: String, Sendable, CaseIterable {
        case threats, controls, kinds, tactics, mitigations
        case caseStudies = "case-studies"
    }

    static let type = Option<EntryType>.choice("type", "TYPE", help: "What to list.", default: .threats, among: EntryType.allCases)
    static let framework = Option<String?>.text("framework", "F", help: "Only threats of this framework.", among: CatalogSchema.frameworks)
    static let layer = Option<String?>.text("layer", "L", help: "Only threats, controls or kinds of this layer.", among: CatalogSchema.layerIDs)
    static let format = Option<OutputFormat>.format([.text, .json])

    static let listSpec = CommandSpec.plain("catalog list", "List catalog entries.", options: [type.spec, framework.spec, layer.spec, format.spec],
                                            run: list)
    static let showSpec = CommandSpec(name: "catalog show", summary: "Show one catalog entry (threat, control, kind, tactic, mitigation or case study) in full.",
                                      operands: "ID", minOperands: 1, maxOperands: 1, options: [format.spec], run: show)
    static let searchSpec = CommandSpec(name: "catalog search", summary: "Find threats, controls and kinds whose id, name or summary contains every word of TEXT.",
                                        operands: "TEXT", minOperands: 1, maxOperands: nil, options: [format.spec], run: search)
    static let validateSpec = CommandSpec.plain("catalog validate", "Check every catalog invariant (with --catalog overlays) and list every problem.",
                                                options: [], run: validate)

    static func list(_ session: Session) -> ExitStatus {
        let c = session.catalog
        let a = session.arguments
        let entries = a[type]
        if a[framework] != nil && entries != .threats {
            session.output.err("error: --framework applies to --type threats only\n")
            return .invalid
        }
        if a[layer] != nil && ![.threats, .controls, .kinds].contains(entries) {
            session.output.err("error: --layer applies to --type threats, controls or kinds only\n")
            return .invalid
        }
        let (rows, items) = listed(entries, in: c, framework: a[framework], layer: a[layer])
        if a[format] == .json {
            session.output.out(JSONText.array(items).rendered())
        } else {
            session.output.out(Terminal.escapeKeepingLines(table(rows) + "\(rows.count) \(entries.rawValue)\n"))
        }
        return .success
    }

    /// Rows for the text table and items for JSON of one entry type, filtered.
    static func listed(_ type: EntryType, in c: Catalog, framework: String?, layer: String?) -> (rows: [(id: String, columns: [String])], items: [JSONText]) {
        var rows: [(id: String, columns: [String])] = []
        var items: [JSONText] = []
        switch type {
        case .threats:
            for t in c.threats where framework == nil || t.framework == framework {
                if let layer, !t.appliesTo.contains(where: { c.kind($0)?.layer == layer }) { continue }
                rows.append((t.id, [t.framework, t.severity.rawValue, c.displayName(of: t)]))
                items.append(CatalogJSON.threat(t, in: c))
            }
        case .controls:
            for k in c.controls where layer == nil || k.layer == layer {
                rows.append((k.id, [k.kind.rawValue, k.scope.rawValue, k.name]))
                items.append(CatalogJSON.control(k))
            }
        case .kinds:
            for k in c.assetKinds where layer == nil || k.layer == layer {
                rows.append((k.id, [k.layer, k.name]))
                items.append(CatalogJSON.kind(k))
            }
        case .tactics:
            for t in c.tactics {
                rows.append((t.id, [String(t.order), t.name]))
                items.append(CatalogJSON.tactic(t))
            }
        case .mitigations:
            for m in c.mitigations {
                rows.append((m.id, [m.name]))
                items.append(CatalogJSON.mitigation(m, in: c))
            }
        case .caseStudies:
            for s in c.caseStudies {
                rows.append((s.id, [s.name]))
                items.append(CatalogJSON.caseStudy(s))
            }
        }
        return (rows, items)
    }

    static func table(_ rows: [(id: String, columns: [String])]) -> String {
        guard !rows.isEmpty else { return "" }
        let columnCount = rows.map(\.columns.count).max() ?? 0
        var widths = [rows.map(\.id.count).max() ?? 0]
        for i in 0..<max(0, columnCount - 1) { widths.append(rows.map { i < $0.columns.count ? $0.columns[i].count : 0 }.max() ?? 0) }
        var text = ""
        for row in rows {
            var line = row.id.padding(to: widths[0])
            for (i, col) in row.columns.enumerated() {
                line += "  " + (i + 1 < row.columns.count ? col.padding(to: widths[i + 1]) : col)
            }
            text += line + "\n"
        }
        return text
    }

    static func show(_ session: Session) -> ExitStatus {
        let c = session.catalog
        let id = session.arguments.operands[0]
        guard let entry = entry(id, in: c) else {
            let all = c.threats.map(\.id) + c.controls.map(\.id) + c.assetKinds.map(\.id) + c.tactics.map(\.id) + c.mitigations.map(\.id)
                + c.caseStudies.map(\.id)
            var message = "error: no catalog entry '\(Terminal.escape(id))'\n"
            if let m = Suggestion.bestMatch(for: id, in: all) { message += "  did you mean '\(m)'?\n" }
            session.output.err(message)
            return .invalid
        }
        if session.arguments[format] == .json {
            session.output.out(entry.json.rendered())
        } else {
            session.output.out(Terminal.escapeKeepingLines(entry.text()))
        }
        return .success
    }

    /// The entry with this id, of whatever type, as JSON and as text; nil when there is none.
    static func entry(_ id: String, in c: Catalog) -> (json: JSONText, text: () -> String)? {
        func name(_ threat: String) -> String { c.threat(threat).map { c.displayName(of: $0) } ?? "" }
        if let t = c.threat(id) { return (CatalogJSON.threat(t, in: c), { threatText(t, in: c) }) }
        if let k = c.control(id) { return (CatalogJSON.control(k), { controlText(k, in: c) }) }
        if let k = c.kind(id) {
            return (CatalogJSON.kind(k), {
                var text = "\(k.id)  \(k.name)\nlayer: \(c.layer(k.layer)?.name ?? k.layer)\n"
                for cloud in k.services.keys.sorted() { text += "\(cloud): \((k.services[cloud] ?? []).joined(separator: ", "))\n" }
                let threats = c.threats.filter { $0.appliesTo.contains(k.id) }
                return text + "\n\(k.summary)\n\nthreats (\(threats.count)):\n" + threats.map { "  \($0.id)  \(c.displayName(of: $0))\n" }.joined()
            })
        }
        if let t = c.tactic(id) {
            let techniques = c.threats.filter { $0.tactics.contains(t.id) }
            return (CatalogJSON.tactic(t), {
                "\(t.id)  \(t.name)\norder: \(t.order)\n\ntechniques (\(techniques.count)):\n" + techniques.map { "  \($0.id)  \(c.displayName(of: $0))\n" }.joined()
            })
        }
        if let i = c.mitigationIndex[id] {
            let m = c.mitigations[i]
            let realised = c.controls.filter { $0.atlasMitigations.contains(m.id) }.map(\.id)
            return (CatalogJSON.mitigation(m, in: c), {
                "\(m.id)  \(m.name)\n\n\(m.summary)\n\naddresses: \(m.addresses.joined(separator: ", "))\nrealised by: \(realised.joined(separator: ", "))\n"
            })
        }
        if let i = c.caseStudyIndex[id] {
            let s = c.caseStudies[i]
            return (CatalogJSON.caseStudy(s), { "\(s.id)  \(s.name)\n\ntechniques in order:\n" + s.techniques.map { "  \($0)  \(name($0))\n" }.joined() })
        }
        return nil
    }

    /// A threat in full: framework, severity, tactics, parent and sub-techniques, kinds, related, summary, controls, basis.
    static func threatText(_ t: Threat, in c: Catalog) -> String {
        var text = "\(t.id)  \(c.displayName(of: t))\nframework: \(t.framework)\nseverity: \(t.severity.rawValue), likelihood \(JSONText.format(t.likelihood))\n"
        if !t.tactics.isEmpty { text += "tactics: \(t.tactics.map { "\($0) \(c.tactic($0)?.name ?? "")" }.joined(separator: ", "))\n" }
        if let p = t.parent { text += "parent: \(p) \(c.threat(p)?.name ?? "")\n" }
        let subs = c.threatIndex[t.id].map { c.children[$0].map { c.threats[$0].id } } ?? []
        if !subs.isEmpty { text += "sub-techniques: \(subs.joined(separator: ", "))\n" }
        text += "applies to: \(t.appliesTo.isEmpty ? "(no asset kind)" : t.appliesTo.joined(separator: ", "))\n"
        if !t.related.isEmpty { text += "related: \(t.related.map { "\($0) \(c.threat($0).map { c.displayName(of: $0) } ?? "")" }.joined(separator: "; "))\n" }
        if let url = t.url { text += "url: \(url)\n" }
        text += "\n\(t.summary)\n"
        let controls = c.controls.filter { c.mitigates($0, t.id) }
        if !controls.isEmpty {
            text += "\nmitigated by:\n" + controls.map { "  \($0.id)  \($0.name) (\($0.kind.rawValue), effectiveness \(JSONText.format($0.effectiveness)))\n" }.joined()
        }
        if !t.basis.isEmpty { text += "\nbasis:\n" + t.basis.keys.sorted().map { "  \($0): \(t.basis[$0] ?? "")\n" }.joined() }
        return text
    }

    /// A control in full: layer, kind, scope, effectiveness, cost, placements, implementations, summary, threats.
    static func controlText(_ k: Control, in c: Catalog) -> String {
        var text = "\(k.id)  \(k.name)\nlayer: \(c.layer(k.layer)?.name ?? k.layer)\nkind: \(k.kind.rawValue), scope: \(k.scope.rawValue)\n"
        text += "effectiveness: \(JSONText.format(k.effectiveness)), cost: \(k.cost)\ndeploys on: \(k.deployOn.joined(separator: ", "))\n"
        for cloud in k.implementations.keys.sorted() { text += "\(cloud): \((k.implementations[cloud] ?? []).joined(separator: ", "))\n" }
        if !k.atlasMitigations.isEmpty { text += "ATLAS mitigations: \(k.atlasMitigations.joined(separator: ", "))\n" }
        if let gate = k.gate { text += "gate: \(gate.rawValue)\n" }
        if !k.unfitServices.isEmpty { text += "does not fit services: \(k.unfitServices.joined(separator: ", "))\n" }
        text += "\n\(k.summary)\n\nmitigates:\n" + k.mitigates.map { "  \($0)  \(c.threat($0).map { c.displayName(of: $0) } ?? "")\n" }.joined()
        if !k.excludes.isEmpty { text += "excludes: \(k.excludes.joined(separator: ", "))\n" }
        if !k.basis.isEmpty { text += "\nbasis:\n" + k.basis.keys.sorted().map { "  \($0): \(k.basis[$0] ?? "")\n" }.joined() }
        return text
    }

    static func search(_ session: Session) -> ExitStatus {
        let c = session.catalog
        let words = session.arguments.operands.joined(separator: " ").lowercased().split(whereSeparator: { $0 == " " }).map(String.init)
        func matches(_ fields: [String]) -> Bool {
            let text = fields.joined(separator: " ").lowercased()
            return words.allSatisfy { text.contains($0) }
        }
        let threats = c.threats.filter { matches([$0.id, $0.name, c.displayName(of: $0), $0.summary]) }
        let controls = c.controls.filter { k in matches([k.id, k.name, k.summary] + k.implementations.keys.sorted().flatMap { k.implementations[$0] ?? [] }) }
        let kinds = c.assetKinds.filter { k in matches([k.id, k.name, k.summary] + k.services.keys.sorted().flatMap { k.services[$0] ?? [] }) }
        if session.arguments[format] == .json {
            session.output.out(CommandEnvelopes.catalogSearchJSON(threats: threats, controls: controls, kinds: kinds, in: c))
        } else {
            let rows = threats.map { (id: $0.id, columns: ["threat", $0.framework, c.displayName(of: $0)]) }
                + controls.map { (id: $0.id, columns: ["control", $0.layer, $0.name]) } + kinds.map { (id: $0.id, columns: ["kind", $0.layer, $0.name]) }
            session.output.out(Terminal.escapeKeepingLines(table(rows) + "\(rows.count) match\(rows.count == 1 ? "" : "es")\n"))
        }
        return .success
    }

    static func validate(_ session: Session) -> ExitStatus {
        let problems = CatalogValidator.validate(session.catalog)
        Session.print(problems, to: session.output)
        let c = session.catalog
        if problems.hasErrors {
            let n = problems.filter { $0.severity == .error }.count
            session.output.err("catalog \(Terminal.escape(c.manifest.version)): \(n) problem\(n == 1 ? "" : "s")\n")
            return .invalid
        }
        session.output.out("catalog \(Terminal.escape(c.manifest.version)): valid — \(c.threats.count) threats, \(c.controls.count) controls, \(c.assetKinds.count) asset kinds, "
                           + "\(c.tactics.count) tactics, \(c.mitigations.count) mitigations, \(c.caseStudies.count) case studies\n")
        return .success
    }
}

extension String {
    /// Pads with spaces to a width (never truncates).
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
