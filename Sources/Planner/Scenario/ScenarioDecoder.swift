import Foundation
import GridModel

/// Why a scenario could not be read: every problem, located.
public struct ScenarioError: Error, Sendable {
    public var diagnostics: [Diagnostic]
}

extension Scenario {
    public static let topLevelFields = [
        "formatVersion", "name", "description", "horizon", "calendar", "policy", "resources", "resourceOverrides",
        "loadForecast", "feederRatingsMW", "resourceCostWeights", "timeOfDay", "switching", "jobs", "jobsCSV",
    ]
    public static let jobFields = [
        "id", "description", "workType", "section", "device", "durationHours", "durationDays", "earliest", "latest", "requested",
        "mandatory", "deferralPenaltyCustomerMinutes", "methods", "liveCategory", "after", "pin", "forbiddenMethods",
    ]

    /// Reads a scenario file; job references are checked against `network`. A `jobsCSV` member
    /// (or `jobsCSVOverride`) reads the job list from a CSV file instead (docs/scenario-format.md).
    public static func load(path: String, network: Network, jobsCSVOverride: String? = nil) throws(ScenarioError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(diagnostics: [Diagnostic(severity: .error, file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file; check its permissions" : "no such file")])
        }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try decode(SourceText(fileName: path, bytes: [UInt8](data)), network: network, baseDirectory: directory, jobsCSVOverride: jobsCSVOverride)
    }

    public static func decode(
        _ source: SourceText, network: Network, baseDirectory: String = ".", jobsCSVOverride: String? = nil
    ) throws(ScenarioError) -> Scenario {
        var log = DiagnosticLog(source: source)
        func fail() -> ScenarioError { ScenarioError(diagnostics: log.diagnostics) }
        if source.bytes.isEmpty {
            log.error(at: nil, path: "", "the file is empty; expected a JSON scenario (see docs/scenario-format.md)")
            throw fail()
        }
        guard let root = log.parseJSONDocument() else { throw fail() }
        guard var top = FieldReader(root, path: "", log: &log) else { throw fail() }
        if let version = top.integer("formatVersion", required: true, log: &log), version != 1 {
            log.error(at: top.node("formatVersion")?.offset, path: "formatVersion", "unsupported formatVersion \(version); write 1")
            throw fail()
        }
        let name = top.string("name", required: false, log: &log) ?? source.fileName
        _ = top.string("description", required: false, log: &log)

        // Horizon.
        var start: CivilDate?
        var end: CivilDate?
        if let node = top.node("horizon"), var horizon = FieldReader(node, path: "horizon", log: &log) {
            start = date(&horizon, "start", required: true, log: &log)
            end = date(&horizon, "end", required: true, log: &log)
            horizon.reportUnknown(log: &log, known: ["start", "end"])
            if let s = start, let e = end, e < s {
                log.error(at: node.offset, path: "horizon", "end \(e) is before start \(s)")
            }
            if let s = start, let e = end, e.dayNumber - s.dayNumber > 3660 {
                log.error(at: node.offset, path: "horizon", "the horizon is longer than ten years; plan at most a year at a time")
            }
        } else {
            log.error(at: top.offset, path: "", "required field 'horizon' is missing; add {\"start\": \"YYYY-MM-DD\", \"end\": \"YYYY-MM-DD\"}")
        }

        // Calendar.
        var weekdays: Set<Int> = [1, 2, 3, 4, 5]
        var blocked: Set<CivilDate> = []
        var noLive: Set<CivilDate> = []
        var feederBlocks: [SourceID: Set<CivilDate>] = [:]
        if let node = top.node("calendar"), var calendar = FieldReader(node, path: "calendar", log: &log) {
            if let items = calendar.array("workingWeekdays", required: false, log: &log) {
                weekdays = []
                for (index, item) in items.enumerated() {
                    guard let value = item.doubleValue, value.rounded() == value, (1...7).contains(Int(saturating: value)) else {
                        log.error(at: item.offset, path: "calendar.workingWeekdays[\(index)]", "expected an ISO weekday 1 (Monday) … 7 (Sunday)")
                        continue
                    }
                    weekdays.insert(Int(value))
                }
            }
            blocked = Set(dateList(&calendar, "blockedDays", log: &log))
            noLive = Set(dateList(&calendar, "noLiveWorkDays", log: &log))
            feederBlocks = decodeFeederBlocks(&calendar, network: network, log: &log)
            calendar.reportUnknown(log: &log, known: ["workingWeekdays", "blockedDays", "noLiveWorkDays", "feederBlocks"])
        }

        // Policy.
        var policy = PlanningPolicy.standard
        if let node = top.node("policy"), var reader = FieldReader(node, path: "policy", log: &log) {
            policy.maxPlannedInterruptionsPerCustomer = reader.integer("maxPlannedInterruptionsPerCustomer", required: false, log: &log, minimum: 0, maximum: 1_000) ?? policy.maxPlannedInterruptionsPerCustomer
            policy.capPenaltyCustomerMinutes = reader.double("capPenaltyCustomerMinutes", required: false, log: &log, minimum: 0, maximum: 1e8) ?? policy.capPenaltyCustomerMinutes
            policy.closedLoopTransfer = reader.bool("closedLoopTransfer", log: &log) ?? policy.closedLoopTransfer
            policy.notificationLeadDays = reader.integer("notificationLeadDays", required: false, log: &log, minimum: 0, maximum: 365) ?? policy.notificationLeadDays
            if let hour = reader.integer("workStartHour", required: false, log: &log, minimum: 0) {
                if hour > 23 { log.error(at: reader.node("workStartHour")?.offset, path: "policy.workStartHour", "must be an hour 0…23; got \(hour)") } else { policy.workStartHour = hour }
            }
            policy.bypassConnectionMinutes = reader.double("bypassConnectionMinutes", required: false, log: &log, minimum: 0, maximum: 1_440, unit: "minutes") ?? policy.bypassConnectionMinutes
            policy.shiftHours = reader.double("shiftHours", required: false, log: &log, maximum: 24, positive: true, unit: "hours") ?? policy.shiftHours
            reader.reportUnknown(log: &log, known: ["maxPlannedInterruptionsPerCustomer", "capPenaltyCustomerMinutes", "closedLoopTransfer", "notificationLeadDays", "workStartHour", "bypassConnectionMinutes", "shiftHours"])
        }

        // Resources.
        var resources = ResourcePool()
        if let node = top.node("resources") {
            resources = decodePool(node, path: "resources", base: ResourcePool(), log: &log)
        } else {
            log.error(at: top.offset, path: "", "required field 'resources' is missing; say which crews and vehicles are available per day")
        }
        var overrides: [CivilDate: ResourcePool] = [:]
        for (index, item) in (top.array("resourceOverrides", required: false, log: &log) ?? []).enumerated() {
            guard var reader = FieldReader(item, path: "resourceOverrides[\(index)]", log: &log) else { continue }
            guard let day = date(&reader, "date", required: true, log: &log) else { continue }
            overrides[day] = decodePool(item, path: "resourceOverrides[\(index)]", base: resources, log: &log, extraKnown: ["date"])
        }

        var monthly: [Double]?
        var hourly: [Double]?
        if let node = top.node("loadForecast"), var reader = FieldReader(node, path: "loadForecast", log: &log) {
            monthly = reader.numberArray("monthlyFactors", count: 12, minimum: 0, maximum: NumberRanges.profileFactor.upperBound, log: &log)
            hourly = reader.numberArray("hourlyFactors", count: 24, minimum: 0, maximum: NumberRanges.profileFactor.upperBound, log: &log)
            reader.reportUnknown(log: &log, known: ["monthlyFactors", "hourlyFactors"])
        }
        var ratings: [String: Double] = [:]
        if let node = top.node("feederRatingsMW"), let members = node.objectValue {
            for member in members {
                guard network.sourceIndex[SourceID(member.key)] != nil else {
                    log.error(at: member.keyOffset, path: "feederRatingsMW.\(member.key)", "unknown feeder '\(member.key)' in the network")
                    continue
                }
                guard let value = member.node.doubleValue, value > 0, value <= NumberRanges.ratingMW.upperBound else {
                    log.error(at: member.node.offset, path: "feederRatingsMW.\(member.key)", "expected a rating in MW, greater than 0 and at most 100000")
                    continue
                }
                ratings[member.key] = value
            }
        }
        var weights: [String: Double] = [:]
        if let node = top.node("resourceCostWeights"), let members = node.objectValue {
            for member in members {
                guard ResourceKind.allCases.map(\.rawValue).contains(member.key) else {
                    log.error(at: member.keyOffset, path: "resourceCostWeights.\(member.key)", "unknown resource '\(member.key)'; use one of \(ResourceKind.allCases.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                guard let value = member.node.doubleValue, value >= 0 else {
                    log.error(at: member.node.offset, path: "resourceCostWeights.\(member.key)", "expected a weight ≥ 0")
                    continue
                }
                weights[member.key] = value
            }
        }

        // Jobs: from the JSON array, or from a CSV file.
        var jobs: [Job] = []
        var jobIndices: [Int] = []
        var csvDiagnostics: [Diagnostic] = []
        var csvLines: (file: String, lines: [Int])?
        let csvPath = jobsCSVOverride ?? top.string("jobsCSV", required: false, log: &log).map { $0.hasPrefix("/") ? $0 : baseDirectory + "/" + $0 }
        if let csvPath {
            do {
                let loaded = try JobCSV.loadWithLines(path: csvPath, network: network)
                jobs = loaded.jobs
                csvLines = (csvPath, loaded.lines)
            } catch { csvDiagnostics = error.diagnostics }
            jobIndices = Array(jobs.indices)
            if top.contains("jobs") && jobsCSVOverride == nil {
                log.error(at: top.node("jobs")?.offset, path: "jobs", "give either 'jobs' or 'jobsCSV', not both")
            }
        } else if let items = top.array("jobs", required: true, log: &log) {
            for (index, item) in items.enumerated() {
                guard var reader = FieldReader(item, path: "jobs[\(index)]", log: &log) else { continue }
                if let job = decodeJob(&reader, network: network, log: &log) {
                    jobs.append(job)
                    jobIndices.append(index)
                }
            }
        }
        let timeOfDay = top.node("timeOfDay").map { decodeTimeOfDay($0, policy: policy, network: network, jobIDs: Set(jobs.map(\.id)), log: &log) }
        let switching = top.node("switching").flatMap { decodeSwitching($0, network: network, log: &log) }
        top.reportUnknown(log: &log, known: topLevelFields)

        var scenario: Scenario?
        if let start, let end {
            scenario = Scenario(
                name: name, start: start, end: end, workingWeekdays: weekdays, blockedDays: blocked, noLiveWorkDays: noLive,
                policy: policy, resources: resources, resourceOverrides: overrides, monthlyLoadFactors: monthly,
                feederRatingsMW: ratings, resourceCostWeights: weights, jobs: jobs)
            scenario!.feederBlocks = feederBlocks
            scenario!.workPeriods = timeOfDay?.periods
            scenario!.weekendWork = timeOfDay?.weekend
            scenario!.switching = switching ?? SwitchingTeams()
            scenario!.hourlyLoadFactors = hourly
        }
        if let scenario { checkJobs(scenario, fileIndices: jobIndices, root: root, csv: csvLines, log: &log, csvDiagnostics: &csvDiagnostics) }
        let diagnostics = log.diagnostics + csvDiagnostics
        guard let scenario, !diagnostics.contains(where: { $0.severity == .error }) else {
            throw ScenarioError(diagnostics: diagnostics)
        }
        return scenario
    }

    static func date(_ reader: inout FieldReader, _ key: String, required: Bool, log: inout DiagnosticLog) -> CivilDate? {
        guard let text = reader.string(key, required: required, log: &log, what: "a date YYYY-MM-DD") else { return nil }
        guard let day = CivilDate(text) else {
            log.error(at: reader.node(key)?.offset, path: reader.fieldPath(key), id: reader.elementID, "'\(text)' is not a date; write YYYY-MM-DD")
            return nil
        }
        return day
    }

    static func dateList(_ reader: inout FieldReader, _ key: String, log: inout DiagnosticLog) -> [CivilDate] {
        guard let items = reader.array(key, required: false, log: &log) else { return [] }
        var days: [CivilDate] = []
        for (index, item) in items.enumerated() {
            guard let text = item.stringValue, let day = CivilDate(text) else {
                log.error(at: item.offset, path: "\(reader.fieldPath(key))[\(index)]", "expected a date YYYY-MM-DD")
                continue
            }
            days.append(day)
        }
        return days
    }

    static func decodePool(_ node: JSONNode, path: String, base: ResourcePool, log: inout DiagnosticLog, extraKnown: [String] = []) -> ResourcePool {
        var pool = base
        guard var reader = FieldReader(node, path: path, log: &log) else { return pool }
        if let teamsNode = reader.node("liveTeams") {
            if let members = teamsNode.objectValue {
                for member in members {
                    guard let category = Int(member.key), (1...4).contains(category) else {
                        log.error(at: member.keyOffset, path: "\(path).liveTeams.\(member.key)", "live-work categories are \"1\" … \"4\"")
                        continue
                    }
                    guard let count = member.node.doubleValue, count >= 0, count <= Double(Scenario.maximumUnits), count.rounded() == count else {
                        log.error(at: member.node.offset, path: "\(path).liveTeams.\(member.key)", "expected a whole number of teams in 0…\(Scenario.maximumUnits)")
                        continue
                    }
                    pool.liveTeams[category - 1] = Int(count)
                }
            } else {
                log.error(at: teamsNode.offset, path: "\(path).liveTeams", "expected an object of teams by category, e.g. {\"2\": 2, \"4\": 1}")
            }
        }
        pool.bucketTrucks = reader.integer("bucketTrucks", required: false, log: &log, minimum: 0, maximum: Scenario.maximumUnits) ?? pool.bucketTrucks
        pool.bypassCableSets = reader.integer("bypassCableSets", required: false, log: &log, minimum: 0, maximum: Scenario.maximumUnits) ?? pool.bypassCableSets
        pool.outageCrews = reader.integer("outageCrews", required: false, log: &log, minimum: 0, maximum: Scenario.maximumUnits) ?? pool.outageCrews
        if let items = reader.array("mobileGenerators", required: false, log: &log) {
            var generators: [(kW: Double, count: Int)] = []
            for (index, item) in items.enumerated() {
                guard var generator = FieldReader(item, path: "\(path).mobileGenerators[\(index)]", log: &log) else { continue }
                let kW = generator.double("kW", required: true, log: &log, maximum: 100_000, positive: true, unit: "kW")
                let count = generator.integer("count", required: false, log: &log, minimum: 0, maximum: Scenario.maximumUnits) ?? 1
                generator.reportUnknown(log: &log, known: ["kW", "count"])
                if let kW { generators.append((kW, count)) }
            }
            pool.mobileGenerators = generators.sorted { $0.kW < $1.kW }
        }
        reader.reportUnknown(log: &log, known: ["liveTeams", "bucketTrucks", "bypassCableSets", "mobileGenerators", "outageCrews"] + extraKnown)
        return pool
    }

    static func decodeJob(_ reader: inout FieldReader, network: Network, log: inout DiagnosticLog) -> Job? {
        let errors = log.errorCount
        let id = reader.string("id", required: true, log: &log, what: "a unique job id")
        reader.elementID = id
        let description = reader.string("description", required: false, log: &log)
        let workType = reader.enumeration("workType", WorkType.self, required: true, log: &log)
        var section: SectionID?
        let sectionText = reader.string("section", required: false, log: &log)
        let deviceText = reader.string("device", required: false, log: &log)
        switch (sectionText, deviceText) {
        case (let s?, nil):
            if network.sectionIndex[SectionID(s)] != nil { section = SectionID(s) } else {
                log.error(at: reader.node("section")?.offset, path: reader.fieldPath("section"), id: id, "unknown section '\(s)' in the network")
            }
        case (nil, let d?):
            if let device = network.deviceIndex[DeviceID(d)] { section = network.model.sections[network.deviceSection[device]].id } else {
                log.error(at: reader.node("device")?.offset, path: reader.fieldPath("device"), id: id, "unknown device '\(d)' in the network")
            }
        case (.some, .some):
            log.error(at: reader.offset, path: reader.path, id: id, "give either 'section' or 'device', not both")
        case (nil, nil):
            log.error(at: reader.offset, path: reader.path, id: id, "required field 'section' (or 'device') is missing; name what is worked on")
        }
        let duration = reader.double("durationHours", required: true, log: &log, maximum: 24, positive: true, unit: "hours")
        let days = reader.integer("durationDays", required: false, log: &log, minimum: 1, maximum: Job.maximumDays) ?? 1
        let earliest = date(&reader, "earliest", required: true, log: &log)
        let latest = date(&reader, "latest", required: true, log: &log)
        let requested = date(&reader, "requested", required: false, log: &log)
        let mandatory = reader.bool("mandatory", log: &log) ?? true
        let penalty = reader.double("deferralPenaltyCustomerMinutes", required: false, log: &log, minimum: 0, maximum: 1e8) ?? Scenario.defaultDeferralPenalty
        var methods: [WorkMethod]?
        if let items = reader.array("methods", required: false, log: &log) {
            var list: [WorkMethod] = []
            for (index, item) in items.enumerated() {
                guard let text = item.stringValue, let method = WorkMethod(rawValue: text) else {
                    log.error(at: item.offset, path: "\(reader.fieldPath("methods"))[\(index)]", id: id, "unknown method; use one of \(WorkMethod.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", "))")
                    continue
                }
                list.append(method)
            }
            methods = list
        }
        let category = reader.integer("liveCategory", required: false, log: &log, minimum: 1, maximum: 3)
        if let category, category > 3 {
            log.error(at: reader.node("liveCategory")?.offset, path: reader.fieldPath("liveCategory"), id: id, "live-line categories are 1…3 (category 4 is bypass, a method of its own)")
        }
        let after = reader.stringArray("after", required: false, log: &log) ?? []
        let (pin, forbidden) = decodePin(&reader, id: id, log: &log)
        reader.reportUnknown(log: &log, known: jobFields)
        guard let id, let workType, let section, let duration, let earliest, let latest, log.errorCount == errors else { return nil }
        var job = Job(
            id: id, description: description, workType: workType, section: section, durationHours: duration, earliest: earliest,
            latest: latest, requested: requested, mandatory: mandatory, deferralPenaltyCustomerMinutes: penalty, methods: methods,
            liveCategory: category, after: after)
        job.durationDays = days
        job.location = reader.path
        job.apply(pin: pin, forbidden: forbidden)
        return job
    }

    /// Cross-job checks: unique ids, known predecessors without cycles, windows inside the horizon,
    /// durations that fit a shift.
    /// Checks across jobs. Problems of jobs read from a CSV file are located at their CSV line
    /// (in `csvDiagnostics`), the others in the JSON file.
    static func checkJobs(
        _ scenario: Scenario, fileIndices: [Int], root: JSONNode, csv: (file: String, lines: [Int])?, log: inout DiagnosticLog,
        csvDiagnostics: inout [Diagnostic]
    ) {
        let items = csv == nil ? (root["jobs"]?.arrayValue ?? []) : []
        func offset(_ index: Int) -> Int? { index < items.count ? items[index].offset : nil }
        func report(_ position: Int, _ field: String, _ id: String, _ message: String) {
            if let csv, position < csv.lines.count {
                csvDiagnostics.append(Diagnostic(severity: .error, file: csv.file, line: csv.lines[position], path: field, elementID: id, message: message))
            } else {
                let index = position < fileIndices.count ? fileIndices[position] : position
                log.error(at: offset(index), path: "jobs[\(index)]" + (field.isEmpty ? "" : "." + field), id: id, message)
            }
        }
        // Duplicate ids over every job of the file, decoded or not.
        var firstOf: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            guard let id = item["id"]?.stringValue else { continue }
            if let first = firstOf[id] {
                log.error(at: item.offset, path: "jobs[\(index)].id", id: id, "duplicate job id; jobs[\(first)] has it too")
            } else {
                firstOf[id] = index
            }
        }
        let known = Set(firstOf.keys).union(scenario.jobs.map(\.id))
        let longest = scenario.periods.map(\.longestJobHours).max() ?? scenario.policy.shiftHours
        for (position, job) in scenario.jobs.enumerated() {
            if job.latest < job.earliest {
                report(position, "", job.id, "latest \(job.latest) is before earliest \(job.earliest)")
            }
            if let pinned = job.pin?.date, pinned < scenario.start || pinned > scenario.end {
                report(position, "pin.date", job.id, "pinned date \(pinned) lies outside the horizon \(scenario.start)…\(scenario.end); pin it to a day of the horizon")
            } else if job.latest < scenario.start || job.earliest > scenario.end {
                report(position, "", job.id, "window \(job.earliest)…\(job.latest) lies outside the horizon \(scenario.start)…\(scenario.end)")
            }
            if let requested = job.requested, job.pin?.date == nil, requested < job.earliest || requested > job.latest {
                report(position, "requested", job.id, "requested date \(requested) is outside the window \(job.earliest)…\(job.latest)")
            }
            if job.durationHours > longest {
                report(position, "durationHours", job.id, "\(format(job.durationHours)) h does not fit a \(format(longest)) h shift; give it in days (durationDays) of at most \(format(longest)) h each")
            }
            for predecessor in job.after where !known.contains(predecessor) {
                report(position, "after", job.id, "unknown job '\(predecessor)'")
            }
        }
        // Precedence cycles.
        let index = Dictionary(scenario.jobs.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { a, _ in a })
        var state = [Int](repeating: 0, count: scenario.jobs.count)
        func visit(_ j: Int) -> Bool {
            if state[j] == 1 { return false }
            if state[j] == 2 { return true }
            state[j] = 1
            for predecessor in scenario.jobs[j].after {
                if let p = index[predecessor], !visit(p) { return false }
            }
            state[j] = 2
            return true
        }
        for j in scenario.jobs.indices where state[j] == 0 {
            if !visit(j) {
                report(j, "after", scenario.jobs[j].id, "the 'after' relations form a cycle through this job; remove one")
                break
            }
        }
    }
}
