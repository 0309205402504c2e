import GridModel

extension OutageImpactEngine {
    /// The switching plan of planned work on `zone` (see ``PlannedOutagePlan`` for the sequence
    /// and its times).
    ///
    /// With `backfeed`, the load below the zone is picked up over ties
    /// (``GridModel/Network/planBackfeed(deadRoots:factor:isZoneUnavailable:)``) within headroom
    /// at the heaviest hour the ties carry it: the plan is made at the factor of the heaviest
    /// hour of the work window, and made again at a heavier factor while the ties' closed
    /// windows reach a heavier hour (the factor only grows, so this ends).
    public func plannedOutagePlan(
        zone: Int, workHours: Double, backfeed: Bool, month: Int, startHour: Int?, closedLoopTransfer: Bool,
        switchingScale: Double = 1
    ) -> PlannedOutagePlan {
        let topology = network.topology
        let entry = topology.zones[zone].entryDevices.sorted()
        let isolation: [SwitchingElement] = entry.isEmpty ? [.feederBay(zone: zone)] : entry.map { .device($0) }
        var isolationHours = 0.0
        for element in isolation { isolationHours = max(isolationHours, element.switchingHours(in: network)) }
        isolationHours *= switchingScale
        let start = startHour.map(Double.init)
        let profile = network.loadProfile

        var plan = PlannedOutagePlan(
            zone: zone, backfeedRequested: backfeed, closedLoopTransfer: closedLoopTransfer, month: month, startHour: startHour,
            workHours: workHours, demandFactor: profile.heaviestFactor(month: month, fromHours: start, toHours: (start ?? 0) + 2 * isolationHours + workHours),
            backfeed: BackfeedPlan(), isolation: isolation, isolationSwitchingHours: isolationHours, transferSwitchingHours: 0,
            operations: [], workStartHours: 0, workEndHours: 0, endHours: 0, deadForWorkZones: [])
        let subtreeEnd = topology.zones[zone].subtreeEnd
        if backfeed && zone + 1 < subtreeEnd && subtreeHasTie(zone) {
            let roots = children(of: zone)
            while true {
                plan.backfeed = network.planBackfeed(deadRoots: roots, factor: plan.demandFactor) { $0 == zone }
                for k in plan.backfeed.transfers.indices { plan.backfeed.transfers[k].switchingHours *= switchingScale }
                schedule(&plan, scale: switchingScale)
                var needed = plan.demandFactor
                for k in plan.backfeed.transfers.indices {
                    let window = plan.tieClosedWindow(k)
                    needed = max(needed, profile.heaviestFactor(month: month, fromHours: start.map { $0 + window.from }, toHours: (start ?? 0) + window.to))
                }
                if needed <= plan.demandFactor { break }
                plan.demandFactor = needed
            }
            plan.deadForWorkZones = [zone] + plan.backfeed.unrestoredZones
        } else {
            schedule(&plan, scale: switchingScale)
            plan.deadForWorkZones = Array(zone..<subtreeEnd)
        }
        return plan
    }

    /// Fills the operations and times of `plan` (``SwitchingSequencer``).
    private func schedule(_ plan: inout PlannedOutagePlan, scale: Double) {
        var sequencer = SwitchingSequencer(network: network, scale: scale) { zoneOrSubtreeHasTie($0) }
        sequencer.sequence(&plan)
        var slowest = 0.0
        for transfer in plan.backfeed.transfers { slowest = max(slowest, transfer.switchingHours) }
        plan.transferSwitchingHours = slowest
    }

    /// The interruptions of one planned outage alone (its switching replayed on the network),
    /// as an impact: one entry per interruption (a load point moved over a tie with open
    /// transition appears twice: going and coming back).
    func plannedImpact(_ plan: PlannedOutagePlan, into impact: inout OutageImpact) {
        let replay = SwitchingReplay(network: network).replay([PlannedOutageSteps(plan: plan, startHours: 0)])
        impact.isolatedZone = plan.zone
        impact.isolatingDevices = plan.isolation.compactMap { if case .device(let d) = $0 { return d } else { return nil } }
        impact.zoneOutageHours = plan.workZoneDeadToHours - plan.workZoneDeadFromHours
        impact.backfeed = plan.backfeed
        var tieOfZone: [Int: Int] = [:]
        for transfer in plan.backfeed.transfers { for zone in transfer.zones { tieOfZone[zone] = transfer.tie } }
        let zoneOfLoadPoint = network.topology.zoneOfLoadPoint
        for interruption in replay.interruptions {
            let stage: RestorationStage
            if interruption.startHours <= plan.workStartHours + 1e-12 && interruption.endHours >= plan.workEndHours - 1e-12 {
                stage = .outForWork
            } else if interruption.endHours <= plan.workStartHours + 1e-12 {
                stage = .transferSwitching
            } else {
                stage = .returnSwitching
            }
            let tie = stage == .outForWork ? -1 : tieOfZone[zoneOfLoadPoint[interruption.loadPoint]] ?? -1
            impact.append(interruption.loadPoint, hours: interruption.hours, stage, tie: tie)
        }
    }
}
