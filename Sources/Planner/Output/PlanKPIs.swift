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
    /// Zone outages with load below the work zone that moved some of it over ties / all zone
    /// outages with load below the work zone (loop-supply coverage), 0…1; nil when none had load below.
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
            counts[assignment.method, default: 0] += 1
            let job = problem.jobs[j]
            let asOutage = problem.costs.cost(zone: job.zone, transfer: false, month: problem.days[assignment.day].month)
            let hours = asOutage.customerHours(workHours: job.job.durationHours)
            allHours += hours
            if assignment.method.isLive { liveHours += hours }
        }
        var withLoadBelow = 0
        var backfed = 0
        for outage in evaluation.outages {
            let asOutage = problem.costs.cost(zone: outage.zone, transfer: false, month: problem.days[outage.day].month)
            let zoneOwn = problem.network.topology.loadPointRange(zones: outage.zone, outage.zone + 1).count
            guard asOutage.outLoadPoints.count > zoneOwn else { continue }
            withLoadBelow += 1
            if outage.transfer && !outage.cost.impact.backfeed.transfers.isEmpty { backfed += 1 }
        }
        let interruptions = evaluation.outages.reduce(0) { total, outage in
            total + outage.cost.interruptedLoadPoints.reduce(0) { $0 + problem.network.model.loadPoints[$1].customers }
        }
        let scheduled = evaluation.scheduledJobs
        return PlanKPIs(
            scheduledJobs: scheduled, liveJobs: evaluation.liveJobs, liveLineJobs: counts[.liveLine] ?? 0, bypassJobs: counts[.bypass] ?? 0,
            transferJobs: counts[.transfer] ?? 0, outageJobs: counts[.outage] ?? 0,
            unscheduledJobs: evaluation.unscheduledMandatory.count + evaluation.unscheduledDeferrable.count,
            liveWorkRatioByCount: scheduled > 0 ? Double(evaluation.liveJobs) / Double(scheduled) : 0,
            liveWorkRatioByCustomerHours: allHours > 0 ? liveHours / allHours : 0,
            loopSupplyCoverage: withLoadBelow > 0 ? Double(backfed) / Double(withLoadBelow) : nil,
            zoneOutages: evaluation.outages.count, customerHours: evaluation.customerHours, customerInterruptions: interruptions,
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
