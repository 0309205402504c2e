import GridModel

/// What to lay over the network drawing.
struct DrawingOverlay {
    /// SAIDI contribution (h/customer·yr) per section index, from the reliability result.
    var saidi: [Int: Double]?
    /// A plan day: methods of the jobs on each section, work zones out, zones back-fed, ties closed.
    var planDay: String?
    var jobMethods: [Int: String] = [:]
    var outageZones: Set<Int> = []
    var transferZones: Set<Int> = []
    var closedTies: Set<Int> = []
}

/// The network drawn feeder by feeder (each in its own panel, so large networks stay legible).
struct NetworkDrawing {
    let network: Network
    let labels: Labels
    let overlay: DrawingOverlay
    let preferCoordinates: Bool

    /// Feeders with at most this many sections have their section, load-point and tie ids drawn;
    /// larger ones keep them in the tooltips and in the overview table.
    static let labelLimit = 150

    static let zoneColors = ["#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#76b7b2", "#edc948", "#ff9da7", "#9c755f"]
    static let methodColors = ["liveLine": "#2ca02c", "bypass": "#17becf", "transfer": "#ff7f0e", "outage": "#d62728"]

    func kindClass(_ kind: SectionKind) -> String {
        switch kind {
        case .overheadBare: return "k-ob"
        case .overheadInsulated: return "k-oi"
        case .cable: return "k-cb"
        case .transformer: return "k-tr"
        }
    }

    /// Yellow → dark red by share of the largest value.
    func heat(_ value: Double, max: Double) -> String {
        let t = max > 0 ? Swift.min(1, Swift.max(0, value / max)) : 0
        let from = (254.0, 232.0, 200.0), to = (179.0, 0.0, 0.0)
        func c(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * t.squareRoot()).rounded()) }
        return "rgb(\(c(from.0, to.0)),\(c(from.1, to.1)),\(c(from.2, to.2)))"
    }

    func legend() -> String {
        func line(_ cls: String, _ text: String, dashed: Bool = false) -> String {
            "<span class=\"key\"><svg width=\"34\" height=\"12\"><line x1=\"2\" y1=\"6\" x2=\"32\" y2=\"6\" class=\"\(cls)\"\(dashed ? " stroke-dasharray=\"5 3\"" : "")/></svg>\(HTML.escape(labels(text)))</span>"
        }
        func symbol(_ svg: String, _ text: String) -> String {
            "<span class=\"key\"><svg width=\"16\" height=\"12\">\(svg)</svg>\(HTML.escape(labels(text)))</span>"
        }
        var out = "<div class=\"legend\">"
        out += line("k-ob", "overhead bare") + line("k-oi", "overhead insulated") + line("k-cb", "cable") + line("k-tr", "transformer")
        out += line("tie", "tie (normally open)", dashed: true)
        out += symbol(Self.deviceSymbol(.breaker, .remote, x: 8, y: 6), "breaker") + symbol(Self.deviceSymbol(.recloser, .remote, x: 8, y: 6), "recloser")
        out += symbol(Self.deviceSymbol(.fuse, .manual, x: 8, y: 6), "fuse")
        out += symbol(Self.deviceSymbol(.loadBreakSwitch, .remote, x: 8, y: 6), "load-break switch") + " (" + HTML.escape(labels("remote")) + " ●, " + HTML.escape(labels("manual")) + " ○)"
        out += symbol(Self.deviceSymbol(.disconnector, .manual, x: 8, y: 6), "disconnector")
        out += symbol("<path d=\"M4 3 L12 3 L8 10 Z\" class=\"lp\"/>", "load point")
        if let saidi = overlay.saidi, let top = saidi.values.max() {
            out += "<span class=\"key\">\(HTML.escape(labels("SAIDI contribution"))): <span class=\"ramp\" style=\"background:linear-gradient(90deg,\(heat(0, max: 1)),\(heat(1, max: 1)))\"></span> 0 … \(fixed(top, 4)) h</span>"
        }
        if let day = overlay.planDay {
            out += "<span class=\"key\">\(HTML.escape(day)): "
            for method in ["liveLine", "bypass", "transfer", "outage"] {
                out += "<svg width=\"24\" height=\"12\"><line x1=\"2\" y1=\"6\" x2=\"22\" y2=\"6\" stroke=\"\(Self.methodColors[method]!)\" stroke-width=\"4\"/></svg>\(HTML.escape(labels(method))) "
            }
            out += "<span class=\"swatch out\"></span>\(HTML.escape(labels("outage zone"))) <span class=\"swatch fed\"></span>\(HTML.escape(labels("back-fed over a tie")))</span>"
        }
        return out + "</div>"
    }

    static func deviceSymbol(_ kind: DeviceKind, _ control: DeviceControl, x: Double, y: Double, title: String? = nil) -> String {
        let fx = Charts.f(x), fy = Charts.f(y)
        let element: String, attributes: String
        switch kind {
        case .breaker, .recloser:
            element = "rect"
            attributes = "x=\"\(Charts.f(x - 3.5))\" y=\"\(Charts.f(y - 3.5))\" width=\"7\" height=\"7\" class=\"\(kind == .breaker ? "d-cb" : "d-rc")\""
        case .fuse:
            element = "rect"
            attributes = "x=\"\(Charts.f(x - 4))\" y=\"\(Charts.f(y - 2))\" width=\"8\" height=\"4\" class=\"d-fu\""
        case .loadBreakSwitch:
            element = "circle"
            attributes = "cx=\"\(fx)\" cy=\"\(fy)\" r=\"3\" class=\"\(control == .remote ? "d-sw-r" : "d-sw")\""
        case .disconnector:
            element = "path"
            attributes = "d=\"M\(Charts.f(x - 3.5)) \(fy) L\(fx) \(Charts.f(y - 3.5)) L\(Charts.f(x + 3.5)) \(fy) L\(fx) \(Charts.f(y + 3.5)) Z\" class=\"d-ds\""
        }
        guard let title else { return "<\(element) \(attributes)/>" }
        return "<\(element) \(attributes)><title>\(HTML.escape(title))</title></\(element)>"
    }

    /// Networks with more feeders than this get an overview table first and draw only the
    /// first `overviewDrawn` feeders of the overview's order openly; the rest fold away.
    static let overviewFrom = 13
    static let overviewDrawn = 12

    /// All feeders, one panel each, in `order` (default: as in the file). On a large network the
    /// panels after the first `overviewDrawn` are inside a closed `<details>`.
    func render(order: [Int]? = nil) -> String {
        let order = order ?? Array(network.topology.feeders.indices)
        var out = legend() + "<div class=\"feeders\">"
        let open = order.count >= Self.overviewFrom ? Self.overviewDrawn : order.count
        for f in order.prefix(open) { out += feeder(f) }
        out += "</div>"
        if order.count > open {
            out += "<details class=\"more-feeders\"><summary>\(order.count - open) \(HTML.escape(labels("more feeders (click to draw)")))</summary><div class=\"feeders\">"
            for f in order.dropFirst(open) { out += feeder(f) }
            out += "</div></details>"
        }
        return out
    }

    func feeder(_ index: Int) -> String {
        let topology = network.topology
        let model = network.model
        let feeder = topology.feeders[index]
        let layout = FeederLayout.make(network, feeder: index, preferCoordinates: preferCoordinates)
        let f = Charts.f
        func path(_ s: Int) -> String {
            let u = topology.upstreamBus[s], v = topology.downstreamBus[s]
            if layout.fromCoordinates { return "M\(f(layout.x[u]!)) \(f(layout.y[u]!))L\(f(layout.x[v]!)) \(f(layout.y[v]!))" }
            return "M\(f(layout.x[u]!)) \(f(layout.y[u]!))V\(f(layout.y[v]!))H\(f(layout.x[v]!))"
        }
        /// A point on the section's last leg: `t` = 0 at its upstream corner, 1 at the downstream bus.
        func point(_ s: Int, _ t: Double) -> (Double, Double) {
            let u = topology.upstreamBus[s], v = topology.downstreamBus[s]
            let x0 = layout.x[u]!, x1 = layout.x[v]!
            let y0 = layout.fromCoordinates ? layout.y[u]! : layout.y[v]!
            let y1 = layout.y[v]!
            return (x0 + (x1 - x0) * t, y0 + (y1 - y0) * t)
        }
        let sourceID = model.sources[feeder.source].id.rawValue
        var svg = ""
        // Zones, shaded under the sections; work zones and back-fed zones of a plan day on top.
        var zoneShade = "<g class=\"zones\">"
        var dayShade = "<g class=\"day\">"
        for s in feeder.sections {
            let zone = topology.zoneOfSection[s]
            zoneShade += "<path d=\"\(path(s))\" stroke=\"\(Self.zoneColors[(zone - feeder.zoneStart) % Self.zoneColors.count])\"/>"
            if overlay.outageZones.contains(zone) { dayShade += "<path d=\"\(path(s))\" class=\"out\" data-zone-out=\"\(zone)\"/>" }
            if overlay.transferZones.contains(zone) { dayShade += "<path d=\"\(path(s))\" class=\"fed\"/>" }
        }
        svg += zoneShade + "</g>" + dayShade + "</g>"
        // Sections.
        let maxSAIDI = overlay.saidi?.values.max() ?? 0
        let labelled = feeder.sections.count <= Self.labelLimit
        var idLabels = "<g class=\"ids\">"
        svg += "<g class=\"sections\">"
        for s in feeder.sections {
            let section = model.sections[s]
            var style = ""
            if let saidi = overlay.saidi { style = " style=\"stroke:\(heat(saidi[s] ?? 0, max: maxSAIDI))\"" }
            if let method = overlay.jobMethods[s] { style = " style=\"stroke:\(Self.methodColors[method] ?? "#000");stroke-width:4\"" }
            let tip = "\(section.id.rawValue) · \(labels(section.kind.rawValue))" + (section.kind == .transformer ? "" : " · \(fixed(section.lengthKm, 3)) km")
                + (overlay.saidi.map { " · SAIDI \(fixed($0[s] ?? 0, 5)) h" } ?? "") + (overlay.jobMethods[s].map { " · \(labels($0))" } ?? "")
            svg += "<path d=\"\(path(s))\" class=\"\(kindClass(section.kind))\"\(style) data-section=\"\(HTML.escape(section.id.rawValue))\"><title>\(HTML.escape(tip))</title></path>"
            if section.kind == .transformer {
                let (x, y) = point(s, 0.6)
                svg += "<circle cx=\"\(f(x - 2))\" cy=\"\(f(y))\" r=\"3\" class=\"tr\"/><circle cx=\"\(f(x + 2))\" cy=\"\(f(y))\" r=\"3\" class=\"tr\"/>"
            }
            if labelled {
                let (x, y) = point(s, 0.5)
                idLabels += "<text x=\"\(f(x))\" y=\"\(f(y - 4))\" text-anchor=\"middle\" class=\"sid\">\(HTML.escape(section.id.rawValue))</text>"
            }
        }
        svg += "</g>"
        // Ties: dashed between two buses of this panel, else a stub naming the other feeder.
        svg += "<g class=\"ties\">"
        for end in feeder.ties {
            let tie = model.ties[end.tie]
            let here = end.side == 0 ? network.tieBusA[end.tie] : network.tieBusB[end.tie]
            let there = end.side == 0 ? network.tieBusB[end.tie] : network.tieBusA[end.tie]
            guard let x0 = layout.x[here], let y0 = layout.y[here] else { continue }
            let closed = overlay.closedTies.contains(end.tie)
            let cls = closed ? "tie closed" : "tie"
            let tip = HTML.escape("\(tie.id.rawValue)\(closed ? " (\(labels("closed on")) \(overlay.planDay ?? ""))" : "")")
            if let x1 = layout.x[there], let y1 = layout.y[there] {
                if end.side == 1 { continue }  // drawn once
                svg += "<path d=\"M\(f(x0)) \(f(y0))L\(f(x1)) \(f(y1))\" class=\"\(cls)\" data-tie=\"\(HTML.escape(tie.id.rawValue))\"><title>\(tip)</title></path>"
            } else {
                let other = topology.feederOfBus[there]
                let name = other >= 0 ? model.sources[topology.feeders[other].source].id.rawValue : "?"
                svg += "<path d=\"M\(f(x0)) \(f(y0))h18\" class=\"\(cls)\" data-tie=\"\(HTML.escape(tie.id.rawValue))\"><title>\(tip)</title></path>"
                svg += "<text x=\"\(f(x0 + 21))\" y=\"\(f(y0 + 3))\" class=\"tl\">\(labelled ? HTML.escape(tie.id.rawValue) + " " : "")↔ \(HTML.escape(name))</text>"
            }
        }
        svg += "</g><g class=\"devices\">"
        for s in feeder.sections {
            for d in topology.devicesOfSection[s] {
                let device = model.devices[d]
                let (x, y) = point(s, topology.deviceAtUpstreamEnd[d] ? 0.25 : 0.8)
                svg += Self.deviceSymbol(device.kind, device.control, x: x, y: y, title: "\(device.id.rawValue) · \(labels(device.kind.rawValue)) · \(labels(device.control.rawValue))")
            }
        }
        svg += "</g><g class=\"loads\">"
        var loadsAtBus: [Int: [Int]] = [:]
        for lp in feeder.loadPoints { loadsAtBus[network.loadPointBus[lp], default: []].append(lp) }
        for bus in loadsAtBus.keys.sorted() {
            guard let x = layout.x[bus], let y = layout.y[bus] else { continue }
            let list = loadsAtBus[bus]!
            let tip = list.map { "\(model.loadPoints[$0].id.rawValue): \(model.loadPoints[$0].customers)" }.joined(separator: ", ")
            svg += "<path d=\"M\(f(x + 2)) \(f(y + 2))h6l-3 5z\" class=\"lp\"><title>\(HTML.escape(tip))</title></path>"
            if labelled {
                idLabels += "<text x=\"\(f(x + 10))\" y=\"\(f(y + 9))\" class=\"lid\">\(HTML.escape(list.map { model.loadPoints[$0].id.rawValue }.joined(separator: ", ")))</text>"
            }
        }
        let root = network.sourceBus[feeder.source]
        svg += "</g>" + idLabels + "</g><rect x=\"\(f(layout.x[root]! - 5))\" y=\"\(f(layout.y[root]! - 5))\" width=\"10\" height=\"10\" class=\"src\"><title>\(HTML.escape(sourceID))</title></rect>"
        let lineCount = feeder.sections.filter { model.sections[$0].kind.isLine }.count
        // "1 tie", "2 ties" in English; the label as it is in Chinese.
        func counted(_ n: Int, _ label: String, _ singular: String) -> String {
            labels(label) == label ? NumberText.count(n, singular, label.lowercased()) : "\(n) \(labels(label))"
        }
        let caption = "\(sourceID) — " + [
            counted(lineCount, "Line sections", "line section"), counted(feeder.sections.count - lineCount, "Transformers", "transformer"),
            counted(feeder.loadPoints.count, "Load points", "load point"), "\(feeder.customers) \(labels("customers"))",
            counted(Set(feeder.ties.map(\.tie)).count, "Ties", "tie"),
        ].joined(separator: ", ")
        return "<figure class=\"feeder\" id=\"feeder-\(HTML.escape(sourceID))\"><figcaption>\(HTML.escape(caption))</figcaption>"
            + "<svg width=\"\(f(layout.width))\" height=\"\(f(layout.height))\" viewBox=\"0 0 \(f(layout.width)) \(f(layout.height))\" role=\"img\">\(svg)</svg></figure>"
    }
}
