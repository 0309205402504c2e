/// Reliability and rating defaults for one section kind.
public struct SectionKindDefaults: Sendable, Equatable {
    /// Failures per km-year (lines) or per year (transformers).
    public var failureRate: Double
    public var repairHours: Double
    /// Replacement time in hours; when set, failures of this kind last this long instead of `repairHours`.
    public var replacementHours: Double?
    /// Thermal rating in MW; nil = unlimited.
    public var ratingMW: Double?

    public init(failureRate: Double = 0, repairHours: Double = 0, replacementHours: Double? = nil, ratingMW: Double? = nil) {
        self.failureRate = failureRate
        self.repairHours = repairHours
        self.replacementHours = replacementHours
        self.ratingMW = ratingMW
    }
}

/// Network-level defaults. Absent failure data is zero (and `liveline reliability` warns about it).
public struct NetworkDefaults: Sendable, Equatable {
    public var sections: [SectionKind: SectionKindDefaults]
    /// Hours to operate a manual device (crew drives out): about an hour.
    public var manualSwitchingHours: Double
    /// Hours to operate a remote-controlled device from the control room.
    public var remoteSwitchingHours: Double
    /// Of a manual device's switching hours, the time on site to operate it once there (the rest
    /// is the switching team's travel); also the time to operate a transformer's low-voltage side.
    public var manualOperateHours: Double = NetworkDefaults.defaultManualOperateHours

    /// 5 minutes.
    public static let defaultManualOperateHours = 5.0 / 60

    public static let builtIn = NetworkDefaults(
        sections: Dictionary(uniqueKeysWithValues: SectionKind.allCases.map { ($0, SectionKindDefaults()) }),
        manualSwitchingHours: 1.0,
        remoteSwitchingHours: 0.05)

    public init(sections: [SectionKind: SectionKindDefaults], manualSwitchingHours: Double, remoteSwitchingHours: Double) {
        self.sections = sections
        self.manualSwitchingHours = manualSwitchingHours
        self.remoteSwitchingHours = remoteSwitchingHours
    }

    public func forKind(_ kind: SectionKind) -> SectionKindDefaults {
        sections[kind] ?? SectionKindDefaults()
    }

    public func switchingHours(for control: DeviceControl) -> Double {
        control == .remote ? remoteSwitchingHours : manualSwitchingHours
    }
}

/// Demand multipliers relative to peak: demand(month, hour) = peakMW × monthly[month] × hourly[hour].
public struct LoadProfile: Sendable, Equatable {
    /// 12 factors, January first (index 0 = January). 1.0 in the peak month.
    public var monthlyFactors: [Double]
    /// 24 factors, hour 0 first; all 1.0 when the file gives none (planning at daily peak).
    public var hourlyFactors: [Double]

    public static let flat = LoadProfile(monthlyFactors: Array(repeating: 1, count: 12), hourlyFactors: Array(repeating: 1, count: 24))

    public init(monthlyFactors: [Double], hourlyFactors: [Double]) {
        self.monthlyFactors = monthlyFactors
        self.hourlyFactors = hourlyFactors
    }

    /// Factor for a 1-based month (1 = January) and optional hour 0…23.
    public func factor(month: Int, hour: Int? = nil) -> Double {
        let monthFactor = monthlyFactors[max(0, min(11, month - 1))]
        guard let hour else { return monthFactor }
        return monthFactor * hourlyFactors[max(0, min(23, hour))]
    }

    /// The largest factor of a 1-based month over every hour that the interval from `fromHours` to
    /// `toHours` (hours after midnight; past 24 wraps to the next day's hours) touches: hours
    /// ⌊from⌋ … ⌈to⌉ − 1, at least hour ⌊from⌋. With `fromHours` nil, the month's factor (planning
    /// at the daily peak).
    public func heaviestFactor(month: Int, fromHours: Double?, toHours: Double) -> Double {
        guard let fromHours, fromHours.isFinite, toHours.isFinite else { return factor(month: month) }
        let first = max(0, fromHours).rounded(.down)
        let last = max(first + 1, toHours.rounded(.up))
        // 24 consecutive hours already cover the whole day.
        let count = Int(min(24, last - first))
        let start = Int(first.truncatingRemainder(dividingBy: 24))
        var heaviest = 0.0
        for k in 0..<count { heaviest = max(heaviest, factor(month: month, hour: (start + k) % 24)) }
        return heaviest
    }

    /// ∫ factor dt from `fromHours` to `toHours` (hours after midnight of a day of `month`; past
    /// 24 the next day's hours, in the same month): multiply by a peak MW for the MWh the profile
    /// says a load point draws in that span.
    public func factorHours(month: Int, fromHours: Double, toHours: Double) -> Double {
        guard fromHours.isFinite, toHours.isFinite, toHours > fromHours else { return 0 }
        var total = 0.0
        var t = fromHours
        while t < toHours - 1e-12 {
            let hourStart = t.rounded(.down)
            let next = min(toHours, hourStart + 1)
            let hour = Int(saturating: hourStart.truncatingRemainder(dividingBy: 24))
            total += factor(month: month, hour: (hour + 24) % 24) * (next - t)
            t = next
        }
        return total
    }

    /// The factor's mean over a year (months weighted by their days in a 365-day year, hours
    /// alike): a load point's average demand is its peak × this, so averageMW × factor / meanFactor
    /// is its demand at a given month and hour with the profile's shape.
    public var meanFactor: Double {
        let days = [31.0, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var total = 0.0
        for m in 0..<12 {
            var daily = 0.0
            for h in 0..<24 { daily += monthlyFactors[m] * hourlyFactors[h] }
            total += days[m] * daily / 24
        }
        return total / 365
    }

    /// 1-based month with the largest factor (the first such month).
    public var peakMonth: Int {
        var best = 0
        for month in 1..<12 where monthlyFactors[month] > monthlyFactors[best] { best = month }
        return best + 1
    }
}
