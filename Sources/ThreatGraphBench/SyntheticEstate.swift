import ThreatGraph
import ThreatGraphExport

/// A small deterministic random generator (SplitMix64).
struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}

/// Generates a layered estate of applications as a model file: each application has about ten assets in a VPC
/// nested in an account boundary, a chain of flows from its front door to its data, some bidirectional links,
/// cross-application links (about 1.3 flows per asset in all), controls drawn from the catalog (implemented and
/// planned), a few actors per thousand assets and five crown jewels per thousand.
enum SyntheticEstate {
    static let appKinds = ["web-frontend", "api-gateway", "compute-function", "llm-endpoint", "vector-store", "knowledge-base",
                           "object-storage", "nosql-database", "agent", "agent-tool"]

    static func json(assets n: Int, catalog: Catalog, seed: UInt64 = 42) -> String {
        var rng = SplitMix64(state: seed)
        var out = "{\n  \"threatgraph\": \"1\",\n  \"name\": \"Synthetic estate of \(n) assets\",\n  \"cloud\": \"aws\",\n"
        out += "  \"frameworks\": [\"atlas\", \"owasp-llm-2025\", \"owasp-agentic-2026\"],\n"
        let trusts = ["anonymous", "authenticated", "partner", "supplier", "insider"]
        let actorCount = max(5, n / 200)
        out += "  \"actors\": [\n"
        for i in 0..<actorCount {
            out += "    {\"id\": \"actor-\(i)\", \"name\": \"Actor \(i)\", \"trust\": \"\(trusts[i % trusts.count])\"}\(i + 1 < actorCount ? "," : "")\n"
        }
        out += "  ],\n"
        let apps = max(1, (n + 9) / 10)
        let accounts = max(1, apps / 20)
        out += "  \"boundaries\": [\n"
        var boundaryLines: [String] = []
        for a in 0..<accounts {
            boundaryLines.append("    {\"id\": \"account-\(a)\", \"name\": \"Account \(a)\", \"controls\": [{\"id\": \"ctl.runtime.threat-detection\", \"status\": \"implemented\"}]}")
        }
        for p in 0..<apps { boundaryLines.append("    {\"id\": \"vpc-\(p)\", \"name\": \"App \(p) VPC\", \"parent\": \"account-\(p % accounts)\"}") }
        out += boundaryLines.joined(separator: ",\n") + "\n  ],\n"
        // Controls deployable per kind.
        var deployable: [String: [String]] = [:]
        for c in catalog.controls { for k in c.deployOn { deployable[k, default: []].append(c.id) } }
        out += "  \"assets\": [\n"
        var assetLines: [String] = []
        assetLines.reserveCapacity(n)
        let jewels = max(1, n * 5 / 1000)
        for i in 0..<n {
            let app = i / 10
            let kind = appKinds[i % appKinds.count]
            var line = "    {\"id\": \"a\(i)\", \"name\": \"App \(app) \(kind)\", \"kind\": \"\(kind)\", \"boundary\": \"vpc-\(app)\""
            if i % max(1, n / jewels) == 7 % max(1, n / jewels) { line += ", \"crownJewel\": true, \"sensitivity\": \"confidential\"" }
            let options = deployable[kind] ?? []
            var controls: [String] = []
            var used = Set<String>()
            for _ in 0..<rng.below(4) where !options.isEmpty {
                let c = options[rng.below(options.count)]
                guard used.insert(c).inserted else { continue }
                controls.append("{\"id\": \"\(c)\", \"status\": \"\(rng.chance(0.7) ? "implemented" : "planned")\"}")
            }
            if !controls.isEmpty { line += ", \"controls\": [" + controls.joined(separator: ", ") + "]" }
            assetLines.append(line + "}")
        }
        out += assetLines.joined(separator: ",\n") + "\n  ],\n"
        out += "  \"flows\": [\n"
        var flowLines: [String] = []
        for i in 0..<n {
            let app = i / 10, pos = i % 10
            if pos == 0 {
                flowLines.append("    {\"from\": \"actor-\(rng.below(actorCount))\", \"to\": \"a\(i)\", \"data\": \"requests\"}")
            } else {
                let from = app * 10 + (pos <= 3 ? pos - 1 : 2 + rng.below(pos - 2))
                flowLines.append("    {\"from\": \"a\(from)\", \"to\": \"a\(i)\", \"data\": \"calls\"\(rng.chance(0.2) ? ", \"bidirectional\": true" : "")}")
            }
            if rng.chance(0.3), n > 10 {
                let other = rng.below(n)
                if other / 10 != app { flowLines.append("    {\"from\": \"a\(i)\", \"to\": \"a\(other)\", \"data\": \"integration\"}") }
            }
        }
        out += flowLines.joined(separator: ",\n") + "\n  ]\n}\n"
        return out
    }
}
