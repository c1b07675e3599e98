/// Whether a control can be put to work on a particular asset, and which of its implementations suit it.
///
/// An asset's `service` is free text ("Amazon Bedrock Knowledge Bases data source sync"), so services are
/// compared by whole words, case-insensitively: an entry of `unfitServices` matches when its words occur
/// in the service in order and next to each other ("API" matches "Cohere Rerank API (SaaS)", not "Rapid").
extension Control {
    /// The control deploys on the kind, the asset's named service (if any) is not one it cannot work on,
    /// and it has an implementation on the cloud (its own or a generic one).
    public func fits(kind: String, service: String?, cloud: String) -> Bool {
        guard deployOn.contains(kind) else { return false }
        return fits(service: service, cloud: cloud)
    }

    /// The service and cloud half of `fits(kind:service:cloud:)`, for callers that checked the kind already.
    public func fits(service: String?, cloud: String) -> Bool {
        if !implementations.isEmpty && implementations(on: cloud).isEmpty { return false }
        return unfitService(service) == nil
    }

    /// The `unfitServices` entry the service matches, if any.
    public func unfitService(_ service: String?) -> String? {
        guard let service, !unfitServices.isEmpty else { return nil }
        let words = ServiceWords.of(service)
        return unfitWords.firstIndex { ServiceWords.contains(words, $0) }.map { unfitServices[$0] }
    }

    /// The implementations on a cloud, those sharing a distinctive word with the asset's service first
    /// (CloudWatch Logs retention before S3 Lifecycle on "SageMaker Model Monitor + Amazon CloudWatch").
    public func implementations(on cloud: String, for service: String?) -> [String] {
        let all = implementations(on: cloud)
        guard let service, all.count > 1 else { return all }
        let words = Set(ServiceWords.of(service)).subtracting(ServiceWords.vendorWords)
        let shared = all.map { Set(ServiceWords.of($0)).intersection(words).count }
        return all.indices.sorted { shared[$0] != shared[$1] ? shared[$0] > shared[$1] : $0 < $1 }.map { all[$0] }
    }
}

/// Lower-cased words of a service name, for whole-word matching.
enum ServiceWords {
    /// Vendor and filler words that say nothing about which product is meant.
    static let vendorWords: Set<String> = ["amazon", "aws", "azure", "microsoft", "google", "cloud", "gcp", "ai", "and", "with", "for", "the", "of", "on"]

    /// The words of a name: runs of letters and digits, lower-cased. ASCII is read directly; other scalars by their
    /// Unicode properties.
    static func of(_ text: String) -> [String] {
        var words: [String] = [], word = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let v = scalar.value
            let ascii = v < 128
            let inWord = ascii ? (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122)
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if inWord {
                word.append(scalar)
            } else if !word.isEmpty {
                words.append(String(word).lowercased())
                word = String.UnicodeScalarView()
            }
        }
        if !word.isEmpty { words.append(String(word).lowercased()) }
        return words
    }

    /// Whether `needle` occurs in `words` as a contiguous run (an empty needle never matches).
    static func contains(_ words: [String], _ needle: [String]) -> Bool {
        guard !needle.isEmpty, needle.count <= words.count else { return false }
        return (0...(words.count - needle.count)).contains { start in
            needle.indices.allSatisfy { words[start + $0] == needle[$0] }
        }
    }
}

extension Workload {
    /// The cloud an asset is on: its own, or the workload's.
    public func cloud(ofAsset i: Int) -> String { assets[i].cloud ?? cloud }

    /// Whether a control can be put to work on an asset (`Control.fits(kind:service:cloud:)`).
    public func fits(_ control: Control, asset i: Int) -> Bool {
        control.fits(kind: assets[i].kind, service: assets[i].service, cloud: cloud(ofAsset: i))
    }

    /// The control's implementations for an asset: its cloud's, those nearest its service first.
    public func implementations(of control: Control, asset i: Int) -> [String] {
        control.implementations(on: cloud(ofAsset: i), for: assets[i].service)
    }
}
