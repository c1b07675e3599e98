import Foundation
import ThreatGraph
import ThreatGraphExport

/// `threatgraph-bench --import`: times importing a synthetic `terraform show -json` plan (read, import, render the
/// model) at a given number of resources, median of several runs.
enum ImportBench {
    static func main(_ arguments: [String]) -> Int32 {
        var sizes = [1_000, 5_000, 20_000]
        var runs = 5
        var args = arguments
        while !args.isEmpty {
            switch args.removeFirst() {
            case "--resources": sizes = (args.isEmpty ? "" : args.removeFirst()).split(separator: ",").compactMap { Int($0) }
            case "--runs": runs = max(1, Int(args.isEmpty ? "" : args.removeFirst()) ?? 5)
            default:
                FileHandle.standardError.write(Data("usage: threatgraph-bench --import [--resources 1000,5000] [--runs N]\n".utf8))
                return 2
            }
        }
        guard let catalog = CatalogLoader.load(base: CatalogLoader.embeddedFiles()).0 else { return 2 }
        print("| resources | plan MiB | read ms | import ms | render ms | total ms | assets | flows |")
        print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        for n in sizes {
            let bytes = Array(plan(resources: n).utf8)
            var read: [Double] = [], imported: [Double] = [], rendered: [Double] = [], total: [Double] = []
            var assets = 0, flows = 0
            for _ in 0..<runs {
                let t0 = DispatchTime.now().uptimeNanoseconds
                guard let graph = try? TerraformPlan.read(InputFile(name: "plan.json", bytes: bytes)) else { return 2 }
                let t1 = DispatchTime.now().uptimeNanoseconds
                let result = InfrastructureImporter.run(graph, catalog: catalog, name: "bench")
                let t2 = DispatchTime.now().uptimeNanoseconds
                let data = ModelJSON.render(result.workload)
                let t3 = DispatchTime.now().uptimeNanoseconds
                guard !data.isEmpty else { return 2 }
                read.append(Double(t1 - t0) / 1e6); imported.append(Double(t2 - t1) / 1e6); rendered.append(Double(t3 - t2) / 1e6)
                total.append(Double(t3 - t0) / 1e6)
                assets = result.workload.assets.count
                flows = result.workload.flows.count
            }
            let mib = String(format: "%.1f", Double(bytes.count) / 1_048_576)
            print("| \(n) | \(mib) | \(f(median(read))) | \(f(median(imported))) | \(f(median(rendered))) | \(f(median(total))) | \(assets) | \(flows) |")
        }
        return 0
    }

    static func f(_ x: Double) -> String { String(format: "%.0f", x) }

    /// A plan of about `resources` resources: units of a function with its role, policy and log group, a table, a
    /// queue with its event source mapping and a bucket with its encryption configuration, in modules of 50 units,
    /// with configuration references as Terraform writes them.
    static func plan(resources: Int) -> String {
        let units = max(1, resources / 8)
        var planned: [String] = [], config: [String] = []
        for u in 0..<units {
            let (p, c) = unit(u)
            planned.append(p)
            config.append(c)
        }
        return """
        {"format_version": "1.2", "terraform_version": "1.9.8",
         "planned_values": {"root_module": {"resources": [], "child_modules": [\(planned.joined(separator: ",\n"))]}},
         "configuration": {"provider_config": {"aws": {"name": "aws", "expressions": {"region": {"constant_value": "eu-west-1"}}}},
           "root_module": {"resources": [], "module_calls": {\(config.joined(separator: ",\n"))}}}}
        """
    }

    /// One module of eight resources, and its configuration.
    static func unit(_ u: Int) -> (String, String) {
        let m = "module.svc\(u)", arn = "arn:aws:lambda:eu-west-1:123456789012:function:svc\(u)"
        func r(_ type: String, _ name: String, _ values: String) -> String {
            "{\"address\": \"\(m).\(type).\(name)\", \"mode\": \"managed\", \"type\": \"\(type)\", \"name\": \"\(name)\", \"values\": {\(values)}}"
        }
        let policy = "{\\\"Version\\\":\\\"2012-10-17\\\",\\\"Statement\\\":[{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":[\\\"dynamodb:GetItem\\\",\\\"dynamodb:PutItem\\\"],"
            + "\\\"Resource\\\":\\\"arn:aws:dynamodb:eu-west-1:123456789012:table/svc\(u)\\\"},{\\\"Effect\\\":\\\"Allow\\\",\\\"Action\\\":\\\"s3:GetObject\\\","
            + "\\\"Resource\\\":\\\"arn:aws:s3:::svc\(u)-data/*\\\"}]}"
        let resources = [
            r("aws_lambda_function", "fn", "\"function_name\": \"svc\(u)\", \"arn\": \"\(arn)\", \"role\": \"arn:aws:iam::123456789012:role/svc\(u)\", \"environment\": [{\"variables\": {\"TABLE\": \"svc\(u)\"}}]"),
            r("aws_iam_role", "fn", "\"name\": \"svc\(u)\", \"arn\": \"arn:aws:iam::123456789012:role/svc\(u)\""),
            r("aws_iam_role_policy", "fn", "\"role\": \"svc\(u)\", \"policy\": \"\(policy)\""),
            r("aws_cloudwatch_log_group", "fn", "\"name\": \"/aws/lambda/svc\(u)\", \"retention_in_days\": 30"),
            r("aws_dynamodb_table", "t", "\"name\": \"svc\(u)\", \"arn\": \"arn:aws:dynamodb:eu-west-1:123456789012:table/svc\(u)\", \"point_in_time_recovery\": [{\"enabled\": true}]"),
            r("aws_sqs_queue", "q", "\"name\": \"svc\(u)-in\", \"arn\": \"arn:aws:sqs:eu-west-1:123456789012:svc\(u)-in\""),
            r("aws_lambda_event_source_mapping", "q", "\"function_name\": \"\(arn)\", \"event_source_arn\": \"arn:aws:sqs:eu-west-1:123456789012:svc\(u)-in\""),
            r("aws_s3_bucket", "data", "\"bucket\": \"svc\(u)-data\", \"arn\": \"arn:aws:s3:::svc\(u)-data\""),
        ]
        let planned = "{\"address\": \"\(m)\", \"resources\": [\(resources.joined(separator: ", "))]}"
        let config = """
            "svc\(u)": {"source": "./modules/svc", "module": {"resources": [
              {"address": "aws_lambda_function.fn", "mode": "managed", "type": "aws_lambda_function", "name": "fn",
               "expressions": {"role": {"references": ["aws_iam_role.fn.arn", "aws_iam_role.fn"]},
                               "environment": [{"variables": {"references": ["aws_dynamodb_table.t.name", "aws_dynamodb_table.t"]}}]}},
              {"address": "aws_iam_role_policy.fn", "mode": "managed", "type": "aws_iam_role_policy", "name": "fn",
               "expressions": {"role": {"references": ["aws_iam_role.fn.id", "aws_iam_role.fn"]}}}]}}
            """
        return (planned, config)
    }

    static func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s.isEmpty ? 0 : s[s.count / 2] }
}
