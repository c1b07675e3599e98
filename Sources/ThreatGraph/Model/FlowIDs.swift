/// Ids for flows written without one: `from->to`, then `from->to#2`, `#3`… for the second and later flows with
/// the same ends, in model order.
/// - Complexity: O(n) expected for n flows (one dictionary of the ids given so far).
enum FlowIDs {
    /// Assigns ids to the flows whose id is empty.
    static func assign(_ flows: inout [Flow]) {
        var counts: [String: Int] = [:]
        for i in flows.indices where flows[i].id.isEmpty {
            let base = "\(flows[i].from)->\(flows[i].to)"
            let n = (counts[base] ?? 0) + 1
            counts[base] = n
            flows[i].id = n == 1 ? base : "\(base)#\(n)"
        }
    }
}
