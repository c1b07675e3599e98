import Testing
@testable import ThreatGraph

/// A large model is read and checked by two threads; what a user gets — the workload, and every diagnostic in
/// order — must be what one thread gives.
@Suite struct ConcurrentReadingTests {
    /// A model large enough for both halves of reading and checking to run on two threads, with `mistakes` problems
    /// of every kind spread over the assets, boundaries, flows and entries naming findings.
    static func largeModel(assets n: Int, mistakes: Bool) -> String {
        var actors: [String] = [], boundaries: [String] = [], assets: [String] = [], flows: [String] = []
        let kinds = ["web-frontend", "api-gateway", "llm-endpoint", "vector-store", "nosql-database"]
        for i in 0..<20 { actors.append(#"{"id": "actor-\#(i)", "trust": "anonymous"}"#) }
        for b in 0..<(n / 10) {
            let parent = b >= 10 ? #", "parent": "b\#(b % 10)""# : ""
            boundaries.append(#"{"id": "b\#(b)"\#(parent), "controls": [{"id": "ctl.runtime.threat-detection", "status": "implemented"}]}"#)
        }
        for i in 0..<n {
            var kind = kinds[i % kinds.count], boundary = "b\(i / 10)", control = "ctl.data.encryption-at-rest"
            if mistakes && i % 997 == 1 { kind = "llm-endpiont" }
            if mistakes && i % 991 == 2 { boundary = "nowhere" }
            if mistakes && i % 983 == 3 { control = "ctl.data.encryption-at-rst" }
            let id = mistakes && i % 977 == 4 ? "a\(i - 1)" : "a\(i)"
            // An asset that cannot be read, in either thread's share of the assets.
            if mistakes && i % 911 == 10 {
                assets.append(#"{"id": 7, "kind": "\#(kind)"}"#)
                continue
            }
            // A placement warning on the kinds that do not store data.
            assets.append(#"{"id": "\#(id)", "name": "Asset \#(i) <b>", "kind": "\#(kind)", "boundary": "\#(boundary)", "controls": [{"id": "\#(control)", "status": "implemented"}]}"#)
        }
        for i in 0..<n {
            let from = i % 50 == 0 ? "actor-\(i % 20)" : "a\(i)"
            var to = "a\((i + 1) % n)"
            if mistakes && i % 967 == 5 { to = "a-missing" }
            if i % 953 == 6 { to = from }
            if i % 947 == 7 { to = "actor-3" }
            flows.append(#"{"from": "\#(from)", "to": "\#(to)", "data": "calls", "controls": [{"id": "ctl.data.tls-in-transit", "status": "implemented"}]}"#)
            if i % 10 == 0 { flows.append(#"{"from": "\#(from)", "to": "\#(to)", "bidirectional": true}"#) }
            if mistakes && i % 941 == 8 { flows.append(#"{"from": "\#(from)", "to": 7}"#) }
        }
        let entries = mistakes
            ? #", "acceptedRisks": [{"threat": "AML.T0051.000", "asset": "a-none", "reason": "r", "owner": "o", "expires": "2027-01-01"}, "#
                + #"{"threat": "AML.T0051.000", "asset": "a9", "reason": "r", "owner": "o", "expires": "2027-01-01"}]"#
            : ""
        return #"{"threatgraph": "1", "name": "large", "actors": [\#(actors.joined(separator: ",\n"))], "boundaries": [\#(boundaries.joined(separator: ",\n"))],"#
            + #" "assets": [\#(assets.joined(separator: ",\n"))], "flows": [\#(flows.joined(separator: ",\n"))]\#(entries)}"#
    }

    /// What a user sees of a load: the workload's entities and the diagnostics, in order.
    static func outcome(_ files: [InputFile], concurrently: Bool) -> (entities: String, diagnostics: [String]) {
        let (w, diagnostics) = ModelLoader.load(files, catalog: builtInCatalog(), frameworks: nil, limits: ModelLimits(), concurrently: concurrently)
        let entities = w.map { "\($0.actors)\n\($0.boundaries)\n\($0.assets)\n\($0.flows)\n\($0.acceptedRisks)\n\($0.files)" } ?? "none"
        return (entities, diagnostics.map(\.rendered))
    }

    @Test(arguments: [(mistakes: false, files: 1), (mistakes: true, files: 1), (mistakes: false, files: 2), (mistakes: true, files: 2)])
    func twoThreadsReadWhatOneReads(_ c: (mistakes: Bool, files: Int)) throws {
        let n = 4000
        // Flows, and entities over all, past the thresholds for two threads.
        #expect(n + n / 10 >= ModelLoader.concurrentFlows && 20 + n / 10 + n + n + n / 10 >= ModelValidator.concurrentEntities)
        let text = Self.largeModel(assets: n, mistakes: c.mistakes)
        // Two files: the same model twice, so every id is defined twice and flow ids count across files.
        let files = (0..<c.files).map { InputFile(name: "large-\($0).json", bytes: Array(text.utf8)) }
        let serial = Self.outcome(files, concurrently: false), concurrent = Self.outcome(files, concurrently: true)
        #expect(concurrent.entities == serial.entities)
        // What a file holds, read before the checks: also what is compared when a mistake stops the load.
        let decoded = [false, true].map { concurrently in
            ModelLoader.decode(files[0], limits: ModelLimits(), assigningFlowIDs: true, concurrently: concurrently).0.map { "\($0.actors)\n\($0.boundaries)\n\($0.assets)\n\($0.flows)" }
        }
        #expect(decoded[0] != nil && decoded[0] == decoded[1])
        // The first diagnostic that differs, rather than two long lists.
        let differs = zip(concurrent.diagnostics, serial.diagnostics).enumerated().first { $0.element.0 != $0.element.1 }
        #expect(differs == nil, "diagnostic \(differs?.offset ?? 0): \(differs?.element.0 ?? "") instead of \(differs?.element.1 ?? "")")
        #expect(concurrent.diagnostics.count == serial.diagnostics.count)
        // Every part of the work had something to report: the comparison covers each merge.
        var codes = ["self-flow", "flow-into-actor", "control-placement"]
        if c.mistakes { codes += ["unknown-kind", "unknown-reference", "unknown-control", "duplicate-id", "wrong-type", "matches-nothing"] }
        for code in codes { #expect(serial.diagnostics.contains { $0.contains("[model.\(code)]") }, "no \(code)") }
        #expect((serial.entities == "none") == (c.mistakes || c.files == 2))
    }
}
