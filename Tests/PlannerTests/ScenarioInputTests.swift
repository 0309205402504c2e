import Foundation
import GridModel
import Planner
import Testing

struct ScenarioInputTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    func source(_ name: String) throws -> SourceText {
        let data = try #require(FileManager.default.contents(atPath: Self.fixtures.appendingPathComponent(name).path))
        return SourceText(fileName: name, bytes: [UInt8](data))
    }

    @Test func badScenarioListsEveryProblem() throws {
        let network = try PlannerFixtures.network()
        let text = try source("bad-scenario.json")
        do {
            _ = try Scenario.decode(text, network: network)
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "bad-scenario.json:5:31: error: policy.workStartHour: must be an hour 0…23; got 25",
                "bad-scenario.json:4:39: error: resources.liveTeams.5: live-work categories are \"1\" … \"4\"",
                "bad-scenario.json:7:65: error: jobs[0].section \"J1\": unknown section 'S9' in the network",
                "bad-scenario.json:8:30: error: jobs[1].workType \"J2\": unknown value 'paint'; use one of 'insulatorReplacement', 'arresterReplacement', 'poleReplacement', 'conductorRepair', 'cableJointRepair', 'ringMainUnitReplacement', 'switchReplacement', 'transformerReplacement', 'treeTrimming', 'newConnection', 'inspection', 'other'",
                "bad-scenario.json:8:112: error: jobs[1].latest \"J2\": '2027-04-31' is not a date; write YYYY-MM-DD",
                "bad-scenario.json:10:5: error: jobs[3].id \"J1\": duplicate job id; jobs[0] has it too",
                "bad-scenario.json:9:5: error: jobs[2] \"J3\": latest 2027-04-30 is before earliest 2027-05-05",
                "bad-scenario.json:9:5: error: jobs[2].durationHours \"J3\": 14 h does not fit a 10 h shift; give it in days (durationDays) of at most 10 h each",
                "bad-scenario.json:10:5: error: jobs[3].after \"J1\": unknown job 'J9'",
            ])
        }
    }

    @Test func jobsFromCSV() throws {
        let network = try PlannerFixtures.network()
        let jobs = try JobCSV.parse(try source("jobs.csv"), network: network)
        #expect(jobs.map(\.id) == ["J1", "J2", "J3"])
        #expect(jobs[0].description == "Joint at C, \"urgent\"")
        #expect(jobs[0].methods == [.outage])
        #expect(jobs[2].mandatory == false && jobs[2].methods == nil)
        // Planned like the JSON jobs of PlannerHandTests: J1 and J2 share one outage; J3 goes live.
        let result = try PlannerFixtures.plan(PlannerFixtures.scenario(jobs))
        #expect(result.evaluation.outages.count == 1)
        #expect(abs(result.evaluation.customerHours - 1000) < 1e-9)
        #expect(result.assignments[2]?.method == .liveLine)
    }

    @Test func badCSVRowsAreReportedWithTheirLines() throws {
        let network = try PlannerFixtures.network()
        let text = try source("bad-jobs.csv")
        do {
            _ = try JobCSV.parse(text, network: network)
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "bad-jobs.csv:1: error: colour: unknown column 'colour'; check its spelling (known columns: id, description, workType, section, device, durationHours, durationDays, earliest, latest, requested, mandatory, deferralPenaltyCustomerMinutes, methods, liveCategory, after)",
                "bad-jobs.csv:3: error: section \"J2\": unknown section 'S7' in the network",
                "bad-jobs.csv:3: error: durationHours \"J2\": '-3' is not a number of hours in (0, 24]",
                "bad-jobs.csv:3: error: latest \"J2\": '2027-13-23' is not a date; write YYYY-MM-DD",
                "bad-jobs.csv:4: error: \"J3\": row has 5 fields, the header 7",
            ])
        }
    }

    @Test func generatedScenarioRoundTrips() throws {
        let network = try PlannerFixtures.network()
        let scenario = Scenario.generate(network: network, jobs: 30, workingDays: 40, seed: 3, start: CivilDate("2027-04-05")!)
        let text = scenario.jsonOutput().renderedDocument()
        let again = try Scenario.decode(SourceText(fileName: "gen.json", bytes: Array(text.utf8)), network: network)
        #expect(again.jobs == scenario.jobs)
        #expect(again.resources == scenario.resources)
        #expect(again.noLiveWorkDays == scenario.noLiveWorkDays)
    }
}
