import GridModel

/// Maps a ``RawNetwork`` to network format v1: merges connectors, orients every feeder from its
/// source, turns branches that close loops into normally-open ties, collapses the low-voltage
/// side of distribution transformers into one load point each, places protective devices, and
/// applies the assumptions for what the file does not say — counting each use.
struct RawNetworkMapper {
    let raw: RawNetwork
    let assumptions: ImportAssumptions

    func map(into result: inout ImportResult) -> NetworkModel {
        // 1. Merge connectors (union-find over bus names).
        var parent: [String: String] = [:]
        func find(_ bus: String) -> String {
            var root = bus
            while let next = parent[root], next != root { root = next }
            var walk = bus
            while let next = parent[walk], next != root {
                parent[walk] = root
                walk = next
            }
            return root
        }
        var connectors = 0
        for branch in raw.branches {
            if case .connector = branch.kind, !branch.normallyOpen {
                let a = find(branch.busA)
                let b = find(branch.busB)
                if a != b {
                    // Keep a source bus as the representative.
                    if raw.sources.contains(where: { find($0.bus) == b }) { parent[a] = b } else { parent[b] = a }
                }
                connectors += 1
            }
        }
        result.assume("regulators and source reactors merged into the buses they join (no failures of their own)", connectors)
        let sourceBuses = raw.sources.map { find($0.bus) }

        // 2. Adjacency of closed, non-connector branches.
        // Closed branches joining the same two buses are one connection split by phase
        // (single-phase lines on phases a, b, c): the first stands for all of them.
        var adjacency: [String: [Int]] = [:]
        var branchOfPair: [String: Int] = [:]
        var parallelOf: [Int: Int] = [:]
        for (index, branch) in raw.branches.enumerated() {
            if case .connector = branch.kind { continue }
            if branch.normallyOpen { continue }
            let a = find(branch.busA)
            let b = find(branch.busB)
            if a == b { continue }
            let pair = a < b ? a + "\u{1}" + b : b + "\u{1}" + a
            if let first = branchOfPair[pair] {
                parallelOf[index] = first
                continue
            }
            branchOfPair[pair] = index
            adjacency[a, default: []].append(index)
            adjacency[b, default: []].append(index)
        }
        result.assume("parallel branches between the same two buses (one per phase) merged into one section", parallelOf.count)

        // 3. Breadth-first from all sources: feeders, orientation, low-voltage regions.
        var feederOf: [String: Int] = [:]
        var lowVoltageOwner: [String: Int] = [:]  // bus → branch index of its distribution transformer
        var treeBranches: [Int] = []
        var upstreamOf: [Int: String] = [:]
        var loopBranches: [Int] = []
        var queue: [String] = []
        var used = Set<Int>()
        for (f, bus) in sourceBuses.enumerated() where feederOf[bus] == nil {
            feederOf[bus] = f
            queue.append(bus)
        }
        var head = 0
        while head < queue.count {
            let u = queue[head]
            head += 1
            for index in adjacency[u] ?? [] where !used.contains(index) {
                used.insert(index)
                let branch = raw.branches[index]
                let v = find(branch.busA) == u ? find(branch.busB) : find(branch.busA)
                if feederOf[v] != nil {
                    loopBranches.append(index)
                    continue
                }
                feederOf[v] = feederOf[u]
                upstreamOf[index] = u
                treeBranches.append(index)
                if let owner = lowVoltageOwner[u] {
                    lowVoltageOwner[v] = owner
                } else if case .transformer(_, let secondary) = branch.kind, secondary < assumptions.lowVoltageMaxKV {
                    lowVoltageOwner[v] = index
                }
                queue.append(v)
            }
        }

        // 4. Sections: medium-voltage lines and transformers whose primary side is medium voltage.
        var model = NetworkModel(name: raw.name, nominalKV: raw.nominalKV)
        model.defaults = assumptions.networkDefaults
        var busIDs: [String] = []
        var busSeen = Set<String>()
        func addBus(_ bus: String) {
            guard busSeen.insert(bus).inserted else { return }
            busIDs.append(bus)
        }
        for bus in sourceBuses { addBus(bus) }
        var sectionOfBranch: [Int: Int] = [:]
        var sectionIDs = UniqueIDs()
        func uniqueID(_ base: String) -> String { sectionIDs.take(base) }
        var assumedKinds = 0
        var collapsedLines = 0
        var sectionsWithFileData = 0
        for index in treeBranches {
            let branch = raw.branches[index]
            let up = upstreamOf[index]!
            let a = find(branch.busA)
            let b = find(branch.busB)
            if lowVoltageOwner[up] != nil {
                collapsedLines += 1
                continue
            }
            addBus(a)
            addBus(b)
            switch branch.kind {
            case .line(let length, let kind, let assumed):
                if assumed { assumedKinds += 1 }
                sectionOfBranch[index] = model.sections.count
                model.sections.append(Section(id: SectionID(uniqueID(branch.id)), from: BusID(a), to: BusID(b), kind: kind, lengthKm: length))
                result.elementLocations[model.sections[model.sections.count - 1].id.rawValue] = ImportResult.Place(file: branch.location.file, line: branch.location.line)
                if branch.isSwitch {
                    model.sections[model.sections.count - 1].failuresPerYear = 0
                } else if let rate = branch.failuresPerYear {
                    model.sections[model.sections.count - 1].failuresPerYear = rate
                    sectionsWithFileData += 1
                }
                if let repair = branch.repairHours { model.sections[model.sections.count - 1].repairHours = repair }
            case .transformer:
                sectionOfBranch[index] = model.sections.count
                model.sections.append(Section(id: SectionID(uniqueID("T-" + branch.id)), from: BusID(a), to: BusID(b), kind: .transformer, lengthKm: 0))
                result.elementLocations[model.sections[model.sections.count - 1].id.rawValue] = ImportResult.Place(file: branch.location.file, line: branch.location.line)
            case .connector:
                break
            }
        }
        result.assume("line kind \(assumptions.defaultLineKind.rawValue) where the line code, geometry and name do not tell overhead from cable", assumedKinds)
        result.assume("low-voltage lines collapsed into their distribution transformer's load point", collapsedLines)
        result.assume("failure rates and repair times per section kind (no reliability data in the file)", model.sections.count - sectionsWithFileData)

        // Switches on closed branches.
        var deviceIDs = UniqueIDs()
        func uniqueDevice(_ base: String) -> String { deviceIDs.take(base) }
        for (index, branch) in raw.branches.enumerated() where branch.isSwitch && !branch.normallyOpen {
            guard let s = sectionOfBranch[index] else { continue }
            model.devices.append(SwitchingDevice(id: DeviceID(uniqueDevice(branch.id)), kind: .loadBreakSwitch, section: model.sections[s].id, end: .from, control: .manual))
        }
        // Protective devices named in the file.
        var branchIndex: [String: Int] = [:]
        for (index, branch) in raw.branches.enumerated() where branchIndex[branch.id] == nil { branchIndex[branch.id] = index }
        for device in raw.devices {
            guard let named = branchIndex[device.branch], case let index = parallelOf[named] ?? named, let s = sectionOfBranch[index] else {
                result.unmapped.append(Diagnostic(severity: .warning, file: device.location.file, line: device.location.line, elementID: device.id,
                    message: "\(device.kind.rawValue) on '\(device.branch)': that element is not a medium-voltage section of the imported network; left out"))
                continue
            }
            let branch = raw.branches[index]
            let end: SectionEnd = device.terminal == 2 ? (find(branch.busB) == model.sections[s].to.rawValue ? .to : .from) : (find(branch.busA) == model.sections[s].from.rawValue ? .from : .to)
            model.devices.append(SwitchingDevice(id: DeviceID(uniqueDevice(device.id)), kind: device.kind, section: model.sections[s].id, end: end, control: device.kind == .breaker || device.kind == .recloser ? .remote : .manual))
        }

        // 5. Ties: normally-open switches, and branches that closed loops.
        var ties: [(id: String, a: String, b: String)] = []
        var dangling = 0
        var externalSources: [String] = []
        // Buses a closed branch touches (a dangling far bus touches none).
        var touchedByClosed = Set<String>()
        for branch in raw.branches where !branch.normallyOpen {
            touchedByClosed.insert(find(branch.busA))
            touchedByClosed.insert(find(branch.busB))
        }
        for branch in raw.branches where branch.normallyOpen {
            let a = find(branch.busA)
            let b = find(branch.busB)
            let aLive = feederOf[a] != nil && lowVoltageOwner[a] == nil
            let bLive = feederOf[b] != nil && lowVoltageOwner[b] == nil
            if aLive && bLive {
                ties.append((branch.id, a, b))
            } else if aLive || bLive {
                let far = aLive ? b : a
                if !touchedByClosed.contains(far) && assumptions.danglingOpenPoint == .externalFeeder {
                    dangling += 1
                    externalSources.append(far)
                    ties.append((branch.id, aLive ? a : b, far))
                } else {
                    result.unmapped.append(Diagnostic(severity: .warning, file: branch.location.file, line: branch.location.line, elementID: branch.id,
                        message: "normally-open switch to '\(far)', which no source reaches; left out"))
                }
            }
        }
        result.assume("dangling open points modelled as ties to an external feeder with \(format(assumptions.externalHeadroomMW)) MW of headroom", dangling)
        for index in loopBranches {
            let branch = raw.branches[index]
            let a = find(branch.busA)
            let b = find(branch.busB)
            if lowVoltageOwner[a] != nil || lowVoltageOwner[b] != nil { continue }
            ties.append((branch.id, a, b))
            result.unmapped.append(Diagnostic(severity: .warning, file: branch.location.file, line: branch.location.line, elementID: branch.id,
                message: "closes a loop in the file's normal state; modelled as a normally-open tie"))
        }
        var tieIDs = UniqueIDs()
        for tie in ties {
            addBus(tie.a)
            addBus(tie.b)
            let id = tieIDs.take(tie.id)
            let sameFeeder = feederOf[tie.a] != nil && feederOf[tie.a] == feederOf[tie.b]
            model.ties.append(Tie(id: TieID(id), busA: BusID(tie.a), busB: BusID(tie.b), withinFeeder: sameFeeder))
        }

        // 6. Load points: medium-voltage loads as they are; low-voltage loads summed per transformer.
        var aggregated: [Int: (kW: Double, customers: Int, count: Int)] = [:]
        var customersAssumed = 0
        let sourceBusSet = Set(sourceBuses)
        // A stand-in for the rest of the substation: a large load alone on a bus that hangs by one
        // branch off a source bus (EPRI ckt24's Other_Feeders: 23.5 MW of 50.9 MW). It is not on
        // the feeder; left out like a load on the source bus.
        var neighbours: [String: Set<String>] = [:]
        for branch in raw.branches where !branch.normallyOpen {
            let a = find(branch.busA)
            let b = find(branch.busB)
            guard a != b else { continue }
            neighbours[a, default: []].insert(b)
            neighbours[b, default: []].insert(a)
        }
        let totalKW = raw.loads.reduce(0.0) { $0 + ($1.kW.isFinite ? max(0, $1.kW) : 0) }
        func standsInForOtherFeeders(_ load: RawNetwork.Load, _ bus: String) -> String? {
            // The head must also feed something else (the feeder proper), and the file hold more loads.
            guard raw.loads.count >= 10, let around = neighbours[bus], around.count == 1, let head = around.first, sourceBusSet.contains(head),
                (neighbours[head]?.count ?? 0) >= 2, totalKW > 0, load.kW >= 0.2 * totalKW
            else { return nil }
            return head
        }
        for load in raw.loads {
            let bus = find(load.bus)
            guard feederOf[bus] != nil else {
                result.unmapped.append(Diagnostic(severity: .warning, file: load.location.file, line: load.location.line, elementID: load.id, message: "load on bus '\(load.bus)', which no source reaches; left out"))
                continue
            }
            if sourceBusSet.contains(bus) {
                result.unmapped.append(Diagnostic(severity: .warning, file: load.location.file, line: load.location.line, elementID: load.id,
                    message: "load on the source bus '\(load.bus)' (stands for the station or other feeders, not on any section); left out"))
                continue
            }
            if let head = standsInForOtherFeeders(load, bus) {
                result.unmapped.append(Diagnostic(severity: .warning, file: load.location.file, line: load.location.line, elementID: load.id,
                    message: "load on bus '\(load.bus)', alone one branch off the source bus '\(head)', of \(NumberText.short((load.kW / 1000 * 10).rounded() / 10)) MW (\(Int((load.kW / totalKW * 100).rounded())) % of all load): stands for the rest of the substation, not on the feeder; left out"))
                continue
            }
            let assumed = (load.kW / assumptions.kWPerCustomer).rounded()
            guard load.kW.isFinite, load.kW >= 0, load.customers != nil || assumed <= Double(NumberRanges.customers.upperBound) else {
                result.errors.append(Diagnostic(severity: .error, file: load.location.file, line: load.location.line, elementID: load.id,
                    message: "a load of \(NumberText.short(load.kW)) kW is out of range\(load.customers == nil ? " (at \(NumberText.short(assumptions.kWPerCustomer)) kW per customer it would be \(NumberText.short(assumed)) customers)" : ""); write a load in 0…\(NumberText.short(NumberRanges.loadMW.upperBound * 1000)) kW"))
                continue
            }
            let customers = load.customers ?? max(1, Int(assumed))
            if load.customers == nil { customersAssumed += 1 }
            result.loadsMapped += 1
            if let owner = lowVoltageOwner[bus] {
                var entry = aggregated[owner] ?? (0, 0, 0)
                entry.kW += load.kW
                entry.customers += customers
                entry.count += 1
                aggregated[owner] = entry
            } else {
                addBus(bus)
                let peak = load.kW / 1000
                model.loadPoints.append(LoadPoint(id: LoadPointID(load.id), bus: BusID(bus), customers: customers, averageMW: peak * assumptions.loadFactor, peakMW: peak, customerClass: .residential))
                result.elementLocations[load.id] = ImportResult.Place(file: load.location.file, line: load.location.line)
            }
        }
        var lowVoltageLoads = 0
        for index in aggregated.keys.sorted() {
            let entry = aggregated[index]!
            let branch = raw.branches[index]
            let secondary = upstreamOf[index].map { $0 == find(branch.busA) ? find(branch.busB) : find(branch.busA) } ?? find(branch.busB)
            lowVoltageLoads += entry.count
            let peak = entry.kW / 1000
            model.loadPoints.append(LoadPoint(id: LoadPointID("LP-" + branch.id), bus: BusID(secondary), customers: entry.customers, averageMW: peak * assumptions.loadFactor, peakMW: peak, customerClass: .residential))
        }
        result.assume("customers = max(1, round(kW / \(format(assumptions.kWPerCustomer)))) where the file gives no customer count", customersAssumed)
        result.assume("average demand = \(format(assumptions.loadFactor)) × the load's kW (files give peak loads)", model.loadPoints.count)
        result.assume("low-voltage loads summed into their distribution transformer's load point", lowVoltageLoads)

        // 7. Buses and sources.
        for bus in busIDs {
            let xy = raw.coordinates[bus]
            model.buses.append(Bus(id: BusID(bus), x: xy?.0, y: xy?.1))
        }
        for (f, source) in raw.sources.enumerated() where sourceBuses[f] == find(source.bus) {
            if model.sources.contains(where: { $0.bus.rawValue == sourceBuses[f] }) { continue }
            model.sources.append(Source(id: SourceID(source.name), bus: BusID(sourceBuses[f])))
        }
        for (k, bus) in externalSources.enumerated() {
            model.sources.append(Source(id: SourceID("EXT-\(k + 1)"), name: "external feeder beyond open point at \(bus)", bus: BusID(bus), ratingMW: assumptions.externalHeadroomMW))
        }

        // 8. Protection the file does not model.
        addHeadBreakers(&model, &result, deviceIDs: &deviceIDs)
        addLateralFuses(&model, &result, deviceIDs: &deviceIDs)
        if let factor = assumptions.sourceRatingFactor {
            applySourceRatings(&model, factor: factor)
            result.assume("feeder-head rating = \(format(factor)) × the feeder's peak load", model.sources.count)
        } else {
            result.assume("feeder-head ratings unlimited (no transfer headroom limit)", model.sources.count - externalSources.count)
        }
        return model
    }

    private func addHeadBreakers(_ model: inout NetworkModel, _ result: inout ImportResult, deviceIDs: inout UniqueIDs) {
        guard assumptions.headBreaker else { return }
        var added = 0
        for source in model.sources where !source.id.rawValue.hasPrefix("EXT-") {
            for section in model.sections where section.from == source.bus || section.to == source.bus {
                let end: SectionEnd = section.from == source.bus ? .from : .to
                let protected = model.devices.contains { $0.section == section.id && $0.end == end && $0.kind.isProtective }
                if protected { continue }
                let id = deviceIDs.take("CB-\(section.id.rawValue)")
                model.devices.append(SwitchingDevice(id: DeviceID(id), kind: .breaker, section: section.id, end: end, control: .remote))
                added += 1
            }
        }
        result.assume("breaker added at the feeder head (none modelled)", added)
    }

    /// When the file has no fuse at all, a fuse goes at the head of every lateral: each section
    /// leaving the trunk (the path from the source to the bus farthest from it) that is not on it.
    private func addLateralFuses(_ model: inout NetworkModel, _ result: inout ImportResult, deviceIDs: inout UniqueIDs) {
        guard assumptions.lateralFuses, !model.devices.contains(where: { $0.kind == .fuse }) else { return }
        var adjacency: [String: [Int]] = [:]
        for (s, section) in model.sections.enumerated() {
            adjacency[section.from.rawValue, default: []].append(s)
            adjacency[section.to.rawValue, default: []].append(s)
        }
        var added = 0
        for source in model.sources where !source.id.rawValue.hasPrefix("EXT-") {
            // Distances and parents from the source.
            var distance: [String: Double] = [source.bus.rawValue: 0]
            var parentSection: [String: Int] = [:]
            var order = [source.bus.rawValue]
            var head = 0
            while head < order.count {
                let u = order[head]
                head += 1
                for s in adjacency[u] ?? [] {
                    let section = model.sections[s]
                    let v = section.from.rawValue == u ? section.to.rawValue : section.from.rawValue
                    if distance[v] != nil { continue }
                    distance[v] = distance[u]! + section.lengthKm
                    parentSection[v] = s
                    order.append(v)
                }
            }
            guard let farthest = distance.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) })?.key else { continue }
            var trunkBuses: Set<String> = [farthest]
            var trunkSections = Set<Int>()
            var walk = farthest
            while let s = parentSection[walk] {
                trunkSections.insert(s)
                let section = model.sections[s]
                walk = section.from.rawValue == walk ? section.to.rawValue : section.from.rawValue
                trunkBuses.insert(walk)
            }
            for bus in order where trunkBuses.contains(bus) {
                for s in adjacency[bus] ?? [] where !trunkSections.contains(s) {
                    let section = model.sections[s]
                    let other = section.from.rawValue == bus ? section.to.rawValue : section.from.rawValue
                    guard parentSection[other] == s else { continue }  // leaves the trunk downstream
                    let end: SectionEnd = section.from.rawValue == bus ? .from : .to
                    if model.devices.contains(where: { $0.section == section.id && $0.end == end }) { continue }
                    let id = deviceIDs.take("FU-\(section.id.rawValue)")
                    model.devices.append(SwitchingDevice(id: DeviceID(id), kind: .fuse, section: section.id, end: end, control: .manual))
                    added += 1
                }
            }
        }
        result.assume("fuse added at the head of each lateral (the file models no fuse)", added)
    }

    private func applySourceRatings(_ model: inout NetworkModel, factor: Double) {
        guard let network = try? Network(validating: model) else { return }
        for (f, feeder) in network.topology.feeders.enumerated() where model.sources[f].ratingMW == nil {
            model.sources[f].ratingMW = max(0.1, feeder.peakMW * factor)
        }
    }
}

/// Identifiers made unique by a suffix: `x`, `x-2`, `x-3`, …
struct UniqueIDs {
    private var taken = Set<String>()

    mutating func take(_ base: String) -> String {
        var id = base
        var k = 2
        while !taken.insert(id).inserted {
            id = "\(base)-\(k)"
            k += 1
        }
        return id
    }
}
