import GridModel

/// The audit section, rendered from the JSON document `liveline audit --format json` prints.
struct AuditSection {
    let labels: Labels

    static let metricLabels: [String: String] = [
        "SAIFI": "SAIFI", "SAIDI": "SAIDI (h)", "SAIFIExcludingMED": "SAIFI excluding major event days", "SAIDIExcludingMED": "SAIDI excluding major event days (h)",
        "RS1Percent": "Reliability rate RS-1", "AIHC1": "AIHC-1", "AITC1": "AITC-1", "liveWorkRatioByCount": "Live-work ratio",
        "liveWorkRatioByCustomerHours": "Live-work ratio by customer-hours", "avoidedCustomerHours": "Avoided customer-hours",
        "additionalEnergyMWh": "Additional energy supplied", "tieRate": "Tie rate", "n1TransferableRate": "N-1 transferable rate",
        "overheadInsulationRate": "Overhead insulation rate", "cableRate": "Cable rate", "repeatedOutageCustomers": "Customers with repeated outages",
    ]

    var zh: Bool { labels.language == .zh }

    func render(_ doc: JSONNode) -> String {
        var out = "<section id=\"audit\"><h2>\(HTML.escape(labels("Audit")))</h2>"
        let count = { (key: String) in HTML.number(doc.number(key), 0) }
        let logRows = zh ? "停电事件 \(count("outagesUsed")) 条（剔除 \(count("outageRowsRejected")) 行）· 工作记录 \(count("workUsed")) 项（剔除 \(count("workRowsRejected")) 行）"
            : "\(count("outagesUsed")) outage events (\(count("outageRowsRejected")) rows rejected) · \(count("workUsed")) work-log jobs (\(count("workRowsRejected")) rejected)"
        out += "<p class=\"meta\">\(HTML.escape(doc.string("company") ?? "")) · \(HTML.escape(labels("period"))) \(HTML.escape(doc.string("period.start") ?? ""))…\(HTML.escape(doc.string("period.end") ?? "")) · \(logRows)</p>"
        for diagnostic in doc.array("diagnostics") { out += "<p class=\"warn\">\(HTML.escape(diagnostic.stringValue ?? ""))</p>" }
        // Claims.
        out += "<h3>\(HTML.escape(labels("Claims")))</h3>"
        var rows: [[String]] = []
        for check in doc.array("checks") {
            let id = check.string("id") ?? ""
            let metric = check.string("metric") ?? ""
            let verdict = check.string("verdict") ?? ""
            let isShare = metric.hasPrefix("liveWorkRatio")
            func show(_ value: Double?, _ key: String) -> String { isShare ? HTML.share(value, 1, key: key) : HTML.number(value, 4, key: key) }
            let evidence = labels.texts(check, "evidence").prefix(6).map { "<li>\(HTML.escape($0))</li>" }.joined()
            let reason = verdict == "unverifiable" ? labels.text(check, "detail") : ""
            rows.append([HTML.escape(id), HTML.escape(labels(Self.metricLabels[metric] ?? metric)), show(check.number("claimed"), "check.\(id).claimed"),
                         show(check.number("recomputed"), "check.\(id).recomputed"),
                         "<span class=\"verdict \(HTML.escape(verdict))\" data-key=\"check.\(HTML.escape(id)).verdict\">\(HTML.escape(labels(verdict)))\(check.number("detail").map { " " + fixed($0, 1) + " %" } ?? "")\(reason.isEmpty ? "" : (zh ? "：" : ": ") + HTML.escape(reason))</span>",
                         "<ul class=\"evidence\">\(evidence)</ul>"])
        }
        out += HTML.table(["", labels("metric"), labels("claimed"), labels("recomputed"), labels("verdict"), labels("evidence")], rows, numeric: [2, 3], id: "claims")
        // Daily SAIDI with the MED threshold.
        let daily = doc.array("dailySAIDIMinutes").compactMap { d -> (date: CivilDate, value: Double)? in
            guard let date = CivilDate(d.string("date") ?? ""), let value = d.number("minutes") else { return nil }
            return (date, value)
        }
        if let start = CivilDate(doc.string("period.start") ?? ""), let end = CivilDate(doc.string("period.end") ?? "") {
            out += "<h3>\(HTML.escape(labels("Daily SAIDI and the major event day threshold")))</h3>"
            out += Charts.dailyBars(daily, from: start, to: end, threshold: doc.number("majorEventDays.thresholdMinutes"), yLabel: labels("SAIDI, minutes per day"), logLabel: labels("log scale"))
            let days = doc.array("majorEventDays.days")
            let alphaBeta = "α = \(HTML.number(doc.number("majorEventDays.alpha"), 4)), β = \(HTML.number(doc.number("majorEventDays.beta"), 4))"
            let history = HTML.number(doc.number("majorEventDays.historyDays"), 0)
            out += "<p class=\"meta\">" + (zh ? "\(alphaBeta)（据 \(history) 个历史日）；重大事件日：" : "\(alphaBeta) from \(history) history days; major event days: ")
                + (days.isEmpty ? HTML.escape(labels("none")) : days.map { "<span data-med=\"\(HTML.escape($0.string("date") ?? ""))\">\(HTML.escape($0.string("date") ?? "")) (\(fixed($0.number("saidiMinutes") ?? 0, 1)) min)</span>" }.joined(separator: ", ")) + "</p>"
        }
        // Indices.
        out += "<h3>\(HTML.escape(labels("IEEE 1366 indices")))</h3>"
        var ieeeRows: [[String]] = []
        for (key, decimals) in [("SAIFI", 4), ("SAIDI", 4), ("CAIDI", 3), ("CAIFI", 3), ("ASAI", 6), ("MAIFI_E", 4), ("customerInterruptions", 0), ("customerMinutes", 0)] {
            let name = key == "customerInterruptions" ? labels("customer interruptions") : key == "customerMinutes" ? labels("customer-minutes") : key
            ieeeRows.append([HTML.escape(name), HTML.number(doc.number("ieee." + key), decimals, key: "ieee." + key), HTML.number(doc.number("ieeeExcludingMED." + key), decimals, key: "ieeeExcludingMED." + key)])
        }
        out += HTML.table([labels("index"), labels("all days"), labels("excluding major event days")], ieeeRows, numeric: [1, 2], id: "ieee")
        out += "<h3>\(HTML.escape(labels("DL/T 836 indices")))</h3>"
        let d = "dlt836."
        out += HTML.table([labels("index"), labels("total"), labels("planned"), labels("fault")], [
            [HTML.escape(labels("AIHC-1")) + " (h)", HTML.number(doc.number(d + "AIHC1"), 4, key: d + "AIHC1"), HTML.number(doc.number(d + "AIHC1Planned"), 4), HTML.number(doc.number(d + "AIHC1Unplanned"), 4)],
            [HTML.escape(labels("AITC-1")), HTML.number(doc.number(d + "AITC1"), 4, key: d + "AITC1"), HTML.number(doc.number(d + "AITC1Planned"), 4), HTML.number(doc.number(d + "AITC1Unplanned"), 4)],
            [HTML.escape(labels("Reliability rate RS-1")) + " (%)", HTML.number(doc.number(d + "RS1Percent"), 4, key: d + "RS1Percent"), "", ""],
            ["RS-3 (%)", HTML.number(doc.number(d + "RS3Percent"), 4, key: d + "RS3Percent"), "", ""],
        ], numeric: [1, 2, 3], id: "dlt836")
        out += "<h3>\(HTML.escape(labels("Live work")))</h3><p>\(HTML.escape(labels("jobs"))) \(count("liveWork.jobs")), \(HTML.escape(labels("live"))) \(count("liveWork.liveJobs")) · "
            + "\(HTML.escape(labels("Live-work ratio"))) \(HTML.share(doc.number("liveWork.ratioByCount"), 1, key: "liveWork.ratioByCount")) · \(HTML.escape(labels("by customer-hours"))) \(HTML.share(doc.number("liveWork.ratioByCustomerHours"), 1)) · "
            + "\(HTML.escape(labels("Avoided customer-hours"))) \(HTML.number(doc.number("liveWork.avoidedCustomerHours"), 1, key: "liveWork.avoidedCustomerHours")) · "
            + "\(HTML.escape(labels("Additional energy supplied"))) \(HTML.number(doc.number("liveWork.additionalEnergyMWh"), 3, key: "liveWork.additionalEnergyMWh")) MWh</p>"
        let periods = doc.array("periods")
        if periods.count > 1 {
            out += "<h3>\(HTML.escape(labels("Periods compared")))</h3>"
            out += HTML.table([labels("period"), labels("from"), labels("to"), labels("events"), "SAIFI", "SAIDI (h)", "RS-1 (%)"], periods.map { p in
                [HTML.escape(labels(p.string("label") ?? "")), HTML.escape(p.string("start") ?? ""), HTML.escape(p.string("end") ?? ""), HTML.number(p.number("events"), 0),
                 HTML.number(p.number("SAIFI"), 4), HTML.number(p.number("SAIDI"), 4), HTML.number(p.number("RS1Percent"), 4)]
            }, numeric: [3, 4, 5, 6], id: "periods")
        }
        for (key, title) in [("byFeeder", "By feeder, most customer-minutes first"), ("byDistrict", "By district, most customer-minutes first")] {
            let rows = doc.array(key)
            guard !rows.isEmpty else { continue }
            out += "<h3>\(HTML.escape(labels(title)))</h3>"
            out += HTML.table([labels("name"), labels("customers"), labels("customer interruptions"), labels("customer-minutes"), "SAIFI", "SAIDI (h)"], rows.prefix(30).map { r in
                [HTML.escape(r.string("name") ?? ""), HTML.number(r.number("customersServed"), 0), HTML.number(r.number("customerInterruptions"), 0),
                 HTML.number(r.number("customerMinutes"), 0), HTML.number(r.number("SAIFI"), 4), HTML.number(r.number("SAIDI"), 4)]
            }, numeric: [1, 2, 3, 4, 5], id: key)
        }
        let repeated = doc.array("repeatedOutages.all")
        out += "<h3>\(HTML.escape(labels("Repeated outages (频繁停电)")))</h3><p class=\"meta\">\(count("repeatedOutages.threshold")) \(HTML.escape(labels("or more interruptions of one load point within"))) \(count("repeatedOutages.windowDays")) \(HTML.escape(labels("days"))): \(repeated.count)</p>"
        if !repeated.isEmpty {
            out += HTML.table([labels("load point"), labels("customers"), labels("interruptions"), labels("events")], repeated.prefix(30).map { r in
                [HTML.escape(r.string("loadPoint") ?? ""), HTML.number(r.number("customers"), 0), HTML.number(r.number("interruptions"), 0),
                 HTML.escape(r.array("events").compactMap(\.stringValue).joined(separator: ", "))]
            }, numeric: [1, 2], id: "repeated-outages")
        }
        let contradictions = doc.array("contradictions")
        out += "<h3>\(HTML.escape(labels("Contradictions"))) (\(contradictions.count))</h3>"
        out += contradictions.isEmpty ? "<p>\(HTML.escape(labels("none")))</p>" : "<ul class=\"contradictions\">" + contradictions.map { item in
            "<li data-kind=\"\(HTML.escape(item.string("kind") ?? ""))\">\(HTML.escape(labels.text(item, "text")))</li>"
        }.joined() + "</ul>"
        return out + "</section>"
    }
}
