import Foundation
import Testing

struct AuditCommandTests {
    let arguments = [
        "audit", "networks/rbts-bus2.json", "--outages", "scenarios/audit-example/outages.csv", "--work", "scenarios/audit-example/work.csv",
        "--claims", "scenarios/audit-example/claims.json", "--history", "scenarios/audit-example/history.csv",
    ]

    @Test func exampleCatchesTheOverstatedClaimAndTheContradiction() throws {
        let result = try CLI.run(arguments + ["--format", "json"])
        #expect(result.exitCode == 0, "\(result.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let checks = try #require(json["checks"] as? [[String: Any]])
        let verdicts = Dictionary(uniqueKeysWithValues: checks.map { ($0["id"] as! String, $0["verdict"] as! String) })
        #expect(verdicts["C1"] == "consistent")
        #expect(verdicts["C2"] == "overstated")
        #expect(verdicts["C3"] == "consistent")
        #expect(verdicts["C4"] == "overstated")
        #expect(verdicts["C5"] == "consistent")
        #expect(verdicts["C6"] == "consistent")
        #expect(verdicts["C7"] == "consistent")
        #expect(verdicts["C8"] == "consistent")
        #expect(verdicts["C9"] == "overstated")
        #expect(verdicts["C10"] == "consistent")
        #expect(verdicts["C11"] == "consistent")
        let repeated = try #require(json["repeatedOutages"] as? [String: Any])
        #expect((repeated["all"] as? [[String: Any]])?.count == 11)
        let contradictions = try #require(json["contradictions"] as? [[String: Any]])
        #expect(contradictions.contains { $0["kind"] as? String == "liveWorkDuringPlannedOutage" && $0["job"] as? String == "W-033" && $0["event"] as? String == "E00037" })
        #expect(contradictions.contains { $0["kind"] as? String == "plannedOutageWithoutWorkOrder" && $0["event"] as? String == "E00042" })
        // The example's W-026 is a bypass job with no kit on record.
        #expect(contradictions.contains { $0["kind"] as? String == "bypassWithoutEquipment" && $0["job"] as? String == "W-026" })
        let med = try #require(json["majorEventDays"] as? [String: Any])
        #expect((med["days"] as? [[String: Any]])?.first?["date"] as? String == "2026-05-18")
    }

    @Test func failOnOverstatedExitsWith3() throws {
        let result = try CLI.run(arguments + ["--fail-on-overstated"])
        #expect(result.exitCode == 3)
        #expect(result.stderr.contains("overstated claims: C2, C4, C9"))
        #expect(result.stdout.contains("C2     SAIDIExcludingMED           4.1000      5.4280  overstated by 24.5 %"))
    }

    @Test func badRowsAreListedAndStrictStops() throws {
        let bad = [
            "audit", "networks/rbts-bus2.json", "--outages", "Tests/AuditTests/Fixtures/bad-outages.csv", "--work",
            "scenarios/audit-example/work.csv", "--claims", "scenarios/audit-example/claims.json",
        ]
        let lenient = try CLI.run(bad)
        #expect(lenient.exitCode == 0)
        #expect(lenient.stderr.contains("Tests/AuditTests/Fixtures/bad-outages.csv:4: error: end \"E3\": end 2026-01-10T09:00 is before start 2026-01-10T10:00"))
        #expect(lenient.stdout.contains("2 events in the period") || lenient.stdout.contains("0 events in the period"))
        #expect(lenient.stdout.contains("6 rows rejected"))
        let strict = try CLI.run(bad + ["--strict"])
        #expect(strict.exitCode == 65)
        #expect(strict.stderr.contains("--strict: rows with errors stop the audit"))
    }
}
