import GridModel

/// The result of a failure-mode-and-effect (RELRAD-style) evaluation.
public struct ReliabilityResult: Sendable {
    /// λ and U of every load point, indexed like the model's `loadPoints`.
    public var loadPoints: [LoadPointReliability]
    public var system: SystemIndices
    /// One entry per feeder, in feeder order.
    public var feeders: [FeederReliability]
    /// Every component with a non-zero failure rate, largest SAIDI contribution first.
    public var components: [ComponentContribution]
    /// Plain sentences about the inputs that shape the result (e.g. zero failure data).
    public var warnings: [String]
    public var headroomMonth: HeadroomMonth
}

/// Analytical reliability evaluation: every component's failure passed through the outage-impact engine.
public enum AnalyticalEvaluation {
    public static let daysInMonth = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

    /// How the per-component loop runs: `.grouped` (the default) evaluates one fault per group of
    /// sections with the same zone and protective device — their impacts differ only in the
    /// outage hours, each load point's duration being min(c, outage) for a constant c of the group
    /// (switching time, or ∞ when it waits for the repair) — and sums the group's rates per c;
    /// `.perEvent` passes every component's fault through the engine on its own (the reference).
    public enum Mode: Sendable { case grouped, perEvent }

    public static func evaluate(
        _ network: Network, headroomMonth: HeadroomMonth = .peak, countingUnit: CountingUnit = .customers, mode: Mode = .grouped
    ) -> ReliabilityResult {
        let engine = OutageImpactEngine(network: network)
        let months: [(month: Int, weight: Double)]
        switch headroomMonth {
        case .peak: months = [(network.loadProfile.peakMonth, 1)]
        case .month(let month): months = [(month, 1)]
        case .yearAverage: months = (1...12).map { ($0, Double(daysInMonth[$0 - 1]) / 365) }
        }
        let loadPointCount = network.model.loadPoints.count
        var lambda = [Double](repeating: 0, count: loadPointCount)
        var unavailability = [Double](repeating: 0, count: loadPointCount)
        var components: [ComponentContribution] = []
        var impact = OutageImpact()
        func contribution(_ section: Int, _ rate: Double) -> ComponentContribution {
            ComponentContribution(
                section: section, failuresPerYear: rate, customerInterruptionsPerYear: 0, customerHoursPerYear: 0, ensMWh: 0,
                saifi: 0, saidi: 0, saifiShare: 0, saidiShare: 0, ensShare: 0)
        }
        switch mode {
        case .perEvent:
            for (section, rate) in network.sectionFailuresPerYear.enumerated() where rate > 0 {
                var entry = contribution(section, rate)
                for (month, weight) in months {
                    engine.evaluate(.fault(section: section, month: month), into: &impact)
                    let weightedRate = rate * weight
                    for k in 0..<impact.count {
                        let lp = impact.loadPoints[k]
                        let loadPoint = network.model.loadPoints[lp]
                        lambda[lp] += weightedRate
                        unavailability[lp] += weightedRate * impact.hours[k]
                        entry.customerInterruptionsPerYear += weightedRate * Double(loadPoint.customers)
                        entry.customerHoursPerYear += weightedRate * impact.hours[k] * Double(loadPoint.customers)
                        entry.ensMWh += weightedRate * impact.hours[k] * loadPoint.averageMW
                    }
                }
                components.append(entry)
            }
        case .grouped:
            components = accumulateGrouped(network, engine: engine, months: months, lambda: &lambda, unavailability: &unavailability, impact: &impact)
        }
        let reliability = (0..<loadPointCount).map { LoadPointReliability(interruptionsPerYear: lambda[$0], hoursPerYear: unavailability[$0]) }
        let system = SystemIndices.compute(network: network, loadPoints: Array(0..<loadPointCount), reliability: reliability, countingUnit: countingUnit)

        let customers = Double(system.customers)
        for index in components.indices {
            components[index].saifi = customers > 0 ? components[index].customerInterruptionsPerYear / customers : 0
            components[index].saidi = customers > 0 ? components[index].customerHoursPerYear / customers : 0
            components[index].saifiShare = system.saifi > 0 ? components[index].saifi / system.saifi : 0
            components[index].saidiShare = system.saidi > 0 ? components[index].saidi / system.saidi : 0
            components[index].ensShare = system.ensMWh > 0 ? components[index].ensMWh / system.ensMWh : 0
        }
        let sectionIDs = network.model.sections.map(\.id)
        components.sort { a, b in
            if a.customerHoursPerYear != b.customerHoursPerYear { return a.customerHoursPerYear > b.customerHoursPerYear }
            if a.ensMWh != b.ensMWh { return a.ensMWh > b.ensMWh }
            return sectionIDs[a.section] < sectionIDs[b.section]
        }

        var byFeeder = [[Int]](repeating: [], count: network.model.sources.count)
        for lp in 0..<loadPointCount {
            byFeeder[network.topology.feederOfBus[network.loadPointBus[lp]]].append(lp)
        }
        let feeders = byFeeder.enumerated().map { feeder, loadPoints in
            let indices = SystemIndices.compute(network: network, loadPoints: loadPoints, reliability: reliability, countingUnit: countingUnit)
            return FeederReliability(feeder: feeder, indices: indices, customerHoursPerYear: indices.saidi * Double(indices.customers))
        }
        return ReliabilityResult(
            loadPoints: reliability, system: system, feeders: feeders, components: components,
            warnings: failureDataWarnings(network), headroomMonth: headroomMonth)
    }

    /// Key of a group of sections whose faults have the same impact up to the outage hours.
    struct FaultGroup: Hashable {
        var zone: Int
        var protectiveDevice: Int
    }

    /// The grouped loop of ``evaluate(_:headroomMonth:countingUnit:mode:)``: per group, one fault
    /// gives runs of load-point positions (preorder) with a constant each; the group's Σ rate and
    /// Σ rate × min(c, outage) go onto the runs through difference arrays, and customers per
    /// constant come from prefix sums — the cost is the number of runs, not of load points.
    static func accumulateGrouped(
        _ network: Network, engine: OutageImpactEngine, months: [(month: Int, weight: Double)],
        lambda: inout [Double], unavailability: inout [Double], impact: inout OutageImpact
    ) -> [ComponentContribution] {
        let topology = network.topology
        var order: [FaultGroup] = []
        var members: [FaultGroup: [Int]] = [:]
        for (section, rate) in network.sectionFailuresPerYear.enumerated() where rate > 0 {
            let key = FaultGroup(zone: topology.zoneOfSection[section], protectiveDevice: topology.protectiveDeviceOfSection[section])
            if members[key] == nil { order.append(key) }
            members[key, default: []].append(section)
        }
        let positions = topology.loadPointOrder.count
        var customersBefore = [Double](repeating: 0, count: positions + 1)
        // MW prefix sums kept as a rounded sum plus its exact error (TwoSum), so that the difference
        // of two prefixes is as accurate as the run's own sum.
        var averageMWBefore = [Double](repeating: 0, count: positions + 1)
        var averageMWErrorBefore = [Double](repeating: 0, count: positions + 1)
        for position in 0..<positions {
            let loadPoint = network.model.loadPoints[topology.loadPointOrder[position]]
            customersBefore[position + 1] = customersBefore[position] + Double(loadPoint.customers)
            let a = averageMWBefore[position]
            let b = loadPoint.averageMW
            let s = a + b
            let bb = s - a
            averageMWBefore[position + 1] = s
            averageMWErrorBefore[position + 1] = averageMWErrorBefore[position] + ((a - (s - bb)) + (b - bb))
        }
        // Difference arrays with compensated (Neumaier) sums: a large rate that enters and leaves the
        // running sum must not wash out a small one (the result agrees with the per-event sum to ~1e-15).
        var lambdaStep = CompensatedSteps(count: positions + 1)
        var hoursStep = CompensatedSteps(count: positions + 1)
        var entries = [ComponentContribution?](repeating: nil, count: network.model.sections.count)
        var constants: [Double] = []
        var slotOfRun: [Int] = []
        var customersOfSlot: [Double] = []
        var averageMWOfSlot: [Double] = []
        impact.recordsLoadPoints = false
        defer { impact.recordsLoadPoints = true }
        for key in order {
            let sections = members[key]!
            for (month, weight) in months {
                var event = OutageEvent.fault(section: sections[0], month: month)
                event.outageHoursOverride = .infinity
                engine.evaluate(event, into: &impact)
                constants.removeAll(keepingCapacity: true)
                slotOfRun.removeAll(keepingCapacity: true)
                customersOfSlot.removeAll(keepingCapacity: true)
                averageMWOfSlot.removeAll(keepingCapacity: true)
                for run in impact.runs {
                    var index = constants.firstIndex(of: run.hours) ?? -1
                    if index < 0 {
                        index = constants.count
                        constants.append(run.hours)
                        customersOfSlot.append(0)
                        averageMWOfSlot.append(0)
                    }
                    slotOfRun.append(index)
                    customersOfSlot[index] += customersBefore[run.end] - customersBefore[run.start]
                    averageMWOfSlot[index] += (averageMWBefore[run.end] - averageMWBefore[run.start])
                        + (averageMWErrorBefore[run.end] - averageMWErrorBefore[run.start])
                }
                var rateSum = 0.0
                var hoursSum = [Double](repeating: 0, count: constants.count)
                for section in sections {
                    let weightedRate = network.sectionFailuresPerYear[section] * weight
                    let outage = network.sectionOutageHours[section]
                    rateSum += weightedRate
                    var entry = entries[section] ?? ComponentContribution(
                        section: section, failuresPerYear: network.sectionFailuresPerYear[section], customerInterruptionsPerYear: 0,
                        customerHoursPerYear: 0, ensMWh: 0, saifi: 0, saidi: 0, saifiShare: 0, saidiShare: 0, ensShare: 0)
                    for (index, c) in constants.enumerated() {
                        let hours = min(c, outage)
                        hoursSum[index] += weightedRate * hours
                        entry.customerInterruptionsPerYear += weightedRate * customersOfSlot[index]
                        entry.customerHoursPerYear += weightedRate * hours * customersOfSlot[index]
                        entry.ensMWh += weightedRate * hours * averageMWOfSlot[index]
                    }
                    entries[section] = entry
                }
                for (k, run) in impact.runs.enumerated() {
                    lambdaStep.add(rateSum, at: run.start)
                    lambdaStep.add(-rateSum, at: run.end)
                    hoursStep.add(hoursSum[slotOfRun[k]], at: run.start)
                    hoursStep.add(-hoursSum[slotOfRun[k]], at: run.end)
                }
            }
        }
        var runningLambda = NeumaierSum()
        var runningHours = NeumaierSum()
        for position in 0..<positions {
            runningLambda.add(lambdaStep.sum[position])
            runningLambda.add(lambdaStep.compensation[position])
            runningHours.add(hoursStep.sum[position])
            runningHours.add(hoursStep.compensation[position])
            let lp = topology.loadPointOrder[position]
            lambda[lp] += runningLambda.value
            unavailability[lp] += runningHours.value
        }
        return entries.compactMap { $0 }
    }

    /// Neumaier's compensated sum.
    struct NeumaierSum {
        var sum = 0.0
        var compensation = 0.0
        var value: Double { sum + compensation }

        mutating func add(_ x: Double) {
            let t = sum + x
            if abs(sum) >= abs(x) { compensation += (sum - t) + x } else { compensation += (x - t) + sum }
            sum = t
        }
    }

    /// A difference array whose every entry is a compensated sum.
    struct CompensatedSteps {
        var sum: [Double]
        var compensation: [Double]

        init(count: Int) {
            sum = [Double](repeating: 0, count: count)
            compensation = [Double](repeating: 0, count: count)
        }

        mutating func add(_ x: Double, at index: Int) {
            let s = sum[index]
            let t = s + x
            if abs(s) >= abs(x) { compensation[index] += (s - t) + x } else { compensation[index] += (x - t) + s }
            sum[index] = t
        }
    }

    /// Warnings when failure data is missing: all of it (indices are zero because inputs are zero),
    /// or for whole kinds of section that the network uses.
    public static func failureDataWarnings(_ network: Network) -> [String] {
        if network.model.sections.isEmpty { return [] }
        if network.sectionFailuresPerYear.allSatisfy({ $0 == 0 }) {
            return [
                "every failure rate in the network is zero, so every index is zero because its inputs are zero: the network gives no failure data; set defaults.sections.<kind>.failuresPerKmYear (failuresPerYear for transformers) or rates per section"
            ]
        }
        var warnings: [String] = []
        for kind in SectionKind.allCases {
            let sections = network.model.sections.indices.filter { network.model.sections[$0].kind == kind }
            guard !sections.isEmpty, sections.allSatisfy({ network.sectionFailuresPerYear[$0] == 0 }) else { continue }
            warnings.append("all \(sections.count) \(kind.rawValue) sections have failure rate zero, so they contribute nothing; set defaults.sections.\(kind.rawValue) if that is not intended")
        }
        let withoutRepair = network.model.sections.indices.filter { network.sectionFailuresPerYear[$0] > 0 && network.sectionOutageHours[$0] == 0 }
        if !withoutRepair.isEmpty {
            warnings.append("\(withoutRepair.count) sections fail but have repair time zero (first: \(network.model.sections[withoutRepair[0]].id.rawValue)); their faults cost interruptions but no hours; set repairHours")
        }
        return warnings
    }
}
