import Foundation
import GridModel
import Planner
import Reliability
import Testing

/// Switching orders as a dispatcher reads them (docs/switching-orders.md), on the hand network of
/// PlannerFixtures and on RBTS Bus 2.
struct SwitchingOrderTests {
    func kinds(_ steps: [SwitchingStep]) -> [String] {
        steps.map { "\($0.kind.rawValue) \($0.element ?? "")".trimmingCharacters(in: .whitespaces) }
    }

    @Test func zoneBoundedByATieLocksTheTieAndEarthsBothSides() throws {
        // Zone S3 (LC at C) meets F2 at tie T: SW3 is opened, T confirmed open and locked, and both
        // are tested and earthed before the permit; afterwards in reverse.
        let result = try PlannerFixtures.plan(PlannerFixtures.scenario([
            PlannerFixtures.job("J1", "S3", hours: 4, from: "2027-04-05", to: "2027-04-16", methods: [.outage]),
        ]))
        let order = try #require(result.switchingOrders().first)
        #expect(kinds(order.steps) == [
            "open SW3", "lockOpen T", "testForDead SW3", "applyEarth SW3", "testForDead T", "applyEarth T", "issuePermit", "work",
            "cancelPermit", "removeEarth T", "removeEarth SW3", "unlock T", "close SW3",
        ])
        #expect(order.steps.first?.by == "switching team")
        #expect(order.steps.first { $0.kind == .issuePermit }?.atHours == 1)
        #expect(order.steps.last?.atHours == 6)
    }

    @Test func transformerJobIsIsolatedOnBothSides() throws {
        // A job on transformer T-LP15 alone (RBTS Bus 2): its zone is lateral S25 behind fuse
        // cut-out FU-S25, which cannot break load. The team opens LP15's low-voltage side (that
        // is also the transformer's low-voltage isolation), then the cut-out; both sides are
        // tested and earthed before the permit, and everything comes back in reverse.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let network = try Network.load(path: root.appendingPathComponent("networks/rbts-bus2.json").path).network
        var policy = PlanningPolicy.standard
        policy.notificationLeadDays = 0
        let job = Job(id: "TX", workType: .transformerReplacement, section: "T-LP15", durationHours: 3, earliest: CivilDate("2027-04-05")!,
                      latest: CivilDate("2027-04-09")!, mandatory: true, methods: [.outage])
        let scenario = Scenario(name: "tx", start: CivilDate("2027-04-01")!, end: CivilDate("2027-04-30")!, policy: policy,
                                resources: ResourcePool(liveTeams: [0, 1, 1, 1], bucketTrucks: 1, bypassCableSets: 1, outageCrews: 1), jobs: [job])
        let result = Planner.plan(try PlanningProblem(network: network, scenario: scenario), options: PlanOptions(timeLimitSeconds: 10))
        let order = try #require(result.switchingOrders().first)
        #expect(kinds(order.steps) == [
            "openLowVoltage LP15 low-voltage side", "open FU-S25", "testForDead FU-S25", "applyEarth FU-S25",
            "testForDead T-LP15 (low-voltage side)", "applyEarth T-LP15 (low-voltage side)", "issuePermit", "work", "cancelPermit",
            "removeEarth T-LP15 (low-voltage side)", "removeEarth FU-S25", "close FU-S25", "closeLowVoltage LP15 low-voltage side",
        ])
        #expect(result.evaluation.interruptions.enumerated().filter { $0.element > 0 }.map { network.model.loadPoints[$0.offset].id.rawValue } == ["LP15"])
    }

    @Test func closedLoopTransferOnlyWhereTheBoundaryBreaksLoad() throws {
        // SW3 (load-break switch) bounds the moved zone: with closed-loop transfer allowed, T is
        // closed before SW3 opens and LC is never interrupted. Make SW3 a disconnector and the
        // transfer goes break-before-make after S2 is dead, LC interrupted going and coming back.
        var allowed = PlannerFixtures.scenario([
            PlannerFixtures.job("J1", "S2", hours: 4, from: "2027-04-20", to: "2027-04-20", methods: [.transfer], type: .conductorRepair),
        ])
        allowed.policy.closedLoopTransfer = true
        let loop = try PlannerFixtures.plan(allowed)
        let loopPlan = try #require(loop.evaluation.outages.first?.cost.plan)
        #expect(loopPlan.closedLoop == [true])
        #expect(loop.evaluation.interruptions[2] == 0)

        var model = try PlannerFixtures.network().model
        model.devices[2].kind = .disconnector
        let network = try Network(validating: model)
        let problem = try PlanningProblem(network: network, scenario: allowed)
        let open = Planner.plan(problem, options: PlanOptions(timeLimitSeconds: 10, relativeGap: 0))
        let plan = try #require(open.evaluation.outages.first?.cost.plan)
        #expect(plan.closedLoop == [false])
        let labels = plan.operations.map { "\($0.action.rawValue) \($0.element.label(in: network))" }
        // DS2 breaks load (marked load-break in the fixture): open it, SW3 dead, then close T.
        #expect(labels == ["open DS2", "open SW3", "close T", "open T", "close SW3", "close DS2"])
        #expect(open.evaluation.interruptions[2] == 2)
    }
}
