/// Boundaries: the account, its VPCs and their subnets; an asset with subnets sits in the first of them, others in
/// the account. A subnet without public addresses and without a route to an internet gateway is private.
extension ImportContext {
    static let vpcTypes: Set<String> = ["aws_vpc", "AWS::EC2::VPC"]
    static let subnetTypes: Set<String> = ["aws_subnet", "AWS::EC2::Subnet"]
    static let subnetGroupTypes: Set<String> = ["aws_db_subnet_group", "aws_elasticache_subnet_group", "AWS::RDS::DBSubnetGroup",
                                                "AWS::ElastiCache::SubnetGroup"]
    static let gatewayTypes: Set<String> = ["aws_internet_gateway", "AWS::EC2::InternetGateway"]
    static let associationTypes: Set<String> = ["aws_route_table_association", "AWS::EC2::SubnetRouteTableAssociation"]
    static let routeTypes: Set<String> = ["aws_route", "AWS::EC2::Route"]

    /// Builds the boundaries and places every asset in one.
    mutating func buildBoundaries() {
        var taken = Set(assets.map(\.asset.id))
        account = uniqueID("aws-account", &taken)
        boundaries.append(Boundary(id: account, name: graph.accountName, parent: nil, description: nil, controls: [],
                                   location: SourceLocation(file: graph.file, line: 1, column: 1),
                                   source: graph.format == .terraform ? "provider aws" : "template"))
        let networks = graph.resources.filter { Self.vpcTypes.contains($0.type) } + graph.resources.filter { Self.subnetTypes.contains($0.type) }
        let publicSubnets = routedToInternet()
        for r in networks {
            let isSubnet = Self.subnetTypes.contains(r.type)
            let parent = isSubnet ? r.allReferences.compactMap { boundaryOf[$0] }.first.map { boundaries[$0].id } ?? account : account
            let base = ReadableID.sanitize(r.readableName), suffix = isSubnet ? "subnet" : "vpc"
            let id = uniqueID(base.hasSuffix(suffix) ? base : base + "-" + suffix, &taken)
            let cidr = r.values["cidr_block"]?.string ?? r.values["CidrBlock"]?.string
            var b = Boundary(id: id, name: (isSubnet ? "Subnet " : "VPC ") + r.readableName + (cidr.map { " (\($0))" } ?? ""), parent: parent,
                             description: nil, controls: [], location: r.location, source: r.address)
            if isSubnet, let why = privateEvidence(r, publicSubnets) {
                b.controls.append(ControlRef(id: "ctl.infrastructure.private-subnets", status: .implemented, note: why, location: r.location,
                                             source: r.address + "." + (graph.format == .terraform ? "map_public_ip_on_launch" : "MapPublicIpOnLaunch")))
            }
            boundaryOf[r.address] = boundaries.count
            boundaries.append(b)
            used.insert(r.address)
        }
        for i in assets.indices { assets[i].asset.boundary = subnetBoundary(of: i) ?? account }
    }

    /// `base`, or `base-2`, `base-3`… when taken.
    func uniqueID(_ base: String, _ taken: inout Set<String>) -> String {
        var id = base, n = 2
        while taken.contains(id) { id = "\(base)-\(n)"; n += 1 }
        taken.insert(id)
        return id
    }

    /// Why a subnet is private, or nil when it gives public addresses or routes to an internet gateway.
    func privateEvidence(_ r: InfraResource, _ publicSubnets: Set<String>) -> String? {
        let mapsPublic = r.values["map_public_ip_on_launch"]?.bool ?? r.values["MapPublicIpOnLaunch"]?.bool ?? false
        guard !mapsPublic, !publicSubnets.contains(r.address) else { return nil }
        return "\(r.address): no public IP addresses on launch and no route to an internet gateway"
    }

    /// Subnets whose route table has a route to an internet gateway.
    mutating func routedToInternet() -> Set<String> {
        var publicTables = Set<String>()
        for r in graph.resources where Self.routeTypes.contains(r.type) || Self.associationTypes.contains(r.type) || Self.gatewayTypes.contains(r.type)
            || Self.subnetGroupTypes.contains(r.type) || r.type == "aws_route_table" || r.type == "AWS::EC2::RouteTable" { used.insert(r.address) }
        for r in graph.resources where Self.routeTypes.contains(r.type) || r.type == "aws_route_table" {
            guard r.allReferences.contains(where: { graph[$0].map { Self.gatewayTypes.contains($0.type) } ?? false }) else { continue }
            if r.type == "aws_route_table" { publicTables.insert(r.address) } else { publicTables.formUnion(r.allReferences) }
        }
        var out = Set<String>()
        for r in graph.resources where Self.associationTypes.contains(r.type) && r.allReferences.contains(where: publicTables.contains) {
            out.formUnion(r.allReferences.filter { graph[$0].map { Self.subnetTypes.contains($0.type) } ?? false })
        }
        return out
    }

    /// The boundary of the first subnet an asset's resource names, directly or through a subnet group.
    func subnetBoundary(of i: Int) -> String? {
        guard let address = assets[i].asset.resources.first, let r = graph[address] else { return nil }
        var subnets: [String] = []
        for a in r.allReferences {
            guard let target = graph[a] else { continue }
            if Self.subnetTypes.contains(target.type) { subnets.append(a) }
            if Self.subnetGroupTypes.contains(target.type) { subnets += target.allReferences.filter { graph[$0].map { Self.subnetTypes.contains($0.type) } ?? false } }
        }
        return subnets.sorted().first.flatMap { boundaryOf[$0] }.map { boundaries[$0].id }
    }
}
