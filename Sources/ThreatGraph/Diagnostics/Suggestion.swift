/// "Did you mean" suggestions by edit distance.
public enum Suggestion {
    /// The candidate closest to `word` by case-insensitive edit distance, if it is close enough
    /// (at most a third of the word's length, minimum 2), or one that starts with `word`. Ties go to the smaller candidate.
    /// - Complexity: O(c · n · m) for c candidates of length m and a word of length n.
    public static func bestMatch(for word: String, in candidates: [String]) -> String? {
        let w = Array(word.lowercased().unicodeScalars)
        guard !w.isEmpty, w.count <= 200 else { return nil }
        let limit = max(2, w.count / 3)
        var best: (distance: Int, candidate: String)?
        for candidate in candidates where candidate != word {
            let c = Array(candidate.lowercased().unicodeScalars)
            if c.count > 200 || abs(c.count - w.count) > limit { continue }
            let d = distance(w, c)
            guard d <= limit else { continue }
            if let b = best, b.distance < d || (b.distance == d && b.candidate <= candidate) { continue }
            best = (d, candidate)
        }
        if best == nil, w.count >= 3 {
            best = candidates.filter { $0.lowercased().hasPrefix(word.lowercased()) && $0 != word }.min().map { (0, $0) }
        }
        return best?.candidate
    }

    /// Levenshtein distance between two scalar arrays.
    static func distance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
