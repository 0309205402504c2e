import Foundation
import GridModel

/// What real files do not say and an import must assume (docs/import.md). Every field has a
/// default; an assumptions file (JSON) overrides any of them.
public struct ImportAssumptions: Sendable, Equatable {
    /// Customers of a load whose file gives no customer count: max(1, round(kW / this)).
    public var kWPerCustomer: Double = 5
    /// Average demand as a share of the load's kW (OpenDSS and MATPOWER loads are peak values).
    public var loadFactor: Double = 0.6
    /// Section kind when the file does not tell overhead from cable.
    public var defaultLineKind: SectionKind = .overheadBare
    /// Failure rates (per km·yr for lines, per yr for transformers) and repair hours by kind.
    public var failureRates: [SectionKind: Double] = [.overheadBare: 0.1, .overheadInsulated: 0.05, .cable: 0.04, .transformer: 0.01]
    public var repairHours: [SectionKind: Double] = [.overheadBare: 4, .overheadInsulated: 4, .cable: 10, .transformer: 24]
    public var manualSwitchingHours: Double = 1
    public var remoteSwitchingHours: Double = 0.05
    /// Add a fuse at the head of every lateral when the file models no fuse at all.
    public var lateralFuses: Bool = true
    /// Add a breaker at the feeder head when the file models no protective device there.
    public var headBreaker: Bool = true
    /// Feeder-head rating as a multiple of the feeder's peak load; nil = unlimited.
    public var sourceRatingFactor: Double? = nil
    /// A normally-open point whose far bus connects to nothing else: `externalFeeder` models the
    /// far side as a feeder of its own (no load) rated `externalHeadroomMW`; `drop` leaves it out.
    public var danglingOpenPoint: DanglingOpenPoint = .externalFeeder
    public var externalHeadroomMW: Double = 3
    /// Transformer secondaries below this voltage (kV) are distribution transformers (LV side collapsed).
    public var lowVoltageMaxKV: Double = 1.0
    /// Transformers whose primary is at or above this voltage (kV) are substation transformers (sources).
    public var substationMinKV: Double = 25
    /// MATPOWER: series resistance per km used to turn branch resistance into a length.
    public var ohmsPerKm: Double = 0.3
    /// OpenDSS: unit of line lengths when neither the line nor its line code says (mi, kft, km, m, ft).
    public var defaultLengthUnit: String = "km"

    public enum DanglingOpenPoint: String, Sendable, CaseIterable { case externalFeeder, drop }

    public init() {}

    public static let fields = [
        "kWPerCustomer", "loadFactor", "defaultLineKind", "failureRates", "repairHours", "manualSwitchingHours", "remoteSwitchingHours",
        "lateralFuses", "headBreaker", "sourceRatingFactor", "danglingOpenPoint", "externalHeadroomMW", "lowVoltageMaxKV", "substationMinKV",
        "ohmsPerKm", "defaultLengthUnit",
    ]

    /// Reads an assumptions file; every problem is reported.
    public static func load(path: String) throws(ImportError) -> ImportAssumptions {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(diagnostics: [Diagnostic(severity: .error, file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")])
        }
        let source = SourceText(fileName: path, bytes: [UInt8](data))
        var log = DiagnosticLog(source: source)
        guard let root = log.parseJSONDocument() else { throw ImportError(diagnostics: log.diagnostics) }
        var result = ImportAssumptions()
        guard var reader = FieldReader(root, path: "", log: &log) else { throw ImportError(diagnostics: log.diagnostics) }
        result.kWPerCustomer = reader.double("kWPerCustomer", required: false, log: &log, minimum: 0.01, maximum: 100_000, unit: "kW") ?? result.kWPerCustomer
        result.loadFactor = reader.double("loadFactor", required: false, log: &log, maximum: 1, positive: true) ?? result.loadFactor
        if let kind = reader.enumeration("defaultLineKind", SectionKind.self, required: false, log: &log) {
            if kind.isLine { result.defaultLineKind = kind } else {
                log.error(at: reader.node("defaultLineKind")?.offset, path: "defaultLineKind", "'\(kind.rawValue)' is not a line kind; use overheadBare, overheadInsulated or cable")
            }
        }
        for (key, keyPath) in [("failureRates", \ImportAssumptions.failureRates), ("repairHours", \ImportAssumptions.repairHours)] {
            guard let node = reader.node(key), var kinds = FieldReader(node, path: key, log: &log) else { continue }
            for kind in SectionKind.allCases {
                if let value = kinds.double(kind.rawValue, required: false, log: &log, minimum: 0, maximum: key == "repairHours" ? NumberRanges.hours.upperBound : NumberRanges.failuresPerKmYear.upperBound) { result[keyPath: keyPath][kind] = value }
            }
            kinds.reportUnknown(log: &log, known: SectionKind.allCases.map(\.rawValue))
        }
        result.manualSwitchingHours = reader.double("manualSwitchingHours", required: false, log: &log, minimum: 0, maximum: NumberRanges.hours.upperBound) ?? result.manualSwitchingHours
        result.remoteSwitchingHours = reader.double("remoteSwitchingHours", required: false, log: &log, minimum: 0, maximum: NumberRanges.hours.upperBound) ?? result.remoteSwitchingHours
        result.lateralFuses = reader.bool("lateralFuses", log: &log) ?? result.lateralFuses
        result.headBreaker = reader.bool("headBreaker", log: &log) ?? result.headBreaker
        if reader.contains("sourceRatingFactor") {
            result.sourceRatingFactor = reader.double("sourceRatingFactor", required: false, log: &log, maximum: 100, positive: true)
        }
        result.danglingOpenPoint = reader.enumeration("danglingOpenPoint", DanglingOpenPoint.self, required: false, log: &log) ?? result.danglingOpenPoint
        result.externalHeadroomMW = reader.double("externalHeadroomMW", required: false, log: &log, maximum: NumberRanges.ratingMW.upperBound, positive: true) ?? result.externalHeadroomMW
        result.lowVoltageMaxKV = reader.double("lowVoltageMaxKV", required: false, log: &log, maximum: NumberRanges.nominalKV.upperBound, positive: true) ?? result.lowVoltageMaxKV
        result.substationMinKV = reader.double("substationMinKV", required: false, log: &log, maximum: NumberRanges.nominalKV.upperBound, positive: true) ?? result.substationMinKV
        result.ohmsPerKm = reader.double("ohmsPerKm", required: false, log: &log, minimum: 1e-6, maximum: 1e6) ?? result.ohmsPerKm
        if let unit = reader.string("defaultLengthUnit", required: false, log: &log) {
            if ["mi", "kft", "km", "m", "ft"].contains(unit) { result.defaultLengthUnit = unit } else {
                log.error(at: reader.node("defaultLengthUnit")?.offset, path: "defaultLengthUnit", "unknown unit '\(unit)'; use mi, kft, km, m or ft")
            }
        }
        reader.reportUnknown(log: &log, known: fields)
        if log.hasErrors { throw ImportError(diagnostics: log.diagnostics) }
        return result
    }

    /// Network defaults carrying these assumptions.
    var networkDefaults: NetworkDefaults {
        var defaults = NetworkDefaults.builtIn
        for kind in SectionKind.allCases {
            defaults.sections[kind] = SectionKindDefaults(failureRate: failureRates[kind] ?? 0, repairHours: repairHours[kind] ?? 0)
        }
        defaults.manualSwitchingHours = manualSwitchingHours
        defaults.remoteSwitchingHours = remoteSwitchingHours
        return defaults
    }
}

/// A file that cannot be imported at all.
public struct ImportError: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

/// The imported network and everything the import had to assume or leave out.
public struct ImportResult: Sendable {
    public var model: NetworkModel
    /// (assumption, elements it touched), in the order first used.
    public var assumptionsUsed: [(assumption: String, count: Int)]
    /// Elements that could not be mapped, each located (file, line) with the reason.
    public var unmapped: [Diagnostic]
    /// Values of the input that are out of range (the import fails with these, located).
    public var errors: [Diagnostic] = []
    /// Where in the input files each section and load point of the model comes from (by id).
    public var elementLocations: [String: Place] = [:]

    public struct Place: Sendable, Equatable {
        public var file: String
        public var line: Int
    }

    /// A diagnostic of the imported model re-pointed at the input line its element came from.
    public func located(_ diagnostic: Diagnostic, input: String) -> Diagnostic {
        var moved = diagnostic
        let place = diagnostic.elementID.flatMap { elementLocations[$0] }
        moved.file = place?.file ?? input
        moved.line = place?.line
        moved.column = nil
        return moved
    }
    /// Files read (OpenDSS redirects).
    public var files: [String]
    /// Elements read per class (lowercased OpenDSS class; `bus`, `branch`, `load` for MATPOWER),
    /// disabled ones included.
    public var elementsRead: [String: Int] = [:]
    /// Loads of the file that ended up in a load point (the rest are listed in `unmapped`).
    public var loadsMapped = 0

    /// Data taken from the file that the defaults would otherwise supply (listed with the assumptions).
    public var fromFile: [(what: String, count: Int)] = []

    mutating func note(_ text: String, _ count: Int) {
        guard count > 0 else { return }
        fromFile.append((text, count))
    }

    mutating func assume(_ text: String, _ count: Int = 1) {
        guard count > 0 else { return }
        if let index = assumptionsUsed.firstIndex(where: { $0.assumption == text }) {
            assumptionsUsed[index].count += count
        } else {
            assumptionsUsed.append((text, count))
        }
    }
}
