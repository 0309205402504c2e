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
    }

    public var kind: Kind
    /// The element acted on (device, tie or section id, "F1 feeder head (S1)"); nil for the work
    /// and the permit.
    public var element: String?
    /// "remote" or "manual" for switching; nil otherwise.
    public var control: String?
    /// Who does it: "control room", "switching team", "work crew".
    public var by: String
    /// Hours after the order's start at which the step is done.
    public var atHours: Double
    /// Why.
    public var purpose: String
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
    public var title: String
}

extension PlanResult {
    /// Every switching order of the plan, in execution order: by date, start time, then id.
    public func switchingOrders() -> [SwitchingOrder] {
        var orders: [SwitchingOrder] = []
        for (index, outage) in evaluation.outages.enumerated() {
            let start = problem.shifts[outage.ref.shift].startHour
            let jobs = outage.jobs.map { problem.jobs[$0].job.id }.sorted { NaturalOrder.less($0, $1) }.joined(separator: ", ")
            orders.append(SwitchingOrder(
                id: outageID(index), date: problem.days[outage.day], startHour: start, steps: switchingSteps(outage: index),
                title: "\(outage.transfer ? "transfer" : "outage") of \(OutageRules.zoneName(outage.zone, problem.network)), jobs \(jobs)"))
        }
        for (j, assignment) in assignments.enumerated() {
            guard let assignment, assignment.method == .bypass else { continue }
            let job = problem.jobs[j]
            orders.append(SwitchingOrder(
                id: job.job.id, date: problem.days[assignment.day], startHour: problem.shifts[assignment.shift].startHour, steps: bypassSteps(j),
                title: job.generatorKW > 0 ? "temporary supply by mobile generator, job \(job.job.id)" : "bypass cable, job \(job.job.id)"))
        }
        return orders.sorted { ($0.date, $0.startHour, $0.id.count, $0.id) < ($1.date, $1.startHour, $1.id.count, $1.id) }
    }

    /// The switching order of a zone outage: the engine's electrical sequence (isolation on every
    /// side, devices that cannot break load operated dead, transfers), with the safety steps a
    /// permit to work needs between isolating and working and, reversed, after the work.
    /// The switching team of an outage: "switching team" where teams are not counted, else
    /// "switching team k (area)", k numbering the area's outages of the day by start time.
    public func switchingTeamName(outage index: Int) -> String {
        let outage = evaluation.outages[index]
        guard let area = problem.teamArea(zone: outage.zone, cost: outage.cost) else { return "switching team" }
        let sameDay = evaluation.outages.indices.filter { k in
            let other = evaluation.outages[k]
            return other.day == outage.day && problem.teamArea(zone: other.zone, cost: other.cost) == area
        }.sorted { (problem.shifts[evaluation.outages[$0].ref.shift].startHour, $0) < (problem.shifts[evaluation.outages[$1].ref.shift].startHour, $1) }
        return "switching team \((sameDay.firstIndex(of: index) ?? 0) + 1) (\(problem.switchingAreas[area].name))"
    }

    public func switchingSteps(outage index: Int) -> [SwitchingStep] {
        let outage = evaluation.outages[index]
        let network = problem.network
        let plan = outage.cost.plan
        let zoneName = OutageRules.zoneName(outage.zone, network)
        let team = switchingTeamName(outage: index)
        func doneBy(_ element: SwitchingElement) -> String { element.control(in: network) == .remote ? "control room" : team }
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
            let purpose: String
            switch operation.purpose {
            case .transferLoad, .returnLoad:
                let transfer = plan.backfeed.transfers[operation.transfer ?? 0]
                let supplier = network.model.sources[network.topology.tiePaths[transfer.tie][transfer.supplyingSide].feeder].id.rawValue
                let mode = plan.closedLoop[operation.transfer ?? 0] ? "make before break" : "break before make"
                purpose = operation.purpose == .transferLoad
                    ? "move the load below the work zone to feeder \(supplier) (\(mode))" : "return the load from feeder \(supplier) to its own feeder (\(mode))"
            case .isolateWorkZone: purpose = "isolate the work zone (\(zoneName)) from its supply"
            case .restoreWorkZone: purpose = "re-energise the work zone (\(zoneName))"
            case .breakLoadUpstream: purpose = "break the load so that \(deviceNames(plan.isolation)) can be operated dead (it cannot break load)"
            case .restoreUpstream: purpose = "restore supply above the work zone"
            case .isolateBelow: purpose = "isolate the work zone from below (back-feed possible from there)"
            case .restoreBelow: purpose = "reconnect below the work zone"
            case .shedLoad: purpose = "take the load off at the low-voltage side so that \(deviceNames(plan.isolation)) carries none (it cannot break load)"
            case .restoreLoad: purpose = "put the load back on at the low-voltage side"
            }
            let kind: SwitchingStep.Kind
        if case .lowVoltage = operation.element { kind = operation.action == .open ? .openLowVoltage : .closeLowVoltage } else { kind = operation.action == .open ? .open : .close }
        steps.append(SwitchingStep(
                kind: kind, element: operation.element.label(in: network), control: operation.element.control(in: network).rawValue,
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

    private func isolationSafety(_ outage: ZoneOutage, _ plan: PlannedOutagePlan, team: String) -> [SwitchingStep] {
        let network = problem.network
        let at = plan.workStartHours
        var steps: [SwitchingStep] = []
        for tie in plan.lockedTies {
            let id = network.model.ties[tie].id.rawValue
            steps.append(SwitchingStep(kind: .lockOpen, element: id, control: network.model.ties[tie].control.rawValue, by: team, atHours: at,
                                       purpose: "confirm the tie at the work zone is open; lock and tag it"))
        }
        for section in transformerSections(outage) where !lowVoltageAlreadyOpen(section, plan) {
            let id = network.model.sections[section].id.rawValue
            steps.append(SwitchingStep(kind: .openLowVoltage, element: id, control: "manual", by: "work crew", atHours: at,
                                       purpose: "open the low-voltage side of transformer \(id) (no back-feed from low voltage)"))
        }
        let points = boundary(plan).map { $0.label(in: network) } + transformerSections(outage).map { network.model.sections[$0].id.rawValue + " (low-voltage side)" }
        for point in points {
            steps.append(SwitchingStep(kind: .testForDead, element: point, control: nil, by: "work crew", atHours: at, purpose: "test for dead on the work-zone side"))
            steps.append(SwitchingStep(kind: .applyEarth, element: point, control: nil, by: "work crew", atHours: at, purpose: "apply earths on the work-zone side"))
        }
        steps.append(SwitchingStep(kind: .issuePermit, element: nil, control: nil, by: "control room", atHours: at,
                                   purpose: "issue the permit to work for \(OutageRules.zoneName(outage.zone, network)): dead and earthed at \(points.count) points"))
        return steps
    }

    private func restorationSafety(_ outage: ZoneOutage, _ plan: PlannedOutagePlan, team: String) -> [SwitchingStep] {
        let network = problem.network
        let at = plan.workEndHours
        var steps = [SwitchingStep(kind: .cancelPermit, element: nil, control: nil, by: "work crew", atHours: at, purpose: "work done, crew and tools clear; cancel the permit")]
        let points = boundary(plan).map { $0.label(in: network) } + transformerSections(outage).map { network.model.sections[$0].id.rawValue + " (low-voltage side)" }
        for point in points.reversed() {
            steps.append(SwitchingStep(kind: .removeEarth, element: point, control: nil, by: "work crew", atHours: at, purpose: "remove earths"))
        }
        for section in transformerSections(outage).reversed() where !lowVoltageAlreadyOpen(section, plan) {
            let id = network.model.sections[section].id.rawValue
            steps.append(SwitchingStep(kind: .closeLowVoltage, element: id, control: "manual", by: "work crew", atHours: at, purpose: "close the low-voltage side of transformer \(id)"))
        }
        for tie in plan.lockedTies.reversed() {
            steps.append(SwitchingStep(kind: .unlock, element: network.model.ties[tie].id.rawValue, control: network.model.ties[tie].control.rawValue,
                                       by: team, atHours: at, purpose: "remove the lock and tag (the tie stays open)"))
        }
        return steps
    }

    private func workStep(_ outage: ZoneOutage, _ plan: PlannedOutagePlan) -> SwitchingStep {
        let jobs = outage.jobs.map { problem.jobs[$0].job.id }.sorted { NaturalOrder.less($0, $1) }.joined(separator: ", ")
        return SwitchingStep(kind: .work, element: nil, control: nil, by: "work crew", atHours: plan.workStartHours,
                             purpose: "work: \(jobs) (\(NumberText.short(outage.workHours)) h)")
    }

    /// Steps of a bypass-cable or mobile-generator job: connected live, no outage (a connection
    /// interruption, when the policy has one, is counted in the KPIs).
    func bypassSteps(_ j: Int) -> [SwitchingStep] {
        let job = problem.jobs[j]
        let section = job.job.section.rawValue
        let connect = problem.scenario.policy.bypassConnectionMinutes / 60
        let duration = job.job.durationHours
        func step(_ kind: SwitchingStep.Kind, _ at: Double, _ purpose: String, by: String = "live team") -> SwitchingStep {
            SwitchingStep(kind: kind, element: section, control: nil, by: by, atHours: at, purpose: purpose)
        }
        if job.generatorKW > 0 {
            let kw = NumberText.short(job.generatorKW)
            return [
                step(.connectGenerator, 0, "connect a mobile generator of at least \(kw) kW on the low-voltage side of \(section)"),
                step(.startGenerator, 0, "start the generator and check voltage, frequency and phase rotation against the network"),
                step(.transferToGenerator, connect, "move the load of \(section) onto the generator (\(NumberText.short(connect * 60)) min without supply)"),
                step(.work, connect, "work: \(job.job.id) (\(NumberText.short(duration)) h)", by: "work crew"),
                step(.transferFromGenerator, connect + duration, "move the load back onto the network"),
                step(.disconnectGenerator, connect + duration, "stop and disconnect the generator"),
            ]
        }
        return [
            step(.connectBypass, 0, "connect the bypass cable set around \(section) at both ends (live-line)"),
            step(.phaseCheck, 0, "check phasing at both ends of the bypass"),
            step(.closeBypass, connect, "close the bypass switches: the load flows through the bypass"),
            step(.open, connect, "open \(section) at both ends (live-line): the section is out, its load stays on the bypass"),
            step(.work, connect, "work: \(job.job.id) (\(NumberText.short(duration)) h)", by: "work crew"),
            step(.close, connect + duration, "close \(section) at both ends (live-line): the section is back in service"),
            step(.openBypass, connect + duration, "open the bypass switches"),
            step(.disconnectBypass, connect + duration, "remove the bypass cable set"),
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
                    csv(step.element ?? ""), step.control ?? "", csv(step.purpose), csv(order.title),
                ].joined(separator: ","))
            }
        }
        return csvByteOrderMark + lines.joined(separator: "\n") + "\n"
    }
}
