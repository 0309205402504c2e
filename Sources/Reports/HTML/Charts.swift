import Foundation
import GridModel

/// Inline SVG charts (no scripts): bars, histograms, lines, daily bars with a threshold.
enum Charts {
    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"]

    /// Round tick values covering 0…max.
    static func ticks(max: Double, count: Int = 5) -> [Double] {
        guard max > 0, max.isFinite else { return [0] }
        let raw = max / Double(count)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var values: [Double] = []
        var value = 0.0
        while value <= max + step * 1e-9 {
            values.append(value)
            value += step
        }
        if let last = values.last, last < max { values.append(last + step) }
        return values
    }

    static func label(_ value: Double) -> String {
        if value == 0 { return "0" }
        if abs(value) >= 100 { return fixed(value, 0) }
        if abs(value) >= 1 { return fixed(value, abs(value.rounded() - value) < 1e-9 ? 0 : 1) }
        return fixed(value, 3)
    }

    static func f(_ value: Double) -> String { fixed(value, 1) }

    /// Horizontal bars, largest first as given; each bar carries its exact value.
    static func horizontalBars(_ items: [(label: String, value: Double, key: String)], unit: String, width: Double = 720) -> String {
        let rowHeight = 18.0
        let labelWidth = 150.0
        let plotWidth = width - labelWidth - 70
        let maxValue = items.map(\.value).max() ?? 0
        let tickValues = ticks(max: maxValue)
        let scaleMax = tickValues.last ?? 1
        let height = Double(items.count) * rowHeight + 48
        var svg = "<svg class=\"chart\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\">"
        for tick in tickValues {
            let x = labelWidth + plotWidth * tick / max(scaleMax, 1e-300)
            svg += "<line x1=\"\(f(x))\" y1=\"4\" x2=\"\(f(x))\" y2=\"\(f(height - 38))\" class=\"grid\"/>"
            svg += "<text x=\"\(f(x))\" y=\"\(f(height - 26))\" class=\"tick\" text-anchor=\"middle\">\(label(tick))</text>"
        }
        for (index, item) in items.enumerated() {
            let y = 6 + Double(index) * rowHeight
            let w = scaleMax > 0 ? plotWidth * item.value / scaleMax : 0
            svg += "<text x=\"\(f(labelWidth - 6))\" y=\"\(f(y + 12))\" text-anchor=\"end\" class=\"lbl\">\(HTML.escape(item.label))</text>"
            svg += "<rect x=\"\(f(labelWidth))\" y=\"\(f(y + 2))\" width=\"\(f(max(w, 0.5)))\" height=\"\(f(rowHeight - 5))\" class=\"bar\" data-key=\"\(HTML.escape(item.key))\" data-value=\"\(HTML.exact(item.value))\"><title>\(HTML.escape(item.label)): \(HTML.escape(fixed(item.value, 4))) \(HTML.escape(unit))</title></rect>"
        }
        // The axis title under the ticks, centred on the plot.
        svg += "<text x=\"\(f(labelWidth + plotWidth / 2))\" y=\"\(f(height - 8))\" text-anchor=\"middle\" class=\"lbl\">\(HTML.escape(unit))</text>"
        return svg + "</svg>"
    }

    /// A histogram from bin edges and counts.
    static func histogram(edges: [Double], counts: [Double], xLabel: String, yLabel: String, width: Double = 720, height: Double = 260) -> String {
        guard edges.count == counts.count + 1, let first = edges.first, let last = edges.last, last > first else {
            return "<p class=\"na\">\(HTML.escape(xLabel)): no spread to draw</p>"
        }
        let left = 50.0, right = 16.0, top = 10.0, bottom = 40.0
        let plotW = width - left - right, plotH = height - top - bottom
        let yTicks = ticks(max: counts.max() ?? 1)
        let yMax = max(yTicks.last ?? 1, 1)
        var svg = "<svg class=\"chart\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\">"
        for tick in yTicks {
            let y = top + plotH * (1 - tick / yMax)
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(width - right))\" y2=\"\(f(y))\" class=\"grid\"/><text x=\"\(f(left - 4))\" y=\"\(f(y + 4))\" text-anchor=\"end\" class=\"tick\">\(label(tick))</text>"
        }
        func x(_ v: Double) -> Double { left + plotW * (v - first) / (last - first) }
        for (index, count) in counts.enumerated() {
            let x0 = x(edges[index]), x1 = x(edges[index + 1])
            let h = plotH * count / yMax
            svg += "<rect x=\"\(f(x0))\" y=\"\(f(top + plotH - h))\" width=\"\(f(max(x1 - x0 - 1, 0.5)))\" height=\"\(f(h))\" class=\"bar\" data-value=\"\(HTML.exact(count))\"><title>\(label(edges[index]))–\(label(edges[index + 1])): \(label(count))</title></rect>"
        }
        for tick in ticks(max: last).filter({ $0 >= first }) {
            svg += "<text x=\"\(f(x(tick)))\" y=\"\(f(height - bottom + 14))\" text-anchor=\"middle\" class=\"tick\">\(label(tick))</text>"
        }
        svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 6))\" text-anchor=\"middle\" class=\"lbl\">\(HTML.escape(xLabel))</text>"
        svg += "<text x=\"12\" y=\"\(f(top + plotH / 2))\" text-anchor=\"middle\" class=\"lbl\" transform=\"rotate(-90 12 \(f(top + plotH / 2)))\">\(HTML.escape(yLabel))</text>"
        return svg + "</svg>"
    }

    /// Lines over integer x values (e.g. CEMI_n for n = 1…5).
    static func lines(_ series: [(name: String, points: [(x: Double, y: Double)])], xLabel: String, yLabel: String, yIsShare: Bool, width: Double = 520, height: Double = 240) -> String {
        let left = 56.0, right = 120.0, top = 10.0, bottom = 40.0
        let plotW = width - left - right, plotH = height - top - bottom
        let xs = series.flatMap { $0.points.map(\.x) }
        let ys = series.flatMap { $0.points.map(\.y) }
        guard let xMin = xs.min(), let xMax = xs.max(), xMax > xMin else { return "" }
        let yTicks = ticks(max: max(ys.max() ?? 0, 1e-9))
        let yMax = yTicks.last ?? 1
        func px(_ v: Double) -> Double { left + plotW * (v - xMin) / (xMax - xMin) }
        func py(_ v: Double) -> Double { top + plotH * (1 - v / yMax) }
        var svg = "<svg class=\"chart\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\">"
        for tick in yTicks {
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(py(tick)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(py(tick)))\" class=\"grid\"/><text x=\"\(f(left - 4))\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\" class=\"tick\">\(yIsShare ? fixed(tick * 100, tick * 100 < 1 ? 2 : 1) + "%" : label(tick))</text>"
        }
        for x in stride(from: xMin, through: xMax, by: 1) {
            svg += "<text x=\"\(f(px(x)))\" y=\"\(f(top + plotH + 14))\" text-anchor=\"middle\" class=\"tick\">\(label(x))</text>"
        }
        for (index, line) in series.enumerated() {
            let color = palette[index % palette.count]
            let path = line.points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            svg += "<polyline points=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            for point in line.points {
                svg += "<circle cx=\"\(f(px(point.x)))\" cy=\"\(f(py(point.y)))\" r=\"3\" fill=\"\(color)\" data-value=\"\(HTML.exact(point.y))\"><title>\(HTML.escape(line.name)) \(label(point.x)): \(fixed(point.y * (yIsShare ? 100 : 1), 3))\(yIsShare ? " %" : "")</title></circle>"
            }
            svg += "<rect x=\"\(f(left + plotW + 12))\" y=\"\(f(top + Double(index) * 18))\" width=\"12\" height=\"4\" fill=\"\(color)\"/><text x=\"\(f(left + plotW + 28))\" y=\"\(f(top + Double(index) * 18 + 6))\" class=\"lbl\">\(HTML.escape(line.name))</text>"
        }
        svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 6))\" text-anchor=\"middle\" class=\"lbl\">\(HTML.escape(xLabel))</text>"
        svg += "<text x=\"12\" y=\"\(f(top + plotH / 2))\" text-anchor=\"middle\" class=\"lbl\" transform=\"rotate(-90 12 \(f(top + plotH / 2)))\">\(HTML.escape(yLabel))</text>"
        return svg + "</svg>"
    }

    /// One bar per dated value on a day axis, a dashed threshold line, bars above it highlighted.
    /// When the positive values span two decades or more the axis is logarithmic (decade ticks,
    /// said in the axis title) so the ordinary days stay visible beside a storm day.
    static func dailyBars(_ days: [(date: CivilDate, value: Double)], from: CivilDate, to: CivilDate, threshold: Double?, yLabel: String,
                          logLabel: String = "log scale", width: Double = 900, height: Double = 260) -> String {
        let left = 56.0, right = 16.0, top = 12.0, bottom = 40.0
        let plotW = width - left - right, plotH = height - top - bottom
        let span = max(1, to.dayNumber - from.dayNumber + 1)
        let positive = days.map(\.value).filter { $0 > 0 && $0.isFinite }
        let largest = max(positive.max() ?? 0, threshold ?? 0, 1e-9)
        let logScale = positive.count >= 2 && largest / positive.min()! >= 100
        let yTicks: [Double]
        let scale: (Double) -> Double
        if logScale {
            let low = floor(log10(positive.min()!)), high = ceil(log10(largest))
            yTicks = stride(from: low, through: high, by: 1).map { pow(10, $0) }
            scale = { v in v > 0 ? max(0, (log10(v) - low) / max(high - low, 1)) : 0 }
        } else {
            yTicks = ticks(max: largest)
            let yMax = yTicks.last ?? 1
            scale = { v in v / yMax }
        }
        func px(_ day: Int) -> Double { left + plotW * Double(day - from.dayNumber) / Double(span) }
        func py(_ v: Double) -> Double { top + plotH * (1 - scale(v)) }
        let barWidth = max(1.5, plotW / Double(span) - 1)
        var svg = "<svg class=\"chart\" width=\"\(f(width))\" height=\"\(f(height))\" viewBox=\"0 0 \(f(width)) \(f(height))\" role=\"img\" data-scale=\"\(logScale ? "log" : "linear")\">"
        for tick in yTicks {
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(py(tick)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(py(tick)))\" class=\"grid\"/><text x=\"\(f(left - 4))\" y=\"\(f(py(tick) + 4))\" text-anchor=\"end\" class=\"tick\">\(label(tick))</text>"
        }
        // Month starts on the axis.
        var day = from.dayNumber
        while day <= to.dayNumber {
            let date = CivilDate(dayNumber: day)
            if date.day == 1 || day == from.dayNumber {
                svg += "<text x=\"\(f(px(day)))\" y=\"\(f(top + plotH + 14))\" class=\"tick\">\(date.description.prefix(7))</text>"
            }
            day += 1
        }
        for entry in days where entry.date.dayNumber >= from.dayNumber && entry.date.dayNumber <= to.dayNumber && entry.value > 0 {
            let above = threshold.map { entry.value > $0 } ?? false
            let y = py(entry.value)
            svg += "<rect x=\"\(f(px(entry.date.dayNumber)))\" y=\"\(f(y))\" width=\"\(f(barWidth))\" height=\"\(f(max(top + plotH - y, 0.5)))\" class=\"\(above ? "bar hot" : "bar")\" data-date=\"\(entry.date.description)\" data-value=\"\(HTML.exact(entry.value))\"><title>\(entry.date.description): \(fixed(entry.value, 2))</title></rect>"
        }
        if let threshold {
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(py(threshold)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(py(threshold)))\" class=\"threshold\" data-key=\"majorEventDays.thresholdMinutes\" data-value=\"\(HTML.exact(threshold))\"/>"
            svg += "<text x=\"\(f(left + plotW - 4))\" y=\"\(f(py(threshold) - 4))\" text-anchor=\"end\" class=\"lbl\">T_MED = \(fixed(threshold, 1))</text>"
        }
        let title = yLabel + (logScale ? " (\(logLabel))" : "")
        svg += "<text x=\"12\" y=\"\(f(top + plotH / 2))\" text-anchor=\"middle\" class=\"lbl\" transform=\"rotate(-90 12 \(f(top + plotH / 2)))\">\(HTML.escape(title))</text>"
        return svg + "</svg>"
    }
}

