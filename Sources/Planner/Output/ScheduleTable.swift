import Foundation
import GridModel
import Reliability

/// The UTF-8 byte-order mark that CSV files start with, so that Excel and WPS read the Chinese
/// text and symbols (·, ≥) as UTF-8.
public let csvByteOrderMark = "\u{FEFF}"

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

    /// Schedule as CSV (UTF-8 with a byte-order mark): one row per job, scheduled ones by date
    /// and start, then those left out. A job in a shared outage carries the outage's customers and
    /// customer-hours on its row, like every other job of that outage (`shared_with` names them):
    /// sum `outage_customer_hours` once per outage, not per row.
    public func scheduleCSV() -> String {
        let network = problem.network
        var lines = [
            "job,date,start,end,period,method,feeder,section,zone,outage,outage_start,outage_end,duration_h,crews,work_type,outage_customers,outage_customer_interruptions,outage_customer_hours,shared_with,description",
        ]
        let outageOf = outageIndexByJob()
        var hoursOf: [Int: (start: Double, end: Double)] = [:]
        for j in assignments.indices where assignments[j] != nil { hoursOf[j] = workHours(j, outageOf: outageOf) }
        let order = hoursOf.keys.sorted {
            let a = (assignments[$0]!.day, hoursOf[$0]!.start, problem.jobs[$0].job.id.count, problem.jobs[$0].job.id)
            let b = (assignments[$1]!.day, hoursOf[$1]!.start, problem.jobs[$1].job.id.count, problem.jobs[$1].job.id)
            return a < b
        }
        for j in order {
            let assignment = assignments[j]!
            let planned = problem.jobs[j]
            let job = planned.job
            let hours = hoursOf[j]!
            var outageFields = ["", "", "", "0", "0", "0", ""]
            if let index = outageOf[j] {
                let outage = evaluation.outages[index]
                let window = outageWindow(index)
                let others = outage.jobs.filter { $0 != j }.map { problem.jobs[$0].job.id }.sorted { NaturalOrder.less($0, $1) }
                let customers = outage.cost.interruptionCounts.reduce(0) { $0 + network.model.loadPoints[$1.loadPoint].customers }
                outageFields = [outageID(index), clock(window.start), clock(window.end), "\(customers)", "\(outage.cost.customerInterruptions)", number(outage.customerHours),
                                csv(others.joined(separator: " "))]
            }
            lines.append(([
                csv(job.id), problem.days[assignment.day].description, clock(hours.start), clock(hours.end),
                csv(problem.shifts[assignment.shift].name + (problem.scenario.isWeekend(problem.days[assignment.day]) ? " (weekend)" : "")), assignment.method.rawValue,
                csv(network.model.sources[planned.feeder].id.rawValue), csv(job.section.rawValue), csv(OutageRules.zoneName(planned.zone, network)),
            ] + outageFields.prefix(3) + [number(job.durationHours), csv(crews(j).joined(separator: "; ")), job.workType.rawValue]
              + outageFields.suffix(4) + [csv(job.description ?? "")]).joined(separator: ","))
        }
        for j in assignments.indices where assignments[j] == nil {
            let planned = problem.jobs[j]
            let job = planned.job
            lines.append([
                csv(job.id), "", "", "", "", "unscheduled", csv(network.model.sources[planned.feeder].id.rawValue), csv(job.section.rawValue),
                csv(OutageRules.zoneName(planned.zone, network)), "", "", "", number(job.durationHours), "", job.workType.rawValue, "0", "0", "0", "",
                csv(job.description ?? ""),
            ].joined(separator: ","))
        }
        return csvByteOrderMark + lines.joined(separator: "\n") + "\n"
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
