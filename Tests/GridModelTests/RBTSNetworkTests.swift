import GridModel
import Testing

/// networks/rbts-bus2*.json against the reference data in ../shared/reference/rbts (copied facts).
struct RBTSNetworkTests {
    @Test func caseAMatchesTheReferenceTotals() throws {
        let network = try Fixtures.bundledNetwork("rbts-bus2.json")
        let summary = network.summary()
        #expect(summary.feeders == 4)
        #expect(summary.lineSections == 36)
        #expect(summary.transformers == 20)
        #expect(summary.loadPoints == 22)
        #expect(summary.customers == 1908)
        #expect(abs(summary.averageMW - 12.291) < 1e-9)
        #expect(abs(summary.peakMW - 20.0006) < 1e-9)
        #expect(summary.ties == 2)
        #expect(abs(summary.kmOverheadBare - 26.15) < 1e-9)
        #expect(summary.zones == 36)
        #expect(summary.tieRate == 1)
    }

    @Test(arguments: ["rbts-bus2-case-b.json", "rbts-bus2-case-c.json", "rbts-bus2-case-d.json", "rbts-bus2-case-e.json", "rbts-bus2-case-f.json"])
    func variantsLoad(file: String) throws {
        let (network, warnings) = try Network.load(path: Fixtures.networkPath(file))
        #expect(warnings.isEmpty)
        #expect(network.model.loadPoints.count == 22)
        #expect(network.model.sections.filter { $0.kind != .transformer }.count == 36)
    }

    @Test func protectionFollowsTheModellingRules() throws {
        let network = try Fixtures.bundledNetwork("rbts-bus2.json")
        func protective(_ section: String) -> String? {
            let s = network.sectionIndex[SectionID(section)]!
            let d = network.topology.protectiveDeviceOfSection[s]
            return d >= 0 ? network.model.devices[d].id.rawValue : nil
        }
        #expect(protective("S1") == "CB-F1")
        #expect(protective("S4") == "CB-F1")
        #expect(protective("S10") == "CB-F1")
        #expect(protective("S2") == "FU-S2")
        #expect(protective("T-LP1") == "FU-S2")
        #expect(protective("S15") == "FU-S15")
    }

    @Test func transformerFailsInsideItsLateralZone() throws {
        let network = try Fixtures.bundledNetwork("rbts-bus2.json")
        let topology = network.topology
        let lateral = network.sectionIndex["S2"]!
        let transformer = network.sectionIndex["T-LP1"]!
        #expect(topology.zoneOfSection[lateral] == topology.zoneOfSection[transformer])
        let lp1 = network.loadPointIndex["LP1"]!
        #expect(topology.zoneOfLoadPoint[lp1] == topology.zoneOfSection[lateral])
        // Main section S1's zone ends at the disconnector at the upstream end of S4.
        let s1Zone = topology.zoneOfSection[network.sectionIndex["S1"]!]
        #expect(topology.zones[s1Zone].sections.map { network.model.sections[$0].id.rawValue } == ["S1"])
        #expect(topology.zones[s1Zone].entryDevices.map { network.model.devices[$0].id.rawValue } == ["CB-F1"])
    }

    @Test func tiesSitInTheLastMainZones() throws {
        let network = try Fixtures.bundledNetwork("rbts-bus2.json")
        let topology = network.topology
        let bs1 = network.tieIndex["BS1"]!
        #expect(topology.tieZones[bs1][0] == topology.zoneOfSection[network.sectionIndex["S10"]!])
        #expect(topology.tieZones[bs1][1] == topology.zoneOfSection[network.sectionIndex["S14"]!])
    }

    @Test func caseBHasNoFusesDisconnectorsOrTies() throws {
        let network = try Fixtures.bundledNetwork("rbts-bus2-case-b.json")
        #expect(network.model.devices.allSatisfy { $0.kind == .breaker })
        #expect(network.model.ties.isEmpty)
        #expect(network.topology.zones.count == 4)
    }
}
