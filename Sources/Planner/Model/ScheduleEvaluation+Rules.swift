import GridModel
import Reliability

extension ScheduleEvaluation {
    /// Windows, calendar and methods, precedence, crews per day, outages of one day against each
    /// other (``OutageRules``), riders in zones that stay dead, transfers that move load, and tie,
    /// section and feeder-head headroom in every hour with all transfers of the day in place.
    static func ruleViolations(_ problem: PlanningProblem, _ assignments: [Assignment?], _ outages: [ZoneOutage], bypassJobs: [(job: Int, day: Int)]) -> [String] {
        let network = problem.network
        var violations: [String] = []
        for (j, assignment) in assignments.enumerated() {
            guard let assignment else { continue }
            let job = problem.jobs[j]
            if let k = job.candidates.firstIndex(of: assignment.candidate) {
                // The parts of a job of several days: the same run (candidate k of every part).
                if job.parts > 1 && job.part > 0, assignments[job.firstPart]?.candidate != problem.jobs[job.firstPart].candidates[k] {
                    violations.append("job \(job.job.id): not on the day after part \(job.part) of \(job.parts), by the same method and shift")
                }
            } else {
                violations.append("job \(job.job.id): \(assignment.method.rawValue) on \(problem.days[assignment.day]) at \(problem.shifts[assignment.shift].startHour):00 is not allowed")
            }
            for p in job.predecessors {
                guard let before = assignments[p], before.day < assignment.day else {
                    violations.append("job \(job.job.id) is not after \(problem.jobs[p].job.id)")
                    continue
                }
            }
        }
        for (j, job) in problem.jobs.enumerated() where job.parts > 1 && job.part == 0 {
            let done = (j..<(j + job.parts)).filter { assignments[$0] != nil }.count
            if done != 0 && done != job.parts {
                violations.append("job \(job.scenarioID): \(done) of its \(job.parts) days are planned")
            }
        }
        for row in problem.capacityRows {
            var used = [Int](repeating: 0, count: problem.days.count)
            for (j, assignment) in assignments.enumerated() {
                guard let assignment, row.uses(problem.jobs[j], assignment.method) else { continue }
                used[assignment.day] += 1
            }
            for (d, count) in used.enumerated() where count > row.capacity[d] {
                violations.append("\(problem.days[d]): \(count) jobs need \(row.name), \(row.capacity[d]) available")
            }
        }
        var byDay: [Int: [ZoneOutage]] = [:]
        for outage in outages { byDay[outage.day, default: []].append(outage) }
        for day in byDay.keys.sorted() {
            let list = byDay[day]!
            let date = problem.days[day]
            var teams = [Int](repeating: 0, count: problem.switchingAreas.count)
            for outage in list { if let area = problem.teamArea(zone: outage.zone, cost: outage.cost) { teams[area] += 1 } }
            for (area, count) in teams.enumerated() where count > problem.switchingAreas[area].teams[day] {
                violations.append("\(date): \(count) outages need a switching team in \(problem.switchingAreas[area].name), \(problem.switchingAreas[area].teams[day]) available")
            }
            for (i, a) in list.enumerated() {
                for b in list[(i + 1)...] {
                    if let why = OutageRules.conflict(a.ref, a.cost, b.ref, b.cost, network: network) {
                        violations.append("\(date): \(why)")
                    }
                }
                if a.transfer && !a.cost.movesLoad {
                    violations.append("\(date): the transfer of zone \(OutageRules.zoneName(a.zone, network)) moves no customers over a tie")
                }
                for j in a.jobs where !a.cost.plan.deadForWorkZones.contains(problem.jobs[j].zone) {
                    violations.append("job \(problem.jobs[j].job.id): its zone is not dead through the work of the outage of zone \(OutageRules.zoneName(a.zone, network)) on \(date)")
                }
            }
            var loads: [TransferLoad] = []
            for outage in list where outage.transfer { loads += outage.cost.plan.transferLoads(in: network, startHours: problem.startHour(outage.ref.shift)) }
            for violation in TransferHeadroom.violations(loads, month: date.month, network: network) {
                violations.append("\(date) hour \(violation.hour): \(violation.element.label(in: network)) carries \(violation.loadMW) MW of moved load with \(violation.spareMW) MW spare")
            }
        }
        for (j, day) in bypassJobs {
            for outage in byDay[day] ?? [] where OutageRules.bypassConflicts(zone: problem.jobs[j].zone, with: outage.ref, cost: outage.cost, network: network) {
                violations.append("job \(problem.jobs[j].job.id): bypass on \(problem.days[day]) in a zone the outage of zone \(OutageRules.zoneName(outage.zone, network)) switches out")
            }
        }
        return violations
    }
}
