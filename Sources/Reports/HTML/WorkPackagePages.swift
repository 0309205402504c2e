import GridModel
import Planner

/// work-packages.html: one printable page per day (a page break before each day), with the
/// day's jobs and every switching order step by step, for the crews and the dispatcher to sign.
public enum WorkPackagePages {
    public static func render(_ result: PlanResult) -> String {
        var html = """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Work packages — \(HTML.escape(result.problem.scenario.name))</title>
            <style>
            body { font: 13px/1.4 system-ui, sans-serif; margin: 16px; color: #111; }
            section.day { page-break-before: always; break-before: page; }
            section.day:first-of-type { page-break-before: auto; break-before: auto; }
            h1 { font-size: 18px; } h2 { font-size: 16px; margin-top: 8px; } h3 { font-size: 14px; margin: 14px 0 4px; }
            table { border-collapse: collapse; width: 100%; margin-bottom: 8px; }
            th, td { border: 1px solid #999; padding: 2px 6px; text-align: left; vertical-align: top; }
            th { background: #eee; } td.num { text-align: right; } .sign { margin-top: 10px; }
            @media print { body { margin: 0; } }
            </style></head><body>
            <h1>Work packages — \(HTML.escape(result.problem.scenario.name))</h1>

            """
        let packages = result.workPackages()
        if packages.isEmpty { html += "<p>No work in the plan.</p>" }
        for package in packages {
            html += "<section class=\"day\"><h2>\(package.date) — \(package.entries.count) jobs</h2>"
            html += "<table><tr><th>start</th><th>end</th><th>job</th><th>method</th><th>feeder</th><th>section</th><th>work</th><th>crews and vehicles</th><th>switching order</th></tr>"
            for entry in package.entries {
                let cells = [
                    clockText(hours: entry.startHours), clockText(hours: entry.endHours), entry.job, entry.method, entry.feeder, entry.section,
                    entry.workType + (entry.description.map { ": " + $0 } ?? ""), entry.crews.joined(separator: "; "), entry.order ?? "",
                ]
                html += "<tr>" + cells.map { "<td>\(HTML.escape($0))</td>" }.joined() + "</tr>"
            }
            html += "</table>"
            for order in package.orders {
                html += "<h3>Switching order \(HTML.escape(order.id)): \(HTML.escape(order.title.en))</h3>"
                html += "<table><tr><th>#</th><th>time</th><th>by</th><th>step</th><th>element</th><th>why</th><th>done (sign)</th></tr>"
                for (number, step) in order.steps.enumerated() {
                    let cells = [
                        "\(number + 1)", clockText(hours: Double(order.startHour) + step.atHours), step.by, step.kind.rawValue,
                        (step.element ?? "") + (step.control.map { " (\($0))" } ?? ""), step.purpose.en,
                    ]
                    html += "<tr>" + cells.map { "<td>\(HTML.escape($0))</td>" }.joined() + "<td></td></tr>"
                }
                html += "</table>"
            }
            html += "<p class=\"sign\">Dispatcher: ____________  Work leader: ____________  Date: \(package.date)</p></section>\n"
        }
        return html + "</body></html>\n"
    }
}
