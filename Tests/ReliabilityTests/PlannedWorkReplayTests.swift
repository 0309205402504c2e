import GridModel
import Reliability
import Testing

/// Planned work as switching sequences replayed on the hand network of HandCalculationTests:
///
///     F1: SRC1 =CB1(remote)= S1 — A =DS2= S2 — B =SW3= S3 — C        LA at A, LB at B, LC at C
///     F2: SRC2 =CB2(remote)= S4 — D                                    LD at D
///     tie T (manual, 1 h): C – D
///
/// LC 200 customers, 2 MW peak; LD 3 MW peak; F2 rated 5.5 MW unless said otherwise.
struct PlannedWorkReplayTests {
    func names(_ network: Network, _ result: ReplayResult) -> [String: [Double]] {
        var hours: [String: [Double]] = [:]
        for interruption in result.interruptions { hours[network.model.loadPoints[interruption.loadPoint].id.rawValue, default: []].append(interruption.hours) }
        return hours
    }

    @Test func transferStepsAndTimesFollowTheSequence() throws {
        // Work 4 h on zone S2 by transfer starting 09:00: open SW3 at 0 (LC dead), close T at 1 h,
        // open DS2 at 1 h, work 2 … 6 h, close DS2 and open T at 7 h, close SW3 at 8 h.
        let network = try Network(validating: HandCalculationTests.model())
        let engine = OutageImpactEngine(network: network)
        let zone = network.topology.zoneOfSection[1]
        let plan = engine.plannedOutagePlan(zone: zone, workHours: 4, backfeed: true, month: 4, startHour: 9, closedLoopTransfer: false)
        let steps = plan.operations.map { "\($0.atHours) \($0.action.rawValue) \($0.element.label(in: network))" }
        #expect(steps == ["0.0 open SW3", "1.0 close T", "1.0 open DS2", "7.0 close DS2", "7.0 open T", "8.0 close SW3"])
        #expect(plan.workStartHours == 2 && plan.workEndHours == 6 && plan.endHours == 8)
        let replay = SwitchingReplay(network: network).replay([PlannedOutageSteps(plan: plan, startHours: 9)])
        #expect(replay.leftOffNormal.isEmpty && replay.deadAtEnd.isEmpty)
        #expect(replay.interruptions.map { [$0.startHours, $0.endHours] } == [[10, 16], [9, 10], [16, 17]])
    }

    @Test func headroomIsCheckedAtTheHeaviestHourTheTieCarriesTheLoad() throws {
        // F2 rated 4.5 MW: in April (0.6) the tie has 4.5 − 3 × 0.6 × h MW spare and LC needs
        // 2 × 0.6 × h, which fits while the hourly factor h ≤ 1.5. Hour 15 has h = 1.6. A 1 h job
        // keeps the tie closed 10:00 … 13:00: LC moves. A 6 h job keeps it closed 10:00 … 18:00,
        // through 15:00: LC stays out, although 09:00 alone (h = 1) would have allowed it.
        var model = HandCalculationTests.model(f2RatingMW: 4.5)
        model.loadProfile.hourlyFactors = (0..<24).map { $0 == 15 ? 1.6 : 1.0 }
        let network = try Network(validating: model)
        let engine = OutageImpactEngine(network: network)
        let zone = network.topology.zoneOfSection[1]
        let short = engine.plannedOutagePlan(zone: zone, workHours: 1, backfeed: true, month: 4, startHour: 9, closedLoopTransfer: false)
        #expect(short.movedZones == [network.topology.zoneOfSection[2]])
        #expect(abs(short.demandFactor - 0.6) < 1e-12)
        let long = engine.plannedOutagePlan(zone: zone, workHours: 6, backfeed: true, month: 4, startHour: 9, closedLoopTransfer: false)
        #expect(long.movedZones.isEmpty)
        #expect(abs(long.demandFactor - 0.96) < 1e-12)
        // The hour-by-hour check agrees: LC's 2 MW moved over T in hour 15 is 1.92 MW against 4.5 − 2.88.
        let forced = TransferHeadroom.violations(short.transferLoads(in: network, startHours: 9).map { load in
            var wider = load
            wider.toHours = 18
            return wider
        }, month: 4, network: network)
        #expect(forced.contains { $0.hour == 15 && $0.element == .source(1) })
    }

    @Test func tiesFromOneFeederShareItsRatedSections() throws {
        // A second tie U from D's feeder to B: zones S2 (LB) and S3 (LC) die with S1's fault… here
        // both ties feed from F2 through S4, rated 4 MW carrying LD's 3 MW: 1 MW to share at peak.
        var model = HandCalculationTests.model(f2RatingMW: 20)
        model.sections[3].ratingMW = 4
        model.buses.append(Bus(id: "E"))
        model.sections.append(Section(id: "S5", from: "D", to: "E", kind: .cable, lengthKm: 1))
        model.ties.append(Tie(id: "U", busA: "B", busB: "E"))
        model.loadPoints[1].peakMW = 0.8
        model.loadPoints[2].peakMW = 0.8
        let network = try Network(validating: model)
        // Fault on S1 in July (factor 1): LB 0.8 MW and LC 0.8 MW could each come over a tie, but
        // S4 has 1 MW spare for both: only one zone is picked up.
        let impact = OutageImpactEngine(network: network).evaluate(.fault(section: 0, month: 7))
        let picked = impact.backfeed.transfers.reduce(0) { $0 + $1.zones.count }
        #expect(picked == 1)
    }

    @Test func outagesOfOneDayInterruptALoadPointOnce() throws {
        // Zone S2 out by outage (LB, LC dead 09:00 … 15:00 for 4 h of work with DS2 at 1 h) and
        // zone S3 out the same day (SW3, 1 h + 2 h + 1 h, 09:00 … 13:00): LC is dead once, 6 h.
        let network = try Network(validating: HandCalculationTests.model())
        let engine = OutageImpactEngine(network: network)
        let upper = engine.plannedOutagePlan(zone: network.topology.zoneOfSection[1], workHours: 4, backfeed: false, month: 4, startHour: 9, closedLoopTransfer: false)
        let lower = engine.plannedOutagePlan(zone: network.topology.zoneOfSection[2], workHours: 2, backfeed: false, month: 4, startHour: 9, closedLoopTransfer: false)
        let replay = SwitchingReplay(network: network).replay([PlannedOutageSteps(plan: upper, startHours: 9), PlannedOutageSteps(plan: lower, startHours: 9)])
        #expect(names(network, replay) == ["LB": [6], "LC": [6]])
        var totals = PlannedInterruptionTotals(loadPoints: 4)
        totals.add(replay.interruptions)
        #expect(totals.customerInterruptions(in: network) == 250)
        #expect(totals.customerHours(in: network) == 250 * 6)
    }

    @Test func closedLoopTransferInterruptsNobodyMoved() throws {
        let network = try Network(validating: HandCalculationTests.model())
        let engine = OutageImpactEngine(network: network)
        let plan = engine.plannedOutagePlan(zone: network.topology.zoneOfSection[1], workHours: 4, backfeed: true, month: 4, startHour: 9, closedLoopTransfer: true)
        let steps = plan.operations.map { "\($0.atHours) \($0.action.rawValue) \($0.element.label(in: network))" }
        #expect(steps == ["0.0 close T", "1.0 open SW3", "1.0 open DS2", "7.0 close DS2", "7.0 close SW3", "8.0 open T"])
        let replay = SwitchingReplay(network: network).replay([PlannedOutageSteps(plan: plan, startHours: 9)])
        #expect(names(network, replay) == ["LB": [6]])
    }
}
