import GridModel

extension Scenario {
    /// Deferral penalty of the generator's optional jobs (customer-minutes).
    public static let generatedDeferralPenalty = 20_000.0

    /// A seeded synthetic job set for a (generated) network: a realistic mix of work types on
    /// random sections, windows of one to eight weeks, some deferrable, a few precedences, a
    /// calendar with weather days, and crews sized so that not every job can go live. The network
    /// must have at least one section.
    public static func generate(network: Network, jobs count: Int, workingDays: Int, seed: UInt64, start: CivilDate) -> Scenario {
        var random = SeededRandom.stream(seed: seed, index: 0x10B5)
        // Calendar: `workingDays` weekdays from `start`.
        var days: [CivilDate] = []
        var day = start
        while days.count < workingDays {
            if day.weekday <= 5 { days.append(day) }
            day = day.adding(days: 1)
        }
        let end = days.last ?? start
        var noLive = Set<CivilDate>()
        for d in days where random.chance(0.08) { noLive.insert(d) }

        let sections = network.model.sections
        let lines = sections.indices.filter { sections[$0].kind.isLine }
        let transformers = sections.indices.filter { sections[$0].kind == .transformer }
        let devices = network.model.devices.indices.filter { network.model.devices[$0].kind == .loadBreakSwitch || network.model.devices[$0].kind == .disconnector }
        var jobs: [Job] = []
        let width = String(count).count
        for number in 0..<count {
            let id = "J" + String(repeating: "0", count: max(0, width - String(number + 1).count)) + String(number + 1)
            let draw = random.nextUnit()
            var workType: WorkType
            var section: Int
            var methods: [WorkMethod]?
            var description: String
            // A network without lines (transformers only) gets transformer jobs only.
            if draw < 0.12 || lines.isEmpty, !transformers.isEmpty {
                workType = .transformerReplacement
                section = transformers[random.below(transformers.count)]
                description = "Replace distribution transformer \(sections[section].id.rawValue)"
            } else if draw < 0.2, !devices.isEmpty {
                workType = random.chance(0.5) ? .switchReplacement : .ringMainUnitReplacement
                let device = devices[random.below(devices.count)]
                section = network.deviceSection[device]
                description = "\(workType == .switchReplacement ? "Replace switch" : "Replace with a ring main unit") \(network.model.devices[device].id.rawValue)"
            } else {
                section = lines[random.below(lines.count)]
                let kind = sections[section].kind
                if kind == .cable {
                    workType = random.chance(0.7) ? .cableJointRepair : .other
                    description = workType == .cableJointRepair ? "Repair cable joint on \(sections[section].id.rawValue)" : "Cable testing on \(sections[section].id.rawValue)"
                    if workType == .other { methods = [.transfer, .outage] }
                } else {
                    let types: [WorkType] = [.insulatorReplacement, .arresterReplacement, .poleReplacement, .conductorRepair, .treeTrimming, .newConnection]
                    workType = types[random.below(types.count)]
                    description = "\(workType.rawValue) on \(sections[section].id.rawValue)"
                    if (workType == .conductorRepair || workType == .poleReplacement) && random.chance(0.4) {
                        methods = [.transfer, .outage]
                        description += " (de-energised)"
                    }
                }
            }
            let hours = Double([2, 3, 4, 4, 5, 6, 6, 7][random.below(8)])
            // De-energising-only work starts after the notice period.
            let noticeDays = methods != nil ? 6 : 0
            let startIndex = min(days.count - 1, noticeDays + random.below(max(1, days.count - 5 - noticeDays)))
            let weeks = [1, 2, 3, 4, 6, 8][random.below(6)]
            let endIndex = min(days.count - 1, startIndex + weeks * 5 - 1)
            let mandatory = !(workType == .treeTrimming || workType == .newConnection) || random.chance(0.3)
            var after: [String] = []
            if let previous = jobs.last, random.chance(0.03), previous.latest < days[endIndex] { after = [previous.id] }
            jobs.append(Job(
                id: id, description: description, workType: workType, section: sections[section].id, durationHours: hours,
                earliest: days[startIndex], latest: days[endIndex], requested: days[startIndex], mandatory: mandatory,
                deferralPenaltyCustomerMinutes: mandatory ? Scenario.defaultDeferralPenalty : Scenario.generatedDeferralPenalty, methods: methods, after: after))
        }
        // Crews sized like a utility sizes them: about 15 % above the average daily workload each
        // crew type would see if every job went its cheapest way, so that busy days still compete.
        var liveDemand = [Double](repeating: 0, count: 4)
        var cableBypass = 0.0
        var transformerBypass = 0.0
        var overheadLive = 0.0
        for job in jobs {
            let kind = sections[network.sectionIndex[job.section]!].kind
            if job.methods != nil { continue }
            if kind == .transformer {
                transformerBypass += 1
                liveDemand[3] += 1
            } else if kind == .cable {
                cableBypass += 1
                liveDemand[3] += 1
            } else if let category = job.workType.liveLineCategory {
                liveDemand[category - 1] += 1
                overheadLive += 1
            } else {
                liveDemand[3] += 1
                overheadLive += 1
            }
        }
        let daysCount = Double(max(1, workingDays))
        func crews(_ demand: Double) -> Int { max(1, Int((demand * 1.15 / daysCount).rounded(.up))) }
        let resources = ResourcePool(
            liveTeams: liveDemand.map(crews), bucketTrucks: crews(overheadLive),
            bypassCableSets: crews(cableBypass), mobileGenerators: [(630, crews(transformerBypass)), (1000, 1)],
            outageCrews: crews(Double(count) * 0.5))
        var policy = PlanningPolicy.standard
        policy.notificationLeadDays = 5
        policy.maxPlannedInterruptionsPerCustomer = 3
        return Scenario(
            name: "Generated: \(count) jobs over \(workingDays) working days (seed \(seed))", start: start, end: end,
            noLiveWorkDays: noLive, policy: policy, resources: resources, jobs: jobs)
    }

    /// The scenario in file format v1 (docs/scenario-format.md).
    public func jsonOutput() -> JSONOutput {
        func pool(_ pool: ResourcePool) -> [(String, JSONOutput)] {
            [
                ("liveTeams", .object((1...4).map { ("\($0)", .integer(pool.liveTeams[$0 - 1])) })),
                ("bucketTrucks", .integer(pool.bucketTrucks)), ("bypassCableSets", .integer(pool.bypassCableSets)),
                ("mobileGenerators", .array(pool.mobileGenerators.map { .object([("kW", .number($0.kW)), ("count", .integer($0.count))]) })),
                ("outageCrews", .integer(pool.outageCrews)),
            ]
        }
        var top: [(String, JSONOutput)] = [
            ("formatVersion", .integer(1)), ("name", .string(name)),
            ("horizon", .object([("start", .string(start.description)), ("end", .string(end.description))])),
            ("calendar", .object([
                ("workingWeekdays", .array(workingWeekdays.sorted().map { .integer($0) })),
                ("blockedDays", .array(blockedDays.sorted().map { .string($0.description) })),
                ("noLiveWorkDays", .array(noLiveWorkDays.sorted().map { .string($0.description) })),
            ])),
            ("policy", .object([
                ("maxPlannedInterruptionsPerCustomer", .integer(policy.maxPlannedInterruptionsPerCustomer)),
                ("capPenaltyCustomerMinutes", .number(policy.capPenaltyCustomerMinutes)),
                ("closedLoopTransfer", .bool(policy.closedLoopTransfer)), ("notificationLeadDays", .integer(policy.notificationLeadDays)),
                ("workStartHour", .integer(policy.workStartHour)), ("bypassConnectionMinutes", .number(policy.bypassConnectionMinutes)),
                ("shiftHours", .number(policy.shiftHours)),
            ])),
            ("resources", .object(pool(resources))),
        ]
        if !resourceOverrides.isEmpty {
            top.append(("resourceOverrides", .array(resourceOverrides.keys.sorted().map { day in .object([("date", .string(day.description))] + pool(resourceOverrides[day]!)) })))
        }
        var forecast: [(String, JSONOutput)] = []
        if let monthlyLoadFactors { forecast.append(("monthlyFactors", .array(monthlyLoadFactors.map { .number($0) }))) }
        if let hourlyLoadFactors { forecast.append(("hourlyFactors", .array(hourlyLoadFactors.map { .number($0) }))) }
        if !forecast.isEmpty { top.append(("loadForecast", .object(forecast))) }
        if !feederRatingsMW.isEmpty {
            top.append(("feederRatingsMW", .object(feederRatingsMW.keys.sorted { NaturalOrder.less($0, $1) }.map { ($0, .number(feederRatingsMW[$0]!)) })))
        }
        top.append(("jobs", .array(jobs.map { job in
            var fields: [(String, JSONOutput)] = [("id", .string(job.id))]
            if let description = job.description { fields.append(("description", .string(description))) }
            fields += [
                ("workType", .string(job.workType.rawValue)), ("section", .string(job.section.rawValue)),
                ("durationHours", .number(job.durationHours)), ("earliest", .string(job.earliest.description)),
                ("latest", .string(job.latest.description)),
            ]
            if let requested = job.requested { fields.append(("requested", .string(requested.description))) }
            fields.append(("mandatory", .bool(job.mandatory)))
            if !job.mandatory { fields.append(("deferralPenaltyCustomerMinutes", .number(job.deferralPenaltyCustomerMinutes))) }
            if let methods = job.methods { fields.append(("methods", .array(methods.map { .string($0.rawValue) }))) }
            if let category = job.liveCategory { fields.append(("liveCategory", .integer(category))) }
            if !job.after.isEmpty { fields.append(("after", .array(job.after.map { .string($0) }))) }
            return .object(fields)
        })))
        return .object(top)
    }
}
