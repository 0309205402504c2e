import Foundation
import GridModel
import Reliability

/// One day's work as the crews get it (docs/notifications.md, "Daily work packages").
public struct WorkPackage: Sendable {
    public struct Entry: Sendable {
        public var job: String
        public var startHours: Double
        public var endHours: Double
        public var method: String
        public var feeder: String
        public var section: String
        public var workType: String
        /// Crews and vehicles booked ("outage crews", "bucket trucks", "live teams of category ≥ 2" …).
        public var crews: [String]
        /// The switching order the job needs (outage id, or the job id for a bypass job), if any.
        public var order: String?
        public var description: String?
    }

    public var date: CivilDate
    public var entries: [Entry]
    /// The day's switching orders, in execution order.
    public var orders: [SwitchingOrder]
}

extension PlanResult {
    /// Every day with work, in date order; each day's jobs by start time, then by the first crew
    /// they book, then by id.
    public func workPackages() -> [WorkPackage] {
        let network = problem.network
        let orders = switchingOrders()
        var byDay: [Int: [WorkPackage.Entry]] = [:]
        let outageOf = outageIndexByJob()
        for (j, assignment) in assignments.enumerated() {
            guard let assignment, let hours = workHours(j, outageOf: outageOf) else { continue }
            let planned = problem.jobs[j]
            let order = outageOf[j].map(outageID) ?? (assignment.method == .bypass ? planned.job.id : nil)
            byDay[assignment.day, default: []].append(WorkPackage.Entry(
                job: planned.job.id, startHours: hours.start, endHours: hours.end, method: assignment.method.rawValue,
                feeder: network.model.sources[planned.feeder].id.rawValue, section: planned.job.section.rawValue, workType: planned.job.workType.rawValue,
                crews: crews(j), order: order, description: planned.job.description))
        }
        return byDay.keys.sorted().map { d in
            let date = problem.days[d]
            let entries = byDay[d]!.sorted {
                ($0.startHours, $0.crews.first ?? "", $0.job.count, $0.job) < ($1.startHours, $1.crews.first ?? "", $1.job.count, $1.job)
            }
            return WorkPackage(date: date, entries: entries, orders: orders.filter { $0.date == date })
        }
    }

    /// work-packages.txt: per day, the jobs in time order and the switching orders they need.
    public func workPackagesText() -> String {
        var lines: [String] = []
        for package in workPackages() {
            let jobs = package.entries.count == 1 ? "1 job" : "\(package.entries.count) jobs"
            let orders = package.orders.count == 1 ? "1 switching order" : "\(package.orders.count) switching orders"
            lines.append("\(package.date)  \(jobs), \(orders)")
            for entry in package.entries {
                let order = entry.order.map { "  order \($0)" } ?? ""
                lines.append("  \(clock(entry.startHours))–\(clock(entry.endHours))  \(entry.job)  \(entry.method)  \(entry.feeder) \(entry.section)  [\(entry.crews.joined(separator: "; "))]\(order)")
            }
            for order in package.orders {
                let first = order.steps.first.map { clock(Double(order.startHour) + $0.atHours) } ?? clock(Double(order.startHour))
                lines.append("  switching order \(order.id) from \(first): \(order.title.en) (\(order.steps.count) steps, switching.txt)")
            }
            lines.append("")
        }
        return lines.isEmpty ? "No work in the plan.\n" : lines.joined(separator: "\n")
    }

    /// work-packages.csv (UTF-8 with a byte-order mark): one row per job, by day and start.
    public func workPackagesCSV() -> String {
        var lines = ["date,start,end,job,method,feeder,section,work_type,crews,switching_order,description"]
        for package in workPackages() {
            for entry in package.entries {
                lines.append([
                    package.date.description, clock(entry.startHours), clock(entry.endHours), csv(entry.job), entry.method, csv(entry.feeder),
                    csv(entry.section), entry.workType, csv(entry.crews.joined(separator: "; ")), csv(entry.order ?? ""), csv(entry.description ?? ""),
                ].joined(separator: ","))
            }
        }
        return csvByteOrderMark + lines.joined(separator: "\n") + "\n"
    }
}
