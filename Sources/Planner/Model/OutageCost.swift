import Foundation
import GridModel
import Reliability

/// Which outage a de-energising job is done in: the zone switched out, and whether the load below
/// it is moved over ties (transfer mode) or left out (outage mode).
public struct OutageRef: Sendable, Hashable, Comparable {
    public var zone: Int
    public var transfer: Bool
    /// Index into ``PlanningProblem/shifts``: when the outage starts.
    public var shift: Int

    public init(zone: Int, transfer: Bool, shift: Int) {
        self.zone = zone
        self.transfer = transfer
        self.shift = shift
    }

    public static func < (lhs: OutageRef, rhs: OutageRef) -> Bool {
        (lhs.zone, lhs.transfer ? 1 : 0, lhs.shift) < (rhs.zone, rhs.transfer ? 1 : 0, rhs.shift)
    }
}

/// What switching one zone out for planned work costs customers, straight from the outage-impact
/// engine: the switching plan for the real work hours and its replay.
public struct OutageCost: Sendable {
    public var plan: PlannedOutagePlan
    /// Interruptions of this outage alone, hours after its start.
    public var interruptions: [PlannedInterruption]
    /// Interruptions per load point (sorted by load point).
    public var interruptionCounts: [(loadPoint: Int, count: Int)]
    /// Customer-hours (时户数), customer interruptions and MWh not supplied at `plan.workHours`.
    public var customerHours: Double
    public var customerInterruptions: Int
    public var energyMWh: Double
    /// Customers and average MW of the interruptions that span the work: each extra work hour adds
    /// this many customer-hours and MWh (the rest does not depend on the work hours).
    public var workCustomers: Int
    public var workAverageMW: Double
    /// Customers whose load moves to another feeder over a tie.
    public var movedCustomers: Int
    /// Feeders that supply moved load (they must not be switched out the same day).
    public var supplyingFeeders: [Int]
    /// Whether a switching team is needed: some step is manual (remote ones the control room
    /// does), or a tie at the work zone is locked and tagged open on site.
    public var needsSwitchingTeam: Bool

    /// The customer-hours that do not grow with the work hours.
    public var fixedCustomerHours: Double { customerHours - Double(workCustomers) * plan.workHours }
    /// The MWh that do not grow with the work hours.
    public var fixedEnergyMWh: Double { energyMWh - workAverageMW * plan.workHours }
    /// Every load point interrupted at least once.
    public var interruptedLoadPoints: [Int] { interruptionCounts.map(\.loadPoint) }
    /// Zones dead through the whole work (the work zone and what is not picked up).
    public var deadForWorkZones: [Int] { plan.deadForWorkZones }
    /// Whether the outage moves any customers over a tie.
    public var movesLoad: Bool { movedCustomers > 0 }

    /// Whether two outages of one zone switch the same way (the same transfers and what stays out):
    /// they then differ only by their work hours.
    public func switchesAlike(_ other: OutageCost) -> Bool {
        let a = plan.backfeed
        let b = other.plan.backfeed
        guard a.unrestoredZones == b.unrestoredZones, a.transfers.count == b.transfers.count else { return false }
        for (x, y) in zip(a.transfers, b.transfers) {
            if x.tie != y.tie || x.supplyingSide != y.supplyingSide || x.zones != y.zones || x.devicesOpened != y.devicesOpened || x.switchingHours != y.switchingHours {
                return false
            }
        }
        return plan.isolation == other.plan.isolation && plan.isolationSwitchingHours == other.plan.isolationSwitchingHours
    }

    init(plan: PlannedOutagePlan, network: Network) {
        self.plan = plan
        let replay = SwitchingReplay(network: network).replay([PlannedOutageSteps(plan: plan, startHours: 0)])
        interruptions = replay.interruptions
        var counts: [(loadPoint: Int, count: Int)] = []
        var hours = 0.0
        var customers = 0
        var energy = 0.0
        var workCustomers = 0
        var workMW = 0.0
        for interruption in replay.interruptions {
            let loadPoint = network.model.loadPoints[interruption.loadPoint]
            if let last = counts.last, last.loadPoint == interruption.loadPoint {
                counts[counts.count - 1].count += 1
            } else {
                counts.append((interruption.loadPoint, 1))
            }
            hours += Double(loadPoint.customers) * interruption.hours
            energy += loadPoint.averageMW * interruption.hours
            customers += loadPoint.customers
            if interruption.startHours <= plan.workStartHours + 1e-12 && interruption.endHours >= plan.workEndHours - 1e-12 {
                workCustomers += loadPoint.customers
                workMW += loadPoint.averageMW
            }
        }
        interruptionCounts = counts
        customerHours = hours
        customerInterruptions = customers
        energyMWh = energy
        self.workCustomers = workCustomers
        workAverageMW = workMW
        var moved = 0
        var feeders = Set<Int>()
        for transfer in plan.backfeed.transfers {
            for zone in transfer.zones { moved += network.topology.zones[zone].customers }
            feeders.insert(network.topology.tiePaths[transfer.tie][transfer.supplyingSide].feeder)
        }
        movedCustomers = moved
        supplyingFeeders = feeders.sorted()
        needsSwitchingTeam = !plan.lockedTies.isEmpty || plan.operations.contains { $0.element.control(in: network) == .manual }
    }
}

/// Computes and caches ``OutageCost`` per zone, mode, month, work hours and start hour, with the
/// policy's transfer mode. Thread-safe (group solves run in parallel).
public final class OutageCostTable: @unchecked Sendable {
    public let network: Network
    private let engine: OutageImpactEngine
    private let policy: PlanningPolicy
    private struct Key: Hashable {
        var zone: Int
        var transfer: Bool
        var month: Int
        var workHours: Double
        var startHour: Int
    }
    private var cache: [Key: OutageCost] = [:]
    private let lock = NSLock()

    public init(network: Network, policy: PlanningPolicy) {
        self.network = network
        self.engine = OutageImpactEngine(network: network)
        self.policy = policy
    }

    /// The cost of switching `zone` out in `month` for `workHours` of work, switching from `startHour`.
    public func cost(zone: Int, transfer: Bool, month: Int, workHours: Double, startHour: Int) -> OutageCost {
        let key = Key(zone: zone, transfer: transfer, month: month, workHours: workHours, startHour: startHour)
        lock.lock()
        if let cached = cache[key] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let plan = engine.plannedOutagePlan(
            zone: zone, workHours: workHours, backfeed: transfer, month: month, startHour: startHour,
            closedLoopTransfer: policy.closedLoopTransfer)
        let cost = OutageCost(plan: plan, network: network)
        lock.lock()
        cache[key] = cost
        lock.unlock()
        return cost
    }

    /// Whether transferring load is possible at all for work on `zone` (a tie below it).
    public func canTransfer(zone: Int) -> Bool {
        let zones = network.topology.zones
        for z in (zone + 1)..<zones[zone].subtreeEnd where !zones[z].ties.isEmpty { return true }
        return false
    }
}
