import GridModel
import Reliability
import Testing

/// The grouped evaluation (one fault per zone and protective device) against the per-event
/// reference, on RBTS Bus 2 cases A–F and generated cities, for every headroom month setting.
struct GroupedEvaluationTests {
    static let networks = ["rbts-bus2.json", "rbts-bus2-case-b.json", "rbts-bus2-case-c.json", "rbts-bus2-case-d.json",
                           "rbts-bus2-case-e.json", "rbts-bus2-case-f.json"]

    @Test(arguments: networks)
    func rbtsCasesAgreeWithThePerEventReference(_ name: String) throws {
        let network = try Fixtures.bundledNetwork(name)
        for month in [HeadroomMonth.peak, .month(4), .yearAverage] {
            let grouped = AnalyticalEvaluation.evaluate(network, headroomMonth: month)
            let reference = AnalyticalEvaluation.evaluate(network, headroomMonth: month, mode: .perEvent)
            let difference = ReliabilityComparison.largestRelativeDifference(grouped, reference)
            #expect(difference.value <= 1e-12, "\(name) \(month): \(difference.at) differs by \(difference.value)")
        }
    }

    @Test(arguments: [(20, 1), (60, 2), (200, 3)])
    func generatedCitiesAgreeWithThePerEventReference(_ feeders: Int, _ seed: UInt64) throws {
        let network = try Network(validating: NetworkGenerator.generate(.init(feeders: feeders, seed: seed)))
        let grouped = AnalyticalEvaluation.evaluate(network, headroomMonth: .yearAverage)
        let reference = AnalyticalEvaluation.evaluate(network, headroomMonth: .yearAverage, mode: .perEvent)
        let difference = ReliabilityComparison.largestRelativeDifference(grouped, reference)
        #expect(difference.value <= 1e-12, "\(feeders) feeders: \(difference.at) differs by \(difference.value)")
    }
}
