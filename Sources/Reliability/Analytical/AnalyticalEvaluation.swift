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

    public static func evaluate(
        _ network: Network, headroomMonth: HeadroomMonth = .peak, countingUnit: CountingUnit = .customers
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
        for (section, rate) in network.sectionFailuresPerYear.enumerated() where rate > 0 {
            var contribution = ComponentContribution(
                section: section, failuresPerYear: rate, customerInterruptionsPerYear: 0, customerHoursPerYear: 0, ensMWh: 0,
                saifi: 0, saidi: 0, saifiShare: 0, saidiShare: 0, ensShare: 0)
            for (month, weight) in months {
                engine.evaluate(.fault(section: section, month: month), into: &impact)
                let weightedRate = rate * weight
                for k in 0..<impact.count {
                    let lp = impact.loadPoints[k]
                    let loadPoint = network.model.loadPoints[lp]
                    lambda[lp] += weightedRate
                    unavailability[lp] += weightedRate * impact.hours[k]
                    contribution.customerInterruptionsPerYear += weightedRate * Double(loadPoint.customers)
                    contribution.customerHoursPerYear += weightedRate * impact.hours[k] * Double(loadPoint.customers)
                    contribution.ensMWh += weightedRate * impact.hours[k] * loadPoint.averageMW
                }
            }
            components.append(contribution)
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
