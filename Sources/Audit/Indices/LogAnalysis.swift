import GridModel
import Reliability

/// Thresholds and conventions of an audit.
public struct AuditOptions: Sendable {
    /// IEEE 1366: interruptions longer than this are sustained, shorter ones momentary (minutes).
    public var momentaryMinutes: Double = 5
    /// Momentary interruptions of one customer less than this apart form one momentary event.
    public var momentaryGroupingMinutes: Double = 5
    /// DL/T 836: interruptions up to this long are short interruptions, not counted (minutes).
    public var dltShortMinutes: Double = 3
    /// Counting unit of the DL/T 836 indices.
    public var countingUnit: CountingUnit = .customers
    /// A claim within this relative difference of the recomputed value is consistent.
    public var tolerance: Double = 0.02
    /// Repeated / frequent outages (频繁停电): `repeatThreshold` interruptions or more of one
    /// load point within `repeatWindowDays` days (default 3 in 60 days, "three or more in two
    /// months").
    public var repeatWindowDays = 60
    public var repeatThreshold = 3

    public init() {}
}

/// The outage log of a period, broken into pieces, and the indices computed from it.
public struct LogAnalysis: Sendable {
    let network: Network
    let options: AuditOptions
    let pieces: [InterruptionPiece]
    public let start: CivilDate
    public let end: CivilDate
    /// Records of the period (the event starts in it).
    public let records: [OutageRecord]
    public let customersServed: Int
    public let usersServed: Int

    public init(records all: [OutageRecord], network: Network, start: CivilDate, end: CivilDate, options: AuditOptions) {
        self.network = network
        self.options = options
        self.start = start
        self.end = end
        let first = Timestamp(date: start).minutes
        let last = Timestamp(date: end.adding(days: 1)).minutes
        let records = all.filter { $0.start.minutes >= first && $0.start.minutes < last }
        self.records = records
        var pieces: [InterruptionPiece] = []
        pieces.reserveCapacity(records.count * 2)
        for (index, record) in records.enumerated() { pieces += record.pieces(index: index, network: network) }
        self.pieces = pieces
        customersServed = network.model.loadPoints.reduce(0) { $0 + $1.customers }
        usersServed = network.model.loadPoints.reduce(0) { $0 + $1.mvUsers }
    }

    public var periodMinutes: Double { Double(end.dayNumber - start.dayNumber + 1) * 1440 }

    /// IEEE 1366 indices, leaving out unplanned interruptions on `excludedDays` (major event days).
    public func ieee(excludingDays excludedDays: Set<CivilDate> = []) -> IEEEIndices {
        let n = Double(max(1, customersServed))
        var interruptions = 0
        var minutes = 0.0
        var unattributed = 0
        var perLoadPoint = [Int](repeating: 0, count: network.model.loadPoints.count)
        var interruptedLoadPoints = Set<Int>()
        var countOnlyCustomers = 0
        // Sustained spans per load point (start, end minutes), to merge those that overlap.
        var spans: [Int: [(start: Int, end: Int)]] = [:]
        // Momentary events: per load point (or per feeder for count-only rows), grouped in time.
        var lastMomentary: [Int: Int] = [:]
        var momentaryEvents = 0.0
        // Only momentary pieces need time order (to group them into events).
        var momentary: [Int] = []
        for index in pieces.indices {
            let piece = pieces[index]
            if piece.cause != .planned && !excludedDays.isEmpty && excludedDays.contains(piece.start.date) { continue }
            if Double(piece.minutes) <= options.momentaryMinutes {
                momentary.append(index)
                continue
            }
            interruptions += piece.customers
            minutes += Double(piece.customers * piece.minutes)
            if piece.loadPoint >= 0 {
                perLoadPoint[piece.loadPoint] += 1
                interruptedLoadPoints.insert(piece.loadPoint)
                spans[piece.loadPoint, default: []].append((piece.start.minutes, piece.start.minutes + piece.minutes))
            } else {
                unattributed += piece.customers
                countOnlyCustomers += piece.customers
            }
        }
        momentary.sort { (pieces[$0].start, $0) < (pieces[$1].start, $1) }
        for index in momentary {
            let piece = pieces[index]
            let key = piece.loadPoint >= 0 ? piece.loadPoint : -1 - piece.feeder
            if let previous = lastMomentary[key], Double(piece.start.minutes - previous) < options.momentaryGroupingMinutes {
                lastMomentary[key] = piece.start.minutes
                continue
            }
            lastMomentary[key] = piece.start.minutes
            momentaryEvents += Double(piece.customers)
        }
        let saifi = Double(interruptions) / n
        let saidi = minutes / n / 60
        let distinct = interruptedLoadPoints.reduce(0) { $0 + network.model.loadPoints[$1].customers } + countOnlyCustomers
        var cemi: [Double] = []
        for threshold in 1...5 {
            var customers = 0
            for (lp, count) in perLoadPoint.enumerated() where count > threshold { customers += network.model.loadPoints[lp].customers }
            cemi.append(Double(customers) / n)
        }
        var merged = countOnlyCustomers
        for (lp, list) in spans {
            var runs = 0
            var reach = Int.min
            for span in list.sorted(by: { ($0.start, $0.end) < ($1.start, $1.end) }) {
                if span.start >= reach { runs += 1 }
                reach = max(reach, span.end)
            }
            merged += runs * network.model.loadPoints[lp].customers
        }
        var result = IEEEIndices(
            customersServed: customersServed, customerInterruptions: interruptions, customerMinutes: minutes, saifi: saifi, saidi: saidi,
            caidi: saifi > 0 ? saidi / saifi : 0, caifi: distinct > 0 ? Double(interruptions) / Double(distinct) : 0,
            asai: 1 - minutes / (n * periodMinutes), maifiE: momentaryEvents / n, cemi: cemi,
            unattributedShare: interruptions > 0 ? Double(unattributed) / Double(interruptions) : 0)
        result.mergedCustomerInterruptions = merged
        result.saifiMerged = Double(merged) / n
        return result
    }

    /// DL/T 836 indices in the chosen counting unit.
    public func dlt836() -> DLT836Indices {
        let byUsers = options.countingUnit == .mvUsers
        let served = Double(max(1, byUsers ? usersServed : customersServed))
        var count = (all: 0.0, planned: 0.0, unplanned: 0.0)
        var hours = (all: 0.0, planned: 0.0, unplanned: 0.0, shortage: 0.0)
        for piece in pieces where Double(piece.minutes) > options.dltShortMinutes {
            let units = Double(byUsers ? piece.users : piece.customers)
            let unitHours = units * Double(piece.minutes) / 60
            count.all += units
            hours.all += unitHours
            // DL/T 836 counts supply-shortage curtailment (限电) as pre-arranged (预安排).
            if piece.cause == .planned || piece.cause == .supplyShortage {
                count.planned += units
                hours.planned += unitHours
            } else {
                count.unplanned += units
                hours.unplanned += unitHours
            }
            if piece.cause == .supplyShortage { hours.shortage += unitHours }
        }
        let periodHours = periodMinutes / 60
        let aihc = hours.all / served
        return DLT836Indices(
            unit: byUsers ? "MV users" : "customers", unitsServed: Int(served), aitc1: count.all / served,
            aitc1Planned: count.planned / served, aitc1Unplanned: count.unplanned / served, aihc1: aihc,
            aihc1Planned: hours.planned / served, aihc1Unplanned: hours.unplanned / served, rs1Percent: (1 - aihc / periodHours) * 100,
            rs3Percent: (1 - (hours.all - hours.shortage) / served / periodHours) * 100)
    }

    /// Unplanned sustained customer-minutes per customer served, per day with any.
    public func dailyUnplannedSAIDIMinutes() -> [CivilDate: Double] {
        var daily: [CivilDate: Double] = [:]
        let n = Double(max(1, customersServed))
        for piece in pieces where piece.cause != .planned && Double(piece.minutes) > options.momentaryMinutes {
            daily[piece.start.date, default: 0] += Double(piece.customers * piece.minutes) / n
        }
        return daily
    }

    /// Events of the period ranked by customer-minutes (for evidence), with their customer-minutes.
    public func largestEvents(_ count: Int, excludingDays excludedDays: Set<CivilDate> = []) -> [(id: String, customerMinutes: Double)] {
        var byRecord = [Double](repeating: 0, count: records.count)
        for piece in pieces where Double(piece.minutes) > options.momentaryMinutes {
            if piece.cause != .planned && excludedDays.contains(piece.start.date) { continue }
            byRecord[piece.record] += Double(piece.customers * piece.minutes)
        }
        // Top `count` by a single pass (the log can hold a million events).
        func before(_ a: Int, _ b: Int) -> Bool {
            byRecord[a] != byRecord[b] ? byRecord[a] > byRecord[b] : NaturalOrder.less(records[a].id, records[b].id)
        }
        var top: [Int] = []
        for index in byRecord.indices where byRecord[index] > 0 {
            if top.count < count || before(index, top[top.count - 1]) {
                top.append(index)
                top.sort(by: before)
                if top.count > count { top.removeLast() }
            }
        }
        return top.map { (records[$0].id, byRecord[$0]) }
    }
}
