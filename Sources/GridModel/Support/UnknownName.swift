/// The one policy for names a format does not know (JSON fields and CSV columns of every input):
/// an error, with the closest known name when one is near (docs/input-policy.md).
public enum UnknownName {
    /// "unknown field 'lenghtKm'; did you mean 'lengthKm'? (known fields: …)"
    public static func message(_ noun: String, _ name: String, known: [String]) -> String {
        var text = "unknown \(noun) '\(name)'"
        if let near = closest(name, in: known) { text += "; did you mean '\(near)'?" } else { text += "; check its spelling" }
        return text + " (known \(noun)s: \(known.joined(separator: ", ")))"
    }

    /// The known name at edit distance ≤ 2 (case ignored), or nil.
    public static func closest(_ name: String, in known: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (name: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(target, Array(candidate.lowercased()))
            if distance <= 2, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
