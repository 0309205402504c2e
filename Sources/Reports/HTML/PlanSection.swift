import GridModel
import Planner

/// One row of the plan's resources.csv.
public struct ResourceUse: Sendable {
    public var date: String
    public var resource: String
    public var used: Double
    public var available: Double

    public init(date: String, resource: String, used: Double, available: Double) {
        self.date = date
        self.resource = resource
        self.used = used
        self.available = available
    }

    /// Rows of resources.csv (header `date,resource,used,available`); unreadable rows are returned as problems.
    public static func parse(csv text: String, file: String) -> (rows: [ResourceUse], problems: [Diagnostic]) {
        var rows: [ResourceUse] = []
        var problems: [Diagnostic] = []
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(Array(text.utf8)) } catch {
            if case .unclosedQuote(let line) = error {
                problems.append(Diagnostic(severity: .error, file: file, line: line, message: "a quoted field is never closed"))
            }
            return (rows, problems)
        }
        for record in records where record.line > 1 {
            let fields = record.fields
            guard fields.count == 4, CivilDate(fields[0]) != nil, let used = Double(fields[2]), let available = Double(fields[3]),
                (0...1e6).contains(used), (0...1e6).contains(available)
            else {
                problems.append(Diagnostic(severity: .error, file: file, line: record.line, message: "expected date,resource,used,available with a date YYYY-MM-DD and counts 0…1000000; got '\(fields.joined(separator: ","))'"))
                continue
            }
            rows.append(ResourceUse(date: fields[0], resource: fields[1], used: used, available: available))
        }
        return (rows, problems)
    }
}

/// The planner section, rendered from plan.json (what `liveline plan --out DIR` writes) and resources.csv.
struct PlanSection {
    let labels: Labels

    func render(_ doc: JSONNode, resources: [ResourceUse]) -> String {
        var out = "<section id=\"plan\"><h2>\(HTML.escape(labels("Maintenance plan")))</h2>"
        let schedule = doc.at("schedule")
        out += "<p class=\"meta\">\(HTML.escape(schedule?.string("name") ?? "")) · \(HTML.escape(schedule?.string("horizon.start") ?? ""))…\(HTML.escape(schedule?.string("horizon.end") ?? "")) · \(HTML.escape(labels("status"))): \(HTML.escape(labels.text(doc, "status")))"
        out += " · \(HTML.escape(labels("objective"))) \(HTML.number(doc.number("objective"), 2, key: "plan.objective"))"
        if let bound = doc.number("lowerBound") { out += " · \(HTML.escape(labels("proved bound"))) \(HTML.number(bound, 2))" }
        out += " · \(HTML.escape(labels("gap"))) " + (doc.number("gap").map { HTML.share($0, 2, key: "plan.gap") } ?? HTML.escape(labels("not proved"))) + "</p>"
        for reason in doc.array("infeasibleReasons") { out += "<p class=\"warn\">\(HTML.escape(reason.stringValue ?? ""))</p>" }
        // KPIs beside the baseline.
        var rows: [[String]] = []
        for row in PlanReport.kpiRows {
            let plan = doc.number("kpis.plan." + row.key)
            let base = doc.number("kpis.baseline." + row.key)
            func show(_ value: Double?, _ key: String) -> String { row.share ? HTML.share(value, row.decimals, key: key) : HTML.number(value, row.decimals, key: key) }
            let change = PlanReport.kpiChange(from: base, to: plan, share: row.share, decimals: row.decimals)
            rows.append([HTML.escape(row.label(labels.language)), show(plan, "kpi.plan." + row.key), show(base, "kpi.baseline." + row.key), HTML.escape(change)])
        }
        out += HTML.table([labels("KPI"), labels("plan"), labels("baseline"), labels("change")], rows, numeric: [1, 2, 3], id: "kpis")
        out += "<p>\(HTML.escape(labels("Avoided customer-hours"))): \(HTML.number(doc.number("avoidedCustomerHours"), 1, key: "plan.avoidedCustomerHours")) · \(HTML.escape(labels("Additional energy supplied"))): \(HTML.number(doc.number("additionalEnergyMWh"), 3, key: "plan.additionalEnergyMWh")) MWh</p>"
        if let schedule {
            out += "<h3>\(HTML.escape(labels("Schedule")))</h3>" + gantt(schedule)
        }
        if !resources.isEmpty { out += "<h3>\(HTML.escape(labels("Resources per day")))</h3>" + resourceChart(resources, schedule: schedule) }
        out += "<h3>\(HTML.escape(labels("Switching steps")))</h3>" + switching(doc, schedule: schedule)
        return out + "</section>"
    }

    func gantt(_ schedule: JSONNode) -> String {
        guard let start = CivilDate(schedule.string("horizon.start") ?? ""), let end = CivilDate(schedule.string("horizon.end") ?? ""), end >= start else { return "" }
        let jobs = schedule.array("jobs").sorted { ($0.string("date") ?? "", $0.string("job") ?? "") < ($1.string("date") ?? "", $1.string("job") ?? "") }
        guard !jobs.isEmpty else { return "<p class=\"na\">\(HTML.escape(labels("no data")))</p>" }
        let days = end.dayNumber - start.dayNumber + 1
        let rowHeight = jobs.count <= 120 ? 14.0 : max(4, 1700 / Double(jobs.count))
        let labelWidth = rowHeight >= 10 ? 190.0 : 40.0
        let dayWidth = max(3, min(14, 900 / Double(days)))
        let width = labelWidth + Double(days) * dayWidth + 20
        let height = 30 + Double(jobs.count) * rowHeight
        let f = Charts.f
        var svg = "<svg class=\"chart gantt\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\">"
        for d in 0..<days {
            let date = CivilDate(dayNumber: start.dayNumber + d)
            let x = labelWidth + Double(d) * dayWidth
            if date.weekday >= 6 { svg += "<rect x=\"\(f(x))\" y=\"20\" width=\"\(f(dayWidth))\" height=\"\(f(height - 20))\" class=\"weekend\"/>" }
            if date.day == 1 || d == 0 { svg += "<text x=\"\(f(x))\" y=\"12\" class=\"tick\">\(date.description.prefix(7))</text><line x1=\"\(f(x))\" y1=\"14\" x2=\"\(f(x))\" y2=\"\(f(height))\" class=\"grid\"/>" }
        }
        for (index, job) in jobs.enumerated() {
            guard let date = CivilDate(job.string("date") ?? "") else { continue }
            let y = 22 + Double(index) * rowHeight
            let method = job.string("method") ?? ""
            let id = job.string("job") ?? ""
            let x = labelWidth + Double(date.dayNumber - start.dayNumber) * dayWidth
            if rowHeight >= 10 {
                svg += "<text x=\"\(f(labelWidth - 4))\" y=\"\(f(y + rowHeight - 4))\" text-anchor=\"end\" class=\"lbl\">\(HTML.escape(id)) · \(HTML.escape(job.string("section") ?? ""))</text>"
            }
            svg += "<rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(max(dayWidth - 1, 2)))\" height=\"\(f(max(rowHeight - 2, 1.5)))\" fill=\"\(NetworkDrawing.methodColors[method] ?? "#777")\" data-job=\"\(HTML.escape(id))\" data-date=\"\(HTML.escape(date.description))\" data-method=\"\(HTML.escape(method))\"><title>\(HTML.escape("\(id) \(date) \(labels(method)) \(job.string("section") ?? "") \(fixed(job.number("durationHours") ?? 0, 1)) h"))</title></rect>"
        }
        svg += "</svg>"
        var legend = "<div class=\"legend\">"
        for method in ["liveLine", "bypass", "transfer", "outage"] {
            let count = jobs.filter { $0.string("method") == method }.count
            legend += "<span class=\"key\"><span class=\"swatch\" style=\"background:\(NetworkDrawing.methodColors[method]!)\"></span>\(HTML.escape(labels(method))) (\(count))</span>"
        }
        return legend + "</div><div class=\"scroll\">" + svg + "</div>"
    }

    /// Units used per resource and day against the units available: a date axis (month starts),
    /// each row's peak named beside it, the count written in the bar where the day is wide enough.
    func resourceChart(_ rows: [ResourceUse], schedule: JSONNode?) -> String {
        var byResource: [String: [ResourceUse]] = [:]
        var order: [String] = []
        for row in rows {
            if byResource[row.resource] == nil { order.append(row.resource) }
            byResource[row.resource, default: []].append(row)
        }
        let dates = rows.compactMap { CivilDate($0.date) }
        guard let first = CivilDate(schedule?.string("horizon.start") ?? "") ?? dates.min(),
              let last = CivilDate(schedule?.string("horizon.end") ?? "") ?? dates.max() else { return "" }
        let days = max(1, last.dayNumber - first.dayNumber + 1)
        let labelWidth = 300.0, rowHeight = 26.0, axis = 18.0
        let dayWidth = max(3, min(14, 900 / Double(days)))
        let width = labelWidth + Double(days) * dayWidth + 20
        let height = axis + Double(order.count) * (rowHeight + 6) + 8
        let f = Charts.f
        var svg = "<svg class=\"chart\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\">"
        for d in 0..<days {
            let date = CivilDate(dayNumber: first.dayNumber + d)
            let x = labelWidth + Double(d) * dayWidth
            if date.day == 1 || d == 0 || (dayWidth >= 10 && date.weekday == 1) {
                svg += "<text x=\"\(f(x))\" y=\"12\" class=\"tick\">\(date.day == 1 || d == 0 ? date.description : String(date.description.suffix(2)))</text><line x1=\"\(f(x))\" y1=\"14\" x2=\"\(f(x))\" y2=\"\(f(height))\" class=\"grid\"/>"
            }
        }
        for (index, resource) in order.enumerated() {
            let top = axis + 4 + Double(index) * (rowHeight + 6)
            let uses = byResource[resource]!
            let peak = uses.max { ($0.used, $1.date) < ($1.used, $0.date) }!
            let peakText = "\(labels("peak")) \(Charts.label(peak.used)) / \(Charts.label(peak.available)) \(peak.date)"
            svg += "<text x=\"\(f(labelWidth - 6))\" y=\"\(f(top + rowHeight / 2))\" text-anchor=\"end\" class=\"lbl\">\(HTML.escape(labels.resource(resource)))</text>"
            svg += "<text x=\"\(f(labelWidth - 6))\" y=\"\(f(top + rowHeight / 2 + 11))\" text-anchor=\"end\" class=\"tick\">\(HTML.escape(peakText))</text>"
            svg += "<line x1=\"\(f(labelWidth))\" y1=\"\(f(top + rowHeight))\" x2=\"\(f(width - 20))\" y2=\"\(f(top + rowHeight))\" class=\"grid\"/>"
            for use in uses {
                guard let date = CivilDate(use.date) else { continue }
                let x = labelWidth + Double(date.dayNumber - first.dayNumber) * dayWidth
                let share = use.available > 0 ? min(1, use.used / use.available) : 1
                let h = rowHeight * share
                svg += "<rect x=\"\(f(x))\" y=\"\(f(top))\" width=\"\(f(max(dayWidth - 1, 1)))\" height=\"\(f(rowHeight))\" class=\"cap\"/>"
                svg += "<rect x=\"\(f(x))\" y=\"\(f(top + rowHeight - h))\" width=\"\(f(max(dayWidth - 1, 1)))\" height=\"\(f(h))\" class=\"\(use.used > use.available ? "bar hot" : "bar")\" data-used=\"\(HTML.exact(use.used))\" data-available=\"\(HTML.exact(use.available))\"><title>\(HTML.escape("\(use.date) \(labels.resource(resource)): \(labels("used")) \(Charts.label(use.used)) / \(labels("available")) \(Charts.label(use.available))"))</title></rect>"
                if dayWidth >= 10 {
                    svg += "<text x=\"\(f(x + (dayWidth - 1) / 2))\" y=\"\(f(top + rowHeight - 3))\" text-anchor=\"middle\" class=\"val\">\(Charts.label(use.used))</text>"
                }
            }
        }
        return "<div class=\"scroll\">" + svg + "</svg></div><p class=\"meta\">\(HTML.escape(labels("Units used / units available per day; full height = all available; red = more than available.")))</p>"
    }

    func switching(_ doc: JSONNode, schedule: JSONNode?) -> String {
        let outages = Dictionary((schedule?.array("outages") ?? []).map { ($0.string("id") ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let list = doc.array("switching")
        guard !list.isEmpty else { return "<p>\(HTML.escape(labels("No switching: every job is done live.")))</p>" }
        var out = "<ol class=\"switching\">"
        for entry in list {
            // Switching orders (docs/switching-orders.md): a zone outage's id, or a bypass job's.
            let id = entry.string("order") ?? ""
            let date = entry.string("date") ?? ""
            if let outage = outages[id] {
                let jobs = (outage.array("jobs")).compactMap(\.stringValue).joined(separator: ", ")
                out += "<li data-outage=\"\(HTML.escape(id))\"><b>\(HTML.escape(id))</b> \(HTML.escape(date)) · \(HTML.escape(outage.string("section") ?? "")) · \(HTML.escape((outage.at("transfer")?.boolValue ?? false) ? labels("transfer") : labels("outage"))) · \(HTML.escape(jobs))<ol>"
            } else {
                out += "<li data-order=\"\(HTML.escape(id))\"><b>\(HTML.escape(id))</b> \(HTML.escape(date)) · \(HTML.escape(labels.text(entry, "title")))<ol>"
            }
            let start = entry.number("startHour") ?? 0
            for step in entry.array("steps") {
                let clock = PlanReport.clock(start + (step.number("atHours") ?? 0))
                let by = step.string("by") != nil ? "[\(HTML.escape(labels.text(step, "by")))] " : ""
                let kind = step.string("kind") ?? ""
                if kind == "work" {
                    out += "<li>\(clock) \(by)\(HTML.escape(labels.text(step, "purpose")))</li>"
                } else {
                    let element = step.string("element") != nil ? " <code>\(HTML.escape(labels.text(step, "element")))</code>" : ""
                    let control = step.string("control").map { " (\(HTML.escape(labels($0))))" } ?? ""
                    let kindName = SwitchingStep.Kind(rawValue: kind)?.name(labels.language) ?? kind
                    out += "<li>\(clock) \(by)\(HTML.escape(kindName))\(element)\(control): \(HTML.escape(labels.text(step, "purpose")))</li>"
                }
            }
            out += "</ol></li>"
        }
        return out + "</ol>"
    }
}
