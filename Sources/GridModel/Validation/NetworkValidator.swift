import Foundation

/// Why a network could not be loaded: every diagnostic found, errors first in file order.
public struct NetworkLoadError: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

extension Network {
    /// Reads, parses and validates a network file. Warnings come back with the network.
    public static func load(path: String) throws(NetworkLoadError) -> (network: Network, warnings: [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            let exists = FileManager.default.fileExists(atPath: path)
            let message = exists ? "cannot read the file; check its permissions" : "no such file"
            throw NetworkLoadError(diagnostics: [Diagnostic(severity: .error, file: path, message: message)])
        }
        return try load(source: SourceText(fileName: path, bytes: [UInt8](data)))
    }

    /// Parses and validates the bytes of a network file.
    public static func load(source: SourceText) throws(NetworkLoadError) -> (network: Network, warnings: [Diagnostic]) {
        let decoded = NetworkDecoder.decode(source)
        guard let model = decoded.model else {
            throw NetworkLoadError(diagnostics: decoded.log.diagnostics)
        }
        var log = decoded.log
        let network = validate(model, locations: decoded.locations, log: &log)
        if let network, !log.hasErrors {
            return (network, log.diagnostics)
        }
        throw NetworkLoadError(diagnostics: log.diagnostics)
    }

    /// Validates a model built in code (generator, importer, what-if), locating problems by element.
    public init(validating model: NetworkModel, name: String = "<model>") throws(NetworkLoadError) {
        var log = DiagnosticLog(source: SourceText(fileName: name, bytes: []))
        guard let network = Network.validate(model, locations: .synthetic(for: model), log: &log, locate: false),
            !log.hasErrors
        else {
            throw NetworkLoadError(diagnostics: log.diagnostics)
        }
        self = network
    }

    /// The semantic pass: duplicate ids, references, values that depend on other fields, then the
    /// topology (radiality, supply, zones, ties). Returns nil when there are errors.
    static func validate(
        _ model: NetworkModel, locations: ElementLocations, log: inout DiagnosticLog, locate: Bool = true
    ) -> Network? {
        // Ranges first (the decoder has already reported negatives and non-numbers of a file).
        if !log.hasErrors {
            RangeChecker(model: model, locations: locations, locate: locate).check(log: &log)
            if log.hasErrors { return nil }
        }
        var checker = ReferenceChecker(model: model, locations: locations, locate: locate)
        let resolved = checker.resolve(log: &log)
        guard let resolved, !log.hasErrors else { return nil }
        let topology = TopologyBuilder.build(model: model, resolved: resolved.parameters, checker: checker, log: &log)
        guard let topology, !log.hasErrors else { return nil }
        return Network(model: model, topology: topology, indices: resolved.indices, resolved: resolved.parameters)
    }
}

/// Resolves ids to indices and reports duplicates and dangling references.
struct ReferenceChecker {
    let model: NetworkModel
    let locations: ElementLocations
    let locate: Bool

    func offset(_ array: [Int], _ index: Int) -> Int? {
        locate && index < array.count ? array[index] : nil
    }

    func path(_ key: String, _ indices: [Int], _ index: Int, field: String? = nil) -> String {
        let position = index < indices.count ? indices[index] : index
        return field.map { "\(key)[\(position)].\($0)" } ?? "\(key)[\(position)]"
    }

    func isDropped(_ key: String, _ id: String) -> Bool {
        locations.droppedIDs.contains("\(key):\(id)")
    }

    private func indexIDs<Tag>(
        _ ids: [ElementID<Tag>], key: String, noun: String, offsets: [Int], indices: [Int], log: inout DiagnosticLog
    ) -> [ElementID<Tag>: Int] {
        var map: [ElementID<Tag>: Int] = [:]
        map.reserveCapacity(ids.count)
        for (index, id) in ids.enumerated() {
            if let first = map[id] {
                log.error(
                    at: offset(offsets, index), path: path(key, indices, index, field: "id"), id: id.rawValue,
                    "duplicate \(noun) id; it is already used by \(path(key, indices, first)); give each \(noun) its own id")
            } else {
                map[id] = index
            }
        }
        return map
    }

    func lookup<Tag>(
        _ id: ElementID<Tag>, in map: [ElementID<Tag>: Int], targetKey: String, noun: String, at offset: Int?, path: String,
        owner: String, log: inout DiagnosticLog
    ) -> Int? {
        if let index = map[id] { return index }
        if !isDropped(targetKey, id.rawValue) {
            log.error(at: offset, path: path, id: owner, "unknown \(noun) '\(id.rawValue)'; add it to '\(targetKey)' or correct the reference")
        }
        return nil
    }

    mutating func resolve(log: inout DiagnosticLog) -> (indices: NetworkIndices, parameters: ResolvedParameters)? {
        var indices = NetworkIndices()
        indices.bus = indexIDs(model.buses.map(\.id), key: "buses", noun: "bus", offsets: locations.buses, indices: locations.busIndex, log: &log)
        indices.source = indexIDs(model.sources.map(\.id), key: "sources", noun: "source", offsets: locations.sources, indices: locations.sourceIndex, log: &log)
        indices.section = indexIDs(model.sections.map(\.id), key: "sections", noun: "section", offsets: locations.sections, indices: locations.sectionIndex, log: &log)
        indices.device = indexIDs(model.devices.map(\.id), key: "devices", noun: "device", offsets: locations.devices, indices: locations.deviceIndex, log: &log)
        indices.tie = indexIDs(model.ties.map(\.id), key: "ties", noun: "tie", offsets: locations.ties, indices: locations.tieIndex, log: &log)
        indices.loadPoint = indexIDs(model.loadPoints.map(\.id), key: "loadPoints", noun: "load point", offsets: locations.loadPoints, indices: locations.loadPointIndex, log: &log)

        var resolved = ResolvedParameters()
        let defaults = model.defaults
        var ok = true

        var sourceOnBus: [Int: Int] = [:]
        for (index, source) in model.sources.enumerated() {
            let bus = lookup(
                source.bus, in: indices.bus, targetKey: "buses", noun: "bus", at: offset(locations.sourceBus, index),
                path: path("sources", locations.sourceIndex, index, field: "bus"), owner: source.id.rawValue, log: &log)
            if let bus, let other = sourceOnBus[bus] {
                log.error(
                    at: offset(locations.sourceBus, index), path: path("sources", locations.sourceIndex, index, field: "bus"), id: source.id.rawValue,
                    "bus '\(source.bus.rawValue)' already holds source '\(model.sources[other].id.rawValue)'; give each feeder head its own bus")
            }
            if let bus { sourceOnBus[bus] = index }
            resolved.sourceBus.append(bus ?? -1)
            ok = ok && bus != nil
            resolved.sourceRatingMW.append(source.ratingMW ?? .infinity)
        }

        for (index, section) in model.sections.enumerated() {
            let owner = section.id.rawValue
            let from = lookup(
                section.from, in: indices.bus, targetKey: "buses", noun: "bus", at: offset(locations.sectionFrom, index),
                path: path("sections", locations.sectionIndex, index, field: "from"), owner: owner, log: &log)
            let to = lookup(
                section.to, in: indices.bus, targetKey: "buses", noun: "bus", at: offset(locations.sectionTo, index),
                path: path("sections", locations.sectionIndex, index, field: "to"), owner: owner, log: &log)
            if let from, let to, from == to {
                log.error(
                    at: offset(locations.sectionTo, index), path: path("sections", locations.sectionIndex, index, field: "to"), id: owner,
                    "a section must join two different buses; 'from' and 'to' are both '\(section.from.rawValue)'")
                ok = false
            }
            ok = ok && from != nil && to != nil
            resolved.sectionFrom.append(from ?? -1)
            resolved.sectionTo.append(to ?? -1)
            let kindDefaults = defaults.forKind(section.kind)
            let rate: Double
            if let perYear = section.failuresPerYear {
                rate = perYear
            } else if section.kind == .transformer {
                rate = kindDefaults.failureRate
            } else {
                rate = (section.failuresPerKmYear ?? kindDefaults.failureRate) * section.lengthKm
            }
            resolved.sectionFailuresPerYear.append(rate)
            let repair = section.repairHours ?? kindDefaults.repairHours
            resolved.sectionRepairHours.append(repair)
            resolved.sectionOutageHours.append(section.replacementHours ?? kindDefaults.replacementHours ?? repair)
            resolved.sectionRatingMW.append(section.ratingMW ?? kindDefaults.ratingMW ?? .infinity)
        }

        for (index, device) in model.devices.enumerated() {
            let section = lookup(
                device.section, in: indices.section, targetKey: "sections", noun: "section", at: offset(locations.deviceSection, index),
                path: path("devices", locations.deviceIndex, index, field: "section"), owner: device.id.rawValue, log: &log)
            ok = ok && section != nil
            resolved.deviceSection.append(section ?? -1)
            resolved.deviceSwitchingHours.append(device.switchingHours ?? defaults.switchingHours(for: device.control))
        }

        for (index, tie) in model.ties.enumerated() {
            let owner = tie.id.rawValue
            let busA = lookup(
                tie.busA, in: indices.bus, targetKey: "buses", noun: "bus", at: offset(locations.tieBusA, index),
                path: path("ties", locations.tieIndex, index, field: "busA"), owner: owner, log: &log)
            let busB = lookup(
                tie.busB, in: indices.bus, targetKey: "buses", noun: "bus", at: offset(locations.tieBusB, index),
                path: path("ties", locations.tieIndex, index, field: "busB"), owner: owner, log: &log)
            if let busA, let busB, busA == busB {
                log.error(
                    at: offset(locations.tieBusB, index), path: path("ties", locations.tieIndex, index, field: "busB"), id: owner,
                    "a tie must join two different buses; busA and busB are both '\(tie.busA.rawValue)'")
                ok = false
            }
            ok = ok && busA != nil && busB != nil
            resolved.tieBusA.append(busA ?? -1)
            resolved.tieBusB.append(busB ?? -1)
            resolved.tieSwitchingHours.append(tie.switchingHours ?? defaults.switchingHours(for: tie.control))
            resolved.tieCapacityMW.append(tie.capacityMW ?? .infinity)
        }

        for (index, loadPoint) in model.loadPoints.enumerated() {
            let bus = lookup(
                loadPoint.bus, in: indices.bus, targetKey: "buses", noun: "bus", at: offset(locations.loadPointBus, index),
                path: path("loadPoints", locations.loadPointIndex, index, field: "bus"), owner: loadPoint.id.rawValue, log: &log)
            ok = ok && bus != nil
            resolved.loadPointBus.append(bus ?? -1)
        }

        if model.sources.isEmpty {
            log.error(at: nil, path: "sources", "the network has no source; add at least one feeder head to 'sources'")
            ok = false
        }
        return ok ? (indices, resolved) : nil
    }
}
