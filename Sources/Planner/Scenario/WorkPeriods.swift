import GridModel

/// Which jobs may be worked on in a period outside normal hours (a night period, weekends): a
/// job listed by id, a job on a listed feeder, a job in the zone of a listed section, or a job
/// every customer of whose work zone and the zones below it is of a listed class (the customers
/// its outage could interrupt). Empty lists allow nothing.
public struct WorkPermission: Sendable, Equatable {
    public var jobs: Set<String>
    public var feeders: Set<String>
    public var sections: Set<SectionID>
    public var customerClasses: Set<CustomerClass>

    public init(jobs: Set<String> = [], feeders: Set<String> = [], sections: Set<SectionID> = [], customerClasses: Set<CustomerClass> = []) {
        self.jobs = jobs
        self.feeders = feeders
        self.sections = sections
        self.customerClasses = customerClasses
    }

    /// Whether the job with `id` on `section` may be worked on.
    public func allows(job id: String, section: Int, in network: Network) -> Bool {
        if jobs.contains(id) { return true }
        let topology = network.topology
        let feeder = topology.feederOfSection[section]
        if feeders.contains(network.model.sources[feeder].id.rawValue) { return true }
        let zone = topology.zoneOfSection[section]
        for listed in sections {
            if let s = network.sectionIndex[listed], topology.zoneOfSection[s] == zone { return true }
        }
        guard !customerClasses.isEmpty else { return false }
        let range = topology.loadPointRange(zones: zone, topology.zones[zone].subtreeEnd)
        guard !range.isEmpty else { return false }
        for k in range where !customerClasses.contains(network.model.loadPoints[topology.loadPointOrder[k]].customerClass) { return false }
        return true
    }
}

/// A period of the day in which planned outages may start (docs/scenario-format.md "Time of day").
public struct WorkPeriod: Sendable, Equatable {
    public var name: String
    /// Hours (0…23) at which the switching of an outage may start; the planner chooses one.
    public var startHours: [Int]
    /// Longest work a crew does in this period, hours.
    public var longestJobHours: Double
    /// Who may work in it; nil = every job.
    public var allowed: WorkPermission?

    public init(name: String, startHours: [Int], longestJobHours: Double, allowed: WorkPermission? = nil) {
        self.name = name
        self.startHours = startHours
        self.longestJobHours = longestJobHours
        self.allowed = allowed
    }

    /// Whether work in this period costs extra (a period open only to some jobs: night, overtime).
    public var isOffHours: Bool { allowed != nil }
}

extension Scenario {
    /// The work periods of the plan: those the file gives, or one day period starting at the
    /// policy's `workStartHour`, as long as its `shiftHours`.
    public var periods: [WorkPeriod] {
        workPeriods ?? [WorkPeriod(name: "day", startHours: [policy.workStartHour], longestJobHours: policy.shiftHours)]
    }
}
