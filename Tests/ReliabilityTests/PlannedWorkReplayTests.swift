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

    /// Step times rounded to 10⁻⁹ h, as "hours action element".
    func steps(_ plan: PlannedOutagePlan, _ network: Network) -> [String] {
        plan.operations.map { "\(rounded($0.atHours)) \($0.action.rawValue) \($0.element.label(in: network))" }
    }

    func rounded(_ hours: Double) -> Double { (hours * 1e9).rounded() / 1e9 }

    @Test func transferStepsAndTimesFollowTheSequence() throws {
        // Work 4 h on zone S2 by transfer starting 09:00, one switching team; a manual step takes
        // 1 h (travel, then 5 min to operate), CB1 is remote (0.05 h). SW3 breaks load, so LC
        // moves while S2 is live: open SW3 (1), close T (2). DS2 is a disconnector: the team drives
        // to it (55 min, 2.91667), the control room opens CB1 (2.96667), the team opens DS2 dead
        // (3.05), CB1 closes (3.1). Work 3.1 … 7.1. Back: drive to DS2 (8.01667), open CB1
        // (8.06667), close DS2 (8.15), close CB1 (8.2); open T (9.2), close SW3 (10.2).
        let network = try Network(validating: HandCalculationTests.model())
        let engine = OutageImpactEngine(network: network)
        let zone = network.topology.zoneOfSection[1]
        let plan = engine.plannedOutagePlan(zone: zone, workHours: 4, backfeed: true, month: 4, startHour: 9, closedLoopTransfer: false)
        #expect(steps(plan, network) == [
            "1.0 open SW3", "2.0 close T", "2.966666667 open CB1", "3.05 open DS2", "3.1 close CB1",
            "8.066666667 open CB1", "8.15 close DS2", "8.2 close CB1", "9.2 open T", "10.2 close SW3",
        ])
        #expect(rounded(plan.workStartHours) == 3.1 && rounded(plan.workEndHours) == 7.1 && rounded(plan.endHours) == 10.2)
        let replay = SwitchingReplay(network: network).replay([PlannedOutageSteps(plan: plan, startHours: 9)])
        #expect(replay.leftOffNormal.isEmpty && replay.deadAtEnd.isEmpty)
        // LA: CB1 open twice (8 min each); LB: from CB1 open to CB1 closed after the work; LC:
        // moved and moved back, 1 h each.
        #expect(replay.interruptions.map { [rounded($0.startHours), rounded($0.endHours)] } == [
            [11.966666667, 12.1], [17.066666667, 17.2], [11.966666667, 17.2], [10, 11], [18.2, 19.2],
        ])
    }

    @Test func fuseCutOutIsOperatedAfterTheLowVoltageSideIsOpened() throws {
        // A fuse cut-out cannot break load: on a zone with no zone below and few load points,
        // the team drives to it (55 min), opens the low-voltage side of each load point (5 min
        // each) and then the cut-out (5 min). Back: drive out again, close the cut-out, then the
        // low-voltage side.
        // The lateral: A — S5 (fuse FU5) — E, load point LE.
        var model = HandCalculationTests.model()
        model.buses.append(Bus(id: "E"))
        model.sections.append(Section(id: "S5", from: "A", to: "E", kind: .cable, lengthKm: 1))
        model.devices.append(SwitchingDevice(id: "FU5", kind: .fuse, section: "S5", end: .from))
        model.loadPoints.append(LoadPoint(id: "LE", bus: "E", customers: 10, averageMW: 0.1, peakMW: 0.2))
        let network = try Network(validating: model)
        let plan = OutageImpactEngine(network: network).plannedOutagePlan(
            zone: network.topology.zoneOfSection[4], workHours: 2, backfeed: false, month: 4, startHour: 9, closedLoopTransfer: false)
        #expect(steps(plan, network) == ["1.0 open LE low-voltage side", "1.083333333 open FU5", "4.083333333 close FU5", "4.166666667 close LE low-voltage side"])
        #expect(plan.lowVoltageShed == [4] && plan.upstreamBreaker == nil)
        let replay = SwitchingReplay(network: network).replay([PlannedOutageSteps(plan: plan, startHours: 0)])
        #expect(replay.leftOffNormal.isEmpty)
        // LD is dead from its low-voltage side opening to its closing: one interruption.
        #expect(replay.interruptions.map { [rounded($0.startHours), rounded($0.endHours)] } == [[1, 4.166666667]])
    }

    @Test func headroomIsCheckedAtTheHeaviestHourTheTieCarriesTheLoad() throws {
        // F2 rated 4.5 MW: in April (0.6) the tie has 4.5 − 3 × 0.6 × h MW spare and LC needs
        // 2 × 0.6 × h, which fits while the hourly factor h ≤ 1.5. Hour 17 has h = 1.6. A 1 h job
        // keeps the tie closed 11:00 … 15:12 (LC moves before S2 is isolated and back after):
        // LC moves. A 6 h job keeps it closed 11:00 … 20:12, through 17:00: LC stays out,
        // although 11:00 alone (h = 1) would have allowed it.
        var model = HandCalculationTests.model(f2RatingMW: 4.5)
        model.loadProfile.hourlyFactors = (0..<24).map { $0 == 17 ? 1.6 : 1.0 }
        let network = try Network(validating: model)
        let engine = OutageImpactEngine(network: network)
        let zone = network.topology.zoneOfSection[1]
        let short = engine.plannedOutagePlan(zone: zone, workHours: 1, backfeed: true, month: 4, startHour: 9, closedLoopTransfer: false)
        #expect(short.movedZones == [network.topology.zoneOfSection[2]])
        #expect(abs(short.demandFactor - 0.6) < 1e-12)
        let long = engine.plannedOutagePlan(zone: zone, workHours: 6, backfeed: true, month: 4, startHour: 9, closedLoopTransfer: false)
        #expect(long.movedZones.isEmpty)
        #expect(abs(long.demandFactor - 0.96) < 1e-12)
        // The hour-by-hour check agrees: LC's 2 MW moved over T in hour 17 is 1.92 MW against 4.5 − 2.88.
        let forced = TransferHeadroom.violations(short.transferLoads(in: network, startHours: 9).map { load in
            var wider = load
            wider.toHours = 18
            return wider
        }, month: 4, network: network)
        #expect(forced.contains { $0.hour == 17 && $0.element == .source(1) })
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
        // Zone S2 out by outage (DS2 opened while CB1 is open, 09:58 … 10:06; SW3 below opened at
        // 11:06 as T lies below; work 11:06 … 15:06; back by 17:12) and zone S3 out the same day
        // (SW3: 10:00 … 13:00): LB and LC are dead once, 09:58 … 17:12; LA twice for 8 min.
        let network = try Network(validating: HandCalculationTests.model())
        let engine = OutageImpactEngine(network: network)
        let upper = engine.plannedOutagePlan(zone: network.topology.zoneOfSection[1], workHours: 4, backfeed: false, month: 4, startHour: 9, closedLoopTransfer: false)
        let lower = engine.plannedOutagePlan(zone: network.topology.zoneOfSection[2], workHours: 2, backfeed: false, month: 4, startHour: 9, closedLoopTransfer: false)
        let replay = SwitchingReplay(network: network).replay([PlannedOutageSteps(plan: upper, startHours: 9), PlannedOutageSteps(plan: lower, startHours: 9)])
        #expect(replay.interruptions.map { [Double($0.loadPoint), rounded($0.startHours), rounded($0.endHours)] } == [
            [0, 9.966666667, 10.1], [0, 17.066666667, 17.2], [1, 9.966666667, 17.2], [2, 9.966666667, 17.2],
        ])
        var totals = PlannedInterruptionTotals(loadPoints: 4)
        totals.add(replay.interruptions)
        #expect(totals.customerInterruptions(in: network) == 2 * 100 + 50 + 200)
    }

    @Test func closedLoopTransferInterruptsNobodyMoved() throws {
        let network = try Network(validating: HandCalculationTests.model())
        let engine = OutageImpactEngine(network: network)
        let plan = engine.plannedOutagePlan(zone: network.topology.zoneOfSection[1], workHours: 4, backfeed: true, month: 4, startHour: 9, closedLoopTransfer: true)
        // Make before break: close T (1), open SW3 (2; LC stays fed over T), DS2 around CB1
        // (2.96667 … 3.1), work 3.1 … 7.1, DS2 around CB1 (8.06667 … 8.2), close SW3 (9.2),
        // open T (10.2). LC sees nothing; LB is out 2.96667 … 8.2; LA twice for 8 min.
        #expect(steps(plan, network) == [
            "1.0 close T", "2.0 open SW3", "2.966666667 open CB1", "3.05 open DS2", "3.1 close CB1",
            "8.066666667 open CB1", "8.15 close DS2", "8.2 close CB1", "9.2 close SW3", "10.2 open T",
        ])
        let replay = SwitchingReplay(network: network).replay([PlannedOutageSteps(plan: plan, startHours: 9)])
        #expect(replay.interruptions.map { [Double($0.loadPoint), rounded($0.hours)] } == [[0, 0.133333333], [0, 0.133333333], [1, 5.233333333]])
    }
}
