import Foundation
import GridModel
import Planner
import Testing

/// Notification lists, the outage calendar, daily work packages and schedule.csv
/// (docs/notifications.md), on the hand network of PlannerFixtures.
struct NotificationTests {
    /// J1 and J2 on zone S3 (LC, 200 customers), 7 days' notice, the plan made on 2027-04-01.
    func scenario(today: String) -> Scenario {
        var scenario = PlannerFixtures.scenario([
            PlannerFixtures.job("J1", "S3", hours: 4, from: "2027-04-05", to: "2027-04-16", methods: [.outage]),
            PlannerFixtures.job("J2", "S3", hours: 3, from: "2027-04-12", to: "2027-04-16", methods: [.outage]),
        ])
        scenario.policy.notificationLeadDays = 7
        scenario.today = CivilDate(today)!
        return scenario
    }

    @Test func sharedOutageIsNotifiedOnceWithItsWindowAndDeadline() throws {
        let result = try PlannerFixtures.plan(scenario(today: "2027-04-01"))
        let notices = result.notifications()
        try #require(notices.count == 1)
        let notice = notices[0]
        // Both jobs in one outage on a day from 2027-04-12 (J2's window); SW3 opened at 10:00
        // (9:00 + 1 h), closed at 15:00 (work 4 h, 1 h back).
        #expect(notice.jobs == ["J1", "J2"])
        #expect(notice.date >= CivilDate("2027-04-12")!)
        #expect(notice.notifyBy == notice.date.adding(days: -7))
        #expect(notice.inTime)
        #expect(notice.affected.map(\.loadPoint) == ["LC"])
        #expect(notice.customers == 200)
        #expect(notice.startHours == 10 && notice.endHours == 15)
        let csv = result.notificationsCSV()
        #expect(csv.hasPrefix("\u{FEFF}outage,date,"))
        #expect(csv.contains(",10:00,15:00,\(notice.notifyBy),yes,F1,S3,LC,,200,"))
        let ics = result.outagesCalendar()
        let day = notice.date.description.replacingOccurrences(of: "-", with: "")
        #expect(ics.contains("DTSTART:\(day)T100000\r\nDTEND:\(day)T150000\r\n"))
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\n") && ics.hasSuffix("END:VCALENDAR\r\n"))
    }

    @Test func outageThatCannotBeNotifiedInTimeIsNotPlanned() throws {
        // Made on 2027-04-10 with 7 days' notice: the first day customers can be told in time is
        // 2027-04-17, after both windows. Nothing can be planned; the reason says so.
        let problem = try PlanningProblem(network: try PlannerFixtures.network(), scenario: scenario(today: "2027-04-10"))
        #expect(problem.jobs.allSatisfy { $0.candidates.isEmpty })
        let reason = try #require(problem.jobs[0].whyNoCandidate)
        #expect(reason.contains("7 days' notice (customers told by 2027-04-10, so outages from 2027-04-17)"), "\(reason)")
    }

    @Test func scheduleRowsAndWorkPackagesCarryTimesCrewsAndTheSharedOutage() throws {
        let result = try PlannerFixtures.plan(scenario(today: "2027-04-01"))
        let rows = result.scheduleCSV().dropFirst().split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        func column(_ name: String, _ row: [String]) -> String { row[header.firstIndex(of: name)!] }
        let jobs = rows.dropFirst()
        #expect(jobs.count == 2)
        for row in jobs {
            #expect(column("start", row) == "10:00")
            #expect(column("outage_start", row) == "10:00" && column("outage_end", row) == "15:00")
            #expect(column("outage_customers", row) == "200" && column("outage_customer_hours", row) == "1000")
            #expect(column("crews", row) == "outage crews" && column("feeder", row) == "F1" && column("zone", row) == "S3")
        }
        #expect(jobs.map { column("shared_with", $0) } == ["J2", "J1"])
        #expect(jobs.map { column("end", $0) } == ["14:00", "13:00"])
        let packages = result.workPackages()
        #expect(packages.count == 1)
        #expect(packages[0].entries.map(\.job) == ["J1", "J2"])
        #expect(packages[0].orders.map(\.id) == ["O1"])
        #expect(result.workPackagesCSV().hasPrefix("\u{FEFF}date,start,end,job,"))
    }
}
