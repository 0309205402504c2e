import GridModel

/// Planned interruptions per load point over a horizon: each day's switching replayed with every
/// outage of that day in place (``SwitchingReplay``), so a load point counts once per
/// interruption it actually sees.
public struct PlannedInterruptionTotals: Sendable, Equatable {
    /// Interruptions of each load point (model order).
    public var counts: [Int]
    /// Hours without supply of each load point.
    public var hours: [Double]
    /// When each interruption of a load point starts, hours after the start of its calendar year
    /// (filled by ``add(_:on:)``; the Monte Carlo repeated-outage count places planned work by it).
    public var startsInYear: [[Double]]
    /// Its length in hours, aligned with `startsInYear`.
    public var lengthsInYear: [[Double]]

    public init(loadPoints: Int) {
        counts = [Int](repeating: 0, count: loadPoints)
        hours = [Double](repeating: 0, count: loadPoints)
        startsInYear = [[Double]](repeating: [], count: loadPoints)
        lengthsInYear = startsInYear
    }

    /// Adds one date's interruptions and records when in the year each starts.
    public mutating func add(_ interruptions: [PlannedInterruption], on date: CivilDate) {
        add(interruptions)
        let dayStart = Double(date.dayOfYear - 1) * 24
        for interruption in interruptions {
            startsInYear[interruption.loadPoint].append(dayStart + interruption.startHours)
            lengthsInYear[interruption.loadPoint].append(interruption.hours)
        }
    }

    /// Adds one day's interruptions (sorted by load point, then start; ``ReplayResult`` order).
    public mutating func add(_ interruptions: [PlannedInterruption]) {
        for interruption in interruptions {
            counts[interruption.loadPoint] += 1
            hours[interruption.loadPoint] += interruption.hours
        }
    }

    /// Customer interruptions (停电户次): Σ customers × interruptions.
    public func customerInterruptions(in network: Network) -> Int {
        var total = 0
        for (lp, count) in counts.enumerated() where count > 0 { total += network.model.loadPoints[lp].customers * count }
        return total
    }

    /// Customer-hours (时户数): Σ customers × hours without supply.
    public func customerHours(in network: Network) -> Double {
        var total = 0.0
        for (lp, h) in hours.enumerated() where h > 0 { total += Double(network.model.loadPoints[lp].customers) * h }
        return total
    }

    /// Energy not supplied, MWh: Σ average demand × hours without supply.
    public func energyNotSuppliedMWh(in network: Network) -> Double {
        var total = 0.0
        for (lp, h) in hours.enumerated() where h > 0 { total += network.model.loadPoints[lp].averageMW * h }
        return total
    }
}

extension PlannedInterruption {
    /// Interruptions with overlapping or touching dead intervals of one load point joined into one
    /// (sorted by load point, then start).
    public static func merged(_ interruptions: [PlannedInterruption]) -> [PlannedInterruption] {
        let sorted = interruptions.sorted { ($0.loadPoint, $0.startHours, $0.endHours) < ($1.loadPoint, $1.startHours, $1.endHours) }
        var result: [PlannedInterruption] = []
        for interruption in sorted {
            if var last = result.last, last.loadPoint == interruption.loadPoint, interruption.startHours <= last.endHours {
                last.endHours = max(last.endHours, interruption.endHours)
                result[result.count - 1] = last
            } else {
                result.append(interruption)
            }
        }
        return result
    }
}
