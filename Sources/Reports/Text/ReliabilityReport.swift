import GridModel
import Reliability

/// Which table the text and CSV renderings show.
public enum ReliabilityView: String, CaseIterable, Sendable {
    case system
    case feeder
    case loadPoint = "load-point"
    case component
}

/// Text, JSON and CSV renderings of an analytical evaluation, with an optional what-if beside it.
public struct ReliabilityReport {
    public struct Study {
        public var whatIf: WhatIf
        public var file: String
        public var network: Network
        public var result: ReliabilityResult

        public init(whatIf: WhatIf, file: String, network: Network, result: ReliabilityResult) {
            self.whatIf = whatIf
            self.file = file
            self.network = network
            self.result = result
        }
    }

    public init(file: String, network: Network, result: ReliabilityResult, study: Study? = nil) {
        self.file = file
        self.network = network
        self.result = result
        self.study = study
    }

    public var file: String
    public var network: Network
    public var result: ReliabilityResult
    public var study: Study?

    /// (name, unit, decimals in text, value) of the system indices.
    public static func systemRows(_ indices: SystemIndices) -> [(name: String, unit: String, decimals: Int, value: Double)] {
        [
            ("SAIFI", "interruptions/customer·yr", 3, indices.saifi),
            ("SAIDI", "h/customer·yr", 2, indices.saidi),
            ("CAIDI", "h/interruption", 2, indices.caidi),
            ("ASAI", "", 6, indices.asai),
            ("ASUI", "", 6, indices.asui),
            ("ENS", "MWh/yr", 3, indices.ensMWh),
            ("AENS", "MWh/customer·yr", 4, indices.aensMWhPerCustomer),
            ("AIHC-1", "h/\(unitNoun(indices.countingUnit))·yr (用户平均停电时间)", 3, indices.aihc1),
            ("AITC-1", "interruptions/\(unitNoun(indices.countingUnit))·yr (用户平均停电次数)", 3, indices.aitc1),
            ("RS-1", "% (供电可靠率)", 4, indices.rs1Percent),
        ]
    }

    public static func unitNoun(_ unit: CountingUnit) -> String { unit == .customers ? "customer" : "MV user" }

    public static func monthText(_ month: HeadroomMonth, _ network: Network) -> String {
        switch month {
        case .peak: return "peak month \(network.loadProfile.peakMonth)"
        case .month(let m): return "month \(m)"
        case .yearAverage: return "every month, weighted by days"
        }
    }

    // MARK: text

    public func text(by view: ReliabilityView, top: Int) -> String {
        var lines: [String] = []
        let name = network.model.name.isEmpty ? file : network.model.name
        lines.append("Reliability of \(name)  [\(file)]")
        lines.append("Tie headroom at \(Self.monthText(result.headroomMonth, network)); DL/T 836 counted per \(Self.unitNoun(result.system.countingUnit)) (\(result.system.units) units, \(result.system.customers) customers)")
        if let study {
            lines.append("What-if: \(study.whatIf.name)  [\(study.file)]")
            for change in study.whatIf.changes { lines.append("  - \(WhatIf.describe(change))") }
            var table = TextTable(["index", "base", "what-if", "change", "change %", "unit"], alignments: [.left, .right, .right, .right, .right, .left])
            let rows = Self.systemRows(result.system)
            let after = Self.systemRows(study.result.system)
            for (row, changed) in zip(rows, after) {
                let delta = changed.value - row.value
                table.add([row.name, fixed(row.value, row.decimals), fixed(changed.value, row.decimals), signed(delta, row.decimals),
                           row.value != 0 ? signed(delta / row.value * 100, 1) + " %" : "n/a", row.unit])
            }
            lines.append(table.rendered(indent: 2))
        } else {
            var table = TextTable(["index", "value", "unit"], alignments: [.left, .right, .left])
            for row in Self.systemRows(result.system) { table.add([row.name, fixed(row.value, row.decimals), row.unit]) }
            lines.append(table.rendered(indent: 2))
        }
        switch view {
        case .system: break
        case .feeder: lines.append(feederText())
        case .loadPoint: lines.append(loadPointText())
        case .component: lines.append(componentText(top: top))
        }
        return lines.joined(separator: "\n")
    }

    private func signed(_ value: Double, _ decimals: Int) -> String {
        let text = fixed(value, decimals)
        return value > 0 && text != fixed(0, decimals) ? "+" + text : text
    }

    private func feederText() -> String {
        var headers = ["feeder", "customers", "SAIFI", "SAIDI h", "CAIDI h", "ENS MWh", "customer-h"]
        if study != nil { headers += ["SAIDI what-if", "change"] }
        var table = TextTable(headers)
        for feeder in result.feeders {
            let i = feeder.indices
            var row = [network.model.sources[feeder.feeder].id.rawValue, "\(i.customers)", fixed(i.saifi, 3), fixed(i.saidi, 2),
                       fixed(i.caidi, 2), fixed(i.ensMWh, 3), fixed(feeder.customerHoursPerYear, 1)]
            if let study {
                let after = study.result.feeders[feeder.feeder].indices.saidi
                row += [fixed(after, 2), signed(after - i.saidi, 2)]
            }
            table.add(row)
        }
        return "Feeders\n" + table.rendered(indent: 2)
    }

    private func loadPointText() -> String {
        var headers = ["load point", "feeder", "customers", "λ /yr", "U h/yr", "r h"]
        if study != nil { headers += ["U what-if", "change"] }
        var table = TextTable(headers)
        for lp in network.model.loadPoints.indices {
            let loadPoint = network.model.loadPoints[lp]
            let value = result.loadPoints[lp]
            let feeder = network.topology.feederOfBus[network.loadPointBus[lp]]
            var row = [loadPoint.id.rawValue, network.model.sources[feeder].id.rawValue, "\(loadPoint.customers)",
                       fixed(value.interruptionsPerYear, 4), fixed(value.hoursPerYear, 4), fixed(value.averageDurationHours, 2)]
            if let study {
                let after = study.result.loadPoints[lp].hoursPerYear
                row += [fixed(after, 4), signed(after - value.hoursPerYear, 4)]
            }
            table.add(row)
        }
        return "Load points\n" + table.rendered(indent: 2)
    }

    private func componentText(top: Int) -> String {
        let shown = result.components.prefix(top)
        var table = TextTable(["rank", "component", "kind", "feeder", "failures/yr", "customer-h/yr", "SAIDI h", "SAIDI %", "ENS MWh", "ENS %"],
                              alignments: [.right, .left, .left, .left, .right, .right, .right, .right, .right, .right])
        for (rank, component) in shown.enumerated() {
            let section = network.model.sections[component.section]
            table.add(["\(rank + 1)", section.id.rawValue, section.kind.rawValue,
                       network.model.sources[network.topology.feederOfSection[component.section]].id.rawValue,
                       fixed(component.failuresPerYear, 4), fixed(component.customerHoursPerYear, 2), fixed(component.saidi, 4),
                       fixed(component.saidiShare * 100, 1), fixed(component.ensMWh, 3), fixed(component.ensShare * 100, 1)])
        }
        let title = "Largest contributors (\(shown.count) of \(result.components.count) failing components, by customer-hours)"
        return title + "\n" + table.rendered(indent: 2)
    }

    // MARK: JSON

    public static func systemJSON(_ indices: SystemIndices) -> JSONOutput {
        .object([
            ("customers", .integer(indices.customers)), ("SAIFI", .number(indices.saifi)), ("SAIDI", .number(indices.saidi)),
            ("CAIDI", .number(indices.caidi)), ("ASAI", .number(indices.asai)), ("ASUI", .number(indices.asui)),
            ("ENS_MWh", .number(indices.ensMWh)), ("AENS_MWh_per_customer", .number(indices.aensMWhPerCustomer)),
            ("countingUnit", .string(indices.countingUnit.rawValue)), ("units", .integer(indices.units)),
            ("AIHC1_h", .number(indices.aihc1)), ("AITC1", .number(indices.aitc1)), ("RS1_percent", .number(indices.rs1Percent)),
        ])
    }

    public static func resultJSON(_ result: ReliabilityResult, network: Network) -> [(String, JSONOutput)] {
        let monthValue: JSONOutput
        switch result.headroomMonth {
        case .peak: monthValue = .integer(network.loadProfile.peakMonth)
        case .month(let m): monthValue = .integer(m)
        case .yearAverage: monthValue = .string("average")
        }
        return [
            ("headroomMonth", monthValue),
            ("warnings", .array(result.warnings.map { .string($0) })),
            ("system", systemJSON(result.system)),
            ("feeders", .array(result.feeders.map { feeder in
                .object([("id", .string(network.model.sources[feeder.feeder].id.rawValue)),
                         ("customerHoursPerYear", .number(feeder.customerHoursPerYear)), ("indices", systemJSON(feeder.indices))])
            })),
            ("loadPoints", .array(network.model.loadPoints.indices.map { lp in
                let value = result.loadPoints[lp]
                return .object([
                    ("id", .string(network.model.loadPoints[lp].id.rawValue)),
                    ("feeder", .string(network.model.sources[network.topology.feederOfBus[network.loadPointBus[lp]]].id.rawValue)),
                    ("customers", .integer(network.model.loadPoints[lp].customers)),
                    ("lambdaPerYear", .number(value.interruptionsPerYear)), ("hoursPerYear", .number(value.hoursPerYear)),
                    ("averageDurationHours", .number(value.averageDurationHours)),
                ])
            })),
            ("components", .array(result.components.map { component in
                let section = network.model.sections[component.section]
                return .object([
                    ("id", .string(section.id.rawValue)), ("kind", .string(section.kind.rawValue)),
                    ("feeder", .string(network.model.sources[network.topology.feederOfSection[component.section]].id.rawValue)),
                    ("failuresPerYear", .number(component.failuresPerYear)),
                    ("customerInterruptionsPerYear", .number(component.customerInterruptionsPerYear)),
                    ("customerHoursPerYear", .number(component.customerHoursPerYear)), ("ensMWh", .number(component.ensMWh)),
                    ("SAIFI", .number(component.saifi)), ("SAIDI", .number(component.saidi)),
                    ("saifiShare", .number(component.saifiShare)), ("saidiShare", .number(component.saidiShare)),
                    ("ensShare", .number(component.ensShare)),
                ])
            })),
        ]
    }

    public func json() -> JSONOutput {
        var members: [(String, JSONOutput)] = [("network", .string(network.model.name)), ("file", .string(file))]
        members += Self.resultJSON(result, network: network)
        if let study {
            let before = Self.systemRows(result.system)
            let after = Self.systemRows(study.result.system)
            members.append((
                "whatIf",
                .object([
                    ("name", .string(study.whatIf.name)), ("file", .string(study.file)),
                    ("changes", .array(study.whatIf.changes.map { .string(WhatIf.describe($0)) })),
                    ("delta", .object(zip(before, after).map { ($0.name, .number($1.value - $0.value)) })),
                ] + Self.resultJSON(study.result, network: study.network))
            ))
        }
        return .object(members)
    }

    // MARK: CSV

    public func csv(by view: ReliabilityView) -> String {
        var lines: [String] = []
        switch view {
        case .system:
            lines.append(study == nil ? "index,value,unit" : "index,base,what_if,change,unit")
            let after = study.map { Self.systemRows($0.result.system) }
            for (k, row) in Self.systemRows(result.system).enumerated() {
                if let after {
                    lines.append([row.name, csvNumber(row.value), csvNumber(after[k].value), csvNumber(after[k].value - row.value), csvField(row.unit)].joined(separator: ","))
                } else {
                    lines.append([row.name, csvNumber(row.value), csvField(row.unit)].joined(separator: ","))
                }
            }
        case .feeder:
            lines.append("feeder,customers,saifi,saidi_h,caidi_h,ens_mwh,customer_hours" + (study == nil ? "" : ",saidi_what_if_h"))
            for feeder in result.feeders {
                let i = feeder.indices
                var row = [csvField(network.model.sources[feeder.feeder].id.rawValue), "\(i.customers)", csvNumber(i.saifi), csvNumber(i.saidi),
                           csvNumber(i.caidi), csvNumber(i.ensMWh), csvNumber(feeder.customerHoursPerYear)]
                if let study { row.append(csvNumber(study.result.feeders[feeder.feeder].indices.saidi)) }
                lines.append(row.joined(separator: ","))
            }
        case .loadPoint:
            lines.append("load_point,feeder,customers,lambda_per_yr,u_h_per_yr,r_h" + (study == nil ? "" : ",u_what_if_h_per_yr"))
            for lp in network.model.loadPoints.indices {
                let value = result.loadPoints[lp]
                var row = [csvField(network.model.loadPoints[lp].id.rawValue),
                           csvField(network.model.sources[network.topology.feederOfBus[network.loadPointBus[lp]]].id.rawValue),
                           "\(network.model.loadPoints[lp].customers)", csvNumber(value.interruptionsPerYear), csvNumber(value.hoursPerYear),
                           csvNumber(value.averageDurationHours)]
                if let study { row.append(csvNumber(study.result.loadPoints[lp].hoursPerYear)) }
                lines.append(row.joined(separator: ","))
            }
        case .component:
            lines.append("rank,component,kind,feeder,failures_per_yr,customer_interruptions_per_yr,customer_hours_per_yr,saifi,saidi_h,saidi_share,ens_mwh,ens_share")
            for (rank, component) in result.components.enumerated() {
                let section = network.model.sections[component.section]
                lines.append([
                    "\(rank + 1)", csvField(section.id.rawValue), section.kind.rawValue,
                    csvField(network.model.sources[network.topology.feederOfSection[component.section]].id.rawValue),
                    csvNumber(component.failuresPerYear), csvNumber(component.customerInterruptionsPerYear),
                    csvNumber(component.customerHoursPerYear), csvNumber(component.saifi), csvNumber(component.saidi),
                    csvNumber(component.saidiShare), csvNumber(component.ensMWh), csvNumber(component.ensShare),
                ].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n")
    }
}
