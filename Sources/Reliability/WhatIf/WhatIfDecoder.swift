import Foundation
import GridModel

extension WhatIf {
    public static let operations = [
        "scaleFailureRate", "setKind", "makeRemote", "addTie", "removeTie", "setTieCapacity", "addDevice",
        "removeDevices", "setReplacementHours", "setSourceRating",
    ]

    /// Reads a what-if file (docs/what-if-format.md), reporting every problem at once.
    public static func load(path: String) throws(WhatIfError) -> (whatIf: WhatIf, source: SourceText) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WhatIfError(diagnostics: [Diagnostic(severity: .error, file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file; check its permissions" : "no such file")])
        }
        let source = SourceText(fileName: path, bytes: [UInt8](data))
        return (try decode(source), source)
    }

    public static func decode(_ source: SourceText) throws(WhatIfError) -> WhatIf {
        var log = DiagnosticLog(source: source)
        guard let root = log.parseJSONDocument() else { throw WhatIfError(diagnostics: log.diagnostics) }
        guard var top = FieldReader(root, path: "", log: &log) else { throw WhatIfError(diagnostics: log.diagnostics) }
        if let version = top.integer("formatVersion", required: true, log: &log), version != 1 {
            log.error(at: top.node("formatVersion")?.offset, path: "formatVersion", "unsupported formatVersion \(version); write 1")
        }
        let name = top.string("name", required: false, log: &log) ?? source.fileName
        var changes: [Change] = []
        var offsets: [Int] = []
        for (index, item) in (top.array("changes", required: true, log: &log) ?? []).enumerated() {
            guard var reader = FieldReader(item, path: "changes[\(index)]", log: &log) else { continue }
            let errors = log.errorCount
            if let change = decodeChange(&reader, log: &log), log.errorCount == errors {
                changes.append(change)
                offsets.append(item.offset)
            }
        }
        top.reportUnknown(log: &log, known: ["formatVersion", "name", "changes"])
        if log.hasErrors { throw WhatIfError(diagnostics: log.diagnostics) }
        return WhatIf(name: name, changes: changes, changeOffsets: offsets)
    }

    private static func decodeChange(_ reader: inout FieldReader, log: inout DiagnosticLog) -> Change? {
        guard let op = reader.string("op", required: true, log: &log, what: "the operation, one of \(operations.joined(separator: ", "))") else { return nil }
        reader.elementID = op
        var known = ["op"]
        defer { reader.reportUnknown(log: &log, known: known) }
        func oneOf(_ first: String, _ second: String) -> Bool {
            let count = (reader.contains(first) ? 1 : 0) + (reader.contains(second) ? 1 : 0)
            if count != 1 { log.error(at: reader.offset, path: reader.path, id: op, "give exactly one of '\(first)' and '\(second)'") }
            return count == 1
        }
        switch op {
        case "scaleFailureRate":
            known += ["sections", "kind", "factor"]
            guard oneOf("sections", "kind") else { return nil }
            let sections = reader.stringArray("sections", required: false, log: &log) ?? []
            let kind = reader.enumeration("kind", SectionKind.self, required: false, log: &log)
            guard let factor = reader.double("factor", required: true, log: &log, minimum: 0, maximum: 1_000) else { return nil }
            return .scaleFailureRate(sections: sections.map { SectionID($0) }, kind: kind, factor: factor)
        case "setKind":
            known += ["sections", "kind"]
            guard let sections = reader.stringArray("sections", required: true, log: &log),
                let kind = reader.enumeration("kind", SectionKind.self, required: true, log: &log) else { return nil }
            return .setKind(sections: sections.map { SectionID($0) }, kind: kind)
        case "makeRemote":
            known += ["devices", "ties"]
            let devices = reader.stringArray("devices", required: false, log: &log) ?? []
            let ties = reader.stringArray("ties", required: false, log: &log) ?? []
            if devices.isEmpty && ties.isEmpty {
                log.error(at: reader.offset, path: reader.path, id: op, "list the 'devices' and/or 'ties' to make remote")
                return nil
            }
            return .makeRemote(devices: devices.map { DeviceID($0) }, ties: ties.map { TieID($0) })
        case "addTie":
            known += ["id", "name", "busA", "busB", "control", "switchingHours", "capacityMW"]
            guard let id = reader.string("id", required: true, log: &log),
                let busA = reader.string("busA", required: true, log: &log),
                let busB = reader.string("busB", required: true, log: &log) else { return nil }
            let name = reader.string("name", required: false, log: &log)
            let control = reader.enumeration("control", DeviceControl.self, required: false, log: &log) ?? .manual
            let hours = reader.double("switchingHours", required: false, log: &log, minimum: 0, maximum: NumberRanges.hours.upperBound, unit: "hours")
            let capacity = reader.double("capacityMW", required: false, log: &log, minimum: 0, maximum: NumberRanges.ratingMW.upperBound, unit: "MW")
            return .addTie(Tie(id: TieID(id), name: name, busA: BusID(busA), busB: BusID(busB), control: control, switchingHours: hours, capacityMW: capacity))
        case "removeTie":
            known += ["id"]
            guard let id = reader.string("id", required: true, log: &log) else { return nil }
            return .removeTie(TieID(id))
        case "setTieCapacity":
            known += ["id", "capacityMW"]
            guard let id = reader.string("id", required: true, log: &log) else { return nil }
            guard reader.contains("capacityMW") else {
                log.error(at: reader.offset, path: reader.path, id: op, "required field 'capacityMW' is missing; give MW, or null for unlimited")
                return nil
            }
            return .setTieCapacity(TieID(id), capacityMW: reader.double("capacityMW", required: false, log: &log, minimum: 0, maximum: NumberRanges.ratingMW.upperBound, unit: "MW"))
        case "addDevice":
            known += ["id", "name", "kind", "section", "end", "control", "switchingHours", "loadBreak"]
            guard let id = reader.string("id", required: true, log: &log),
                let kind = reader.enumeration("kind", DeviceKind.self, required: true, log: &log),
                let section = reader.string("section", required: true, log: &log),
                let end = reader.enumeration("end", SectionEnd.self, required: true, log: &log) else { return nil }
            let name = reader.string("name", required: false, log: &log)
            let control = reader.enumeration("control", DeviceControl.self, required: false, log: &log) ?? .manual
            let hours = reader.double("switchingHours", required: false, log: &log, minimum: 0, maximum: NumberRanges.hours.upperBound, unit: "hours")
            let loadBreak = reader.bool("loadBreak", log: &log)
            return .addDevice(SwitchingDevice(id: DeviceID(id), name: name, kind: kind, section: SectionID(section), end: end, control: control,
                                              switchingHours: hours, loadBreak: loadBreak))
        case "removeDevices":
            known += ["devices", "kind"]
            guard oneOf("devices", "kind") else { return nil }
            let devices = reader.stringArray("devices", required: false, log: &log) ?? []
            let kind = reader.enumeration("kind", DeviceKind.self, required: false, log: &log)
            return .removeDevices(devices: devices.map { DeviceID($0) }, kind: kind)
        case "setReplacementHours":
            known += ["sections", "kind", "hours"]
            guard oneOf("sections", "kind") else { return nil }
            let sections = reader.stringArray("sections", required: false, log: &log) ?? []
            let kind = reader.enumeration("kind", SectionKind.self, required: false, log: &log)
            guard reader.contains("hours") else {
                log.error(at: reader.offset, path: reader.path, id: op, "required field 'hours' is missing; give hours, or null to repair instead")
                return nil
            }
            let hours = reader.double("hours", required: false, log: &log, minimum: 0, maximum: NumberRanges.hours.upperBound, unit: "hours")
            return .setReplacementHours(sections: sections.map { SectionID($0) }, kind: kind, hours: hours)
        case "setSourceRating":
            known += ["source", "ratingMW"]
            guard let source = reader.string("source", required: true, log: &log) else { return nil }
            guard reader.contains("ratingMW") else {
                log.error(at: reader.offset, path: reader.path, id: op, "required field 'ratingMW' is missing; give MW, or null for unlimited")
                return nil
            }
            return .setSourceRating(SourceID(source), ratingMW: reader.double("ratingMW", required: false, log: &log, maximum: NumberRanges.ratingMW.upperBound, positive: true, unit: "MW"))
        default:
            log.error(at: reader.node("op")?.offset, path: reader.fieldPath("op"), "unknown operation '\(op)'; use one of \(operations.joined(separator: ", "))")
            return nil
        }
    }
}
