import Foundation

/// Number conversions and text that cannot trap on any Double (NaN, ±∞, beyond Int's range).
public enum NumberText {
    /// "1 tie", "2 ties", "0 ties": the count and the singular or plural noun.
    public static func count(_ n: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(n) " + (n == 1 ? singular : plural ?? singular + "s")
    }

    /// Fixed-decimals text: fixed(3.14159, 2) == "3.14"; "n/a" for NaN, "inf"/"-inf" for ±∞;
    /// values of any size (1e300 prints all its digits).
    public static func fixed(_ value: Double, _ decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "n/a" : (value > 0 ? "inf" : "-inf") }
        let places = min(max(0, decimals), 17)
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        var rounded = (abs(value) * scale).rounded() / scale
        if rounded == 0 { rounded = 0 }
        let negative = value < 0 && rounded != 0
        let text: String
        if rounded * scale < 9e15 {
            // Exact integer arithmetic below 2⁵³.
            let integerPart = Int64(rounded)
            var digits = String(integerPart)
            if places > 0 {
                let fraction = String(Int64(((rounded - Double(integerPart)) * scale).rounded()))
                digits += "." + String(repeating: "0", count: max(0, places - fraction.count)) + fraction
            }
            text = digits
        } else {
            text = String(format: "%.\(places)f", rounded)
        }
        return negative ? "-" + text : text
    }
}

extension NumberText {
    /// A value for a message: "NaN", "infinite", "1e+19" beyond 10⁹, otherwise up to 6 decimals.
    public static func short(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value > 0 ? "infinite" : "-infinite") }
        if abs(value) >= 1e9 || (value != 0 && abs(value) < 1e-6) { return String(format: "%.4g", value) }
        var text = fixed(value, 6)
        while text.contains(".") && (text.hasSuffix("0") || text.hasSuffix(".")) { text.removeLast() }
        return text
    }
}

extension Int {
    /// The nearest Int to `value` rounded toward zero, clamped to Int's range; 0 for NaN.
    public init(saturating value: Double) {
        if value.isNaN {
            self = 0
        } else if value >= 9.2e18 {
            self = Int.max
        } else if value <= -9.2e18 {
            self = Int.min
        } else {
            self = Int(value)
        }
    }
}

extension NumberText {
    /// 20000000 → "20,000,000".
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var result = ""
        for (k, character) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return (n < 0 ? "-" : "") + result
    }

    /// A rate for a progress line: "1.25 M", "350 k", "12.5".
    public static func rate(_ value: Double) -> String {
        guard value.isFinite, value >= 0 else { return "?" }
        if value >= 1e6 { return fixed(value / 1e6, 2) + " M" }
        if value >= 1e4 { return fixed(value / 1e3, 0) + " k" }
        return fixed(value, value >= 100 ? 0 : 1)
    }

    /// Seconds as "45 s", "3 min 20 s", "2 h 05 min".
    public static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        let s = Int(saturating: seconds.rounded(.up))
        if s < 60 { return "\(s) s" }
        if s < 3600 { return "\(s / 60) min \(String(format: "%02d", s % 60)) s" }
        return "\(s / 3600) h \(String(format: "%02d", (s % 3600) / 60)) min"
    }
}
