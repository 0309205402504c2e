import ArgumentParser
import Reliability

/// The allowed values of the options that take a word, one enum per option: `--help`, shell
/// completion and the error for a wrong value all come from it.

/// `--unit` (reliability, audit): the DL/T 836 counting unit.
enum CountingUnitOption: String, CaseIterable, Sendable, ExpressibleByArgument {
    case customers
    case mvUsers = "mv-users"

    var unit: CountingUnit { self == .customers ? .customers : .mvUsers }
}

/// `--by` of simulate: the table added to the system indices.
enum SimulationTable: String, CaseIterable, Sendable, ExpressibleByArgument {
    case system
    case loadPoint = "load-point"
}

/// `--month` of reliability: the demand that sets tie headroom.
enum HeadroomMonthOption: String, CaseIterable, Sendable, ExpressibleByArgument {
    case peak
    case average
    case january = "1", february = "2", march = "3", april = "4", may = "5", june = "6"
    case july = "7", august = "8", september = "9", october = "10", november = "11", december = "12"

    var month: HeadroomMonth {
        switch self {
        case .peak: return .peak
        case .average: return .yearAverage
        default: return .month(Int(rawValue)!)
        }
    }
}

/// `--repair` and `--switching` of simulate: a duration distribution. `lognormal:CV` carries a
/// number, so this is a parsed value whose help lists the forms.
struct DurationDistributionOption: ExpressibleByArgument, Sendable {
    var distribution: DurationDistribution
    var text: String

    init?(argument: String) {
        guard let parsed = DurationDistribution(argument) else { return nil }
        distribution = parsed
        text = argument
    }

    static var allValueStrings: [String] { ["fixed", "exponential", "lognormal:CV"] }
    var defaultValueDescription: String { text }
}
