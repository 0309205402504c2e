import GridModel

/// Something that takes customers off supply: a fault on a section or transformer, or planned work
/// that de-energises a zone.
public struct OutageEvent: Sendable, Equatable {
    public enum Cause: Sendable, Equatable {
        /// A failure of section `section` (index). Its protective device trips.
        case fault(section: Int)
        /// Planned work on zone `zone` (index) lasting `workHours`; the zone is switched out (no trip).
        /// With `backfeed` the load downstream of the zone is transferred over ties where headroom
        /// allows (the "transfer" method); without it everything downstream is out too (the
        /// "outage" method).
        case plannedWork(zone: Int, workHours: Double, backfeed: Bool)
    }

    public var cause: Cause
    /// 1-based month of the event (sets the demand factor and so the tie headroom).
    public var month: Int
    /// Hour of day 0…23, or nil to plan at the month's peak.
    public var hour: Int?
    /// How long the faulted element stays out, in hours; nil = its repair (or replacement) time.
    public var outageHoursOverride: Double?
    /// Multiplies every switching time (a Monte Carlo draw); 1 = nominal.
    public var switchingScale: Double
    /// For planned work: whether load moved over a tie sees a brief interruption (open
    /// transition, the default) or none (closed-loop transfer allowed).
    public var closedLoopTransfer: Bool

    public init(
        cause: Cause, month: Int, hour: Int? = nil, outageHoursOverride: Double? = nil, switchingScale: Double = 1,
        closedLoopTransfer: Bool = false
    ) {
        self.cause = cause
        self.month = month
        self.hour = hour
        self.outageHoursOverride = outageHoursOverride
        self.switchingScale = switchingScale
        self.closedLoopTransfer = closedLoopTransfer
    }

    public static func fault(section: Int, month: Int) -> OutageEvent {
        OutageEvent(cause: .fault(section: section), month: month)
    }
}

/// How an interrupted load point got its supply back.
public enum RestorationStage: String, Sendable, CaseIterable {
    /// Upstream of the isolated zone: supply restored from its own source after isolation and reclosing.
    case reclosedFromSource
    /// Downstream of the isolated zone: back-fed over a tie after switching.
    case backfedOverTie
    /// No alternative supply: waited for the repair or replacement of the failed element.
    case waitedForRepair
    /// Inside the work zone, or downstream without back-feed: out for switching + work + switching.
    case outForWork
    /// Moved to another feeder for planned work: a brief interruption while switching (open transition).
    case transferSwitching
    /// Taken back to its own feeder after planned work: a second brief interruption (open transition).
    case returnSwitching
}
