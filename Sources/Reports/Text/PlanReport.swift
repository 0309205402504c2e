import GridModel
import Planner
import Reliability

/// Text, JSON and files for a plan.
public struct PlanReport {
    public var result: PlanResult
    public var networkPath: String
    public var scenarioPath: String
    public var exportedModel: String?

    public init(result: PlanResult, networkPath: String, scenarioPath: String, exportedModel: String? = nil) {
        self.result = result
        self.networkPath = networkPath
        self.scenarioPath = scenarioPath
        self.exportedModel = exportedModel
    }

    public var statusText: String { result.status.text }

    /// The KPI table's rows: JSON key (as in `kpiJSON`), label in English and Chinese, whether the
    /// value is a share, decimals.
    public static let kpiRows: [(key: String, label: Bilingual, share: Bool, decimals: Int)] = [
        ("scheduledJobs", Bilingual("Jobs scheduled", zh: "已排工作数"), false, 0),
        ("liveLineJobs", Bilingual("  live-line", zh: "  带电作业"), false, 0),
        ("bypassJobs", Bilingual("  bypass / temporary supply", zh: "  旁路作业 / 临时供电"), false, 0),
        ("transferJobs", Bilingual("  transfer", zh: "  转供"), false, 0),
        ("outageJobs", Bilingual("  outage", zh: "  停电作业"), false, 0),
        ("unscheduledJobs", Bilingual("Jobs not scheduled", zh: "未排工作数"), false, 0),
        ("liveWorkRatioByCount", Bilingual("Live-work ratio by jobs (不停电作业化率)", zh: "不停电作业化率（按工作数）"), true, 1),
        ("liveWorkRatioByCustomerHours", Bilingual("Live-work ratio by customer-hours", zh: "不停电作业化率（按时户数）"), true, 1),
        ("loopSupplyCoverage", Bilingual("Loop-supply coverage (转供覆盖率)", zh: "转供覆盖率"), true, 1),
        ("zoneOutages", Bilingual("Zone outages", zh: "分段停电次数"), false, 0),
        ("customerHours", Bilingual("Planned customer-hours (时户数)", zh: "预安排停电时户数"), false, 1),
        ("customerInterruptions", Bilingual("Planned customer interruptions (停电户次)", zh: "预安排停电户次"), false, 0),
        ("energyNotSuppliedMWh", Bilingual("Energy not supplied, MWh", zh: "少供电量（MWh）"), false, 3),
        ("customersOverCap", Bilingual("Customers over the repeat cap", zh: "超出重复停电上限的用户数"), false, 0),
        ("maxInterruptionsPerCustomer", Bilingual("Most planned interruptions of a customer", zh: "单一用户最多预安排停电次数"), false, 0),
    ]

    /// A KPI value as the tables show it: a share as a percentage, else with its decimals ("n/a"
    /// when unknown).
    public static func kpiText(_ value: Double?, share: Bool, decimals: Int) -> String {
        guard let value else { return "n/a" }
        return share ? percent(value) : fixed(value, decimals)
    }

    /// The change from `a` to `b` as the tables show it: signed, a share's in percentage points
    /// ("" when either is unknown).
    public static func kpiChange(from a: Double?, to b: Double?, share: Bool, decimals: Int) -> String {
        guard let a, let b else { return "" }
        let delta = share ? (b - a) * 100 : b - a
        return (delta > 0 ? "+" : "") + fixed(delta, decimals) + (share ? " pt" : "")
    }

    /// The KPI table's rows with their English labels.
    public static var kpiDefinitions: [(key: String, label: String, share: Bool, decimals: Int)] {
        kpiRows.map { ($0.key, $0.label.en, $0.share, $0.decimals) }
    }

    /// The value of the KPI named `key` (see `kpiDefinitions`).
    public static func kpiValue(_ key: String, _ kpis: PlanKPIs) -> Double? {
        switch key {
        case "scheduledJobs": return Double(kpis.scheduledJobs)
        case "liveLineJobs": return Double(kpis.liveLineJobs)
        case "bypassJobs": return Double(kpis.bypassJobs)
        case "transferJobs": return Double(kpis.transferJobs)
        case "outageJobs": return Double(kpis.outageJobs)
        case "unscheduledJobs": return Double(kpis.unscheduledJobs)
        case "liveWorkRatioByCount": return kpis.liveWorkRatioByCount
        case "liveWorkRatioByCustomerHours": return kpis.liveWorkRatioByCustomerHours
        case "loopSupplyCoverage": return kpis.loopSupplyCoverage
        case "zoneOutages": return Double(kpis.zoneOutages)
        case "customerHours": return kpis.customerHours
        case "customerInterruptions": return Double(kpis.customerInterruptions)
        case "energyNotSuppliedMWh": return kpis.energyNotSuppliedMWh
        case "customersOverCap": return Double(kpis.customersOverCap)
        case "maxInterruptionsPerCustomer": return Double(kpis.maxInterruptionsPerCustomer)
        default: return nil
        }
    }

    /// (label, plan, baseline, is a share) rows of the KPI table.
    public func kpiRows() -> [(label: String, plan: Double?, baseline: Double?, share: Bool, decimals: Int)] {
        Self.kpiDefinitions.map { row in
            let label = row.key == "customersOverCap" ? "\(row.label) (K = \(result.problem.scenario.policy.maxPlannedInterruptionsPerCustomer))" : row.label
            return (label, Self.kpiValue(row.key, result.planKPIs), Self.kpiValue(row.key, result.baselineKPIs), row.share, row.decimals)
        }
    }

    public func text(outDirectory: String?) -> String {
        var lines: [String] = []
        let problem = result.problem
        lines.append("Plan: \(problem.scenario.name)  [\(scenarioPath) on \(networkPath)]")
        let weekendDays = problem.days.filter(problem.scenario.isWeekend).count
        let scenarioJobs = problem.jobs.filter { $0.part == 0 }.count
        let counts = [
            NumberText.count(problem.days.count - weekendDays, "working day") + (weekendDays > 0 ? " (and \(NumberText.count(weekendDays, "weekend day")) open to some jobs)" : ""),
            NumberText.count(scenarioJobs, "job") + (scenarioJobs != problem.jobs.count ? " (\(problem.jobs.count) job-days)" : ""),
            NumberText.count(problem.groupJobs.filter { !$0.isEmpty }.count, "tie group") + " with jobs",
        ]
        lines.append("Horizon \(problem.scenario.start)…\(problem.scenario.end): " + counts.joined(separator: ", "))
        var status = "Status: \(statusText)"
        status += String(format: ", objective %.2f", result.evaluation.objective)
        if let bound = result.lowerBound { status += String(format: ", proved bound %.2f", bound) }
        var solved = result.status != .heuristic
        if case .evaluated = result.status { solved = false }
        if solved { status += ", gap " + (result.gap.map { percent($0) } ?? "not proved") + " (target \(percent(result.targetGap)))" }
        status += String(format: ", %.2f s", result.seconds)
        lines.append(status)
        switch result.status {
        case .infeasible(let reasons), .mandatoryJobsLeftOut(let reasons):
            lines.append(result.status.text.prefix(1).uppercased() + result.status.text.dropFirst() + ":")
            lines += reasons.map { "  \($0)" }
        case .evaluated(let violations) where !violations.isEmpty:
            lines.append("Rule violations (\(violations.count)):")
            lines += violations.map { "  \($0)" }
        default:
            break
        }
        lines.append(String(format: "Greedy heuristic objective: %.2f%@", result.greedy.objective,
                            result.greedy.unscheduledMandatory.isEmpty ? "" : " (\(result.greedy.unscheduledMandatory.count) mandatory jobs left out)"))
        var table = TextTable(["KPI", "plan", "baseline", "change"], alignments: [.left, .right, .right, .right])
        for row in kpiRows() {
            table.add([row.label, Self.kpiText(row.plan, share: row.share, decimals: row.decimals), Self.kpiText(row.baseline, share: row.share, decimals: row.decimals),
                       Self.kpiChange(from: row.baseline, to: row.plan, share: row.share, decimals: row.decimals)])
        }
        lines.append(table.rendered(indent: 2))
        lines.append("Objective, in customer-minutes (plan / greedy / baseline):")
        var parts = TextTable(["part", "plan", "greedy", "baseline"], alignments: [.left, .right, .right, .right])
        for row in Self.objectiveRows(result.evaluation.parts) .indices {
            let label = Self.objectiveRows(result.evaluation.parts)[row].label
            parts.add([label] + [result.evaluation.parts, result.greedy.parts, result.baseline.parts].map { fixed(Self.objectiveRows($0)[row].value, 2) })
        }
        lines.append(parts.rendered(indent: 2))
        if !result.unscheduled.isEmpty {
            lines.append("Jobs not scheduled (\(result.unscheduled.count)):")
            for item in result.unscheduled {
                lines.append("  \(result.problem.jobs[item.job].job.id)\(item.mandatory ? " (mandatory)" : ""): \(item.reason)")
            }
        }
        lines.append("Avoided customer-hours against the baseline (减少停电时户数): \(fixed(result.avoidedCustomerHours, 1))")
        lines.append("Additional energy supplied (多供电量): \(fixed(result.additionalEnergyMWh, 3)) MWh")
        let schedule = result.schedule(networkPath: networkPath)
        var jobs = TextTable(["date", "job", "method", "section", "outage", "hours"], alignments: [.left, .left, .left, .left, .left, .right])
        for entry in schedule.jobs.prefix(25) {
            jobs.add([entry.date.description, entry.job, entry.method, entry.section.rawValue, entry.outage ?? "", fixed(entry.durationHours, 1)])
        }
        lines.append("Schedule (\(schedule.jobs.count) jobs\(schedule.jobs.count > 25 ? ", first 25" : ""); all in schedule.csv with --out)")
        lines.append(jobs.rendered(indent: 2))
        if let outDirectory {
            switch result.status {
            case .infeasible, .mandatoryJobsLeftOut:
                lines.append("Wrote \(outDirectory)/plan.json, solver.log only: a plan that leaves a mandatory job out gets no schedule")
            default:
                lines.append("Wrote \(outDirectory)/schedule.json, schedule.csv, switching.txt/.csv, resources.csv, notifications.csv/.json, outages.ics, work-packages.txt/.csv/.html, plan.json, solver.log")
            }
        }
        if let exportedModel { lines.append("Exported the whole plan as one MILP to \(exportedModel)") }
        return lines.joined(separator: "\n")
    }

    /// Every switching order in execution order (by date and start time), each step with its
    /// clock time, who does it, the element and why (docs/switching-orders.md).
    public func switchingText(_ language: Language = .en) -> String {
        let zh = language == .zh
        let labels = Labels(language: language)
        var lines: [String] = []
        var customerHours: [String: Double] = [:]
        for (index, outage) in result.evaluation.outages.enumerated() { customerHours[result.outageID(index)] = outage.customerHours }
        for order in result.switchingOrders() {
            let start = Self.clock(Double(order.startHour))
            var header = "\(order.id)  \(order.date)  \(zh ? "\(start) 起" : "from \(start)")  \(order.title(language))"
            if let hours = customerHours[order.id] { header += zh ? "（停电 \(fixed(hours, 1)) 时户）" : "  (\(fixed(hours, 1)) customer-hours)" }
            lines.append(header)
            for (number, step) in order.steps.enumerated() {
                let clock = Self.clock(Double(order.startHour) + step.atHours)
                let element = step.elementText.map { " \($0(language))" } ?? ""
                let control = step.control.map { " (\(labels($0)))" } ?? ""
                let kind = step.kind.name(language)
                if step.kind == .work {
                    lines.append("  \(number + 1). \(clock)  [\(step.actor(language))]  \(step.purpose(language))")
                } else {
                    lines.append("  \(number + 1). \(clock)  [\(step.actor(language))]  \(kind)\(element)\(control): \(step.purpose(language))")
                }
            }
            lines.append("")
        }
        return lines.isEmpty ? labels("No switching: every job is done live.") + "\n" : lines.joined(separator: "\n")
    }

    /// The objective's parts as (JSON key, label, value) rows; their sum is the objective.
    public static func objectiveRows(_ parts: ObjectiveParts) -> [(key: String, label: String, value: Double)] {
        [
            ("outageCustomerMinutes", "zone outages (work, switching, transfers and returns)", parts.outageCustomerMinutes),
            ("bypassCustomerMinutes", "bypass connections", parts.bypassCustomerMinutes),
            ("capExcessPenalty", "repeat-cap excess penalty", parts.capExcessPenalty),
            ("deferralPenalty", "deferral penalties", parts.deferralPenalty),
            ("mandatoryMissPenalty", "mandatory jobs left out (10⁹ each)", parts.mandatoryMissPenalty),
            ("nonLiveJobs", "tie-breaker: jobs not live (0.001 each)", parts.nonLiveJobs),
            ("resources", "tie-breaker: crews and vehicles", parts.resources),
            ("dayPreference", "tie-breaker: day preference", parts.dayPreference),
            ("total", "total (the objective)", parts.total),
        ]
    }

    static func objectiveJSON(_ parts: ObjectiveParts) -> JSONOutput {
        .object(objectiveRows(parts).map { ($0.key, .number($0.value)) })
    }

    /// Hours after midnight as a clock time "HH:MM" (past midnight: "+1d HH:MM").
    public static func clock(_ hours: Double) -> String { clockText(hours: hours) }

    public func resourcesCSV() -> String {
        var lines = ["date,resource,used,available"]
        for row in result.resourceUse() {
            lines.append("\(row.day),\(csvField(row.row)),\(row.used),\(row.available)")
        }
        return csvByteOrderMark + lines.joined(separator: "\n") + "\n"
    }

    public func kpiJSON(_ kpis: PlanKPIs) -> JSONOutput {
        .object([
            ("scheduledJobs", .integer(kpis.scheduledJobs)), ("liveLineJobs", .integer(kpis.liveLineJobs)),
            ("bypassJobs", .integer(kpis.bypassJobs)), ("transferJobs", .integer(kpis.transferJobs)),
            ("outageJobs", .integer(kpis.outageJobs)), ("unscheduledJobs", .integer(kpis.unscheduledJobs)),
            ("liveWorkRatioByCount", .number(kpis.liveWorkRatioByCount)),
            ("liveWorkRatioByCustomerHours", .number(kpis.liveWorkRatioByCustomerHours)),
            ("loopSupplyCoverage", .finite(kpis.loopSupplyCoverage)), ("zoneOutages", .integer(kpis.zoneOutages)),
            ("customerHours", .number(kpis.customerHours)), ("customerInterruptions", .integer(kpis.customerInterruptions)),
            ("energyNotSuppliedMWh", .number(kpis.energyNotSuppliedMWh)), ("customersOverCap", .integer(kpis.customersOverCap)),
            ("maxInterruptionsPerCustomer", .integer(kpis.maxInterruptionsPerCustomer)),
        ])
    }

    public func json() -> JSONOutput {
        var reasons: [JSONOutput] = []
        switch result.status {
        case .infeasible(let list), .mandatoryJobsLeftOut(let list): reasons = list.map { .string($0) }
        default: break
        }
        var violations: [JSONOutput] = []
        if case .evaluated(let list) = result.status { violations = list.map { .string($0) } }
        return .object([
            ("scenario", .string(scenarioPath)), ("network", .string(networkPath)), ("status", .string(statusText)), ("statusZh", .string(result.status.bilingual.zh)),
            ("infeasibleReasons", .array(reasons)), ("violations", .array(violations)),
            ("objective", .number(result.evaluation.objective)), ("lowerBound", .finite(result.lowerBound)), ("gap", .finite(result.gap)),
            ("targetGap", .number(result.targetGap)), ("seconds", .number(result.seconds)), ("greedyObjective", .number(result.greedy.objective)),
            ("objectiveParts", .object([
                ("plan", Self.objectiveJSON(result.evaluation.parts)), ("greedy", Self.objectiveJSON(result.greedy.parts)),
                ("baseline", Self.objectiveJSON(result.baseline.parts)),
            ])),
            ("unscheduled", .array(result.unscheduled.map { item in
                .object([("job", .string(result.problem.jobs[item.job].job.id)), ("mandatory", .bool(item.mandatory)), ("reason", .string(item.reason))])
            })),
            ("search", .array(result.searchLog.map { .string($0) })),
            ("kpis", .object([("plan", kpiJSON(result.planKPIs)), ("baseline", kpiJSON(result.baselineKPIs))])),
            ("avoidedCustomerHours", .number(result.avoidedCustomerHours)),
            ("additionalEnergyMWh", .number(result.additionalEnergyMWh)),
            ("groups", .array(result.groups.map { group in
                .object([
                    ("feeders", .array(group.feeders.map { .string($0) })), ("jobs", .integer(group.jobs)),
                    ("variables", .integer(group.variables)), ("constraints", .integer(group.constraints)),
                    ("status", .string(group.status)), ("objective", .finite(group.objective)), ("bound", .finite(group.bound)),
                    ("seconds", .number(group.seconds)), ("nodes", .integer(group.nodes)), ("repaired", .bool(group.repaired)),
                ])
            })),
            ("jobs", result.scheduleRowsJSON()),
            ("schedule", result.schedule(networkPath: networkPath).jsonOutput(network: result.problem.network)),
            ("switching", .array(result.switchingOrders().map { order in
                .object([
                    ("order", .string(order.id)), ("date", .string(order.date.description)), ("startHour", .integer(order.startHour)),
                    ("title", .string(order.title.en)), ("titleZh", .string(order.title.zh)),
                    ("steps", .array(order.steps.map { Self.stepJSON($0, startHour: order.startHour) })),
                ])
            })),
        ])
    }

    static func stepJSON(_ step: SwitchingStep, startHour: Int) -> JSONOutput {
        var fields: [(String, JSONOutput)] = [
            ("kind", .string(step.kind.rawValue)), ("atHours", .number(step.atHours)), ("clock", .string(clock(Double(startHour) + step.atHours))),
            ("by", .string(step.actor.en)), ("byZh", .string(step.actor.zh)),
        ]
        if let element = step.elementText {
            fields.append(("element", .string(element.en)))
            if element.zh != element.en { fields.append(("elementZh", .string(element.zh))) }
        }
        if let control = step.control { fields.append(("control", .string(control))) }
        fields.append(("purpose", .string(step.purpose.en)))
        fields.append(("purposeZh", .string(step.purpose.zh)))
        return .object(fields)
    }
}
