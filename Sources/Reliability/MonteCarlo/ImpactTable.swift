import GridModel

/// Every failing component's impact, computed once by the outage-impact engine and stored
/// compactly so that a simulated failure only replays it with its own durations.
///
/// For each failure the engine reports, per interrupted load point, whether it waited for the
/// repair or came back by switching (and the nominal switching hours). A simulated event draws a
/// repair time R and a switching multiplier S: a waiting load point is out R hours, a switched one
/// min(S × its switching hours, R) — exactly the engine's rule with the event's own durations.
/// Where tie headroom depends on the month, an impact is kept per month (identical months share).
struct ImpactTable {
    /// Section of each failing component and its failure rate per year.
    var section: [Int] = []
    var rate: [Double] = []
    /// Nominal outage hours (repair, or replacement when set) of each component.
    var outageHours: [Double] = []
    /// For component k and month m (0…11): index of its impact variant.
    var variantOfMonth: [[Int32]] = []
    /// Entries of variant v: `start[v] ..< start[v + 1]`.
    var start: [Int] = [0]
    var loadPoint: [Int32] = []
    /// Nominal switching hours of each entry, or -1 when the load point waits for the repair.
    var switchingHours: [Double] = []

    static let unbounded = 1e12

    init(network: Network, monthly: Bool) {
        let engine = OutageImpactEngine(network: network)
        var impact = OutageImpact()
        for (s, value) in network.sectionFailuresPerYear.enumerated() where value > 0 {
            section.append(s)
            rate.append(value)
            outageHours.append(network.sectionOutageHours[s])
            var variants: [Int32] = []
            var previous: (lps: [Int32], hours: [Double])?
            for month in 1...12 {
                if !monthly && month > 1 {
                    variants.append(variants[0])
                    continue
                }
                // With an "infinite" repair nothing is capped: switched load points report their
                // nominal switching hours, waiting ones the huge repair time.
                engine.evaluate(OutageEvent(cause: .fault(section: s), month: month, outageHoursOverride: Self.unbounded), into: &impact)
                var lps: [Int32] = []
                var hours: [Double] = []
                lps.reserveCapacity(impact.count)
                hours.reserveCapacity(impact.count)
                for k in 0..<impact.count {
                    lps.append(Int32(impact.loadPoints[k]))
                    hours.append(impact.hours[k] >= Self.unbounded / 2 ? -1 : impact.hours[k])
                }
                if let previous, previous.lps == lps, previous.hours == hours {
                    variants.append(variants[variants.count - 1])
                    continue
                }
                loadPoint.append(contentsOf: lps)
                switchingHours.append(contentsOf: hours)
                start.append(loadPoint.count)
                variants.append(Int32(start.count - 2))
                previous = (lps, hours)
            }
            variantOfMonth.append(variants)
        }
    }

    var count: Int { section.count }
    var totalRate: Double { rate.reduce(0, +) }
}

/// Walker's alias table: draws index i with probability weight[i] / Σ weight in O(1).
struct AliasTable {
    private var probability: [Double]
    private var alias: [Int32]

    init(weights: [Double]) {
        let n = weights.count
        let total = weights.reduce(0, +)
        probability = [Double](repeating: 1, count: n)
        alias = (0..<n).map { Int32($0) }
        guard n > 0, total > 0 else { return }
        var scaled = weights.map { $0 * Double(n) / total }
        var small: [Int] = []
        var large: [Int] = []
        for (i, value) in scaled.enumerated() { if value < 1 { small.append(i) } else { large.append(i) } }
        while let s = small.popLast(), let l = large.popLast() {
            probability[s] = scaled[s]
            alias[s] = Int32(l)
            scaled[l] = scaled[l] + scaled[s] - 1
            if scaled[l] < 1 { small.append(l) } else { large.append(l) }
        }
        for i in small + large { probability[i] = 1 }
    }

    func draw(_ random: inout SeededRandom) -> Int {
        let n = probability.count
        let column = random.below(n)
        return random.nextUnit() < probability[column] ? column : Int(alias[column])
    }
}
