import GridModel

/// The switching sequence of one outage placed on a day: its steps happen at `startHours` (hours
/// after midnight) plus each step's `atHours`.
public struct PlannedOutageSteps: Sendable, Equatable {
    public var operations: [SwitchingOperation]
    public var startHours: Double

    public init(operations: [SwitchingOperation], startHours: Double) {
        self.operations = operations
        self.startHours = startHours
    }

    public init(plan: PlannedOutagePlan, startHours: Double) {
        self.init(operations: plan.operations, startHours: startHours)
    }
}

/// One interruption of one load point: dead from `startHours` to `endHours`.
public struct PlannedInterruption: Sendable, Equatable {
    public var loadPoint: Int
    public var startHours: Double
    public var endHours: Double
    public var hours: Double { endHours - startHours }

    public init(loadPoint: Int, startHours: Double, endHours: Double) {
        self.loadPoint = loadPoint
        self.startHours = startHours
        self.endHours = endHours
    }
}

/// What a day's switching did: every interruption, and what was left off normal at the end.
public struct ReplayResult: Sendable, Equatable {
    /// Sorted by load point, then start.
    public var interruptions: [PlannedInterruption] = []
    /// Elements not back in their normal state after the last step (devices and bays open, ties closed).
    public var leftOffNormal: [SwitchingElement] = []
    /// Zones still dead after the last step.
    public var deadAtEnd: [Int] = []
}

/// Replays switching steps on the network and tells, step by step, which zones have supply.
///
/// The state starts normal (devices and feeder-head bays closed, ties open). Steps are applied in
/// time order, steps at the same time together; after each time the zones whose state can have
/// changed — the subtrees below every device or bay the day operates — are searched from their
/// supplies: a zone has supply when its entry devices are closed and its parent has supply (a
/// root zone: its bay closed), or when a closed tie joins it to a zone with supply. Zones outside
/// those subtrees keep their normal supply. Supply crosses a closed entry both ways: down to a
/// child, and up to the parent when the zone itself is fed from below over a tie. A load point is interrupted from the time its zone
/// loses supply to the time it gets it back; an interruption is one such dead interval, so a
/// load point dead twice in a day is interrupted twice, and overlapping outages interrupt it once.
public struct SwitchingReplay: Sendable {
    public let network: Network

    public init(network: Network) {
        self.network = network
    }

    public func replay(_ outages: [PlannedOutageSteps]) -> ReplayResult {
        let topology = network.topology
        let zones = topology.zones
        struct Step {
            var time: Double
            var order: Int
            var operation: SwitchingOperation
        }
        var steps: [Step] = []
        var roots: [Int] = []
        for outage in outages {
            for operation in outage.operations {
                steps.append(Step(time: outage.startHours + operation.atHours, order: steps.count, operation: operation))
                switch operation.element {
                case .device(let d): roots.append(topology.zoneBelowDevice[d])
                case .feederBay(let zone): roots.append(zone)
                case .tie, .lowVoltage: break
                }
            }
        }
        steps.sort { ($0.time, $0.order) < ($1.time, $1.order) }

        // The region: union of the subtrees below operated elements, as preorder ranges.
        roots = Array(Set(roots.filter { $0 >= 0 })).sorted()
        var region: [Int] = []
        var covered = -1
        for root in roots where root >= covered {
            region.append(contentsOf: root..<zones[root].subtreeEnd)
            covered = zones[root].subtreeEnd
        }
        var local: [Int: Int] = [:]
        for (k, zone) in region.enumerated() { local[zone] = k }

        var openDevices = Set<Int>()
        var closedTies = Set<Int>()
        var openBays = Set<Int>()
        var openLowVoltage = Set<Int>()
        var lowVoltageIntervals: [Int: [(from: Double, to: Double)]] = [:]
        var lowVoltageSince: [Int: Double] = [:]
        var energised = [Bool](repeating: true, count: region.count)
        var deadSince = [Double](repeating: 0, count: region.count)
        var zoneIntervals: [(zone: Int, from: Double, to: Double)] = []

        func entryClosed(_ zone: Int) -> Bool {
            for device in zones[zone].entryDevices where openDevices.contains(device) { return false }
            return true
        }
        func supplied(_ zone: Int, _ now: [Bool]) -> Bool {
            guard zone >= 0 else { return true }
            if let k = local[zone] { return now[k] }
            return true
        }
        func search() -> [Bool] {
            var now = [Bool](repeating: false, count: region.count)
            var queue: [Int] = []
            for (k, zone) in region.enumerated() {
                let parent = zones[zone].parent
                let fed: Bool
                if parent < 0 {
                    fed = !openBays.contains(zone) && entryClosed(zone)
                } else {
                    fed = local[parent] == nil && entryClosed(zone)
                }
                if fed {
                    now[k] = true
                    queue.append(zone)
                }
            }
            for tie in closedTies.sorted() {
                let ends = topology.tieZones[tie]
                for side in 0..<2 {
                    guard let k = local[ends[side]], !now[k] else { continue }
                    let other = ends[1 - side]
                    if other < 0 || local[other] == nil {
                        now[k] = true
                        queue.append(ends[side])
                    }
                }
            }
            var head = 0
            while head < queue.count {
                let zone = queue[head]
                head += 1
                // Up: a zone fed from below (over a tie) feeds its parent through its closed entry.
                let parent = zones[zone].parent
                if parent >= 0, let k = local[parent], !now[k], entryClosed(zone) {
                    now[k] = true
                    queue.append(parent)
                }
                var child = zone + 1
                while child < zones[zone].subtreeEnd {
                    if let k = local[child], !now[k], entryClosed(child) {
                        now[k] = true
                        queue.append(child)
                    }
                    child = zones[child].subtreeEnd
                }
                for end in zones[zone].ties where closedTies.contains(end.tie) {
                    let other = topology.tieZones[end.tie][1 - end.side]
                    if let k = local[other], !now[k] {
                        now[k] = true
                        queue.append(other)
                    }
                }
            }
            return now
        }

        var index = 0
        while index < steps.count {
            let time = steps[index].time
            while index < steps.count && steps[index].time == time {
                let operation = steps[index].operation
                switch (operation.element, operation.action) {
                case (.device(let d), .open): openDevices.insert(d)
                case (.device(let d), .close): openDevices.remove(d)
                case (.tie(let t), .close): closedTies.insert(t)
                case (.tie(let t), .open): closedTies.remove(t)
                case (.feederBay(let z), .open): openBays.insert(z)
                case (.feederBay(let z), .close): openBays.remove(z)
                case (.lowVoltage(let lp), .open):
                    if openLowVoltage.insert(lp).inserted { lowVoltageSince[lp] = time }
                case (.lowVoltage(let lp), .close):
                    if openLowVoltage.remove(lp) != nil, let since = lowVoltageSince[lp], time > since {
                        lowVoltageIntervals[lp, default: []].append((since, time))
                    }
                }
                index += 1
            }
            let now = search()
            for k in region.indices where now[k] != energised[k] {
                if now[k] {
                    if time > deadSince[k] { zoneIntervals.append((region[k], deadSince[k], time)) }
                } else {
                    deadSince[k] = time
                }
                energised[k] = now[k]
            }
        }

        var result = ReplayResult()
        for (k, zone) in region.enumerated() where !energised[k] { result.deadAtEnd.append(zone) }
        result.leftOffNormal = (openDevices.map { SwitchingElement.device($0) } + closedTies.map { SwitchingElement.tie($0) }
            + openBays.map { SwitchingElement.feederBay(zone: $0) } + openLowVoltage.map { SwitchingElement.lowVoltage(loadPoint: $0) }).sorted()
        var zoneDead: [Int: [(from: Double, to: Double)]] = [:]
        for interval in zoneIntervals {
            for position in topology.loadPointRange(zones: interval.zone, interval.zone + 1) {
                let lp = topology.loadPointOrder[position]
                if lowVoltageIntervals[lp] != nil {
                    zoneDead[lp, default: []].append((interval.from, interval.to))
                } else {
                    result.interruptions.append(PlannedInterruption(loadPoint: lp, startHours: interval.from, endHours: interval.to))
                }
            }
        }
        // A load point whose low-voltage side was opened is dead while either its zone is dead or
        // its low-voltage side is open: the union of both, one interruption per dead interval.
        for lp in lowVoltageIntervals.keys.sorted() {
            let spans = (lowVoltageIntervals[lp]! + (zoneDead[lp] ?? [])).sorted { ($0.from, $0.to) < ($1.from, $1.to) }
            var merged: [(from: Double, to: Double)] = []
            for span in spans {
                if let last = merged.last, span.from <= last.to {
                    merged[merged.count - 1].to = max(last.to, span.to)
                } else {
                    merged.append(span)
                }
            }
            for span in merged { result.interruptions.append(PlannedInterruption(loadPoint: lp, startHours: span.from, endHours: span.to)) }
        }
        result.interruptions.sort { ($0.loadPoint, $0.startHours) < ($1.loadPoint, $1.startHours) }
        return result
    }
}
