import GridModel

/// Seeded mutations of an input file: byte flips, extreme numbers in place of numbers, deleted,
/// repeated and swapped lines, inserted delimiters, truncation.
struct Mutator {
    var random: SeededRandom

    init(seed: UInt64) { random = SeededRandom.stream(seed: seed, index: 0xF022) }

    mutating func below(_ bound: Int) -> Int { bound <= 1 ? 0 : random.below(bound) }

    static let extremes = [
        "1e19", "1e308", "-1e308", "-1", "0", "-0", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "1e-300", "NaN", "Inf", "-Inf", "4294967296", "99999999999", "0.0000001", "2147483648", "1e400", "3.5", "65536",
    ]
    static let tokens = ["\"", ",", "{", "}", "[", "]", ":", "\n", "=", "|", ";", "null", "true", "\"\"", "'", "%", "(", ")", "\u{FEFF}", "\u{FF}"]

    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        for _ in 0..<(1 + below(4)) {
            switch below(9) {
            case 0, 1, 2: replaceNumber(&bytes)
            case 3:
                if !bytes.isEmpty { bytes[below(bytes.count)] ^= UInt8(truncatingIfNeeded: 1 << below(8)) }
            case 4:
                if !bytes.isEmpty {
                    let start = below(bytes.count)
                    bytes.removeSubrange(start..<min(bytes.count, start + 1 + below(64)))
                }
            case 5: lines(&bytes, duplicate: true)
            case 6: lines(&bytes, duplicate: false)
            case 7:
                let token = Array(Mutator.tokens[below(Mutator.tokens.count)].utf8)
                bytes.insert(contentsOf: token, at: below(bytes.count + 1))
            default:
                if bytes.count > 1, below(4) == 0 { bytes.removeSubrange(below(bytes.count)...) } else { replaceNumber(&bytes) }
            }
        }
        return bytes
    }

    /// Replaces one run of digits (with sign, point and exponent) by an extreme value.
    mutating func replaceNumber(_ bytes: inout [UInt8]) {
        func isNumberByte(_ b: UInt8) -> Bool { (b >= 0x30 && b <= 0x39) || b == 0x2E || b == 0x2D || b == 0x65 || b == 0x45 || b == 0x2B }
        var starts: [Int] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] >= 0x30 && bytes[i] <= 0x39 && (i == 0 || !isNumberByte(bytes[i - 1])) { starts.append(i) }
            i += 1
            if starts.count > 4096 { break }
        }
        guard !starts.isEmpty else { return }
        let start = starts[below(starts.count)]
        var end = start
        while end < bytes.count && isNumberByte(bytes[end]) { end += 1 }
        bytes.replaceSubrange(start..<end, with: Array(Mutator.extremes[below(Mutator.extremes.count)].utf8))
    }

    /// Duplicates a line, or swaps two lines.
    mutating func lines(_ bytes: inout [UInt8], duplicate: Bool) {
        var breaks = [0]
        for (k, b) in bytes.enumerated() where b == 0x0A { breaks.append(k + 1) }
        breaks.append(bytes.count)
        guard breaks.count > 2 else { return }
        let a = below(breaks.count - 1)
        let lineA = Array(bytes[breaks[a]..<breaks[a + 1]])
        if duplicate {
            bytes.insert(contentsOf: lineA, at: breaks[a + 1])
        } else {
            let b = below(breaks.count - 1)
            guard a != b else { return }
            let lineB = Array(bytes[breaks[b]..<breaks[b + 1]])
            let (first, second) = a < b ? ((a, lineA), (b, lineB)) : ((b, lineB), (a, lineA))
            bytes.replaceSubrange(breaks[second.0]..<breaks[second.0 + 1], with: first.1)
            bytes.replaceSubrange(breaks[first.0]..<breaks[first.0 + 1], with: second.1)
        }
    }
}
