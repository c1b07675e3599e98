import Foundation
import ThreatGraph

/// A whole `threatgraph report` process on each generated estate, timed from spawn to exit with its peak memory, next
/// to Python's `json.load` of the same model file: the floor any tool that reads the model pays.
enum WholeReport {
    /// One size's figures: medians of the runs, peaks the largest seen.
    struct Row {
        var assets: Int
        var modelMB: Double
        var reportMs: Double?
        var reportPeakMiB: Double?
        var pythonMs: Double?
        var pythonPeakMiB: Double?
        var outputMB: Double?
    }

    /// The table's header.
    static let header = """
    | assets | model MB | report ms | report peak MiB | output MB | Python json.load ms | json.load peak MiB | report ÷ json.load |
    | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
    """

    /// Times `cli report` and Python's `json.load` on the estate of `assets` assets, `runs` times each, alternating.
    static func measure(assets: Int, catalog: Catalog, cli: String, python: String?, runs: Int) -> Row {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("threatgraph-bench-report-\(getpid())-\(assets)").path
        let model = folder + "/estate-\(assets).json", out = folder + "/out"
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let text = SyntheticEstate.json(assets: assets, catalog: catalog)
        var row = Row(assets: assets, modelMB: Double(text.utf8.count) / 1e6)
        guard (try? Data(text.utf8).write(to: URL(fileURLWithPath: model))) != nil else { return row }
        var environment = ProcessInfo.processInfo.environment
        environment["THREATGRAPH_DOT"] = "/nonexistent"
        let env = environment.map { "\($0.key)=\($0.value)" }.sorted()
        var report: [(ms: Double, peak: Double)] = [], load: [(ms: Double, peak: Double)] = []
        for _ in 0..<runs {
            if let r = timedProcess(cli, ["report", model, "--output", out, "--date", "2027-01-01"], environment: env, timeout: 600) { report.append(r) }
            if let python, let r = timedProcess(python, ["-c", "import json, sys; json.load(open(sys.argv[1], 'rb'))", model], environment: env, timeout: 600) {
                load.append(r)
            }
        }
        if !report.isEmpty { row.reportMs = median(report.map(\.ms)); row.reportPeakMiB = report.map(\.peak).max() }
        if !load.isEmpty { row.pythonMs = median(load.map(\.ms)); row.pythonPeakMiB = load.map(\.peak).max() }
        let files = (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? []
        let bytes = files.compactMap { (try? FileManager.default.attributesOfItem(atPath: out + "/" + $0))?[.size] as? Int }.reduce(0, +)
        if !files.isEmpty { row.outputMB = Double(bytes) / 1e6 }
        return row
    }

    /// The row as Markdown.
    static func line(_ r: Row) -> String {
        func cell(_ x: Double?, _ format: String = "%.0f") -> String { x.map { String(format: format, $0) } ?? "–" }
        let ratio = r.reportMs.flatMap { report in r.pythonMs.map { report / $0 } }
        return "| \(r.assets) | \(cell(r.modelMB, "%.1f")) | \(cell(r.reportMs)) | \(cell(r.reportPeakMiB)) | \(cell(r.outputMB, "%.1f")) | \(cell(r.pythonMs)) | \(cell(r.pythonPeakMiB)) | \(cell(ratio, "%.2f")) |"
    }

    /// `python3` on the `PATH`, if there is one.
    static func python(environment: [String: String]) -> String? {
        let folders = (environment["PATH"] ?? "/usr/bin:/usr/local/bin").split(separator: ":")
        return folders.map { "\($0)/python3" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs an executable with its output discarded; its wall time in milliseconds (spawn to exit) and its peak
    /// resident memory in MiB, or nil when it failed or ran past `timeout` seconds (it is then killed).
    static func timedProcess(_ executable: String, _ arguments: [String], environment: [String], timeout: Double) -> (ms: Double, peak: Double)? {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup($0) } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        guard posix_spawn(&pid, executable, &actions, nil, argv, envp) == 0 else { return nil }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, WNOHANG, &usage) == 0 {
            if Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 > timeout {
                kill(pid, SIGKILL)
                wait4(pid, &status, 0, &usage)
                return nil
            }
            usleep(200)
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
        // ru_maxrss is in kilobytes on Linux.
        return status == 0 ? (elapsed, Double(usage.ru_maxrss) / 1024) : nil
    }

    /// The middle value.
    static func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.isEmpty ? 0 : s[s.count / 2] }
}
