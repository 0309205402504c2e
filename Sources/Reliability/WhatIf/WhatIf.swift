import Foundation
import GridModel

/// A what-if study: changes applied to a network before evaluating it again.
/// Format: docs/what-if-format.md.
public struct WhatIf: Sendable {
    public enum Change: Sendable, Equatable {
        /// Multiply failure rates: of the listed sections, or of every section of a kind.
        case scaleFailureRate(sections: [SectionID], kind: SectionKind?, factor: Double)
        /// Change the kind of sections (e.g. insulate bare overhead line); their rate overrides are
        /// dropped so the new kind's defaults apply.
        case setKind(sections: [SectionID], kind: SectionKind)
        /// Make devices and ties remote-controlled (their own switching time overrides are dropped).
        case makeRemote(devices: [DeviceID], ties: [TieID])
        case addTie(Tie)
        case removeTie(TieID)
        case setTieCapacity(TieID, capacityMW: Double?)
        /// Add a switching device (a sectionalising switch, a fuse …) at a section end.
        case addDevice(SwitchingDevice)
        /// Remove listed devices, or every device of a kind.
        case removeDevices(devices: [DeviceID], kind: DeviceKind?)
        /// Set the replacement time of listed sections or of a kind (nil removes it: repair instead).
        case setReplacementHours(sections: [SectionID], kind: SectionKind?, hours: Double?)
        case setSourceRating(SourceID, ratingMW: Double?)
    }

    public var name: String
    public var changes: [Change]
    /// Byte offset of each change in its file (for messages); empty for what-ifs built in code.
    public var changeOffsets: [Int]

    public init(name: String, changes: [Change], changeOffsets: [Int] = []) {
        self.name = name
        self.changes = changes
        self.changeOffsets = changeOffsets
    }

    /// A one-line description of a change, for reports.
    public static func describe(_ change: Change) -> String {
        func list<T>(_ ids: [ElementID<T>]) -> String { ids.map(\.rawValue).joined(separator: ", ") }
        switch change {
        case .scaleFailureRate(let sections, let kind, let factor):
            return "failure rate × \(format(factor)) for " + (kind.map { "every \($0.rawValue) section" } ?? list(sections))
        case .setKind(let sections, let kind): return "\(list(sections)) become \(kind.rawValue)"
        case .makeRemote(let devices, let ties): return "remote control for " + list(devices) + (ties.isEmpty ? "" : (devices.isEmpty ? "" : ", ") + list(ties))
        case .addTie(let tie): return "new tie \(tie.id.rawValue) between \(tie.busA.rawValue) and \(tie.busB.rawValue)"
        case .removeTie(let id): return "tie \(id.rawValue) removed"
        case .setTieCapacity(let id, let capacity): return "tie \(id.rawValue) capacity \(capacity.map { "\(format($0)) MW" } ?? "unlimited")"
        case .addDevice(let device): return "new \(device.kind.rawValue) \(device.id.rawValue) on \(device.section.rawValue) (\(device.end.rawValue) end)"
        case .removeDevices(let devices, let kind): return "remove " + (kind.map { "every \($0.rawValue)" } ?? list(devices))
        case .setReplacementHours(let sections, let kind, let hours):
            return (kind.map { "\($0.rawValue) sections" } ?? list(sections)) + (hours.map { " replaced in \(format($0)) h" } ?? " repaired, not replaced")
        case .setSourceRating(let id, let rating): return "source \(id.rawValue) rated \(rating.map { "\(format($0)) MW" } ?? "unlimited")"
        }
    }
}

/// A what-if change that does not fit the network it is applied to.
public struct WhatIfError: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

extension WhatIf {
    /// Applies every change to the network's model and validates the result. Problems name the
    /// what-if file and the change; a result that is no longer a valid network lists why.
    public func apply(to network: Network, source: SourceText) throws(WhatIfError) -> Network {
        var model = network.model
        var log = DiagnosticLog(source: source)
        for (index, change) in changes.enumerated() {
            let offset = index < changeOffsets.count ? changeOffsets[index] : nil
            let path = "changes[\(index)]"
            func section(_ id: SectionID) -> Int? {
                if let s = network.sectionIndex[id] { return s }
                log.error(at: offset, path: path, "unknown section '\(id.rawValue)' in the network")
                return nil
            }
            func device(_ id: DeviceID) -> Int? {
                if let d = model.devices.firstIndex(where: { $0.id == id }) { return d }
                log.error(at: offset, path: path, "unknown device '\(id.rawValue)' in the network")
                return nil
            }
            func tie(_ id: TieID) -> Int? {
                if let t = model.ties.firstIndex(where: { $0.id == id }) { return t }
                log.error(at: offset, path: path, "unknown tie '\(id.rawValue)' in the network")
                return nil
            }
            switch change {
            case .scaleFailureRate(let sections, let kind, let factor):
                if let kind {
                    model.defaults.sections[kind, default: SectionKindDefaults()].failureRate *= factor
                    for s in model.sections.indices where model.sections[s].kind == kind {
                        model.sections[s].failuresPerKmYear = model.sections[s].failuresPerKmYear.map { $0 * factor }
                        model.sections[s].failuresPerYear = model.sections[s].failuresPerYear.map { $0 * factor }
                    }
                }
                for id in sections {
                    guard let s = section(id) else { continue }
                    let current = model.sections[s].failuresPerYear ?? (model.sections[s].kind == .transformer
                        ? model.defaults.forKind(.transformer).failureRate
                        : (model.sections[s].failuresPerKmYear ?? model.defaults.forKind(model.sections[s].kind).failureRate) * model.sections[s].lengthKm)
                    model.sections[s].failuresPerKmYear = nil
                    model.sections[s].failuresPerYear = current * factor
                }
            case .setKind(let sections, let kind):
                for id in sections {
                    guard let s = section(id) else { continue }
                    if (model.sections[s].kind == .transformer) != (kind == .transformer) {
                        log.error(at: offset, path: path, "section '\(id.rawValue)' cannot change between a line kind and a transformer")
                        continue
                    }
                    model.sections[s].kind = kind
                    model.sections[s].failuresPerKmYear = nil
                    model.sections[s].failuresPerYear = nil
                }
            case .makeRemote(let devices, let ties):
                for id in devices {
                    guard let d = device(id) else { continue }
                    model.devices[d].control = .remote
                    model.devices[d].switchingHours = nil
                }
                for id in ties {
                    guard let t = tie(id) else { continue }
                    model.ties[t].control = .remote
                    model.ties[t].switchingHours = nil
                }
            case .addTie(let newTie):
                if model.ties.contains(where: { $0.id == newTie.id }) {
                    log.error(at: offset, path: path, "tie '\(newTie.id.rawValue)' already exists; choose a new id")
                } else {
                    model.ties.append(newTie)
                }
            case .removeTie(let id):
                if let t = tie(id) { model.ties.remove(at: t) }
            case .setTieCapacity(let id, let capacity):
                if let t = tie(id) { model.ties[t].capacityMW = capacity }
            case .addDevice(let newDevice):
                if model.devices.contains(where: { $0.id == newDevice.id }) {
                    log.error(at: offset, path: path, "device '\(newDevice.id.rawValue)' already exists; choose a new id")
                } else if section(newDevice.section) != nil {
                    model.devices.append(newDevice)
                }
            case .removeDevices(let devices, let kind):
                if let kind { model.devices.removeAll { $0.kind == kind } }
                for id in devices {
                    if let d = device(id) { model.devices.remove(at: d) }
                }
            case .setReplacementHours(let sections, let kind, let hours):
                if let kind {
                    model.defaults.sections[kind, default: SectionKindDefaults()].replacementHours = hours
                    for s in model.sections.indices where model.sections[s].kind == kind { model.sections[s].replacementHours = hours }
                }
                for id in sections {
                    if let s = section(id) { model.sections[s].replacementHours = hours }
                }
            case .setSourceRating(let id, let rating):
                if let s = model.sources.firstIndex(where: { $0.id == id }) {
                    model.sources[s].ratingMW = rating
                } else {
                    log.error(at: offset, path: path, "unknown source '\(id.rawValue)' in the network")
                }
            }
        }
        if log.hasErrors { throw WhatIfError(diagnostics: log.diagnostics) }
        do {
            return try Network(validating: model, name: "\(source.fileName) applied to \(network.model.name)")
        } catch {
            throw WhatIfError(diagnostics: error.diagnostics)
        }
    }
}
