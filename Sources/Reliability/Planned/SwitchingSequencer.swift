import GridModel

/// The electrical switching of one planned outage, in execution order (issue 14), so that a
/// dispatcher can carry it out as written:
///
/// - the work zone is isolated on every side: its entry (upstream), the entry of every child zone
///   whose subtree holds a tie end (downstream: something could feed it from there), and the ties
///   at the work zone's own buses, which are confirmed open and locked (``PlannedOutagePlan/lockedTies``);
/// - no device breaks or makes load it cannot (``GridModel/SwitchingDevice/breaksLoad``): a
///   disconnector or fuse cut-out is operated only with both its sides dead. When the work zone's
///   entry cannot break load, the nearest load-breaking element above it (an ancestor zone's
///   entry, or the feeder-head bay) is opened first and closed again once the entry is open — its
///   customers see that short interruption, and it is counted like every other;
/// - a transfer whose boundary devices break load is switched while the work zone is still live,
///   make-before-break (close the tie, then open the boundary) where the policy allows closed-loop
///   transfer, else break-before-make (open the boundary, then close the tie); one whose boundary
///   cannot break load waits until the work zone is dead, opens its boundary dead and then closes
///   the tie; the moved load's interruptions are counted;
/// - the steps are done one after the other by one switching team: each takes its element's
///   switching hours (travel and operation for a manual device, the remote time from the control
///   room), so a sequence that needs the team at two places takes the sum.
///
/// Return, in reverse: the late transfers go back first (open the tie — the moved load is dead —
/// then close the boundary dead), then the downstream boundary, then the entry; then the early
/// transfers (make before break: close the boundary, open the tie; break before make: open the
/// tie, close the boundary, which makes the load).
struct SwitchingSequencer {
    let network: Network
    let scale: Double
    let subtreeHasTie: (Int) -> Bool

    private var operations: [SwitchingOperation] = []
    private var clock = 0.0

    init(network: Network, scale: Double, subtreeHasTie: @escaping (Int) -> Bool) {
        self.network = network
        self.scale = scale
        self.subtreeHasTie = subtreeHasTie
    }

    /// The nearest element above `zone` that can break load: the first load-breaking entry device
    /// of an ancestor, else the feeder-head bay.
    static func upstreamBreaker(of zone: Int, in network: Network) -> SwitchingElement {
        let zones = network.topology.zones
        var walk = zones[zone].parent
        var root = zone
        while walk >= 0 {
            if let d = zones[walk].entryDevices.sorted().first(where: { network.model.devices[$0].breaksLoad }) { return .device(d) }
            root = walk
            walk = zones[walk].parent
        }
        return .feederBay(zone: root)
    }

    /// Children of `zone` from which the work zone could be fed (a tie end in their subtree) and
    /// that no transfer separates already: each gets its first entry device opened.
    static func downstreamBoundary(of zone: Int, transfers: [BackfeedPlan.Transfer], in network: Network, subtreeHasTie: (Int) -> Bool) -> [SwitchingElement] {
        let topology = network.topology
        let separated = Set(transfers.flatMap(\.devicesOpened))
        return topology.childZones(of: zone).compactMap { child in
            let entry = topology.zones[child].entryDevices.sorted()
            guard subtreeHasTie(child), let first = entry.first, !entry.contains(where: separated.contains) else { return nil }
            return .device(first)
        }
    }

    private func isManual(_ element: SwitchingElement) -> Bool { element.control(in: network) == .manual }

    /// Travel to a manual element (its switching hours less the time to operate it).
    private func travelHours(_ element: SwitchingElement) -> Double {
        guard isManual(element) else { return 0 }
        let hours = element.switchingHours(in: network) * scale
        return max(0, hours - min(hours, network.model.defaults.manualOperateHours * scale))
    }

    /// One step: the team travels to a manual element (unless it is there already) and operates
    /// it; a remote element is operated from the control room.
    private mutating func step(_ element: SwitchingElement, _ action: SwitchingOperation.Action, _ purpose: SwitchingOperation.Purpose,
                               transfer: Int? = nil, there: Bool = false) {
        let hours = element.switchingHours(in: network) * scale
        clock += there ? hours - travelHours(element) : hours
        operations.append(SwitchingOperation(element: element, action: action, atHours: clock, purpose: purpose, transfer: transfer))
    }

    /// Operates the work zone's entry devices (`action`), each only in a way it can: a
    /// load-breaking one breaks or makes the load (the others are operated dead around it); else,
    /// on a leaf zone with few load points, the load is taken off at the low-voltage side first;
    /// else the nearest load-breaking element above is opened around the operation.
    private mutating func operateEntry(_ plan: PlannedOutagePlan, _ action: SwitchingOperation.Action, breaker: SwitchingElement?, upstream: SwitchingElement?, shed: [Int]) {
        let isolation = plan.isolation
        let purpose: SwitchingOperation.Purpose = action == .open ? .isolateWorkZone : .restoreWorkZone
        if let breaker {
            if action == .open {
                step(breaker, .open, purpose)
                for element in isolation where element != breaker { step(element, .open, purpose, there: true) }
            } else {
                let others = isolation.filter { $0 != breaker }
                for (k, element) in others.enumerated() { step(element, .close, purpose, there: k > 0) }
                step(breaker, .close, purpose, there: !others.isEmpty)
            }
        } else if !shed.isEmpty {
            clock += travelHours(isolation[0])
            if action == .open {
                for lp in shed { step(.lowVoltage(loadPoint: lp), .open, .shedLoad, there: true) }
                for element in isolation { step(element, .open, purpose, there: true) }
            } else {
                for element in isolation.reversed() { step(element, .close, purpose, there: true) }
                for lp in shed.reversed() { step(.lowVoltage(loadPoint: lp), .close, .restoreLoad, there: true) }
            }
        } else if let upstream {
            let remoteAbove = !isManual(upstream)
            if remoteAbove { clock += travelHours(isolation[0]) }
            step(upstream, .open, .breakLoadUpstream)
            let ordered = action == .open ? isolation : isolation.reversed()
            for (k, element) in ordered.enumerated() { step(element, action, purpose, there: remoteAbove || k > 0) }
            step(upstream, .close, .restoreUpstream)
        }
    }

    /// Load points whose low-voltage side is opened so that a work zone's entry that cannot break
    /// load carries none: a zone with no zone below it and at most this many load points.
    static let maximumShedLoadPoints = 5

    /// Fills `plan.operations` and its times from its isolation, transfers and work hours.
    mutating func sequence(_ plan: inout PlannedOutagePlan) {
        operations = []
        clock = 0
        let topology = network.topology
        let zone = topology.zones[plan.zone]
        let transfers = plan.backfeed.transfers
        let breaker = plan.isolation.first { $0.breaksLoad(in: network) }
        var shed: [Int] = []
        if breaker == nil && plan.zone + 1 == zone.subtreeEnd && zone.loadPointCount <= Self.maximumShedLoadPoints {
            // In the order the network file lists them.
            shed = topology.loadPointRange(zones: plan.zone, plan.zone + 1).map { topology.loadPointOrder[$0] }.sorted()
        }
        let upstream = breaker == nil && shed.isEmpty ? Self.upstreamBreaker(of: plan.zone, in: network) : nil
        let below = Self.downstreamBoundary(of: plan.zone, transfers: transfers, in: network, subtreeHasTie: subtreeHasTie)
        var tieClose = [Double](repeating: 0, count: transfers.count)
        var tieOpen = [Double](repeating: 0, count: transfers.count)
        // A transfer whose boundary devices break load is switched while the work zone is live
        // (so the work zone is out only for the work): make before break where allowed, else
        // break before make. One whose boundary cannot break load waits until the work zone is
        // dead and its boundary opens dead.
        let early = transfers.map { transfer in transfer.devicesOpened.allSatisfy { network.model.devices[$0].breaksLoad } }
        // Make before break only where the policy allows it and the boundary breaks load.
        let closedLoop = early.map { $0 && plan.closedLoopTransfer }
        for (k, transfer) in transfers.enumerated() where early[k] {
            if closedLoop[k] {
                step(.tie(transfer.tie), .close, .transferLoad, transfer: k)
                tieClose[k] = clock
                for device in transfer.devicesOpened { step(.device(device), .open, .transferLoad, transfer: k) }
            } else {
                for device in transfer.devicesOpened { step(.device(device), .open, .transferLoad, transfer: k) }
                step(.tie(transfer.tie), .close, .transferLoad, transfer: k)
                tieClose[k] = clock
            }
        }
        let beforeIsolation = operations.count
        operateEntry(plan, .open, breaker: breaker, upstream: upstream, shed: shed)
        plan.workZoneDeadFromHours = operations[beforeIsolation...].first { $0.purpose != .shedLoad }?.atHours ?? clock
        // Isolate from below, then the transfers whose boundary is dead now.
        for element in below { step(element, .open, .isolateBelow) }
        for (k, transfer) in transfers.enumerated() where !early[k] {
            for device in transfer.devicesOpened { step(.device(device), .open, .transferLoad, transfer: k) }
            step(.tie(transfer.tie), .close, .transferLoad, transfer: k)
            tieClose[k] = clock
        }
        plan.workStartHours = clock
        plan.workEndHours = clock + plan.workHours
        clock = plan.workEndHours
        for (k, transfer) in transfers.enumerated().reversed() where !early[k] {
            step(.tie(transfer.tie), .open, .returnLoad, transfer: k)
            tieOpen[k] = clock
            for device in transfer.devicesOpened.reversed() { step(.device(device), .close, .returnLoad, transfer: k) }
        }
        for element in below.reversed() { step(element, .close, .restoreBelow) }
        operateEntry(plan, .close, breaker: breaker, upstream: upstream, shed: shed)
        plan.workZoneDeadToHours = clock
        for (k, transfer) in transfers.enumerated().reversed() where early[k] {
            if closedLoop[k] {
                for device in transfer.devicesOpened.reversed() { step(.device(device), .close, .returnLoad, transfer: k) }
                step(.tie(transfer.tie), .open, .returnLoad, transfer: k)
                tieOpen[k] = clock
            } else {
                step(.tie(transfer.tie), .open, .returnLoad, transfer: k)
                tieOpen[k] = clock
                for device in transfer.devicesOpened.reversed() { step(.device(device), .close, .returnLoad, transfer: k) }
            }
        }
        plan.operations = operations
        plan.endHours = clock
        plan.closedLoop = closedLoop
        plan.tieWindows = transfers.indices.map { HoursWindow(fromHours: tieClose[$0], toHours: tieOpen[$0]) }
        plan.upstreamBreaker = upstream
        plan.lowVoltageShed = shed
        plan.downstreamBoundary = below
        plan.lockedTies = network.topology.zones[plan.zone].ties.map(\.tie).sorted()
    }
}
