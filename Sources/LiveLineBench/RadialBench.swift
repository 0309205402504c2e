import Foundation
import GridModel
import Reliability

/// `reliability-radial` (issue 13): one radial feeder of 10,000 / 20,000 / 50,000 overhead
/// sections with a load point at every bus and a switch every 50 sections, the analytical
/// evaluation timed (grouped, the default) beside the per-event reference where it is quick.
func benchRadial() {
    print("== reliability-radial: one long radial feeder (target: under 1 s for 50,000 sections, close to linear)")
    for count in [10_000, 20_000, 50_000] {
        var model = NetworkModel(name: "radial \(count)")
        model.defaults.sections[.overheadBare] = SectionKindDefaults(failureRate: 0.1, repairHours: 4)
        model.buses = (0...count).map { Bus(id: BusID("B\($0)")) }
        model.sources = [Source(id: "F1", bus: "B0", ratingMW: 1000)]
        model.sections = (1...count).map { Section(id: SectionID("S\($0)"), from: BusID("B\($0 - 1)"), to: BusID("B\($0)"), kind: .overheadBare, lengthKm: 0.1) }
        model.devices = [SwitchingDevice(id: "CB", kind: .breaker, section: "S1", end: .from, control: .remote)]
            + stride(from: 50, through: count, by: 50).map { SwitchingDevice(id: DeviceID("D\($0)"), kind: .loadBreakSwitch, section: SectionID("S\($0)"), end: .from) }
        model.loadPoints = (1...count).map { LoadPoint(id: LoadPointID("L\($0)"), bus: BusID("B\($0)"), customers: 5, averageMW: 0.01, peakMW: 0.02) }
        let network: Network
        do { network = try Network(validating: model) } catch {
            print("radial \(count): invalid: \(error.diagnostics.first?.description ?? "")")
            continue
        }
        let grouped = measure(repeats: 1) { AnalyticalEvaluation.evaluate(network) }
        var line = String(format: "%6d sections: %.3f s (%.2f µs/section); SAIFI %.4f, SAIDI %.4f h", count, grouped.seconds,
                          grouped.seconds / Double(count) * 1e6, grouped.result.system.saifi, grouped.result.system.saidi)
        if count <= 10_000 {
            let reference = measure(repeats: 1) { AnalyticalEvaluation.evaluate(network, mode: .perEvent) }
            let difference = ReliabilityComparison.largestRelativeDifference(grouped.result, reference.result)
            line += String(format: "; per-event reference %.3f s, largest relative difference %.1e", reference.seconds, difference.value)
        }
        print(line)
    }
}
