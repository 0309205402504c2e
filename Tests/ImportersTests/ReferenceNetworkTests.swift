import Foundation
import GridModel
import Importers
import Reliability
import Testing

/// Every public network of the acceptance list imports, validates and matches counts read
/// independently with the OpenDSS engine (tools/reference_counts.py → reference-counts.csv).
struct ReferenceNetworkTests {
    @Test func theReferenceTableCoversTheAcceptanceList() {
        let names = Set(Fixtures.references.map(\.network))
        for expected in [
            "ieee13/IEEE13Nodeckt.dss", "ieee34/ieee34Mod1.dss", "ieee37/ieee37.dss", "ieee123/IEEE123Master.dss", "ieee123/IEEE123Switches.dss",
            "ieee8500/Master.dss", "epri-ckt5/Master_ckt5.dss", "epri-ckt7/Master_ckt7.dss", "epri-ckt24/master_ckt24.dss",
            "epri-j1/Master_noPV.dss", "epri-k1/Master_NoPV.dss", "epri-m1/Master_NoPV.dss", "baran33/case33bw.m", "case69/case69.m",
            "case70da/case70da.m", "case118zh/case118zh.m", "case136ma/case136ma.m",
        ] {
            #expect(names.contains(expected), "\(expected) missing from reference-counts.csv")
        }
    }

    @Test(arguments: Fixtures.references)
    func importMatchesTheReferenceCounts(_ reference: Fixtures.Reference) throws {
        let result = try Fixtures.importReference(reference)
        let network = try Network(validating: result.model, name: reference.network)
        let summary = network.summary()
        #expect(summary.buses == reference.buses)
        #expect(summary.lineSections == reference.lineSections)
        #expect(summary.transformers == reference.transformers)
        #expect(summary.loadPoints == reference.loadPoints)
        #expect(summary.ties == reference.ties)
        let fileSwitches = result.model.devices.filter { $0.kind == .loadBreakSwitch }.count
        #expect(fileSwitches == reference.switches)
        #expect(result.elementsRead["load"] == reference.loads)
        #expect(result.loadsMapped == reference.loads - reference.sourceLoads)
        // Every load left out is listed with its file and line.
        let leftOutLoads = result.unmapped.filter { $0.message.hasPrefix("load on") }
        #expect(leftOutLoads.count == reference.sourceLoads)
        #expect(leftOutLoads.allSatisfy { $0.line != nil })
        // The analytical evaluation runs and gives sane indices.
        let reliability = AnalyticalEvaluation.evaluate(network)
        #expect(reliability.system.saifi > 0 && reliability.system.saifi.isFinite)
        #expect(reliability.system.saidi > 0 && reliability.system.saidi.isFinite)
        #expect(reliability.system.customers == summary.customers)
        // The grouped evaluation equals the per-event reference on every imported network.
        let reference = AnalyticalEvaluation.evaluate(network, mode: .perEvent)
        let difference = ReliabilityComparison.largestRelativeDifference(reliability, reference)
        #expect(difference.value <= 1e-12, "\(difference.at) differs by \(difference.value)")
    }

    @Test func ieee123SwitchesVariantYieldsItsTwoTies() throws {
        let result = try OpenDSSImporter.importFile(path: Fixtures.path("networks/ieee123/IEEE123Switches.dss"))
        let ties = result.model.ties.map(\.id.rawValue).sorted()
        #expect(ties == ["sw7", "sw8"])
        // Both are loops inside the one feeder, closed by opening them in the file.
        #expect(result.model.ties.allSatisfy { $0.withinFeeder })
    }

    @Test func baran33YieldsItsFiveTieBranches() throws {
        let result = try MatpowerImporter.importFile(path: Fixtures.path("networks/baran33/case33bw.m"))
        let ties = result.model.ties.map { "\($0.busA.rawValue)-\($0.busB.rawValue)" }.sorted()
        #expect(ties == ["12-22", "18-33", "21-8", "25-29", "9-15"])
        // Loads are given in kW in this file (converted in code): 3715 kW in total.
        let totalMW = result.model.loadPoints.reduce(0) { $0 + $1.peakMW }
        #expect(abs(totalMW - 3.715) < 1e-9)
    }
}
