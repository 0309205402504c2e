import Foundation
import GridModel
import Reliability

extension PlanResult {
    /// Outage ids, in the order of `evaluation.outages`.
    public func outageID(_ index: Int) -> String {
        let width = String(max(1, evaluation.outages.count)).count
        let text = String(index + 1)
        return "O" + String(repeating: "0", count: width - text.count) + text
    }

    /// The schedule in the documented format (read by `liveline simulate --schedule`), with every
    /// outage's switching steps.
    public func schedule(networkPath: String?) -> PlannedSchedule {
        let network = problem.network
        var outageOfJob: [Int: Int] = [:]
        var outages: [PlannedSchedule.Outage] = []
        for (index, outage) in evaluation.outages.enumerated() {
            for j in outage.jobs { outageOfJob[j] = index }
            let section = network.topology.zones[outage.zone].sections.first.map { network.model.sections[$0].id }
                ?? problem.jobs[outage.jobs[0]].job.section
            outages.append(PlannedSchedule.Outage(
                id: outageID(index), date: problem.days[outage.day], section: section, startHour: problem.shifts[outage.ref.shift].startHour,
                workHours: outage.workHours, transfer: outage.transfer, jobs: outage.jobs.map { problem.jobs[$0].job.id }.sorted { NaturalOrder.less($0, $1) },
                switching: outage.cost.plan.operations))
        }
        var jobs: [PlannedSchedule.JobEntry] = []
        for (j, assignment) in assignments.enumerated() {
            guard let assignment else { continue }
            let job = problem.jobs[j].job
            jobs.append(PlannedSchedule.JobEntry(
                job: job.id, date: problem.days[assignment.day], method: assignment.method.rawValue, section: job.section,
                durationHours: job.durationHours, outage: outageOfJob[j].map(outageID), description: job.description,
                workType: job.workType.rawValue))
        }
        jobs.sort { ($0.date, $0.job.count, $0.job) < ($1.date, $1.job.count, $1.job) }
        return PlannedSchedule(
            name: problem.scenario.name, network: networkPath, start: problem.scenario.start, end: problem.scenario.end,
            closedLoopTransfer: problem.scenario.policy.closedLoopTransfer, jobs: jobs, outages: outages)
    }

    /// Units used and available per resource row and planning day (only days with work).
    public func resourceUse() -> [(day: CivilDate, row: String, used: Int, available: Int)] {
        let used = Planner.usage(problem, assignments)
        var rows: [(CivilDate, String, Int, Int)] = []
        for d in problem.days.indices {
            for (r, row) in problem.capacityRows.enumerated() where used[r][d] > 0 {
                rows.append((problem.days[d], row.name, used[r][d], row.capacity[d]))
            }
        }
        return rows
    }

    func csv(_ text: String) -> String {
        text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
