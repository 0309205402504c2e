import GridModel

/// Switching teams and their travel (docs/scenario-format.md "Switching teams").
///
/// A switching team carries out the manual steps of an outage's switching order: it isolates,
/// stands by during the work and restores, so a team serves one outage a day. Teams are counted
/// per area (a group of feeders); an outage whose order has a manual step books one team of the
/// area of its feeder for its day. Remote steps are done by the control room.
public struct SwitchingTeams: Sendable, Equatable {
    /// One area and its teams per day.
    public struct Area: Sendable, Equatable {
        public var name: String
        /// Source ids of the area's feeders.
        public var feeders: [String]
        public var teams: Int

        public init(name: String, feeders: [String], teams: Int) {
            self.name = name
            self.feeders = feeders
            self.teams = teams
        }
    }

    /// Travel of a team to a manual device (hours), for devices without their own `switchingHours`:
    /// replaces the network's `defaults.switching.manualHours` less the operating time.
    public var travelHours: Double?
    /// Teams per day of the feeders no area lists (nil = as many as needed).
    public var teams: Int?
    public var areas: [Area]

    public init(travelHours: Double? = nil, teams: Int? = nil, areas: [Area] = []) {
        self.travelHours = travelHours
        self.teams = teams
        self.areas = areas
    }

    /// Area name of the feeders no area lists.
    public static let otherArea = "other feeders"
}

extension Scenario {
    /// `switching`: travel time, teams per day and areas.
    static func decodeSwitching(_ node: JSONNode, network: Network, log: inout DiagnosticLog) -> SwitchingTeams? {
        guard var reader = FieldReader(node, path: "switching", log: &log) else { return nil }
        var result = SwitchingTeams()
        result.travelHours = reader.double("travelHours", required: false, log: &log, minimum: 0, maximum: 24, unit: "hours")
        result.teams = reader.integer("teams", required: false, log: &log, minimum: 0, maximum: Scenario.maximumUnits)
        var seen: [String: Int] = [:]
        for (index, item) in (reader.array("areas", required: false, log: &log) ?? []).enumerated() {
            let path = "switching.areas[\(index)]"
            guard var area = FieldReader(item, path: path, log: &log) else { continue }
            let name = area.string("name", required: true, log: &log, what: "an area name")
            let feeders = area.stringArray("feeders", required: true, log: &log) ?? []
            let teams = area.integer("teams", required: true, log: &log, minimum: 0, maximum: Scenario.maximumUnits)
            area.reportUnknown(log: &log, known: ["name", "feeders", "teams"])
            for (k, feeder) in feeders.enumerated() {
                if network.sourceIndex[SourceID(feeder)] == nil {
                    log.error(at: area.node("feeders")?.arrayValue?[k].offset, path: "\(path).feeders[\(k)]", "unknown feeder '\(feeder)' (a source id of the network)")
                } else if let other = seen[feeder] {
                    log.error(at: area.node("feeders")?.arrayValue?[k].offset, path: "\(path).feeders[\(k)]", "feeder '\(feeder)' is already in switching.areas[\(other)]")
                } else {
                    seen[feeder] = index
                }
            }
            if feeders.isEmpty { log.error(at: item.offset, path: "\(path).feeders", "list at least one feeder") }
            if let name, let teams { result.areas.append(SwitchingTeams.Area(name: name, feeders: feeders, teams: teams)) }
        }
        reader.reportUnknown(log: &log, known: ["travelHours", "teams", "areas"])
        return result
    }
}
