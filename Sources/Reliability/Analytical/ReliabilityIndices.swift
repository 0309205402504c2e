import GridModel

/// What DL/T 836 indices count: customers, or medium-voltage users (a 10 kV customer or one public
/// distribution transformer, the Chinese statistical unit).
public enum CountingUnit: String, Sendable, CaseIterable {
    case customers
    case mvUsers
}

/// Which month's demand sets tie headroom during an analytical evaluation.
public enum HeadroomMonth: Sendable, Equatable {
    /// The month with the largest load-profile factor (conservative; the default).
    case peak
    /// One 1-based month.
    case month(Int)
    /// Every month evaluated and weighted by its number of days.
    case yearAverage
}

/// Reliability of one load point over a year.
public struct LoadPointReliability: Sendable, Equatable {
    /// Interruptions per year (λ).
    public var interruptionsPerYear: Double
    /// Hours of interruption per year (U).
    public var hoursPerYear: Double
    /// Average interruption duration in hours (r = U/λ; 0 when λ = 0).
    public var averageDurationHours: Double {
        interruptionsPerYear > 0 ? hoursPerYear / interruptionsPerYear : 0
    }
}

/// System indices (IEEE 1366 style, and DL/T 836 with the chosen counting unit).
public struct SystemIndices: Sendable, Equatable {
    /// Customers served (N).
    public var customers: Int
    /// Interruptions per customer-year.
    public var saifi: Double
    /// Hours per customer-year.
    public var saidi: Double
    /// Hours per interruption (SAIDI/SAIFI; 0 when SAIFI = 0).
    public var caidi: Double
    /// Average service availability, 1 − SAIDI/8760.
    public var asai: Double
    /// Average service unavailability, SAIDI/8760.
    public var asui: Double
    /// Energy not supplied in MWh per year (average demand × U).
    public var ensMWh: Double
    /// ENS per customer, MWh per customer-year.
    public var aensMWhPerCustomer: Double
    /// Counting unit of the DL/T 836 indices below.
    public var countingUnit: CountingUnit
    /// Number of units counted (customers or MV users).
    public var units: Int
    /// DL/T 836 AIHC-1 (用户平均停电时间), hours per unit-year.
    public var aihc1: Double
    /// DL/T 836 AITC-1 (用户平均停电次数), interruptions per unit-year.
    public var aitc1: Double
    /// DL/T 836 RS-1 (供电可靠率), percent: (1 − AIHC-1/8760) × 100.
    public var rs1Percent: Double

    /// Indices of a set of load points given their λ and U.
    public static func compute(
        network: Network, loadPoints: [Int], reliability: [LoadPointReliability], countingUnit: CountingUnit
    ) -> SystemIndices {
        var customers = 0
        var interruptions = 0.0
        var hours = 0.0
        var ens = 0.0
        var units = 0
        var unitInterruptions = 0.0
        var unitHours = 0.0
        for lp in loadPoints {
            let loadPoint = network.model.loadPoints[lp]
            let value = reliability[lp]
            customers += loadPoint.customers
            interruptions += value.interruptionsPerYear * Double(loadPoint.customers)
            hours += value.hoursPerYear * Double(loadPoint.customers)
            ens += value.hoursPerYear * loadPoint.averageMW
            let count = countingUnit == .customers ? loadPoint.customers : loadPoint.mvUsers
            units += count
            unitInterruptions += value.interruptionsPerYear * Double(count)
            unitHours += value.hoursPerYear * Double(count)
        }
        let n = Double(customers)
        let saifi = customers > 0 ? interruptions / n : 0
        let saidi = customers > 0 ? hours / n : 0
        let aihc = units > 0 ? unitHours / Double(units) : 0
        return SystemIndices(
            customers: customers, saifi: saifi, saidi: saidi, caidi: saifi > 0 ? saidi / saifi : 0,
            asai: 1 - saidi / 8760, asui: saidi / 8760, ensMWh: ens, aensMWhPerCustomer: customers > 0 ? ens / n : 0,
            countingUnit: countingUnit, units: units, aihc1: aihc, aitc1: units > 0 ? unitInterruptions / Double(units) : 0,
            rs1Percent: (1 - aihc / 8760) * 100)
    }
}

/// One component's share of the system indices.
public struct ComponentContribution: Sendable, Equatable {
    /// Section index.
    public var section: Int
    public var failuresPerYear: Double
    /// Customer interruptions per year it causes.
    public var customerInterruptionsPerYear: Double
    /// Customer-hours per year it causes.
    public var customerHoursPerYear: Double
    /// MWh per year not supplied because of it.
    public var ensMWh: Double
    /// Its part of SAIFI, SAIDI (per customer) and ENS.
    public var saifi: Double
    public var saidi: Double
    /// Shares of the system totals, 0…1.
    public var saifiShare: Double
    public var saidiShare: Double
    public var ensShare: Double
}

/// Indices of one feeder over its own customers.
public struct FeederReliability: Sendable, Equatable {
    public var feeder: Int
    public var indices: SystemIndices
    /// Customer-hours per year on this feeder.
    public var customerHoursPerYear: Double
}
