import GridModel

/// The sustained-interruption indices of one part of the network (a feeder or a district).
public struct AreaIndices: Sendable, Equatable {
    public var name: String
    public var customersServed: Int
    public var customerInterruptions: Int
    /// Customer-minutes of sustained interruption (the impact the rows are sorted by).
    public var customerMinutes: Double
    public var saifi: Double
    /// Hours per customer served.
    public var saidi: Double
}

/// SAIFI, SAIDI and RS-1 of one span, for the period comparison.
public struct PeriodIndices: Sendable, Equatable {
    public var label: String
    public var start: CivilDate
    public var end: CivilDate
    public var events: Int
    public var saifi: Double
    public var saidi: Double
    public var rs1Percent: Double
}

extension CivilDate {
    /// The span of the same length just before `start…end`: whole months back when the span is
    /// whole months (a half year before a half year), else the same number of days.
    public static func previousSpan(start: CivilDate, end: CivilDate) -> (start: CivilDate, end: CivilDate) {
        let previousEnd = start.adding(days: -1)
        let wholeMonths = start.day == 1 && end.day == CivilDate.daysIn(month: end.month, year: end.year)
        if wholeMonths {
            let months = (end.year * 12 + end.month) - (start.year * 12 + start.month) + 1
            let index = start.year * 12 + (start.month - 1) - months
            if let first = CivilDate(year: index / 12, month: index % 12 + 1, day: 1) { return (first, previousEnd) }
        }
        return (previousEnd.adding(days: -(end.dayNumber - start.dayNumber)), previousEnd)
    }
}

extension LogAnalysis {
    /// Sustained-interruption indices per feeder (and, with `district`, per district of the
    /// feeders), sorted by customer-minutes, most first; parts without interruptions included.
    /// A load point's interruptions count on its own feeder; rows without load points on the
    /// record's feeder (or nowhere, when it names none).
    public func breakdown(byDistrict: Bool) -> [AreaIndices] {
        let topology = network.topology
        let sources = network.model.sources
        func area(ofFeeder f: Int) -> String {
            byDistrict ? (sources[f].district ?? "(no district)") : sources[f].id.rawValue
        }
        var served: [String: Int] = [:]
        for (lp, point) in network.model.loadPoints.enumerated() {
            served[area(ofFeeder: topology.feederOfBus[network.loadPointBus[lp]]), default: 0] += point.customers
        }
        if !byDistrict { for f in sources.indices where served[area(ofFeeder: f)] == nil { served[area(ofFeeder: f)] = 0 } }
        var interruptions: [String: Int] = [:]
        var minutes: [String: Double] = [:]
        for piece in pieces where Double(piece.minutes) > options.momentaryMinutes {
            let feeder = piece.loadPoint >= 0 ? topology.feederOfBus[network.loadPointBus[piece.loadPoint]] : piece.feeder
            guard feeder >= 0 else { continue }
            let name = area(ofFeeder: feeder)
            interruptions[name, default: 0] += piece.customers
            minutes[name, default: 0] += Double(piece.customers * piece.minutes)
        }
        return served.keys.map { name in
            let n = Double(max(1, served[name]!))
            let count = interruptions[name] ?? 0
            let m = minutes[name] ?? 0
            return AreaIndices(name: name, customersServed: served[name]!, customerInterruptions: count, customerMinutes: m,
                               saifi: Double(count) / n, saidi: m / n / 60)
        }.sorted { $0.customerMinutes != $1.customerMinutes ? $0.customerMinutes > $1.customerMinutes : NaturalOrder.less($0.name, $1.name) }
    }

    /// The span's SAIFI, SAIDI and RS-1 (from its indices when already computed).
    func periodIndices(label: String, ieee known: IEEEIndices? = nil, dlt836 knownDLT: DLT836Indices? = nil) -> PeriodIndices {
        let ieee = known ?? ieee()
        return PeriodIndices(label: label, start: start, end: end, events: records.count, saifi: ieee.saifi, saidi: ieee.saidi,
                             rs1Percent: (knownDLT ?? dlt836()).rs1Percent)
    }
}
