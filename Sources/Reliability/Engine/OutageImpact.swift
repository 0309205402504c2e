import GridModel

/// What one event did to customers: each interrupted load point, how long, and how it came back.
///
/// Arrays are parallel (entry `k` describes one load point). An `OutageImpact` is meant to be
/// reused across events (``OutageImpactEngine/evaluate(_:into:)`` clears it) so that evaluating
/// many events allocates little.
public struct OutageImpact: Sendable {
    /// Interrupted load points (indices into the model's `loadPoints`).
    public var loadPoints: [Int] = []
    /// Interruption duration of each, in hours.
    public var hours: [Double] = []
    /// How each got its supply back.
    public var stages: [RestorationStage] = []
    /// Tie that back-fed each (index), or -1.
    public var ties: [Int] = []

    /// Protective device that tripped (index), or -1 for planned work or an unprotected feeder head.
    public var trippedDevice: Int = -1
    /// Zone that was isolated (the faulted zone or the work zone).
    public var isolatedZone: Int = -1
    /// Devices opened to isolate the zone from upstream (its entry devices), sorted.
    public var isolatingDevices: [Int] = []
    /// Hours until the part upstream of the isolated zone was back (0 when nothing upstream was off).
    public var upstreamRestorationHours: Double = 0
    /// How the downstream part was picked up over ties.
    public var backfeed = BackfeedPlan()
    /// How long the isolated zone itself was off, in hours (repair, replacement or work with switching).
    public var zoneOutageHours: Double = 0
    /// For faults: the same load points as runs of positions in the topology's `loadPointOrder`
    /// with one duration each (`start ..< end`), in the order appended.
    public var runs: [Run] = []
    /// When false, a fault's load points are recorded as `runs` only (the arrays above stay empty).
    public var recordsLoadPoints = true

    public struct Run: Sendable, Equatable {
        public var start: Int
        public var end: Int
        public var hours: Double
    }

    public init() {}

    public mutating func clear() {
        loadPoints.removeAll(keepingCapacity: true)
        hours.removeAll(keepingCapacity: true)
        stages.removeAll(keepingCapacity: true)
        ties.removeAll(keepingCapacity: true)
        trippedDevice = -1
        isolatedZone = -1
        isolatingDevices.removeAll(keepingCapacity: true)
        upstreamRestorationHours = 0
        backfeed = BackfeedPlan()
        zoneOutageHours = 0
        runs.removeAll(keepingCapacity: true)
    }

    mutating func append(_ loadPoint: Int, hours duration: Double, _ stage: RestorationStage, tie: Int = -1) {
        loadPoints.append(loadPoint)
        hours.append(duration)
        stages.append(stage)
        ties.append(tie)
    }

    public var count: Int { loadPoints.count }

    /// Customer interruptions (each interrupted customer counts once).
    public func customerInterruptions(in network: Network) -> Int {
        loadPoints.reduce(0) { $0 + network.model.loadPoints[$1].customers }
    }

    /// Customer-hours of interruption (时户数).
    public func customerHours(in network: Network) -> Double {
        var total = 0.0
        for k in loadPoints.indices { total += Double(network.model.loadPoints[loadPoints[k]].customers) * hours[k] }
        return total
    }

    /// Energy not supplied in MWh, at the load points' average demand.
    public func energyNotSuppliedMWh(in network: Network) -> Double {
        var total = 0.0
        for k in loadPoints.indices { total += network.model.loadPoints[loadPoints[k]].averageMW * hours[k] }
        return total
    }
}
