/// A binary min-heap of elements ordered by a caller-given comparison.
struct BinaryHeap<Element> {
    private var items: [Element] = []
    private let less: (Element, Element) -> Bool

    /// Creates an empty heap.
    init(_ less: @escaping (Element, Element) -> Bool) { self.less = less }

    /// Whether the heap is empty.
    var isEmpty: Bool { items.isEmpty }

    /// Adds an element. - Complexity: O(log n).
    mutating func push(_ e: Element) {
        items.append(e)
        var i = items.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            guard less(items[i], items[p]) else { break }
            items.swapAt(i, p)
            i = p
        }
    }

    /// Removes and returns the smallest element. - Complexity: O(log n).
    mutating func pop() -> Element? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < items.count && less(items[l], items[m]) { m = l }
            if r < items.count && less(items[r], items[m]) { m = r }
            if m == i { break }
            items.swapAt(i, m)
            i = m
        }
        return top
    }
}
