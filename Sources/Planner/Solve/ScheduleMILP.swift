import GLPKSolver
import GridModel

/// The scheduling MILP for a set of jobs (one tie group) under given daily capacities.
///
/// Variables (names in exported files):
/// - `x(jJ,dD,M)` ∈ {0,1}: job J on planning day D by method M (L live-line, B bypass,
///   T transfer, O outage), only for allowed (day, method) pairs;
/// - `u(jJ)` ∈ {0,1}: deferrable job J left out (costs its deferral penalty);
/// - `zo(zZ,dD)`, `zt(zZ,dD)` ∈ {0,1}: zone Z switched out on day D without / with transfer of the
///   load below — one outage shared by every job in the zone that day (一停多用);
/// - `wo(zZ,dD)`, `wt(zZ,dD)` ≥ 0: hours of work in that outage (the longest job);
/// - `e(lL)` ≥ 0: planned interruptions of load point L beyond the cap.
///
/// Objective (minimise): customer-minutes of every zone outage, 60 × (customers out ×
/// (switching + work hours) + transferred customers × switching hours), plus bypass connection
/// minutes; + deferral penalties + cap excess × penalty; + 0.001 per job not done live;
/// + 0.000001 × resource units.
struct ScheduleMILP {
    let problem: PlanningProblem
    let jobs: [Int]
    let capacity: [[Int]]
    var model: MIPModel
    /// Variable of each (job, candidate index).
    var x: [Int: [MIPModel.Variable]] = [:]
    var unscheduled: [Int: MIPModel.Variable] = [:]
    /// Zone-day variables keyed by zone × 100000 + day.
    var zo: [Int: MIPModel.Variable] = [:]
    var zt: [Int: MIPModel.Variable] = [:]
    var wo: [Int: MIPModel.Variable] = [:]
    var wt: [Int: MIPModel.Variable] = [:]
    var excess: [Int: MIPModel.Variable] = [:]
    /// y variables keyed by job × 100000 + day, then covering zone.
    var rides: [Int: [Int: MIPModel.Variable]] = [:]
    /// The only covering zone of (job, day) outage candidates without y variables.
    var soleCover: [Int: Int] = [:]

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

    init(problem: PlanningProblem, jobs: [Int], capacity: [[Int]], name: String, prices: [[Double]]? = nil) {
        self.problem = problem
        self.jobs = jobs
        self.capacity = capacity
        self.prices = prices
        self.model = MIPModel(name: name, sense: .minimize)
        build()
    }

    private mutating func build() {
        let weights = problem.weights
        let policy = problem.scenario.policy
        let network = problem.network
        // Job variables.
        var zoneDayJobs: [Int: [(job: Int, variable: MIPModel.Variable, transfer: Bool)]] = [:]
        var bypassUses: [Int: [MIPModel.Variable]] = [:]  // load point → bypass x with connection interruption
        for j in jobs {
            let job = problem.jobs[j]
            var variables: [MIPModel.Variable] = []
            for candidate in job.candidates {
                var objective = problem.resourceUnits(job, candidate.method) * weights.resourceUnit + problem.dayPreference(j, candidate.day)
                if candidate.method.deEnergises { objective += weights.nonLiveJob }
                if candidate.method == .bypass { objective += problem.bypassConnectionCustomerMinutes(job) * weights.customerMinute }
                if let prices {
                    for (r, row) in problem.capacityRows.enumerated() where row.uses(job, candidate.method) { objective += prices[r][candidate.day] }
                }
                let variable = model.addBinary("x(j\(j),d\(candidate.day),\(Self.methodCode(candidate.method)))", objective: objective)
                variables.append(variable)
                if candidate.method.deEnergises {
                    zoneDayJobs[job.zone * 100_000 + candidate.day, default: []].append((j, variable, candidate.method == .transfer))
                }
                if candidate.method == .bypass {
                    for lp in problem.bypassConnectionLoadPoints(job) { bypassUses[lp, default: []].append(variable) }
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

        // Zone-day outages.
        var interruptedBy: [Int: [(MIPModel.Variable, Double)]] = [:]
        var tieUse: [Int: [(MIPModel.Variable, Double)]] = [:]
        var feederUse: [Int: [(MIPModel.Variable, Double)]] = [:]
        var outByFeederDay: [Int: [MIPModel.Variable]] = [:]
        var transfersSupplied: [(variable: MIPModel.Variable, day: Int, suppliers: [Int])] = []
        let zones = network.topology.zones
        for key in zoneDayJobs.keys.sorted() {
            let members = zoneDayJobs[key]!
            let zone = key / 100_000
            let day = key % 100_000
            let month = problem.days[day].month
            let feeder = zones[zone].feeder
            for transfer in [false, true] where members.contains(where: { $0.transfer == transfer }) {
                let cost = problem.costs.cost(zone: zone, transfer: transfer, month: month)
                let tag = transfer ? "t" : "o"
                let fixedObjective = 60 * (Double(cost.outCustomers) * cost.fixedHours + cost.transferCustomerHours) * weights.customerMinute
                let z = model.addBinary("z\(tag)(z\(zone),d\(day))", objective: fixedObjective)
                let w = model.addVariable("w\(tag)(z\(zone),d\(day))", lowerBound: 0, upperBound: problem.scenario.policy.shiftHours, objective: 60 * Double(cost.outCustomers) * weights.customerMinute)
                if transfer { zt[key] = z; wt[key] = w } else { zo[key] = z; wo[key] = w }
                for lp in cost.interruptedLoadPoints { interruptedBy[lp, default: []].append((z, 1)) }
                outByFeederDay[feeder * 100_000 + day, default: []].append(z)
                if transfer {
                    for load in cost.tieLoads {
                        tieUse[(load.tie * 2 + load.side) * 100_000 + day, default: []].append((z, load.loadMW))
                        let supplier = network.topology.tiePaths[load.tie][load.side].feeder
                        feederUse[supplier * 100_000 + day, default: []].append((z, load.loadMW))
                    }
                    transfersSupplied.append((z, day, cost.supplyingFeeders))
                }
            }
            if let o = zo[key], let t = zt[key] {
                model.addLessOrEqual("onemode(z\(zone),d\(day))", [(o, 1), (t, 1)], 1)
            }
        }
        // Links between jobs and outages. By outage a job is covered by its zone or any zone
        // above it switched out that day; the covering outage lasts at least the job.
        for key in zoneDayJobs.keys.sorted() {
            let zone = key / 100_000
            let day = key % 100_000
            var covering: [Int] = []
            var walk = zone
            while walk >= 0 {
                if zo[walk * 100_000 + day] != nil { covering.append(walk) }
                walk = zones[walk].parent
            }
            for member in zoneDayJobs[key]! {
                let duration = problem.jobs[member.job].job.durationHours
                if member.transfer {
                    model.addLessOrEqual("sharet(j\(member.job),d\(day))", [(member.variable, 1), (zt[key]!, -1)], 0)
                    model.addLessOrEqual("hourst(j\(member.job),d\(day))", [(member.variable, duration), (wt[key]!, -1)], 0)
                    // Not moved by transfer while it or a zone above it is switched out.
                    for above in covering {
                        model.addLessOrEqual("mode(j\(member.job),z\(above),d\(day))", [(member.variable, 1), (zo[above * 100_000 + day]!, 1)], 1)
                    }
                } else if covering.count == 1 {
                    let above = covering[0]
                    soleCover[member.job * 100_000 + day] = above
                    model.addLessOrEqual("shareo(j\(member.job),d\(day))", [(member.variable, 1), (zo[above * 100_000 + day]!, -1)], 0)
                    model.addLessOrEqual("hourso(j\(member.job),d\(day))", [(member.variable, duration), (wo[above * 100_000 + day]!, -1)], 0)
                } else {
                    // y(j,d,z): the job rides on the outage of zone z (its own or one above).
                    var choice: [(MIPModel.Variable, Double)] = [(member.variable, -1)]
                    for above in covering {
                        let y = model.addBinary("y(j\(member.job),d\(day),z\(above))")
                        rides[member.job * 100_000 + day, default: [:]][above] = y
                        choice.append((y, 1))
                        model.addLessOrEqual("ride(j\(member.job),d\(day),z\(above))", [(y, 1), (zo[above * 100_000 + day]!, -1)], 0)
                        model.addLessOrEqual("hourso(j\(member.job),d\(day),z\(above))", [(y, duration), (wo[above * 100_000 + day]!, -1)], 0)
                    }
                    model.addEqual("covero(j\(member.job),d\(day))", choice, 0)
                }
            }
        }

        // Repeat cap per load point (soft).
        for lp in Set(interruptedBy.keys).union(bypassUses.keys).sorted() {
            let terms = (interruptedBy[lp] ?? []) + (bypassUses[lp] ?? []).map { ($0, 1.0) }
            guard terms.count > policy.maxPlannedInterruptionsPerCustomer else { continue }
            let customers = Double(network.model.loadPoints[lp].customers)
            let e = model.addVariable("e(l\(lp))", lowerBound: 0, objective: customers * policy.capPenaltyCustomerMinutes)
            excess[lp] = e
            model.addLessOrEqual("cap(l\(lp))", terms + [(e, -1)], Double(policy.maxPlannedInterruptionsPerCustomer))
        }

        // Crews and vehicles per day.
        for (r, row) in problem.capacityRows.enumerated() {
            var byDay: [Int: [(MIPModel.Variable, Double)]] = [:]
            for j in jobs {
                let job = problem.jobs[j]
                for (k, candidate) in job.candidates.enumerated() where row.uses(job, candidate.method) {
                    byDay[candidate.day, default: []].append((x[j]![k], 1))
                }
            }
            for day in byDay.keys.sorted() where byDay[day]!.count > capacity[r][day] {
                model.addLessOrEqual("res(r\(r),d\(day))", byDay[day]!, Double(capacity[r][day]))
            }
        }

        // Tie and feeder headroom for transfers on the same day.
        for key in tieUse.keys.sorted() {
            let terms = tieUse[key]!
            let tie = key / 100_000 / 2
            let side = (key / 100_000) % 2
            let day = key % 100_000
            let headroom = problem.tieHeadroomMW(tie, supplyingFeeder: network.topology.tiePaths[tie][side].feeder, day: day)
            if terms.reduce(0, { $0 + $1.1 }) > headroom + 1e-9 {
                model.addLessOrEqual("tie(t\(tie),s\(side),d\(day))", terms, headroom)
            }
        }
        for key in feederUse.keys.sorted() {
            let terms = feederUse[key]!
            let feeder = key / 100_000
            let day = key % 100_000
            let factor = network.demandFactor(month: problem.days[day].month, hour: policy.workStartHour)
            let headroom = network.topology.sourceLimits[feeder].headroomMW(factor: factor)
            if terms.reduce(0, { $0 + $1.1 }) > headroom + 1e-9 {
                model.addLessOrEqual("src(f\(feeder),d\(day))", terms, headroom)
            }
        }
        // A feeder that supplies a transfer is not switched out for work the same day.
        for (index, transfer) in transfersSupplied.enumerated() {
            for supplier in transfer.suppliers {
                for out in outByFeederDay[supplier * 100_000 + transfer.day] ?? [] where out != transfer.variable {
                    model.addLessOrEqual("backup(\(index),v\(out.index))", [(transfer.variable, 1), (out, 1)], 1)
                }
            }
        }

        // Precedence: j by day d only if each predecessor was done before d.
        let inGroup = Set(jobs)
        for j in jobs {
            let job = problem.jobs[j]
            for p in job.predecessors where inGroup.contains(p) {
                let before = problem.jobs[p]
                let days = Set(job.candidates.map(\.day)).sorted()
                for d in days {
                    var terms: [(MIPModel.Variable, Double)] = []
                    for (k, candidate) in job.candidates.enumerated() where candidate.day <= d { terms.append((x[j]![k], 1)) }
                    for (k, candidate) in before.candidates.enumerated() where candidate.day < d { terms.append((x[p]![k], -1)) }
                    model.addLessOrEqual("after(j\(j),j\(p),d\(d))", terms, 0)
                }
            }
        }
    }

    /// The model's variable values for a schedule of this group's jobs (for the warm start).
    func values(for assignments: [Assignment?]) -> [Double] {
        var values = [Double](repeating: 0, count: model.variables.count)
        var counts: [Int: Int] = [:]
        var deEnergising: [(job: Int, assignment: Assignment)] = []
        for j in jobs {
            let job = problem.jobs[j]
            guard let assignment = assignments[j],
                let k = job.candidates.firstIndex(of: Candidate(day: assignment.day, method: assignment.method))
            else {
                if let u = unscheduled[j] { values[u.index] = 1 }
                continue
            }
            values[x[j]![k].index] = 1
            if assignment.method == .bypass {
                for lp in problem.bypassConnectionLoadPoints(job) { counts[lp, default: 0] += 1 }
            }
            if assignment.method.deEnergises { deEnergising.append((j, assignment)) }
        }
        var ignored: [String] = []
        for outage in ScheduleEvaluation.groupOutages(problem, deEnergising, violations: &ignored) {
            let key = outage.zone * 100_000 + outage.day
            guard let z = outage.transfer ? zt[key] : zo[key], let w = outage.transfer ? wt[key] : wo[key] else { continue }
            values[z.index] = 1
            values[w.index] = outage.workHours
            for lp in outage.cost.interruptedLoadPoints { counts[lp, default: 0] += 1 }
            for j in outage.jobs where !outage.transfer {
                if let y = rides[j * 100_000 + outage.day]?[outage.zone] { values[y.index] = 1 }
            }
        }
        let cap = problem.scenario.policy.maxPlannedInterruptionsPerCustomer
        for (lp, e) in excess { values[e.index] = Double(max(0, (counts[lp] ?? 0) - cap)) }
        return values
    }

    /// The schedule a solution describes.
    func assignments(from values: [Double]) -> [Int: Assignment] {
        var result: [Int: Assignment] = [:]
        for j in jobs {
            let job = problem.jobs[j]
            for (k, candidate) in job.candidates.enumerated() where values[x[j]![k].index] > 0.5 {
                var zone: Int?
                if candidate.method == .outage {
                    let key = j * 100_000 + candidate.day
                    zone = soleCover[key] ?? rides[key]?.max { values[$0.value.index] < values[$1.value.index] }?.key
                }
                result[j] = Assignment(day: candidate.day, method: candidate.method, outageZone: zone)
            }
        }
        return result
    }
}
