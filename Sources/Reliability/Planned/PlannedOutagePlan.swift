import GridModel

/// How one zone is switched out for planned work: the transfers, the switching sequence in
/// execution order in both directions (``SwitchingSequencer``: isolation on every side, devices
/// that cannot break load operated only dead, one switching team doing one step after the other),
/// and the times of the work. Built by
/// ``OutageImpactEngine/plannedOutagePlan(zone:workHours:backfeed:month:startHour:closedLoopTransfer:switchingScale:)``;
/// ``SwitchingReplay`` turns its operations into the interruptions customers see.
///
/// Times are hours after the outage's start (`startHour` on its day); each operation's time is
/// when it is done (the team's clock after the step). The order for a dispatcher, with the safety
/// steps (test for dead, earths, permit to work, locks), is built from this plan by the planner's
/// output (docs/switching-orders.md).
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
    /// When the work zone's entry cannot break load: the load-breaking element above it that is
    /// opened first (and closed again) so the entry is operated dead.
    public var upstreamBreaker: SwitchingElement?
    /// Load points whose low-voltage side is opened (and closed again) so that an entry that
    /// cannot break load is operated with none.
    public var lowVoltageShed: [Int] = []
    /// Devices opened below the work zone so that nothing can feed it from there (children whose
    /// subtree holds a tie end and that no transfer separates).
    public var downstreamBoundary: [SwitchingElement] = []
    /// Ties at the work zone's own buses: confirmed open and locked during the work.
    public var lockedTies: [Int] = []
    /// Per transfer: made before break (closed-loop) or break before make.
    public var closedLoop: [Bool] = []
    /// Per transfer: when its tie carries moved load, hours after the start.
    public var tieWindows: [HoursWindow] = []
    /// When the work zone loses supply and gets it back.
    public var workZoneDeadFromHours = 0.0
    public var workZoneDeadToHours = 0.0
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
        (tieWindows[k].fromHours, tieWindows[k].toHours)
    }


    /// Zones moved over ties.
    public var movedZones: [Int] {
        backfeed.transfers.flatMap(\.zones).sorted()
    }
}

/// A span of hours after an outage's start.
public struct HoursWindow: Sendable, Equatable {
    public var fromHours: Double
    public var toHours: Double

    public init(fromHours: Double, toHours: Double) {
        self.fromHours = fromHours
        self.toHours = toHours
    }
}
