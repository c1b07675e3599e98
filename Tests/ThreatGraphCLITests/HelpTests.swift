import Foundation
import Testing
import ThreatGraph
import ThreatGraphCLI

/// `--help` on every command and subcommand, generated from the typed option declarations.
@Suite struct HelpTests {
    @Test(arguments: CLI.commandNames)
    func everyCommandAndSubcommandHasHelp(name: String) {
        let words = name.split(separator: " ").map(String.init)
        for arguments in [words + ["--help"], words + ["-h"], ["help"] + words] {
            let r = run(arguments)
            #expect(r.status == .success, "\(arguments)")
            #expect(r.stderr.isEmpty, "\(arguments): \(r.stderr)")
            #expect(r.stdout.hasPrefix("Usage: threatgraph \(name)"), "\(arguments): \(r.stdout)")
            #expect(r.stdout.contains("Global options:\n  --catalog DIR"))
        }
    }

    @Test(arguments: ["--help", "-h"])
    func aGroupOfCommandsHasHelp(flag: String) {
        for arguments in [["catalog", flag], ["help", "catalog"]] {
            let r = run(arguments)
            #expect(r.status == .success, "\(arguments)")
            #expect(r.stderr.isEmpty)
            #expect(r.stdout.hasPrefix("Usage: threatgraph catalog SUBCOMMAND"))
            for name in CLI.commandNames where name.hasPrefix("catalog ") { #expect(r.stdout.contains("  \(name) "), "\(name)") }
        }
        let bare = run("catalog")
        #expect(bare.status == .invalid && bare.stdout.isEmpty)
        #expect(bare.stderr.contains("'catalog' needs a subcommand") && bare.stderr.contains("catalog list"))
    }

    @Test func helpShowsTheLibrarysDefaults() {
        let paths = run("paths", "--help").stdout
        #expect(paths.contains("--max-hops N") && paths.contains("default \(PathOptions().maxHops))"), "\(paths)")
        #expect(paths.contains("default \(PathOptions().k))") && paths.contains("default \(PathOptions().pairs))"))
        let recommend = run("recommend", "--help").stdout
        #expect(recommend.contains("default \(RecommendationPlan.defaultMaxSteps))"))
        #expect(recommend.contains("default \(VertexCut.defaultThreshold))"))
        let check = run("check", "--help").stdout
        #expect(check.contains("(low|medium|high|critical; default \(BaselineGate.defaultThreshold.rawValue))"), "\(check)")
    }

    @Test func valuesAreCheckedBeforeAnythingIsRead() {
        let r = run("paths", "/nonexistent/model.json", "--max-hops", "65")
        #expect(r.status == .invalid)
        #expect(r.stderr.hasPrefix("error: --max-hops takes a whole number from 1 to 64, not '65'\n"), "\(r.stderr)")
        let format = run("gaps", "/nonexistent/model.json", "--format", "sarif")
        #expect(format.stderr.contains("invalid value 'sarif' for --format: expected one of text, json"))
    }
}
