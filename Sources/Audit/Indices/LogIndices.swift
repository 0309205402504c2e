import GridModel

/// Part of an event seen by one group of customers: a load point (or, for rows that give only
/// counts, the customers restored at one step) and how long it lasted.
struct InterruptionPiece {
    var customers: Int
    var users: Int
    var minutes: Int
    /// Load point index, or -1 when the row gives only counts.
    var loadPoint: Int
    var cause: OutageCause
    /// Index of the record in the log.
    var record: Int
    var start: Timestamp
    var feeder: Int
}

extension OutageRecord {
    /// The pieces of this event: each load point (or restored group) with its own duration.
    func pieces(index: Int, network: Network) -> [InterruptionPiece] {
        let feederIndex = feeder ?? loadPoints.first.map { network.topology.feederOfBus[network.loadPointBus[$0]] } ?? -1
        var result: [InterruptionPiece] = []
        if !loadPoints.isEmpty {
            var restored: [Int: Timestamp] = [:]
            for step in steps { for lp in step.loadPoints where restored[lp] == nil { restored[lp] = step.time } }
            for lp in loadPoints {
                let loadPoint = network.model.loadPoints[lp]
                let back = restored[lp] ?? end
                result.append(InterruptionPiece(
                    customers: loadPoint.customers, users: loadPoint.mvUsers, minutes: back.minutes - start.minutes, loadPoint: lp,
                    cause: cause, record: index, start: start, feeder: feederIndex))
            }
        } else {
            var remaining = customers
            var remainingUsers = mvUsers
            for step in steps where step.customers > 0 {
                let share = min(step.customers, remaining)
                let users = customers > 0 ? Int((Double(mvUsers) * Double(share) / Double(customers)).rounded()) : 0
                result.append(InterruptionPiece(customers: share, users: min(users, remainingUsers), minutes: step.time.minutes - start.minutes, loadPoint: -1, cause: cause, record: index, start: start, feeder: feederIndex))
                remaining -= share
                remainingUsers -= min(users, remainingUsers)
            }
            if remaining > 0 || result.isEmpty {
                result.append(InterruptionPiece(customers: remaining, users: remainingUsers, minutes: end.minutes - start.minutes, loadPoint: -1, cause: cause, record: index, start: start, feeder: feederIndex))
            }
        }
        return result
    }
}

/// IEEE 1366 indices recomputed from an outage log.
public struct IEEEIndices: Sendable, Equatable {
    /// Customers served (the network's).
    public var customersServed: Int
    public var customerInterruptions: Int
    /// Customer-minutes of sustained interruption.
    public var customerMinutes: Double
    public var saifi: Double
    /// Hours per customer.
    public var saidi: Double
    /// Hours per interruption.
    public var caidi: Double
    /// Interruptions per customer interrupted (customers identified by load point; count-only rows
    /// are taken as distinct customers).
    public var caifi: Double
    public var asai: Double
    /// Momentary interruption events per customer (momentary interruptions of one customer less than
    /// the grouping window apart count as one event).
    public var maifiE: Double
    /// Share of customers with more than n sustained interruptions (load-point rows only), n = 1…5.
    public var cemi: [Double]
    /// Share of the customer interruptions that came from rows without load points (not in CEMI).
    public var unattributedShare: Double
    /// Customer interruptions with the sustained interruptions of one load point that overlap in
    /// time merged into one (rows without load points as logged): SAIFI counts every logged
    /// interruption, so two events that cut one customer at once count twice there.
    public var mergedCustomerInterruptions: Int = 0
    public var saifiMerged: Double = 0
}

/// DL/T 836 indices (供电可靠性) recomputed from an outage log.
public struct DLT836Indices: Sendable, Equatable {
    public var unit: String
    public var unitsServed: Int
    /// Interruptions per unit (AITC-1), all / planned / unplanned.
    public var aitc1: Double
    public var aitc1Planned: Double
    public var aitc1Unplanned: Double
    /// Hours per unit (AIHC-1), all / planned / unplanned.
    public var aihc1: Double
    public var aihc1Planned: Double
    public var aihc1Unplanned: Double
    /// Reliability rates in percent: RS-1 (all), RS-3 (excluding supply shortage).
    public var rs1Percent: Double
    public var rs3Percent: Double
}

/// Major event days by the 2.5β method.
public struct MajorEventDays: Sendable, Equatable {
    /// Non-zero days of history used, their log-mean and log-standard deviation.
    public var historyDays: Int
    public var alpha: Double
    public var beta: Double
    /// Daily SAIDI threshold in minutes: exp(α + 2.5 β).
    public var thresholdMinutes: Double
    /// Days of the period whose unplanned daily SAIDI exceeds the threshold, with their SAIDI (minutes).
    public var days: [(date: CivilDate, saidiMinutes: Double)]

    public static func == (lhs: MajorEventDays, rhs: MajorEventDays) -> Bool {
        lhs.historyDays == rhs.historyDays && lhs.thresholdMinutes == rhs.thresholdMinutes && lhs.days.map(\.date) == rhs.days.map(\.date)
    }

    /// The threshold from daily SAIDI values (minutes); zero days are dropped. nil with fewer than 2 days.
    public static func threshold(dailySAIDIMinutes: [Double]) -> (alpha: Double, beta: Double, threshold: Double, days: Int)? {
        let logs = dailySAIDIMinutes.filter { $0 > 0 }.map { _logarithm($0) }
        guard logs.count >= 2 else { return nil }
        let alpha = logs.reduce(0, +) / Double(logs.count)
        let variance = logs.reduce(0) { $0 + ($1 - alpha) * ($1 - alpha) } / Double(logs.count - 1)
        let beta = variance.squareRoot()
        return (alpha, beta, _exponential(alpha + 2.5 * beta), logs.count)
    }
}

#if canImport(Glibc)
import Glibc
func _logarithm(_ x: Double) -> Double { Glibc.log(x) }
func _exponential(_ x: Double) -> Double { Glibc.exp(x) }
#elseif canImport(Darwin)
import Darwin
func _logarithm(_ x: Double) -> Double { Darwin.log(x) }
func _exponential(_ x: Double) -> Double { Darwin.exp(x) }
#endif
