import Foundation
import Testing
@testable import ThreatGraphExport

/// SARIF artifact uris are RFC 3986 relative references that a consumer decodes back to the file's path.
struct SARIFURITests {
    @Test(arguments: ["a#b.json", "a%41b.json", "with space.json", "q?.json", "quote\".json", "{braces}.json", "dir/ü.json", "plain-name_1.json"])
    func aConsumerDecodesTheFilesPath(_ path: String) throws {
        let uri = SARIFRenderer.URIs.percentEncoded(path)
        #expect(uri.unicodeScalars.allSatisfy { $0.isASCII && !" #?\"{}".unicodeScalars.contains($0) })
        // Resolved against a base as a consumer would, then decoded.
        let base = try #require(URL(string: "file:///src/"))
        let resolved = try #require(URL(string: uri, relativeTo: base))
        #expect(resolved.absoluteURL.path == "/src/" + path)
    }

    @Test func aPercentInANameIsNotDecodedAsAnEscape() {
        #expect(SARIFRenderer.URIs.percentEncoded("a%41b.json") == "a%2541b.json")
    }
}
