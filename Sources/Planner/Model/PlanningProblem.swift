import GridModel
import Reliability

/// Kinds of resources, for the cost weights of the objective's third tier.
public enum ResourceKind: String, Sendable, CaseIterable {
    case liveTeam
    case bucketTruck
    case bypassCableSet
    case mobileGenerator
    case outageCrew
    /// Work at night (a period open only to some jobs) or at a weekend, per job-day.
    case offHours
}

/// One way of doing one job on one day.
public struct Candidate: Sendable, Hashable {
    /// Index into ``PlanningProblem/days``.
    public var day: Int
    public var method: WorkMethod
    /// Index into ``PlanningProblem/shifts``: when the outage starts.
    public var shift: Int

    public init(day: Int, method: WorkMethod, shift: Int) {
        self.day = day
        self.method = method
        self.shift = shift
    }
}

/// When outages may start: a period of the day (``WorkPeriod``) at one of its start hours.
public struct WorkShift: Sendable, Equatable {
    /// Index into the scenario's ``Scenario/periods``.
    public var period: Int
    public var name: String
    public var startHour: Int
    /// Work in a period open only to some jobs (night, overtime): costs an off-hours unit.
    public var offHours: Bool
}

/// A job with everything the planner derived for it.
public struct PlannedJob: Sendable {
    public var job: Job
    public var section: Int
    public var zone: Int
    public var feeder: Int
    /// Tie group (feeders joined by ties) of the job's feeder.
    public var group: Int
    /// Methods the job allows (given or derived), in preference order.
    public var methods: [WorkMethod]
    /// Live-line category (1–3) when live-line is allowed.
    public var liveCategory: Int
    /// Whether the work is on overhead line (bucket truck needed for live and bypass work).
    public var overhead: Bool
    /// Mobile generator rating needed for bypass of a transformer, kW (0 = bypass cable instead).
    public var generatorKW: Double
    /// Every (day, method) allowed by window, calendar, notice and method rules.
    public var candidates: [Candidate]
    /// Predecessor job indices.
    public var predecessors: [Int]
    /// Why no candidate exists, when `candidates` is empty.
    public var whyNoCandidate: String?
    /// Index into days of the requested date (baseline), or nil when it is not a working day in the horizon.
    public var requestedDay: CivilDate
    /// A job of several days is planned as one part per day (``Job/durationDays``): part
    /// `part` of `parts`, the first part at index `firstPart`. The parts' candidate lists are
    /// aligned: candidate k of every part belongs to the same run of days, method and shift.
    public var part = 0
    public var parts = 1
    public var firstPart = 0
    /// The job's id in the scenario (a part's `job.id` is `ID#k`).
    public var scenarioID: String { parts > 1 ? String(job.id[..<job.id.lastIndex(of: "#")!]) : job.id }
}

/// A per-day capacity and the (job, method) pairs that use one unit of it.
public struct CapacityRow: Sendable {
    /// Which resource of the pool the row counts.
    public enum Resource: Sendable, Equatable {
        /// Live teams certified for at least this category (1…4).
        case liveTeams(atLeast: Int)
        case bucketTrucks
        case bypassCableSets
        /// Mobile generators of at least this rating.
        case mobileGenerators(atLeastKW: Double)
        case outageCrews
    }
    public var resource: Resource
    public var name: String
    /// Units available on each planning day.
    public var capacity: [Int]
    /// Whether (job, method) uses one unit of this row.
    public var uses: @Sendable (PlannedJob, WorkMethod) -> Bool
}

/// The network, scenario and derived data the greedy planner and the MILP share.
public struct PlanningProblem: Sendable {
    public let network: Network
    public private(set) var scenario: Scenario
    public let days: [CivilDate]
    /// Start times of outages (every period's start hours, in order).
    public let shifts: [WorkShift]
    /// Areas whose switching teams are counted (``SwitchingTeams``): name and teams per day.
    public let switchingAreas: [(name: String, teams: [Int])]
    /// Area of each feeder (index into `switchingAreas`), -1 where teams are not counted.
    public let areaOfFeeder: [Int]
    public let jobs: [PlannedJob]
    public let costs: OutageCostTable
    public private(set) var capacityRows: [CapacityRow]
    /// Feeders of each tie group, and jobs of each group (job indices).
    public let groupFeeders: [[Int]]
    public let groupJobs: [[Int]]
    /// Ways each zone can be switched out on each day (``OutageVariant``).
    public let variants: [ZoneDay: [OutageVariant]]
    /// Objective weights (docs/scenario-format.md, "Objective").
    public let weights: ObjectiveWeights
    /// Expected jobs per day from the windows, scaled to 0…1 (for the day preference).
    public let dayDemand: [Double]

    /// Objective cost of leaving a mandatory job out (it makes the plan infeasible).
    public static let mandatoryMissPenalty = 1e9

    public struct ObjectiveWeights: Sendable {
        /// Per customer-minute of planned interruption (tier 1).
        public var customerMinute = 1.0
        /// Per job not done live (tier 2).
        public var nonLiveJob = 1e-3
        /// Per resource unit-day, times the scenario's weight for the resource (tier 3).
        public var resourceUnit = 1e-6
        /// Largest day preference per job (tier 4): spreads work over the horizon, favouring days
        /// that fewer jobs can use, so that tie groups planned apart do not all pick the same days.
        public var dayPreference = 0.01
    }

    /// Day preference of a job on a planning day, 0 … weights.dayPreference: the day's share of
    /// demand from all job windows, plus a deterministic per-job jitter that breaks ties.
    public func dayPreference(_ job: Int, _ day: Int) -> Double {
        var hash = UInt64(truncatingIfNeeded: job &* 0x9E37_79B9 ^ day &* 0x85EB_CA6B)
        hash ^= hash >> 15
        hash = hash &* 0x2C1B_3C6D
        hash ^= hash >> 12
        let jitter = Double(hash % 1000) / 1000
        return weights.dayPreference * 0.5 * (dayDemand[day] + jitter)
    }

    public init(network baseNetwork: Network, scenario: Scenario) throws(NetworkLoadError) {
        // Planning assumptions of the scenario: feeder ratings and the monthly load forecast.
        var model = baseNetwork.model
        for (feeder, rating) in scenario.feederRatingsMW {
            if let index = model.sources.firstIndex(where: { $0.id.rawValue == feeder }) { model.sources[index].ratingMW = rating }
        }
        if let monthly = scenario.monthlyLoadFactors { model.loadProfile.monthlyFactors = monthly }
        if let hourly = scenario.hourlyLoadFactors { model.loadProfile.hourlyFactors = hourly }
        if let travel = scenario.switching.travelHours { model.defaults.manualSwitchingHours = travel + model.defaults.manualOperateHours }
        let network = model == baseNetwork.model ? baseNetwork : try Network(validating: model, name: "scenario assumptions applied to \(model.name)")
        self.network = network
        self.scenario = scenario
        let days = scenario.planningDays
        self.days = days
        let periods = scenario.periods
        var shifts: [WorkShift] = []
        for (p, period) in periods.enumerated() {
            for hour in period.startHours { shifts.append(WorkShift(period: p, name: period.name, startHour: hour, offHours: period.isOffHours)) }
        }
        self.shifts = shifts
        var areas: [(name: String, teams: [Int])] = []
        var areaOfFeeder = [Int](repeating: -1, count: network.model.sources.count)
        for area in scenario.switching.areas {
            for feeder in area.feeders { if let f = network.sourceIndex[SourceID(feeder)] { areaOfFeeder[f] = areas.count } }
            areas.append((area.name, Array(repeating: area.teams, count: days.count)))
        }
        if let teams = scenario.switching.teams, areaOfFeeder.contains(-1) {
            for f in areaOfFeeder.indices where areaOfFeeder[f] < 0 { areaOfFeeder[f] = areas.count }
            areas.append((SwitchingTeams.otherArea, Array(repeating: teams, count: days.count)))
        }
        self.switchingAreas = areas
        self.areaOfFeeder = areaOfFeeder
        self.costs = OutageCostTable(network: network, policy: scenario.policy)
        self.weights = ObjectiveWeights()

        // Tie groups: feeders joined by ties.
        let feederCount = network.model.sources.count
        var parent = Array(0..<feederCount)
        func find(_ x: Int) -> Int {
            var root = x
            while parent[root] != root { root = parent[root] }
            return root
        }
        for t in 0..<network.model.ties.count {
            let a = find(network.topology.tiePaths[t][0].feeder)
            let b = find(network.topology.tiePaths[t][1].feeder)
            if a != b { parent[max(a, b)] = min(a, b) }
        }
        // Jobs linked by precedence must be planned together: join their feeders' groups too.
        let feederOfJobID = Dictionary(scenario.jobs.map { ($0.id, network.topology.feederOfSection[network.sectionIndex[$0.section]!]) }, uniquingKeysWith: { a, _ in a })
        for job in scenario.jobs {
            let here = network.topology.feederOfSection[network.sectionIndex[job.section]!]
            for predecessor in job.after {
                guard let there = feederOfJobID[predecessor] else { continue }
                let a = find(here)
                let b = find(there)
                if a != b { parent[max(a, b)] = min(a, b) }
            }
        }
        var groupOfRoot: [Int: Int] = [:]
        var groupOfFeeder = [Int](repeating: 0, count: feederCount)
        var feedersOfGroup: [[Int]] = []
        for f in 0..<feederCount {
            let root = find(f)
            if groupOfRoot[root] == nil {
                groupOfRoot[root] = feedersOfGroup.count
                feedersOfGroup.append([])
            }
            groupOfFeeder[f] = groupOfRoot[root]!
            feedersOfGroup[groupOfFeeder[f]].append(f)
        }

        // Index of each job's last part (what a successor waits for).
        var jobIndex: [String: Int] = [:]
        var partCount = 0
        for job in scenario.jobs {
            partCount += max(1, job.durationDays)
            if jobIndex[job.id] == nil { jobIndex[job.id] = partCount - 1 }
        }
        let leadDay = max(scenario.start, scenario.today ?? scenario.start).adding(days: scenario.policy.notificationLeadDays)
        var planned: [PlannedJob] = []
        for job in scenario.jobs {
            let section = network.sectionIndex[job.section]!
            let kind = network.model.sections[section].kind
            let zone = network.topology.zoneOfSection[section]
            let feeder = network.topology.feederOfSection[section]
            var methods: [WorkMethod]
            if let given = job.methods {
                methods = given.sorted()
            } else {
                methods = []
                if kind.isOverhead && (job.liveCategory != nil || job.workType.liveLineCategory != nil) { methods.append(.liveLine) }
                if job.workType.allowsBypass { methods.append(.bypass) }
                methods.append(.transfer)
                methods.append(.outage)
            }
            // Method rules that hold whatever the file says.
            var dropped: [String] = []
            if !job.forbiddenMethods.isEmpty {
                methods.removeAll { job.forbiddenMethods.contains($0) }
                if methods.isEmpty { dropped.append("its forbiddenMethods (\(job.forbiddenMethods.map(\.rawValue).joined(separator: ", "))) leave none") }
            }
            if let pinned = job.pin?.method, job.methods?.isEmpty == true {
                dropped.append("it is pinned to \(pinned.rawValue), which its methods list does not allow")
            }
            if !kind.isOverhead, methods.contains(.liveLine) {
                methods.removeAll { $0 == .liveLine }
                dropped.append("live-line work needs overhead line (\(job.section.rawValue) is \(kind.rawValue))")
            }
            if methods.contains(.transfer) && !costs.canTransfer(zone: zone) {
                methods.removeAll { $0 == .transfer }
                dropped.append("no tie below the work zone to transfer load over")
            }
            let category = job.liveCategory ?? job.workType.liveLineCategory ?? 2
            // Shifts the job may start in: periods open to it whose longest work holds it.
            let jobShifts = shifts.indices.filter { s in
                let period = periods[shifts[s].period]
                if let pinned = job.pin?.period, period.name != pinned { return false }
                return job.durationHours <= period.longestJobHours + 1e-9 && (period.allowed?.allows(job: job.id, section: section, in: network) ?? true)
            }
            var generatorKW = 0.0
            if kind == .transformer {
                // Temporary supply for the load behind the transformer: its peak at the heaviest month of the window.
                var peak = 0.0
                for lp in network.model.loadPoints.indices where network.topology.zoneOfLoadPoint[lp] >= 0 {
                    let lpZone = network.topology.zoneOfLoadPoint[lp]
                    if network.topology.isInSubtree(lpZone, of: zone) { peak += network.model.loadPoints[lp].peakMW }
                }
                // …at the heaviest hour of the work (start hour to start + duration + connection)
                // in the heaviest month of the window, over every start hour the job may have.
                var factor = 0.0
                for s in jobShifts.isEmpty ? Array(shifts.indices) : jobShifts {
                    let from = Double(shifts[s].startHour)
                    let to = from + job.durationHours + scenario.policy.bypassConnectionMinutes / 60
                    var day = job.earliest
                    while day <= job.latest {
                        factor = max(factor, network.loadProfile.heaviestFactor(month: day.month, fromHours: from, toHours: to))
                        day = day.adding(days: 28)
                    }
                    factor = max(factor, network.loadProfile.heaviestFactor(month: job.latest.month, fromHours: from, toHours: to))
                }
                generatorKW = peak * factor * 1000
            }
            let largestGenerator = (scenario.resources.mobileGenerators.map(\.kW) + scenario.resourceOverrides.values.flatMap { $0.mobileGenerators.map(\.kW) }).max() ?? 0
            if kind == .transformer && methods.contains(.bypass) && generatorKW > largestGenerator {
                methods.removeAll { $0 == .bypass }
                dropped.append("temporary supply needs a \(Int(generatorKW.rounded(.up))) kW mobile generator; the largest is \(Int(largestGenerator)) kW")
            }
            // Days open to the job, and runs of `durationDays` consecutive ones.
            let weekendAllowed = scenario.weekendWork?.allows(job: job.id, section: section, in: network) ?? false
            let feederBlocked = scenario.feederBlocks[network.model.sources[feeder].id] ?? []
            let openDays = days.indices.filter { d in
                days[d] >= job.earliest && days[d] <= job.latest && (weekendAllowed || !scenario.isWeekend(days[d])) && !feederBlocked.contains(days[d])
            }
            let length = max(1, job.durationDays)
            var runs: [(days: ArraySlice<Int>, method: WorkMethod, shift: Int)] = []
            if openDays.count >= length {
                for p in 0...(openDays.count - length) {
                    let run = openDays[p..<(p + length)]
                    for method in methods {
                        if method.deEnergises && days[run.first!] < leadDay { continue }
                        let weatherBound = method == .liveLine || (method == .bypass && kind.isOverhead)
                        if weatherBound && run.contains(where: { scenario.noLiveWorkDays.contains(days[$0]) }) { continue }
                        for s in jobShifts { runs.append((run, method, s)) }
                    }
                }
            }
            var why: String?
            if runs.isEmpty {
                if openDays.isEmpty {
                    why = job.pin?.date != nil
                        ? "it is pinned to \(job.earliest), which is not a working day open to it (a weekend or blocked day\(feederBlocked.isEmpty ? "" : ", or a day blocked for its feeder"))"
                        : "its window \(job.earliest)…\(job.latest) has no working day in the horizon (weekends, blocked days\(feederBlocked.isEmpty ? "" : ", days blocked for its feeder"))"
                } else if jobShifts.isEmpty, let pinned = job.pin?.period {
                    why = "it is pinned to the work period '\(pinned)', which " + (periods.contains { $0.name == pinned } ? "does not take its \(format(job.durationHours)) h of work or is not open to it" : "the scenario does not have (periods: \(periods.map(\.name).joined(separator: ", ")))")
                } else if jobShifts.isEmpty {
                    why = "no work period takes its \(format(job.durationHours)) h of work: "
                        + periods.map { period in
                            "\(period.name) holds \(format(period.longestJobHours)) h\(period.allowed.map { $0.allows(job: job.id, section: section, in: network) } == false ? " (not open to this job)" : "")"
                        }.joined(separator: ", ")
                        + "; shorten it, give it in days (durationDays), or open a period to it (timeOfDay)"
                } else if openDays.count < length {
                    why = "it takes \(length) consecutive working days and its window \(job.earliest)…\(job.latest) has \(NumberText.count(openDays.count, "working day"))"
                } else if methods.isEmpty {
                    why = "no method is allowed: " + dropped.joined(separator: "; ")
                } else {
                    why = "no day in \(job.earliest)…\(job.latest) allows its methods (\(methods.map(\.rawValue).joined(separator: ", "))): outages need \(scenario.policy.notificationLeadDays) days' notice (customers told by \(max(scenario.start, scenario.today ?? scenario.start)), so outages from \(leadDay)) and live work needs \(length > 1 ? "\(length) consecutive days" : "a day") without a weather ban"
                }
                if !dropped.isEmpty && !methods.isEmpty { why! += "; also " + dropped.joined(separator: "; ") }
                if let location = job.location { why! += " [\(location)]" }
            }
            let requested = job.requested ?? days.first { $0 >= job.earliest && $0 <= job.latest } ?? job.earliest
            let firstPart = planned.count
            for k in 0..<length {
                var part = job
                if length > 1 { part.id = "\(job.id)#\(k + 1)" }
                var item = PlannedJob(
                    job: part, section: section, zone: zone, feeder: feeder, group: groupOfFeeder[feeder], methods: methods,
                    liveCategory: category, overhead: kind.isOverhead, generatorKW: generatorKW,
                    candidates: runs.map { Candidate(day: $0.days[$0.days.startIndex + k], method: $0.method, shift: $0.shift) },
                    predecessors: k == 0 ? job.after.compactMap { jobIndex[$0] } : [], whyNoCandidate: why, requestedDay: requested)
                item.part = k
                item.parts = length
                item.firstPart = firstPart
                planned.append(item)
            }
        }
        // Transfer on a day only where some switching of the zone moves customers over a tie.
        let variants = PlanningProblem.makeVariants(network: network, days: days, shifts: shifts, costs: costs, jobs: planned)
        // A run is dropped from every part of a job when one of its days has no such switching.
        var j = 0
        while j < planned.count {
            let job = planned[j]
            let parts = job.parts
            guard job.methods.contains(.transfer) else { j += parts; continue }
            let before = job.candidates.count
            var keep = [Bool](repeating: true, count: before)
            for p in j..<(j + parts) {
                for (k, candidate) in planned[p].candidates.enumerated() where candidate.method == .transfer {
                    let options = variants[ZoneDay(zone: job.zone, day: candidate.day, shift: candidate.shift)] ?? []
                    if !options.contains(where: { $0.ref.transfer && $0.maxHours >= job.job.durationHours }) { keep[k] = false }
                }
            }
            for p in j..<(j + parts) {
                planned[p].candidates = planned[p].candidates.indices.filter { keep[$0] }.map { planned[p].candidates[$0] }
                if planned[p].candidates.isEmpty && before > 0 {
                    planned[p].whyNoCandidate = "no tie can pick up the load below the work zone within headroom on any day of \(job.job.earliest)…\(job.job.latest), and no other method is allowed (\(job.methods.map(\.rawValue).joined(separator: ", ")))" + (job.job.location.map { " [\($0)]" } ?? "")
                }
            }
            j += parts
        }
        self.variants = variants
        self.jobs = planned

        var groupJobs = [[Int]](repeating: [], count: feedersOfGroup.count)
        for (j, job) in planned.enumerated() { groupJobs[job.group].append(j) }
        self.groupFeeders = feedersOfGroup
        self.groupJobs = groupJobs
        self.capacityRows = PlanningProblem.makeCapacityRows(scenario: scenario, days: days, jobs: planned)
        var demand = [Double](repeating: 0, count: days.count)
        for job in planned {
            let jobDays = Set(job.candidates.map(\.day))
            for d in jobDays { demand[d] += 1 / Double(jobDays.count) }
        }
        let peak = demand.max() ?? 0
        self.dayDemand = demand.map { peak > 0 ? $0 / peak : 0 }
    }

    /// The same problem with other crew and vehicle counts. The generator ratings must stay the
    /// same (they decide which jobs may be done by temporary supply).
    public func replacingResources(_ pool: ResourcePool) -> PlanningProblem {
        precondition(pool.mobileGenerators.map(\.kW) == scenario.resources.mobileGenerators.map(\.kW), "generator ratings changed")
        var copy = self
        copy.scenario.resources = pool
        copy.capacityRows = PlanningProblem.makeCapacityRows(scenario: copy.scenario, days: days, jobs: jobs)
        return copy
    }

    static func makeCapacityRows(scenario: Scenario, days: [CivilDate], jobs: [PlannedJob]) -> [CapacityRow] {
        let pools = days.map { scenario.resources(on: $0) }
        var rows: [CapacityRow] = []
        for category in 1...4 {
            rows.append(CapacityRow(resource: .liveTeams(atLeast: category), name: "live teams of category ≥ \(category)", capacity: pools.map { $0.teams(atLeast: category) }) { job, method in
                (method == .liveLine && job.liveCategory >= category) || method == .bypass
            })
        }
        rows.append(CapacityRow(resource: .bucketTrucks, name: "bucket trucks", capacity: pools.map(\.bucketTrucks)) { job, method in
            method.isLive && job.overhead
        })
        rows.append(CapacityRow(resource: .bypassCableSets, name: "bypass cable sets", capacity: pools.map(\.bypassCableSets)) { job, method in
            method == .bypass && job.generatorKW == 0
        })
        // Generators are nested by rating: a job needing k kW can use any unit of at least k kW.
        // For each available rating sᵢ (ascending), the jobs needing more than sᵢ₋₁ cannot exceed
        // the units of at least sᵢ.
        let ratings = Set(scenario.resources.mobileGenerators.map(\.kW) + scenario.resourceOverrides.values.flatMap { $0.mobileGenerators.map(\.kW) }).sorted()
        for (i, rating) in ratings.enumerated() {
            let below = i > 0 ? ratings[i - 1] : 0
            rows.append(CapacityRow(resource: .mobileGenerators(atLeastKW: rating), name: "mobile generators ≥ \(Int(rating)) kW", capacity: pools.map { $0.generators(atLeast: rating) }) { job, method in
                method == .bypass && job.generatorKW > below
            })
        }
        rows.append(CapacityRow(resource: .outageCrews, name: "outage crews", capacity: pools.map(\.outageCrews)) { _, method in method.deEnergises })
        return rows
    }

    /// Resource units a (job, method) ties up for a day, weighted for the objective's third tier.
    public func resourceUnits(_ job: PlannedJob, _ method: WorkMethod) -> Double {
        func weight(_ kind: ResourceKind) -> Double { scenario.resourceCostWeights[kind.rawValue] ?? 1 }
        switch method {
        case .liveLine: return weight(.liveTeam) + (job.overhead ? weight(.bucketTruck) : 0)
        case .bypass:
            return weight(.liveTeam) + (job.overhead ? weight(.bucketTruck) : 0)
                + (job.generatorKW > 0 ? weight(.mobileGenerator) : weight(.bypassCableSet))
        case .transfer, .outage: return weight(.outageCrew)
        }
    }

    /// What doing `job` alone as `candidate` costs (nil for live methods).
    public func outageCost(_ job: PlannedJob, _ candidate: Candidate) -> OutageCost? {
        guard candidate.method.deEnergises else { return nil }
        return costs.cost(zone: job.zone, transfer: candidate.method == .transfer, month: days[candidate.day].month, workHours: job.job.durationHours,
                          startHour: shifts[candidate.shift].startHour)
    }

    /// Off-hours units of work on `day` in `shift`: one for a period open only to some jobs
    /// (night), one for a weekend day; weighted by the scenario's `offHours` cost weight.
    public func offHoursUnits(day: Int, shift: Int) -> Double {
        let count = (shifts[shift].offHours ? 1.0 : 0) + (scenario.isWeekend(days[day]) ? 1.0 : 0)
        return count * (scenario.resourceCostWeights[ResourceKind.offHours.rawValue] ?? 1)
    }

    /// Units per day of every capacity: the crew and vehicle rows, then one row of switching
    /// teams per area (``teamRow(_:)``).
    public var fullCapacity: [[Int]] { capacityRows.map(\.capacity) + switchingAreas.map(\.teams) }

    /// Row of `fullCapacity` counting the switching teams of `area`.
    public func teamRow(_ area: Int) -> Int { capacityRows.count + area }

    /// The area whose switching team an outage of `zone` with `cost` books, or nil (no manual
    /// step, or teams not counted there).
    public func teamArea(zone: Int, cost: OutageCost) -> Int? {
        guard cost.needsSwitchingTeam else { return nil }
        let area = areaOfFeeder[network.topology.zones[zone].feeder]
        return area >= 0 ? area : nil
    }

    /// `jobs` with every part of each job of several days among them (sorted): the parts are
    /// planned together or not at all.
    public func withWholeJobs(_ jobs: [Int]) -> [Int] {
        var result = Set<Int>()
        for j in jobs {
            let job = self.jobs[j]
            if job.parts > 1 { result.formUnion(job.firstPart..<(job.firstPart + job.parts)) } else { result.insert(j) }
        }
        return result.sorted()
    }

    /// Hour at which outages of `shift` start.
    public func startHour(_ shift: Int) -> Double { Double(shifts[shift].startHour) }

    /// The zone-day's variants (outage mode first, then transfer classes by hours).
    public func variants(_ key: ZoneDay) -> [OutageVariant] { variants[key] ?? [] }

    /// Customer-minutes of a bypass connection interruption for a job (0 unless the policy sets one).
    public func bypassConnectionCustomerMinutes(_ job: PlannedJob) -> Double {
        guard scenario.policy.bypassConnectionMinutes > 0 else { return 0 }
        return Double(bypassConnectionLoadPoints(job).reduce(0) { $0 + network.model.loadPoints[$1].customers }) * scenario.policy.bypassConnectionMinutes
    }

    /// Load points that see the bypass connection interruption: the zone's own.
    public func bypassConnectionLoadPoints(_ job: PlannedJob) -> [Int] {
        guard scenario.policy.bypassConnectionMinutes > 0 else { return [] }
        let range = network.topology.loadPointRange(zones: job.zone, job.zone + 1)
        return range.map { network.topology.loadPointOrder[$0] }
    }
}
