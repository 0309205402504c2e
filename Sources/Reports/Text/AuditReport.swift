import Audit
import GridModel

/// Text and JSON renderings of an audit.
public struct AuditReport {
    public var result: AuditResult
    public var network: Network
    public var files: (outages: String, work: String, claims: String, history: String?)

    public init(result: AuditResult, network: Network, files: (outages: String, work: String, claims: String, history: String?)) {
        self.result = result
        self.network = network
        self.files = files
    }

    public func value(_ value: Double?, _ metric: ClaimMetric) -> String {
        guard let value else { return "n/a" }
        switch metric {
        case .liveWorkRatioByCount, .liveWorkRatioByCustomerHours, .tieRate, .n1TransferableRate, .overheadInsulationRate, .cableRate: return percent(value)
        case .rs1Percent, .rs3Percent: return fixed(value, 4) + " %"
        case .saidiChangePercent: return fixed(value, 1) + " %"
        case .avoidedCustomerHours: return fixed(value, 1)
        default: return fixed(value, 4)
        }
    }

    public func text() -> String {
        var lines: [String] = []
        let claims = result.claims
        lines.append("Audit of \(claims.company.isEmpty ? files.claims : claims.company), \(claims.start)…\(claims.end)  [network \(network.model.name)]")
        let outageRows = result.outagesUsed + result.outagesOutsidePeriod + result.outageRowsRejected
        let workRows = result.workUsed + result.workOutsidePeriod + result.workRowsRejected
        lines.append("Outage log \(files.outages): \(outageRows) rows = \(result.outagesUsed) events in the period + \(result.outagesOutsidePeriod) outside it + \(result.outageRowsRejected) rows rejected")
        lines.append("Work log \(files.work): \(workRows) rows = \(result.workUsed) jobs in the period + \(result.workOutsidePeriod) outside it + \(result.workRowsRejected) rows rejected")
        var checks = TextTable(["claim", "metric", "claimed", "recomputed", "verdict"], alignments: [.left, .left, .right, .right, .left])
        for check in result.checks {
            checks.add([check.claim.id, check.claim.metric.rawValue, value(check.claim.value, check.claim.metric), value(check.recomputed, check.claim.metric), check.verdict.text])
        }
        lines.append("Claims")
        lines.append(checks.rendered(indent: 2))
        for check in result.checks {
            lines.append("  \(check.claim.id)\(check.claim.text.map { " (\"\($0)\")" } ?? ""): \(check.verdict.text)")
            for row in check.evidence { lines.append("    - \(row)") }
        }
        let ieee = result.ieee
        var indices = TextTable(["IEEE 1366", "all days", "excluding major event days"], alignments: [.left, .right, .right])
        let without = result.ieeeExcludingMED
        indices.add(["SAIFI", fixed(ieee.saifi, 4), without.map { fixed($0.saifi, 4) } ?? "n/a"])
        indices.add(["SAIDI (h)", fixed(ieee.saidi, 4), without.map { fixed($0.saidi, 4) } ?? "n/a"])
        indices.add(["CAIDI (h)", fixed(ieee.caidi, 3), without.map { fixed($0.caidi, 3) } ?? "n/a"])
        indices.add(["CAIFI", fixed(ieee.caifi, 3), without.map { fixed($0.caifi, 3) } ?? "n/a"])
        indices.add(["ASAI", fixed(ieee.asai, 6), without.map { fixed($0.asai, 6) } ?? "n/a"])
        indices.add(["MAIFI_E", fixed(ieee.maifiE, 4), without.map { fixed($0.maifiE, 4) } ?? "n/a"])
        for (index, share) in ieee.cemi.enumerated() {
            indices.add(["CEMI\(index + 1)", percent(share), without.map { percent($0.cemi[index]) } ?? "n/a"])
        }
        lines.append(indices.rendered(indent: 2))
        if ieee.mergedCustomerInterruptions < ieee.customerInterruptions {
            lines.append("  SAIFI counts every logged interruption: \(ieee.customerInterruptions - ieee.mergedCustomerInterruptions) customer interruptions overlap another of the same load point; with those merged SAIFI is \(fixed(ieee.saifiMerged, 4))")
        }
        if ieee.unattributedShare > 0 {
            lines.append("  \(percent(ieee.unattributedShare)) of customer interruptions come from rows without load points (not in CEMI, counted as distinct customers in CAIFI)")
        }
        if let med = result.majorEventDays {
            lines.append("  Major event days (2.5β over \(med.historyDays) non-zero history days): threshold \(fixed(med.thresholdMinutes, 3)) min of daily SAIDI; " + (med.days.isEmpty ? "none in the period" : med.days.map { "\($0.date) (\(fixed($0.saidiMinutes, 1)) min)" }.joined(separator: ", ")))
        } else {
            lines.append("  Major event days: not determined (\(files.history == nil ? "no --history" : "too little history"))")
        }
        let dlt = result.dlt836
        var dltTable = TextTable(["DL/T 836 (per \(dlt.unit), short interruptions ≤ \(fixed(result.options.dltShortMinutes, 0)) min left out)", "all", "planned", "unplanned"], alignments: [.left, .right, .right, .right])
        dltTable.add(["AITC-1 用户平均停电次数", fixed(dlt.aitc1, 4), fixed(dlt.aitc1Planned, 4), fixed(dlt.aitc1Unplanned, 4)])
        dltTable.add(["AIHC-1 用户平均停电时间 (h)", fixed(dlt.aihc1, 4), fixed(dlt.aihc1Planned, 4), fixed(dlt.aihc1Unplanned, 4)])
        dltTable.add(["RS-1 供电可靠率", fixed(dlt.rs1Percent, 4) + " %", "", ""])
        dltTable.add(["RS-3 (without supply shortage)", fixed(dlt.rs3Percent, 4) + " %", "", ""])
        lines.append(dltTable.rendered(indent: 2))
        let live = result.liveWork
        lines.append("Live work (work log, re-simulated as if by outage): \(live.liveJobs) of \(live.jobs) jobs live (\(percent(live.ratioByCount))), by customer-hours \(percent(live.ratioByCustomerHours)), avoided \(fixed(live.avoidedCustomerHours, 1)) customer-hours, \(fixed(live.additionalEnergyMWh, 3)) MWh supplied")
        if !result.periods.isEmpty {
            var table = TextTable(["period", "from", "to", "events", "SAIFI", "SAIDI (h)", "RS-1"], alignments: [.left, .left, .left, .right, .right, .right, .right])
            for p in result.periods {
                table.add([p.label, p.start.description, p.end.description, "\(p.events)", fixed(p.saifi, 4), fixed(p.saidi, 4), fixed(p.rs1Percent, 4) + " %"])
            }
            lines.append("Periods compared (all days; the earlier spans from the history)")
            lines.append(table.rendered(indent: 2))
        }
        for (title, rows) in [("feeder", result.byFeeder), ("district", result.byDistrict)] where !rows.isEmpty {
            var table = TextTable([title, "customers", "customer interruptions", "customer-minutes", "SAIFI", "SAIDI (h)"], alignments: [.left, .right, .right, .right, .right, .right])
            for row in rows.prefix(15) {
                table.add([row.name, "\(row.customersServed)", "\(row.customerInterruptions)", fixed(row.customerMinutes, 0), fixed(row.saifi, 4), fixed(row.saidi, 4)])
            }
            lines.append("By \(title), most customer-minutes first\(rows.count > 15 ? " (first 15 of \(rows.count); all in --format json)" : "")")
            lines.append(table.rendered(indent: 2))
        }
        let options = result.options
        lines.append("Repeated outages (频繁停电: \(options.repeatThreshold) or more interruptions of one load point within \(options.repeatWindowDays) days)")
        for scope in RepeatedOutageScope.allCases {
            let over = result.repeatedOutages[scope] ?? []
            lines.append("  \(scope.rawValue): \(NumberText.count(over.count, "load point")), \(NumberText.count(over.reduce(0) { $0 + $1.customers }, "customer"))")
        }
        for item in (result.repeatedOutages[.all] ?? []).prefix(10) {
            lines.append("    - \(network.model.loadPoints[item.loadPoint].id.rawValue) (\(item.customers) customers, \(item.interruptions) in the period): " + zip(item.events, item.starts).map { "\($0) \($1)" }.joined(separator: ", "))
        }
        if result.contradictions.isEmpty {
            lines.append("Contradictions: none")
        } else {
            lines.append("Contradictions (\(result.contradictions.count))")
            for item in result.contradictions { lines.append("  - \(item.text)") }
        }
        return lines.joined(separator: "\n")
    }

    func areasJSON(_ rows: [AreaIndices]) -> JSONOutput {
        .array(rows.map { row in
            .object([("name", .string(row.name)), ("customersServed", .integer(row.customersServed)), ("customerInterruptions", .integer(row.customerInterruptions)),
                     ("customerMinutes", .number(row.customerMinutes)), ("SAIFI", .number(row.saifi)), ("SAIDI", .number(row.saidi))])
        })
    }

    public func ieeeJSON(_ ieee: IEEEIndices) -> JSONOutput {
        .object([
            ("customersServed", .integer(ieee.customersServed)), ("customerInterruptions", .integer(ieee.customerInterruptions)),
            ("customerMinutes", .number(ieee.customerMinutes)), ("SAIFI", .number(ieee.saifi)), ("SAIDI", .number(ieee.saidi)),
            ("CAIDI", .number(ieee.caidi)), ("CAIFI", .number(ieee.caifi)), ("ASAI", .number(ieee.asai)), ("MAIFI_E", .number(ieee.maifiE)),
            ("CEMI", .array(ieee.cemi.map { .number($0) })), ("unattributedShare", .number(ieee.unattributedShare)),
            ("mergedCustomerInterruptions", .integer(ieee.mergedCustomerInterruptions)), ("SAIFImerged", .number(ieee.saifiMerged)),
        ])
    }

    public func json() -> JSONOutput {
        let dlt = result.dlt836
        return .object([
            ("company", .string(result.claims.company)),
            ("period", .object([("start", .string(result.claims.start.description)), ("end", .string(result.claims.end.description))])),
            ("outagesUsed", .integer(result.outagesUsed)), ("outageRowsRejected", .integer(result.outageRowsRejected)),
            ("outagesOutsidePeriod", .integer(result.outagesOutsidePeriod)),
            ("workUsed", .integer(result.workUsed)), ("workRowsRejected", .integer(result.workRowsRejected)),
            ("workOutsidePeriod", .integer(result.workOutsidePeriod)),
            ("diagnostics", .array(result.diagnostics.map { .string($0.description) })),
            ("checks", .array(result.checks.map { check in
                var verdict: (String, JSONOutput)
                switch check.verdict {
                case .consistent: verdict = ("consistent", .null)
                case .overstated(let p): verdict = ("overstated", .number(p))
                case .understated(let p): verdict = ("understated", .number(p))
                case .unverifiable(let reason): verdict = ("unverifiable", .string(reason))
                }
                return .object([
                    ("id", .string(check.claim.id)), ("metric", .string(check.claim.metric.rawValue)), ("claimed", .number(check.claim.value)),
                    ("recomputed", .finite(check.recomputed)), ("verdict", .string(verdict.0)), ("detail", verdict.1),
                    ("text", .string(check.verdict.text)), ("evidence", .array(check.evidence.map { .string($0) })),
                ])
            })),
            ("ieee", ieeeJSON(result.ieee)),
            ("ieeeExcludingMED", result.ieeeExcludingMED.map(ieeeJSON) ?? .null),
            ("majorEventDays", result.majorEventDays.map { med in
                .object([
                    ("historyDays", .integer(med.historyDays)), ("alpha", .number(med.alpha)), ("beta", .number(med.beta)),
                    ("thresholdMinutes", .number(med.thresholdMinutes)),
                    ("days", .array(med.days.map { .object([("date", .string($0.date.description)), ("saidiMinutes", .number($0.saidiMinutes))]) })),
                ])
            } ?? .null),
            ("dlt836", .object([
                ("unit", .string(dlt.unit)), ("unitsServed", .integer(dlt.unitsServed)), ("AITC1", .number(dlt.aitc1)),
                ("AITC1Planned", .number(dlt.aitc1Planned)), ("AITC1Unplanned", .number(dlt.aitc1Unplanned)), ("AIHC1", .number(dlt.aihc1)),
                ("AIHC1Planned", .number(dlt.aihc1Planned)), ("AIHC1Unplanned", .number(dlt.aihc1Unplanned)),
                ("RS1Percent", .number(dlt.rs1Percent)), ("RS3Percent", .number(dlt.rs3Percent)),
            ])),
            ("previousYearSAIDI", .finite(result.previousYearSAIDI)),
            ("liveWork", .object([
                ("jobs", .integer(result.liveWork.jobs)), ("liveJobs", .integer(result.liveWork.liveJobs)),
                ("ratioByCount", .number(result.liveWork.ratioByCount)), ("ratioByCustomerHours", .finite(result.liveWork.ratioByCustomerHours)),
                ("avoidedCustomerHours", .number(result.liveWork.avoidedCustomerHours)), ("additionalEnergyMWh", .number(result.liveWork.additionalEnergyMWh)),
            ])),
            ("contradictions", .array(result.contradictions.map { item in
                .object([("kind", .string(item.kind.rawValue)), ("job", item.job.map { .string($0) } ?? .null), ("event", item.event.map { .string($0) } ?? .null), ("text", .string(item.text))])
            })),
            ("periods", .array(result.periods.map { p in
                .object([("label", .string(p.label)), ("start", .string(p.start.description)), ("end", .string(p.end.description)), ("events", .integer(p.events)),
                         ("SAIFI", .number(p.saifi)), ("SAIDI", .number(p.saidi)), ("RS1Percent", .number(p.rs1Percent))])
            })),
            ("byFeeder", areasJSON(result.byFeeder)), ("byDistrict", areasJSON(result.byDistrict)),
            ("repeatedOutages", .object([("windowDays", .integer(result.options.repeatWindowDays)), ("threshold", .integer(result.options.repeatThreshold))]
                + RepeatedOutageScope.allCases.map { scope in
                    (scope.rawValue, .array((result.repeatedOutages[scope] ?? []).map { item in
                        .object([
                            ("loadPoint", .string(network.model.loadPoints[item.loadPoint].id.rawValue)), ("customers", .integer(item.customers)),
                            ("interruptions", .integer(item.interruptions)), ("mostInWindow", .integer(item.mostInWindow)),
                            ("events", .array(item.events.map { .string($0) })), ("starts", .array(item.starts.map { .string($0.description) })),
                        ])
                    }))
                })),
            ("dailySAIDIMinutes", .array(result.dailySAIDIMinutes.map { .object([("date", .string($0.date.description)), ("minutes", .number($0.minutes))]) })),
        ])
    }
}
