import Foundation
import GridModel
import Reliability

/// Who must be told of one planned outage, and by when (停电通知到户; docs/notifications.md).
public struct OutageNotification: Sendable {
    public struct Affected: Sendable {
        public var loadPoint: String
        public var name: String?
        public var customers: Int
        public var mvUsers: Int
        public var customerClass: String
        public var sensitive: Bool
        /// When this load point is without supply (one or more spans), hours after midnight.
        public var spans: [(start: Double, end: Double)]
    }

    public var outage: String
    public var date: CivilDate
    /// First customer off to last customer back, hours after midnight.
    public var startHours: Double
    public var endHours: Double
    public var feeder: String
    public var zone: String
    public var jobs: [String]
    /// The last day customers can be told: `notificationLeadDays` before the outage.
    public var notifyBy: CivilDate
    /// Whether `notifyBy` is on or after the day the plan was made (`--today`, else the horizon's start).
    public var inTime: Bool
    public var affected: [Affected]

    public var customers: Int { affected.reduce(0) { $0 + $1.customers } }
    public var mvUsers: Int { affected.reduce(0) { $0 + $1.mvUsers } }
    public var sensitiveLoadPoints: [String] { affected.filter(\.sensitive).map(\.loadPoint) }
}

extension PlanResult {
    /// One notification per zone outage, in date order: every load point the outage's switching
    /// interrupts (the work zone, what stays out below it, moved load, and what is opened briefly
    /// around a device that cannot break load), with its dead spans.
    public func notifications() -> [OutageNotification] {
        let network = problem.network
        let policy = problem.scenario.policy
        let made = max(problem.scenario.start, problem.scenario.today ?? problem.scenario.start)
        var result: [OutageNotification] = []
        for (index, outage) in evaluation.outages.enumerated() {
            let start = problem.startHour(outage.ref.shift)
            var spans: [Int: [(start: Double, end: Double)]] = [:]
            for interruption in outage.cost.interruptions {
                spans[interruption.loadPoint, default: []].append((start + interruption.startHours, start + interruption.endHours))
            }
            let affected = spans.keys.sorted().map { lp -> OutageNotification.Affected in
                let point = network.model.loadPoints[lp]
                return OutageNotification.Affected(
                    loadPoint: point.id.rawValue, name: point.name, customers: point.customers, mvUsers: point.mvUsers,
                    customerClass: point.customerClass.rawValue, sensitive: point.sensitive, spans: spans[lp]!.sorted { $0.start < $1.start })
            }
            let window = outageWindow(index)
            let date = problem.days[outage.day]
            let notifyBy = date.adding(days: -policy.notificationLeadDays)
            result.append(OutageNotification(
                outage: outageID(index), date: date, startHours: window.start, endHours: window.end,
                feeder: network.model.sources[network.topology.zones[outage.zone].feeder].id.rawValue, zone: OutageRules.zoneName(outage.zone, network),
                jobs: outage.jobs.map { problem.jobs[$0].job.id }.sorted { NaturalOrder.less($0, $1) }, notifyBy: notifyBy, inTime: notifyBy >= made,
                affected: affected))
        }
        return result.sorted { ($0.date, $0.startHours, $0.outage) < ($1.date, $1.startHours, $1.outage) }
    }

    /// notifications.csv (UTF-8 with a byte-order mark): one row per outage and load point.
    public func notificationsCSV() -> String {
        var lines = ["outage,date,outage_start,outage_end,notify_by,in_time,feeder,zone,load_point,name,customers,mv_users,customer_class,sensitive,off_at,back_at,jobs"]
        for notice in notifications() {
            for point in notice.affected {
                let off = point.spans.map { clock($0.start) }.joined(separator: " ")
                let back = point.spans.map { clock($0.end) }.joined(separator: " ")
                lines.append([
                    notice.outage, notice.date.description, clock(notice.startHours), clock(notice.endHours), notice.notifyBy.description,
                    notice.inTime ? "yes" : "no", csv(notice.feeder), csv(notice.zone), csv(point.loadPoint), csv(point.name ?? ""), "\(point.customers)",
                    "\(point.mvUsers)", point.customerClass, point.sensitive ? "yes" : "no", off, back, csv(notice.jobs.joined(separator: " ")),
                ].joined(separator: ","))
            }
        }
        return csvByteOrderMark + lines.joined(separator: "\n") + "\n"
    }

    /// notifications.json.
    public func notificationsJSON() -> JSONOutput {
        .array(notifications().map { notice in
            .object([
                ("outage", .string(notice.outage)), ("date", .string(notice.date.description)),
                ("start", .string(clock(notice.startHours))), ("end", .string(clock(notice.endHours))),
                ("notifyBy", .string(notice.notifyBy.description)), ("inTime", .bool(notice.inTime)),
                ("feeder", .string(notice.feeder)), ("zone", .string(notice.zone)), ("jobs", .array(notice.jobs.map { .string($0) })),
                ("customers", .integer(notice.customers)), ("mvUsers", .integer(notice.mvUsers)),
                ("sensitiveLoadPoints", .array(notice.sensitiveLoadPoints.map { .string($0) })),
                ("loadPoints", .array(notice.affected.map { point in
                    .object([
                        ("id", .string(point.loadPoint)), ("customers", .integer(point.customers)), ("mvUsers", .integer(point.mvUsers)),
                        ("customerClass", .string(point.customerClass)), ("sensitive", .bool(point.sensitive)),
                        ("spans", .array(point.spans.map { .object([("off", .string(clock($0.start))), ("back", .string(clock($0.end)))]) })),
                    ])
                })),
            ])
        })
    }

    /// outages.ics: one event per planned outage window (local time, no time zone), for a
    /// calendar (RFC 5545).
    public func outagesCalendar() -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//LiveLine//planned outages//EN", "CALSCALE:GREGORIAN"]
        func stamp(_ date: CivilDate, _ hours: Double) -> String {
            let minutes = Int((max(0, min(hours, 1e5)) * 60).rounded())
            let day = date.adding(days: minutes / 1440)
            let compact = day.description.replacingOccurrences(of: "-", with: "")
            return compact + String(format: "T%02d%02d00", (minutes % 1440) / 60, minutes % 60)
        }
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;").replacingOccurrences(of: ",", with: "\\,")
                .replacingOccurrences(of: "\n", with: "\\n")
        }
        for notice in notifications() {
            let sensitive = notice.sensitiveLoadPoints.isEmpty ? "" : "; sensitive: " + notice.sensitiveLoadPoints.joined(separator: " ")
            lines += [
                "BEGIN:VEVENT",
                "UID:\(notice.outage)-\(notice.date.description)@\(String(problem.scenario.name.unicodeScalars.map { CharacterSet.alphanumerics.contains($0) ? Character($0) : "-" }))",
                "DTSTAMP:\(stamp(notice.notifyBy, 0))",
                "DTSTART:\(stamp(notice.date, notice.startHours))",
                "DTEND:\(stamp(notice.date, notice.endHours))",
                "SUMMARY:\(escaped("Planned outage \(notice.outage): feeder \(notice.feeder), zone \(notice.zone)"))",
                "DESCRIPTION:\(escaped("\(notice.customers) customers, \(notice.mvUsers) MV users at \(notice.affected.count) load points\(sensitive); jobs \(notice.jobs.joined(separator: " ")); notify by \(notice.notifyBy)"))",
                "END:VEVENT",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.joined(separator: "\r\n") + "\r\n"
    }
}
