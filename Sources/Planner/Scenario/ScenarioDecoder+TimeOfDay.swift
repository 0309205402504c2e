import GridModel

extension Job {
    /// Most working days one job may take (documented range of `durationDays`).
    public static let maximumDays = 30
}

extension Scenario {
    /// `timeOfDay`: the periods outages may start in and who may work at weekends
    /// (docs/scenario-format.md "Time of day").
    static func decodeTimeOfDay(
        _ node: JSONNode, policy: PlanningPolicy, network: Network, jobIDs: Set<String>, log: inout DiagnosticLog
    ) -> (periods: [WorkPeriod]?, weekend: WorkPermission?) {
        guard var reader = FieldReader(node, path: "timeOfDay", log: &log) else { return (nil, nil) }
        var periods: [WorkPeriod]?
        if let items = reader.array("periods", required: false, log: &log) {
            if items.isEmpty { log.error(at: reader.node("periods")?.offset, path: "timeOfDay.periods", "give at least one period, e.g. {\"name\": \"day\", \"startHours\": [9]}") }
            var list: [WorkPeriod] = []
            var names = Set<String>()
            for (index, item) in items.enumerated() {
                let path = "timeOfDay.periods[\(index)]"
                guard var period = FieldReader(item, path: path, log: &log) else { continue }
                let name = period.string("name", required: true, log: &log, what: "a period name such as \"day\" or \"night\"")
                if let name, !names.insert(name).inserted { log.error(at: period.node("name")?.offset, path: "\(path).name", "duplicate period name '\(name)'") }
                var hours: [Int] = []
                if let values = period.array("startHours", required: true, log: &log) {
                    if values.isEmpty { log.error(at: period.node("startHours")?.offset, path: "\(path).startHours", "give at least one start hour 0…23") }
                    for (k, value) in values.enumerated() {
                        guard let number = value.doubleValue, number.rounded() == number, number >= 0, number <= 23 else {
                            log.error(at: value.offset, path: "\(path).startHours[\(k)]", "expected a whole hour 0…23")
                            continue
                        }
                        let hour = Int(number)
                        if hours.contains(hour) { log.error(at: value.offset, path: "\(path).startHours[\(k)]", "start hour \(hour) is listed twice") } else { hours.append(hour) }
                    }
                }
                let longest = period.double("longestJobHours", required: false, log: &log, maximum: 24, positive: true, unit: "hours") ?? policy.shiftHours
                var allowed: WorkPermission?
                if let allow = period.node("allow") { allowed = decodePermission(allow, path: "\(path).allow", network: network, jobIDs: jobIDs, log: &log) }
                period.reportUnknown(log: &log, known: ["name", "startHours", "longestJobHours", "allow"])
                if let name { list.append(WorkPeriod(name: name, startHours: hours.sorted(), longestJobHours: longest, allowed: allowed)) }
            }
            periods = list
        }
        var weekend: WorkPermission?
        if let allow = reader.node("weekendWork") { weekend = decodePermission(allow, path: "timeOfDay.weekendWork", network: network, jobIDs: jobIDs, log: &log) }
        reader.reportUnknown(log: &log, known: ["periods", "weekendWork"])
        return (periods, weekend)
    }

    /// A ``WorkPermission``: `jobs`, `feeders`, `sections`, `customerClasses`, each a list of names
    /// that must exist.
    static func decodePermission(_ node: JSONNode, path: String, network: Network, jobIDs: Set<String>, log: inout DiagnosticLog) -> WorkPermission {
        var permission = WorkPermission()
        let errors = log.errorCount
        guard var reader = FieldReader(node, path: path, log: &log) else { return permission }
        func names(_ key: String, known: (String) -> Bool, what: String) -> Set<String> {
            guard let items = reader.array(key, required: false, log: &log) else { return [] }
            var result = Set<String>()
            for (index, item) in items.enumerated() {
                guard let text = item.stringValue else {
                    log.error(at: item.offset, path: "\(path).\(key)[\(index)]", "expected \(what) as a string")
                    continue
                }
                if known(text) { result.insert(text) } else { log.error(at: item.offset, path: "\(path).\(key)[\(index)]", "unknown \(what) '\(text)'") }
            }
            return result
        }
        permission.jobs = names("jobs", known: { jobIDs.contains($0) }, what: "job id")
        permission.feeders = names("feeders", known: { network.sourceIndex[SourceID($0)] != nil }, what: "feeder (source id)")
        permission.sections = Set(names("sections", known: { network.sectionIndex[SectionID($0)] != nil }, what: "section id").map { SectionID($0) })
        let classes = names("customerClasses", known: { CustomerClass(rawValue: $0) != nil }, what: "customer class (\(CustomerClass.allCases.map(\.rawValue).joined(separator: ", ")))")
        permission.customerClasses = Set(classes.compactMap(CustomerClass.init(rawValue:)))
        reader.reportUnknown(log: &log, known: ["jobs", "feeders", "sections", "customerClasses"])
        if permission == WorkPermission() && log.errorCount == errors {
            log.error(at: node.offset, path: path, "allows no job; list jobs, feeders, sections or customerClasses")
        }
        return permission
    }
}
