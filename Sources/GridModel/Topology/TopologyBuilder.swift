/// Derives the ``Topology`` of a network whose references are resolved, reporting loops, buses fed
/// by two sources or by none, and ties that do not join two feeders.
enum TopologyBuilder {
    static func build(
        model: NetworkModel, resolved: ResolvedParameters, checker: ReferenceChecker, log: inout DiagnosticLog
    ) -> Topology? {
        let busCount = model.buses.count
        let sectionCount = model.sections.count
        let from = resolved.sectionFrom
        let to = resolved.sectionTo

        // Adjacency (CSR): sections incident to each bus.
        var degree = [Int](repeating: 0, count: busCount + 1)
        for s in 0..<sectionCount {
            degree[from[s] + 1] += 1
            degree[to[s] + 1] += 1
        }
        for b in 0..<busCount { degree[b + 1] += degree[b] }
        var adjacency = [Int](repeating: 0, count: 2 * sectionCount)
        var fill = degree
        for s in 0..<sectionCount {
            adjacency[fill[from[s]]] = s
            fill[from[s]] += 1
            adjacency[fill[to[s]]] = s
            fill[to[s]] += 1
        }

        // Devices per section and which end they sit at.
        var devicesOfSection = [[Int]](repeating: [], count: sectionCount)
        for (d, s) in resolved.deviceSection.enumerated() { devicesOfSection[s].append(d) }

        // Radial trees by breadth-first search from each source.
        var feederOfBus = [Int](repeating: -1, count: busCount)
        var parentSection = [Int](repeating: -1, count: busCount)
        var isSourceBus = [Bool](repeating: false, count: busCount)
        var feederOfSection = [Int](repeating: -1, count: sectionCount)
        var upstream = [Int](repeating: -1, count: sectionCount)
        var downstream = [Int](repeating: -1, count: sectionCount)
        var busOrder: [Int] = []
        busOrder.reserveCapacity(busCount)
        var feederSections = [[Int]](repeating: [], count: model.sources.count)
        var topologyErrors = false

        for (f, bus) in resolved.sourceBus.enumerated() {
            isSourceBus[bus] = true
            feederOfBus[bus] = f
        }
        // All feeders grow together, so where two meet through a closed path the error names the
        // section where they meet rather than a section deep inside one of them.
        busOrder.append(contentsOf: resolved.sourceBus)
        var head = 0
        while head < busOrder.count {
            let u = busOrder[head]
            head += 1
            let f = feederOfBus[u]
            for k in degree[u]..<degree[u + 1] {
                let s = adjacency[k]
                if feederOfSection[s] >= 0 { continue }
                let v = from[s] == u ? to[s] : from[s]
                feederOfSection[s] = f
                if feederOfBus[v] < 0 {
                    feederOfBus[v] = f
                    parentSection[v] = s
                    upstream[s] = u
                    downstream[s] = v
                    feederSections[f].append(s)
                    busOrder.append(v)
                    continue
                }
                topologyErrors = true
                let g = feederOfBus[v]
                let section = model.sections[s]
                let sectionPath = checker.path("sections", checker.locations.sectionIndex, s)
                if g == f {
                    log.error(
                        at: checker.offset(checker.locations.sections, s), path: sectionPath, id: section.id.rawValue,
                        "closes a loop in the normal state: buses '\(model.buses[u].id.rawValue)' and '\(model.buses[v].id.rawValue)' are already connected through closed devices; make the open point a tie or remove the section")
                } else {
                    log.error(
                        at: checker.offset(checker.locations.sections, s), path: sectionPath, id: section.id.rawValue,
                        "joins feeder '\(model.sources[f].id.rawValue)' (bus '\(model.buses[u].id.rawValue)') to feeder '\(model.sources[g].id.rawValue)' (bus '\(model.buses[v].id.rawValue)') through closed devices, so buses would be fed by two sources; make the connection a tie (normally open) or remove the section")
                }
            }
        }

        reportUnsuppliedIslands(
            model: model, feederOfBus: feederOfBus, degree: degree, adjacency: adjacency, from: from, to: to,
            checker: checker, log: &log, topologyErrors: &topologyErrors)

        // Ties must join two different supplied feeders.
        for t in 0..<model.ties.count {
            let tie = model.ties[t]
            let a = resolved.tieBusA[t]
            let b = resolved.tieBusB[t]
            let tiePath = checker.path("ties", checker.locations.tieIndex, t)
            if feederOfBus[a] < 0 || feederOfBus[b] < 0 {
                let dead = feederOfBus[a] < 0 ? tie.busA : tie.busB
                log.error(
                    at: checker.offset(checker.locations.ties, t), path: tiePath, id: tie.id.rawValue,
                    "joins a feeder to nothing: bus '\(dead.rawValue)' is supplied by no feeder; a tie must join two supplied feeders")
                topologyErrors = true
            } else if feederOfBus[a] == feederOfBus[b] && !tie.withinFeeder {
                log.error(
                    at: checker.offset(checker.locations.ties, t), path: tiePath, id: tie.id.rawValue,
                    "joins feeder '\(model.sources[feederOfBus[a]].id.rawValue)' to itself; a tie must join two different feeders (closing it would make a loop), or declare \"withinFeeder\": true for a loop inside one feeder")
                topologyErrors = true
            }
        }
        if topologyErrors { return nil }

        let zoning = ZoneBuilder(
            model: model, resolved: resolved, isSourceBus: isSourceBus, parentSection: parentSection, upstream: upstream,
            downstream: downstream, devicesOfSection: devicesOfSection, feederOfBus: feederOfBus,
            feederSections: feederSections, busOrder: busOrder)
        var (topology, feederZoneRanges) = zoning.build()

        // Protection: walk sections in breadth-first order carrying the nearest protective device.
        var protectionAtBus = [Int](repeating: -1, count: busCount)
        var protective = [Int](repeating: -1, count: sectionCount)
        for bus in busOrder {
            let s = parentSection[bus]
            guard s >= 0 else { continue }
            var upstreamDevice = -1
            var downstreamDevice = -1
            for d in devicesOfSection[s] where model.devices[d].kind.isProtective {
                if topology.deviceAtUpstreamEnd[d] {
                    if upstreamDevice < 0 { upstreamDevice = d }
                } else if downstreamDevice < 0 {
                    downstreamDevice = d
                }
            }
            let entering = upstreamDevice >= 0 ? upstreamDevice : protectionAtBus[upstream[s]]
            protective[s] = entering
            protectionAtBus[bus] = downstreamDevice >= 0 ? downstreamDevice : entering
        }
        topology.protectiveDeviceOfSection = protective

        // Peak flows: accumulate load from the leaves upwards.
        var subtreePeak = [Double](repeating: 0, count: busCount)
        for (lp, bus) in resolved.loadPointBus.enumerated() { subtreePeak[bus] += model.loadPoints[lp].peakMW }
        var flow = [Double](repeating: 0, count: sectionCount)
        for bus in busOrder.reversed() {
            let s = parentSection[bus]
            guard s >= 0 else { continue }
            flow[s] = subtreePeak[bus]
            subtreePeak[upstream[s]] += subtreePeak[bus]
        }
        topology.sectionPeakFlowMW = flow

        // Feeders.
        var feeders: [Topology.Feeder] = []
        for f in 0..<model.sources.count {
            let roots = feederZoneRanges[f]
            feeders.append(
                Topology.Feeder(
                    source: f, zoneStart: roots.lowerBound, zoneEnd: roots.upperBound, sections: feederSections[f],
                    loadPoints: [], customers: 0, averageMW: 0, peakMW: subtreePeak[resolved.sourceBus[f]], ties: []))
        }
        for (lp, bus) in resolved.loadPointBus.enumerated() {
            let f = feederOfBus[bus]
            feeders[f].loadPoints.append(lp)
            feeders[f].customers += model.loadPoints[lp].customers
            feeders[f].averageMW += model.loadPoints[lp].averageMW
            if isSourceBus[bus] {
                log.warning(
                    at: checker.offset(checker.locations.loadPoints, lp), path: checker.path("loadPoints", checker.locations.loadPointIndex, lp), id: model.loadPoints[lp].id.rawValue,
                    "sits on source bus '\(model.buses[bus].id.rawValue)' (the substation side), so no feeder fault or work interrupts it; attach it to a feeder bus if that is not intended")
            }
        }

        // Tie ends: zones and supply paths.
        var tiePaths: [[Topology.SupplyPath]] = []
        var tieZones: [[Int]] = []
        for t in 0..<model.ties.count {
            var paths: [Topology.SupplyPath] = []
            var zonesOfEnds: [Int] = []
            for (side, bus) in [resolved.tieBusA[t], resolved.tieBusB[t]].enumerated() {
                let f = feederOfBus[bus]
                var limits: [Topology.Limit] = []
                var rated: [Int] = []
                var walk = bus
                while parentSection[walk] >= 0 {
                    let s = parentSection[walk]
                    if resolved.sectionRatingMW[s].isFinite {
                        limits.append(Topology.Limit(ratingMW: resolved.sectionRatingMW[s], peakFlowMW: flow[s]))
                        rated.append(s)
                    }
                    walk = upstream[s]
                }
                paths.append(Topology.SupplyPath(feeder: f, sectionLimits: limits, sections: rated))
                let zone = topology.zoneOfBus[bus]
                zonesOfEnds.append(zone)
                let end = Topology.TieEnd(tie: t, side: side)
                if zone >= 0 { topology.zones[zone].ties.append(end) }
                feeders[f].ties.append(end)
            }
            tiePaths.append(paths)
            tieZones.append(zonesOfEnds)
        }
        topology.feeders = feeders
        topology.sourceLimits = feeders.map {
            Topology.Limit(ratingMW: resolved.sourceRatingMW[$0.source], peakFlowMW: $0.peakMW)
        }
        for (lp, zone) in topology.zoneOfLoadPoint.enumerated() where zone >= 0 {
            let loadPoint = model.loadPoints[lp]
            topology.zones[zone].customers += loadPoint.customers
            topology.zones[zone].averageMW += loadPoint.averageMW
            topology.zones[zone].peakMW += loadPoint.peakMW
            if loadPoint.sensitive { topology.zones[zone].hasSensitiveLoad = true }
        }
        topology.tiePaths = tiePaths
        topology.tieZones = tieZones

        for f in 0..<model.sources.count where !feederSections[f].isEmpty {
            let heads = feederSections[f].filter { upstream[$0] == resolved.sourceBus[f] }
            let protectedHead = heads.allSatisfy { protective[$0] >= 0 }
            if !protectedHead {
                log.warning(
                    at: checker.offset(checker.locations.sources, f), path: checker.path("sources", checker.locations.sourceIndex, f), id: model.sources[f].id.rawValue,
                    "no breaker, recloser or fuse at the feeder head; faults are assumed to trip the feeder at its source")
            }
        }
        return topology
    }

    /// One error per island of buses that no source reaches.
    private static func reportUnsuppliedIslands(
        model: NetworkModel, feederOfBus: [Int], degree: [Int], adjacency: [Int], from: [Int], to: [Int],
        checker: ReferenceChecker, log: inout DiagnosticLog, topologyErrors: inout Bool
    ) {
        var seen = [Bool](repeating: false, count: model.buses.count)
        for start in 0..<model.buses.count where feederOfBus[start] < 0 && !seen[start] {
            topologyErrors = true
            var island = [start]
            seen[start] = true
            var head = 0
            while head < island.count {
                let u = island[head]
                head += 1
                for k in degree[u]..<degree[u + 1] {
                    let s = adjacency[k]
                    let v = from[s] == u ? to[s] : from[s]
                    if !seen[v] && feederOfBus[v] < 0 {
                        seen[v] = true
                        island.append(v)
                    }
                }
            }
            let id = model.buses[start].id.rawValue
            let busPath = checker.path("buses", checker.locations.busIndex, start)
            if island.count == 1 {
                log.error(
                    at: checker.offset(checker.locations.buses, start), path: busPath, id: id,
                    "bus is reached from no source through closed devices; connect it to a feeder or remove it")
            } else {
                let names = island.prefix(5).map { "'\(model.buses[$0].id.rawValue)'" }.joined(separator: ", ")
                let more = island.count > 5 ? " and \(island.count - 5) more" : ""
                log.error(
                    at: checker.offset(checker.locations.buses, start), path: busPath, id: id,
                    "\(island.count) buses (\(names)\(more)) are reached from no source through closed devices; connect them to a feeder or remove them")
            }
        }
    }
}
