import GLPKSolver
import GridModel
import Reliability

extension ScheduleMILP {
    /// The model's variable values for a schedule of this group's jobs (a warm start), or the
    /// reason it does not fit the model (an outage of work hours no variant holds).
    func values(for assignments: [Assignment?]) -> [Double] {
        var values = [Double](repeating: 0, count: model.variables.count)
        var deEnergising: [(job: Int, assignment: Assignment)] = []
        var counts: [Int: Int] = [:]
        let inGroup = Set(jobs)
        for j in jobs {
            let job = problem.jobs[j]
            guard let assignment = assignments[j],
                let k = candidatesOf[j]!.firstIndex(of: assignment.candidate)
            else {
                if let u = unscheduled[j] { values[u.index] = 1 }
                continue
            }
            values[x[j]![k].index] = 1
            if assignment.method == .bypass && problem.scenario.policy.bypassConnectionMinutes > 0 {
                for lp in problem.bypassConnectionLoadPoints(job) { counts[lp, default: 0] += 1 }
            }
            if assignment.method.deEnergises { deEnergising.append((j, assignment)) }
        }
        var ignored: [String] = []
        var keysOfZoneDay: [ZoneDay: [OutageKey]] = [:]
        for key in outages.keys { keysOfZoneDay[key.zoneDay, default: []].append(key) }
        for outage in ScheduleEvaluation.groupOutages(problem, deEnergising, violations: &ignored) where outage.jobs.allSatisfy(inGroup.contains) {
            let zoneDay = ZoneDay(zone: outage.zone, day: outage.day, shift: outage.ref.shift)
            guard let key = (keysOfZoneDay[zoneDay] ?? []).sorted().first(where: { key in
                key.transfer == outage.transfer
                    && (!key.transfer || (outages[key]!.variant.minHours <= outage.workHours && outage.workHours <= outages[key]!.variant.maxHours))
            }) else { continue }
            let columns = outages[key]!
            values[columns.z.index] = 1
            values[columns.w.index] = outage.workHours
            for entry in columns.variant.cost.interruptionCounts { counts[entry.loadPoint, default: 0] += entry.count }
            for j in outage.jobs {
                guard let candidate = assignments[j]?.candidate else { continue }
                for link in membership[Candidacy(job: j, candidate: candidate)] ?? [] where link.key == key {
                    values[link.variable.index] = 1
                }
            }
        }
        let cap = problem.scenario.policy.maxPlannedInterruptionsPerCustomer
        let topology = problem.network.topology
        var zoneCount: [Int: Int] = [:]
        for (lp, count) in counts {
            let z = topology.zoneOfLoadPoint[lp]
            if z >= 0 { zoneCount[z] = count }
        }
        for (z, e) in excess { values[e.index] = Double(max(0, (zoneCount[z] ?? 0) + (baseInterruptions[z] ?? 0) - cap)) }
        // c(z): the outages set at z and above it.
        var opened: [Int: Int] = [:]
        for (key, columns) in outages where values[columns.z.index] > 0.5 { opened[key.zoneDay.zone, default: 0] += 1 }
        for (z, c) in cumulative {
            var total = 0
            var walk = z
            while walk >= 0 {
                total += opened[walk] ?? 0
                walk = topology.zones[walk].parent
            }
            values[c.index] = Double(total)
        }
        return values
    }

    /// The schedule a solution describes.
    func assignments(from values: [Double]) -> [Int: Assignment] {
        var result: [Int: Assignment] = [:]
        for j in jobs {
            for (k, candidate) in candidatesOf[j]!.enumerated() where values[x[j]![k].index] > 0.5 {
                var ride: OutageRef?
                if candidate.method == .outage {
                    let links = membership[Candidacy(job: j, candidate: candidate)] ?? []
                    if let link = links.max(by: { values[$0.variable.index] < values[$1.variable.index] }) {
                        ride = OutageRef(zone: link.key.zoneDay.zone, transfer: link.key.transfer, shift: link.key.zoneDay.shift)
                    }
                }
                result[j] = Assignment(day: candidate.day, method: candidate.method, shift: candidate.shift, ride: ride)
            }
        }
        return result
    }
}
