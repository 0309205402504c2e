import GridModel
import Reliability

/// The figures regulators ask for, for one schedule (the plan or the baseline).
public struct PlanKPIs: Sendable, Equatable {
    public var scheduledJobs: Int
    public var liveJobs: Int
    public var liveLineJobs: Int
    public var bypassJobs: Int
    public var transferJobs: Int
    public var outageJobs: Int
    public var unscheduledJobs: Int
    /// Live jobs / scheduled jobs (不停电作业化率, by count), 0…1.
    public var liveWorkRatioByCount: Double
    /// Customer-hours the live jobs would have cost by outage / customer-hours all scheduled jobs
    /// would have cost by outage (不停电作业化率, by customer-hours), 0…1.
    public var liveWorkRatioByCustomerHours: Double
    /// Zone outages with customers below the work zone that moved at least one customer over a tie
    /// / all zone outages with customers below the work zone (loop-supply coverage, 转供覆盖率),
    /// 0…1; nil when no outage had customers below its zone.
    public var loopSupplyCoverage: Double?
    public var zoneOutages: Int
    /// Planned customer-hours (时户数).
    public var customerHours: Double
    /// Planned customer interruptions (停电户次).
    public var customerInterruptions: Int
    /// Energy not supplied by planned work, MWh.
    public var energyNotSuppliedMWh: Double
    /// Customers interrupted more often than the policy allows.
    public var customersOverCap: Int
    /// Largest number of planned interruptions any customer sees.
    public var maxInterruptionsPerCustomer: Int

    public static func compute(_ problem: PlanningProblem, _ assignments: [Assignment?], _ evaluation: ScheduleEvaluation) -> PlanKPIs {
        var counts: [WorkMethod: Int] = [:]
        var liveHours = 0.0
        var allHours = 0.0
        for (j, assignment) in assignments.enumerated() {
            guard let assignment else { continue }
            // A job of several days counts once; the customer-hours it avoids, every day.
            if problem.jobs[j].part == 0 { counts[assignment.method, default: 0] += 1 }
            let hours = problem.outageCost(problem.jobs[j], Candidate(day: assignment.day, method: .outage, shift: assignment.shift))!.customerHours
            allHours += hours
            if assignment.method.isLive { liveHours += hours }
        }
        let zones = problem.network.topology.zones
        var withLoadBelow = 0
        var moved = 0
        for outage in evaluation.outages {
            var below = 0
            for zone in (outage.zone + 1)..<zones[outage.zone].subtreeEnd { below += zones[zone].customers }
            guard below > 0 else { continue }
            withLoadBelow += 1
            if outage.transfer && outage.cost.movesLoad { moved += 1 }
        }
        // Counts are of the scenario's jobs (a job of several days once, by its first day).
        let scheduled = counts.values.reduce(0, +)
        let live = (counts[.liveLine] ?? 0) + (counts[.bypass] ?? 0)
        let jobs = problem.jobs.filter { $0.part == 0 }.count
        return PlanKPIs(
            scheduledJobs: scheduled, liveJobs: live, liveLineJobs: counts[.liveLine] ?? 0, bypassJobs: counts[.bypass] ?? 0,
            transferJobs: counts[.transfer] ?? 0, outageJobs: counts[.outage] ?? 0,
            unscheduledJobs: jobs - scheduled,
            liveWorkRatioByCount: scheduled > 0 ? Double(live) / Double(scheduled) : 0,
            liveWorkRatioByCustomerHours: allHours > 0 ? liveHours / allHours : 0,
            loopSupplyCoverage: withLoadBelow > 0 ? Double(moved) / Double(withLoadBelow) : nil,
            zoneOutages: evaluation.outages.count, customerHours: evaluation.customerHours, customerInterruptions: evaluation.customerInterruptions,
            energyNotSuppliedMWh: evaluation.energyMWh, customersOverCap: evaluation.customersOverCap,
            maxInterruptionsPerCustomer: evaluation.interruptions.max() ?? 0)
    }
}

extension PlanResult {
    public var planKPIs: PlanKPIs { PlanKPIs.compute(problem, assignments, evaluation) }
    public var baselineKPIs: PlanKPIs { PlanKPIs.compute(problem, baselineAssignments, baseline) }
    /// Customer-hours avoided against doing the same jobs by outage on their requested dates (减少停电时户数).
    public var avoidedCustomerHours: Double { baseline.customerHours - evaluation.customerHours }
    /// Energy supplied that the baseline would have cut (多供电量), MWh.
    public var additionalEnergyMWh: Double { baseline.energyMWh - evaluation.energyMWh }
}
