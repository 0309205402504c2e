import Foundation
import GridModel

extension PlannedSchedule {
    /// Reads a schedule; sections are checked against `network`. Every problem is reported.
    public static func load(path: String, network: Network) throws(ScheduleError) -> PlannedSchedule {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScheduleError(diagnostics: [Diagnostic(severity: .error, file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file; check its permissions" : "no such file")])
        }
        return try decode(SourceText(fileName: path, bytes: [UInt8](data)), network: network)
    }

    public static func decode(_ source: SourceText, network: Network) throws(ScheduleError) -> PlannedSchedule {
        var log = DiagnosticLog(source: source)
        func fail() -> ScheduleError { ScheduleError(diagnostics: log.diagnostics) }
        guard let root = log.parseJSONDocument(utf8Advice: "") else { throw fail() }
        guard var top = FieldReader(root, path: "", log: &log) else { throw fail() }
        if let version = top.integer("formatVersion", required: true, log: &log), version != 1 && version != 2 {
            log.error(at: top.node("formatVersion")?.offset, path: "formatVersion", "unsupported formatVersion \(version); write 2 (or 1, without switching steps)")
        }
        if let kind = top.string("kind", required: true, log: &log), kind != "liveline-schedule" {
            log.error(at: top.node("kind")?.offset, path: "kind", "expected \"liveline-schedule\", found \"\(kind)\"")
        }
        let name = top.string("name", required: false, log: &log) ?? source.fileName
        let networkName = top.string("network", required: false, log: &log)
        var start: CivilDate?
        var end: CivilDate?
        if let node = top.node("horizon"), var horizon = FieldReader(node, path: "horizon", log: &log) {
            start = readDate(&horizon, "start", log: &log)
            end = readDate(&horizon, "end", log: &log)
            horizon.reportUnknown(log: &log, known: ["start", "end"])
        } else {
            log.error(at: top.offset, path: "", "required field 'horizon' is missing")
        }
        let closedLoop = top.bool("closedLoopTransfer", log: &log) ?? false
        var outages: [Outage] = []
        var outageIndex: [String: Int] = [:]
        for (index, item) in (top.array("outages", required: true, log: &log) ?? []).enumerated() {
            guard var reader = FieldReader(item, path: "outages[\(index)]", log: &log) else { continue }
            let errors = log.errorCount
            let id = reader.string("id", required: true, log: &log)
            reader.elementID = id
            if let id {
                if let first = outageIndex[id] {
                    log.error(at: reader.node("id")?.offset, path: reader.fieldPath("id"), id: id, "duplicate outage id; outages[\(first)] has it too (an outage is replayed once)")
                } else {
                    outageIndex[id] = index
                }
            }
            let date = readDate(&reader, "date", log: &log)
            let section = reader.string("section", required: true, log: &log)
            if let section, network.sectionIndex[SectionID(section)] == nil {
                log.error(at: reader.node("section")?.offset, path: reader.fieldPath("section"), id: id, "unknown section '\(section)' in the network")
            }
            let hour = reader.integer("startHour", required: false, log: &log, minimum: 0) ?? 9
            if hour > 23 { log.error(at: reader.node("startHour")?.offset, path: reader.fieldPath("startHour"), id: id, "must be an hour 0…23") }
            let work = reader.double("workHours", required: true, log: &log, minimum: 0, maximum: maximumHours, unit: "hours")
            let transfer = reader.bool("transfer", log: &log) ?? false
            let jobs = reader.stringArray("jobs", required: false, log: &log) ?? []
            var switching: [SwitchingOperation]?
            if let steps = reader.array("switching", required: false, log: &log) {
                switching = readSteps(steps, path: reader.fieldPath("switching"), id: id, network: network, log: &log)
                if let switching, log.errorCount == errors {
                    let replay = SwitchingReplay(network: network).replay([PlannedOutageSteps(operations: switching, startHours: 0)])
                    if !replay.leftOffNormal.isEmpty {
                        let names = replay.leftOffNormal.map { $0.label(in: network) }.joined(separator: ", ")
                        log.error(at: reader.node("switching")?.offset, path: reader.fieldPath("switching"), id: id, "the steps leave \(names) off their normal state; every device and feeder head must be closed again and every tie open at the end")
                    }
                }
            }
            reader.reportUnknown(log: &log, known: ["id", "date", "section", "startHour", "workHours", "transfer", "jobs", "switching"])
            if let id, let date, let section, let work, log.errorCount == errors {
                outages.append(Outage(id: id, date: date, section: SectionID(section), startHour: hour, workHours: work, transfer: transfer, jobs: jobs, switching: switching))
            }
        }
        var jobs: [JobEntry] = []
        for (index, item) in (top.array("jobs", required: false, log: &log) ?? []).enumerated() {
            guard var reader = FieldReader(item, path: "jobs[\(index)]", log: &log) else { continue }
            let errors = log.errorCount
            let id = reader.string("job", required: true, log: &log)
            reader.elementID = id
            let date = readDate(&reader, "date", log: &log)
            let method = reader.string("method", required: true, log: &log)
            let section = reader.string("section", required: true, log: &log)
            let duration = reader.double("durationHours", required: true, log: &log, minimum: 0, maximum: maximumHours, unit: "hours")
            let outage = reader.string("outage", required: false, log: &log)
            let workType = reader.string("workType", required: false, log: &log)
            let description = reader.string("description", required: false, log: &log)
            reader.reportUnknown(log: &log, known: ["job", "date", "method", "section", "durationHours", "outage", "workType", "description"])
            if let id, let date, let method, let section, let duration, log.errorCount == errors {
                jobs.append(JobEntry(job: id, date: date, method: method, section: SectionID(section), durationHours: duration, outage: outage, description: description, workType: workType))
            }
        }
        top.reportUnknown(log: &log, known: ["formatVersion", "kind", "name", "network", "horizon", "closedLoopTransfer", "outages", "jobs"])
        guard let start, let end, !log.hasErrors else { throw fail() }
        return PlannedSchedule(name: name, network: networkName, start: start, end: end, closedLoopTransfer: closedLoop, jobs: jobs, outages: outages)
    }

    /// Longest work or step offset a schedule may give, hours (a week).
    static let maximumHours = 168.0

    private static func readSteps(_ nodes: [JSONNode], path: String, id: String?, network: Network, log: inout DiagnosticLog) -> [SwitchingOperation]? {
        var steps: [SwitchingOperation] = []
        let errors = log.errorCount
        for (index, node) in nodes.enumerated() {
            guard var step = FieldReader(node, path: "\(path)[\(index)]", log: &log) else { continue }
            step.elementID = id
            let at = step.double("at", required: true, log: &log, minimum: 0, maximum: maximumHours, unit: "hours")
            let action = step.enumeration("action", SwitchingOperation.Action.self, required: true, log: &log)
            let purpose = step.enumeration("purpose", SwitchingOperation.Purpose.self, required: false, log: &log)
            var element: SwitchingElement?
            let given = ["device", "tie", "feederHead", "lowVoltage"].filter { step.contains($0) }
            if given.count != 1 {
                log.error(at: node.offset, path: "\(path)[\(index)]", id: id, "give exactly one of 'device', 'tie', 'feederHead' (with 'section') or 'lowVoltage'")
            } else if let name = step.string("lowVoltage", required: false, log: &log) {
                if let lp = network.loadPointIndex[LoadPointID(name)] { element = .lowVoltage(loadPoint: lp) } else {
                    log.error(at: step.node("lowVoltage")?.offset, path: step.fieldPath("lowVoltage"), id: id, "unknown load point '\(name)' in the network")
                }
            } else if let name = step.string("device", required: false, log: &log) {
                if let d = network.deviceIndex[DeviceID(name)] { element = .device(d) } else {
                    log.error(at: step.node("device")?.offset, path: step.fieldPath("device"), id: id, "unknown device '\(name)' in the network")
                }
            } else if let name = step.string("tie", required: false, log: &log) {
                if let t = network.tieIndex[TieID(name)] { element = .tie(t) } else {
                    log.error(at: step.node("tie")?.offset, path: step.fieldPath("tie"), id: id, "unknown tie '\(name)' in the network")
                }
            } else if let feeder = step.string("feederHead", required: false, log: &log) {
                let section = step.string("section", required: true, log: &log)
                if let section {
                    if let s = network.sectionIndex[SectionID(section)], network.topology.zoneOfSection[s] >= 0,
                        network.topology.zones[network.topology.zoneOfSection[s]].parent < 0,
                        network.model.sources[network.topology.zones[network.topology.zoneOfSection[s]].feeder].id.rawValue == feeder
                    {
                        element = .feederBay(zone: network.topology.zoneOfSection[s])
                    } else {
                        log.error(at: step.node("section")?.offset, path: step.fieldPath("section"), id: id, "'\(section)' is not a section of the first zone of feeder \(feeder); name a section of the zone at its head")
                    }
                }
            }
            step.reportUnknown(log: &log, known: ["at", "action", "device", "tie", "feederHead", "section", "lowVoltage", "purpose"])
            if let at, let action, let element {
                steps.append(SwitchingOperation(element: element, action: action, atHours: at, purpose: purpose ?? (action == .open ? .isolateWorkZone : .restoreWorkZone)))
            }
        }
        return log.errorCount == errors ? steps : nil
    }

    private static func readDate(_ reader: inout FieldReader, _ key: String, log: inout DiagnosticLog) -> CivilDate? {
        guard let text = reader.string(key, required: true, log: &log, what: "a date YYYY-MM-DD") else { return nil }
        guard let date = CivilDate(text) else {
            log.error(at: reader.node(key)?.offset, path: reader.fieldPath(key), id: reader.elementID, "'\(text)' is not a date; write YYYY-MM-DD")
            return nil
        }
        return date
    }
}
