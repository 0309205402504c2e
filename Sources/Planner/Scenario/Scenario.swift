import GridModel

/// How a job can be done, and what customers see (docs/scenario-format.md).
public enum WorkMethod: String, Sendable, CaseIterable, Comparable {
    /// Live-line work (带电作业, categories 1–3): overhead only; nobody is interrupted.
    case liveLine
    /// Bypass cable or temporary supply by mobile generator/transformer (旁路/临时取电, category 4):
    /// nobody is interrupted (or briefly, when connecting, if the policy says so).
    case bypass
    /// The work zone is switched out; load beyond it is moved over ties within headroom (负荷转供).
    case transfer
    /// The work zone and everything below it are switched out.
    case outage

    /// No customer interruption by design (不停电作业).
    public var isLive: Bool { self == .liveLine || self == .bypass }
    /// The work zone is de-energised.
    public var deEnergises: Bool { !isLive }

    public static func < (lhs: WorkMethod, rhs: WorkMethod) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Kinds of maintenance work, with what each usually allows.
public enum WorkType: String, Sendable, CaseIterable {
    case insulatorReplacement
    case arresterReplacement
    case poleReplacement
    case conductorRepair
    case cableJointRepair
    case ringMainUnitReplacement
    case switchReplacement
    case transformerReplacement
    case treeTrimming
    case newConnection
    case inspection
    case other

    /// Live-work category (1 simple … 3 complex) when done live on overhead line; nil when this
    /// work cannot be done live-line.
    public var liveLineCategory: Int? {
        switch self {
        case .treeTrimming, .newConnection, .inspection: return 1
        case .insulatorReplacement, .arresterReplacement: return 2
        case .poleReplacement, .conductorRepair, .switchReplacement: return 3
        case .cableJointRepair, .ringMainUnitReplacement, .transformerReplacement: return nil
        case .other: return 2
        }
    }

    /// Whether bypass / temporary supply (category 4) is a sensible way to do it.
    public var allowsBypass: Bool {
        switch self {
        case .treeTrimming, .newConnection, .inspection: return false
        default: return true
        }
    }
}

/// Where a job was read from: for messages only, so two jobs read from different places are
/// still equal.
struct JobSource: Sendable, Equatable {
    var text: String?
    static func == (lhs: JobSource, rhs: JobSource) -> Bool { true }
}

/// One work order.
public struct Job: Sendable, Equatable {
    public var id: String
    public var description: String?
    public var workType: WorkType
    /// The section worked on (a device's or a zone's job names a section of it).
    public var section: SectionID
    public var durationHours: Double
    /// Working days the job takes (1…30): that many consecutive working days, `durationHours`
    /// each, by one method; each day's outage is its own interruption.
    public var durationDays: Int = 1
    /// Where the job is defined (`jobs[3]` in the scenario, or `jobs.csv line 5`), for messages.
    public var location: String? {
        get { source.text }
        set { source.text = newValue }
    }
    private var source = JobSource()
    /// First and last allowed day (inclusive).
    public var earliest: CivilDate
    public var latest: CivilDate
    /// The date the job was asked for (baseline); default: the first working day of the window.
    public var requested: CivilDate?
    public var mandatory: Bool
    /// Cost of leaving a deferrable job out of this plan, in customer-minutes.
    public var deferralPenaltyCustomerMinutes: Double
    /// Allowed methods; nil = derived from the section kind and the work type.
    public var methods: [WorkMethod]?
    /// Live-work category override (1–3).
    public var liveCategory: Int?
    /// Jobs that must be finished on an earlier day.
    public var after: [String]
    /// Where the planner's user fixed the job (``JobPin``), and methods they ruled out.
    public var pin: JobPin?
    public var forbiddenMethods: [WorkMethod] = []

    public init(
        id: String, description: String? = nil, workType: WorkType, section: SectionID, durationHours: Double,
        earliest: CivilDate, latest: CivilDate, requested: CivilDate? = nil, mandatory: Bool = true,
        deferralPenaltyCustomerMinutes: Double = Scenario.defaultDeferralPenalty, methods: [WorkMethod]? = nil,
        liveCategory: Int? = nil, after: [String] = []
    ) {
        self.id = id
        self.description = description
        self.workType = workType
        self.section = section
        self.durationHours = durationHours
        self.earliest = earliest
        self.latest = latest
        self.requested = requested
        self.mandatory = mandatory
        self.deferralPenaltyCustomerMinutes = deferralPenaltyCustomerMinutes
        self.methods = methods
        self.liveCategory = liveCategory
        self.after = after
    }
}

/// Crews and vehicles available on a day.
public struct ResourcePool: Sendable, Equatable {
    /// Live-work teams by certified category 1…4 (index 0 = category 1). A team certified for
    /// category k may do work of any category ≤ k; category 4 is bypass / temporary supply.
    public var liveTeams: [Int]
    public var bucketTrucks: Int
    public var bypassCableSets: Int
    /// Mobile generators / transformers by rating in kW, sorted by kW.
    public var mobileGenerators: [(kW: Double, count: Int)]
    public var outageCrews: Int

    public init(liveTeams: [Int] = [0, 0, 0, 0], bucketTrucks: Int = 0, bypassCableSets: Int = 0,
                mobileGenerators: [(kW: Double, count: Int)] = [], outageCrews: Int = 0) {
        self.liveTeams = liveTeams
        self.bucketTrucks = bucketTrucks
        self.bypassCableSets = bypassCableSets
        self.mobileGenerators = mobileGenerators.sorted { $0.kW < $1.kW }
        self.outageCrews = outageCrews
    }

    public static func == (lhs: ResourcePool, rhs: ResourcePool) -> Bool {
        lhs.liveTeams == rhs.liveTeams && lhs.bucketTrucks == rhs.bucketTrucks && lhs.bypassCableSets == rhs.bypassCableSets
            && lhs.outageCrews == rhs.outageCrews && lhs.mobileGenerators.map(\.kW) == rhs.mobileGenerators.map(\.kW)
            && lhs.mobileGenerators.map(\.count) == rhs.mobileGenerators.map(\.count)
    }

    /// Live teams able to do category `category` work (certified for it or higher).
    public func teams(atLeast category: Int) -> Int {
        liveTeams[(max(1, category) - 1)...].reduce(0, +)
    }

    /// Generators of at least `kW`.
    public func generators(atLeast kW: Double) -> Int {
        mobileGenerators.filter { $0.kW >= kW - 1e-9 }.reduce(0) { $0 + $1.count }
    }
}

/// The planning rules.
public struct PlanningPolicy: Sendable, Equatable {
    /// At most this many planned interruptions per customer over the horizon (soft: each excess
    /// costs `capPenaltyCustomerMinutes` per customer).
    public var maxPlannedInterruptionsPerCustomer: Int
    public var capPenaltyCustomerMinutes: Double
    /// Closed-loop (make-before-break) transfer: moved customers see no interruption.
    public var closedLoopTransfer: Bool
    /// Outages must be announced this many days ahead: no outage or transfer before start + lead.
    public var notificationLeadDays: Int
    /// Hour at which work starts (sets the hour of the events, for hourly load factors).
    public var workStartHour: Int
    /// Interruption when connecting a bypass or temporary supply, in minutes (0 = none).
    public var bypassConnectionMinutes: Double
    /// Longest job a crew can do in a day.
    public var shiftHours: Double

    public static let standard = PlanningPolicy(
        maxPlannedInterruptionsPerCustomer: 2, capPenaltyCustomerMinutes: 100_000, closedLoopTransfer: false,
        notificationLeadDays: 7, workStartHour: 9, bypassConnectionMinutes: 0, shiftHours: 10)
}

/// Everything the planner needs besides the network (docs/scenario-format.md).
public struct Scenario: Sendable {
    /// Most units of any crew or vehicle kind on a day (documented range 0…10,000).
    public static let maximumUnits = 10_000

    public static let defaultDeferralPenalty = 100_000.0

    public var name: String
    /// First and last calendar day of the horizon (inclusive).
    public var start: CivilDate
    public var end: CivilDate
    /// ISO weekdays worked (1 = Monday … 7 = Sunday).
    public var workingWeekdays: Set<Int>
    /// Days without any work (holidays, system events).
    public var blockedDays: Set<CivilDate>
    /// Days on which no job may be done on a section of a feeder (`calendar.feederBlocks`).
    public var feederBlocks: [SourceID: Set<CivilDate>] = [:]
    /// Days when weather forbids live-line and overhead bypass work.
    public var noLiveWorkDays: Set<CivilDate>
    public var policy: PlanningPolicy
    /// Resources on a normal day, and on days that differ.
    public var resources: ResourcePool
    public var resourceOverrides: [CivilDate: ResourcePool]
    /// Demand multipliers by month (January first) replacing the network's load profile, for headroom.
    public var monthlyLoadFactors: [Double]?
    /// Demand multipliers by hour (hour 0 first) replacing the network's hourly profile, for headroom.
    public var hourlyLoadFactors: [Double]?
    /// Feeder-head ratings in MW assumed for this plan (override the network's).
    public var feederRatingsMW: [String: Double]
    /// Cost weights of the objective's third tier (resource use), per unit per day.
    public var resourceCostWeights: [String: Double]
    public var jobs: [Job]
    /// The day the plan is made (`plan --today`): customers are told of an outage
    /// `notificationLeadDays` before it, counted from this day (nil: the horizon's start).
    public var today: CivilDate?
    /// Periods of the day when outages may start (nil: one day period from the policy, ``periods``).
    public var workPeriods: [WorkPeriod]?
    /// Jobs that may also be done on the calendar's non-working weekdays (nil: none).
    public var weekendWork: WorkPermission?
    /// Switching teams per area and their travel (default: as many as needed, the network's times).
    public var switching = SwitchingTeams()

    public init(
        name: String, start: CivilDate, end: CivilDate, workingWeekdays: Set<Int> = [1, 2, 3, 4, 5],
        blockedDays: Set<CivilDate> = [], noLiveWorkDays: Set<CivilDate> = [], policy: PlanningPolicy = .standard,
        resources: ResourcePool, resourceOverrides: [CivilDate: ResourcePool] = [:], monthlyLoadFactors: [Double]? = nil,
        feederRatingsMW: [String: Double] = [:], resourceCostWeights: [String: Double] = [:], jobs: [Job]
    ) {
        self.name = name
        self.start = start
        self.end = end
        self.workingWeekdays = workingWeekdays
        self.blockedDays = blockedDays
        self.noLiveWorkDays = noLiveWorkDays
        self.policy = policy
        self.resources = resources
        self.resourceOverrides = resourceOverrides
        self.monthlyLoadFactors = monthlyLoadFactors
        self.feederRatingsMW = feederRatingsMW
        self.resourceCostWeights = resourceCostWeights
        self.jobs = jobs
    }

    /// Working days of the horizon, in order.
    public var workingDays: [CivilDate] {
        var days: [CivilDate] = []
        var day = start
        while day <= end {
            if workingWeekdays.contains(day.weekday) && !blockedDays.contains(day) { days.append(day) }
            day = day.adding(days: 1)
        }
        return days
    }

    /// Days the planner may use: the working days, and with ``weekendWork`` also the calendar's
    /// other weekdays (not blocked days), in order.
    public var planningDays: [CivilDate] {
        guard weekendWork != nil else { return workingDays }
        var days: [CivilDate] = []
        var day = start
        while day <= end {
            if !blockedDays.contains(day) { days.append(day) }
            day = day.adding(days: 1)
        }
        return days
    }

    /// Whether `day` is outside the working weekdays (weekend work).
    public func isWeekend(_ day: CivilDate) -> Bool { !workingWeekdays.contains(day.weekday) }

    public func resources(on day: CivilDate) -> ResourcePool {
        resourceOverrides[day] ?? resources
    }
}
