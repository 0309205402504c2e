/// The allowed range of every number of the network format (docs/network-format.md, "Ranges").
/// Validation rejects anything outside, for files and for models built by the importers, so that
/// no later arithmetic (counts, Int conversions, Monte Carlo draws) can overflow or run forever.
public enum NumberRanges {
    public static let nominalKV: ClosedRange<Double> = 0.001...1_000
    public static let ratingMW: ClosedRange<Double> = 0.000_001...100_000
    public static let lengthKm: ClosedRange<Double> = 0...10_000
    public static let failuresPerKmYear: ClosedRange<Double> = 0...1_000
    public static let failuresPerYear: ClosedRange<Double> = 0...1_000
    /// A section's expected failures per year (rate × length, or its own per-year rate).
    public static let sectionFailuresPerYear: ClosedRange<Double> = 0...1_000
    public static let hours: ClosedRange<Double> = 0...8_760
    public static let loadMW: ClosedRange<Double> = 0...10_000
    public static let customers: ClosedRange<Int> = 0...10_000_000
    public static let profileFactor: ClosedRange<Double> = 0...10
    public static let coordinate: ClosedRange<Double> = -1e12...1e12

    static func text(_ range: ClosedRange<Double>) -> String {
        "\(NumberText.fixed(range.lowerBound, range.lowerBound < 0.01 && range.lowerBound > 0 ? 6 : 0))…\(NumberText.fixed(range.upperBound, 0))"
    }
}

struct RangeChecker {
    let model: NetworkModel
    let locations: ElementLocations
    let locate: Bool

    private func offset(_ array: [Int], _ index: Int) -> Int? { locate && index < array.count ? array[index] : nil }
    private func position(_ indices: [Int], _ index: Int) -> Int { index < indices.count ? indices[index] : index }

    private func check(
        _ value: Double?, _ range: ClosedRange<Double>, unit: String, path: String, id: String?, offset: Int?, log: inout DiagnosticLog
    ) {
        guard let value else { return }
        guard value.isFinite, range.contains(value) else {
            let shown = NumberText.short(value)
            log.error(at: offset, path: path, id: id, "\(shown) is out of range; write a value in \(NumberRanges.text(range))\(unit.isEmpty ? "" : " " + unit)")
            return
        }
    }

    func check(log: inout DiagnosticLog) {
        check(model.nominalKV, NumberRanges.nominalKV, unit: "kV", path: "nominalKV", id: nil, offset: nil, log: &log)
        for kind in model.defaults.sections.keys.sorted(by: { $0.rawValue < $1.rawValue }) {
            let values = model.defaults.sections[kind]!
            let path = "defaults.sections.\(kind.rawValue)"
            check(values.failureRate, kind == .transformer ? NumberRanges.failuresPerYear : NumberRanges.failuresPerKmYear, unit: kind == .transformer ? "failures per year" : "failures per km-year", path: path, id: nil, offset: nil, log: &log)
            check(values.repairHours, NumberRanges.hours, unit: "hours", path: path + ".repairHours", id: nil, offset: nil, log: &log)
            check(values.replacementHours, NumberRanges.hours, unit: "hours", path: path + ".replacementHours", id: nil, offset: nil, log: &log)
            check(values.ratingMW, NumberRanges.ratingMW, unit: "MW", path: path + ".ratingMW", id: nil, offset: nil, log: &log)
        }
        check(model.defaults.manualSwitchingHours, NumberRanges.hours, unit: "hours", path: "defaults.switching.manualHours", id: nil, offset: nil, log: &log)
        check(model.defaults.manualOperateHours, NumberRanges.hours, unit: "hours", path: "defaults.switching.operateHours", id: nil, offset: nil, log: &log)
        check(model.defaults.remoteSwitchingHours, NumberRanges.hours, unit: "hours", path: "defaults.switching.remoteHours", id: nil, offset: nil, log: &log)
        for (k, factor) in model.loadProfile.monthlyFactors.enumerated() {
            check(factor, NumberRanges.profileFactor, unit: "", path: "loadProfile.monthlyFactors[\(k)]", id: nil, offset: nil, log: &log)
        }
        for (k, factor) in model.loadProfile.hourlyFactors.enumerated() {
            check(factor, NumberRanges.profileFactor, unit: "", path: "loadProfile.hourlyFactors[\(k)]", id: nil, offset: nil, log: &log)
        }
        for (i, bus) in model.buses.enumerated() {
            let path = "buses[\(position(locations.busIndex, i))]"
            check(bus.x, NumberRanges.coordinate, unit: "", path: path + ".x", id: bus.id.rawValue, offset: offset(locations.buses, i), log: &log)
            check(bus.y, NumberRanges.coordinate, unit: "", path: path + ".y", id: bus.id.rawValue, offset: offset(locations.buses, i), log: &log)
        }
        for (i, source) in model.sources.enumerated() {
            check(source.ratingMW, NumberRanges.ratingMW, unit: "MW", path: "sources[\(position(locations.sourceIndex, i))].ratingMW", id: source.id.rawValue, offset: offset(locations.sources, i), log: &log)
        }
        for (i, section) in model.sections.enumerated() {
            let path = "sections[\(position(locations.sectionIndex, i))]"
            let id = section.id.rawValue
            let at = offset(locations.sections, i)
            let before = log.errorCount
            check(section.lengthKm, NumberRanges.lengthKm, unit: "km", path: path + ".lengthKm", id: id, offset: at, log: &log)
            check(section.failuresPerKmYear, NumberRanges.failuresPerKmYear, unit: "failures per km-year", path: path + ".failuresPerKmYear", id: id, offset: at, log: &log)
            check(section.failuresPerYear, NumberRanges.failuresPerYear, unit: "failures per year", path: path + ".failuresPerYear", id: id, offset: at, log: &log)
            check(section.repairHours, NumberRanges.hours, unit: "hours", path: path + ".repairHours", id: id, offset: at, log: &log)
            check(section.replacementHours, NumberRanges.hours, unit: "hours", path: path + ".replacementHours", id: id, offset: at, log: &log)
            check(section.ratingMW, NumberRanges.ratingMW, unit: "MW", path: path + ".ratingMW", id: id, offset: at, log: &log)
            guard log.errorCount == before, section.failuresPerYear == nil, section.kind.isLine else { continue }
            let perKm = section.failuresPerKmYear ?? model.defaults.sections[section.kind]?.failureRate ?? 0
            let expected = perKm * section.lengthKm
            if expected > NumberRanges.sectionFailuresPerYear.upperBound {
                log.error(at: at, path: path, id: id, "\(NumberText.short(expected)) failures per year (\(NumberText.short(perKm)) per km-year × \(NumberText.short(section.lengthKm)) km) is out of range; a section may fail at most \(NumberText.fixed(NumberRanges.sectionFailuresPerYear.upperBound, 0)) times a year — check lengthKm and the rate")
            }
        }
        for (i, device) in model.devices.enumerated() {
            check(device.switchingHours, NumberRanges.hours, unit: "hours", path: "devices[\(position(locations.deviceIndex, i))].switchingHours", id: device.id.rawValue, offset: offset(locations.devices, i), log: &log)
        }
        for (i, tie) in model.ties.enumerated() {
            let path = "ties[\(position(locations.tieIndex, i))]"
            check(tie.switchingHours, NumberRanges.hours, unit: "hours", path: path + ".switchingHours", id: tie.id.rawValue, offset: offset(locations.ties, i), log: &log)
            check(tie.capacityMW, 0...NumberRanges.ratingMW.upperBound, unit: "MW", path: path + ".capacityMW", id: tie.id.rawValue, offset: offset(locations.ties, i), log: &log)
        }
        for (i, load) in model.loadPoints.enumerated() {
            let path = "loadPoints[\(position(locations.loadPointIndex, i))]"
            let id = load.id.rawValue
            let at = offset(locations.loadPoints, i)
            if !NumberRanges.customers.contains(load.customers) {
                log.error(at: at, path: path + ".customers", id: id, "\(load.customers) is out of range; write a count in 0…\(NumberRanges.customers.upperBound)")
            }
            if !NumberRanges.customers.contains(load.mvUsers) {
                log.error(at: at, path: path + ".mvUsers", id: id, "\(load.mvUsers) is out of range; write a count in 0…\(NumberRanges.customers.upperBound)")
            }
            check(load.averageMW, NumberRanges.loadMW, unit: "MW", path: path + ".averageMW", id: id, offset: at, log: &log)
            check(load.peakMW, NumberRanges.loadMW, unit: "MW", path: path + ".peakMW", id: id, offset: at, log: &log)
        }
    }
}
