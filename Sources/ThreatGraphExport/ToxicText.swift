import ThreatGraph

/// Toxic combinations as text: one sentence for SARIF and summaries, and a block per combination for the terminal.
public enum ToxicText {
    /// "Agent a: anonymous content reaches it (x → y → a), it reads restricted data (db → tool), and data leaves
    /// through web-frontend (a → api → web)."
    public static func sentence(_ t: ToxicCombination) -> String {
        let name = t.members.count > 1 ? "Agent chain \(t.agent) (\(t.members.joined(separator: ", ")))" : "Agent \(t.agent)"
        return "\(name): \(t.untrusted.because) reaches it (\(route(t.untrusted))), it reads \(t.sensitive.because) (\(route(t.sensitive))), "
            + "and data can leave through \(t.egress.because) (\(route(t.egress)))"
            + (t.broken ? "; a leg is broken by an implemented control." : "; no implemented control breaks a leg.")
    }

    /// The terminal block: the sentence, then each leg with its breakers.
    public static func block(_ t: ToxicCombination, catalog: Catalog) -> String {
        var text = "  " + sentence(t) + "\n"
        for (name, leg) in [("untrusted in", t.untrusted), ("sensitive in", t.sensitive), ("data out", t.egress)] {
            let severed = leg.severedBy.map { catalog.controls[$0].id }.joined(separator: ", ")
            text += "    \(name): \(route(leg))\(leg.broken ? " (broken by \(severed))" : "")\n"
            text += "      breakers: " + (leg.breakers.isEmpty ? "none in the catalog" : breakers(leg, catalog: catalog)) + "\n"
        }
        return text
    }

    /// A leg's route joined by arrows.
    public static func route(_ leg: ToxicCombination.Leg) -> String { leg.route.joined(separator: " → ") }

    /// "ctl.x on a (implemented), ctl.y on b (add)".
    public static func breakers(_ leg: ToxicCombination.Leg, catalog: Catalog) -> String {
        leg.breakers.map { "\(catalog.controls[$0.control].id) on \($0.on) (\($0.status?.rawValue ?? "add"))" }.joined(separator: ", ")
    }
}
