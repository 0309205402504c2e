import GridModel

/// A counting proof that no schedule does every mandatory job: in some run of planning days,
/// more mandatory jobs need one unit of a crew or vehicle row than the run has units of it.
public struct CapacityShortfall: Sendable, Equatable {
    /// The row's name ("outage crews", "live teams of category ≥ 3" …).
    public var resource: String
    /// First and last planning day of the run.
    public var from: CivilDate
    public var to: CivilDate
    /// Mandatory jobs that can only be done in the run, each needing one unit of the resource on
    /// whatever day and by whatever method it is done.
    public var jobs: [String]
    /// Units available over the run (Σ over its days).
    public var available: Int

    public var shortfall: Int { jobs.count - available }

    public var text: String {
        "\(resource): \(NumberText.count(jobs.count, "mandatory job")) (\(jobs.prefix(8).joined(separator: ", "))\(jobs.count > 8 ? ", …" : "")) can only be done in \(from)…\(to) and \(jobs.count == 1 ? "needs" : "each needs") one, \(available) available there (\(shortfall) short)"
    }
}

extension PlanningProblem {
    /// Every maximal counting proof of infeasibility, one per resource (the largest shortfall):
    /// for each row, the mandatory jobs all of whose candidates use it, and each run of days
    /// `[a, b]` between a job's first and another's last candidate day, jobs whose candidates lie
    /// inside against Σ capacity over the run.
    public func capacityShortfalls() -> [CapacityShortfall] {
        var proofs: [CapacityShortfall] = []
        for row in capacityRows {
            var spans: [(first: Int, last: Int, job: Int)] = []
            for (j, job) in jobs.enumerated() where job.job.mandatory && !job.candidates.isEmpty {
                guard job.candidates.allSatisfy({ row.uses(job, $0.method) }) else { continue }
                let days = job.candidates.map(\.day)
                spans.append((days.min()!, days.max()!, j))
            }
            guard !spans.isEmpty else { continue }
            var prefix = [0]
            for d in days.indices { prefix.append(prefix[d] + row.capacity[d]) }
            let byLast = spans.sorted { ($0.last, $0.first) < ($1.last, $1.first) }
            var best: CapacityShortfall?
            for start in Set(spans.map(\.first)).sorted() {
                var inside: [Int] = []
                for span in byLast where span.first >= start {
                    inside.append(span.job)
                    let available = prefix[span.last + 1] - prefix[start]
                    let short = inside.count - available
                    if short > 0 && short > (best?.shortfall ?? 0) {
                        best = CapacityShortfall(
                            resource: row.name, from: days[start], to: days[span.last],
                            jobs: inside.map { jobs[$0].job.id }.sorted { NaturalOrder.less($0, $1) }, available: available)
                    }
                }
            }
            if let best { proofs.append(best) }
        }
        return proofs
    }
}
