import GridModel
import Reliability

/// A zone on a planning day, switched out in a shift (typed key).
public struct ZoneDay: Sendable, Hashable, Comparable {
    public var zone: Int
    /// Index into ``PlanningProblem/days``.
    public var day: Int
    /// Index into ``PlanningProblem/shifts``.
    public var shift: Int

    public init(zone: Int, day: Int, shift: Int) {
        self.zone = zone
        self.day = day
        self.shift = shift
    }

    public static func < (lhs: ZoneDay, rhs: ZoneDay) -> Bool { (lhs.zone, lhs.day, lhs.shift) < (rhs.zone, rhs.day, rhs.shift) }
}

/// A planning day and a shift (typed key): the outages that start together.
struct DayShift: Hashable {
    /// Index into ``PlanningProblem/days``.
    var day: Int
    /// Index into ``PlanningProblem/shifts``.
    var shift: Int
}

/// A job on a planning day (typed key).
public struct JobDay: Sendable, Hashable, Comparable {
    public var job: Int
    public var day: Int

    public static func < (lhs: JobDay, rhs: JobDay) -> Bool { (lhs.job, lhs.day) < (rhs.job, rhs.day) }
}

/// One way a zone can be switched out on a day, as the MILP sees it.
///
/// Outage mode has one variant. In transfer mode the switching (which zones move over which
/// ties) can depend on the work hours, because headroom is checked at the heaviest hour the ties
/// carry the load: the work hours of the jobs that could share the outage are sorted, and each
/// run of hours that switch alike is one variant. An outage is in the variant that holds its
/// longest job, so its cost is exactly `fixed + slope × hours` of that variant. Variants that move
/// no customers are left out (such a "transfer" is an outage).
public struct OutageVariant: Sendable {
    public var ref: OutageRef
    public var day: Int
    /// Position among the zone-day's variants of the same mode (0 for outage mode).
    public var index: Int
    /// Work hours the variant covers: its longest job lies in `minHours … maxHours`.
    public var minHours: Double
    public var maxHours: Double
    /// The engine's cost at `maxHours` (the same switching for every hours of the range).
    public var cost: OutageCost
    /// Zones dead through the whole work, sorted: a job by outage there may ride on it.
    public var deadZones: [Int]

    /// Whether a job by outage in `zone` can be done during this outage.
    public func isDead(_ zone: Int) -> Bool {
        var low = 0
        var high = deadZones.count
        while low < high {
            let mid = (low + high) / 2
            if deadZones[mid] < zone { low = mid + 1 } else { high = mid }
        }
        return low < deadZones.count && deadZones[low] == zone
    }
}

extension PlanningProblem {
    /// Variants of every zone-day that some job could switch out: outage mode where a job by
    /// outage has that zone, transfer classes where a job by transfer has it.
    static func makeVariants(
        network: Network, days: [CivilDate], shifts: [WorkShift], costs: OutageCostTable, jobs: [PlannedJob]
    ) -> [ZoneDay: [OutageVariant]] {
        var outageHours: [ZoneDay: Set<Double>] = [:]
        var transferHours: [ZoneDay: Set<Double>] = [:]
        var outageJobZonesByDay: [DayShift: [(zone: Int, hours: Double)]] = [:]
        for job in jobs {
            for candidate in job.candidates {
                let key = ZoneDay(zone: job.zone, day: candidate.day, shift: candidate.shift)
                switch candidate.method {
                case .outage:
                    outageHours[key, default: []].insert(job.job.durationHours)
                    outageJobZonesByDay[DayShift(day: candidate.day, shift: candidate.shift), default: []].append((job.zone, job.job.durationHours))
                case .transfer: transferHours[key, default: []].insert(job.job.durationHours)
                default: break
                }
            }
        }
        let zones = network.topology.zones
        var result: [ZoneDay: [OutageVariant]] = [:]
        for key in outageHours.keys.sorted() {
            let hours = outageHours[key]!.sorted()
            let cost = costs.cost(zone: key.zone, transfer: false, month: days[key.day].month, workHours: hours.last!, startHour: shifts[key.shift].startHour)
            result[key, default: []].append(OutageVariant(
                ref: OutageRef(zone: key.zone, transfer: false, shift: key.shift), day: key.day, index: 0, minHours: hours.first!, maxHours: hours.last!,
                cost: cost, deadZones: cost.deadForWorkZones))
        }
        for key in transferHours.keys.sorted() {
            // Hours of every job that could share it: by transfer here, or by outage below.
            var hours = transferHours[key]!
            for rider in outageJobZonesByDay[DayShift(day: key.day, shift: key.shift)] ?? [] where rider.zone >= key.zone && rider.zone < zones[key.zone].subtreeEnd {
                hours.insert(rider.hours)
            }
            let month = days[key.day].month
            var runs: [(low: Double, high: Double, cost: OutageCost)] = []
            for h in hours.sorted() {
                let cost = costs.cost(zone: key.zone, transfer: true, month: month, workHours: h, startHour: shifts[key.shift].startHour)
                if let last = runs.last, last.cost.switchesAlike(cost) {
                    runs[runs.count - 1] = (last.low, h, cost)
                } else {
                    runs.append((h, h, cost))
                }
            }
            var index = 0
            for run in runs where run.cost.movesLoad {
                result[key, default: []].append(OutageVariant(
                    ref: OutageRef(zone: key.zone, transfer: true, shift: key.shift), day: key.day, index: index, minHours: run.low, maxHours: run.high,
                    cost: run.cost, deadZones: run.cost.deadForWorkZones.sorted()))
                index += 1
            }
        }
        return result
    }
}
