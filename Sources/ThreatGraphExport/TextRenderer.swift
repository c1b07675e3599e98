import ThreatGraph

/// Terminal text for `analyze`, `gaps` and `explain`.
public enum TextRenderer {
    /// The `analyze` summary: coverage per layer and per framework, and the worst open findings.
    public static func summary(_ a: Analysis, top: Int = 10) -> String {
        let c = a.catalog, s = CoverageSummary(a)
        var text = "\(TextFormatting.clean(a.workload.name)) — as of \(a.options.asOf), catalog \(c.manifest.version), frameworks \(a.frameworks.joined(separator: ", "))\n"
        text += "\(a.workload.assets.count) assets, \(a.workload.actors.count) actors, \(a.workload.flows.count) flows; \(s.findings.applicable) findings: "
        text += FindingStatus.allCases.filter { $0 != .notApplicable }.map { "\(s.findings[$0]) \($0.rawValue)" }.joined(separator: ", ")
        text += "\n\nCoverage by layer\n" + coverageByLayer(a, s)
        text += "\nCoverage by framework\n" + coverageByFramework(a, s)
        let singleLayer = s.singleLayer.covered, bypassed = s.bypassed.applicable
        text += "\nDefense in depth: \(singleLayer) covered high/critical finding\(singleLayer == 1 ? "" : "s") rest on a single layer; "
        text += "\(bypassed) finding\(bypassed == 1 ? " has" : "s have") an upstream filter that some route bypasses"
        text += a.bypassSearchComplete ? ".\n" : " (some assets have more than 8 bypassed filters; the first 8 by id are listed).\n"
        if !a.egress.isEmpty {
            text += "\nSensitive data leaving the workload\n"
            for e in a.egress { text += "  \(e.id): \(e.sensitivity.rawValue) data to \(e.to)\(e.controls.isEmpty ? "" : " (flow controls: \(e.controls.joined(separator: ", ")))")\n" }
        }
        let toxic = a.toxicCombinations
        if !toxic.isEmpty {
            text += "\nToxic agent combinations (untrusted content in, sensitive data in, a way out)\n"
            for t in toxic { text += ToxicText.block(t, catalog: c) }
        }
        let open = a.openFindings
        text += "\nWorst open findings (\(open.count) open, risk total \(TextFormatting.score(s.openRiskTotal)))\n"
        text += open.isEmpty ? "  none\n" : findingRows(a, Array(open.prefix(top)))
        if open.count > top { text += "  … and \(open.count - top) more: threatgraph gaps \(a.workload.files.joined(separator: " "))\n" }
        text += acceptances(a)
        text += "\nRisk: \(RiskModel.formulaText)\n"
        return text
    }

    /// A table row per layer with applicable findings.
    static func coverageByLayer(_ a: Analysis, _ s: CoverageSummary) -> String {
        var rows = [["layer", "findings", "covered", "accepted", "partial", "gap", "covered %"]]
        for (li, layer) in a.catalog.layers.enumerated() where s.byLayer[li].applicable > 0 {
            let l = s.byLayer[li]
            rows.append([layer.name, "\(l.applicable)", "\(l.covered)", "\(l.accepted)", "\(l.partial)", "\(l.gap)", TextFormatting.percent(l.covered, l.applicable)])
        }
        return TextFormatting.table(rows)
    }

    /// A table row per framework in force.
    static func coverageByFramework(_ a: Analysis, _ s: CoverageSummary) -> String {
        var rows = [["framework", "findings", "covered", "open", "covered %"]]
        for (fi, fw) in a.frameworks.enumerated() {
            let l = s.byFramework[fi]
            rows.append([fw, "\(l.applicable)", "\(l.covered)", "\(l.open)", TextFormatting.percent(l.covered, l.applicable)])
        }
        return TextFormatting.table(rows)
    }

    /// Acceptances that expired or expire within 30 days (nothing when there are none).
    static func acceptances(_ a: Analysis) -> String {
        let expiring = a.acceptancesExpiring(within: 30), expired = a.expiredAcceptances
        guard !expiring.isEmpty || !expired.isEmpty else { return "" }
        var text = "\nAcceptances\n"
        for i in expired { let r = a.workload.acceptedRisks[i]; text += "  EXPIRED \(r.expires): \(r.findingID) (owner \(TextFormatting.clean(r.owner, max: 40)))\n" }
        for i in expiring { let r = a.workload.acceptedRisks[i]; text += "  expires \(r.expires): \(r.findingID) (owner \(TextFormatting.clean(r.owner, max: 40)))\n" }
        return text
    }

    /// Rows of findings: level, score, id, status, exposure, what would close it.
    public static func findingRows(_ a: Analysis, _ findings: [Finding]) -> String {
        // Threat names depend only on the threat: each is cleaned once.
        var closingControls = ClosingControls(a)
        var threatNames: [Int: String] = [:]
        var rows: [[String]] = []
        rows.reserveCapacity(findings.count)
        for f in findings {
            let closing = closingControls.controls(for: f, limit: 2).map(\.id)
            let name: String
            if let known = threatNames[f.threat] {
                name = known
            } else {
                name = TextFormatting.clean(a.catalog.displayName(of: a.catalog.threats[f.threat]), max: 48)
                threatNames[f.threat] = name
            }
            rows.append(["  " + f.level.rawValue, TextFormatting.score(f.score), f.id, f.status.rawValue,
                         f.exposure?.rawValue ?? "unreachable", name, closing.isEmpty ? "" : "→ " + closing.joined(separator: ", ")])
        }
        return TextFormatting.table(rows)
    }

    /// `gaps`: the given findings, worst first.
    public static func gaps(_ a: Analysis, _ findings: [Finding]) -> String {
        guard !findings.isEmpty else { return "No open findings match.\n" }
        return findingRows(a, findings) + "\(findings.count) open finding\(findings.count == 1 ? "" : "s")\n"
    }

    /// What the trust gates change for a finding's exposure: the gates, and who would reach the asset without them.
    static func gateLine(_ a: Analysis, _ f: Finding) -> String {
        guard !a.gates.isEmpty else { return "" }
        let g = a.graph, trust = a.workload.actors.map(\.trust)
        let open = Reachability.exposureByVector(g, trust: trust)
        let node = g.assetNode(f.asset)
        let without = a.catalog.threats[f.threat].vector == .stored ? open.stored[node] : open.input[node]
        guard without != f.exposure else { return "" }
        let gated = a.workload.assets.indices.compactMap { i -> String? in
            guard !a.gates.node.isEmpty, let t = a.gates.node[g.assetNode(i)] else { return nil }
            return "\(TextFormatting.clean(a.workload.assets[i].id)) (\(t.rawValue))"
        }
        let flows = a.gates.flow.indices.compactMap { i in a.gates.flow[i].map { "flow \(TextFormatting.clean(a.workload.flows[i].id)) (\($0.rawValue))" } }
        return "  gates: without the trust gates on \((gated + flows).joined(separator: ", ")), \(without?.rawValue ?? "no") actors would reach it\n"
    }

    /// The risk score of `explain` factor by factor, and where the likelihood, exposure and sensitivity come from.
    static func riskLines(_ a: Analysis, _ f: Finding) -> String {
        let asset = a.workload.assets[f.asset], threat = a.catalog.threats[f.threat]
        var text = "risk: \(f.level.rawValue) \(TextFormatting.score(f.score)) = 10 × severity \(f.severity.rawValue) (\(RiskModel.weight(f.severity)))"
        text += " × likelihood \(TextFormatting.decimal(f.likelihood, 2)) (\(TextFormatting.decimal(RiskModel.weight(likelihood: f.likelihood), 2)))"
        text += " × exposure \(f.exposure?.rawValue ?? "unreachable") (\(RiskModel.weight(f.exposure)))"
        text += " × sensitivity \(f.sensitivity.rawValue) (\(RiskModel.weight(f.sensitivity))) × residual \(TextFormatting.decimal(f.residual, 3))\n"
        switch threat.vector {
        case .supply: text += "  exposure: a supply-chain threat, exposed to suppliers whoever can send requests\n"
        case .platform: text += "  exposure: a platform threat, exposed to the insiders who hold cloud credentials\n"
        case .stored:
            text += "  exposure: a stored threat, exposed to the least trusted actor whose content persists in the asset (a route ending in a send or write flow; reads do not count)\n"
            text += gateLine(a, f)
        case .input, nil:
            text += "  exposure: the least trusted actor with a route to the asset; trust gates (authentication, private endpoints) stop less trusted actors\n"
            text += gateLine(a, f)
        }
        if let flow = a.resolved.sensitivitySource[f.asset] {
            let id = TextFormatting.clean(a.workload.flows[flow].id)
            text += "  sensitivity: \(f.sensitivity.rawValue) from the data on flow \(id) (the asset itself is \(asset.sensitivity.rawValue))\n"
        }
        if f.likelihood < RiskModel.commonLikelihood {
            text += "  likelihood: rated rare, so the score is discounted\n"
        }
        return text
    }

    /// `explain`: why a finding has its status.
    public static func explain(_ a: Analysis, _ f: Finding) -> String {
        let c = a.catalog
        let threat = c.threats[f.threat]
        let asset = a.workload.assets[f.asset]
        var text = "\(f.id)\n\(c.displayName(of: threat)) (\(threat.framework)) on \(TextFormatting.clean(asset.name)) [\(asset.kind)]\n\n"
        text += "status: \(f.status.rawValue)\n"
        switch f.status {
        case .notApplicable: text += "  listed in notApplicable: \(TextFormatting.clean(f.notApplicable.map { a.workload.notApplicable[$0].reason } ?? "", max: 200))\n"
        case .covered: text += "  an implemented preventive control covers it\n"
        case .accepted: text += "  no implemented preventive control covers it, and a valid acceptance holds\n"
        case .partial: text += "  only planned, detective or responsive controls cover it\n"
        case .gap: text += "  no control covers it\n"
        }
        text += riskLines(a, f)
        text += "depth: \(f.depth) layer\(f.depth == 1 ? "" : "s")\(f.layers.isEmpty ? "" : " (\(f.layers.joined(separator: ", ")))")\(f.singleLayer ? " — single layer for a \(f.severity.rawValue) threat" : "")\n"
        text += "\nControls that count\n"
        if f.controls.isEmpty { text += "  none\n" }
        for cc in f.controls {
            let control = c.controls[cc.control]
            let how: String
            switch cc.via {
            case .direct: how = "on the asset"
            case .inherited: how = "inherited from boundary \(cc.on)"
            case .dominator: how = "inbound filter on \(cc.on), which every route to the asset passes"
            case .flow: how = "on every flow into the asset (\(cc.on))"
            case .caller: how = "outbound on every asset that sends into it (\(cc.on))"
            }
            text += "  \(control.id) (\(control.kind.rawValue), \(cc.status.rawValue), effectiveness \(cc.effectiveness)): \(how)\n"
        }
        if !f.bypassed.isEmpty {
            text += "\nBypassed filters\n"
            for b in f.bypassed { text += "  \(c.controls[b.control].id) on \(b.on) is avoided by \(b.route.joined(separator: " → "))\n" }
        }
        if let i = f.acceptance {
            let r = a.workload.acceptedRisks[i]
            text += "\nAcceptance: \(f.acceptanceState?.rawValue ?? "valid") until \(r.expires), owner \(TextFormatting.clean(r.owner, max: 60))\(r.ticket.map { ", ticket \(TextFormatting.clean($0, max: 40))" } ?? ""): \(TextFormatting.clean(r.reason, max: 200))\n"
        }
        let related = a.relatedFindings(of: f)
        if !related.isEmpty { text += "\nSame weakness in other frameworks: \(related.map { "\($0.id) (\($0.status.rawValue))" }.joined(separator: ", "))\n" }
        for g in related where g.status != f.status {
            let there = a.controlsCounting(for: g, notFor: f).map { c.controls[$0].id }, here = a.controlsCounting(for: f, notFor: g).map { c.controls[$0].id }
            text += "  \(g.id) is \(g.status.rawValue), this one \(f.status.rawValue):"
            text += there.isEmpty ? "" : " \(there.joined(separator: ", ")) count\(there.count == 1 ? "s" : "") there only, as the catalog maps \(there.count == 1 ? "it" : "them") to that entry;"
            text += here.isEmpty ? "" : " \(here.joined(separator: ", ")) count\(here.count == 1 ? "s" : "") here only;"
            text += " the other's acceptance or exclusion does not carry over\n"
        }
        let closing = a.closingControls(for: f, limit: 5)
        if f.status != .covered && f.status != .notApplicable {
            text += "\nWhat could close it\n"
            if closing.isEmpty { text += "  no catalog control deploys on a \(asset.kind) and mitigates it; add an inbound filter upstream\n" }
            for control in closing {
                let impl = a.workload.implementations(of: control, asset: f.asset)
                text += "  \(control.id) — \(control.name) (\(control.kind.rawValue), effectiveness \(control.effectiveness), cost \(control.cost))\(impl.isEmpty ? "" : ": \(impl.joined(separator: ", "))")\n"
            }
        }
        return text
    }
}
