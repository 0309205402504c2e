import GridModel

/// How one zone is switched out for planned work: the transfers, the timed switching sequence
/// in both directions, and the times of the work. Built by
/// ``OutageImpactEngine/plannedOutagePlan(zone:workHours:backfeed:month:startHour:closedLoopTransfer:switchingScale:)``;
/// ``SwitchingReplay`` turns its operations into the interruptions customers see.
///
/// Times are hours after the outage's start (`startHour` on its day). With isolation switching
/// time *s* (the slowest device at the zone's entry, or the feeder-head bay at the manual time),
/// transfers 1…K with switching times *sₖ* (the slowest of the tie and the devices that separate
/// the moved zones) and *S* = max *sₖ* (0 without transfers), and work hours *W*:
///
/// | time | open transition (break before make) | closed-loop transfer (make before break) |
/// |---|---|---|
/// | 0 | open the boundary devices of every transfer | close every tie |
/// | *sₖ* | close tie *k* | open the boundary devices of transfer *k* |
/// | *S* | open the work zone's entry (isolation) | the same |
/// | *S* + *s* … *S* + *s* + *W* | work | work |
/// | *R* = *S* + 2*s* + *W* | close the entry; open every tie | close the entry and every boundary device |
/// | *R* + *sₖ* | close the boundary devices of transfer *k* | open tie *k* |
///
/// So the work zone is out 2*s* + *W*; load moved over a tie sees two brief interruptions of
/// *sₖ* (going and coming back) with open transition and none with closed-loop transfer; what a
/// transfer cannot pick up below a moved zone stays out from the first step to the return.
public struct PlannedOutagePlan: Sendable, Equatable {
    public var zone: Int
    /// Whether load below the zone is moved over ties (the transfer method).
    public var backfeedRequested: Bool
    public var closedLoopTransfer: Bool
    /// 1-based month and start hour (nil: planned at the month's peak, times from midnight).
    public var month: Int
    public var startHour: Int?
    public var workHours: Double
    /// Demand factor at the heaviest hour any tie of the plan carries moved load: the transfers
    /// are planned within headroom at this factor.
    public var demandFactor: Double
    public var backfeed: BackfeedPlan
    /// Elements opened to isolate the work zone: its entry devices, or its feeder-head bay.
    public var isolation: [SwitchingElement]
    public var isolationSwitchingHours: Double
    /// Hours of the slowest transfer (*S*).
    public var transferSwitchingHours: Double
    /// The sequence, in time order (steps at the same time are done together).
    public var operations: [SwitchingOperation]
    /// Work from `workStartHours` to `workEndHours`; everything is back to normal at `endHours`.
    public var workStartHours: Double
    public var workEndHours: Double
    public var endHours: Double
    /// Zones dead through the whole work, in preorder: the work zone and everything below it that
    /// no transfer picks up. A job in one of them can be done during this outage.
    public var deadForWorkZones: [Int]

    /// When tie `k` of the plan carries moved load: (from, to) in hours after the start.
    public func tieClosedWindow(_ k: Int) -> (from: Double, to: Double) {
        let s = backfeed.transfers[k].switchingHours
        let restore = workEndHours + isolationSwitchingHours
        return closedLoopTransfer ? (0, restore + s) : (s, restore)
    }


    /// Zones moved over ties.
    public var movedZones: [Int] {
        backfeed.transfers.flatMap(\.zones).sorted()
    }
}
