import Audit
import Foundation
import GridModel
import Reliability
import Testing

/// Indices of Fixtures/hand-outages.csv on RBTS Bus 2 (1908 customers), worked out by hand:
///
/// - E1 (fault): LP1 (210 customers) back after 30 min by a restoration step, LP2 (210) after 120 min;
/// - E2, E3 (fault, LP4, 3 and 2 min, starting 4 min apart): one momentary event; E4 (2 min, an hour
///   later) another; E6 (fault, LP8, 4 min): momentary for IEEE (≤ 5 min), counted by DL/T 836 (> 3 min);
/// - E5 (planned, 100 customers, no load points): 40 back after 60 min, 60 after 240 min.
struct AuditIndexTests {
    func analysis(unit: CountingUnit = .customers) throws -> LogAnalysis {
        let network = try Fixtures.rbts()
        let log = try OutageLogReader.parse(Fixtures.source("hand-outages.csv"), network: network)
        #expect(log.rejectedRows == 0)
        var options = AuditOptions()
        options.countingUnit = unit
        return LogAnalysis(records: log.records, network: network, start: CivilDate("2026-01-01")!, end: CivilDate("2026-03-31")!, options: options)
    }

    @Test func ieeeIndicesWithStepRestorationAndMomentaryGrouping() throws {
        let ieee = try analysis().ieee()
        // Sustained: E1 420 customers, 210 × 30 + 210 × 120 = 31,500 customer-minutes;
        // E5 100 customers, 40 × 60 + 60 × 240 = 16,800 customer-minutes.
        #expect(ieee.customerInterruptions == 520)
        #expect(ieee.customerMinutes == 48_300)
        #expect(close(ieee.saifi, 520.0 / 1908))
        #expect(close(ieee.saidi, 48_300.0 / 1908 / 60))
        #expect(close(ieee.caidi, 48_300.0 / 520 / 60))
        // Distinct customers: LP1 + LP2 (420) + the 100 of E5 taken as distinct.
        #expect(close(ieee.caifi, 1))
        let minutesServed: Double = 1908.0 * 90 * 1440
        #expect(close(ieee.asai, 1 - 48_300.0 / minutesServed))
        // Momentary events: E2+E3 (one), E4, E6 — one customer each.
        #expect(close(ieee.maifiE, 3.0 / 1908))
        #expect(ieee.cemi[0] == 0)
        #expect(close(ieee.unattributedShare, 100.0 / 520))
    }

    @Test func dlt836Indices() throws {
        let dlt = try analysis().dlt836()
        // Counted (> 3 min): E1 (420 customers, 105 + 420 = 525 customer-hours), E5 (100, 40 + 240 = 280),
        // E6 (1 customer, 4 min = 1/15 h). E2 (3 min exactly) and shorter ones are short interruptions.
        #expect(close(dlt.aitc1, 521.0 / 1908))
        #expect(close(dlt.aitc1Planned, 100.0 / 1908))
        let hours: Double = 525 + 280 + 1.0 / 15
        #expect(close(dlt.aihc1, hours / 1908))
        #expect(close(dlt.aihc1Planned, 280.0 / 1908))
        let rs1: Double = (1 - hours / 1908 / 2160) * 100
        #expect(close(dlt.rs1Percent, rs1))
        #expect(close(dlt.rs3Percent, dlt.rs1Percent))
        // Per MV user: the load points count one user each; E5 gives no user count, so 100.
        let users = try analysis(unit: .mvUsers).dlt836()
        #expect(users.unitsServed == 22)
        let users1: Double = 103.0 / 22
        #expect(close(users.aitc1, users1))
    }

    @Test func majorEventDayThresholdByHand() throws {
        // Daily SAIDI 10, 20, 40, 80 minutes and a zero day (dropped).
        let logs = [log(10.0), log(20.0), log(40.0), log(80.0)]
        let alpha = logs.reduce(0, +) / 4
        let beta = (logs.map { ($0 - alpha) * ($0 - alpha) }.reduce(0, +) / 3).squareRoot()
        let result = try #require(MajorEventDays.threshold(dailySAIDIMinutes: [10, 20, 0, 40, 80]))
        #expect(result.days == 4)
        #expect(close(result.alpha, alpha))
        #expect(close(result.beta, beta))
        #expect(close(result.threshold, exp(alpha + 2.5 * beta)))
        // α = ln(10·20·40·80)/4 = ln(640000)/4 = 3.3423; β = 0.8948; threshold ≈ 264.9 min.
        #expect(abs(result.threshold - 264.9) < 0.1)
        #expect(MajorEventDays.threshold(dailySAIDIMinutes: [5, 0]) == nil)
    }

    @Test func majorEventDaysAreFoundAndLeftOut() throws {
        let network = try Fixtures.rbts()
        // History: four days of LP1 (210 customers) out 60, 120, 240 and 480 min.
        var history: [OutageRecord] = []
        for (index, minutes) in [60, 120, 240, 480].enumerated() {
            let start = Timestamp(date: CivilDate("2025-03-0\(index + 1)")!, hour: 8)
            history.append(OutageRecord(id: "H\(index)", line: index + 2, start: start, end: Timestamp(minutes: start.minutes + minutes), cause: .fault, feeder: 0, loadPoints: [network.loadPointIndex["LP1"]!], customers: 210, mvUsers: 1, steps: []))
        }
        let daily: [Double] = [60.0, 120, 240, 480].map { 210 * $0 / 1908 }
        let logs: [Double] = daily.map { log($0) }
        let alpha: Double = logs.reduce(0, +) / 4
        let squares: Double = logs.map { ($0 - alpha) * ($0 - alpha) }.reduce(0, +)
        let threshold: Double = exp(alpha + 2.5 * (squares / 3).squareRoot())
        // The period: a small day (LP2 30 min) and a storm day (LP1, LP2, LP3, LP10, LP11: 1050 customers, 600 min).
        let lp = { (id: String) in network.loadPointIndex[LoadPointID(id)]! }
        let small = OutageRecord(id: "P1", line: 2, start: Timestamp("2026-01-05T08:00")!, end: Timestamp("2026-01-05T08:30")!, cause: .fault, feeder: 0, loadPoints: [lp("LP2")], customers: 210, mvUsers: 1, steps: [])
        let storm = OutageRecord(id: "P2", line: 3, start: Timestamp("2026-02-05T08:00")!, end: Timestamp("2026-02-05T18:00")!, cause: .fault, feeder: nil, loadPoints: ["LP1", "LP2", "LP3", "LP10", "LP11"].map(lp), customers: 1050, mvUsers: 5, steps: [])
        #expect(1050.0 * 600 / 1908 > threshold)
        #expect(210.0 * 30 / 1908 < threshold)
        let claims = ClaimsFile(company: "t", start: CivilDate("2026-01-01")!, end: CivilDate("2026-06-30")!, claims: [])
        let result = AuditRun.run(
            network: network, outages: ParsedLog(file: "o", records: [small, storm], diagnostics: [], rejectedRows: 0),
            work: ParsedLog(file: "w", records: [], diagnostics: [], rejectedRows: 0), claims: claims,
            history: ParsedLog(file: "h", records: history, diagnostics: [], rejectedRows: 0), options: AuditOptions())
        let med = try #require(result.majorEventDays)
        #expect(close(med.thresholdMinutes, threshold))
        #expect(med.days.map(\.date) == [CivilDate("2026-02-05")!])
        let withoutStorm: Double = 210.0 * 30 / 1908 / 60
        let withStorm: Double = (210.0 * 30 + 1050.0 * 600) / 1908 / 60
        #expect(close(try #require(result.ieeeExcludingMED).saidi, withoutStorm))
        #expect(close(result.ieee.saidi, withStorm))
    }

    @Test func malformedRowsAreReportedWithFileAndLine() throws {
        let network = try Fixtures.rbts()
        let log = try OutageLogReader.parse(Fixtures.source("bad-outages.csv"), network: network)
        #expect(log.records.map(\.id) == ["E1", "E8"])
        // Rows 3–7 fail their checks; row 8 has the wrong number of fields: 6 rejected.
        #expect(log.rejectedRows == 6)
        #expect(log.diagnostics.map(\.description) == [
            "bad-outages.csv:1: error: weather: unknown column 'weather'; check its spelling (known columns: event_id, start, end, cause, feeder, load_points, customers, mv_users, steps)",
            "bad-outages.csv:8: error: row has 5 fields, the header 9; the row is not used",
            "bad-outages.csv:3: error: start \"E2\": '2026-01-10 25:00' is not a time; write YYYY-MM-DDTHH:MM",
            "bad-outages.csv:4: error: end \"E3\": end 2026-01-10T09:00 is before start 2026-01-10T10:00",
            "bad-outages.csv:5: error: load_points \"E4\": unknown load point 'LP99' in the network",
            "bad-outages.csv:6: error: customers \"E5\": '-5' is not a customer count in 0…1000000000",
            "bad-outages.csv:7: error: event_id \"E1\": duplicate event id; line 2 has it too",
            "bad-outages.csv:7: error: cause \"E1\": unknown cause 'lightning'; use one of planned, fault, external, supplyShortage",
            "bad-outages.csv:7: error: feeder \"E1\": unknown feeder 'F7' in the network",
        ])
    }

    @Test func claimsAreCheckedAgainstTheLogs() throws {
        let network = try Fixtures.rbts()
        let outages = try OutageLogReader.parse(Fixtures.source("hand-outages.csv"), network: network)
        let work = try WorkLogReader.parse(Fixtures.source("hand-work.csv"), network: network)
        let claims = try ClaimsFile.decode(Fixtures.source("hand-claims.json"))
        let result = AuditRun.run(network: network, outages: outages, work: work, claims: claims, history: nil, options: AuditOptions())
        let verdicts = Dictionary(uniqueKeysWithValues: result.checks.map { ($0.claim.id, $0.verdict) })
        #expect(verdicts["S1"] == .consistent)  // 0.2725 against 0.27254
        // SAIDI 0.3 h claimed against 48,300 / 1908 / 60 = 0.4219 h: 28.9 % better than the truth.
        guard case .overstated(let percent)? = verdicts["S2"] else {
            Issue.record("S2 is \(String(describing: verdicts["S2"]))")
            return
        }
        let expected: Double = (0.421908 - 0.3) / 0.421908 * 100
        #expect(abs(percent - expected) < 0.01)
        #expect(verdicts["L1"] == .consistent)  // 2 of 3 jobs live
        #expect(verdicts["M1"] == .unverifiable(reason: Bilingual("no history given (--history) to find major event days", zh: "未给出历史数据（--history），无法确定重大事件日")))
        // W1 works live on S2 (LP1's lateral) — no planned outage of LP1 then; E5 (planned, F3) has W2 that day.
        #expect(result.contradictions.isEmpty)
        // W1 by outage: the fuse cut-out FU-S2 cannot break load, so LP1's low-voltage side is
        // opened first (after 55 min of travel) and closed last: LP1's 210 customers out 4 h of
        // work + 5 min (cut-out) + 55 + 5 min (back, cut-out) + 5 min (low-voltage side) = 4 + 70/60 h,
        // 1085 customer-hours avoided; W3: LP8 (1 customer, FU-S13) 2 + 70/60 = 3.1667.
        #expect(close(result.liveWork.avoidedCustomerHours, 210 * (4 + 70.0 / 60) + (2 + 70.0 / 60)))
    }
}
