import GridModel

/// How feeders are laid out in the drawing.
public enum ReportLayout: String, CaseIterable, Sendable {
    /// Bus coordinates when the file gives them for every bus of a feeder, else a tidy tree.
    case auto
    case tree
    case coordinates
}

/// What a report shows: the network and the JSON documents the other commands return.
public struct ReportInput: Sendable {
    public var network: Network
    public var networkFile: String
    /// `liveline reliability --format json` (optionally with a what-if).
    public var reliability: JSONNode?
    /// `liveline simulate --format json`.
    public var simulation: JSONNode?
    /// plan.json written by `liveline plan --out DIR`, and the rows of its resources.csv.
    public var plan: JSONNode?
    public var resources: [ResourceUse] = []
    /// `liveline audit --format json`.
    public var audit: JSONNode?
    public var language: ReportLanguage = .en
    /// Colour sections by their SAIDI contribution (needs `reliability`).
    public var saidiOverlay = false
    /// Show this plan day's jobs, work zones and back-feeds on the drawing (needs `plan`).
    public var planDay: String?
    public var layout: ReportLayout = .auto

    public init(network: Network, networkFile: String) {
        self.network = network
        self.networkFile = networkFile
    }
}

/// One self-contained HTML page (inline CSS and SVG, no scripts) with a section per result.
/// It renders what it is given and recomputes nothing.
public enum HTMLReport {
    public static func render(_ input: ReportInput) -> String {
        let labels = Labels(language: input.language)
        let network = input.network
        var sections: [(id: String, title: String, html: String)] = []
        sections.append(("network", labels("Network"), networkSection(input, labels)))
        if let plan = input.plan { sections.append(("plan", labels("Maintenance plan"), PlanSection(labels: labels).render(plan, resources: input.resources))) }
        if let reliability = input.reliability { sections.append(("reliability", labels("Reliability"), ReliabilitySections(labels: labels).reliability(reliability))) }
        if let simulation = input.simulation { sections.append(("simulation", labels("Monte Carlo simulation"), ReliabilitySections(labels: labels).simulation(simulation))) }
        if let audit = input.audit { sections.append(("audit", labels("Audit"), AuditSection(labels: labels).render(audit))) }
        let title = "\(labels("LiveLine report")) — \(network.model.name.isEmpty ? input.networkFile : network.model.name)"
        var page = "<!DOCTYPE html>\n<html lang=\"\(input.language.rawValue)\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        page += "<title>\(HTML.escape(title))</title><style>\(css)</style></head><body>"
        page += "<header><h1>\(HTML.escape(title))</h1><p class=\"meta\">\(HTML.escape(input.networkFile))</p>"
        page += "<nav><b>\(HTML.escape(labels("Contents")))</b>: " + sections.map { "<a href=\"#\($0.id)\">\(HTML.escape($0.title))</a>" }.joined(separator: " · ") + "</nav></header><main>"
        for section in sections { page += section.html }
        return page + "</main></body></html>\n"
    }

    static func networkSection(_ input: ReportInput, _ labels: Labels) -> String {
        let network = input.network
        let summary = network.summary()
        var out = "<section id=\"network\"><h2>\(HTML.escape(labels("Network")))</h2>"
        let rows: [[String]] = [
            [HTML.escape(labels("Feeders")), HTML.number(Double(summary.feeders), 0, key: "network.feeders")],
            [HTML.escape(labels("Buses")), HTML.number(Double(summary.buses), 0, key: "network.buses")],
            [HTML.escape(labels("Line sections")), HTML.number(Double(summary.lineSections), 0, key: "network.lineSections")
                + " (\(HTML.escape(labels("overhead bare"))) \(fixed(summary.kmOverheadBare, 2)) km, \(HTML.escape(labels("overhead insulated"))) \(fixed(summary.kmOverheadInsulated, 2)) km, \(HTML.escape(labels("cable"))) \(fixed(summary.kmCable, 2)) km)"],
            [HTML.escape(labels("Transformers")), HTML.number(Double(summary.transformers), 0, key: "network.transformers")],
            [HTML.escape(labels("Load points")), HTML.number(Double(summary.loadPoints), 0, key: "network.loadPoints")],
            [HTML.escape(labels("Customers")), HTML.number(Double(summary.customers), 0, key: "network.customers")],
            [HTML.escape(labels("Average load")), HTML.number(summary.averageMW, 3, key: "network.averageMW", suffix: " MW")],
            [HTML.escape(labels("Peak load")), HTML.number(summary.peakMW, 3, key: "network.peakMW", suffix: " MW")],
            [HTML.escape(labels("Zones")), HTML.number(Double(summary.zones), 0, key: "network.zones")],
            [HTML.escape(labels("Ties")), HTML.number(Double(summary.ties), 0, key: "network.ties")],
            [input.language == .zh ? "联络率" : "Tie rate (联络率)", HTML.share(summary.tieRate, 1, key: "network.tieRate")],
            [input.language == .zh ? "可转供率 (N-1)" : "N-1 transferable rate (可转供率)", HTML.share(summary.n1TransferableRate, 1, key: "network.n1TransferableRate")],
        ]
        out += HTML.table([labels("index"), labels("value")], rows, numeric: [1], id: "network-summary")
        var overlay = DrawingOverlay()
        if input.saidiOverlay, let reliability = input.reliability {
            var saidi: [Int: Double] = [:]
            for component in reliability.array("components") {
                if let id = component.string("id"), let s = network.sectionIndex[SectionID(id)] { saidi[s] = component.number("SAIDI") ?? 0 }
            }
            overlay.saidi = saidi
        }
        if let day = input.planDay, let plan = input.plan {
            overlay.planDay = day
            for job in plan.array("schedule.jobs") where job.string("date") == day {
                if let id = job.string("section"), let s = network.sectionIndex[SectionID(id)] { overlay.jobMethods[s] = job.string("method") ?? "" }
            }
            var outagesOfDay = Set<String>()
            for outage in plan.array("schedule.outages") where outage.string("date") == day {
                guard let id = outage.string("section"), let s = network.sectionIndex[SectionID(id)] else { continue }
                outagesOfDay.insert(outage.string("id") ?? "")
                let zone = network.topology.zoneOfSection[s]
                if outage.at("transfer")?.boolValue == true { overlay.transferZones.insert(zone) } else { overlay.outageZones.insert(zone) }
            }
            for entry in plan.array("switching") where outagesOfDay.contains(entry.string("order") ?? "") {
                for step in entry.array("steps") where step.string("kind") == "close" {
                    if let element = step.string("element"), let tie = network.tieIndex[TieID(element)] { overlay.closedTies.insert(tie) }
                }
            }
        }
        let drawing = NetworkDrawing(network: network, labels: labels, overlay: overlay, preferCoordinates: input.layout != .tree)
        // A large network: the overview, and the drawings worst first; a small one as in the file.
        if network.topology.feeders.count >= NetworkDrawing.overviewFrom {
            let order = feederOrder(input)
            out += overview(input, order: order, labels)
            out += drawing.render(order: order)
        } else {
            out += drawing.render()
        }
        return out + "</section>"
    }

    /// Feeders worst first: by SAIDI when the reliability result is given, else by customers.
    static func feederOrder(_ input: ReportInput) -> [Int] {
        let network = input.network
        var saidi: [String: Double] = [:]
        for feeder in input.reliability?.array("feeders") ?? [] {
            if let id = feeder.string("id") { saidi[id] = feeder.number("indices.SAIDI") ?? 0 }
        }
        let feeders = network.topology.feeders
        func key(_ f: Int) -> Double {
            let id = network.model.sources[feeders[f].source].id.rawValue
            return saidi.isEmpty ? Double(feeders[f].customers) : saidi[id] ?? 0
        }
        return feeders.indices.sorted { (key($0), $1) > (key($1), $0) }
    }

    /// One row per feeder, worst first, each id linking to its drawing.
    static func overview(_ input: ReportInput, order: [Int], _ labels: Labels) -> String {
        let network = input.network
        var byID: [String: JSONNode] = [:]
        for feeder in input.reliability?.array("feeders") ?? [] { if let id = feeder.string("id") { byID[id] = feeder } }
        let withSAIDI = !byID.isEmpty
        var headers = [labels("feeder"), labels("sections"), labels("Load points"), labels("customers"), labels("Ties")]
        if withSAIDI { headers += ["SAIDI (h)", "SAIFI", labels("customer-hours per year")] }
        let rows: [[String]] = order.map { f in
            let feeder = network.topology.feeders[f]
            let id = network.model.sources[feeder.source].id.rawValue
            var row = ["<a href=\"#feeder-\(HTML.escape(id))\">\(HTML.escape(id))</a>", HTML.number(Double(feeder.sections.count), 0), HTML.number(Double(feeder.loadPoints.count), 0),
                       HTML.number(Double(feeder.customers), 0), HTML.number(Double(Set(feeder.ties.map(\.tie)).count), 0)]
            if withSAIDI {
                let r = byID[id]
                row += [HTML.number(r?.number("indices.SAIDI"), 4), HTML.number(r?.number("indices.SAIFI"), 4), HTML.number(r?.number("customerHoursPerYear"), 1)]
            }
            return row
        }
        let title = withSAIDI ? labels("Feeder overview, worst first") : labels("Feeder overview, most customers first")
        return "<h3>\(HTML.escape(title))</h3><div class=\"overview\">" + HTML.table(headers, rows, numeric: Set(1..<headers.count), id: "feeder-overview") + "</div>"
    }

    static let css = """
        body{font:13px/1.4 -apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans CJK SC",sans-serif;margin:0;color:#222;background:#fff}
        header{padding:16px 24px;border-bottom:2px solid #1f4e79;background:#f4f7fb}h1{margin:0 0 4px;font-size:22px;color:#1f4e79}
        main{padding:0 24px 40px}section{margin-top:28px}h2{font-size:19px;border-bottom:1px solid #ccd;padding-bottom:4px;color:#1f4e79}h3{font-size:15px;margin:18px 0 6px}
        nav a{margin:0 4px}.meta{color:#555;margin:4px 0}.warn{color:#a35200}.na{color:#999}
        table{border-collapse:collapse;margin:6px 0 12px;font-size:12px}th,td{border-bottom:1px solid #e3e3ea;padding:3px 8px;text-align:left;vertical-align:top}
        th{background:#eef2f7}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}caption{text-align:left;font-weight:bold}
        .chart .grid{stroke:#e4e4ea;stroke-width:1}.chart .tick{font-size:10px;fill:#555}.chart .lbl{font-size:11px;fill:#333}.chart .val{font-size:9px;fill:#fff}
        .chart .bar{fill:#4e79a7}.chart .bar.hot{fill:#d62728}.chart .cap{fill:#eef2f7}.chart .threshold{stroke:#d62728;stroke-width:1.5;stroke-dasharray:6 3}
        .chart .weekend{fill:#f4f4f4}.row{display:flex;flex-wrap:wrap;gap:24px}.scroll{overflow-x:auto}
        .legend{margin:6px 0 10px;display:flex;flex-wrap:wrap;gap:6px 16px;align-items:center;font-size:12px}.key svg{vertical-align:middle;margin-right:4px}
        .swatch{display:inline-block;width:12px;height:10px;margin:0 4px 0 2px;vertical-align:middle}.swatch.out{background:rgba(214,39,40,.35)}.swatch.fed{background:rgba(44,160,44,.35)}
        .ramp{display:inline-block;width:90px;height:10px;vertical-align:middle}
        .feeders{display:flex;flex-wrap:wrap;gap:12px}.feeder{margin:0;border:1px solid #dde;border-radius:4px;padding:4px;background:#fcfcfe;break-inside:avoid}
        .overview{max-height:420px;overflow-y:auto;display:inline-block;border:1px solid #dde}.overview table{margin:0}details.more-feeders summary{cursor:pointer;margin:10px 0;font-weight:bold;color:#1f4e79}
        .feeder figcaption{font-size:11px;color:#444;margin-bottom:2px}
        .feeder path{fill:none}.zones path{stroke-width:9;stroke-opacity:.16;stroke-linecap:round}.day .out{stroke:#d62728;stroke-opacity:.35;stroke-width:12}.day .fed{stroke:#2ca02c;stroke-opacity:.35;stroke-width:12}
        .k-ob{stroke:#333;stroke-width:1.4}.k-oi{stroke:#1f77b4;stroke-width:1.8}.k-cb{stroke:#8c564b;stroke-width:2.6}.k-tr{stroke:#2ca02c;stroke-width:1.2}
        line.k-ob,line.k-oi,line.k-cb,line.k-tr{fill:none}.tr{fill:#fff;stroke:#2ca02c;stroke-width:1}
        .tie{stroke:#ff7f0e;stroke-width:1.6;stroke-dasharray:5 3;fill:none}.tie.closed{stroke:#2ca02c;stroke-width:3;stroke-dasharray:none}.tl{font-size:9px;fill:#b35900}
        .d-cb{fill:#111}.d-rc{fill:#d62728}.d-fu{fill:#fff;stroke:#111;stroke-width:1}.d-sw{fill:#fff;stroke:#111;stroke-width:1}.d-sw-r{fill:#111}.d-ds{fill:#fff;stroke:#555;stroke-width:1}
        .lp{fill:#9467bd}.src{fill:#1f4e79}.sid{font-size:9px;fill:#444}.lid{font-size:9px;fill:#6a3d9a}
        .verdict{font-weight:bold}.verdict.consistent{color:#2ca02c}.verdict.overstated{color:#d62728}.verdict.understated{color:#ff7f0e}.verdict.unverifiable{color:#777}
        ul.evidence{margin:0;padding-left:16px;font-size:11px;color:#444}ol.switching>li{margin-bottom:6px}code{font-size:12px}
        @media print{header{background:none}nav{display:none}.overview{max-height:none;overflow:visible}section{break-before:page}.scroll{overflow:visible}a{color:inherit;text-decoration:none}}
        """
}
