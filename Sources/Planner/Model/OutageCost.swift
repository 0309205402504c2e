import Foundation
import GridModel
import Reliability

/// What de-energising one zone for planned work costs customers, from the outage-impact engine,
/// split so the work hours can stay a decision: customers "out" see switching + work + switching;
/// customers moved over a tie see a fixed brief interruption.
public struct OutageCost: Sendable {
    /// Load points out for the whole work (the zone, and whatever below it is not moved).
    public var outLoadPoints: [Int]
    public var outCustomers: Int
    public var outAverageMW: Double
    /// Switching hours added to the work hours for the "out" customers (isolate + restore).
    public var fixedHours: Double
    /// Load points moved over a tie that see a brief interruption while switching (open transition).
    public var transferredLoadPoints: [Int]
    /// Customer-hours of those brief interruptions.
    public var transferCustomerHours: Double
    /// MWh not supplied during those brief interruptions.
    public var transferMWh: Double
    /// Load moved per tie, MW (tie index, supplying end 0/1, load).
    public var tieLoads: [(tie: Int, side: Int, loadMW: Double)]
    /// Feeders that supply the moved load (they must not be de-energised the same day).
    public var supplyingFeeders: [Int]
    /// The engine's impact at zero work hours (for switching steps).
    public var impact: OutageImpact

    /// Customer-hours for `workHours` of work.
    public func customerHours(workHours: Double) -> Double {
        Double(outCustomers) * (fixedHours + workHours) + transferCustomerHours
    }

    /// MWh not supplied for `workHours` of work.
    public func energyMWh(workHours: Double) -> Double {
        outAverageMW * (fixedHours + workHours) + transferMWh
    }

    /// Every load point that counts one planned interruption.
    public var interruptedLoadPoints: [Int] { outLoadPoints + transferredLoadPoints }
}

/// Computes and caches ``OutageCost`` per (zone, with/without transfer, month).
public final class OutageCostTable: @unchecked Sendable {
    public let network: Network
    private let engine: OutageImpactEngine
    private let policy: PlanningPolicy
    private var cache: [Int: OutageCost] = [:]
    private let lock = NSLock()

    public init(network: Network, policy: PlanningPolicy) {
        self.network = network
        self.engine = OutageImpactEngine(network: network)
        self.policy = policy
    }

    public func cost(zone: Int, transfer: Bool, month: Int) -> OutageCost {
        let key = (zone * 2 + (transfer ? 1 : 0)) * 13 + month
        lock.lock()
        if let cached = cache[key] {
            lock.unlock()
            return cached
        }
        lock.unlock()
        let event = OutageEvent(
            cause: .plannedWork(zone: zone, workHours: 0, backfeed: transfer), month: month, hour: policy.workStartHour,
            closedLoopTransfer: policy.closedLoopTransfer)
        let impact = engine.evaluate(event)
        var out: [Int] = []
        var moved: [Int] = []
        var outCustomers = 0
        var outMW = 0.0
        var fixed = 0.0
        var movedHours = 0.0
        var movedMWh = 0.0
        for k in 0..<impact.count {
            let loadPoint = network.model.loadPoints[impact.loadPoints[k]]
            switch impact.stages[k] {
            case .transferSwitching:
                if impact.hours[k] > 0 {
                    moved.append(impact.loadPoints[k])
                    movedHours += Double(loadPoint.customers) * impact.hours[k]
                    movedMWh += loadPoint.averageMW * impact.hours[k]
                }
            default:
                out.append(impact.loadPoints[k])
                outCustomers += loadPoint.customers
                outMW += loadPoint.averageMW
                fixed = impact.hours[k]
            }
        }
        if out.isEmpty { fixed = impact.zoneOutageHours }
        var feeders = Set<Int>()
        var loads: [(tie: Int, side: Int, loadMW: Double)] = []
        for transfer in impact.backfeed.transfers {
            loads.append((transfer.tie, transfer.supplyingSide, transfer.loadMW))
            feeders.insert(network.topology.tiePaths[transfer.tie][transfer.supplyingSide].feeder)
        }
        let cost = OutageCost(
            outLoadPoints: out.sorted(), outCustomers: outCustomers, outAverageMW: outMW, fixedHours: fixed,
            transferredLoadPoints: moved.sorted(), transferCustomerHours: movedHours, transferMWh: movedMWh, tieLoads: loads,
            supplyingFeeders: feeders.sorted(), impact: impact)
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

