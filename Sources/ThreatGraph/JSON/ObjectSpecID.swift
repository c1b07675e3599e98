/// A spec of the context's schema, found once by name.
public struct ObjectSpecID: Sendable {
    let index: Int
    init(_ index: Int) { self.index = index }
}
