import Foundation
import GridModel
import Reliability

/// One switching operation in a job's sequence.
public struct SwitchingStep: Sendable, Equatable {
    public enum Action: String, Sendable { case open, close }
    public var action: Action
    public var device: String
    public var control: String
    /// Why: "isolate the work zone", "move load to feeder F2" …
    public var purpose: String
}

extension PlanResult {
    /// Outage ids, in the order of `evaluation.outages`.
    public func outageID(_ index: Int) -> String {
        let width = String(max(1, evaluation.outages.count)).count
        let text = String(index + 1)
        return "O" + String(repeating: "0", count: width - text.count) + text
    }

    /// The schedule in the documented format (read by `liveline simulate --schedule`).
    public func schedule(networkPath: String?) -> PlannedSchedule {
        let network = problem.network
        var outageOfJob: [Int: Int] = [:]
        var outages: [PlannedSchedule.Outage] = []
        for (index, outage) in evaluation.outages.enumerated() {
            for j in outage.jobs { outageOfJob[j] = index }
            let section = network.topology.zones[outage.zone].sections.first.map { network.model.sections[$0].id }
                ?? problem.jobs[outage.jobs[0]].job.section
            outages.append(PlannedSchedule.Outage(
                id: outageID(index), date: problem.days[outage.day], section: section, startHour: problem.scenario.policy.workStartHour,
                workHours: outage.workHours, transfer: outage.transfer, jobs: outage.jobs.map { problem.jobs[$0].job.id }.sorted { NaturalOrder.less($0, $1) }))
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

    /// Switching steps of a zone outage, in order: move load away (transfer), isolate the zone,
    /// then after the work the same in reverse.
    public func switchingSteps(outage index: Int) -> [SwitchingStep] {
        let outage = evaluation.outages[index]
        let network = problem.network
        let impact = outage.cost.impact
        func device(_ d: Int) -> (String, String) { (network.model.devices[d].id.rawValue, network.model.devices[d].control.rawValue) }
        func tie(_ t: Int) -> (String, String) { (network.model.ties[t].id.rawValue, network.model.ties[t].control.rawValue) }
        let entry = Set(impact.isolatingDevices)
        var before: [SwitchingStep] = []
        var after: [SwitchingStep] = []
        let closedLoop = problem.scenario.policy.closedLoopTransfer
        for transfer in impact.backfeed.transfers where outage.transfer {
            let supplier = network.model.sources[network.topology.tiePaths[transfer.tie][transfer.supplyingSide].feeder].id.rawValue
            let (tieID, tieControl) = tie(transfer.tie)
            let opened = transfer.devicesOpened.filter { !entry.contains($0) }.map(device)
            let purpose = "move the load below the work zone to feeder \(supplier)"
            let close = SwitchingStep(action: .close, device: tieID, control: tieControl, purpose: purpose)
            let opens = opened.map { SwitchingStep(action: .open, device: $0.0, control: $0.1, purpose: purpose) }
            before += closedLoop ? [close] + opens : opens + [close]
            let back = "return the load to its own feeder"
            let reopen = SwitchingStep(action: .open, device: tieID, control: tieControl, purpose: back)
            let recloses = opened.map { SwitchingStep(action: .close, device: $0.0, control: $0.1, purpose: back) }
            after += closedLoop ? recloses + [reopen] : [reopen] + recloses
        }
        let isolate = impact.isolatingDevices.map(device)
        let zoneName = network.topology.zones[outage.zone].sections.first.map { network.model.sections[$0].id.rawValue } ?? "zone"
        if isolate.isEmpty {
            let feeder = network.model.sources[network.topology.zones[outage.zone].feeder].id.rawValue
            before.append(SwitchingStep(action: .open, device: "\(feeder) feeder head", control: "manual", purpose: "isolate the work zone (\(zoneName))"))
            after.insert(SwitchingStep(action: .close, device: "\(feeder) feeder head", control: "manual", purpose: "re-energise the work zone"), at: 0)
        }
        before += isolate.map { SwitchingStep(action: .open, device: $0.0, control: $0.1, purpose: "isolate the work zone (\(zoneName))") }
        after.insert(contentsOf: isolate.map { SwitchingStep(action: .close, device: $0.0, control: $0.1, purpose: "re-energise the work zone") }, at: 0)
        return before + [SwitchingStep(action: .open, device: "—", control: "", purpose: "work: \(outage.jobs.map { problem.jobs[$0].job.id }.joined(separator: ", ")) (\(formatHours(outage.workHours)))")] + after
    }

    private func formatHours(_ hours: Double) -> String {
        hours == hours.rounded() ? "\(Int(hours)) h" : "\(hours) h"
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

    /// Schedule as CSV: one row per job.
    public func scheduleCSV() -> String {
        var lines = ["job,date,method,section,zone_outage,duration_h,work_type,customers_interrupted,customer_hours,description"]
        var outageOfJob: [Int: Int] = [:]
        for (index, outage) in evaluation.outages.enumerated() { for j in outage.jobs { outageOfJob[j] = index } }
        let order = assignments.indices.filter { assignments[$0] != nil }.sorted {
            (assignments[$0]!.day, problem.jobs[$0].job.id.count, problem.jobs[$0].job.id) < (assignments[$1]!.day, problem.jobs[$1].job.id.count, problem.jobs[$1].job.id)
        }
        for j in order {
            let assignment = assignments[j]!
            let job = problem.jobs[j].job
            var customers = 0
            var hours = 0.0
            if let index = outageOfJob[j], evaluation.outages[index].jobs.first == j {
                let outage = evaluation.outages[index]
                customers = outage.cost.interruptedLoadPoints.reduce(0) { $0 + problem.network.model.loadPoints[$1].customers }
                hours = outage.customerHours
            }
            lines.append([
                csv(job.id), problem.days[assignment.day].description, assignment.method.rawValue, csv(job.section.rawValue),
                outageOfJob[j].map(outageID) ?? "", number(job.durationHours), job.workType.rawValue, "\(customers)", number(hours),
                csv(job.description ?? ""),
            ].joined(separator: ","))
        }
        for j in assignments.indices where assignments[j] == nil {
            let job = problem.jobs[j].job
            lines.append([csv(job.id), "", "unscheduled", csv(job.section.rawValue), "", number(job.durationHours), job.workType.rawValue, "0", "0", csv(job.description ?? "")].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private func csv(_ text: String) -> String {
        text.contains(",") || text.contains("\"") || text.contains("\n") ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    private func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
