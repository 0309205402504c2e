import Foundation
import GridModel
import Reliability
import Testing

/// RBTS Bus 2 cases A–F against ../shared/reference/rbts/rbts_bus2_expected.json (copied to
/// Fixtures): every load point's λ and U and every system index, to 1e-6 relative.
struct RBTSReferenceTests {
    static let files = ["A": "rbts-bus2.json", "B": "rbts-bus2-case-b.json", "C": "rbts-bus2-case-c.json",
                        "D": "rbts-bus2-case-d.json", "E": "rbts-bus2-case-e.json", "F": "rbts-bus2-case-f.json"]

    @Test("RBTS Bus 2 reference indices", arguments: ["A", "B", "C", "D", "E", "F"])
    func reproducesReference(caseName: String) throws {
        let network = try Fixtures.bundledNetwork(Self.files[caseName]!)
        let result = AnalyticalEvaluation.evaluate(network)
        let expected = try Fixtures.jsonObject("rbts_bus2_expected.json")
        let bus2 = try #require(expected["bus2"] as? [String: Any])
        let thisCase = try #require(bus2[caseName] as? [String: Any])
        let system = try #require(thisCase["system"] as? [String: Double])
        #expect(close(result.system.saifi, system["SAIFI"]!), "case \(caseName) SAIFI \(result.system.saifi)")
        #expect(close(result.system.saidi, system["SAIDI"]!), "case \(caseName) SAIDI \(result.system.saidi)")
        #expect(close(result.system.caidi, system["CAIDI"]!), "case \(caseName) CAIDI \(result.system.caidi)")
        #expect(close(result.system.asai, system["ASAI"]!), "case \(caseName) ASAI")
        #expect(close(result.system.asui, system["ASUI"]!), "case \(caseName) ASUI")
        #expect(close(result.system.ensMWh, system["ENS_MWh"]!), "case \(caseName) ENS \(result.system.ensMWh)")
        #expect(close(result.system.aensMWhPerCustomer, system["AENS_MWh_per_cust"]!), "case \(caseName) AENS")
        #expect(Double(result.system.customers) == system["N"]!)
        let loadPoints = try #require(thisCase["load_points"] as? [String: [String: Double]])
        #expect(loadPoints.count == 22)
        for (id, values) in loadPoints {
            let lp = try #require(network.loadPointIndex[LoadPointID(id)])
            let computed = result.loadPoints[lp]
            #expect(close(computed.interruptionsPerYear, values["lambda_per_yr"]!), "case \(caseName) \(id) λ \(computed.interruptionsPerYear)")
            #expect(close(computed.hoursPerYear, values["U_h_per_yr"]!), "case \(caseName) \(id) U \(computed.hoursPerYear)")
            #expect(close(computed.averageDurationHours, values["r_h"]!), "case \(caseName) \(id) r")
        }
    }

    @Test func caseEPrintsTheBenchmarkDigits() throws {
        let result = AnalyticalEvaluation.evaluate(try Fixtures.bundledNetwork("rbts-bus2-case-e.json"))
        #expect(String(format: "%.3f", result.system.saifi) == "0.248")
        #expect(String(format: "%.2f", result.system.saidi) == "0.77")
        #expect(String(format: "%.2f", result.system.caidi) == "3.08")
        #expect(String(format: "%.3f", result.system.ensMWh) == "8.844")
    }

    @Test func dlt836IndicesFollowFromSAIDI() throws {
        let result = AnalyticalEvaluation.evaluate(try Fixtures.bundledNetwork("rbts-bus2.json"))
        #expect(close(result.system.aihc1, result.system.saidi))
        #expect(close(result.system.aitc1, result.system.saifi))
        #expect(close(result.system.rs1Percent, (1 - 3.6125872641509433 / 8760) * 100))
        let byUsers = AnalyticalEvaluation.evaluate(try Fixtures.bundledNetwork("rbts-bus2.json"), countingUnit: .mvUsers)
        // 22 load points count one MV user each: AIHC-1 is the plain mean of U over load points.
        let meanU = byUsers.loadPoints.reduce(0) { $0 + $1.hoursPerYear } / 22
        #expect(close(byUsers.system.aihc1, meanU))
        #expect(byUsers.system.units == 22)
    }

    @Test func contributionsAddUpToTheSystemIndices() throws {
        let result = AnalyticalEvaluation.evaluate(try Fixtures.bundledNetwork("rbts-bus2.json"))
        #expect(result.components.count == 56)
        #expect(close(result.components.reduce(0) { $0 + $1.saidi }, result.system.saidi))
        #expect(close(result.components.reduce(0) { $0 + $1.saifi }, result.system.saifi))
        #expect(close(result.components.reduce(0) { $0 + $1.ensMWh }, result.system.ensMWh))
        #expect(close(result.components.reduce(0) { $0 + $1.saidiShare }, 1))
        // Ranked: each transformer of a 210-customer load point costs 0.015 × 200 h × 210 = 630 customer-hours.
        #expect(close(result.components[0].customerHoursPerYear, 630))
        let feederHours = result.feeders.reduce(0) { $0 + $1.customerHoursPerYear }
        #expect(close(feederHours, result.system.saidi * 1908))
    }
}
