/// Where each element of a network file stood, so that later passes can point at it.
///
/// Offsets are 0-based byte offsets into the file; arrays are parallel to the model's arrays.
public struct ElementLocations: Sendable {
    public var buses: [Int] = []
    public var sources: [Int] = []
    public var sourceBus: [Int] = []
    public var sections: [Int] = []
    public var sectionFrom: [Int] = []
    public var sectionTo: [Int] = []
    public var devices: [Int] = []
    public var deviceSection: [Int] = []
    public var ties: [Int] = []
    public var tieBusA: [Int] = []
    public var tieBusB: [Int] = []
    public var loadPoints: [Int] = []
    public var loadPointBus: [Int] = []
    /// JSON array index of each kept element (elements with parse errors are dropped from the model).
    public var busIndex: [Int] = []
    public var sourceIndex: [Int] = []
    public var sectionIndex: [Int] = []
    public var deviceIndex: [Int] = []
    public var tieIndex: [Int] = []
    public var loadPointIndex: [Int] = []
    /// Ids of elements dropped for parse errors; references to them are not reported again.
    public var droppedIDs: Set<String> = []

    public init() {}

    /// Locations for a model built in code (generator, importers): every element at offset 0.
    public static func synthetic(for model: NetworkModel) -> ElementLocations {
        var locations = ElementLocations()
        locations.buses = Array(repeating: 0, count: model.buses.count)
        locations.busIndex = Array(model.buses.indices)
        locations.sources = Array(repeating: 0, count: model.sources.count)
        locations.sourceBus = locations.sources
        locations.sourceIndex = Array(model.sources.indices)
        locations.sections = Array(repeating: 0, count: model.sections.count)
        locations.sectionFrom = locations.sections
        locations.sectionTo = locations.sections
        locations.sectionIndex = Array(model.sections.indices)
        locations.devices = Array(repeating: 0, count: model.devices.count)
        locations.deviceSection = locations.devices
        locations.deviceIndex = Array(model.devices.indices)
        locations.ties = Array(repeating: 0, count: model.ties.count)
        locations.tieBusA = locations.ties
        locations.tieBusB = locations.ties
        locations.tieIndex = Array(model.ties.indices)
        locations.loadPoints = Array(repeating: 0, count: model.loadPoints.count)
        locations.loadPointBus = locations.loadPoints
        locations.loadPointIndex = Array(model.loadPoints.indices)
        return locations
    }
}

/// The parse pass: bytes → JSON → ``NetworkModel``, with every type and range problem reported.
public enum NetworkDecoder {
    public struct Result: Sendable {
        /// nil only when the file could not be read as a network at all (not JSON, not an object,
        /// unsupported format version).
        public var model: NetworkModel?
        public var locations: ElementLocations
        public var log: DiagnosticLog
    }

    public static let topLevelFields = [
        "formatVersion", "name", "description", "nominalKV", "defaults", "loadProfile", "buses", "sources",
        "sections", "devices", "ties", "loadPoints",
    ]

    public static func decode(_ source: SourceText) -> Result {
        var log = DiagnosticLog(source: source)
        var locations = ElementLocations()
        if source.bytes.isEmpty {
            log.error(at: nil, path: "", "the file is empty; expected a JSON network object (see docs/network-format.md)")
            return Result(model: nil, locations: locations, log: log)
        }
        guard let root = log.parseJSONDocument() else { return Result(model: nil, locations: locations, log: log) }
        guard var top = FieldReader(root, path: "", log: &log) else {
            return Result(model: nil, locations: locations, log: log)
        }
        guard let version = top.integer("formatVersion", required: true, log: &log) else {
            return Result(model: nil, locations: locations, log: log)
        }
        guard version == NetworkModel.currentFormatVersion else {
            let node = top.node("formatVersion")
            let advice = version > NetworkModel.currentFormatVersion
                ? "it is newer than this liveline understands; upgrade liveline or write formatVersion 1"
                : "write formatVersion 1"
            log.error(at: node?.offset, path: "formatVersion", "unsupported formatVersion \(version): \(advice)")
            return Result(model: nil, locations: locations, log: log)
        }
        var model = NetworkModel(name: top.string("name", required: false, log: &log) ?? "")
        var dropped = Set<String>()
        model.description = top.string("description", required: false, log: &log)
        model.nominalKV = top.double("nominalKV", required: false, log: &log, positive: true, unit: "kV") ?? 10
        if let node = top.node("defaults") {
            model.defaults = decodeDefaults(node, log: &log)
        }
        if let node = top.node("loadProfile") {
            model.loadProfile = decodeLoadProfile(node, log: &log)
        }
        decodeElements(&top, "buses", log: &log, dropped: &dropped) { reader, log in
            decodeBus(&reader, log: &log).map { bus in
                model.buses.append(bus)
                locations.buses.append(reader.offset)
            }
        } keep: { locations.busIndex.append($0) }
        decodeElements(&top, "sources", log: &log, dropped: &dropped) { reader, log in
            decodeSource(&reader, log: &log).map { source, busOffset in
                model.sources.append(source)
                locations.sources.append(reader.offset)
                locations.sourceBus.append(busOffset)
            }
        } keep: { locations.sourceIndex.append($0) }
        decodeElements(&top, "sections", log: &log, dropped: &dropped) { reader, log in
            decodeSection(&reader, log: &log).map { section, fromOffset, toOffset in
                model.sections.append(section)
                locations.sections.append(reader.offset)
                locations.sectionFrom.append(fromOffset)
                locations.sectionTo.append(toOffset)
            }
        } keep: { locations.sectionIndex.append($0) }
        decodeElements(&top, "devices", log: &log, dropped: &dropped, required: false) { reader, log in
            decodeDevice(&reader, log: &log).map { device, sectionOffset in
                model.devices.append(device)
                locations.devices.append(reader.offset)
                locations.deviceSection.append(sectionOffset)
            }
        } keep: { locations.deviceIndex.append($0) }
        decodeElements(&top, "ties", log: &log, dropped: &dropped, required: false) { reader, log in
            decodeTie(&reader, log: &log).map { tie, offsetA, offsetB in
                model.ties.append(tie)
                locations.ties.append(reader.offset)
                locations.tieBusA.append(offsetA)
                locations.tieBusB.append(offsetB)
            }
        } keep: { locations.tieIndex.append($0) }
        decodeElements(&top, "loadPoints", log: &log, dropped: &dropped) { reader, log in
            decodeLoadPoint(&reader, log: &log).map { loadPoint, busOffset in
                model.loadPoints.append(loadPoint)
                locations.loadPoints.append(reader.offset)
                locations.loadPointBus.append(busOffset)
            }
        } keep: { locations.loadPointIndex.append($0) }
        top.reportUnknown(log: &log, known: topLevelFields)
        locations.droppedIDs = dropped
        return Result(model: model, locations: locations, log: log)
    }

    /// Decodes each object of array `key`; `body` returns nil (Void?) when the element was dropped.
    private static func decodeElements(
        _ top: inout FieldReader, _ key: String, log: inout DiagnosticLog, dropped: inout Set<String>,
        required: Bool = true, _ body: (inout FieldReader, inout DiagnosticLog) -> Void?, keep: (Int) -> Void
    ) {
        guard let items = top.array(key, required: required, log: &log) else { return }
        for (index, item) in items.enumerated() {
            guard var reader = FieldReader(item, path: "\(key)[\(index)]", log: &log) else { continue }
            if body(&reader, &log) != nil {
                keep(index)
            } else if let id = item["id"]?.stringValue {
                dropped.insert("\(key):\(id)")
            }
        }
    }

    private static func readID(_ reader: inout FieldReader, log: inout DiagnosticLog) -> String? {
        let id = reader.string("id", required: true, log: &log, what: "a unique id string")
        reader.elementID = id
        return id
    }

    static func decodeBus(_ reader: inout FieldReader, log: inout DiagnosticLog) -> Bus? {
        let errors = log.errorCount
        let id = readID(&reader, log: &log)
        let name = reader.string("name", required: false, log: &log)
        let x = reader.double("x", required: false, log: &log)
        let y = reader.double("y", required: false, log: &log)
        reader.reportUnknown(log: &log, known: busFields)
        guard let id, log.errorCount == errors else { return nil }
        return Bus(id: BusID(id), name: name, x: x, y: y)
    }

    static func decodeSource(_ reader: inout FieldReader, log: inout DiagnosticLog) -> (Source, Int)? {
        let errors = log.errorCount
        let id = readID(&reader, log: &log)
        let name = reader.string("name", required: false, log: &log)
        let busOffset = reader.node("bus")?.offset ?? reader.offset
        let bus = reader.string("bus", required: true, log: &log, what: "the id of the bus the feeder leaves from")
        let rating = reader.double("ratingMW", required: false, log: &log, positive: true, unit: "MW")
        let district = reader.string("district", required: false, log: &log, what: "the name of the feeder's district or supply area")
        reader.reportUnknown(log: &log, known: sourceFields)
        guard let id, let bus, log.errorCount == errors else { return nil }
        return (Source(id: SourceID(id), name: name, bus: BusID(bus), ratingMW: rating, district: district), busOffset)
    }

    static let busFields = ["id", "name", "x", "y"]
    static let sourceFields = ["id", "name", "bus", "ratingMW", "district"]
    static let deviceFields = ["id", "name", "kind", "section", "end", "normallyOpen", "control", "switchingHours", "loadBreak"]
    static let tieFields = ["id", "name", "busA", "busB", "control", "switchingHours", "capacityMW", "withinFeeder"]
    static let loadPointFields = ["id", "name", "bus", "customers", "averageMW", "peakMW", "class", "sensitive", "mvUsers"]
    static let sectionFields = [
        "id", "name", "from", "to", "kind", "lengthKm", "failuresPerKmYear", "failuresPerYear", "repairHours",
        "replacementHours", "ratingMW",
    ]

    static func decodeSection(_ reader: inout FieldReader, log: inout DiagnosticLog) -> (Section, Int, Int)? {
        let errors = log.errorCount
        let id = readID(&reader, log: &log)
        let name = reader.string("name", required: false, log: &log)
        let fromOffset = reader.node("from")?.offset ?? reader.offset
        let from = reader.string("from", required: true, log: &log, what: "the id of the bus at one end")
        let toOffset = reader.node("to")?.offset ?? reader.offset
        let to = reader.string("to", required: true, log: &log, what: "the id of the bus at the other end")
        let kind = reader.enumeration("kind", SectionKind.self, required: true, log: &log)
        let length = reader.double("lengthKm", required: kind != .transformer && kind != nil, log: &log, minimum: 0, unit: "km")
        if kind == .transformer, let length, length != 0 {
            log.error(at: reader.node("lengthKm")?.offset, path: reader.fieldPath("lengthKm"), id: id, "a transformer has no length; remove lengthKm or set it to 0")
        }
        let perKm = reader.double("failuresPerKmYear", required: false, log: &log, minimum: 0, unit: "failures per km-year")
        if kind == .transformer, perKm != nil {
            log.error(at: reader.node("failuresPerKmYear")?.offset, path: reader.fieldPath("failuresPerKmYear"), id: id, "a transformer's failure rate is per year; use failuresPerYear")
        }
        let perYear = reader.double("failuresPerYear", required: false, log: &log, minimum: 0, unit: "failures per year")
        if perKm != nil, perYear != nil {
            log.error(at: reader.offset, path: reader.path, id: id, "give either failuresPerKmYear or failuresPerYear, not both")
        }
        let repair = reader.double("repairHours", required: false, log: &log, minimum: 0, unit: "hours")
        let replacement = reader.double("replacementHours", required: false, log: &log, minimum: 0, unit: "hours")
        let rating = reader.double("ratingMW", required: false, log: &log, positive: true, unit: "MW")
        reader.reportUnknown(log: &log, known: sectionFields)
        guard let id, let from, let to, let kind, log.errorCount == errors else { return nil }
        let section = Section(
            id: SectionID(id), name: name, from: BusID(from), to: BusID(to), kind: kind, lengthKm: length ?? 0,
            failuresPerKmYear: perKm, failuresPerYear: perYear, repairHours: repair, replacementHours: replacement,
            ratingMW: rating)
        return (section, fromOffset, toOffset)
    }

    static func decodeDevice(_ reader: inout FieldReader, log: inout DiagnosticLog) -> (SwitchingDevice, Int)? {
        let errors = log.errorCount
        let id = readID(&reader, log: &log)
        let name = reader.string("name", required: false, log: &log)
        let kind = reader.enumeration("kind", DeviceKind.self, required: true, log: &log)
        let sectionOffset = reader.node("section")?.offset ?? reader.offset
        let section = reader.string("section", required: true, log: &log, what: "the id of the section the device sits on")
        let end = reader.enumeration("end", SectionEnd.self, required: true, log: &log)
        let open = reader.bool("normallyOpen", log: &log) ?? false
        if open {
            log.error(
                at: reader.node("normallyOpen")?.offset, path: reader.fieldPath("normallyOpen"), id: id,
                "a normally-open device on a section is not supported in format v1; declare open points between feeders in 'ties'")
        }
        let control = reader.enumeration("control", DeviceControl.self, required: false, log: &log) ?? .manual
        let hours = reader.double("switchingHours", required: false, log: &log, minimum: 0, unit: "hours")
        let loadBreak = reader.bool("loadBreak", log: &log)
        reader.reportUnknown(log: &log, known: deviceFields)
        guard let id, let kind, let section, let end, log.errorCount == errors else { return nil }
        let device = SwitchingDevice(
            id: DeviceID(id), name: name, kind: kind, section: SectionID(section), end: end, normallyOpen: open,
            control: control, switchingHours: hours, loadBreak: loadBreak)
        return (device, sectionOffset)
    }

    static func decodeTie(_ reader: inout FieldReader, log: inout DiagnosticLog) -> (Tie, Int, Int)? {
        let errors = log.errorCount
        let id = readID(&reader, log: &log)
        let name = reader.string("name", required: false, log: &log)
        let offsetA = reader.node("busA")?.offset ?? reader.offset
        let busA = reader.string("busA", required: true, log: &log, what: "the id of the bus on one feeder")
        let offsetB = reader.node("busB")?.offset ?? reader.offset
        let busB = reader.string("busB", required: true, log: &log, what: "the id of the bus on the other feeder")
        let control = reader.enumeration("control", DeviceControl.self, required: false, log: &log) ?? .manual
        let hours = reader.double("switchingHours", required: false, log: &log, minimum: 0, unit: "hours")
        let capacity = reader.double("capacityMW", required: false, log: &log, minimum: 0, unit: "MW")
        let within = reader.bool("withinFeeder", log: &log) ?? false
        reader.reportUnknown(log: &log, known: tieFields)
        guard let id, let busA, let busB, log.errorCount == errors else { return nil }
        let tie = Tie(
            id: TieID(id), name: name, busA: BusID(busA), busB: BusID(busB), control: control, switchingHours: hours,
            capacityMW: capacity, withinFeeder: within)
        return (tie, offsetA, offsetB)
    }

    static func decodeLoadPoint(_ reader: inout FieldReader, log: inout DiagnosticLog) -> (LoadPoint, Int)? {
        let errors = log.errorCount
        let id = readID(&reader, log: &log)
        let name = reader.string("name", required: false, log: &log)
        let busOffset = reader.node("bus")?.offset ?? reader.offset
        let bus = reader.string("bus", required: true, log: &log, what: "the id of the bus the customers hang on")
        let customers = reader.integer("customers", required: true, log: &log, minimum: 0)
        let average = reader.double("averageMW", required: true, log: &log, minimum: 0, unit: "MW")
        let peak = reader.double("peakMW", required: false, log: &log, minimum: 0, unit: "MW")
        if let average, let peak, peak < average {
            log.error(at: reader.node("peakMW")?.offset, path: reader.fieldPath("peakMW"), id: id, "peak demand \(format(peak)) MW is below the average \(format(average)) MW; peakMW must be at least averageMW")
        }
        let customerClass = reader.enumeration("class", CustomerClass.self, required: false, log: &log) ?? .residential
        let sensitive = reader.bool("sensitive", log: &log) ?? false
        let mvUsers = reader.integer("mvUsers", required: false, log: &log, minimum: 0) ?? 1
        reader.reportUnknown(log: &log, known: loadPointFields)
        guard let id, let bus, let customers, let average, log.errorCount == errors else { return nil }
        let loadPoint = LoadPoint(
            id: LoadPointID(id), name: name, bus: BusID(bus), customers: customers, averageMW: average,
            peakMW: peak ?? average, customerClass: customerClass, sensitive: sensitive, mvUsers: mvUsers)
        return (loadPoint, busOffset)
    }

    static func decodeDefaults(_ node: JSONNode, log: inout DiagnosticLog) -> NetworkDefaults {
        var defaults = NetworkDefaults.builtIn
        guard var reader = FieldReader(node, path: "defaults", log: &log) else { return defaults }
        if let sectionsNode = reader.node("sections"), var sections = FieldReader(sectionsNode, path: "defaults.sections", log: &log) {
            for kind in SectionKind.allCases {
                guard let kindNode = sections.node(kind.rawValue),
                    var kindReader = FieldReader(kindNode, path: "defaults.sections.\(kind.rawValue)", log: &log)
                else { continue }
                let rateKey = kind == .transformer ? "failuresPerYear" : "failuresPerKmYear"
                var values = SectionKindDefaults()
                values.failureRate = kindReader.double(rateKey, required: false, log: &log, minimum: 0) ?? 0
                values.repairHours = kindReader.double("repairHours", required: false, log: &log, minimum: 0, unit: "hours") ?? 0
                values.replacementHours = kindReader.double("replacementHours", required: false, log: &log, minimum: 0, unit: "hours")
                values.ratingMW = kindReader.double("ratingMW", required: false, log: &log, positive: true, unit: "MW")
                kindReader.reportUnknown(log: &log, known: [rateKey, "repairHours", "replacementHours", "ratingMW"])
                defaults.sections[kind] = values
            }
            sections.reportUnknown(log: &log, known: SectionKind.allCases.map(\.rawValue))
        }
        if let switchingNode = reader.node("switching"), var switching = FieldReader(switchingNode, path: "defaults.switching", log: &log) {
            defaults.manualSwitchingHours = switching.double("manualHours", required: false, log: &log, minimum: 0, unit: "hours") ?? defaults.manualSwitchingHours
            defaults.remoteSwitchingHours = switching.double("remoteHours", required: false, log: &log, minimum: 0, unit: "hours") ?? defaults.remoteSwitchingHours
            defaults.manualOperateHours = switching.double("operateHours", required: false, log: &log, minimum: 0, unit: "hours") ?? defaults.manualOperateHours
            switching.reportUnknown(log: &log, known: ["manualHours", "remoteHours", "operateHours"])
        }
        reader.reportUnknown(log: &log, known: ["sections", "switching"])
        return defaults
    }

    static func decodeLoadProfile(_ node: JSONNode, log: inout DiagnosticLog) -> LoadProfile {
        var profile = LoadProfile.flat
        guard var reader = FieldReader(node, path: "loadProfile", log: &log) else { return profile }
        if let monthly = reader.numberArray("monthlyFactors", count: 12, minimum: 0, maximum: NumberRanges.profileFactor.upperBound, log: &log) {
            profile.monthlyFactors = monthly
        }
        if let hourly = reader.numberArray("hourlyFactors", count: 24, minimum: 0, maximum: NumberRanges.profileFactor.upperBound, log: &log) {
            profile.hourlyFactors = hourly
        }
        reader.reportUnknown(log: &log, known: ["monthlyFactors", "hourlyFactors"])
        return profile
    }
}
