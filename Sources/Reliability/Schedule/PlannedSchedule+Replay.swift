import GridModel

extension PlannedSchedule {
    /// The switching steps of an outage: as the file gives them, or — when it gives none — the
    /// engine's plan for its zone, method and hours (``OutageImpactEngine/plannedOutagePlan(zone:workHours:backfeed:month:startHour:closedLoopTransfer:switchingScale:)``).
    public func steps(of outage: Outage, network: Network) -> [SwitchingOperation] {
        if let switching = outage.switching { return switching }
        guard let section = network.sectionIndex[outage.section] else { return [] }
        let plan = OutageImpactEngine(network: network).plannedOutagePlan(
            zone: network.topology.zoneOfSection[section], workHours: outage.workHours, backfeed: outage.transfer,
            month: outage.date.month, startHour: outage.startHour, closedLoopTransfer: closedLoopTransfer)
        return plan.operations
    }

    /// Every planned interruption of the schedule: each date's outages replayed together
    /// (``SwitchingReplay``), dates in order.
    public func plannedInterruptions(on network: Network) -> PlannedInterruptionTotals {
        var totals = PlannedInterruptionTotals(loadPoints: network.model.loadPoints.count)
        let replay = SwitchingReplay(network: network)
        var byDate: [CivilDate: [PlannedOutageSteps]] = [:]
        for outage in outages {
            byDate[outage.date, default: []].append(PlannedOutageSteps(operations: steps(of: outage, network: network), startHours: Double(outage.startHour)))
        }
        for date in byDate.keys.sorted() { totals.add(replay.replay(byDate[date]!).interruptions, on: date) }
        return totals
    }
}
