/// Prices of shared crews for the price-directed decomposition (Lagrange multipliers of the
/// crew constraints that couple tie groups).
enum CrewPricing {
    /// What job `j` would lose, in objective units, if it could not use row `r` as assigned: its
    /// cheapest other (day, method) that does not use the row, priced alone (no shared outage).
    /// nil when there is no alternative.
    static func saving(_ problem: PlanningProblem, _ j: Int, _ assignment: Assignment, row r: Int) -> Double? {
        let job = problem.jobs[j]
        let row = problem.capacityRows[r]
        func standalone(_ candidate: Candidate) -> Double {
            if candidate.method.isLive { return problem.bypassConnectionCustomerMinutes(job) }
            let cost = problem.outageCost(job, method: candidate.method, day: candidate.day)!
            return 60 * cost.customerHours(workHours: job.job.durationHours) + problem.weights.nonLiveJob
        }
        var best: Double?
        for candidate in job.candidates where !row.uses(job, candidate.method) {
            let cost = standalone(candidate)
            if best == nil || cost < best! { best = cost }
        }
        guard let best else { return nil }
        return max(0, best - standalone(Candidate(day: assignment.day, method: assignment.method)))
    }

    /// One price per row that would clear its total demand over the horizon: when the groups
    /// together book E more units than the horizon has, the price is the saving of the E-th
    /// cheapest-to-displace booking. Rows that fit over the horizon get a small price that only
    /// spreads bookings across days.
    static func marketPrices(_ problem: PlanningProblem, _ assignments: [Assignment?], capacity: [[Int]]) -> [Double] {
        var savings = [[Double]](repeating: [], count: problem.capacityRows.count)
        var displaceable = [Int](repeating: 0, count: problem.capacityRows.count)
        var used = [Int](repeating: 0, count: problem.capacityRows.count)
        for (j, assignment) in assignments.enumerated() {
            guard let assignment else { continue }
            for (r, row) in problem.capacityRows.enumerated() where row.uses(problem.jobs[j], assignment.method) {
                used[r] += 1
                if let value = saving(problem, j, assignment, row: r) {
                    savings[r].append(value)
                    displaceable[r] += 1
                }
            }
        }
        let all = savings.flatMap { $0 }.sorted()
        let base = all.isEmpty ? 1.0 : max(1.0, all[all.count / 2] * 0.02)
        return problem.capacityRows.indices.map { r in
            let excess = used[r] - capacity[r].reduce(0, +)
            guard excess > 0 else { return base }
            let sorted = savings[r].sorted()
            guard !sorted.isEmpty else { return base }
            return max(base, sorted[min(sorted.count - 1, excess - 1)])
        }
    }
}
