/// How de-energised zones are picked up over normally-open ties.
public struct BackfeedPlan: Sendable, Equatable {
    /// Load moved onto one tie.
    public struct Transfer: Sendable, Equatable {
        public var tie: Int
        /// The tie end on the supplying side (0 = busA, 1 = busB).
        public var supplyingSide: Int
        /// Zones restored through this tie, in the order they were picked up.
        public var zones: [Int]
        /// Demand picked up, in MW (at the requested demand factor).
        public var loadMW: Double
        /// Peak demand of the zones picked up, in MW (before the load profile): `loadMW / factor`.
        public var peakMW: Double = 0
        /// Hours until these zones have supply again: the slowest device that must move (open the
        /// isolation points around the restored zones, close the tie).
        public var switchingHours: Double
        /// Devices opened to separate the restored zones from the rest, sorted.
        public var devicesOpened: [Int]
    }

    public var transfers: [Transfer] = []
    /// Dead zones left without supply (no tie, or not enough headroom), in preorder.
    public var unrestoredZones: [Int] = []

    public init() {}

    /// Restoration hours of each restored zone, by zone; nil for unrestored zones.
    public func restorationHours(ofZone zone: Int) -> Double? {
        for transfer in transfers where transfer.zones.contains(zone) { return transfer.switchingHours }
        return nil
    }
}

extension Network {
    /// Demand multiplier of the load profile for a 1-based month and optional hour.
    public func demandFactor(month: Int, hour: Int? = nil) -> Double {
        model.loadProfile.factor(month: month, hour: hour)
    }

    /// Spare capacity in MW of tie `tie` when fed from its `side` end at demand factor `factor`:
    /// the smallest of the tie's capacity, the spare rating of every section between the feeding
    /// feeder's head and the tie, and the feeding source's spare rating.
    public func tieHeadroomMW(tie: Int, supplyingSide side: Int, factor: Double) -> Double {
        let path = topology.tiePaths[tie][side]
        return min(tieCapacityMW[tie], path.headroomMW(factor: factor), topology.sourceLimits[path.feeder].headroomMW(factor: factor))
    }

    /// Picks up de-energised zones over ties, whole zones at a time.
    ///
    /// Every zone in the subtrees rooted at `deadRoots` has lost supply and may be restored. Zones
    /// are added one at a time to a connected set grown from each usable tie: sensitive zones
    /// first, then the zone with most customers per MW, then the lower zone number, as long as the
    /// tie, every rated section of its supply path and the feeding source have headroom. A section
    /// or source shared by the paths of several ties is charged with the load of all of them, so
    /// the flows after the transfer stay within every rating. A tie is usable when its other end is
    /// live: not in a dead subtree and not in a zone for which `isZoneUnavailable` answers true
    /// (another outage in progress).
    ///
    /// - Parameters:
    ///   - deadRoots: zone numbers whose whole subtree is dead.
    ///   - factor: demand multiplier from the load profile (1 = peak).
    public func planBackfeed(
        deadRoots: [Int], factor: Double, isZoneUnavailable: (Int) -> Bool = { _ in false }
    ) -> BackfeedPlan {
        var plan = BackfeedPlan()
        let zones = topology.zones
        func isDead(_ zone: Int) -> Bool {
            guard zone >= 0 else { return false }
            for root in deadRoots where zone >= root && zone < zones[root].subtreeEnd { return true }
            return false
        }
        func rootOf(_ zone: Int) -> Int {
            for root in deadRoots where zone >= root && zone < zones[root].subtreeEnd { return root }
            return -1
        }

        // Candidate supplies: ties with one end in a dead zone and the other end live.
        struct Supply {
            var tie: Int
            var side: Int
            var feeder: Int
            var remainingMW: Double
            var transfer: Int = -1
        }
        var supplies: [Supply] = []
        struct Candidate {
            var zone: Int
            var supply: Int
        }
        var frontier: [Candidate] = []
        for root in deadRoots {
            for zone in root..<zones[root].subtreeEnd {
                for end in zones[zone].ties {
                    let other = 1 - end.side
                    let otherZone = topology.tieZones[end.tie][other]
                    if isDead(otherZone) || (otherZone >= 0 && isZoneUnavailable(otherZone)) { continue }
                    let feeder = topology.tiePaths[end.tie][other].feeder
                    supplies.append(Supply(tie: end.tie, side: other, feeder: feeder, remainingMW: tieCapacityMW[end.tie]))
                    frontier.append(Candidate(zone: zone, supply: supplies.count - 1))
                }
            }
        }
        var feederRemaining: [Int: Double] = [:]
        var sectionRemaining: [Int: Double] = [:]
        for supply in supplies {
            if feederRemaining[supply.feeder] == nil {
                feederRemaining[supply.feeder] = topology.sourceLimits[supply.feeder].headroomMW(factor: factor)
            }
            let path = topology.tiePaths[supply.tie][supply.side]
            for (k, section) in path.sections.enumerated() where sectionRemaining[section] == nil {
                sectionRemaining[section] = path.sectionLimits[k].headroomMW(factor: factor)
            }
        }
        func pathRemaining(_ supply: Supply) -> Double {
            var remaining = supply.remainingMW
            for section in topology.tiePaths[supply.tie][supply.side].sections { remaining = min(remaining, sectionRemaining[section] ?? 0) }
            return remaining
        }

        var energizedBy: [Int: Int] = [:]
        func better(_ a: Int, than b: Int) -> Bool {
            let za = zones[a]
            let zb = zones[b]
            if za.hasSensitiveLoad != zb.hasSensitiveLoad { return za.hasSensitiveLoad }
            let densityA = za.peakMW > 0 ? Double(za.customers) / za.peakMW : .infinity
            let densityB = zb.peakMW > 0 ? Double(zb.customers) / zb.peakMW : .infinity
            if densityA != densityB { return densityA > densityB }
            return a < b
        }
        while true {
            var best = -1
            for (index, candidate) in frontier.enumerated() where energizedBy[candidate.zone] == nil {
                let demand = zones[candidate.zone].peakMW * factor
                let supply = supplies[candidate.supply]
                guard demand <= pathRemaining(supply) + 1e-9, demand <= (feederRemaining[supply.feeder] ?? 0) + 1e-9 else { continue }
                if best < 0 || better(candidate.zone, than: frontier[best].zone) { best = index }
            }
            guard best >= 0 else { break }
            let pick = frontier[best]
            let demand = zones[pick.zone].peakMW * factor
            energizedBy[pick.zone] = pick.supply
            supplies[pick.supply].remainingMW -= demand
            feederRemaining[supplies[pick.supply].feeder, default: 0] -= demand
            for section in topology.tiePaths[supplies[pick.supply].tie][supplies[pick.supply].side].sections {
                sectionRemaining[section, default: 0] -= demand
            }
            if supplies[pick.supply].transfer < 0 {
                supplies[pick.supply].transfer = plan.transfers.count
                plan.transfers.append(
                    BackfeedPlan.Transfer(
                        tie: supplies[pick.supply].tie, supplyingSide: supplies[pick.supply].side, zones: [], loadMW: 0,
                        switchingHours: tieSwitchingHours[supplies[pick.supply].tie], devicesOpened: []))
            }
            let transfer = supplies[pick.supply].transfer
            plan.transfers[transfer].zones.append(pick.zone)
            plan.transfers[transfer].loadMW += demand
            plan.transfers[transfer].peakMW += zones[pick.zone].peakMW
            // Neighbours inside the same dead subtree become reachable through this supply.
            let root = rootOf(pick.zone)
            let parent = zones[pick.zone].parent
            if pick.zone != root && parent >= 0 && energizedBy[parent] == nil {
                frontier.append(Candidate(zone: parent, supply: pick.supply))
            }
            var child = pick.zone + 1
            while child < zones[pick.zone].subtreeEnd {
                if energizedBy[child] == nil { frontier.append(Candidate(zone: child, supply: pick.supply)) }
                child = zones[child].subtreeEnd
            }
        }

        // Switching: open every boundary between a restored zone and a zone not fed by the same tie.
        for (index, transfer) in plan.transfers.enumerated() {
            var opened = Set<Int>()
            let supply = energizedBy[transfer.zones[0]] ?? -1
            for zone in transfer.zones {
                let parent = zones[zone].parent
                if parent < 0 || energizedBy[parent] != supply || !isDead(parent) {
                    opened.formUnion(zones[zone].entryDevices)
                }
                var child = zone + 1
                while child < zones[zone].subtreeEnd {
                    if energizedBy[child] != supply { opened.formUnion(zones[child].entryDevices) }
                    child = zones[child].subtreeEnd
                }
            }
            let devices = opened.sorted()
            plan.transfers[index].devicesOpened = devices
            for device in devices {
                plan.transfers[index].switchingHours = max(plan.transfers[index].switchingHours, deviceSwitchingHours[device])
            }
        }
        for root in deadRoots {
            for zone in root..<zones[root].subtreeEnd where energizedBy[zone] == nil {
                plan.unrestoredZones.append(zone)
            }
        }
        return plan
    }
}
