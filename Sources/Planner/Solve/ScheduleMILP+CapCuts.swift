import GLPKSolver
import GridModel
import Reliability

extension ScheduleMILP {
    /// Counting cuts on the repeat cap (issue 19): the LP alone lets a customer's outages be
    /// shared fractionally across days, so its bound on cap excess is weak on one big feeder.
    ///
    /// For a zone `z` with an excess variable, let `F` be the mandatory jobs of the model every one
    /// of whose choices (every day, every de-energising method, every outage it can be done in)
    /// interrupts `z`. Outages are one day long, and all outages of a day that interrupt `z` are on
    /// `z`'s root path, where at most one is open; so `z` is interrupted at least once on every day
    /// with a job of `F`. If every choice of every job of `F` books a unit of one resource of which
    /// at most `C` are available on any day, those jobs need at least ⌈|F| / C⌉ days, and
    ///
    ///     e(z) + Σ_{j ∈ F} u(j) ≥ ⌈|F| / C⌉ + base(z) − K
    ///
    /// (leaving a job out lowers ⌈|F| / C⌉ by at most one). The row is added only when its right
    /// side is positive. It holds for every plan of the model, so the bound stays a proved bound.
    mutating func buildCapCuts() {
        guard !excess.isEmpty else { return }
        let topology = problem.network.topology
        let cap = problem.scenario.policy.maxPlannedInterruptionsPerCustomer
        var zonesOfKey: [OutageKey: Set<Int>] = [:]
        func interrupted(_ variant: OutageVariant) -> Set<Int> {
            let key = OutageKey(variant)
            if let known = zonesOfKey[key] { return known }
            var zones = Set<Int>()
            for entry in variant.cost.interruptionCounts where entry.count > 0 {
                let z = topology.zoneOfLoadPoint[entry.loadPoint]
                if excess[z] != nil { zones.insert(z) }
            }
            zonesOfKey[key] = zones
            return zones
        }
        var forcedOfZone: [Int: [Int]] = [:]
        var commonRows: [Int: Set<Int>] = [:]
        for j in jobs {
            let job = problem.jobs[j]
            let choices = candidatesOf[j]!
            guard job.job.mandatory, !choices.isEmpty, choices.allSatisfy(\.method.deEnergises) else { continue }
            var always: Set<Int>?
            for candidate in choices {
                let variants = options(j, candidate)
                if variants.isEmpty { always = [] }
                for variant in variants {
                    let zones = interrupted(variant)
                    always = always.map { $0.intersection(zones) } ?? zones
                    if always!.isEmpty { break }
                }
                if always?.isEmpty ?? false { break }
            }
            guard let always, !always.isEmpty else { continue }
            for z in always { forcedOfZone[z, default: []].append(j) }
            commonRows[j] = Set(problem.capacityRows.indices.filter { r in
                choices.allSatisfy { problem.capacityRows[r].uses(job, $0.method) }
            })
        }
        for z in forcedOfZone.keys.sorted() {
            let forced = forcedOfZone[z]!
            guard let e = excess[z] else { continue }
            var rows = commonRows[forced[0]]!
            for j in forced.dropFirst() { rows.formIntersection(commonRows[j]!) }
            let perDay = rows.map { capacity[$0].max() ?? 0 }.min() ?? forced.count
            guard perDay > 0 else { continue }
            let days = (forced.count + perDay - 1) / perDay
            let right = days + (baseInterruptions[z] ?? 0) - cap
            guard right > 0 else { continue }
            _ = model.addGreaterOrEqual("capcut(z\(z))", [(e, 1)] + forced.map { (unscheduled[$0]!, 1) }, Double(right))
        }
    }
}
