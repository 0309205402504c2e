import GridModel

/// How much of one crew or vehicle row a plan uses over the horizon.
public struct ResourceUse: Sendable, Equatable {
    /// The row's name ("outage crews", "live teams of category ≥ 3" …).
    public var resource: String
    /// Σ over days of the units the plan uses, and of the units there are.
    public var usedUnitDays: Int
    public var availableUnitDays: Int
    /// Working days on which every unit is used.
    public var fullDays: Int
    public var days: Int

    public var share: Double { availableUnitDays > 0 ? Double(usedUnitDays) / Double(availableUnitDays) : 0 }

    public var text: String {
        "\(resource): \(usedUnitDays) of \(availableUnitDays) unit-days used (\(Int((share * 100).rounded())) %), fully booked on \(fullDays) of \(days) days"
    }
}

/// A scenario whose crews and vehicles were raised until a greedy plan does every mandatory job.
public struct ScenarioSizing: Sendable {
    public var scenario: Scenario
    /// What was raised and why, in order ("outage crews 4 → 5: …").
    public var raises: [String]
    /// Mandatory jobs no crew count can place (no allowed day and method, or only days the outage
    /// rules block), made deferrable, with the reason.
    public var madeDeferrable: [String]
    /// Use of every row with units by the greedy plan of the final scenario, most used first.
    public var use: [ResourceUse]

    public var tightest: ResourceUse? { use.first }
}

extension ResourcePool {
    /// One resource of the pool raised by `units`.
    mutating func raise(_ resource: CapacityRow.Resource, by units: Int) {
        switch resource {
        case .liveTeams(let category): liveTeams[min(4, max(1, category)) - 1] += units
        case .bucketTrucks: bucketTrucks += units
        case .bypassCableSets: bypassCableSets += units
        case .outageCrews: outageCrews += units
        case .mobileGenerators(let kW):
            if let index = mobileGenerators.firstIndex(where: { abs($0.kW - kW) < 1e-9 }) {
                mobileGenerators[index].count += units
            } else {
                mobileGenerators.append((kW, units))
                mobileGenerators.sort { $0.kW < $1.kW }
            }
        }
    }

    func count(of resource: CapacityRow.Resource) -> Int {
        switch resource {
        case .liveTeams(let category): liveTeams[min(4, max(1, category)) - 1]
        case .bucketTrucks: bucketTrucks
        case .bypassCableSets: bypassCableSets
        case .outageCrews: outageCrews
        case .mobileGenerators(let kW): mobileGenerators.first { abs($0.kW - kW) < 1e-9 }?.count ?? 0
        }
    }
}

extension Scenario {
    /// Raises crews and vehicles until no counting proof of infeasibility holds and the greedy
    /// plan (the planner's warm start) does every mandatory job; then lowers each raised resource
    /// again while that still holds. Per round: every resource with a shortfall proof is raised by
    /// its shortfall spread over the proof's days; otherwise every row that is fully booked on a
    /// day a left-out mandatory job could use is raised by one. A mandatory job that no count
    /// places is made deferrable. Resources are only raised, never lowered below the start.
    public func sizedForPlanning(network: Network, maxRounds: Int = 100) throws(NetworkLoadError) -> ScenarioSizing {
        var problem = try PlanningProblem(network: network, scenario: self)
        let start = resources
        var raises: [String] = []
        var madeDeferrable: [String] = []

        // The greedy plan of a problem; the problem changes only in its crews and its deferred
        // jobs, so the last plan is kept for as long as those are the same.
        var memo: (resources: ResourcePool, deferred: Int, plan: [Assignment?])?
        func greedy(_ problem: PlanningProblem) -> [Assignment?] {
            if let memo, memo.resources == problem.scenario.resources, memo.deferred == madeDeferrable.count { return memo.plan }
            let plan = GreedyPlanner(problem: problem).plan(jobs: Array(problem.jobs.indices))
            memo = (problem.scenario.resources, madeDeferrable.count, plan)
            return plan
        }
        func missing(_ problem: PlanningProblem) -> [Int] {
            let plan = greedy(problem)
            return problem.jobs.indices.filter { problem.jobs[$0].job.mandatory && plan[$0] == nil }
        }

        for _ in 0..<maxRounds {
            // Jobs with no allowed (day, method) at all: no crew helps.
            let hopeless = problem.jobs.filter { $0.job.mandatory && $0.candidates.isEmpty }
            if !hopeless.isEmpty {
                problem = try deferring(hopeless.map { ($0.job.id, $0.whyNoCandidate ?? "no day and method is allowed") }, in: problem, network: network, notes: &madeDeferrable)
                continue
            }
            let shortfalls = problem.capacityShortfalls()
            if !shortfalls.isEmpty {
                var pool = problem.scenario.resources
                for shortfall in shortfalls {
                    guard let row = problem.capacityRows.first(where: { $0.name == shortfall.resource }) else { continue }
                    let runDays = problem.days.filter { $0 >= shortfall.from && $0 <= shortfall.to }.count
                    let units = max(1, (shortfall.shortfall + runDays - 1) / max(1, runDays))
                    raises.append("\(row.resource.unitName) \(pool.count(of: row.resource)) → \(pool.count(of: row.resource) + units): \(shortfall.text)")
                    pool.raise(row.resource, by: units)
                }
                problem = problem.replacingResources(pool)
                continue
            }
            let left = missing(problem)
            if left.isEmpty { break }
            let used = Planner.usage(problem, greedy(problem))
            var blocking: [Int: [String]] = [:]
            var unblocked: [(String, String)] = []
            for j in left {
                let job = problem.jobs[j]
                let rows = Set(Planner.fullRows(problem, j, used: used).flatMap(\.rows))
                if rows.isEmpty {
                    unblocked.append((job.job.id, "the greedy plan finds no day in \(job.job.earliest)…\(job.job.latest) that the outage rules (one outage per root path and day, backup feeder, tie headroom) allow"))
                }
                for r in rows { blocking[r, default: []].append(job.job.id) }
            }
            if blocking.isEmpty {
                problem = try deferring(unblocked, in: problem, network: network, notes: &madeDeferrable)
                continue
            }
            var pool = problem.scenario.resources
            for r in blocking.keys.sorted() {
                let row = problem.capacityRows[r]
                let jobs = blocking[r]!.sorted { NaturalOrder.less($0, $1) }
                raises.append("\(row.resource.unitName) \(pool.count(of: row.resource)) → \(pool.count(of: row.resource) + 1): \(row.name) fully booked on a day the greedy plan could use for \(jobs.prefix(5).joined(separator: ", "))\(jobs.count > 5 ? " and \(jobs.count - 5) more" : "")")
                pool.raise(row.resource, by: 1)
            }
            problem = problem.replacingResources(pool)
        }

        // Take back raises that are not needed (the rounds raise every blocking row at once).
        let kinds = problem.capacityRows.map(\.resource)
        var trimmed = true
        while trimmed {
            trimmed = false
            for kind in kinds where problem.scenario.resources.count(of: kind) > start.count(of: kind) {
                var pool = problem.scenario.resources
                pool.raise(kind, by: -1)
                let lower = problem.replacingResources(pool)
                guard lower.capacityShortfalls().isEmpty else { continue }
                if missing(lower).isEmpty {
                    problem = lower
                    trimmed = true
                }
            }
        }

        let used = Planner.usage(problem, greedy(problem))
        var use: [ResourceUse] = []
        for (r, row) in problem.capacityRows.enumerated() {
            let available = row.capacity.reduce(0, +)
            guard available > 0 else { continue }
            use.append(ResourceUse(
                resource: row.name, usedUnitDays: used[r].reduce(0, +), availableUnitDays: available,
                fullDays: row.capacity.indices.filter { row.capacity[$0] > 0 && used[r][$0] >= row.capacity[$0] }.count,
                days: row.capacity.count))
        }
        use.sort { ($0.share, $0.fullDays, $1.resource) > ($1.share, $1.fullDays, $0.resource) }
        return ScenarioSizing(scenario: problem.scenario, raises: raises, madeDeferrable: madeDeferrable, use: use)
    }

    /// The problem rebuilt with the listed mandatory jobs deferrable.
    private func deferring(
        _ jobs: [(id: String, reason: String)], in problem: PlanningProblem, network: Network, notes: inout [String]
    ) throws(NetworkLoadError) -> PlanningProblem {
        var scenario = problem.scenario
        let ids = Set(jobs.map(\.id))
        for k in scenario.jobs.indices where ids.contains(scenario.jobs[k].id) {
            scenario.jobs[k].mandatory = false
            scenario.jobs[k].deferralPenaltyCustomerMinutes = Scenario.generatedDeferralPenalty
        }
        notes += jobs.map { "\($0.id): \($0.reason)" }
        return try PlanningProblem(network: network, scenario: scenario)
    }
}

extension CapacityRow.Resource {
    /// The pool entry that raising the row adds to ("live teams of category 3": a row of
    /// category ≥ k counts the teams of k and above).
    var unitName: String {
        switch self {
        case .liveTeams(let category): "live teams of category \(category)"
        case .bucketTrucks: "bucket trucks"
        case .bypassCableSets: "bypass cable sets"
        case .outageCrews: "outage crews"
        case .mobileGenerators(let kW): "mobile generators of \(Int(kW.rounded())) kW"
        }
    }
}
