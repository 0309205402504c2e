import GridModel

/// The one place that answers "which load points lose supply, for how long, and why".
///
/// The analytical evaluation, the Monte Carlo simulation, the planner's cost coefficients and the
/// audit's counterfactuals all call ``evaluate(_:into:)``.
///
/// A fault on section *c*:
/// 1. the nearest protective device upstream of *c* trips; every load point below it is interrupted;
/// 2. the zone of *c* is isolated by its bounding devices;
/// 3. load points upstream of the zone get supply back from their own source once the zone's entry
///    devices are open and the tripped device is reclosed (the slowest of those devices);
/// 4. load points downstream are back-fed over ties, whole zones at a time within headroom
///    (``GridModel/Network/planBackfeed(deadRoots:factor:isZoneUnavailable:)``), after the slowest
///    device of that transfer has moved; the rest wait for the repair;
/// 5. load points inside the zone wait for the repair (or the replacement, when one is set).
/// No restoration takes longer than the repair itself.
///
/// Planned work on zone *z* switches *z* out (no trip) by a timed switching sequence
/// (``PlannedOutagePlan``) that ``SwitchingReplay`` plays on the network: the zone's load points are
/// out for switching + work + switching; downstream load is either transferred over ties at the
/// heaviest hour's headroom (a brief interruption going and another coming back, none with
/// closed-loop transfer) or, without back-feed or headroom, out with the zone.
public struct OutageImpactEngine: Sendable {
    public let network: Network
    /// Number of tie ends in zones `0 ..< z` (preorder), to tell quickly whether a subtree has a tie.
    private let tieEndsBefore: [Int]

    public init(network: Network) {
        self.network = network
        var prefix = [Int](repeating: 0, count: network.topology.zones.count + 1)
        for (zone, info) in network.topology.zones.enumerated() { prefix[zone + 1] = prefix[zone] + info.ties.count }
        tieEndsBefore = prefix
    }

    /// The impact of one event, in a fresh value.
    public func evaluate(_ event: OutageEvent) -> OutageImpact {
        var impact = OutageImpact()
        evaluate(event, into: &impact)
        return impact
    }

    /// The impact of one event, written into `impact` (cleared first; its storage is reused).
    public func evaluate(_ event: OutageEvent, into impact: inout OutageImpact) {
        impact.clear()
        switch event.cause {
        case .fault(let section):
            evaluateFault(section: section, event: event, into: &impact)
        case .plannedWork(let zone, let workHours, let backfeed):
            evaluatePlannedWork(zone: zone, workHours: workHours, backfeed: backfeed, event: event, into: &impact)
        }
    }

    func subtreeHasTie(_ zone: Int) -> Bool {
        let end = network.topology.zones[zone].subtreeEnd
        return tieEndsBefore[end] > tieEndsBefore[zone + 1]
    }

    /// Whether a tie ends in `zone` or anywhere below it.
    func zoneOrSubtreeHasTie(_ zone: Int) -> Bool {
        let end = network.topology.zones[zone].subtreeEnd
        return tieEndsBefore[end] > tieEndsBefore[zone]
    }

    /// Appends every load point of zones `start ..< end` with one duration and stage.
    private func appendZones(_ start: Int, _ end: Int, hours: Double, stage: RestorationStage, tie: Int = -1, into impact: inout OutageImpact) {
        guard start < end else { return }
        let topology = network.topology
        let positions = topology.loadPointRange(zones: start, end)
        guard !positions.isEmpty else { return }
        impact.runs.append(OutageImpact.Run(start: positions.lowerBound, end: positions.upperBound, hours: hours))
        guard impact.recordsLoadPoints else { return }
        for position in positions {
            impact.append(topology.loadPointOrder[position], hours: hours, stage, tie: tie)
        }
    }

    private func switchingHours(of devices: [Int], scale: Double) -> Double {
        var hours = 0.0
        for device in devices { hours = max(hours, network.deviceSwitchingHours[device]) }
        return hours * scale
    }

    private func evaluateFault(section: Int, event: OutageEvent, into impact: inout OutageImpact) {
        let topology = network.topology
        let zone = topology.zoneOfSection[section]
        let feeder = topology.feederOfSection[section]
        let zoneEnd = topology.zones[zone].subtreeEnd
        let outage = event.outageHoursOverride ?? network.sectionOutageHours[section]
        let scale = event.switchingScale
        let protective = topology.protectiveDeviceOfSection[section]
        let entry = topology.zones[zone].entryDevices

        impact.trippedDevice = protective
        impact.isolatedZone = zone
        impact.isolatingDevices = entry.sorted()
        impact.zoneOutageHours = outage

        // 1–3: the tripped region outside the faulted zone's subtree comes back from the source
        // once the zone is isolated and the protective device reclosed.
        let tripStart: Int
        let tripEnd: Int
        if protective >= 0 {
            tripStart = topology.zoneBelowDevice[protective]
            tripEnd = topology.zones[tripStart].subtreeEnd
        } else {
            tripStart = topology.feeders[feeder].zoneStart
            tripEnd = topology.feeders[feeder].zoneEnd
        }
        if tripStart < zone || zoneEnd < tripEnd {
            if entry.isEmpty {
                // Nothing separates the zone from the source: the whole tripped region waits.
                impact.upstreamRestorationHours = outage
                appendZones(tripStart, zone, hours: outage, stage: .waitedForRepair, into: &impact)
                appendZones(zoneEnd, tripEnd, hours: outage, stage: .waitedForRepair, into: &impact)
            } else {
                var hours = switchingHours(of: entry, scale: scale)
                if protective >= 0 { hours = max(hours, network.deviceSwitchingHours[protective] * scale) }
                hours = min(hours, outage)
                impact.upstreamRestorationHours = hours
                appendZones(tripStart, zone, hours: hours, stage: .reclosedFromSource, into: &impact)
                appendZones(zoneEnd, tripEnd, hours: hours, stage: .reclosedFromSource, into: &impact)
            }
        }

        // 5: the faulted zone waits for the repair.
        appendZones(zone, zone + 1, hours: outage, stage: .waitedForRepair, into: &impact)

        // 4: downstream subtrees: back-feed where a tie and headroom allow, else wait.
        guard zone + 1 < zoneEnd else { return }
        guard subtreeHasTie(zone) else {
            appendZones(zone + 1, zoneEnd, hours: outage, stage: .waitedForRepair, into: &impact)
            return
        }
        let factor = network.demandFactor(month: event.month, hour: event.hour)
        impact.backfeed = network.planBackfeed(deadRoots: children(of: zone), factor: factor) { $0 == zone }
        for transfer in impact.backfeed.transfers {
            let hours = min(transfer.switchingHours * scale, outage)
            for restored in transfer.zones {
                appendZones(restored, restored + 1, hours: hours, stage: .backfedOverTie, tie: transfer.tie, into: &impact)
            }
        }
        for unrestored in impact.backfeed.unrestoredZones {
            appendZones(unrestored, unrestored + 1, hours: outage, stage: .waitedForRepair, into: &impact)
        }
    }

    private func evaluatePlannedWork(zone: Int, workHours: Double, backfeed: Bool, event: OutageEvent, into impact: inout OutageImpact) {
        let plan = plannedOutagePlan(
            zone: zone, workHours: workHours, backfeed: backfeed, month: event.month, startHour: event.hour,
            closedLoopTransfer: event.closedLoopTransfer, switchingScale: event.switchingScale)
        plannedImpact(plan, into: &impact)
    }

    /// Child zones of `zone`, in preorder.
    public func children(of zone: Int) -> [Int] { network.topology.childZones(of: zone) }
}
