import GridModel

/// A job fixed by the planner's user: to a day, a method and/or a work period (docs/scenario-format.md
/// "Pins and locks"). The planner keeps it there or proves it cannot be done there.
public struct JobPin: Sendable, Equatable {
    /// The day (the first day of a job of several days); overrides the job's window.
    public var date: CivilDate?
    public var method: WorkMethod?
    /// A work period's name (`day`, `night` … of `timeOfDay.periods`).
    public var period: String?

    public init(date: CivilDate? = nil, method: WorkMethod? = nil, period: String? = nil) {
        self.date = date
        self.method = method
        self.period = period
    }
}

extension Scenario {
    /// `pin` and `forbiddenMethods` of a job: a pin fixes its day (its window becomes that day),
    /// method and/or period and makes it mandatory; forbidden methods are taken out of the methods
    /// it may have.
    static func decodePin(_ reader: inout FieldReader, id: String?, log: inout DiagnosticLog) -> (pin: JobPin?, forbidden: [WorkMethod]) {
        var pin: JobPin?
        if let node = reader.node("pin"), var pinReader = FieldReader(node, path: reader.fieldPath("pin"), log: &log) {
            pinReader.elementID = id
            var value = JobPin()
            value.date = date(&pinReader, "date", required: false, log: &log)
            if let text = pinReader.string("method", required: false, log: &log) {
                value.method = WorkMethod(rawValue: text)
                if value.method == nil {
                    log.error(at: pinReader.node("method")?.offset, path: pinReader.fieldPath("method"), id: id,
                              "unknown method '\(text)'; use one of \(WorkMethod.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))")
                }
            }
            value.period = pinReader.string("period", required: false, log: &log)
            pinReader.reportUnknown(log: &log, known: ["date", "method", "period"])
            if value == JobPin() {
                log.error(at: node.offset, path: reader.fieldPath("pin"), id: id, "a pin needs a 'date', a 'method' or a 'period'")
            }
            pin = value
        }
        var forbidden: [WorkMethod] = []
        if let items = reader.array("forbiddenMethods", required: false, log: &log) {
            for (index, item) in items.enumerated() {
                guard let text = item.stringValue, let method = WorkMethod(rawValue: text) else {
                    log.error(at: item.offset, path: "\(reader.fieldPath("forbiddenMethods"))[\(index)]", id: id,
                              "unknown method; use one of \(WorkMethod.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))")
                    continue
                }
                forbidden.append(method)
            }
        }
        if let method = pin?.method, forbidden.contains(method) {
            log.error(at: reader.node("pin")?.offset, path: reader.fieldPath("pin.method"), id: id, "the job is pinned to '\(method.rawValue)', which its forbiddenMethods forbid; keep one")
        }
        return (pin, forbidden)
    }

    /// `calendar.feederBlocks`: `[{"feeder": "F2", "dates": ["2027-02-17"]}]` — no job on a section
    /// of that feeder on those days.
    static func decodeFeederBlocks(_ calendar: inout FieldReader, network: Network, log: inout DiagnosticLog) -> [SourceID: Set<CivilDate>] {
        guard let items = calendar.array("feederBlocks", required: false, log: &log) else { return [:] }
        var blocks: [SourceID: Set<CivilDate>] = [:]
        for (index, item) in items.enumerated() {
            let path = "calendar.feederBlocks[\(index)]"
            guard var reader = FieldReader(item, path: path, log: &log) else { continue }
            let feeder = reader.string("feeder", required: true, log: &log, what: "a feeder (source id)")
            let dates = dateList(&reader, "dates", log: &log)
            reader.reportUnknown(log: &log, known: ["feeder", "dates"])
            guard let feeder else { continue }
            guard network.sourceIndex[SourceID(feeder)] != nil else {
                log.error(at: reader.node("feeder")?.offset, path: "\(path).feeder", "unknown feeder '\(feeder)' in the network")
                continue
            }
            if dates.isEmpty { log.error(at: item.offset, path: "\(path).dates", "give the blocked dates (YYYY-MM-DD)") }
            blocks[SourceID(feeder), default: []].formUnion(dates)
        }
        return blocks
    }
}

extension Job {
    /// Applies a pin: the window becomes the pinned day (the requested day, which the baseline
    /// uses, stays), the methods the pinned one (when the job
    /// lists methods, only if it is among them — else none, and the planner says why), the job
    /// mandatory; forbidden methods come out.
    mutating func apply(pin: JobPin?, forbidden: [WorkMethod]) {
        self.pin = pin
        forbiddenMethods = forbidden
        guard let pin else { return }
        mandatory = true
        // The baseline keeps the requested day: a pin is a planning decision, not the reference.
        if let date = pin.date {
            earliest = date
            latest = date
        }
        if let method = pin.method {
            methods = (methods ?? [method]).contains(method) ? [method] : []
        }
    }
}
