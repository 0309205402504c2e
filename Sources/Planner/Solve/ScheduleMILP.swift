import GLPKSolver
import GridModel
import Reliability

/// The scheduling MILP for a set of jobs (one tie group, or all of them).
///
/// Variables:
/// - `x(j,d,M)` binary: job j on day d by method M (one per candidate); `u(j)`: j left out;
/// - `zo(z,d)` / `zt(z,d,k)` binary: zone z switched out on day d in outage mode / in transfer
///   variant k (``OutageVariant``: the switching for a range of work hours); `wo`/`wt` ≥ 0 their
///   work hours (the longest job in them);
/// - `m(j,d,…)` binary: job j is done in that outage (only where a job has several outages to
///   choose from; otherwise `x` itself links to the one it can use);
/// - `c(z)` ≥ 0: planned interruptions of zone z from outages of z and the zones above it;
///   `e(z)` ≥ 0: interruptions of zone z's customers beyond the repeat cap.
///
/// Constraints: one candidate per job or `u`; a job by transfer is in a transfer variant of its
/// zone whose hours reach its duration; a job by outage is in an outage-mode outage of its zone or
/// a zone above, or in a transfer outage that leaves its zone dead; each outage lasts at least each
/// of its jobs; a transfer variant is used only with one of its own jobs (so its switching is the
/// one its longest job gets); on each day at most one outage on any root path, and no outage on a
/// feeder that supplies a transfer; crews and vehicles per day; tie, section and feeder-head
/// headroom in every hour with every transfer of that day; the repeat cap (soft); precedence.
///
/// Objective: 60 × (fixed customer-hours + customers × hours) of every outage, per customer-minute;
/// bypass connection customer-minutes; cap excess × penalty; deferral penalties; 10⁹ per mandatory
/// job left out; 0.001 per job not done live; 0.000001 × resource units; the day preference.
struct ScheduleMILP {
    let problem: PlanningProblem
    let jobs: [Int]
    let capacity: [[Int]]
    /// The (day, method) choices of each job in this model: its candidates, or those a
    /// neighbourhood leaves it.
    let candidatesOf: [Int: [Candidate]]
    /// Planned interruptions per zone from jobs outside the model (they count against the cap).
    let baseInterruptions: [Int: Int]
    var model: MIPModel
    /// Variable of each (job, candidate index).
    var x: [Int: [MIPModel.Variable]] = [:]
    var unscheduled: [Int: MIPModel.Variable] = [:]

    /// One outage variant in the model.
    struct OutageKey: Hashable, Comparable {
        var zoneDay: ZoneDay
        var transfer: Bool
        var index: Int
        static func < (a: OutageKey, b: OutageKey) -> Bool {
            (a.zoneDay, a.transfer ? 1 : 0, a.index) < (b.zoneDay, b.transfer ? 1 : 0, b.index)
        }
        init(zoneDay: ZoneDay, transfer: Bool, index: Int) {
            self.zoneDay = zoneDay
            self.transfer = transfer
            self.index = index
        }
        init(_ variant: OutageVariant) {
            self.init(zoneDay: ZoneDay(zone: variant.ref.zone, day: variant.day, shift: variant.ref.shift), transfer: variant.ref.transfer, index: variant.index)
        }
    }
    struct OutageColumns {
        var variant: OutageVariant
        var z: MIPModel.Variable
        var w: MIPModel.Variable
    }
    var outages: [OutageKey: OutageColumns] = [:]
    /// For each (job, day) by a de-energising method: the outages it can be done in and the
    /// variable that says it is (`x` itself when there is one).
    var membership: [Candidacy: [(key: OutageKey, variable: MIPModel.Variable)]] = [:]

    /// A job on a day by a de-energising method in a shift (typed key).
    struct Candidacy: Hashable {
        var job: Int
        var candidate: Candidate
    }
    /// Repeat-cap excess per zone, and the cumulative interruption count of zones with outages.
    var excess: [Int: MIPModel.Variable] = [:]
    var cumulative: [Int: MIPModel.Variable] = [:]

    static func methodCode(_ method: WorkMethod) -> String {
        switch method {
        case .liveLine: return "L"
        case .bypass: return "B"
        case .transfer: return "T"
        case .outage: return "O"
        }
    }

    /// Crew prices per capacity row and day (Lagrange multipliers of the shared crews), added to
    /// the objective of every job variable that books the crew; nil = none.
    let prices: [[Double]]?

    /// Whether the counting cuts on the repeat cap are added (``buildCapCuts()``); off only to
    /// check them against the model without.
    let capCuts: Bool

    /// Outages the model may open (a neighbourhood leaves out those that clash with fixed ones).
    let allowedOutage: (@Sendable (OutageVariant) -> Bool)?

    init(problem: PlanningProblem, jobs: [Int], capacity: [[Int]], name: String, prices: [[Double]]? = nil,
         allowed: ((Int, Candidate) -> Bool)? = nil, allowedOutage: (@Sendable (OutageVariant) -> Bool)? = nil, baseInterruptions: [Int: Int] = [:], capCuts: Bool = true) {
        self.problem = problem
        self.capCuts = capCuts
        self.jobs = jobs
        self.capacity = capacity
        self.prices = prices
        self.allowedOutage = allowedOutage
        var candidatesOf: [Int: [Candidate]] = [:]
        for j in jobs {
            candidatesOf[j] = problem.jobs[j].candidates.filter { candidate in
                guard allowed?(j, candidate) ?? true else { return false }
                // A de-energising choice needs an outage to be done in.
                return !candidate.method.deEnergises || allowedOutage == nil
                    || !Self.options(problem, j, candidate, allowedOutage: allowedOutage).isEmpty
            }
        }
        // The parts of a job of several days keep only the runs every part of them in the model keeps.
        for j in jobs where problem.jobs[j].parts > 1 && problem.jobs[j].part == 0 {
            let job = problem.jobs[j]
            let parts = (j..<(j + job.parts)).filter { candidatesOf[$0] != nil }
            var keep = Set(job.candidates.indices)
            for p in parts {
                let kept = candidatesOf[p]!
                keep.formIntersection(problem.jobs[p].candidates.indices.filter { kept.contains(problem.jobs[p].candidates[$0]) })
            }
            for p in parts { candidatesOf[p] = keep.sorted().map { problem.jobs[p].candidates[$0] } }
        }
        self.candidatesOf = candidatesOf
        self.baseInterruptions = baseInterruptions
        self.model = MIPModel(name: name, sense: .minimize)
        build()
    }

    /// The outages job `j` done as `candidate` can be in.
    func options(_ j: Int, _ candidate: Candidate) -> [OutageVariant] {
        Self.options(problem, j, candidate, allowedOutage: allowedOutage)
    }

    static func options(_ problem: PlanningProblem, _ j: Int, _ candidate: Candidate, allowedOutage: (@Sendable (OutageVariant) -> Bool)?) -> [OutageVariant] {
        let job = problem.jobs[j]
        let topology = problem.network.topology
        var result: [OutageVariant] = []
        if candidate.method == .transfer {
            result = problem.variants(ZoneDay(zone: job.zone, day: candidate.day, shift: candidate.shift)).filter { $0.ref.transfer && $0.maxHours >= job.job.durationHours }
        } else {
            var zone = job.zone
            while zone >= 0 {
                for variant in problem.variants(ZoneDay(zone: zone, day: candidate.day, shift: candidate.shift)) {
                    if !variant.ref.transfer {
                        result.append(variant)
                    } else if variant.maxHours >= job.job.durationHours && variant.isDead(job.zone) {
                        result.append(variant)
                    }
                }
                zone = topology.zones[zone].parent
            }
        }
        guard let allowedOutage else { return result }
        return result.filter(allowedOutage)
    }

    private mutating func build() {
        let weights = problem.weights
        var bypassUses: [Int: [MIPModel.Variable]] = [:]  // load point → bypass x with a connection interruption
        var bypassByZoneDay: [(zone: Int, day: Int, variable: MIPModel.Variable)] = []
        var deEnergising: [(job: Int, candidate: Candidate, variable: MIPModel.Variable)] = []
        for j in jobs {
            let job = problem.jobs[j]
            var variables: [MIPModel.Variable] = []
            for candidate in candidatesOf[j]! {
                var objective = (problem.resourceUnits(job, candidate.method) + problem.offHoursUnits(day: candidate.day, shift: candidate.shift)) * weights.resourceUnit
                    + problem.dayPreference(j, candidate.day)
                if candidate.method.deEnergises { objective += weights.nonLiveJob }
                if candidate.method == .bypass { objective += problem.bypassConnectionCustomerMinutes(job) * weights.customerMinute }
                if let prices {
                    for (r, row) in problem.capacityRows.enumerated() where row.uses(job, candidate.method) { objective += prices[r][candidate.day] }
                }
                let variable = model.addBinary("x(j\(j),d\(candidate.day),\(Self.methodCode(candidate.method))\(Self.shiftTag(candidate.shift)))", objective: objective)
                variables.append(variable)
                if candidate.method.deEnergises { deEnergising.append((j, candidate, variable)) }
                if candidate.method == .bypass && problem.scenario.policy.bypassConnectionMinutes > 0 {
                    for lp in problem.bypassConnectionLoadPoints(job) { bypassUses[lp, default: []].append(variable) }
                    bypassByZoneDay.append((job.zone, candidate.day, variable))
                }
            }
            x[j] = variables
            // A mandatory job left out costs so much that it only happens when nothing else fits;
            // the plan then reports it as infeasible, naming the job.
            let penalty = job.job.mandatory ? PlanningProblem.mandatoryMissPenalty : job.job.deferralPenaltyCustomerMinutes
            let u = model.addBinary("u(j\(j))", objective: penalty)
            unscheduled[j] = u
            model.addEqual("assign(j\(j))", variables.map { ($0, 1) } + [(u, 1)], 1)
        }
        // The days of one job: part k on run r exactly when the first part is.
        for j in jobs where problem.jobs[j].part > 0 {
            let first = problem.jobs[j].firstPart
            guard let head = x[first] else { continue }
            for (k, variable) in x[j]!.enumerated() { model.addEqual("chain(j\(j),r\(k))", [(variable, 1), (head[k], -1)], 0) }
        }
        buildOutages(deEnergising)
        buildDayRules(bypassByZoneDay)
        buildCap(bypassUses)
        if capCuts { buildCapCuts() }
        buildCrews()
        buildTeams()
        buildHeadroom()
        buildPrecedence()
    }

    /// Name suffix of a shift in variable and row names (none for the first, so that plans with
    /// one shift keep their names).
    static func shiftTag(_ shift: Int) -> String { shift == 0 ? "" : ",s\(shift)" }

    /// Outage columns, membership, hours and the variant-exactness rows.
    private mutating func buildOutages(_ deEnergising: [(job: Int, candidate: Candidate, variable: MIPModel.Variable)]) {
        let weights = problem.weights
        func tag(_ key: OutageKey) -> String {
            let shift = Self.shiftTag(key.zoneDay.shift)
            return key.transfer ? "t(z\(key.zoneDay.zone),d\(key.zoneDay.day),k\(key.index)\(shift))" : "o(z\(key.zoneDay.zone),d\(key.zoneDay.day)\(shift))"
        }
        var candidates: [(job: Int, candidate: Candidate, variable: MIPModel.Variable, keys: [OutageKey])] = []
        var used: [OutageKey: OutageVariant] = [:]
        for item in deEnergising {
            var keys: [OutageKey] = []
            for variant in options(item.job, item.candidate) {
                let key = OutageKey(variant)
                used[key] = variant
                keys.append(key)
            }
            candidates.append((item.job, item.candidate, item.variable, keys))
        }
        for key in used.keys.sorted() {
            let variant = used[key]!
            let cost = variant.cost
            let z = model.addBinary("z\(tag(key))", objective: 60 * cost.fixedCustomerHours * weights.customerMinute)
            let w = model.addVariable(
                "w\(tag(key))", lowerBound: 0, upperBound: max(variant.maxHours, problem.scenario.policy.shiftHours),
                objective: 60 * Double(cost.workCustomers) * weights.customerMinute)
            outages[key] = OutageColumns(variant: variant, z: z, w: w)
        }
        struct JobOutage: Hashable, Comparable {
            var job: Int
            var key: OutageKey
            static func < (a: JobOutage, b: JobOutage) -> Bool { (a.job, a.key) < (b.job, b.key) }
        }
        var jobLinks: [JobOutage: [MIPModel.Variable]] = [:]
        var exactMembers: [OutageKey: [MIPModel.Variable]] = [:]
        var needsExactness = Set<OutageKey>()
        for item in candidates {
            let duration = problem.jobs[item.job].job.durationHours
            let label = "j\(item.job),d\(item.candidate.day),\(Self.methodCode(item.candidate.method))\(Self.shiftTag(item.candidate.shift))"
            var links: [(key: OutageKey, variable: MIPModel.Variable)] = []
            if item.keys.count == 1 {
                links = [(item.keys[0], item.variable)]
            } else {
                var choice: [(MIPModel.Variable, Double)] = [(item.variable, -1)]
                for key in item.keys {
                    let m = model.addBinary("m(\(label),\(tag(key)))")
                    links.append((key, m))
                    choice.append((m, 1))
                }
                model.addEqual("in(\(label))", choice, 0)
            }
            for link in links {
                let columns = outages[link.key]!
                jobLinks[JobOutage(job: item.job, key: link.key), default: []].append(link.variable)
                if link.key.transfer {
                    if duration >= columns.variant.minHours { exactMembers[link.key, default: []].append(link.variable) } else { needsExactness.insert(link.key) }
                }
            }
            membership[Candidacy(job: item.job, candidate: item.candidate)] = links
        }
        // A job is in an outage at most once, whichever of its methods links it there (by transfer
        // or riding by outage): one row for all its links keeps the LP from paying half an outage
        // for each half of the job.
        for pair in jobLinks.keys.sorted() {
            let columns = outages[pair.key]!
            let duration = problem.jobs[pair.job].job.durationHours
            let label = "j\(pair.job),\(tag(pair.key))"
            let links = jobLinks[pair]!
            model.addLessOrEqual("share(\(label))", links.map { ($0, 1) } + [(columns.z, -1)], 0)
            model.addLessOrEqual("hours(\(label))", links.map { ($0, duration) } + [(columns.w, -1)], 0)
        }
        // A transfer variant that shorter jobs could also use is open only with a job of its own
        // hours, so that the outage's longest job — and with it the switching — is the variant's.
        for key in needsExactness.sorted() {
            let columns = outages[key]!
            let members = exactMembers[key] ?? []
            model.addLessOrEqual("exact(\(tag(key)))", [(columns.z, 1)] + members.map { ($0, -1) }, 0)
        }
    }
}
