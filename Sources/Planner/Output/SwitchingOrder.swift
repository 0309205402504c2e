import Foundation
import GridModel
import Reliability

/// One step of a switching order as a dispatcher reads and signs it (docs/switching-orders.md).
public struct SwitchingStep: Sendable, Equatable {
    /// The step vocabulary.
    public enum Kind: String, Sendable, CaseIterable {
        /// Operate a device, tie or feeder-head bay.
        case open
        case close
        /// Confirm a normally-open tie is open, lock and tag it; remove the lock after the work.
        case lockOpen
        case unlock
        /// Open / close the low-voltage side of a transformer (work on the transformer).
        case openLowVoltage
        case closeLowVoltage
        /// Test for dead at a boundary of the work zone, then earth it there.
        case testForDead
        case applyEarth
        case removeEarth
        /// The permit to work, issued to the work leader and cancelled by them.
        case issuePermit
        case cancelPermit
        /// The work itself.
        case work
        /// Bypass cable and mobile generator jobs (no outage).
        case connectBypass
        case phaseCheck
        case closeBypass
        case openBypass
        case disconnectBypass
        case connectGenerator
        case startGenerator
        case transferToGenerator
        case transferFromGenerator
        case disconnectGenerator

        /// The kind as a switching order in `language` names it (English: the vocabulary word).
        public func name(_ language: Language) -> String {
            language == .zh ? SwitchingStep.kindZh[self] ?? rawValue : rawValue
        }
    }

    public var kind: Kind
    /// The element acted on (device, tie or section id, "F1 feeder head (S1)"); nil for the work
    /// and the permit.
    public var elementText: Bilingual?
    /// "remote" or "manual" for switching; nil otherwise.
    public var control: String?
    /// Who does it: "control room", "switching team", "work crew", "live team".
    public var actor: Bilingual
    /// Hours after the order's start at which the step is done.
    public var atHours: Double
    /// Why.
    public var purpose: Bilingual

    public init(kind: Kind, element: Bilingual?, control: String?, by actor: Bilingual, atHours: Double, purpose: Bilingual) {
        self.kind = kind
        self.elementText = element
        self.control = control
        self.actor = actor
        self.atHours = atHours
        self.purpose = purpose
    }

    /// The element in English (ids read the same in both languages).
    public var element: String? { elementText?.en }
    /// Who does it, in English.
    public var by: String { actor.en }

    /// The step kinds as a Chinese switching order names them.
    static let kindZh: [Kind: String] = [
        .open: "拉开", .close: "合上", .lockOpen: "确认分位并加锁", .unlock: "解锁",
        .openLowVoltage: "断开低压侧", .closeLowVoltage: "合上低压侧", .testForDead: "验电", .applyEarth: "装设接地线", .removeEarth: "拆除接地线",
        .issuePermit: "许可工作", .cancelPermit: "终结工作票", .work: "作业",
        .connectBypass: "接入旁路电缆", .phaseCheck: "核相", .closeBypass: "合上旁路开关", .openBypass: "断开旁路开关", .disconnectBypass: "拆除旁路电缆",
        .connectGenerator: "接入发电车", .startGenerator: "启动发电车", .transferToGenerator: "转由发电车供电",
        .transferFromGenerator: "倒回电网供电", .disconnectGenerator: "拆除发电车",
    ]

    /// Who does a step, in both languages.
    public static let controlRoom = Bilingual("control room", zh: "调控中心")
    public static let workCrew = Bilingual("work crew", zh: "工作班组")
    public static let liveTeam = Bilingual("live team", zh: "带电作业班组")
}

/// A switching order: the steps of one zone outage, or of one bypass / temporary-supply job.
public struct SwitchingOrder: Sendable {
    /// "O03" for an outage, the job id for a bypass job.
    public var id: String
    public var date: CivilDate
    /// Hour of the day the order starts.
    public var startHour: Int
    public var steps: [SwitchingStep]
    /// One line saying what the order is for.
    public var title: Bilingual
}

extension PlanResult {
    /// Every switching order of the plan, in execution order: by date, start time, then id.
    public func switchingOrders() -> [SwitchingOrder] {
        var orders: [SwitchingOrder] = []
        for (index, outage) in evaluation.outages.enumerated() {
            let start = problem.shifts[outage.ref.shift].startHour
            let jobs = outage.jobs.map { problem.jobs[$0].job.id }.sorted { NaturalOrder.less($0, $1) }.joined(separator: ", ")
            let zone = OutageRules.zoneName(outage.zone, problem.network)
            orders.append(SwitchingOrder(
                id: outageID(index), date: problem.days[outage.day], startHour: start, steps: switchingSteps(outage: index),
                title: outage.transfer ? Bilingual("transfer of \(zone), jobs \(jobs)", zh: "\(zone) 转供，工作 \(jobs)")
                    : Bilingual("outage of \(zone), jobs \(jobs)", zh: "\(zone) 停电，工作 \(jobs)")))
        }
        for (j, assignment) in assignments.enumerated() {
            guard let assignment, assignment.method == .bypass else { continue }
            let job = problem.jobs[j]
            orders.append(SwitchingOrder(
                id: job.job.id, date: problem.days[assignment.day], startHour: problem.shifts[assignment.shift].startHour, steps: bypassSteps(j),
                title: job.generatorKW > 0 ? Bilingual("temporary supply by mobile generator, job \(job.job.id)", zh: "移动发电车临时供电，工作 \(job.job.id)")
                    : Bilingual("bypass cable, job \(job.job.id)", zh: "旁路电缆作业，工作 \(job.job.id)")))
        }
        return orders.sorted { ($0.date, $0.startHour, $0.id.count, $0.id) < ($1.date, $1.startHour, $1.id.count, $1.id) }
    }

    /// The switching order of a zone outage: the engine's electrical sequence (isolation on every
    /// side, devices that cannot break load operated dead, transfers), with the safety steps a
    /// permit to work needs between isolating and working and, reversed, after the work.
    /// The switching team of an outage: "switching team" where teams are not counted, else
    /// "switching team k (area)", k numbering the area's outages of the day by start time.
    public func switchingTeamName(outage index: Int) -> Bilingual {
        let outage = evaluation.outages[index]
        guard let area = problem.teamArea(zone: outage.zone, cost: outage.cost) else { return Bilingual("switching team", zh: "操作队") }
        let sameDay = evaluation.outages.indices.filter { k in
            let other = evaluation.outages[k]
            return other.day == outage.day && problem.teamArea(zone: other.zone, cost: other.cost) == area
        }.sorted { (problem.shifts[evaluation.outages[$0].ref.shift].startHour, $0) < (problem.shifts[evaluation.outages[$1].ref.shift].startHour, $1) }
        let number = (sameDay.firstIndex(of: index) ?? 0) + 1
        let name = problem.switchingAreas[area].name
        return Bilingual("switching team \(number) (\(name))", zh: "操作队 \(number)（\(name == SwitchingTeams.otherArea ? "其余线路" : name)）")
    }

    public func switchingSteps(outage index: Int) -> [SwitchingStep] {
        let outage = evaluation.outages[index]
        let network = problem.network
        let plan = outage.cost.plan
        let zoneName = OutageRules.zoneName(outage.zone, network)
        let team = switchingTeamName(outage: index)
        func doneBy(_ element: SwitchingElement) -> Bilingual { element.control(in: network) == .remote ? SwitchingStep.controlRoom : team }
        var steps: [SwitchingStep] = []
        var safetyAdded = false
        func addSafety() {
            steps += isolationSafety(outage, plan, team: team)
            steps.append(workStep(outage, plan))
            steps += restorationSafety(outage, plan, team: team)
            safetyAdded = true
        }
        for operation in plan.operations {
            if !safetyAdded && operation.atHours > plan.workStartHours + 1e-12 { addSafety() }
            let purpose: Bilingual
            switch operation.purpose {
            case .transferLoad, .returnLoad:
                let transfer = plan.backfeed.transfers[operation.transfer ?? 0]
                let supplier = network.model.sources[network.topology.tiePaths[transfer.tie][transfer.supplyingSide].feeder].id.rawValue
                let closed = plan.closedLoop[operation.transfer ?? 0]
                let mode = closed ? Bilingual("make before break", zh: "合环转供，先合后断") : Bilingual("break before make", zh: "先断后合")
                purpose = operation.purpose == .transferLoad
                    ? Bilingual("move the load below the work zone to feeder \(supplier) (\(mode.en))", zh: "将工作区段以下负荷转至 \(supplier) 线路（\(mode.zh)）")
                    : Bilingual("return the load from feeder \(supplier) to its own feeder (\(mode.en))", zh: "将负荷由 \(supplier) 线路倒回本线路（\(mode.zh)）")
            case .isolateWorkZone: purpose = Bilingual("isolate the work zone (\(zoneName)) from its supply", zh: "断开工作区段（\(zoneName)）电源侧")
            case .restoreWorkZone: purpose = Bilingual("re-energise the work zone (\(zoneName))", zh: "工作区段（\(zoneName)）恢复送电")
            case .breakLoadUpstream:
                let names = deviceNames(plan.isolation)
                purpose = Bilingual("break the load so that \(names) can be operated dead (it cannot break load)", zh: "先由上级开关断开负荷，使 \(names) 不带电操作（其不能开断负荷）")
            case .restoreUpstream: purpose = Bilingual("restore supply above the work zone", zh: "恢复工作区段上游供电")
            case .isolateBelow: purpose = Bilingual("isolate the work zone from below (back-feed possible from there)", zh: "断开工作区段下游侧（防止反送电）")
            case .restoreBelow: purpose = Bilingual("reconnect below the work zone", zh: "恢复工作区段下游连接")
            case .shedLoad:
                let names = deviceNames(plan.isolation)
                purpose = Bilingual("take the load off at the low-voltage side so that \(names) carries none (it cannot break load)", zh: "在低压侧甩开负荷，使 \(names) 不带负荷（其不能开断负荷）")
            case .restoreLoad: purpose = Bilingual("put the load back on at the low-voltage side", zh: "低压侧恢复负荷")
            }
            let kind: SwitchingStep.Kind
            if case .lowVoltage = operation.element { kind = operation.action == .open ? .openLowVoltage : .closeLowVoltage } else { kind = operation.action == .open ? .open : .close }
            steps.append(SwitchingStep(
                kind: kind, element: operation.element.text(in: network), control: operation.element.control(in: network).rawValue,
                by: doneBy(operation.element), atHours: operation.atHours, purpose: purpose))
        }
        if !safetyAdded { addSafety() }
        return steps
    }

    private func deviceNames(_ elements: [SwitchingElement]) -> String {
        elements.map { $0.label(in: problem.network) }.joined(separator: ", ")
    }

    /// Where the work zone meets the rest of the network while it is out: its entry, the devices
    /// opened below it, the ties at its buses.
    func boundary(_ plan: PlannedOutagePlan) -> [SwitchingElement] {
        let separated = Set(plan.backfeed.transfers.flatMap(\.devicesOpened))
        let topology = problem.network.topology
        var below: [SwitchingElement] = plan.downstreamBoundary
        // Devices a transfer opened at the work zone's own boundary (children moved over a tie).
        for child in topology.childZones(of: plan.zone) {
            if let device = topology.zones[child].entryDevices.sorted().first(where: separated.contains) { below.append(.device(device)) }
        }
        return plan.isolation + below.sorted() + plan.lockedTies.map { .tie($0) }
    }

    /// Transformer sections that a job of the outage works on: their low-voltage side is
    /// isolated and earthed.
    private func transformerSections(_ outage: ZoneOutage) -> [Int] {
        let sections = problem.network.model.sections
        return Set(outage.jobs.map { problem.jobs[$0].section }).filter { sections[$0].kind == .transformer }.sorted()
    }

    /// Whether the switching already opened the low-voltage side of every load point of a
    /// transformer section (to take the load off its entry).
    private func lowVoltageAlreadyOpen(_ section: Int, _ plan: PlannedOutagePlan) -> Bool {
        let network = problem.network
        // Load points are only shed on small zones: look among those.
        let bus = network.topology.downstreamBus[section]
        let shed = Set(plan.lowVoltageShed)
        guard !shed.isEmpty else { return false }
        let zone = network.topology.zoneOfBus[bus]
        guard zone >= 0 else { return false }
        let loads = network.topology.loadPointRange(zones: zone, zone + 1).map { network.topology.loadPointOrder[$0] }.filter { network.loadPointBus[$0] == bus }
        return !loads.isEmpty && loads.allSatisfy(shed.contains)
    }

    /// The points where the work zone is tested for dead and earthed.
    private func earthingPoints(_ outage: ZoneOutage, _ plan: PlannedOutagePlan) -> [Bilingual] {
        let network = problem.network
        return boundary(plan).map { $0.text(in: network) } + transformerSections(outage).map {
            let id = network.model.sections[$0].id.rawValue
            return Bilingual("\(id) (low-voltage side)", zh: "\(id)（低压侧）")
        }
    }

    private func isolationSafety(_ outage: ZoneOutage, _ plan: PlannedOutagePlan, team: Bilingual) -> [SwitchingStep] {
        let network = problem.network
        let at = plan.workStartHours
        var steps: [SwitchingStep] = []
        for tie in plan.lockedTies {
            let id = network.model.ties[tie].id.rawValue
            steps.append(SwitchingStep(kind: .lockOpen, element: Bilingual(verbatim: id), control: network.model.ties[tie].control.rawValue, by: team, atHours: at,
                                       purpose: Bilingual("confirm the tie at the work zone is open; lock and tag it", zh: "确认工作区段的联络开关在分位，加锁并挂标示牌")))
        }
        for section in transformerSections(outage) where !lowVoltageAlreadyOpen(section, plan) {
            let id = network.model.sections[section].id.rawValue
            steps.append(SwitchingStep(kind: .openLowVoltage, element: Bilingual(verbatim: id), control: "manual", by: SwitchingStep.workCrew, atHours: at,
                                       purpose: Bilingual("open the low-voltage side of transformer \(id) (no back-feed from low voltage)", zh: "断开配变 \(id) 低压侧（防止低压反送电）")))
        }
        let points = earthingPoints(outage, plan)
        for point in points {
            steps.append(SwitchingStep(kind: .testForDead, element: point, control: nil, by: SwitchingStep.workCrew, atHours: at,
                                       purpose: Bilingual("test for dead on the work-zone side", zh: "在工作区段侧验电")))
            steps.append(SwitchingStep(kind: .applyEarth, element: point, control: nil, by: SwitchingStep.workCrew, atHours: at,
                                       purpose: Bilingual("apply earths on the work-zone side", zh: "在工作区段侧装设接地线")))
        }
        let zone = OutageRules.zoneName(outage.zone, network)
        steps.append(SwitchingStep(kind: .issuePermit, element: nil, control: nil, by: SwitchingStep.controlRoom, atHours: at,
                                   purpose: Bilingual("issue the permit to work for \(zone): dead and earthed at \(points.count) points", zh: "许可 \(zone) 工作票：已停电，\(points.count) 处接地")))
        return steps
    }

    private func restorationSafety(_ outage: ZoneOutage, _ plan: PlannedOutagePlan, team: Bilingual) -> [SwitchingStep] {
        let network = problem.network
        let at = plan.workEndHours
        var steps = [SwitchingStep(kind: .cancelPermit, element: nil, control: nil, by: SwitchingStep.workCrew, atHours: at,
                                   purpose: Bilingual("work done, crew and tools clear; cancel the permit", zh: "工作结束，人员和工器具撤离，终结工作票"))]
        for point in earthingPoints(outage, plan).reversed() {
            steps.append(SwitchingStep(kind: .removeEarth, element: point, control: nil, by: SwitchingStep.workCrew, atHours: at, purpose: Bilingual("remove earths", zh: "拆除接地线")))
        }
        for section in transformerSections(outage).reversed() where !lowVoltageAlreadyOpen(section, plan) {
            let id = network.model.sections[section].id.rawValue
            steps.append(SwitchingStep(kind: .closeLowVoltage, element: Bilingual(verbatim: id), control: "manual", by: SwitchingStep.workCrew, atHours: at,
                                       purpose: Bilingual("close the low-voltage side of transformer \(id)", zh: "合上配变 \(id) 低压侧")))
        }
        for tie in plan.lockedTies.reversed() {
            steps.append(SwitchingStep(kind: .unlock, element: Bilingual(verbatim: network.model.ties[tie].id.rawValue), control: network.model.ties[tie].control.rawValue,
                                       by: team, atHours: at, purpose: Bilingual("remove the lock and tag (the tie stays open)", zh: "拆除锁具和标示牌（联络开关保持分位）")))
        }
        return steps
    }

    private func workStep(_ outage: ZoneOutage, _ plan: PlannedOutagePlan) -> SwitchingStep {
        let jobs = outage.jobs.map { problem.jobs[$0].job.id }.sorted { NaturalOrder.less($0, $1) }.joined(separator: ", ")
        return SwitchingStep(kind: .work, element: nil, control: nil, by: SwitchingStep.workCrew, atHours: plan.workStartHours,
                             purpose: Self.workPurpose(jobs, hours: outage.workHours))
    }

    static func workPurpose(_ jobs: String, hours: Double) -> Bilingual {
        let h = NumberText.short(hours)
        return Bilingual("work: \(jobs) (\(h) h)", zh: "作业：\(jobs)（\(h) h）")
    }

    /// Steps of a bypass-cable or mobile-generator job: connected live, no outage (a connection
    /// interruption, when the policy has one, is counted in the KPIs).
    func bypassSteps(_ j: Int) -> [SwitchingStep] {
        let job = problem.jobs[j]
        let section = job.job.section.rawValue
        let connect = problem.scenario.policy.bypassConnectionMinutes / 60
        let duration = job.job.durationHours
        func step(_ kind: SwitchingStep.Kind, _ at: Double, _ en: String, _ zh: String, by: Bilingual = SwitchingStep.liveTeam) -> SwitchingStep {
            SwitchingStep(kind: kind, element: Bilingual(verbatim: section), control: nil, by: by, atHours: at, purpose: Bilingual(en, zh: zh))
        }
        func work(_ at: Double) -> SwitchingStep {
            SwitchingStep(kind: .work, element: Bilingual(verbatim: section), control: nil, by: SwitchingStep.workCrew, atHours: at, purpose: Self.workPurpose(job.job.id, hours: duration))
        }
        if job.generatorKW > 0 {
            let kw = NumberText.short(job.generatorKW)
            let minutes = NumberText.short(connect * 60)
            return [
                step(.connectGenerator, 0, "connect a mobile generator of at least \(kw) kW on the low-voltage side of \(section)", "在 \(section) 低压侧接入不小于 \(kw) kW 的移动发电车"),
                step(.startGenerator, 0, "start the generator and check voltage, frequency and phase rotation against the network", "启动发电车，与电网核对电压、频率和相序"),
                step(.transferToGenerator, connect, "move the load of \(section) onto the generator (\(minutes) min without supply)", "将 \(section) 负荷转由发电车供电（停电 \(minutes) min）"),
                work(connect),
                step(.transferFromGenerator, connect + duration, "move the load back onto the network", "负荷倒回电网供电"),
                step(.disconnectGenerator, connect + duration, "stop and disconnect the generator", "停运并拆除发电车"),
            ]
        }
        return [
            step(.connectBypass, 0, "connect the bypass cable set around \(section) at both ends (live-line)", "带电接入 \(section) 两端的旁路电缆"),
            step(.phaseCheck, 0, "check phasing at both ends of the bypass", "旁路两端核相"),
            step(.closeBypass, connect, "close the bypass switches: the load flows through the bypass", "合上旁路开关，负荷经旁路供电"),
            step(.open, connect, "open \(section) at both ends (live-line): the section is out, its load stays on the bypass", "带电断开 \(section) 两端：区段退出运行，负荷由旁路供电"),
            work(connect),
            step(.close, connect + duration, "close \(section) at both ends (live-line): the section is back in service", "带电接通 \(section) 两端：区段恢复运行"),
            step(.openBypass, connect + duration, "open the bypass switches", "断开旁路开关"),
            step(.disconnectBypass, connect + duration, "remove the bypass cable set", "拆除旁路电缆"),
        ]
    }
}

extension PlanResult {
    /// switching.csv (UTF-8 with a byte-order mark): every step of every switching order, in
    /// execution order (docs/switching-orders.md).
    public func switchingCSV() -> String {
        var lines = ["order,date,step,time,by,kind,element,control,purpose,title"]
        for order in switchingOrders() {
            for (number, step) in order.steps.enumerated() {
                lines.append([
                    csv(order.id), order.date.description, "\(number + 1)", clock(Double(order.startHour) + step.atHours), csv(step.by), step.kind.rawValue,
                    csv(step.element ?? ""), step.control ?? "", csv(step.purpose.en), csv(order.title.en),
                ].joined(separator: ","))
            }
        }
        return csvByteOrderMark + lines.joined(separator: "\n") + "\n"
    }
}
