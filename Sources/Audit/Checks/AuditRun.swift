import GridModel
import Reliability

/// What a claim turned out to be.
public enum Verdict: Sendable, Equatable {
    case consistent
    /// The claim shows better performance than the evidence by this many percent.
    case overstated(percent: Double)
    case understated(percent: Double)
    case unverifiable(reason: String)

    public var text: String {
        switch self {
        case .consistent: return "consistent"
        case .overstated(let percent): return percent.isInfinite ? "overstated (the recomputed value is 0)" : "overstated by \(fixedText(percent, 1)) %"
        case .understated(let percent): return percent.isInfinite ? "understated (the recomputed value is 0)" : "understated by \(fixedText(percent, 1)) %"
        case .unverifiable(let reason): return "unverifiable: \(reason)"
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
    public var evidence: [String]
}

/// A contradiction between the logs.
public struct Contradiction: Sendable, Equatable {
    public enum Kind: String, Sendable { case liveWorkDuringPlannedOutage, plannedOutageWithoutWorkOrder, impossibleMethod }
    public var kind: Kind
    public var job: String?
    public var event: String?
    public var text: String
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
        var result = AuditResult(
            claims: claims, options: options, outagesUsed: analysis.records.count, outageRowsRejected: outages.rejectedRows,
            outagesOutsidePeriod: outages.records.count - analysis.records.count,
            workUsed: workInPeriod, workRowsRejected: work.rejectedRows, workOutsidePeriod: work.records.count - workInPeriod, diagnostics: outages.diagnostics + work.diagnostics + (history?.diagnostics ?? []),
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
                text: "job \(job.job) (line \(job.line) of the work log) is logged as liveLine on \(network.model.sections[section].id.rawValue), a \(kind == .transformer ? "transformer" : "cable") section, which cannot be worked live-line"))
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
                        text: "job \(job.job) is logged as \(job.method.rawValue) on \(network.model.sections[job.section!].id.rawValue) \(job.start)…\(job.end), while planned outage \(event.id) (\(event.start)…\(event.end)) \(sameZone ? "cut the same zone" : "cut its feeder (no load points given)")"))
                }
            }
        }
        for event in planned {
            let feeder = event.feeder ?? event.loadPoints.first.map { topology.feederOfBus[network.loadPointBus[$0]] }
            let matched = work.contains { job in
                !job.method.isLive && job.start.date == event.start.date && (feeder == nil || job.feeder == feeder)
            }
            if !matched {
                let feederText = feeder.map { network.model.sources[$0].id.rawValue } ?? "unknown feeder"
                found.append(Contradiction(
                    kind: .plannedOutageWithoutWorkOrder, job: nil, event: event.id,
                    text: "planned outage \(event.id) on \(feederText) \(event.start)…\(event.end) has no transfer or outage job in the work log that day"))
            }
        }
        return found
    }

    static func check(_ claim: Claim, result: AuditResult, analysis: LogAnalysis, hasHistory: Bool, network: Network, summary: NetworkSummary?) -> ClaimCheck {
        let top = analysis.largestEvents(5).map { "event \($0.id): \(fixedText($0.customerMinutes, 0)) customer-minutes" }
        let counts = "\(result.outagesUsed) events used, \(result.outageRowsRejected) rows rejected"
        var recomputed: Double?
        var evidence: [String] = [counts] + top
        var missing: String?
        switch claim.metric {
        case .saifi: recomputed = result.ieee.saifi
        case .saidi: recomputed = result.ieee.saidi
        case .caidi: recomputed = result.ieee.caidi
        case .maifi: recomputed = result.ieee.maifiE
        case .saifiExcludingMED, .saidiExcludingMED:
            if let without = result.ieeeExcludingMED, let med = result.majorEventDays {
                recomputed = claim.metric == .saifiExcludingMED ? without.saifi : without.saidi
                evidence = [counts, "major event days (threshold \(fixedText(med.thresholdMinutes, 2)) min/day from \(med.historyDays) history days): " + (med.days.isEmpty ? "none" : med.days.map { "\($0.date) (\(fixedText($0.saidiMinutes, 1)) min)" }.joined(separator: ", "))]
                    + analysis.largestEvents(5, excludingDays: Set(med.days.map(\.date))).map { "event \($0.id): \(fixedText($0.customerMinutes, 0)) customer-minutes" }
            } else {
                missing = hasHistory ? "the history has fewer than two days with interruptions" : "no history given (--history) to find major event days"
            }
        case .saidiChangePercent:
            if let previous = result.previousYearSAIDI, previous > 0 {
                recomputed = (result.ieee.saidi - previous) / previous * 100
                evidence = [counts, "SAIDI \(fixedText(result.ieee.saidi, 4)) h against \(fixedText(previous, 4)) h a year earlier"]
            } else {
                missing = hasHistory ? "the history has no interruptions in the same span a year earlier" : "no history given (--history) for the year before"
            }
        case .rs1Percent: recomputed = result.dlt836.rs1Percent
        case .rs3Percent: recomputed = result.dlt836.rs3Percent
        case .aihc1Hours: recomputed = result.dlt836.aihc1
        case .aitc1: recomputed = result.dlt836.aitc1
        case .liveWorkRatioByCount, .liveWorkRatioByCustomerHours, .avoidedCustomerHours, .additionalEnergyMWh:
            let live = result.liveWork
            if live.jobs == 0 {
                missing = "the work log has no jobs in the period"
            } else {
                switch claim.metric {
                case .liveWorkRatioByCount: recomputed = live.ratioByCount
                case .liveWorkRatioByCustomerHours:
                    recomputed = live.ratioByCustomerHours
                    if recomputed == nil { missing = "jobs \(live.jobsWithoutSection.prefix(5).joined(separator: ", ")) name no section to simulate" }
                default:
                    // A live job without a section cannot be priced, so neither sum can be known.
                    let unpriced = live.counterfactuals.filter { $0.method.isLive && $0.customerHours == nil }.map(\.job)
                    if unpriced.isEmpty {
                        recomputed = claim.metric == .avoidedCustomerHours ? live.avoidedCustomerHours : live.additionalEnergyMWh
                    } else {
                        missing = "live jobs \(unpriced.prefix(5).joined(separator: ", "))\(unpriced.count > 5 ? ", …" : "") name no section to simulate"
                    }
                }
                evidence = ["\(live.jobs) jobs in the work log, \(live.liveJobs) live (live-line or bypass); each live job re-simulated as if done by outage on the network"]
                    + live.counterfactuals.filter { $0.method.isLive }.sorted { ($0.customerHours ?? 0) > ($1.customerHours ?? 0) }.prefix(5)
                    .map { "job \($0.job): \(fixedText($0.customerHours ?? 0, 1)) customer-hours, \(fixedText($0.energyMWh ?? 0, 3)) MWh by outage" }
            }
        case .tieRate, .n1TransferableRate, .overheadInsulationRate, .cableRate:
            (recomputed, evidence, missing) = capability(claim.metric, network: network, summary: summary ?? network.summary())
        case .repeatedOutageCustomers:
            let over = result.repeatedOutages[.all] ?? []
            recomputed = Double(over.reduce(0) { $0 + $1.customers })
            let options = result.options
            evidence = ["\(over.count) load points with \(options.repeatThreshold) or more interruptions within \(options.repeatWindowDays) days"]
                + over.prefix(10).map { item in
                    "\(network.model.loadPoints[item.loadPoint].id.rawValue) (\(item.customers) customers): \(item.mostInWindow) in the window — " + zip(item.events, item.starts).map { "\($0) \($1)" }.joined(separator: ", ")
                }
        }
        guard let value = recomputed else {
            return ClaimCheck(claim: claim, recomputed: nil, verdict: .unverifiable(reason: missing ?? "no data"), evidence: evidence)
        }
        return ClaimCheck(claim: claim, recomputed: value, verdict: verdict(claim, value, tolerance: result.options.tolerance), evidence: evidence)
    }

    /// A network-capability figure recomputed from the network file (``NetworkSummary``), with
    /// the evidence: the counts behind it and, for N-1, every feeder that fails and why.
    static func capability(_ metric: ClaimMetric, network: Network, summary: NetworkSummary) -> (Double?, [String], String?) {
        let feeders = network.model.sources.map(\.id.rawValue)
        switch metric {
        case .tieRate:
            let without = network.topology.feeders.indices.filter { network.topology.feeders[$0].ties.isEmpty }.map { feeders[$0] }
            return (summary.tieRate, ["\(summary.feeders - without.count) of \(summary.feeders) feeders have a tie (联络)", "feeders without a tie: " + (without.isEmpty ? "none" : without.prefix(20).joined(separator: ", ") + (without.count > 20 ? ", …" : ""))], nil)
        case .n1TransferableRate:
            let month = summary.peakMonth
            let factor = network.demandFactor(month: month)
            var evidence = ["\(summary.n1TransferableFeeders.count) of \(summary.feeders) feeders can hand their whole load to neighbours over ties when the feeder head is lost, at the peak month (\(month))"]
            let passing = Set(summary.n1TransferableFeeders)
            for f in network.topology.feeders.indices where !passing.contains(f) {
                guard let plan = network.wholeFeederTransfer(f, factor: factor) else {
                    evidence.append("feeder \(feeders[f]): no tie")
                    continue
                }
                var shortMW = 0.0
                for zone in plan.unrestoredZones {
                    for k in network.topology.loadPointRange(zones: zone, zone + 1) { shortMW += network.model.loadPoints[network.topology.loadPointOrder[k]].peakMW * factor }
                }
                evidence.append("feeder \(feeders[f]): headroom short by \(fixedText(shortMW, 3)) MW in month \(month) (\(plan.unrestoredZones.count) zones left without supply)")
            }
            return (summary.n1TransferableRate, Array(evidence.prefix(21)), nil)
        case .overheadInsulationRate:
            guard let rate = summary.overheadInsulationRate else { return (nil, [], "the network has no overhead line") }
            return (rate, ["\(fixedText(summary.kmOverheadInsulated, 3)) km insulated of \(fixedText(summary.kmOverheadBare + summary.kmOverheadInsulated, 3)) km overhead (绝缘化率)"], nil)
        default:
            guard let rate = summary.cableRate else { return (nil, [], "the network has no line") }
            return (rate, ["\(fixedText(summary.kmCable, 3)) km cable of \(fixedText(summary.kmCable + summary.kmOverheadBare + summary.kmOverheadInsulated, 3)) km of line (电缆化率)"], nil)
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
