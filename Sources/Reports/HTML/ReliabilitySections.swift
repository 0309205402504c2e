import GridModel

/// The reliability and Monte Carlo sections, rendered from the JSON documents that
/// `liveline reliability --format json` and `liveline simulate --format json` print.
struct ReliabilitySections {
    let labels: Labels

    /// (JSON key, label, unit, decimals) of the system indices.
    static let systemRows: [(key: String, label: String, unit: String, decimals: Int)] = [
        ("SAIFI", "SAIFI", "interruptions/customer·yr", 4), ("SAIDI", "SAIDI", "h/customer·yr", 4), ("CAIDI", "CAIDI", "h/interruption", 3),
        ("ASAI", "ASAI", "", 6), ("ENS_MWh", "ENS", "MWh/yr", 3), ("AENS_MWh_per_customer", "AENS", "MWh/customer·yr", 5),
        ("AIHC1_h", "AIHC-1", "h/unit·yr", 4), ("AITC1", "AITC-1", "interruptions/unit·yr", 4), ("RS1_percent", "Reliability rate RS-1", "%", 4),
    ]

    func reliability(_ doc: JSONNode) -> String {
        var out = "<section id=\"reliability\"><h2>\(HTML.escape(labels("Reliability")))</h2>"
        out += "<p class=\"meta\">\(HTML.escape(doc.string("network") ?? "")) · \(HTML.escape(labels("headroom month"))) \(HTML.number(doc.number("headroomMonth"), 0))</p>"
        for warning in doc.array("warnings") { out += "<p class=\"warn\">\(HTML.escape(warning.stringValue ?? ""))</p>" }
        // System indices, with the what-if beside them when there is one.
        let whatIf = doc.at("whatIf")
        var headers = [labels("index"), labels("value")]
        if whatIf != nil { headers = [labels("index"), labels("base"), labels("what-if"), labels("change")] }
        headers.append(labels("unit"))
        var rows: [[String]] = []
        for row in Self.systemRows {
            let base = doc.number("system." + row.key)
            var cells = [HTML.escape(labels(row.label)), HTML.number(base, row.decimals, key: "system." + row.key)]
            if let whatIf {
                let after = whatIf.number("system." + row.key)
                cells.append(HTML.number(after, row.decimals, key: "whatIf.system." + row.key))
                cells.append(HTML.number(after.flatMap { a in base.map { a - $0 } }, row.decimals))
            }
            cells.append(HTML.escape(labels(row.unit)))
            rows.append(cells)
        }
        out += "<h3>\(HTML.escape(labels("System indices")))</h3>"
        if let whatIf { out += "<p class=\"meta\">\(HTML.escape(labels("What-if"))): \(HTML.escape(whatIf.string("name") ?? "")) (\(HTML.escape(whatIf.string("file") ?? "")))</p>" }
        out += HTML.table(headers, rows, numeric: Set(1..<(headers.count - 1)), id: "system-indices")
        // Top contributors.
        let components = doc.array("components")
        let top = components.prefix(15).map { (label: $0.string("id") ?? "", value: $0.number("SAIDI") ?? 0, key: "component.\($0.string("id") ?? "").SAIDI") }
        if !top.isEmpty {
            out += "<h3>\(HTML.escape(labels("Top contributors to SAIDI")))</h3>"
            out += Charts.horizontalBars(Array(top), unit: labels("SAIDI h/customer·yr"))
            out += HTML.table([labels("component"), labels("kind"), labels("feeder"), labels("λ /yr"), labels("customer-hours per year"), "SAIDI", labels("share")],
                              components.prefix(15).map { c in
                                  [HTML.escape(c.string("id") ?? ""), HTML.escape(labels(c.string("kind") ?? "")), HTML.escape(c.string("feeder") ?? ""),
                                   HTML.number(c.number("failuresPerYear"), 4), HTML.number(c.number("customerHoursPerYear"), 1),
                                   HTML.number(c.number("SAIDI"), 5), HTML.share(c.number("saidiShare"))]
                              }, numeric: [3, 4, 5, 6], id: "components")
        }
        // Feeders and load points.
        out += "<h3>\(HTML.escape(labels("By feeder")))</h3>"
        // Tables sorted by impact: feeders by customer-hours, load points by customer-hours (U × customers).
        let feeders = doc.array("feeders").sorted {
            (-($0.number("customerHoursPerYear") ?? 0), $0.string("id") ?? "") < (-($1.number("customerHoursPerYear") ?? 0), $1.string("id") ?? "")
        }
        out += HTML.table([labels("feeder"), labels("customers"), "SAIFI", "SAIDI", "CAIDI", labels("ENS MWh"), labels("customer-hours per year")],
                          feeders.map { f in
                              let id = f.string("id") ?? ""
                              return [HTML.escape(id), HTML.number(f.number("indices.customers"), 0), HTML.number(f.number("indices.SAIFI"), 4, key: "feeder.\(id).SAIFI"),
                                      HTML.number(f.number("indices.SAIDI"), 4, key: "feeder.\(id).SAIDI"), HTML.number(f.number("indices.CAIDI"), 3),
                                      HTML.number(f.number("indices.ENS_MWh"), 3), HTML.number(f.number("customerHoursPerYear"), 1)]
                          }, numeric: [1, 2, 3, 4, 5, 6], id: "feeders")
        func impact(_ lp: JSONNode) -> Double { (lp.number("hoursPerYear") ?? 0) * (lp.number("customers") ?? 0) }
        let loadPoints = doc.array("loadPoints").sorted { (-impact($0), $0.string("id") ?? "") < (-impact($1), $1.string("id") ?? "") }
        out += "<h3>\(HTML.escape(labels("Load points table")))</h3>"
        let shown = loadPoints.prefix(500)
        out += HTML.table([labels("load point"), labels("feeder"), labels("customers"), labels("λ /yr"), labels("U h/yr"), labels("r h")],
                          shown.map { lp in
                              let id = lp.string("id") ?? ""
                              return [HTML.escape(id), HTML.escape(lp.string("feeder") ?? ""), HTML.number(lp.number("customers"), 0),
                                      HTML.number(lp.number("lambdaPerYear"), 4, key: "loadPoint.\(id).lambda"), HTML.number(lp.number("hoursPerYear"), 4, key: "loadPoint.\(id).U"),
                                      HTML.number(lp.number("averageDurationHours"), 3)]
                          }, numeric: [2, 3, 4, 5], id: "load-points")
        if loadPoints.count > shown.count {
            out += labels.language == .zh ? "<p class=\"meta\">显示 \(loadPoints.count) 个负荷点中停电时户数最多的 \(shown.count) 个；全部见 <code>liveline reliability --by load-point --format csv</code>。</p>"
                : "<p class=\"meta\">The \(shown.count) of \(loadPoints.count) load points with the most customer-hours shown; all are in <code>liveline reliability --by load-point --format csv</code>.</p>"
        }
        return out + "</section>"
    }

    /// A repair or switching-time distribution ("exponential", "lognormal:0.5") in the report's language.
    func distribution(_ text: String) -> String {
        guard let colon = text.firstIndex(of: ":") else { return labels(text) }
        return labels(String(text[..<colon])) + text[colon...]
    }

    func simulation(_ doc: JSONNode) -> String {
        var out = "<section id=\"simulation\"><h2>\(HTML.escape(labels("Monte Carlo simulation")))</h2>"
        out += "<p class=\"meta\">\(HTML.escape(labels("years"))) <span data-key=\"simulation.years\" data-value=\"\(HTML.exact(doc.number("years") ?? 0))\">\(HTML.number(doc.number("years"), 0))</span> · \(HTML.escape(labels("seed"))) \(HTML.escape(doc.string("seed") ?? "")) · \(HTML.escape(labels("repair"))) \(HTML.escape(distribution(doc.string("repair") ?? ""))) · \(HTML.escape(labels("switching"))) \(HTML.escape(distribution(doc.string("switching") ?? "")))\(doc.string("schedule").map { " · \(HTML.escape(labels("schedule"))) " + HTML.escape($0) } ?? "")</p>"
        var rows: [[String]] = []
        for (key, unit, decimals) in [("SAIFI", "/customer·yr", 4), ("SAIDI", "h/customer·yr", 4), ("CAIDI", "h", 3), ("ENS_MWh", "MWh/yr", 3)] {
            if key == "CAIDI" {
                rows.append([HTML.escape(labels("CAIDI = mean SAIDI / mean SAIFI")), HTML.number(doc.number("CAIDIOfMeans"), decimals, key: "simulation.CAIDIOfMeans"), "", "", "", "", "", HTML.escape(labels(unit))])
            }
            rows.append([HTML.escape(key == "ENS_MWh" ? "ENS" : key == "CAIDI" ? labels("CAIDI per year (yearly ratios)") : key), HTML.number(doc.number("\(key).mean"), decimals, key: "simulation.\(key).mean"),
                         HTML.number(doc.number("\(key).standardDeviation"), decimals), HTML.number(doc.number("\(key).standardError"), decimals, key: "simulation.\(key).standardError"),
                         HTML.number(doc.number("\(key).p5"), decimals), HTML.number(doc.number("\(key).p50"), decimals), HTML.number(doc.number("\(key).p95"), decimals, key: "simulation.\(key).p95"),
                         HTML.escape(labels(unit))])
        }
        out += HTML.table([labels("index"), labels("mean"), labels("standard deviation"), labels("standard error"), "P5", "P50", "P95", labels("unit")], rows, numeric: [1, 2, 3, 4, 5, 6], id: "simulation-indices")
        out += "<p>\(HTML.escape(labels("fault"))) SAIDI \(HTML.number(doc.number("byCause.faultSAIDI"), 4, key: "simulation.faultSAIDI")) h · \(HTML.escape(labels("planned"))) SAIDI \(HTML.number(doc.number("byCause.plannedSAIDI"), 4, key: "simulation.plannedSAIDI")) h</p>"
        if doc.at("repeatedOutages") != nil {
            let window = HTML.number(doc.number("repeatedOutages.windowDays"), 0), threshold = HTML.number(doc.number("repeatedOutages.threshold"), 0)
            let total = HTML.number(doc.number("repeatedOutages.customers"), 1, key: "simulation.repeatedOutageCustomers")
            let fault = HTML.number(doc.number("repeatedOutages.faultCustomers"), 1), planned = HTML.number(doc.number("repeatedOutages.plannedCustomers"), 0, key: "simulation.plannedRepeatedOutageCustomers")
            out += labels.language == .zh
                ? "<p>频繁停电（同一负荷点 \(window) 天内停电 \(threshold) 次及以上）：平均每年 \(total) 户（仅故障 \(fault) 户；仅计划检修 \(planned) 户）</p>"
                : "<p>Repeated outages (\(threshold) or more interruptions of a load point within \(window) days): \(total) customers in a mean year (faults alone \(fault); the planned work alone \(planned))</p>"
        }
        out += "<div class=\"row\"><div><h3>\(HTML.escape(labels("Annual SAIDI distribution")))</h3>"
        out += Charts.histogram(edges: doc.array("histogramSAIDI.edges").compactMap(\.doubleValue), counts: doc.array("histogramSAIDI.counts").compactMap(\.doubleValue),
                                xLabel: labels("SAIDI h/customer·yr"), yLabel: labels("years"), width: 560)
        if let above = doc.number("histogramSAIDI.aboveCount"), above > 0, let edge = doc.array("histogramSAIDI.edges").last?.doubleValue {
            out += "<p class=\"meta\">\(HTML.escape(labels("years above the chart (beyond the 99th percentile or Q3 + 3 × IQR)"))): \(HTML.number(above, 0)) (SAIDI \(HTML.number(edge, 2)) … \(HTML.number(doc.number("histogramSAIDI.largest"), 2)) h)</p>"
        }
        out += "</div><div><h3>\(HTML.escape(labels("Customers with more than n interruptions (CEMI_n)")))</h3>"
        let cemi = doc.array("CEMI")
        let series: [(name: String, points: [(x: Double, y: Double)])] = ["total", "fault", "planned"].map { part in
            (labels(part), cemi.map { (x: $0.number("n") ?? 0, y: $0.number(part) ?? 0) })
        }
        out += Charts.lines(series, xLabel: "n", yLabel: "CEMI_n", yIsShare: true)
        out += "</div></div>"
        out += HTML.table(["n", labels("total"), labels("fault"), labels("planned")], cemi.map { c in
            let n = HTML.number(c.number("n"), 0)
            return [n, HTML.share(c.number("total"), 3, key: "simulation.CEMI\(n)"), HTML.share(c.number("fault"), 3), HTML.share(c.number("planned"), 3)]
        }, numeric: [1, 2, 3], id: "cemi")
        let celid = doc.array("CELID")
        if !celid.isEmpty {
            out += HTML.table([labels("CELID h"), labels("total"), labels("fault"), labels("planned")], celid.map { c in
                [HTML.number(c.number("hours"), 1), HTML.share(c.number("total"), 3), HTML.share(c.number("fault"), 3), HTML.share(c.number("planned"), 3)]
            }, numeric: [0, 1, 2, 3], id: "celid")
        }
        return out + "</section>"
    }
}
