import GridModel
import Testing

/// Topology of Fixtures/good/two-feeders.json, worked out by hand:
///
///     F1: SRC1 =CB1= S1 — A =DS2= S2 — B =FU3= S3 — C — T1 — CL(LP1)      LP3 at B
///     F2: SRC2 =CB2= S4 — D — S5 — E(LP2)                                  tie T: B–E
struct TopologyTests {
    let network: Network
    init() throws { network = try Fixtures.network("good/two-feeders.json") }

    func section(_ id: String) -> Int { network.sectionIndex[SectionID(id)]! }
    func zoneOf(_ id: String) -> Int { network.topology.zoneOfSection[section(id)] }

    @Test func zonesAreNumberedInPreorder() {
        let topology = network.topology
        #expect(topology.zones.count == 4)
        #expect([zoneOf("S1"), zoneOf("S2"), zoneOf("S3"), zoneOf("T1"), zoneOf("S4"), zoneOf("S5")] == [0, 1, 2, 2, 3, 3])
        #expect(topology.zones.map(\.parent) == [-1, 0, 1, -1])
        #expect(topology.zones.map(\.subtreeEnd) == [3, 3, 3, 4])
        #expect(topology.rootZones(ofFeeder: 0) == [0])
    }

    @Test func orientationAndProtection() {
        let topology = network.topology
        #expect(topology.upstreamBus[section("S3")] == network.busIndex["B"])
        let protective = ["S1", "S2", "S3", "T1", "S4", "S5"].map { network.model.devices[topology.protectiveDeviceOfSection[section($0)]].id.rawValue }
        #expect(protective == ["CB1", "CB1", "FU3", "FU3", "CB2", "CB2"])
    }

    @Test func loadPointsAreGroupedBySubtree() {
        let topology = network.topology
        let ids = topology.loadPointOrder.map { network.model.loadPoints[$0].id.rawValue }
        #expect(ids == ["LP3", "LP1", "LP2"])
        #expect(topology.loadPointRange(zones: 1, 3) == 0..<2)
        #expect(topology.loadPointRange(zones: 3, 4) == 2..<3)
    }

    @Test func flowsAndHeadroom() {
        let topology = network.topology
        #expect(abs(topology.sectionPeakFlowMW[section("S1")] - 0.8) < 1e-12)
        #expect(abs(topology.sectionPeakFlowMW[section("S3")] - 0.5) < 1e-12)
        // Tie T fed from E (F2): source 8 MW − F2 peak 1.2 MW = 6.8 MW; fed from B: 8 − 0.8 = 7.2.
        #expect(abs(network.tieHeadroomMW(tie: 0, supplyingSide: 1, factor: 1) - 6.8) < 1e-12)
        #expect(abs(network.tieHeadroomMW(tie: 0, supplyingSide: 0, factor: 0.5) - 7.6) < 1e-12)
    }

    @Test func capabilityFigures() {
        let summary = network.summary()
        #expect(summary.tieRate == 1)
        #expect(summary.n1TransferableRate == 1)
        #expect(summary.overheadInsulationRate == 0)
        #expect(abs(summary.cableRate! - 3.5 / 3.8) < 1e-12)
    }

    @Test func partialBackfeedTakesWholeZonesWhileHeadroomLasts() throws {
        var model = network.model
        model.ties[0].capacityMW = 0.6
        let limited = try Network(validating: model)
        // F1 head lost: the tie reaches zone 1 (LP3, 0.3 MW) first, then zone 0 (no load);
        // zone 2 (LP1, 0.5 MW) no longer fits in the 0.3 MW left.
        let plan = limited.planBackfeed(deadRoots: [0], factor: 1)
        #expect(plan.transfers.count == 1)
        #expect(plan.transfers[0].zones == [1, 0])
        #expect(abs(plan.transfers[0].loadMW - 0.3) < 1e-12)
        #expect(plan.unrestoredZones == [2])
        #expect(plan.transfers[0].devicesOpened.map { limited.model.devices[$0].id.rawValue } == ["CB1", "FU3"])
        #expect(plan.transfers[0].switchingHours == 1.0)
        // Neither whole feeder (0.8 MW, 1.2 MW) fits through 0.6 MW.
        #expect(limited.summary().n1TransferableRate == 0)
    }

    @Test func sensitiveZonesGoFirstThenMostCustomersPerMW() throws {
        var model = network.model
        // LP3 (15 customers, 0.3 MW) moves to bus A (zone 0); the tie at B reaches zone 1 (no
        // load) first, then zone 0 and zone 2 (LP1: 120 customers, 0.5 MW) compete for 0.55 MW.
        model.loadPoints[2].bus = "A"
        model.ties[0].capacityMW = 0.55
        let byDensity = try Network(validating: model).planBackfeed(deadRoots: [0], factor: 1)
        #expect(byDensity.transfers[0].zones == [1, 2])
        #expect(byDensity.unrestoredZones == [0])
        model.loadPoints[2].sensitive = true
        let byPriority = try Network(validating: model).planBackfeed(deadRoots: [0], factor: 1)
        #expect(byPriority.transfers[0].zones == [1, 0])
        #expect(byPriority.unrestoredZones == [2])
    }
}
