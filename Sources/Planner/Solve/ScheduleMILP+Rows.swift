import GLPKSolver
import GridModel
import Reliability

extension ScheduleMILP {
    /// Outages of one day against each other (``OutageRules``): at most one on any root path; a
    /// feeder supplying a transfer has no other outage; no bypass with a connection interruption
    /// in a zone switched out.
    mutating func buildDayRules(_ bypassByZoneDay: [(zone: Int, day: Int, variable: MIPModel.Variable)]) {
        let topology = problem.network.topology
        var byDay: [Int: [OutageKey]] = [:]
        for key in outages.keys.sorted() { byDay[key.zoneDay.day, default: []].append(key) }
        for day in byDay.keys.sorted() {
            let keys = byDay[day]!
            var keysOfZone: [Int: [OutageKey]] = [:]
            for key in keys { keysOfZone[key.zoneDay.zone, default: []].append(key) }
            let zones = keysOfZone.keys.sorted()
            // Chains: from every lowest zone with an outage up to its root.
            for (i, leaf) in zones.enumerated() {
                if i + 1 < zones.count && topology.isInSubtree(zones[i + 1], of: leaf) { continue }
                var chain: [OutageKey] = []
                var walk = leaf
                while walk >= 0 {
                    chain += keysOfZone[walk] ?? []
                    walk = topology.zones[walk].parent
                }
                if chain.count >= 2 {
                    model.addLessOrEqual("path(z\(leaf),d\(day))", chain.map { (outages[$0]!.z, 1) }, 1)
                }
            }
            // Back-up feeders.
            var keysOfFeeder: [Int: [OutageKey]] = [:]
            for key in keys { keysOfFeeder[topology.zones[key.zoneDay.zone].feeder, default: []].append(key) }
            for key in keys where key.transfer {
                let columns = outages[key]!
                for supplier in columns.variant.cost.supplyingFeeders {
                    for other in keysOfFeeder[supplier] ?? [] where other.zoneDay.zone != key.zoneDay.zone {
                        model.addLessOrEqual("backup(\(key.zoneDay.zone),\(other.zoneDay.zone),d\(day),k\(key.index)\(Self.shiftTag(key.zoneDay.shift)),\(other.transfer ? "t" : "o")\(other.index)\(Self.shiftTag(other.zoneDay.shift)))",
                                             [(columns.z, 1), (outages[other]!.z, 1)], 1)
                    }
                }
            }
        }
        // An outage whose switching opens an element above its zone: no other outage below that
        // element the same day (one row per pair, whichever of the two has the region).
        for day in byDay.keys.sorted() {
            let keys = byDay[day]!
            var pairs = Set<[OutageKey]>()
            for key in keys {
                guard let region = OutageRules.briefRegion(outages[key]!.variant.cost, problem.network) else { continue }
                for other in keys where other.zoneDay.zone != key.zoneDay.zone && topology.isInSubtree(other.zoneDay.zone, of: region) {
                    guard pairs.insert([min(key, other), max(key, other)]).inserted else { continue }
                    model.addLessOrEqual("brief(\(key.zoneDay.zone),\(other.zoneDay.zone),d\(day),\(key.transfer ? "t" : "o")\(key.index)\(Self.shiftTag(key.zoneDay.shift)),\(other.transfer ? "t" : "o")\(other.index)\(Self.shiftTag(other.zoneDay.shift)))",
                                         [(outages[key]!.z, 1), (outages[other]!.z, 1)], 1)
                }
            }
        }
        for item in bypassByZoneDay {
            for key in byDay[item.day] ?? [] {
                guard let region = OutageRules.briefRegion(outages[key]!.variant.cost, problem.network), topology.isInSubtree(item.zone, of: region),
                    !topology.isInSubtree(item.zone, of: key.zoneDay.zone) else { continue }
                model.addLessOrEqual("bypassbrief(v\(item.variable.index),v\(outages[key]!.z.index))", [(item.variable, 1), (outages[key]!.z, 1)], 1)
            }
            var walk = item.zone
            while walk >= 0 {
                for shift in problem.shifts.indices {
                    for variant in problem.variants(ZoneDay(zone: walk, day: item.day, shift: shift)) {
                        if let columns = outages[OutageKey(variant)] {
                            model.addLessOrEqual("bypassout(v\(item.variable.index),v\(columns.z.index))", [(item.variable, 1), (columns.z, 1)], 1)
                        }
                    }
                }
                walk = topology.zones[walk].parent
            }
        }
    }

    /// Repeat cap (soft), per zone: every load point of a zone sees the same interruptions. An
    /// outage of zone a interrupts every zone below a at least once, so the count of zone z is
    /// `c(z)` — the outages of z and of every zone above it, one equality row per zone with
    /// outages (`c(z) = c(parent) + Σ its outages`) — plus local corrections where an outage
    /// interrupts a zone more or less than once (moved over a tie and back: twice; closed-loop: not
    /// at all; a zone outside a's subtree that a's switching opens briefly: each time), plus bypass
    /// connections. `c(z) + corrections ≤ K + e(z)`, and `e(z)` costs the
    /// zone's customers × the penalty.
    mutating func buildCap(_ bypassUses: [Int: [MIPModel.Variable]]) {
        let policy = problem.scenario.policy
        let topology = problem.network.topology
        let zones = topology.zones
        var own: [Int: [MIPModel.Variable]] = [:]
        var local: [Int: [(MIPModel.Variable, Double)]] = [:]
        for key in outages.keys.sorted() {
            let columns = outages[key]!
            let zone = key.zoneDay.zone
            own[zone, default: []].append(columns.z)
            var seen = Set<Int>()
            for entry in columns.variant.cost.interruptionCounts {
                let z = topology.zoneOfLoadPoint[entry.loadPoint]
                guard z >= 0, seen.insert(z).inserted else { continue }
                // Zones outside the outage's subtree (briefly interrupted while a device that
                // cannot break load is operated) are not in c(z): all their interruptions are local.
                let extra = topology.isInSubtree(z, of: zone) ? entry.count - 1 : entry.count
                guard extra != 0 else { continue }
                local[z, default: []].append((columns.z, Double(extra)))
            }
            // Zones below that the outage leaves without any interruption (closed-loop transfer).
            let counted = Set(columns.variant.cost.interruptionCounts.map { topology.zoneOfLoadPoint[$0.loadPoint] })
            for z in zone..<zones[zone].subtreeEnd where zones[z].loadPointCount > 0 && !counted.contains(z) {
                local[z, default: []].append((columns.z, -1))
            }
        }
        var bypassOfZone: [Int: [MIPModel.Variable]] = [:]
        for (lp, uses) in bypassUses {
            let z = topology.zoneOfLoadPoint[lp]
            if z >= 0 && bypassOfZone[z] == nil { bypassOfZone[z] = uses }
        }
        // Zones of the model's feeders, in preorder: the cumulative count of each.
        let feeders = Set(jobs.map { problem.jobs[$0].feeder })
        for feeder in feeders.sorted() {
            typealias Count = (variable: MIPModel.Variable?, most: Int)
            var count: [Int: Count] = [:]
            let none: Count = (nil, 0)
            for z in topology.feeders[feeder].zoneStart..<topology.feeders[feeder].zoneEnd {
                let parent: Count = zones[z].parent >= 0 ? count[zones[z].parent] ?? none : none
                var current = parent
                if let terms = own[z] {
                    let c = model.addVariable("c(z\(z))", lowerBound: 0)
                    var row: [(MIPModel.Variable, Double)] = [(c, 1)] + terms.map { ($0, -1) }
                    if let above = parent.variable { row.append((above, -1)) }
                    model.addEqual("count(z\(z))", row, 0)
                    current = (c, parent.most + terms.count)
                    cumulative[z] = c
                }
                count[z] = current
                guard zones[z].loadPointCount > 0 else { continue }
                let corrections = local[z] ?? []
                let bypass = bypassOfZone[z] ?? []
                let base = baseInterruptions[z] ?? 0
                let most = current.most + corrections.reduce(0) { $0 + max(0, Int($1.1)) } + bypass.count
                guard most > 0, most + base > policy.maxPlannedInterruptionsPerCustomer else { continue }
                let customers = Double(zones[z].customers)
                let e = model.addVariable("e(z\(z))", lowerBound: 0, objective: customers * policy.capPenaltyCustomerMinutes)
                excess[z] = e
                var row: [(MIPModel.Variable, Double)] = corrections + bypass.map { ($0, 1.0) } + [(e, -1)]
                if let c = current.variable { row.append((c, 1)) }
                model.addLessOrEqual("cap(z\(z))", row, Double(policy.maxPlannedInterruptionsPerCustomer - base))
            }
        }
    }

    /// Crews and vehicles per day.
    mutating func buildCrews() {
        for (r, row) in problem.capacityRows.enumerated() {
            var byDay: [Int: [(MIPModel.Variable, Double)]] = [:]
            for j in jobs {
                let job = problem.jobs[j]
                for (k, candidate) in candidatesOf[j]!.enumerated() where row.uses(job, candidate.method) {
                    byDay[candidate.day, default: []].append((x[j]![k], 1))
                }
            }
            for day in byDay.keys.sorted() where byDay[day]!.count > capacity[r][day] {
                model.addLessOrEqual("res(r\(r),d\(day))", byDay[day]!, Double(capacity[r][day]))
            }
        }
    }

    /// Switching teams per area and day: each outage with a manual step books one team of its area.
    mutating func buildTeams() {
        guard !problem.switchingAreas.isEmpty else { return }
        struct AreaDay: Hashable, Comparable {
            var area: Int
            var day: Int
            static func < (a: AreaDay, b: AreaDay) -> Bool { (a.area, a.day) < (b.area, b.day) }
        }
        var booked: [AreaDay: [MIPModel.Variable]] = [:]
        for key in outages.keys.sorted() {
            let columns = outages[key]!
            guard let area = problem.teamArea(zone: key.zoneDay.zone, cost: columns.variant.cost) else { continue }
            booked[AreaDay(area: area, day: key.zoneDay.day), default: []].append(columns.z)
        }
        for key in booked.keys.sorted() {
            let available = capacity[problem.teamRow(key.area)][key.day]
            guard booked[key]!.count > available else { continue }
            model.addLessOrEqual("teams(a\(key.area),d\(key.day))", booked[key]!.map { ($0, 1) }, Double(available))
        }
    }

    /// Headroom in every hour of every day with several transfers on one tie, rated section or
    /// feeder head: Σ moved peak × factor(hour) ≤ spare capacity at that factor. (Each transfer
    /// alone fits by construction.)
    mutating func buildHeadroom() {
        let network = problem.network
        struct ElementDay: Hashable, Comparable {
            var element: RatedElement
            var day: Int
            static func < (a: ElementDay, b: ElementDay) -> Bool { (a.day, a.element) < (b.day, b.element) }
        }
        var loads: [ElementDay: [(z: MIPModel.Variable, load: TransferLoad)]] = [:]
        for key in outages.keys.sorted() where key.transfer {
            let columns = outages[key]!
            for load in columns.variant.cost.plan.transferLoads(in: network, startHours: problem.startHour(key.zoneDay.shift)) {
                loads[ElementDay(element: load.element, day: key.zoneDay.day), default: []].append((columns.z, load))
            }
        }
        for key in loads.keys.sorted() {
            let list = loads[key]!
            guard Set(list.map(\.z)).count > 1 else { continue }
            let month = problem.days[key.day].month
            let first = list.map(\.load.hourSlots.lowerBound).min()!
            let last = list.map(\.load.hourSlots.upperBound).max()!
            for hour in first...last {
                let factor = network.demandFactor(month: month, hour: hour % 24)
                var coefficient: [MIPModel.Variable: Double] = [:]
                for item in list where item.load.hourSlots.contains(hour) { coefficient[item.z, default: 0] += item.load.peakMW * factor }
                let spare = network.spareMW(key.element, factor: factor)
                guard coefficient.count > 1, coefficient.values.reduce(0, +) > spare + 1e-9 else { continue }
                let terms = coefficient.keys.sorted { $0.index < $1.index }.map { ($0, coefficient[$0]!) }
                model.addLessOrEqual("room(\(key.element),d\(key.day),h\(hour))", terms, spare)
            }
        }
    }

    /// Precedence: j by day d only if each predecessor was done before d.
    mutating func buildPrecedence() {
        let inGroup = Set(jobs)
        for j in jobs {
            let job = problem.jobs[j]
            for p in job.predecessors where inGroup.contains(p) {
                let days = Set(candidatesOf[j]!.map(\.day)).sorted()
                for d in days {
                    var terms: [(MIPModel.Variable, Double)] = []
                    for (k, candidate) in candidatesOf[j]!.enumerated() where candidate.day <= d { terms.append((x[j]![k], 1)) }
                    for (k, candidate) in candidatesOf[p]!.enumerated() where candidate.day < d { terms.append((x[p]![k], -1)) }
                    model.addLessOrEqual("after(j\(j),j\(p),d\(d))", terms, 0)
                }
            }
        }
    }
}
