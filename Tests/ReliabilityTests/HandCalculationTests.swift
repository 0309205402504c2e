import GridModel
import Reliability
import Testing

/// Small networks whose answers are worked out by hand in the comments.
///
///     F1: SRC1 =CB1(remote)= S1 — A =DS2= S2 — B =SW3= S3 — C        LA at A, LB at B, LC at C
///     F2: SRC2 =CB2(remote)= S4 — D                                    LD at D
///     tie T (manual, 1 h): C – D
///
/// Cables 1 km each, 0.1 failures/km·yr, repair 10 h; manual switching 1 h, remote 0.05 h.
/// Peak demand: LA 2 MW, LB 1 MW, LC 2 MW, LD 3 MW (averages half of that).
struct HandCalculationTests {
    static func model(f2RatingMW: Double = 5.5) -> NetworkModel {
        var model = NetworkModel(name: "hand")
        model.defaults.sections[.cable] = SectionKindDefaults(failureRate: 0.1, repairHours: 10)
        model.defaults.sections[.transformer] = SectionKindDefaults(failureRate: 0.02, repairHours: 100)
        model.loadProfile.monthlyFactors = [0.7, 0.7, 0.65, 0.6, 0.7, 0.85, 1.0, 0.95, 0.8, 0.65, 0.7, 0.75]
        model.buses = ["SRC1", "A", "B", "C", "SRC2", "D"].map { Bus(id: BusID($0)) }
        model.sources = [Source(id: "F1", bus: "SRC1", ratingMW: 10), Source(id: "F2", bus: "SRC2", ratingMW: f2RatingMW)]
        model.sections = [
            Section(id: "S1", from: "SRC1", to: "A", kind: .cable, lengthKm: 1),
            Section(id: "S2", from: "A", to: "B", kind: .cable, lengthKm: 1),
            Section(id: "S3", from: "B", to: "C", kind: .cable, lengthKm: 1),
            Section(id: "S4", from: "SRC2", to: "D", kind: .cable, lengthKm: 1),
        ]
        model.devices = [
            SwitchingDevice(id: "CB1", kind: .breaker, section: "S1", end: .from, control: .remote),
            SwitchingDevice(id: "DS2", kind: .disconnector, section: "S2", end: .from),
            SwitchingDevice(id: "SW3", kind: .loadBreakSwitch, section: "S3", end: .from),
            SwitchingDevice(id: "CB2", kind: .breaker, section: "S4", end: .from, control: .remote),
        ]
        model.ties = [Tie(id: "T", busA: "C", busB: "D")]
        model.loadPoints = [
            LoadPoint(id: "LA", bus: "A", customers: 100, averageMW: 1, peakMW: 2),
            LoadPoint(id: "LB", bus: "B", customers: 50, averageMW: 0.5, peakMW: 1),
            LoadPoint(id: "LC", bus: "C", customers: 200, averageMW: 1, peakMW: 2),
            LoadPoint(id: "LD", bus: "D", customers: 10, averageMW: 1.5, peakMW: 3),
        ]
        return model
    }

    /// Hours seen by each load point (by id) in one fault of `section` in `month`.
    static func faultHours(_ network: Network, section: String, month: Int = 7) -> [String: Double] {
        let engine = OutageImpactEngine(network: network)
        let impact = engine.evaluate(.fault(section: network.sectionIndex[SectionID(section)]!, month: month))
        var hours: [String: Double] = [:]
        for k in 0..<impact.count { hours[network.model.loadPoints[impact.loadPoints[k]].id.rawValue] = impact.hours[k] }
        return hours
    }

    @Test func partialRestorationWhenHeadroomCoversOnlyPart() throws {
        // Fault on S1 in July (factor 1): CB1 trips, LA waits the 10 h repair. Downstream, the tie
        // brings F2's headroom 5.5 − 3 = 2.5 MW: LC's zone (2 MW) fits, leaving 0.5 MW, so LB's
        // zone (1 MW) stays dead and waits 10 h. LC is back after max(tie 1 h, open SW3 1 h) = 1 h.
        let network = try Network(validating: Self.model())
        #expect(Self.faultHours(network, section: "S1") == ["LA": 10, "LB": 10, "LC": 1])
        let impact = OutageImpactEngine(network: network).evaluate(.fault(section: 0, month: 7))
        #expect(impact.backfeed.transfers.count == 1)
        #expect(abs(impact.backfeed.transfers[0].loadMW - 2) < 1e-12)
        #expect(impact.stages[impact.loadPoints.firstIndex(of: 1)!] == .waitedForRepair)
        #expect(impact.stages[impact.loadPoints.firstIndex(of: 2)!] == .backfedOverTie)
        // With room for both (rating 6.5 → headroom 3.5 MW ≥ 2 + 1), LB is back after
        // max(tie 1 h, open DS2 1 h) = 1 h too.
        let roomy = try Network(validating: Self.model(f2RatingMW: 6.5))
        #expect(Self.faultHours(roomy, section: "S1") == ["LA": 10, "LB": 1, "LC": 1])
    }

    @Test func tieShortOfHeadroomInThePeakMonthButNotInALightMonth() throws {
        // F2 rated 4.5 MW. July (factor 1.0): headroom 4.5 − 3 = 1.5 MW < LC's 2 MW: nothing can
        // be back-fed, LB and LC wait 10 h. April (factor 0.6): headroom 4.5 − 1.8 = 2.7 MW ≥
        // LC 1.2 + LB 0.6 = 1.8 MW: both are back after 1 h.
        let network = try Network(validating: Self.model(f2RatingMW: 4.5))
        #expect(Self.faultHours(network, section: "S1", month: 7) == ["LA": 10, "LB": 10, "LC": 10])
        #expect(Self.faultHours(network, section: "S1", month: 4) == ["LA": 10, "LB": 1, "LC": 1])
        // The analytical evaluation follows the chosen month: U of LC over the year, from faults
        // on S1 and S2 (each 0.1/yr): July 0.1 × 10 + 0.1 × 10 + own zone 0.1 × 10 = 3.0 h;
        // April 0.1 × 1 + 0.1 × 1 + 0.1 × 10 = 1.2 h.
        let july = AnalyticalEvaluation.evaluate(network, headroomMonth: .month(7))
        let april = AnalyticalEvaluation.evaluate(network, headroomMonth: .month(4))
        let lc = network.loadPointIndex["LC"]!
        #expect(abs(july.loadPoints[lc].hoursPerYear - 3.0) < 1e-12)
        #expect(abs(april.loadPoints[lc].hoursPerYear - 1.2) < 1e-12)
        // The peak month is July, so .peak equals .month(7).
        #expect(AnalyticalEvaluation.evaluate(network).loadPoints[lc] == july.loadPoints[lc])
    }

    @Test func remoteSwitchingRestoresFasterThanManual() throws {
        // Fault on S2: CB1 trips (DS2 is not protective). LA comes back when DS2 is open and CB1
        // reclosed: manual DS2 → max(1, 0.05) = 1 h; remote DS2 → 0.05 h (3 minutes). LB waits
        // 10 h. LC is back-fed after max(open SW3, close T): 1 h manual, 0.05 h when both remote.
        var model = Self.model(f2RatingMW: 10)
        let manual = try Network(validating: model)
        #expect(Self.faultHours(manual, section: "S2") == ["LA": 1, "LB": 10, "LC": 1])
        model.devices[1].control = .remote
        model.devices[2].control = .remote
        model.ties[0].control = .remote
        let remote = try Network(validating: model)
        #expect(Self.faultHours(remote, section: "S2") == ["LA": 0.05, "LB": 10, "LC": 0.05])
    }

    @Test func fuseLimitsTheInterruptionToItsBranch() throws {
        // With the disconnector, faults on S1, S2 and S3 all trip CB1: λ(LA) = 3 × 0.1 = 0.3.
        // With a fuse in its place, faults on S2 and S3 blow the fuse and LA sees only S1's: 0.1.
        var model = Self.model(f2RatingMW: 10)
        let la = 0
        let withBreakerOnly = AnalyticalEvaluation.evaluate(try Network(validating: model))
        #expect(abs(withBreakerOnly.loadPoints[la].interruptionsPerYear - 0.3) < 1e-12)
        model.devices[1] = SwitchingDevice(id: "FU2", kind: .fuse, section: "S2", end: .from)
        let fused = try Network(validating: model)
        let withFuse = AnalyticalEvaluation.evaluate(fused)
        #expect(abs(withFuse.loadPoints[la].interruptionsPerYear - 0.1) < 1e-12)
        // LA's U: its own zone 0.1 × 10 = 1 h, plus S2/S3 faults with the breaker only
        // (1 h each at 0.1/yr) = 1.2 h; with the fuse just 1 h.
        #expect(abs(withBreakerOnly.loadPoints[la].hoursPerYear - 1.2) < 1e-12)
        #expect(abs(withFuse.loadPoints[la].hoursPerYear - 1.0) < 1e-12)
        let impact = OutageImpactEngine(network: fused).evaluate(.fault(section: 2, month: 7))
        #expect(impact.trippedDevice == fused.deviceIndex["FU2"])
    }

    @Test func transformerReplacedRatherThanRepaired() throws {
        // LC moves behind a transformer (C → CLV): 0.02 failures/yr. Repaired: 0.02 × 100 h = 2 h/yr
        // of LC's U; replaced from a spare in 8 h: 0.02 × 8 = 0.16 h/yr.
        var model = Self.model(f2RatingMW: 10)
        model.buses.append(Bus(id: "CLV"))
        model.sections.append(Section(id: "TX", from: "C", to: "CLV", kind: .transformer, lengthKm: 0))
        model.loadPoints[2].bus = "CLV"
        let repaired = try Network(validating: model)
        let lc = 2
        let base = AnalyticalEvaluation.evaluate(repaired).loadPoints[lc].hoursPerYear
        #expect(Self.faultHours(repaired, section: "TX")["LC"] == 100)
        model.sections[4].replacementHours = 8
        let replaced = try Network(validating: model)
        #expect(Self.faultHours(replaced, section: "TX")["LC"] == 8)
        let after = AnalyticalEvaluation.evaluate(replaced).loadPoints[lc].hoursPerYear
        #expect(abs((base - after) - (2 - 0.16)) < 1e-12)
    }

    @Test func plannedWorkTransfersOrCutsDownstreamLoad() throws {
        // Work on zone S2 ({S2, B}) for 4 h, one switching team (a manual step: 55 min travel +
        // 5 min). DS2 is a disconnector: it is opened and closed while the remote CB1 is open
        // (0.05 h each way), so LA is out twice for 0.05 + 5 min + 0.05 = 8 min. By transfer (SW3
        // breaks load): LC moves first (open SW3, close T: out 1 h), LB is out from CB1's opening
        // to its closing after the work, 5.2333 h, and LC comes back after S2 (open T, close SW3:
        // 1 h). By outage: SW3 is opened below S2 too (T lies below), so LB and LC are out from
        // 0.9667 to 8.2 h. Closed-loop transfer: LC not at all.
        let network = try Network(validating: Self.model(f2RatingMW: 10))
        let engine = OutageImpactEngine(network: network)
        let zone = network.topology.zoneOfSection[1]
        func hours(_ impact: OutageImpact) -> [String: [Double]] {
            var result: [String: [Double]] = [:]
            for k in 0..<impact.count {
                result[network.model.loadPoints[impact.loadPoints[k]].id.rawValue, default: []].append((impact.hours[k] * 1e9).rounded() / 1e9)
            }
            return result
        }
        let brief = 0.133333333
        let transfer = engine.evaluate(OutageEvent(cause: .plannedWork(zone: zone, workHours: 4, backfeed: true), month: 4))
        #expect(hours(transfer) == ["LA": [brief, brief], "LB": [5.233333333], "LC": [1, 1]])
        #expect(transfer.stages == [.transferSwitching, .returnSwitching, .outForWork, .transferSwitching, .returnSwitching])
        let outage = engine.evaluate(OutageEvent(cause: .plannedWork(zone: zone, workHours: 4, backfeed: false), month: 4))
        #expect(hours(outage) == ["LA": [brief, brief], "LB": [7.233333333], "LC": [7.233333333]])
        let closedLoop = engine.evaluate(OutageEvent(cause: .plannedWork(zone: zone, workHours: 4, backfeed: true), month: 4, closedLoopTransfer: true))
        #expect(hours(closedLoop) == ["LA": [brief, brief], "LB": [5.233333333]])
    }

    @Test func networkWithoutFailureDataWarnsThatIndicesAreZero() throws {
        var model = Self.model()
        model.defaults = .builtIn
        let result = AnalyticalEvaluation.evaluate(try Network(validating: model))
        #expect(result.system.saifi == 0 && result.system.saidi == 0)
        #expect(result.warnings == [
            "every failure rate in the network is zero, so every index is zero because its inputs are zero: the network gives no failure data; set defaults.sections.<kind>.failuresPerKmYear (failuresPerYear for transformers) or rates per section"
        ])
    }
}
