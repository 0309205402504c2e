import Audit
import Foundation
import GridModel
import Reliability
import Testing

/// Regressions of the audit found by an independent recomputation (issue 15, point 0), on RBTS
/// Bus 2 (1,908 customers; LP1 has 210).
struct AuditRegressionTests {
    static let network = try! Fixtures.rbts()
    static func lp(_ id: String) -> Int { network.loadPointIndex[LoadPointID(id)]! }
    static func event(_ id: String, _ start: String, _ end: String, cause: OutageCause = .fault, _ points: [String] = ["LP1"]) -> OutageRecord {
        let customers = points.reduce(0) { $0 + network.model.loadPoints[lp($1)].customers }
        return OutageRecord(id: id, line: 2, start: Timestamp(start)!, end: Timestamp(end)!, cause: cause, feeder: nil,
                            loadPoints: points.map(lp), customers: customers, mvUsers: points.count, steps: [])
    }
    static func run(_ events: [OutageRecord], work: [WorkRecord] = [], claims: [Claim] = [], start: String = "2026-01-01", end: String = "2026-06-30",
                    history: [OutageRecord]? = nil) -> AuditResult {
        AuditRun.run(
            network: network, outages: ParsedLog(file: "o", records: events, diagnostics: [], rejectedRows: 0),
            work: ParsedLog(file: "w", records: work, diagnostics: [], rejectedRows: 0),
            claims: ClaimsFile(company: "t", start: CivilDate(start)!, end: CivilDate(end)!, claims: claims),
            history: history.map { ParsedLog(file: "h", records: $0, diagnostics: [], rejectedRows: 0) }, options: AuditOptions())
    }
    static func job(_ id: String, _ section: String?, _ method: LoggedMethod, _ start: String, _ end: String) -> WorkRecord {
        let s = section.map { network.sectionIndex[SectionID($0)]! }
        return WorkRecord(job: id, line: 2, start: Timestamp(start)!, end: Timestamp(end)!, method: method, section: s,
                          zone: s.map { network.topology.zoneOfSection[$0] }, feeder: s.map { network.topology.feederOfSection[$0] })
    }

    @Test func theSameSpanAYearEarlierKeepsItsLastDays() throws {
        // A storm on 2025-12-31 (LP1 out 10 h) belongs to "2025" against a full 2026.
        let storm = Self.event("H1", "2025-12-31T08:00", "2025-12-31T18:00")
        let result = Self.run([Self.event("E1", "2026-03-01T08:00", "2026-03-01T09:00")], start: "2026-01-01", end: "2026-12-31", history: [storm])
        #expect(close(try #require(result.previousYearSAIDI), 210.0 * 600 / 1908 / 60))
        #expect(CivilDate("2028-02-29")!.sameDay(yearsEarlier: 1) == CivilDate("2027-02-28")!)
        #expect(CivilDate("2026-12-31")!.sameDay(yearsEarlier: 1) == CivilDate("2025-12-31")!)
        #expect(CivilDate("2024-02-29")!.sameDay(yearsEarlier: 4) == CivilDate("2020-02-29")!)
    }

    @Test func aLiveJobWithoutASectionMakesTheSavingsUnverifiable() throws {
        let work = [Self.job("J1", "S1", .liveLine, "2026-03-02T09:00", "2026-03-02T13:00"), Self.job("J2", nil, .liveLine, "2026-03-03T09:00", "2026-03-03T13:00")]
        let claims = [Claim(id: "C1", metric: .avoidedCustomerHours, value: 100, text: nil), Claim(id: "C2", metric: .additionalEnergyMWh, value: 5, text: nil),
                      Claim(id: "C3", metric: .liveWorkRatioByCount, value: 1, text: nil)]
        let result = Self.run([], work: work, claims: claims)
        for check in result.checks.prefix(2) {
            guard case .unverifiable(let reason) = check.verdict else {
                Issue.record("\(check.claim.id): \(check.verdict.text)")
                continue
            }
            #expect(reason.en.contains("J2") && reason.zh.contains("J2"), "\(reason)")
        }
        #expect(result.checks[2].verdict == .consistent)
    }

    @Test func liveWorkOnAMainLineZoneCutFromAboveIsAContradiction() throws {
        // A zone without load points of its own: find one on RBTS, and every load point below it.
        let topology = Self.network.topology
        let zone = try #require(topology.zones.indices.first { z in
            topology.zones[z].loadPointCount == 0 && !topology.loadPointRange(zones: z, topology.zones[z].subtreeEnd).isEmpty
        })
        let section = Self.network.model.sections[topology.zones[zone].sections[0]].id.rawValue
        let below = topology.loadPointRange(zones: zone, topology.zones[zone].subtreeEnd).map { Self.network.model.loadPoints[topology.loadPointOrder[$0]].id.rawValue }
        let outage = Self.event("P1", "2026-03-02T08:00", "2026-03-02T16:00", cause: .planned, below)
        let work = [Self.job("J1", section, .liveLine, "2026-03-02T09:00", "2026-03-02T13:00"), Self.job("J0", section, .outage, "2026-03-02T08:00", "2026-03-02T16:00")]
        let result = Self.run([outage], work: work)
        #expect(result.contradictions.contains { $0.kind == .liveWorkDuringPlannedOutage && $0.job == "J1" }, "\(result.contradictions)")
        // Only part of what is below cut: the zone itself stays live, no contradiction.
        let partial = Self.run([Self.event("P2", "2026-03-02T08:00", "2026-03-02T16:00", cause: .planned, Array(below.prefix(1)))], work: work)
        #expect(!partial.contradictions.contains { $0.kind == .liveWorkDuringPlannedOutage } || below.count == 1)
    }

    @Test func additionalEnergyFollowsTheLoadProfile() throws {
        // A zone with one load point below it, and a profile: 1.2 in March, 0.5 from 00:00 to
        // 05:59 and 1.0 otherwise. A job from 09:00 keeps the load point out by day only, so its
        // energy is average MW × hours × (1.2 × 1.0) / the mean factor.
        var model = Self.network.model
        let monthly = [1.0, 1, 1.2, 1, 1, 1, 1, 1, 1, 1, 1, 1]
        model.loadProfile = LoadProfile(monthlyFactors: monthly, hourlyFactors: (0..<24).map { $0 < 6 ? 0.5 : 1.0 })
        let network = try Network(validating: model)
        let mean = (monthly.enumerated().map { m, f in [31.0, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m] * f }.reduce(0, +) / 365) * (6 * 0.5 + 18) / 24
        #expect(abs(network.loadProfile.meanFactor - mean) < 1e-12)
        let topology = network.topology
        let zone = try #require(topology.zones.indices.first { z in topology.loadPointRange(zones: z, topology.zones[z].subtreeEnd).count == 1 })
        let lp = topology.loadPointOrder[topology.loadPointRange(zones: zone, topology.zones[zone].subtreeEnd).lowerBound]
        let point = network.model.loadPoints[lp]
        let section = network.model.sections[topology.zones[zone].sections[0]].id.rawValue
        let s = network.sectionIndex[SectionID(section)]!
        let job = WorkRecord(job: "J1", line: 2, start: Timestamp("2026-03-02T09:00")!, end: Timestamp("2026-03-02T13:00")!, method: .liveLine,
                             section: s, zone: zone, feeder: topology.feederOfSection[s])
        let result = AuditRun.run(
            network: network, outages: ParsedLog(file: "o", records: [], diagnostics: [], rejectedRows: 0),
            work: ParsedLog(file: "w", records: [job], diagnostics: [], rejectedRows: 0),
            claims: ClaimsFile(company: "t", start: CivilDate("2026-01-01")!, end: CivilDate("2026-06-30")!, claims: []), history: nil, options: AuditOptions())
        let counterfactual = try #require(result.liveWork.counterfactuals.first)
        let hoursOut = try #require(counterfactual.customerHours) / Double(point.customers)
        let expected = point.averageMW * hoursOut * 1.2 / mean
        #expect(close(try #require(counterfactual.energyMWh), expected), "\(counterfactual.energyMWh ?? 0) vs \(expected)")
        // Without a profile: average MW × hours.
        let flat = Self.run([], work: [Self.job("J1", section, .liveLine, "2026-03-02T09:00", "2026-03-02T13:00")])
        let plain = try #require(flat.liveWork.counterfactuals.first)
        #expect(close(try #require(plain.energyMWh), point.averageMW * hoursOut))
    }

    @Test func curtailmentIsPreArrangedInDLT836() throws {
        let result = Self.run([Self.event("S1", "2026-03-02T08:00", "2026-03-02T10:00", cause: .supplyShortage)])
        #expect(close(result.dlt836.aitc1Planned, 210.0 / 1908))
        #expect(result.dlt836.aitc1Unplanned == 0)
        #expect(close(result.dlt836.aihc1Planned, 210.0 * 2 / 1908))
    }

    @Test func overlappingInterruptionsOfOneLoadPointCanBeMerged() throws {
        // Two events cut LP1 at once (08:00–10:00 and 09:00–11:00), a third later (12:00–13:00).
        let result = Self.run([Self.event("E1", "2026-03-02T08:00", "2026-03-02T10:00"), Self.event("E2", "2026-03-02T09:00", "2026-03-02T11:00"),
                               Self.event("E3", "2026-03-02T12:00", "2026-03-02T13:00")])
        #expect(result.ieee.customerInterruptions == 3 * 210)
        #expect(result.ieee.mergedCustomerInterruptions == 2 * 210)
        #expect(close(result.ieee.saifiMerged, 2 * 210.0 / 1908))
    }

    @Test func aClaimAgainstAZeroIsNotAPercentage() throws {
        let result = Self.run([], claims: [Claim(id: "C1", metric: .saifi, value: 0.5, text: nil), Claim(id: "C2", metric: .saifi, value: 0, text: nil)])
        #expect(result.checks[0].verdict.text == "understated (the recomputed value is 0)")
        #expect(result.checks[1].verdict == .consistent)
    }

    @Test func onlyJobsOfThePeriodAreCounted() throws {
        let work = [Self.job("J1", "S1", .liveLine, "2026-03-02T09:00", "2026-03-02T13:00"), Self.job("J2", "S1", .liveLine, "2025-12-02T09:00", "2025-12-02T13:00")]
        let result = Self.run([], work: work)
        #expect(result.workUsed == 1)
        #expect(result.workOutsidePeriod == 1)
        #expect(result.liveWork.jobs == 1)
    }

    /// Capability claims (point 1), recomputed from the network file: with every feeder head rated
    /// a third of the network's peak, some feeder cannot hand its whole load to a neighbour, so
    /// N-1 fails for it and the evidence says by how much.
    @Test func capabilityClaimsAreRecomputedFromTheNetwork() throws {
        var model = Self.network.model
        for k in model.sources.indices { model.sources[k].ratingMW = model.loadPoints.reduce(0) { $0 + $1.peakMW } / 3 }
        let network = try Network(validating: model)
        let summary = network.summary()
        #expect(summary.n1TransferableRate < 1)
        let claims = [Claim(id: "T", metric: .tieRate, value: 1, text: nil), Claim(id: "N", metric: .n1TransferableRate, value: 1, text: nil),
                      Claim(id: "I", metric: .overheadInsulationRate, value: 0.5, text: nil), Claim(id: "K", metric: .cableRate, value: 0, text: nil)]
        let result = AuditRun.run(
            network: network, outages: ParsedLog(file: "o", records: [], diagnostics: [], rejectedRows: 0),
            work: ParsedLog(file: "w", records: [], diagnostics: [], rejectedRows: 0),
            claims: ClaimsFile(company: "t", start: CivilDate("2026-01-01")!, end: CivilDate("2026-06-30")!, claims: claims), history: nil, options: AuditOptions())
        #expect(result.checks[0].verdict == .consistent)
        #expect(result.checks[1].verdict.isOverstated)
        #expect(result.checks[1].recomputed == summary.n1TransferableRate)
        #expect(result.checks[1].evidence.contains { $0.en.contains("headroom short by") && $0.en.contains("MW in month") && $0.zh.contains("转供裕度不足") }, "\(result.checks[1].evidence)")
        #expect(result.checks[2].verdict.isOverstated)
        #expect(result.checks[3].verdict == .consistent)
        // Independently: RBTS has 4 feeders, each with a tie; 26.15 km of bare overhead line, no cable.
        #expect(summary.tieRate == 1 && summary.overheadInsulationRate == 0 && summary.cableRate == 0)
    }

    /// Plausibility of the work log (point 3): live-line work on a transformer or cable section is
    /// impossible and flagged with its row; on overhead line it is not.
    @Test func liveLineOnATransformerIsFlagged() throws {
        let transformer = try #require(Self.network.model.sections.first { $0.kind == .transformer }).id.rawValue
        let overhead = try #require(Self.network.model.sections.first { $0.kind.isOverhead }).id.rawValue
        let work = [Self.job("J1", transformer, .liveLine, "2026-03-02T09:00", "2026-03-02T13:00"), Self.job("J2", overhead, .liveLine, "2026-03-03T09:00", "2026-03-03T13:00"),
                    Self.job("J3", transformer, .bypass, "2026-03-04T09:00", "2026-03-04T13:00")]
        let flagged = Self.run([], work: work).contradictions.filter { $0.kind == .impossibleMethod }
        #expect(flagged.map(\.job) == ["J1"])
        #expect(flagged.first?.text.en.contains("a transformer section, which cannot be worked live-line") == true)
    }

    /// A bypass job needs a bypass cable set or a mobile generator on record (point 3): with the
    /// equipment column, a bypass row naming none is flagged with its line; a live-line row needs
    /// none; without the column the audit says it could not check.
    @Test func bypassWithoutEquipmentOnRecordIsFlagged() throws {
        let csv = """
            job_id,date,start,end,method,section,feeder,equipment
            K1,2026-03-02,09:00,13:00,bypass,S2,F1,BC-1
            K2,2026-03-03,09:00,13:00,bypass,S3,F1,
            K3,2026-03-04,09:00,13:00,liveLine,S4,F1,
            """
        let log = try WorkLogReader.parse(SourceText(fileName: "w.csv", bytes: Array(csv.utf8)), network: Self.network)
        let flagged = Self.run([], work: log.records).contradictions.filter { $0.kind == .bypassWithoutEquipment }
        #expect(flagged.map(\.job) == ["K2"])
        #expect(flagged.first?.text.en == "job K2 (line 3 of the work log) is logged as bypass on S3 with no bypass cable set or mobile generator on record (equipment is empty)")
        #expect(flagged.first?.text.zh.contains("没有旁路电缆或移动发电车的记录") == true)
        let without = try WorkLogReader.parse(SourceText(fileName: "w.csv", bytes: Array("job_id,date,start,end,method,section\nK2,2026-03-03,09:00,13:00,bypass,S3\n".utf8)), network: Self.network)
        let result = AuditRun.run(
            network: Self.network, outages: ParsedLog(file: "o", records: [], diagnostics: [], rejectedRows: 0), work: without,
            claims: ClaimsFile(company: "t", start: CivilDate("2026-01-01")!, end: CivilDate("2026-06-30")!, claims: []), history: nil, options: AuditOptions())
        #expect(result.contradictions.filter { $0.kind == .bypassWithoutEquipment }.isEmpty)
        #expect(result.diagnostics.contains { $0.severity == .warning && $0.message.contains("no equipment column: 1 bypass job cannot be checked") }, "\(result.diagnostics)")
    }

    /// Repeated outages (point 2), by hand: LP1 out on 1 March, 15 March and 30 April (3 within
    /// [1 March, 30 April 00:00 + …): 30 April 08:00 is 60 days and 0 h after 1 March 08:00 — exactly
    /// on the window's edge, so outside it); a fourth on 29 April 08:00 is inside. A three-day
    /// outage counts once.
    @Test func repeatedOutagesCountARollingWindow() throws {
        let edge = [Self.event("E1", "2026-03-01T08:00", "2026-03-01T10:00"), Self.event("E2", "2026-03-15T08:00", "2026-03-15T09:00"),
                    Self.event("E3", "2026-04-30T08:00", "2026-04-30T09:00")]
        #expect(Self.run(edge).repeatedOutages[.all] == [])
        let inside = edge + [Self.event("E4", "2026-04-29T08:00", "2026-04-29T09:00")]
        let over = try #require(Self.run(inside).repeatedOutages[.all]?.first)
        #expect(over.loadPoint == Self.lp("LP1") && over.customers == 210)
        #expect(over.mostInWindow == 3 && over.interruptions == 4)
        #expect(over.events == ["E1", "E2", "E4"])
        // A three-day outage is one interruption; two short ones with it make three.
        let long = [Self.event("L1", "2026-03-01T08:00", "2026-03-04T08:00"), Self.event("L2", "2026-03-05T08:00", "2026-03-05T09:00")]
        #expect(Self.run(long).repeatedOutages[.all] == [])
        #expect(Self.run(long + [Self.event("L3", "2026-03-06T08:00", "2026-03-06T09:00")]).repeatedOutages[.all]?.first?.mostInWindow == 3)
        // Planned and unplanned apart; interruptions up to the short threshold (3 min) do not count.
        let mixed = [Self.event("P1", "2026-03-01T08:00", "2026-03-01T10:00", cause: .planned), Self.event("F1", "2026-03-02T08:00", "2026-03-02T09:00"),
                     Self.event("F2", "2026-03-03T08:00", "2026-03-03T09:00"), Self.event("F3", "2026-03-04T08:00", "2026-03-04T08:02")]
        let result = Self.run(mixed, claims: [Claim(id: "R", metric: .repeatedOutageCustomers, value: 0, text: nil)])
        #expect(result.repeatedOutages[.all]?.map(\.events) == [["P1", "F1", "F2"]])
        #expect(result.repeatedOutages[.planned] == [] && result.repeatedOutages[.unplanned] == [])
        #expect(result.checks[0].recomputed == 210)
        #expect(result.checks[0].verdict.isOverstated)
    }

    /// Period comparison and breakdown (point 4), by hand.
    @Test func periodsAndBreakdownsByFeederAndDistrict() throws {
        #expect(CivilDate.previousSpan(start: CivilDate("2026-01-01")!, end: CivilDate("2026-06-30")!) == (CivilDate("2025-07-01")!, CivilDate("2025-12-31")!))
        #expect(CivilDate.previousSpan(start: CivilDate("2026-03-10")!, end: CivilDate("2026-03-19")!) == (CivilDate("2026-02-28")!, CivilDate("2026-03-09")!))
        // LP1 (F1, 210 customers) out 60 min; LP10 (F2? its own feeder) out 120 min. SAIDI per feeder
        // = customer-minutes / the feeder's customers / 60.
        var model = Self.network.model
        for k in model.sources.indices { model.sources[k].district = k < 2 ? "North" : "South" }
        let network = try Network(validating: model)
        let feederOf = { (id: String) in network.topology.feederOfBus[network.loadPointBus[network.loadPointIndex[LoadPointID(id)]!]] }
        let events = [Self.event("E1", "2026-03-02T08:00", "2026-03-02T09:00", ["LP1"]), Self.event("E2", "2026-03-03T08:00", "2026-03-03T10:00", ["LP20"])]
        let history = [Self.event("H1", "2025-08-01T08:00", "2025-08-01T09:30"), Self.event("H2", "2025-02-01T08:00", "2025-02-01T08:30")]
        let result = AuditRun.run(
            network: network, outages: ParsedLog(file: "o", records: events, diagnostics: [], rejectedRows: 0),
            work: ParsedLog(file: "w", records: [], diagnostics: [], rejectedRows: 0),
            claims: ClaimsFile(company: "t", start: CivilDate("2026-01-01")!, end: CivilDate("2026-06-30")!, claims: []),
            history: ParsedLog(file: "h", records: history, diagnostics: [], rejectedRows: 0), options: AuditOptions())
        let customersOf = { (f: Int) in network.model.loadPoints.indices.filter { network.topology.feederOfBus[network.loadPointBus[$0]] == f }.reduce(0) { $0 + network.model.loadPoints[$1].customers } }
        let lp20 = network.model.loadPoints[network.loadPointIndex["LP20"]!].customers
        let f1 = feederOf("LP1")
        let f20 = feederOf("LP20")
        let rowF1 = try #require(result.byFeeder.first { $0.name == network.model.sources[f1].id.rawValue })
        #expect(rowF1.customerMinutes == 210 * 60 && rowF1.customersServed == customersOf(f1))
        #expect(close(rowF1.saidi, 210.0 * 60 / Double(customersOf(f1)) / 60))
        #expect(result.byFeeder.map(\.customerMinutes) == result.byFeeder.map(\.customerMinutes).sorted(by: >))
        #expect(result.byFeeder.count == 4)
        let rowF20 = try #require(result.byFeeder.first { $0.name == network.model.sources[f20].id.rawValue })
        #expect(rowF20.customerMinutes == Double(lp20 * 120))
        #expect(Set(result.byDistrict.map(\.name)) == ["North", "South"])
        #expect(result.byDistrict.reduce(0) { $0 + $1.customerMinutes } == Double(210 * 60 + lp20 * 120))
        #expect(result.periods.map(\.label) == ["this period", "the period before", "a year earlier"])
        #expect(close(result.periods[1].saidi, 210.0 * 90 / 1908 / 60))
        #expect(close(result.periods[2].saidi, 210.0 * 30 / 1908 / 60))
    }
}
