import Foundation

/// The yearly values of one index (SAIFI, SAIDI, CAIDI or ENS), in year order.
///
/// Up to ``exactYears`` years every value is kept and the summary is exact (two-pass standard
/// deviation, type-7 quantiles of the sorted values). Beyond that the values are folded into a
/// streaming summary and dropped, so memory stays bounded however many years are simulated: the
/// mean is the same ordered sum, the standard deviation comes from sums of deviations from the
/// first value, and the quantiles from a histogram of 2,000 bins a decade (each bin 0.115 % wide;
/// a quantile is the geometric middle of its order statistics' bins, interpolated as type 7).
struct YearlyValues: Sendable {
    /// Years kept value by value (4 indices × 1 M × 8 bytes = 32 MB).
    static let exactYears = 1 << 20
    static let binsPerDecade = 2000.0
    /// Histogram range: values below 10⁻⁹ count as 0, above 10⁹ go in the last bin.
    static let lowestDecade = -9.0
    static let decades = 18.0

    /// Years kept value by value before streaming (``MonteCarloOptions/exactYears``).
    var limit = YearlyValues.exactYears
    private(set) var values: [Double] = []
    private(set) var streaming = false
    /// Finite values seen, their ordered sum, and sums of deviations from `shift`.
    private(set) var count = 0
    private(set) var sum = 0.0
    private var shift = 0.0
    private var shiftedSum = 0.0
    private var shiftedSquares = 0.0
    private var zeros = 0
    private var bins: [Int] = []
    private(set) var minimum = Double.infinity
    private(set) var maximum = -Double.infinity

    mutating func append(contentsOf chunk: [Double]) {
        if !streaming && values.count + chunk.count <= limit {
            values += chunk
            return
        }
        if !streaming {
            streaming = true
            bins = [Int](repeating: 0, count: Int(Self.binsPerDecade * Self.decades) + 1)
            let kept = values
            values = []
            for value in kept { fold(value) }
        }
        for value in chunk { fold(value) }
    }

    private mutating func fold(_ value: Double) {
        guard value.isFinite else { return }
        if count == 0 { shift = value }
        count += 1
        sum += value
        shiftedSum += value - shift
        shiftedSquares += (value - shift) * (value - shift)
        minimum = min(minimum, value)
        maximum = max(maximum, value)
        if let bin = Self.bin(of: value) { bins[bin] += 1 } else { zeros += 1 }
    }

    static func bin(of value: Double) -> Int? {
        guard value >= 1e-9 else { return nil }
        let position = (log10(value) - lowestDecade) * binsPerDecade
        return Int(saturating: min(decades * binsPerDecade, max(0, position.rounded(.down))))
    }

    /// The geometric middle of a bin.
    static func middle(of bin: Int) -> Double { pow(10, lowestDecade + (Double(bin) + 0.5) / binsPerDecade) }

    /// Mean, standard deviation, standard error and p5/p50/p95.
    var distribution: Distribution {
        guard streaming else { return Distribution.of(values) }
        guard count > 0 else { return Distribution(mean: .nan, standardDeviation: .nan, standardError: .nan, p5: .nan, p50: .nan, p95: .nan) }
        let n = Double(count)
        let mean = sum / n
        let variance = count > 1 ? max(0, (shiftedSquares - shiftedSum * shiftedSum / n) / (n - 1)) : 0
        let sd = variance.squareRoot()
        return Distribution(mean: mean, standardDeviation: sd, standardError: sd / n.squareRoot(),
                            p5: quantile(0.05), p50: quantile(0.5), p95: quantile(0.95))
    }

    /// The k-th smallest value (0-based), from the histogram.
    private func orderStatistic(_ k: Int) -> Double {
        if k < zeros { return 0 }
        var seen = zeros
        for (bin, n) in bins.enumerated() where n > 0 {
            seen += n
            if k < seen { return min(maximum, max(minimum, Self.middle(of: bin))) }
        }
        return maximum
    }

    private func quantile(_ q: Double) -> Double {
        let h = q * Double(count - 1)
        let lower = Int(h.rounded(.down))
        let upper = min(count - 1, lower + 1)
        let a = orderStatistic(lower)
        return a + (h - Double(lower)) * (orderStatistic(upper) - a)
    }

    /// A histogram with bins chosen from the data: equal bins from the smallest value to the
    /// lower of the 99th percentile and Q3 + 3 × IQR (the far-out fence), as many as the
    /// Freedman–Diaconis width 2 × IQR / n^⅓ gives (10…60; 30 when IQR is 0); the years above
    /// counted apart, so a long tail does not squeeze almost every year into the first bar. When
    /// streaming each fine bin is counted in the bin holding its middle. Empty when all values are
    /// equal.
    func histogram() -> YearlyHistogram {
        let finite = streaming ? [] : values.filter(\.isFinite).sorted()
        let low = streaming ? minimum : finite.first ?? 0
        let top = streaming ? maximum : finite.last ?? 0
        let n = streaming ? count : finite.count
        guard top > low, n > 0 else { return YearlyHistogram(edges: [], counts: []) }
        func quantileOf(_ q: Double) -> Double { streaming ? quantile(q) : typeSevenQuantile(finite, q) }
        let p99 = quantileOf(0.99), q1 = quantileOf(0.25), q3 = quantileOf(0.75)
        let iqr = q3 - q1
        let cut = iqr > 0 ? min(p99, q3 + 3 * iqr) : p99
        let high = cut > low ? cut : top
        var bins = 30
        if iqr > 0 {
            let width = 2 * iqr / Foundation.cbrt(Double(n))
            bins = Int(Swift.min(60, Swift.max(10, ((high - low) / width).rounded(.up))))
        }
        var counts = [Int](repeating: 0, count: bins)
        var above = 0
        let width = (high - low) / Double(bins)
        func place(_ value: Double, _ k: Int) {
            if value > high { above += k; return }
            counts[Swift.min(bins - 1, Swift.max(0, Int(saturating: (value - low) / width)))] += k
        }
        if streaming {
            place(0, zeros)
            for (bin, k) in self.bins.enumerated() where k > 0 { place(min(top, max(low, Self.middle(of: bin))), k) }
        } else {
            for value in finite { place(value, 1) }
        }
        return YearlyHistogram(edges: (0...bins).map { low + Double($0) * width }, counts: counts, aboveCount: above, largest: top)
    }
}

/// Counts of simulated years per bin of an index.
public struct YearlyHistogram: Sendable, Equatable {
    /// count + 1 bin edges, from the smallest year to the cut (``YearlyValues/histogram()``).
    public var edges: [Double]
    public var counts: [Int]
    /// Years above the last edge, and the largest value.
    public var aboveCount = 0
    public var largest = 0.0
}
