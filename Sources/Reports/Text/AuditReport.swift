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

    /// The audit for people, in English or Chinese (`audit --lang zh`; DL/T 836 terms).
    public func text(_ language: Language = .en) -> String {
        let zh = language == .zh
        func t(_ en: String, _ chinese: String) -> String { zh ? chinese : en }
        var lines: [String] = []
        let claims = result.claims
        let who = claims.company.isEmpty ? files.claims : claims.company
        lines.append(t("Audit of \(who), \(claims.start)…\(claims.end)  [network \(network.model.name)]", "可靠性核查：\(who)，\(claims.start)…\(claims.end)  [网络 \(network.model.name)]"))
        let outageRows = result.outagesUsed + result.outagesOutsidePeriod + result.outageRowsRejected
        let workRows = result.workUsed + result.workOutsidePeriod + result.workRowsRejected
        lines.append(t("Outage log \(files.outages): \(outageRows) rows = \(result.outagesUsed) events in the period + \(result.outagesOutsidePeriod) outside it + \(result.outageRowsRejected) rows rejected",
                       "停电记录 \(files.outages)：\(outageRows) 行 = 本期事件 \(result.outagesUsed) 条 + 期外 \(result.outagesOutsidePeriod) 条 + 剔除 \(result.outageRowsRejected) 行"))
        lines.append(t("Work log \(files.work): \(workRows) rows = \(result.workUsed) jobs in the period + \(result.workOutsidePeriod) outside it + \(result.workRowsRejected) rows rejected",
                       "工作记录 \(files.work)：\(workRows) 行 = 本期工作 \(result.workUsed) 项 + 期外 \(result.workOutsidePeriod) 项 + 剔除 \(result.workRowsRejected) 行"))
        var checks = TextTable([t("claim", "申报项"), t("metric", "指标"), t("claimed", "申报值"), t("recomputed", "复核值"), t("verdict", "结论")],
                               alignments: [.left, .left, .right, .right, .left])
        let notAvailable = t("n/a", "—")
        func value(_ v: Double?, _ metric: ClaimMetric) -> String { v == nil ? notAvailable : self.value(v, metric) }
        for check in result.checks {
            checks.add([check.claim.id, check.claim.metric.rawValue, value(check.claim.value, check.claim.metric), value(check.recomputed, check.claim.metric), check.verdict.bilingual(language)])
        }
        lines.append(t("Claims", "申报核查"))
        lines.append(checks.rendered(indent: 2))
        for check in result.checks {
            lines.append("  \(check.claim.id)\(check.claim.text.map { " (\"\($0)\")" } ?? ""): \(check.verdict.bilingual(language))")
            for row in check.evidence { lines.append("    - \(row(language))") }
        }
        let ieee = result.ieee
        var indices = TextTable(["IEEE 1366", t("all days", "全部日期"), t("excluding major event days", "剔除重大事件日")], alignments: [.left, .right, .right])
        let without = result.ieeeExcludingMED
        indices.add(["SAIFI", fixed(ieee.saifi, 4), without.map { fixed($0.saifi, 4) } ?? notAvailable])
        indices.add(["SAIDI (h)", fixed(ieee.saidi, 4), without.map { fixed($0.saidi, 4) } ?? notAvailable])
        indices.add(["CAIDI (h)", fixed(ieee.caidi, 3), without.map { fixed($0.caidi, 3) } ?? notAvailable])
        indices.add(["CAIFI", fixed(ieee.caifi, 3), without.map { fixed($0.caifi, 3) } ?? notAvailable])
        indices.add(["ASAI", fixed(ieee.asai, 6), without.map { fixed($0.asai, 6) } ?? notAvailable])
        indices.add(["MAIFI_E", fixed(ieee.maifiE, 4), without.map { fixed($0.maifiE, 4) } ?? notAvailable])
        for (index, share) in ieee.cemi.enumerated() {
            indices.add(["CEMI\(index + 1)", percent(share), without.map { percent($0.cemi[index]) } ?? notAvailable])
        }
        lines.append(indices.rendered(indent: 2))
        if ieee.mergedCustomerInterruptions < ieee.customerInterruptions {
            let overlap = ieee.customerInterruptions - ieee.mergedCustomerInterruptions
            lines.append(t("  SAIFI counts every logged interruption: \(overlap) customer interruptions overlap another of the same load point; with those merged SAIFI is \(fixed(ieee.saifiMerged, 4))",
                           "  SAIFI 计入每条记录的停电：其中 \(overlap) 户次与同一负荷点的另一次停电重叠；合并后 SAIFI 为 \(fixed(ieee.saifiMerged, 4))"))
        }
        if ieee.unattributedShare > 0 {
            lines.append(t("  \(percent(ieee.unattributedShare)) of customer interruptions come from rows without load points (not in CEMI, counted as distinct customers in CAIFI)",
                           "  \(percent(ieee.unattributedShare)) 的停电户次来自未给出负荷点的记录（不计入 CEMI，在 CAIFI 中按不同用户计）"))
        }
        if let med = result.majorEventDays {
            let days = med.days.map { "\($0.date) (\(fixed($0.saidiMinutes, 1)) min)" }.joined(separator: ", ")
            lines.append(t("  Major event days (2.5β over \(med.historyDays) non-zero history days): threshold \(fixed(med.thresholdMinutes, 3)) min of daily SAIDI; " + (med.days.isEmpty ? "none in the period" : days),
                           "  重大事件日（2.5β，据 \(med.historyDays) 个有停电的历史日）：日 SAIDI 阈值 \(fixed(med.thresholdMinutes, 3)) min；" + (med.days.isEmpty ? "本期无" : days)))
        } else {
            lines.append(t("  Major event days: not determined (\(files.history == nil ? "no --history" : "too little history"))",
                           "  重大事件日：未确定（\(files.history == nil ? "未给出 --history" : "历史数据太少")）"))
        }
        let dlt = result.dlt836
        let unit = zh ? (dlt.unit == "customers" ? "用户" : dlt.unit == "MV users" ? "中压用户" : dlt.unit) : dlt.unit
        var dltTable = TextTable([t("DL/T 836 (per \(unit), short interruptions ≤ \(fixed(result.options.dltShortMinutes, 0)) min left out)",
                                    "DL/T 836（按\(unit)统计，不计 ≤ \(fixed(result.options.dltShortMinutes, 0)) min 的短时停电）"),
                                  t("all", "合计"), t("planned", "预安排"), t("unplanned", "故障")], alignments: [.left, .right, .right, .right])
        dltTable.add([t("AITC-1 用户平均停电次数", "AITC-1 用户平均停电次数"), fixed(dlt.aitc1, 4), fixed(dlt.aitc1Planned, 4), fixed(dlt.aitc1Unplanned, 4)])
        dltTable.add(["AIHC-1 用户平均停电时间 (h)", fixed(dlt.aihc1, 4), fixed(dlt.aihc1Planned, 4), fixed(dlt.aihc1Unplanned, 4)])
        dltTable.add(["RS-1 供电可靠率", fixed(dlt.rs1Percent, 4) + " %", "", ""])
        dltTable.add([t("RS-3 (without supply shortage)", "RS-3 供电可靠率（不计系统电源不足限电）"), fixed(dlt.rs3Percent, 4) + " %", "", ""])
        lines.append(dltTable.rendered(indent: 2))
        let live = result.liveWork
        lines.append(t("Live work (work log, re-simulated as if by outage): \(live.liveJobs) of \(live.jobs) jobs live (\(percent(live.ratioByCount))), by customer-hours \(percent(live.ratioByCustomerHours)), avoided \(fixed(live.avoidedCustomerHours, 1)) customer-hours, \(fixed(live.additionalEnergyMWh, 3)) MWh supplied",
                       "不停电作业（据工作记录，按停电作业重新模拟）：\(live.jobs) 项工作中不停电 \(live.liveJobs) 项（\(percent(live.ratioByCount))），按时户数 \(percent(live.ratioByCustomerHours))，减少停电 \(fixed(live.avoidedCustomerHours, 1)) 时户，多供电 \(fixed(live.additionalEnergyMWh, 3)) MWh"))
        if !result.periods.isEmpty {
            var table = TextTable([t("period", "周期"), t("from", "起"), t("to", "止"), t("events", "事件"), "SAIFI", "SAIDI (h)", "RS-1"], alignments: [.left, .left, .left, .right, .right, .right, .right])
            let periodNames = ["this period": "本期", "the period before": "上期", "a year earlier": "去年同期"]
            for p in result.periods {
                table.add([zh ? periodNames[p.label] ?? p.label : p.label, p.start.description, p.end.description, "\(p.events)", fixed(p.saifi, 4), fixed(p.saidi, 4), fixed(p.rs1Percent, 4) + " %"])
            }
            lines.append(t("Periods compared (all days; the earlier spans from the history)", "分期对比（全部日期；往期数据取自历史记录）"))
            lines.append(table.rendered(indent: 2))
        }
        for (title, titleZh, rows) in [("feeder", "线路", result.byFeeder), ("district", "区域", result.byDistrict)] where !rows.isEmpty {
            var table = TextTable([t(title, titleZh), t("customers", "用户数"), t("customer interruptions", "停电户次"), t("customer-minutes", "停电户·分钟"), "SAIFI", "SAIDI (h)"],
                                  alignments: [.left, .right, .right, .right, .right, .right])
            for row in rows.prefix(15) {
                table.add([row.name, "\(row.customersServed)", "\(row.customerInterruptions)", fixed(row.customerMinutes, 0), fixed(row.saifi, 4), fixed(row.saidi, 4)])
            }
            let more = rows.count > 15 ? t(" (first 15 of \(rows.count); all in --format json)", "（前 15 个，共 \(rows.count) 个；全部见 --format json）") : ""
            lines.append(t("By \(title), most customer-minutes first", "分\(titleZh)（按停电户·分钟降序）") + more)
            lines.append(table.rendered(indent: 2))
        }
        let options = result.options
        lines.append(t("Repeated outages (频繁停电: \(options.repeatThreshold) or more interruptions of one load point within \(options.repeatWindowDays) days)",
                       "频繁停电（同一负荷点 \(options.repeatWindowDays) 天内停电 \(options.repeatThreshold) 次及以上）"))
        let scopeNames: [RepeatedOutageScope: String] = [.all: "全部", .planned: "预安排", .unplanned: "故障"]
        for scope in RepeatedOutageScope.allCases {
            let over = result.repeatedOutages[scope] ?? []
            let customers = over.reduce(0) { $0 + $1.customers }
            lines.append(zh ? "  \(scopeNames[scope]!)：\(over.count) 个负荷点，\(customers) 户"
                : "  \(scope.rawValue): \(NumberText.count(over.count, "load point")), \(NumberText.count(customers, "customer"))")
        }
        for item in (result.repeatedOutages[.all] ?? []).prefix(10) {
            let id = network.model.loadPoints[item.loadPoint].id.rawValue
            let events = zip(item.events, item.starts).map { "\($0) \($1)" }.joined(separator: ", ")
            lines.append(t("    - \(id) (\(item.customers) customers, \(item.interruptions) in the period): ", "    - \(id)（\(item.customers) 户，本期 \(item.interruptions) 次）：") + events)
        }
        if result.contradictions.isEmpty {
            lines.append(t("Contradictions: none", "矛盾记录：无"))
        } else {
            lines.append(t("Contradictions (\(result.contradictions.count))", "矛盾记录（\(result.contradictions.count)）"))
            for item in result.contradictions { lines.append("  - \(item.text(language))") }
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

    /// A claim's check: the verdict word, its detail (percent or reason) and every text in
    /// English and, under the same name + `Zh`, in Chinese.
    func checkJSON(_ check: ClaimCheck) -> JSONOutput {
        var verdict: (String, JSONOutput, JSONOutput)
        switch check.verdict {
        case .consistent: verdict = ("consistent", .null, .null)
        case .overstated(let p): verdict = ("overstated", .number(p), .number(p))
        case .understated(let p): verdict = ("understated", .number(p), .number(p))
        case .unverifiable(let reason): verdict = ("unverifiable", .string(reason.en), .string(reason.zh))
        }
        let fields: [(String, JSONOutput)] = [
            ("id", .string(check.claim.id)), ("metric", .string(check.claim.metric.rawValue)), ("claimed", .number(check.claim.value)),
            ("recomputed", .finite(check.recomputed)), ("verdict", .string(verdict.0)), ("detail", verdict.1), ("detailZh", verdict.2),
            ("text", .string(check.verdict.bilingual.en)), ("textZh", .string(check.verdict.bilingual.zh)),
            ("evidence", .array(check.evidence.map { .string($0.en) })), ("evidenceZh", .array(check.evidence.map { .string($0.zh) })),
        ]
        return .object(fields)
    }

    func contradictionJSON(_ item: Contradiction) -> JSONOutput {
        let fields: [(String, JSONOutput)] = [
            ("kind", .string(item.kind.rawValue)), ("job", item.job.map { .string($0) } ?? .null), ("event", item.event.map { .string($0) } ?? .null),
            ("text", .string(item.text.en)), ("textZh", .string(item.text.zh)),
        ]
        return .object(fields)
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
            ("checks", .array(result.checks.map(checkJSON))),
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
            ("contradictions", .array(result.contradictions.map(contradictionJSON))),
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
