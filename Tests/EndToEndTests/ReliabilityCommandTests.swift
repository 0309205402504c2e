import Foundation
import Testing

struct ReliabilityCommandTests {
    @Test func caseEPrintsTheBenchmarkDigits() throws {
        let result = try CLI.run(["reliability", "networks/rbts-bus2-case-e.json"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("SAIFI      0.248  interruptions/customer·yr"))
        #expect(result.stdout.contains("SAIDI       0.77  h/customer·yr"))
        #expect(result.stdout.contains("CAIDI       3.08  h/interruption"))
        #expect(result.stdout.contains("ENS        8.844  MWh/yr"))
    }

    @Test func jsonCarriesEveryLoadPointAndComponent() throws {
        let result = try CLI.run(["reliability", "networks/rbts-bus2.json", "--format", "json"])
        #expect(result.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let system = try #require(json["system"] as? [String: Any])
        #expect(abs((system["SAIDI"] as? Double ?? 0) - 3.6125872641509433) < 1e-9)
        #expect((json["loadPoints"] as? [Any])?.count == 22)
        #expect((json["components"] as? [Any])?.count == 56)
        #expect((json["feeders"] as? [Any])?.count == 4)
    }

    @Test func whatIfShowsBaseAndChange() throws {
        let result = try CLI.run(["reliability", "networks/rbts-bus2.json", "--what-if", "scenarios/what-if/rbts-case-e.json", "--format", "json"])
        #expect(result.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let whatIf = try #require(json["whatIf"] as? [String: Any])
        let delta = try #require(whatIf["delta"] as? [String: Double])
        #expect(abs(delta["SAIDI"]! - (0.7655746855345914 - 3.6125872641509433)) < 1e-9)
        let text = try CLI.run(["reliability", "networks/rbts-bus2.json", "--what-if", "scenarios/what-if/rbts-automate-f1.json", "--by", "feeder"])
        #expect(text.exitCode == 0)
        #expect(text.stdout.contains("SAIDI what-if"))
    }

    @Test func csvTables() throws {
        let result = try CLI.run(["reliability", "networks/rbts-bus2.json", "--by", "load-point", "--format", "csv"])
        let lines = result.stdout.split(separator: "\n")
        // UTF-8 with a byte-order mark, so that Excel and WPS read it as UTF-8.
        #expect(lines.first == "\u{FEFF}load_point,feeder,customers,lambda_per_yr,u_h_per_yr,r_h")
        #expect(lines.count == 23)
        #expect(lines[1].hasPrefix("LP1,F1,210,0.23925,3.57525"))
    }

    @Test func zeroFailureDataIsAWarningNotSilence() throws {
        let directory = try CLI.temporaryDirectory()
        let file = directory.appendingPathComponent("no-rates.json")
        try Data(#"""
            {"formatVersion": 1, "buses": [{"id": "S"}, {"id": "A"}], "sources": [{"id": "F", "bus": "S"}],
             "sections": [{"id": "L", "from": "S", "to": "A", "kind": "cable", "lengthKm": 1}],
             "devices": [{"id": "CB", "kind": "breaker", "section": "L", "end": "from"}],
             "loadPoints": [{"id": "P", "bus": "A", "customers": 10, "averageMW": 0.1}]}
            """#.utf8).write(to: file)
        let result = try CLI.run(["reliability", file.path])
        #expect(result.exitCode == 0)
        #expect(result.stderr.contains("warning: every failure rate in the network is zero, so every index is zero because its inputs are zero"))
    }

    @Test func badWhatIfExits65() throws {
        let result = try CLI.run(["reliability", "networks/rbts-bus2.json", "--what-if", "Tests/ReliabilityTests/Fixtures/what-if/self-tie.json"])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("Tests/ReliabilityTests/Fixtures/what-if/self-tie.json:5:5: error: changes[1]: unknown tie 'BS9' in the network"))
        let badMonth = try CLI.run(["reliability", "networks/rbts-bus2.json", "--month", "13"])
        #expect(badMonth.exitCode == 64)
    }
}
