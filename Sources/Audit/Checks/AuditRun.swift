import GridModel
import Reliability

/// What a claim turned out to be.
public enum Verdict: Sendable, Equatable {
    case consistent
    /// The claim shows better performance than the evidence by this many percent.
    case overstated(percent: Double)
    case understated(percent: Double)
    case unverifiable(reason: Bilingual)

    public var text: String { bilingual.en }

    /// The verdict as one line in English and Chinese.
    public var bilingual: Bilingual {
        switch self {
        case .consistent: return Bilingual("consistent", zh: "一致")
        case .overstated(let percent):
            return percent.isInfinite ? Bilingual("overstated (the recomputed value is 0)", zh: "虚高（复核值为 0）")
                : Bilingual("overstated by \(fixedText(percent, 1)) %", zh: "虚高 \(fixedText(percent, 1)) %")
        case .understated(let percent):
            return percent.isInfinite ? Bilingual("understated (the recomputed value is 0)", zh: "偏低（复核值为 0）")
                : Bilingual("understated by \(fixedText(percent, 1)) %", zh: "偏低 \(fixedText(percent, 1)) %")
        case .unverifiable(let reason): return Bilingual("unverifiable: ", zh: "无法核实：") + reason
        }
    }

    public var isOverstated: Bool { if case .overstated = self { return true } else { return false } }
}

func fixedText(_ value: Double, _ decimals: Int) -> String {
    guard value.isFinite, abs(value) < 1e15 else { return NumberText.fixed(value, decimals) }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    if decimals == 0 { return String(Int64(rounded)) }
    return "\(rounded)"
}

public struct ClaimCheck: Sendable, Equatable {
    public var claim: Claim
    public var recomputed: Double?
    public var verdict: Verdict
    /// The rows that prove it: event ids, job ids, days.
    public var evidence: [Bilingual]
}

/// A contradiction between the logs.
public struct Contradiction: Sendable, Equatable {
    public enum Kind: String, Sendable { case liveWorkDuringPlannedOutage, plannedOutageWithoutWorkOrder, impossibleMethod, bypassWithoutEquipment }
    public var kind: Kind
    public var job: String?
    public var event: String?
    public var text: Bilingual
}

/// A logged job priced as if done by outage.
public struct JobCounterfactual: Sendable, Equatable {
    public var job: String
    public var method: LoggedMethod
    /// Customer-hours and MWh the job would have cost by outage; nil when it names no section.
    public var customerHours: Double?
    public var energyMWh: Double?
}

/// Live-work figures recounted from the work log and re-simulated on the network.
public struct LiveWorkRecount: Sendable, Equatable {
    public var jobs: Int
    public var liveJobs: Int
    public var ratioByCount: Double
    /// nil when some job cannot be simulated (no section).
    public var ratioByCustomerHours: Double?
    public var avoidedCustomerHours: Double
    public var additionalEnergyMWh: Double
    public var jobsWithoutSection: [String]
    public var counterfactuals: [JobCounterfactual]
}

public struct AuditResult: Sendable {
    public var claims: ClaimsFile
    public var options: AuditOptions
    /// Every row of each log is counted once: used (in the period) + outside the period + rejected.
    public var outagesUsed: Int
    public var outageRowsRejected: Int
    public var outagesOutsidePeriod: Int
    public var workUsed: Int
    public var workRowsRejected: Int
    public var workOutsidePeriod: Int
    public var diagnostics: [Diagnostic]
    public var ieee: IEEEIndices
    public var ieeeExcludingMED: IEEEIndices?
    public var majorEventDays: MajorEventDays?
    public var dlt836: DLT836Indices
    /// SAIDI of the same calendar span one year earlier (from the history), hours.
    public var previousYearSAIDI: Double?
    public var liveWork: LiveWorkRecount
    public var contradictions: [Contradiction]
    public var checks: [ClaimCheck]
    /// Daily unplanned SAIDI of the period (minutes), for charts.
    public var dailySAIDIMinutes: [(date: CivilDate, minutes: Double)]
    /// Load points over the repeated-outage threshold, by scope (all causes, planned, unplanned).
    public var repeatedOutages: [RepeatedOutageScope: [RepeatedOutage]] = [:]
    /// Sustained-interruption indices per feeder and per district, most customer-minutes first
    /// (districts only when the network names them).
    public var byFeeder: [AreaIndices] = []
    public var byDistrict: [AreaIndices] = []
    /// The period, the span of the same length before it and the same span a year earlier (the
    /// last two from the history, where it has events then).
    public var periods: [PeriodIndices] = []
}

/// Recomputes a company's figures from its logs and checks its claims.
public enum AuditRun {
    public static func run(
        network: Network, outages: ParsedLog<OutageRecord>, work: ParsedLog<WorkRecord>, claims: ClaimsFile,
        history: ParsedLog<OutageRecord>?, options: AuditOptions
    ) -> AuditResult {
        let analysis = LogAnalysis(records: outages.records, network: network, start: claims.start, end: claims.end, options: options)
        let ieee = analysis.ieee()
        let daily = analysis.dailyUnplannedSAIDIMinutes()

        // Major event days from up to five prior years of history.
        var med: MajorEventDays?
        var ieeeWithoutMED: IEEEIndices?
        var previousSAIDI: Double?
        if let history {
            let from = claims.start.sameDay(yearsEarlier: 5)
            let prior = LogAnalysis(records: history.records, network: network, start: from, end: claims.start.adding(days: -1), options: options)
            let priorDaily = prior.dailyUnplannedSAIDIMinutes()
            if let threshold = MajorEventDays.threshold(dailySAIDIMinutes: Array(priorDaily.values)) {
                let days = daily.filter { $0.value > threshold.threshold }.map { (date: $0.key, saidiMinutes: $0.value) }.sorted { $0.date < $1.date }
                med = MajorEventDays(historyDays: threshold.days, alpha: threshold.alpha, beta: threshold.beta, thresholdMinutes: threshold.threshold, days: days)
                ieeeWithoutMED = analysis.ieee(excludingDays: Set(days.map(\.date)))
            }
            // Same span a year earlier.
            do {
                let lastStart = claims.start.sameDay(yearsEarlier: 1)
                let lastEnd = claims.end.sameDay(yearsEarlier: 1)
                let hasData = history.records.contains { $0.start.date >= lastStart && $0.start.date <= lastEnd }
                if hasData {
                    previousSAIDI = LogAnalysis(records: history.records, network: network, start: lastStart, end: lastEnd, options: options).ieee().saidi
                }
            }
        }
        let dlt = analysis.dlt836()
        let workInPeriod = work.records.filter { $0.start.date >= claims.start && $0.start.date <= claims.end }.count
        let live = recountLiveWork(network: network, work: work.records, start: claims.start, end: claims.end)
        let contradictions = findContradictions(network: network, analysis: analysis, work: work.records)
        var notes: [Diagnostic] = []
        let unchecked = work.records.filter { $0.method == .bypass && !$0.equipmentRecorded }.count
        if unchecked > 0 {
            notes.append(Diagnostic(severity: .warning, file: work.file,
                                    message: "the work log has no equipment column: \(NumberText.count(unchecked, "bypass job")) cannot be checked for a bypass cable set or mobile generator on record"))
        }
        var result = AuditResult(
            claims: claims, options: options, outagesUsed: analysis.records.count, outageRowsRejected: outages.rejectedRows,
            outagesOutsidePeriod: outages.records.count - analysis.records.count,
            workUsed: workInPeriod, workRowsRejected: work.rejectedRows, workOutsidePeriod: work.records.count - workInPeriod, diagnostics: outages.diagnostics + work.diagnostics + notes + (history?.diagnostics ?? []),
            ieee: ieee, ieeeExcludingMED: ieeeWithoutMED, majorEventDays: med, dlt836: dlt, previousYearSAIDI: previousSAIDI, liveWork: live,
            contradictions: contradictions, checks: [], dailySAIDIMinutes: daily.map { ($0.key, $0.value) }.sorted { $0.date < $1.date })
        result.byFeeder = analysis.breakdown(byDistrict: false)
        if network.model.sources.contains(where: { $0.district != nil }) { result.byDistrict = analysis.breakdown(byDistrict: true) }
        result.periods = [analysis.periodIndices(label: "this period", ieee: ieee, dlt836: dlt)]
        if let history {
            let previous = CivilDate.previousSpan(start: claims.start, end: claims.end)
            let spans = [("the period before", previous.start, previous.end),
                         ("a year earlier", claims.start.sameDay(yearsEarlier: 1), claims.end.sameDay(yearsEarlier: 1))]
            for (label, from, to) in spans {
                let span = LogAnalysis(records: history.records, network: network, start: from, end: to, options: options)
                if !span.records.isEmpty { result.periods.append(span.periodIndices(label: label)) }
            }
        }
        for scope in RepeatedOutageScope.allCases {
            result.repeatedOutages[scope] = analysis.repeatedOutages(windowDays: options.repeatWindowDays, threshold: options.repeatThreshold, scope: scope)
        }
        // The network's capability figures, once for all the claims that need them.
        let capabilityMetrics: Set<ClaimMetric> = [.tieRate, .n1TransferableRate, .overheadInsulationRate, .cableRate]
        let summary = claims.claims.contains { capabilityMetrics.contains($0.metric) } ? network.summary() : nil
        result.checks = claims.claims.map { check($0, result: result, analysis: analysis, hasHistory: history != nil, network: network, summary: summary) }
        return result
    }

    static func recountLiveWork(network: Network, work: [WorkRecord], start: CivilDate, end: CivilDate) -> LiveWorkRecount {
        let engine = OutageImpactEngine(network: network)
        let replay = SwitchingReplay(network: network)
        let mean = max(network.loadProfile.meanFactor, 1e-12)
        let jobs = work.filter { $0.start.date >= start && $0.start.date <= end }
        var counterfactuals: [JobCounterfactual] = []
        var allHours = 0.0
        var liveHours = 0.0
        var liveMWh = 0.0
        var missing: [String] = []
        for job in jobs {
            guard let zone = job.zone else {
                missing.append(job.job)
                counterfactuals.append(JobCounterfactual(job: job.job, method: job.method, customerHours: nil, energyMWh: nil))
                continue
            }
            // The job by outage: its zone's switching planned for its month and start hour and
            // replayed once. Customer-hours from the interruptions; the energy each would have cut
            // at the load profile of its month and hours (average MW × the profile's factor over
            // the interruption / the profile's mean factor, so a flat profile gives average MW ×
            // hours).
            let month = job.start.date.month
            let plan = engine.plannedOutagePlan(zone: zone, workHours: job.hours, backfeed: false, month: month, startHour: job.start.hour, closedLoopTransfer: false)
            let start = Double(job.start.minutes - job.start.date.dayNumber * 1440) / 60
            var hours = 0.0
            var energy = 0.0
            for interruption in replay.replay([PlannedOutageSteps(plan: plan, startHours: 0)]).interruptions {
                let point = network.model.loadPoints[interruption.loadPoint]
                hours += Double(point.customers) * interruption.hours
                energy += point.averageMW / mean
                    * network.loadProfile.factorHours(month: month, fromHours: start + interruption.startHours, toHours: start + interruption.endHours)
            }
            counterfactuals.append(JobCounterfactual(job: job.job, method: job.method, customerHours: hours, energyMWh: energy))
            allHours += hours
            if job.method.isLive {
                liveHours += hours
                liveMWh += energy
            }
        }
        let live = jobs.filter { $0.method.isLive }.count
        return LiveWorkRecount(
            jobs: jobs.count, liveJobs: live, ratioByCount: jobs.isEmpty ? 0 : Double(live) / Double(jobs.count),
            ratioByCustomerHours: missing.isEmpty && allHours > 0 ? liveHours / allHours : nil, avoidedCustomerHours: liveHours,
            additionalEnergyMWh: liveMWh, jobsWithoutSection: missing, counterfactuals: counterfactuals)
    }

    /// Live jobs during a planned outage of their own zone; planned outages with no de-energising
    /// work order on their feeder that day.
    static func findContradictions(network: Network, analysis: LogAnalysis, work: [WorkRecord]) -> [Contradiction] {
        var found: [Contradiction] = []
        let topology = network.topology
        let planned = analysis.records.filter { $0.cause == .planned }
        // Methods the element cannot take: live-line work needs overhead line (the planner's rule).
        for job in work where job.method == .liveLine {
            guard let section = job.section else { continue }
            let kind = network.model.sections[section].kind
            guard !kind.isOverhead else { continue }
            found.append(Contradiction(
                kind: .impossibleMethod, job: job.job, event: nil,
                text: Bilingual(
                    "job \(job.job) (line \(job.line) of the work log) is logged as liveLine on \(network.model.sections[section].id.rawValue), a \(kind == .transformer ? "transformer" : "cable") section, which cannot be worked live-line",
                    zh: "工作 \(job.job)（工作记录第 \(job.line) 行）记为在 \(network.model.sections[section].id.rawValue) 上带电作业，但该区段为\(kind == .transformer ? "配变" : "电缆")，不能带电作业")))
        }
        // A bypass job needs a bypass cable set or a mobile generator: with the equipment column
        // in the log, a bypass row that names none has no kit on record.
        for job in work where job.method == .bypass && job.equipmentRecorded && (job.equipment ?? "").isEmpty {
            let on = job.section.map { network.model.sections[$0].id.rawValue }
            found.append(Contradiction(
                kind: .bypassWithoutEquipment, job: job.job, event: nil,
                text: Bilingual(
                    "job \(job.job) (line \(job.line) of the work log) is logged as bypass\(on.map { " on \($0)" } ?? "") with no bypass cable set or mobile generator on record (equipment is empty)",
                    zh: "工作 \(job.job)（工作记录第 \(job.line) 行）记为\(on.map { "在 \($0) 上" } ?? "")旁路作业，但没有旁路电缆或移动发电车的记录（equipment 为空）")))
        }
        for job in work where job.method.isLive {
            guard let zone = job.zone else { continue }
            // The zone was cut when a load point of its own was, or — for a zone without load points
            // of its own (a main-line zone) — when every load point below it was.
            let zoneLoadPoints = Set(topology.loadPointRange(zones: zone, zone + 1).map { topology.loadPointOrder[$0] })
            let below = Set(topology.loadPointRange(zones: zone, topology.zones[zone].subtreeEnd).map { topology.loadPointOrder[$0] })
            for event in planned where event.start < job.end && job.start < event.end {
                let sameZone = !zoneLoadPoints.isEmpty ? !zoneLoadPoints.isDisjoint(with: event.loadPoints)
                    : !below.isEmpty && below.isSubset(of: Set(event.loadPoints))
                let sameFeederOnly = event.loadPoints.isEmpty && event.feeder == job.feeder
                if sameZone || sameFeederOnly {
                    found.append(Contradiction(
                        kind: .liveWorkDuringPlannedOutage, job: job.job, event: event.id,
                        text: Bilingual(
                            "job \(job.job) is logged as \(job.method.rawValue) on \(network.model.sections[job.section!].id.rawValue) \(job.start)…\(job.end), while planned outage \(event.id) (\(event.start)…\(event.end)) \(sameZone ? "cut the same zone" : "cut its feeder (no load points given)")",
                            zh: "工作 \(job.job) 记为在 \(network.model.sections[job.section!].id.rawValue) 上\(job.method == .liveLine ? "带电作业" : "旁路作业") \(job.start)…\(job.end)，而同时预安排停电 \(event.id)（\(event.start)…\(event.end)）\(sameZone ? "停了同一分段" : "停了其所在线路（未给出负荷点）")")))
                }
            }
        }
        for event in planned {
            let feeder = event.feeder ?? event.loadPoints.first.map { topology.feederOfBus[network.loadPointBus[$0]] }
            let matched = work.contains { job in
                !job.method.isLive && job.start.date == event.start.date && (feeder == nil || job.feeder == feeder)
            }
            if !matched {
                let feederID = feeder.map { network.model.sources[$0].id.rawValue }
                found.append(Contradiction(
                    kind: .plannedOutageWithoutWorkOrder, job: nil, event: event.id,
                    text: Bilingual(
                        "planned outage \(event.id) on \(feederID ?? "unknown feeder") \(event.start)…\(event.end) has no transfer or outage job in the work log that day",
                        zh: "预安排停电 \(event.id)（\(feederID ?? "未知线路")，\(event.start)…\(event.end)）当天在工作记录中没有对应的转供或停电作业")))
            }
        }
        return found
    }

    static func check(_ claim: Claim, result: AuditResult, analysis: LogAnalysis, hasHistory: Bool, network: Network, summary: NetworkSummary?) -> ClaimCheck {
        func eventText(_ event: (id: String, customerMinutes: Double)) -> Bilingual {
            let minutes = fixedText(event.customerMinutes, 0)
            return Bilingual("event \(event.id): \(minutes) customer-minutes", zh: "事件 \(event.id)：\(minutes) 户·分钟")
        }
        let top = analysis.largestEvents(5).map { eventText(($0.id, $0.customerMinutes)) }
        let counts = Bilingual("\(result.outagesUsed) events used, \(result.outageRowsRejected) rows rejected",
                               zh: "采用 \(result.outagesUsed) 条停电事件，剔除 \(result.outageRowsRejected) 行")
        var recomputed: Double?
        var evidence: [Bilingual] = [counts] + top
        var missing: Bilingual?
        switch claim.metric {
        case .saifi: recomputed = result.ieee.saifi
        case .saidi: recomputed = result.ieee.saidi
        case .caidi: recomputed = result.ieee.caidi
        case .maifi: recomputed = result.ieee.maifiE
        case .saifiExcludingMED, .saidiExcludingMED:
            if let without = result.ieeeExcludingMED, let med = result.majorEventDays {
                recomputed = claim.metric == .saifiExcludingMED ? without.saifi : without.saidi
                let threshold = fixedText(med.thresholdMinutes, 2)
                let days = med.days.map { "\($0.date) (\(fixedText($0.saidiMinutes, 1)) min)" }.joined(separator: ", ")
                evidence = [counts, Bilingual("major event days (threshold \(threshold) min/day from \(med.historyDays) history days): " + (med.days.isEmpty ? "none" : days),
                                              zh: "重大事件日（阈值 \(threshold) min/天，据 \(med.historyDays) 个历史日）：" + (med.days.isEmpty ? "无" : days))]
                    + analysis.largestEvents(5, excludingDays: Set(med.days.map(\.date))).map { eventText(($0.id, $0.customerMinutes)) }
            } else {
                missing = hasHistory ? Bilingual("the history has fewer than two days with interruptions", zh: "历史数据中有停电的日子少于两天")
                    : Bilingual("no history given (--history) to find major event days", zh: "未给出历史数据（--history），无法确定重大事件日")
            }
        case .saidiChangePercent:
            if let previous = result.previousYearSAIDI, previous > 0 {
                recomputed = (result.ieee.saidi - previous) / previous * 100
                let now = fixedText(result.ieee.saidi, 4), before = fixedText(previous, 4)
                evidence = [counts, Bilingual("SAIDI \(now) h against \(before) h a year earlier", zh: "SAIDI \(now) h，去年同期 \(before) h")]
            } else {
                missing = hasHistory ? Bilingual("the history has no interruptions in the same span a year earlier", zh: "历史数据在去年同期没有停电记录")
                    : Bilingual("no history given (--history) for the year before", zh: "未给出上一年的历史数据（--history）")
            }
        case .rs1Percent: recomputed = result.dlt836.rs1Percent
        case .rs3Percent: recomputed = result.dlt836.rs3Percent
        case .aihc1Hours: recomputed = result.dlt836.aihc1
        case .aitc1: recomputed = result.dlt836.aitc1
        case .liveWorkRatioByCount, .liveWorkRatioByCustomerHours, .avoidedCustomerHours, .additionalEnergyMWh:
            let live = result.liveWork
            if live.jobs == 0 {
                missing = Bilingual("the work log has no jobs in the period", zh: "工作记录在本期内没有工作")
            } else {
                switch claim.metric {
                case .liveWorkRatioByCount: recomputed = live.ratioByCount
                case .liveWorkRatioByCustomerHours:
                    recomputed = live.ratioByCustomerHours
                    if recomputed == nil {
                        let jobs = live.jobsWithoutSection.prefix(5).joined(separator: ", ")
                        missing = Bilingual("jobs \(jobs) name no section to simulate", zh: "工作 \(jobs) 未给出区段，无法模拟")
                    }
                default:
                    // A live job without a section cannot be priced, so neither sum can be known.
                    let unpriced = live.counterfactuals.filter { $0.method.isLive && $0.customerHours == nil }.map(\.job)
                    if unpriced.isEmpty {
                        recomputed = claim.metric == .avoidedCustomerHours ? live.avoidedCustomerHours : live.additionalEnergyMWh
                    } else {
                        let jobs = unpriced.prefix(5).joined(separator: ", ") + (unpriced.count > 5 ? ", …" : "")
                        missing = Bilingual("live jobs \(jobs) name no section to simulate", zh: "不停电工作 \(jobs) 未给出区段，无法模拟")
                    }
                }
                evidence = [Bilingual("\(live.jobs) jobs in the work log, \(live.liveJobs) live (live-line or bypass); each live job re-simulated as if done by outage on the network",
                                      zh: "工作记录共 \(live.jobs) 项工作，其中不停电作业 \(live.liveJobs) 项（带电或旁路）；每项不停电工作按停电作业在网络上重新模拟")]
                    + live.counterfactuals.filter { $0.method.isLive }.sorted { ($0.customerHours ?? 0) > ($1.customerHours ?? 0) }.prefix(5)
                    .map { item in
                        let hours = fixedText(item.customerHours ?? 0, 1), energy = fixedText(item.energyMWh ?? 0, 3)
                        return Bilingual("job \(item.job): \(hours) customer-hours, \(energy) MWh by outage", zh: "工作 \(item.job)：若停电作业为 \(hours) 时户、\(energy) MWh")
                    }
            }
        case .tieRate, .n1TransferableRate, .overheadInsulationRate, .cableRate:
            (recomputed, evidence, missing) = capability(claim.metric, network: network, summary: summary ?? network.summary())
        case .repeatedOutageCustomers:
            let over = result.repeatedOutages[.all] ?? []
            recomputed = Double(over.reduce(0) { $0 + $1.customers })
            let options = result.options
            evidence = [Bilingual("\(over.count) load points with \(options.repeatThreshold) or more interruptions within \(options.repeatWindowDays) days",
                                  zh: "\(over.count) 个负荷点在 \(options.repeatWindowDays) 天内停电 \(options.repeatThreshold) 次及以上")]
                + over.prefix(10).map { item in
                    let id = network.model.loadPoints[item.loadPoint].id.rawValue
                    let events = zip(item.events, item.starts).map { "\($0) \($1)" }.joined(separator: ", ")
                    return Bilingual("\(id) (\(item.customers) customers): \(item.mostInWindow) in the window — " + events,
                                     zh: "\(id)（\(item.customers) 户）：窗口内 \(item.mostInWindow) 次 — " + events)
                }
        }
        guard let value = recomputed else {
            return ClaimCheck(claim: claim, recomputed: nil, verdict: .unverifiable(reason: missing ?? Bilingual("no data", zh: "无数据")), evidence: evidence)
        }
        return ClaimCheck(claim: claim, recomputed: value, verdict: verdict(claim, value, tolerance: result.options.tolerance), evidence: evidence)
    }

    /// A network-capability figure recomputed from the network file (``NetworkSummary``), with
    /// the evidence: the counts behind it and, for N-1, every feeder that fails and why.
    static func capability(_ metric: ClaimMetric, network: Network, summary: NetworkSummary) -> (Double?, [Bilingual], Bilingual?) {
        let feeders = network.model.sources.map(\.id.rawValue)
        switch metric {
        case .tieRate:
            let without = network.topology.feeders.indices.filter { network.topology.feeders[$0].ties.isEmpty }.map { feeders[$0] }
            let list = without.prefix(20).joined(separator: ", ") + (without.count > 20 ? ", …" : "")
            return (summary.tieRate, [
                Bilingual("\(summary.feeders - without.count) of \(summary.feeders) feeders have a tie (联络)", zh: "\(summary.feeders) 条线路中 \(summary.feeders - without.count) 条有联络"),
                Bilingual("feeders without a tie: " + (without.isEmpty ? "none" : list), zh: "无联络的线路：" + (without.isEmpty ? "无" : list)),
            ], nil)
        case .n1TransferableRate:
            let month = summary.peakMonth
            let factor = network.demandFactor(month: month)
            var evidence = [Bilingual("\(summary.n1TransferableFeeders.count) of \(summary.feeders) feeders can hand their whole load to neighbours over ties when the feeder head is lost, at the peak month (\(month))",
                                      zh: "\(summary.feeders) 条线路中 \(summary.n1TransferableFeeders.count) 条在出线失电时可经联络将全部负荷转供至相邻线路（按高峰月 \(month) 月）")]
            let passing = Set(summary.n1TransferableFeeders)
            for f in network.topology.feeders.indices where !passing.contains(f) {
                guard let plan = network.wholeFeederTransfer(f, factor: factor) else {
                    evidence.append(Bilingual("feeder \(feeders[f]): no tie", zh: "线路 \(feeders[f])：无联络"))
                    continue
                }
                var shortMW = 0.0
                for zone in plan.unrestoredZones {
                    for k in network.topology.loadPointRange(zones: zone, zone + 1) { shortMW += network.model.loadPoints[network.topology.loadPointOrder[k]].peakMW * factor }
                }
                let short = fixedText(shortMW, 3)
                evidence.append(Bilingual("feeder \(feeders[f]): headroom short by \(short) MW in month \(month) (\(plan.unrestoredZones.count) zones left without supply)",
                                          zh: "线路 \(feeders[f])：\(month) 月转供裕度不足 \(short) MW（\(plan.unrestoredZones.count) 个分段无法恢复供电）"))
            }
            return (summary.n1TransferableRate, Array(evidence.prefix(21)), nil)
        case .overheadInsulationRate:
            guard let rate = summary.overheadInsulationRate else { return (nil, [], Bilingual("the network has no overhead line", zh: "网络中没有架空线路")) }
            let insulated = fixedText(summary.kmOverheadInsulated, 3), overhead = fixedText(summary.kmOverheadBare + summary.kmOverheadInsulated, 3)
            return (rate, [Bilingual("\(insulated) km insulated of \(overhead) km overhead (绝缘化率)", zh: "架空线路 \(overhead) km 中绝缘线 \(insulated) km")], nil)
        default:
            guard let rate = summary.cableRate else { return (nil, [], Bilingual("the network has no line", zh: "网络中没有线路")) }
            let cable = fixedText(summary.kmCable, 3), line = fixedText(summary.kmCable + summary.kmOverheadBare + summary.kmOverheadInsulated, 3)
            return (rate, [Bilingual("\(cable) km cable of \(line) km of line (电缆化率)", zh: "线路 \(line) km 中电缆 \(cable) km")], nil)
        }
    }

    /// Compares a claim with the recomputed value. RS-1/RS-3 are compared on their complement
    /// (the unavailability), where the difference shows.
    static func verdict(_ claim: Claim, _ actual: Double, tolerance: Double) -> Verdict {
        var claimed = claim.value
        var truth = actual
        if claim.metric == .rs1Percent || claim.metric == .rs3Percent {
            claimed = 100 - claimed
            truth = 100 - truth
        }
        if abs(claimed - truth) < 1e-12 { return .consistent }
        var better = claim.metric.higherIsBetter ? claimed > truth : claimed < truth
        if claim.metric == .rs1Percent || claim.metric == .rs3Percent { better = claimed < truth }
        // Against a recomputed 0 no percentage exists: the verdict says so (percent = ∞).
        guard abs(truth) >= 1e-12 else { return better ? .overstated(percent: .infinity) : .understated(percent: .infinity) }
        let relative = (claimed - truth) / abs(truth)
        if abs(relative) <= tolerance { return .consistent }
        let percent = abs(relative) * 100
        return better ? .overstated(percent: percent) : .understated(percent: percent)
    }
}
