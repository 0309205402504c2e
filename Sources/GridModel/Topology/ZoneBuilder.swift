/// Splits each radial feeder into isolation zones and numbers them in depth-first preorder.
struct ZoneBuilder {
    let model: NetworkModel
    let resolved: ResolvedParameters
    let isSourceBus: [Bool]
    let parentSection: [Int]
    let upstream: [Int]
    let downstream: [Int]
    let devicesOfSection: [[Int]]
    let feederOfBus: [Int]
    let feederSections: [[Int]]
    /// Buses in breadth-first order from the sources (sources first within their feeder).
    let busOrder: [Int]

    /// The topology with zones, devices and load-point order filled in (feeders, ties, protection
    /// and flows are left for the caller), and each feeder's zone range.
    func build() -> (Topology, [Range<Int>]) {
        let busCount = model.buses.count
        let sectionCount = model.sections.count
        var atUpstreamEnd = [Bool](repeating: false, count: model.devices.count)
        var hasUpstreamDevice = [Bool](repeating: false, count: sectionCount)
        var hasDownstreamDevice = [Bool](repeating: false, count: sectionCount)
        for (d, device) in model.devices.enumerated() {
            let s = resolved.deviceSection[d]
            let atFrom = device.end == .from
            let upstreamIsFrom = upstream[s] == resolved.sectionFrom[s]
            atUpstreamEnd[d] = atFrom == upstreamIsFrom
            if atUpstreamEnd[d] { hasUpstreamDevice[s] = true } else { hasDownstreamDevice[s] = true }
        }

        // Union-find over buses (0..<busCount) and sections (busCount + s).
        var parent = Array(0..<(busCount + sectionCount))
        func find(_ x: Int) -> Int {
            var root = x
            while parent[root] != root { root = parent[root] }
            var walk = x
            while parent[walk] != root {
                let next = parent[walk]
                parent[walk] = root
                walk = next
            }
            return root
        }
        func union(_ a: Int, _ b: Int) {
            let rootA = find(a)
            let rootB = find(b)
            if rootA != rootB { parent[rootB] = rootA }
        }
        for s in 0..<sectionCount {
            if !hasUpstreamDevice[s] && !isSourceBus[upstream[s]] { union(busCount + s, upstream[s]) }
            if !hasDownstreamDevice[s] { union(busCount + s, downstream[s]) }
        }

        // Compact zone ids in breadth-first discovery order.
        var compact = [Int](repeating: -1, count: busCount + sectionCount)
        var zoneCount = 0
        var rawZoneOfBus = [Int](repeating: -1, count: busCount)
        var rawZoneOfSection = [Int](repeating: -1, count: sectionCount)
        var rawParent: [Int] = []
        var rawEntry: [[Int]] = []
        var rawFeeder: [Int] = []
        var rawChildren: [[Int]] = []
        var rawSections: [[Int]] = []
        func zoneID(_ element: Int, feeder: Int) -> Int {
            let root = find(element)
            if compact[root] < 0 {
                compact[root] = zoneCount
                zoneCount += 1
                rawParent.append(-1)
                rawEntry.append([])
                rawFeeder.append(feeder)
                rawChildren.append([])
                rawSections.append([])
            }
            return compact[root]
        }
        var roots = [[Int]](repeating: [], count: model.sources.count)
        for bus in busOrder {
            let s = parentSection[bus]
            guard s >= 0 else { continue }
            let f = feederOfBus[bus]
            let zone = zoneID(busCount + s, feeder: f)
            rawZoneOfSection[s] = zone
            rawSections[zone].append(s)
            let u = upstream[s]
            if hasUpstreamDevice[s] || isSourceBus[u] {
                let parentZone = isSourceBus[u] ? -1 : rawZoneOfBus[u]
                rawParent[zone] = parentZone
                rawEntry[zone].append(contentsOf: devicesOfSection[s].filter { atUpstreamEnd[$0] })
                if parentZone >= 0 { rawChildren[parentZone].append(zone) } else { roots[f].append(zone) }
            }
            let below = zoneID(bus, feeder: f)
            rawZoneOfBus[bus] = below
            if hasDownstreamDevice[s] {
                rawParent[below] = zone
                rawEntry[below].append(contentsOf: devicesOfSection[s].filter { !atUpstreamEnd[$0] })
                rawChildren[zone].append(below)
            }
        }

        // Depth-first preorder renumbering, feeder by feeder.
        var newID = [Int](repeating: -1, count: zoneCount)
        var order: [Int] = []
        order.reserveCapacity(zoneCount)
        var subtreeEnd = [Int](repeating: 0, count: zoneCount)
        var feederRanges: [Range<Int>] = []
        for f in 0..<model.sources.count {
            let start = order.count
            var stack: [(zone: Int, exiting: Bool)] = roots[f].reversed().map { ($0, false) }
            while let (zone, exiting) = stack.popLast() {
                if exiting {
                    subtreeEnd[zone] = order.count
                    continue
                }
                newID[zone] = order.count
                order.append(zone)
                stack.append((zone, true))
                for child in rawChildren[zone].reversed() { stack.append((child, false)) }
            }
            feederRanges.append(start..<order.count)
        }

        var zoneOfBus = [Int](repeating: -1, count: busCount)
        for b in 0..<busCount where rawZoneOfBus[b] >= 0 { zoneOfBus[b] = newID[rawZoneOfBus[b]] }
        var zoneOfSection = [Int](repeating: -1, count: sectionCount)
        for s in 0..<sectionCount where rawZoneOfSection[s] >= 0 { zoneOfSection[s] = newID[rawZoneOfSection[s]] }

        // Load points bucketed by zone in preorder (counting sort keeps file order within a zone).
        var zoneOfLoadPoint = [Int](repeating: -1, count: model.loadPoints.count)
        var counts = [Int](repeating: 0, count: zoneCount + 1)
        for (lp, bus) in resolved.loadPointBus.enumerated() where zoneOfBus[bus] >= 0 {
            zoneOfLoadPoint[lp] = zoneOfBus[bus]
            counts[zoneOfBus[bus] + 1] += 1
        }
        for z in 0..<zoneCount { counts[z + 1] += counts[z] }
        var loadPointOrder = [Int](repeating: 0, count: counts[zoneCount])
        var next = counts
        for lp in 0..<model.loadPoints.count where zoneOfLoadPoint[lp] >= 0 {
            loadPointOrder[next[zoneOfLoadPoint[lp]]] = lp
            next[zoneOfLoadPoint[lp]] += 1
        }

        var zones: [Topology.Zone] = []
        zones.reserveCapacity(zoneCount)
        for z in 0..<zoneCount {
            let raw = order[z]
            zones.append(
                Topology.Zone(
                    feeder: rawFeeder[raw], parent: rawParent[raw] >= 0 ? newID[rawParent[raw]] : -1,
                    subtreeEnd: subtreeEnd[raw], entryDevices: rawEntry[raw], sections: rawSections[raw],
                    loadPointStart: counts[z], loadPointCount: counts[z + 1] - counts[z], ties: []))
        }

        var zoneBelowDevice = [Int](repeating: -1, count: model.devices.count)
        for d in 0..<model.devices.count {
            let s = resolved.deviceSection[d]
            zoneBelowDevice[d] = atUpstreamEnd[d] ? zoneOfSection[s] : zoneOfBus[downstream[s]]
        }

        let topology = Topology(
            feederOfBus: feederOfBus, parentSectionOfBus: parentSection, zoneOfBus: zoneOfBus, isSourceBus: isSourceBus,
            feederOfSection: feederOfBus.isEmpty ? [] : (0..<sectionCount).map { feederOfBus[downstream[$0]] },
            upstreamBus: upstream, downstreamBus: downstream, zoneOfSection: zoneOfSection,
            protectiveDeviceOfSection: [], sectionPeakFlowMW: [], devicesOfSection: devicesOfSection,
            deviceAtUpstreamEnd: atUpstreamEnd, zoneBelowDevice: zoneBelowDevice, zones: zones,
            loadPointOrder: loadPointOrder, zoneOfLoadPoint: zoneOfLoadPoint, feeders: [], tiePaths: [], tieZones: [], sourceLimits: [])
        return (topology, feederRanges)
    }
}
