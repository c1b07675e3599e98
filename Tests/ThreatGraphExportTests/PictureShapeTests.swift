import Foundation
import Testing

/// The pictures of the examples fit a screen and a page: each data-flow and paths view is at most 2.5 times as wide as
/// it is tall, and no threats view is taller than 3,000 px (Graphviz sizes SVG in points; 1 pt = 4/3 px).
struct PictureShapeTests {
    static let exports = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Exports")

    static func views(_ suffix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: exports.path)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted()
    }

    /// Width and height in px of the SVG that `dot` draws from an export.
    static func size(_ name: String) throws -> (width: Double, height: Double)? {
        guard let dot = dotExecutable() else {
            if inCI { Issue.record("Graphviz 'dot' is missing in CI") } else { print("note: Graphviz 'dot' not found; picture shapes not checked") }
            return nil
        }
        let text = try String(contentsOf: exports.appendingPathComponent(name), encoding: .utf8)
        let result = try #require(try renderDot(dot, text, timeout: 60), "dot timed out on \(name)")
        let svg = String(decoding: result.1, as: UTF8.self)
        let tag = svg.range(of: "<svg").map { svg[$0.upperBound...] } ?? ""
        func points(_ attribute: String) -> Double? {
            guard let r = tag.range(of: " \(attribute)=\"") else { return nil }
            return Double(tag[r.upperBound...].prefix { $0.isNumber || $0 == "." })
        }
        let (w, h) = (try #require(points("width")), try #require(points("height")))
        return (w * 4 / 3, h * 4 / 3)
    }

    @Test func theExamplesHaveViews() {
        #expect(Self.views(".dataflow.dot").count >= 4 && Self.views(".threats.dot").count >= 4)
    }

    @Test(.timeLimit(.minutes(2)), arguments: views(".dataflow.dot") + views(".paths.dot"))
    func dataFlowViewsFitAScreen(name: String) throws {
        guard let (w, h) = try Self.size(name) else { return }
        #expect(w <= 2.5 * h, "\(name): \(Int(w)) × \(Int(h)) px")
    }

    @Test(.timeLimit(.minutes(2)), arguments: views(".threats.dot"))
    func threatsViewsAreAtMostThreeScreensTall(name: String) throws {
        guard let (w, h) = try Self.size(name) else { return }
        #expect(h <= 3_000, "\(name): \(Int(w)) × \(Int(h)) px")
    }
}
