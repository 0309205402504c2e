import Foundation
import GridModel
import Reliability


extension PlanResult {
    /// The outage (index into `evaluation.outages`) each job in one is done in.
    public func outageIndexByJob() -> [Int: Int] {
        var result: [Int: Int] = [:]
        for (index, outage) in evaluation.outages.enumerated() { for j in outage.jobs { result[j] = index } }
        return result
    }

    /// When the work of job `j` starts and ends, hours after midnight of its day (`outageOf`:
    /// ``outageIndexByJob()``, computed once for all jobs).
    public func workHours(_ j: Int, outageOf: [Int: Int]) -> (start: Double, end: Double)? {
        guard let assignment = assignments[j] else { return nil }
        let start = problem.startHour(assignment.shift)
        let duration = problem.jobs[j].job.durationHours
        if let index = outageOf[j] {
            let plan = evaluation.outages[index].cost.plan
            return (start + plan.workStartHours, start + plan.workStartHours + duration)
        }
        let connect = assignment.method == .bypass ? problem.scenario.policy.bypassConnectionMinutes / 60 : 0
        return (start + connect, start + connect + duration)
    }

    /// When an outage's first customer loses supply and its last gets it back, hours after midnight.
    public func outageWindow(_ index: Int) -> (start: Double, end: Double) {
        let outage = evaluation.outages[index]
        let start = problem.startHour(outage.ref.shift)
        let first = outage.cost.interruptions.map(\.startHours).min() ?? outage.cost.plan.workStartHours
        let last = outage.cost.interruptions.map(\.endHours).max() ?? outage.cost.plan.workEndHours
        return (start + first, start + last)
    }

    /// The crews and vehicles a job books, by name ("outage crews", "bucket trucks" …): of the
    /// nested rows (live teams of category ≥ k, generators ≥ k kW) only the most demanding one.
    public func crews(_ j: Int) -> [String] {
        guard let method = assignments[j]?.method else { return [] }
        let rows = problem.capacityRows.filter { $0.uses(problem.jobs[j], method) }
        var category = 0
        var kilowatts = -1.0
        for row in rows {
            switch row.resource {
            case .liveTeams(let k): category = max(category, k)
            case .mobileGenerators(let kw): kilowatts = max(kilowatts, kw)
            default: break
            }
        }
        return rows.filter { row in
            switch row.resource {
            case .liveTeams(let k): return k == category
            case .mobileGenerators(let kw): return kw == kilowatts
            default: return true
            }
        }.map(\.name)
    }

    /// One job of the plan as the schedule lists it (schedule.csv, plan.json `jobs`).
    public struct ScheduleRow: Sendable {
        public var job: String
        /// nil for a job left out.
        public var date: CivilDate?
        public var start: String
        public var end: String
        /// The work period (`day`, `night` …; "(weekend)" added on a non-working weekday).
        public var period: String
        /// liveLine, bypass, transfer, outage, or `unscheduled`.
        public var method: String
        public var feeder: String
        public var section: String
        public var zone: String
        public var outage: String
        public var outageStart: String
        public var outageEnd: String
        public var durationHours: Double
        public var crews: [String]
        public var workType: String
        /// Of the whole outage the job is in (0 for live work).
        public var outageCustomers: Int
        public var outageCustomerInterruptions: Int
        public var outageCustomerHours: Double
        public var sharedWith: [String]
        public var description: String
        /// The zone switched out for the job (its first section) and whether the load below it
        /// was moved over ties: what `liveline evaluate` reads back ("" for live work).
        public var outageZone = ""
        public var outageTransfer = false
    }

    /// Every job, scheduled ones by date and start, then those left out. A job in a shared outage
    /// carries the outage's customers and customer-hours, like every other job of that outage.
    public func scheduleRows() -> [ScheduleRow] {
        let network = problem.network
        let outageOf = outageIndexByJob()
        var hoursOf: [Int: (start: Double, end: Double)] = [:]
        for j in assignments.indices where assignments[j] != nil { hoursOf[j] = workHours(j, outageOf: outageOf) }
        let order = hoursOf.keys.sorted {
            let a = (assignments[$0]!.day, hoursOf[$0]!.start, problem.jobs[$0].job.id.count, problem.jobs[$0].job.id)
            let b = (assignments[$1]!.day, hoursOf[$1]!.start, problem.jobs[$1].job.id.count, problem.jobs[$1].job.id)
            return a < b
        }
        var rows: [ScheduleRow] = []
        for j in order + assignments.indices.filter({ assignments[$0] == nil }) {
            let planned = problem.jobs[j]
            let job = planned.job
            var row = ScheduleRow(
                job: job.id, date: nil, start: "", end: "", period: "", method: "unscheduled",
                feeder: network.model.sources[planned.feeder].id.rawValue, section: job.section.rawValue,
                zone: OutageRules.zoneName(planned.zone, network), outage: "", outageStart: "", outageEnd: "", durationHours: job.durationHours,
                crews: [], workType: job.workType.rawValue, outageCustomers: 0, outageCustomerInterruptions: 0, outageCustomerHours: 0,
                sharedWith: [], description: job.description ?? "")
            if let assignment = assignments[j], let hours = hoursOf[j] {
                let day = problem.days[assignment.day]
                row.date = day
                row.start = clock(hours.start)
                row.end = clock(hours.end)
                row.period = problem.shifts[assignment.shift].name + (problem.scenario.isWeekend(day) ? " (weekend)" : "")
                row.method = assignment.method.rawValue
                row.crews = crews(j)
                if let index = outageOf[j] {
                    let outage = evaluation.outages[index]
                    let window = outageWindow(index)
                    row.outage = outageID(index)
                    row.outageStart = clock(window.start)
                    row.outageEnd = clock(window.end)
                    row.outageCustomers = outage.cost.interruptionCounts.reduce(0) { $0 + network.model.loadPoints[$1.loadPoint].customers }
                    row.outageCustomerInterruptions = outage.cost.customerInterruptions
                    row.outageCustomerHours = outage.customerHours
                    row.sharedWith = outage.jobs.filter { $0 != j }.map { problem.jobs[$0].job.id }.sorted { NaturalOrder.less($0, $1) }
                    row.outageZone = OutageRules.zoneName(outage.zone, network)
                    row.outageTransfer = outage.transfer
                }
            }
            rows.append(row)
        }
        return rows
    }

    /// Schedule as CSV (UTF-8 with a byte-order mark), one row per ``scheduleRows()``: sum
    /// `outage_customer_hours` once per outage, not per row.
    public func scheduleCSV() -> String {
        var lines = [
            "job,date,start,end,period,method,feeder,section,zone,outage,outage_start,outage_end,duration_h,crews,work_type,outage_customers,outage_customer_interruptions,outage_customer_hours,shared_with,description,outage_zone,outage_transfer",
        ]
        for row in scheduleRows() {
            lines.append([
                csv(row.job), row.date?.description ?? "", row.start, row.end, csv(row.period), row.method, csv(row.feeder), csv(row.section), csv(row.zone),
                row.outage, row.outageStart, row.outageEnd, number(row.durationHours), csv(row.crews.joined(separator: "; ")), row.workType,
                "\(row.outageCustomers)", "\(row.outageCustomerInterruptions)", number(row.outageCustomerHours),
                csv(row.sharedWith.joined(separator: " ")), csv(row.description), csv(row.outageZone),
                row.outageZone.isEmpty ? "" : (row.outageTransfer ? "yes" : "no"),
            ].joined(separator: ","))
        }
        return csvByteOrderMark + lines.joined(separator: "\n") + "\n"
    }

    /// The rows as JSON (plan.json `jobs`).
    public func scheduleRowsJSON() -> JSONOutput {
        .array(scheduleRows().map { row in
            .object([
                ("job", .string(row.job)), ("date", row.date.map { .string($0.description) } ?? .null), ("start", .string(row.start)),
                ("end", .string(row.end)), ("period", .string(row.period)), ("method", .string(row.method)), ("feeder", .string(row.feeder)),
                ("section", .string(row.section)), ("zone", .string(row.zone)), ("outage", row.outage.isEmpty ? .null : .string(row.outage)),
                ("outageStart", .string(row.outageStart)), ("outageEnd", .string(row.outageEnd)), ("durationHours", .number(row.durationHours)),
                ("crews", .array(row.crews.map { .string($0) })), ("workType", .string(row.workType)),
                ("outageCustomers", .integer(row.outageCustomers)), ("outageCustomerInterruptions", .integer(row.outageCustomerInterruptions)),
                ("outageCustomerHours", .number(row.outageCustomerHours)), ("sharedWith", .array(row.sharedWith.map { .string($0) })),
                ("description", .string(row.description)),
                ("outageZone", row.outageZone.isEmpty ? .null : .string(row.outageZone)), ("outageTransfer", .bool(row.outageTransfer)),
            ])
        })
    }

    func clock(_ hours: Double) -> String { clockText(hours: hours) }
}

/// HH:MM of hours after midnight ("+1d 01:30" past midnight; "?" when not a time).
public func clockText(hours: Double) -> String {
    guard hours.isFinite, hours >= 0, hours < 1e6 else { return "?" }
    let minutes = Int((hours * 60).rounded())
    let day = minutes / 1440
    let text = String(format: "%02d:%02d", (minutes % 1440) / 60, minutes % 60)
    return day > 0 ? "+\(day)d \(text)" : text
}
