import Foundation
import GridModel

/// A schedule made or edited outside the planner — schedule.csv or schedule.json as `plan --out`
/// writes them — turned back into assignments for ``Planner/evaluate(_:_:)`` (docs/schedule-format.md
/// "Editing a schedule"). Read per job: `job`, `date`, `method`, the work `period` and its start
/// time; every other column is derived and recomputed. Jobs by outage share an outage the way
/// the evaluation groups them (the highest zone above a job switched out that day by a job by
/// outage). A row that cannot be placed at all is a located error; a row that breaks a rule is
/// placed and reported by the evaluation.
public enum EditedSchedule {
    public static func read(path: String, problem: PlanningProblem) throws(ScenarioError) -> [Assignment?] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(diagnostics: [Diagnostic(severity: .error, file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file; check its permissions" : "no such file")])
        }
        let bytes = [UInt8](data)
        let rows = path.lowercased().hasSuffix(".json") ? try jsonRows(bytes, file: path) : try csvRows(bytes, file: path)
        return try assignments(rows, file: path, problem: problem)
    }

    /// One job's line of the file.
    struct Row {
        var line: Int?
        var path: String
        var job: String
        var date: String
        var method: String
        var period: String?
        /// "HH:MM" the work or its outage starts, to tell start hours of one period apart.
        var startClock: String?
        /// The outage the job is done in: a section of the zone switched out, and whether its
        /// load below was moved over ties (nil: the evaluation places the job).
        var outageSection: String?
        var outageTransfer = false
    }

    static func csvRows(_ bytes: [UInt8], file: String) throws(ScenarioError) -> [Row] {
        let records: [CSVReader.Record]
        do { records = try CSVReader.records(bytes) } catch {
            var line: Int?
            if case .unclosedQuote(let l) = error { line = l }
            throw ScenarioError(diagnostics: [Diagnostic(severity: .error, file: file, line: line, message: "a quoted field is not closed; add the closing '\"'")])
        }
        guard let header = records.first else {
            throw ScenarioError(diagnostics: [Diagnostic(severity: .error, file: file, message: "the file is empty; expected a header with job,date,method (as schedule.csv has)")])
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        let missing = ["job", "date", "method"].filter { !names.contains($0) }
        guard missing.isEmpty else {
            throw ScenarioError(diagnostics: [Diagnostic(severity: .error, file: file, line: header.line, message: "required column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ", ")) missing from the header")])
        }
        func index(_ name: String) -> Int? { names.firstIndex(of: name) }
        var rows: [Row] = []
        var problems: [Diagnostic] = []
        for record in records.dropFirst() where !(record.fields.count == 1 && record.fields[0].isEmpty) {
            guard record.fields.count == names.count else {
                problems.append(Diagnostic(severity: .error, file: file, line: record.line, message: "row has \(record.fields.count) fields, the header \(names.count)"))
                continue
            }
            func value(_ name: String) -> String? { index(name).map { record.fields[$0] }.flatMap { $0.isEmpty ? nil : $0 } }
            rows.append(Row(line: record.line, path: "", job: value("job") ?? "", date: value("date") ?? "", method: value("method") ?? "",
                            period: value("period"), startClock: value("outage_start") ?? value("start"),
                            outageSection: value("outage_zone"), outageTransfer: value("outage_transfer") == "yes"))
        }
        if !problems.isEmpty { throw ScenarioError(diagnostics: problems) }
        return rows
    }

    static func jsonRows(_ bytes: [UInt8], file: String) throws(ScenarioError) -> [Row] {
        let root: JSONNode
        do { root = try JSONParser.parse(bytes) } catch {
            let source = SourceText(fileName: file, bytes: bytes)
            let position = source.lineColumn(of: error.offset)
            throw ScenarioError(diagnostics: [Diagnostic(severity: .error, file: file, line: position.line, column: position.column, message: error.message)])
        }
        guard let jobs = root["jobs"]?.arrayValue else {
            throw ScenarioError(diagnostics: [Diagnostic(severity: .error, file: file, path: "jobs", message: "expected a 'jobs' array (as schedule.json has)")])
        }
        var starts: [String: Int] = [:]
        var zones: [String: (section: String, transfer: Bool)] = [:]
        for outage in root["outages"]?.arrayValue ?? [] {
            guard let id = outage["id"]?.stringValue else { continue }
            if let hour = outage["startHour"]?.doubleValue, hour.isFinite, (0...23).contains(hour) { starts[id] = Int(hour) }
            if let section = outage["section"]?.stringValue {
                var transfer = false
                if case .bool(true)? = outage["transfer"]?.value { transfer = true }
                zones[id] = (section, transfer)
            }
        }
        let source = SourceText(fileName: file, bytes: bytes)
        return jobs.enumerated().map { index, item in
            let outage = item["outage"]?.stringValue
            return Row(line: source.lineColumn(of: item.offset).line, path: "jobs[\(index)]", job: item["job"]?.stringValue ?? "", date: item["date"]?.stringValue ?? "",
                       method: item["method"]?.stringValue ?? "", period: item["period"]?.stringValue,
                       startClock: outage.flatMap { starts[$0] }.map { String(format: "%02d:00", $0) },
                       outageSection: outage.flatMap { zones[$0]?.section }, outageTransfer: outage.flatMap { zones[$0]?.transfer } ?? false)
        }
    }

    static func assignments(_ rows: [Row], file: String, problem: PlanningProblem) throws(ScenarioError) -> [Assignment?] {
        var index: [String: Int] = [:]
        for (j, job) in problem.jobs.enumerated() { index[job.job.id] = j }
        var dayIndex: [CivilDate: Int] = [:]
        for (d, day) in problem.days.enumerated() { dayIndex[day] = d }
        var result = [Assignment?](repeating: nil, count: problem.jobs.count)
        var seen: [Int: Int?] = [:]
        var problems: [Diagnostic] = []
        for row in rows {
            func fail(_ field: String, _ message: String) {
                problems.append(Diagnostic(severity: .error, file: file, line: row.line, path: row.path.isEmpty ? field : "\(row.path).\(field)", elementID: row.job.isEmpty ? nil : row.job, message: message))
            }
            guard let j = index[row.job] else {
                fail("job", row.job.isEmpty ? "missing job id" : "job '\(row.job)' is not in the scenario (a job of several days is listed by day as ID#1, ID#2 …)")
                continue
            }
            if let first = seen[j] {
                fail("job", "job '\(row.job)' is listed twice\(first.map { "; line \($0) has it too" } ?? "")")
                continue
            }
            seen[j] = row.line
            if row.method == "unscheduled" { continue }
            guard let method = WorkMethod(rawValue: row.method) else {
                fail("method", "unknown method '\(row.method)'; use one of \(WorkMethod.allCases.map(\.rawValue).joined(separator: ", ")), or unscheduled")
                continue
            }
            guard let date = CivilDate(row.date) else {
                fail("date", row.date.isEmpty ? "missing date" : "'\(row.date)' is not a date; write YYYY-MM-DD")
                continue
            }
            guard let day = dayIndex[date] else {
                fail("date", "\(date) is not a planning day of the horizon \(problem.scenario.start)…\(problem.scenario.end) (a weekend or blocked day no job may use); move the job to a working day")
                continue
            }
            let name = row.period?.replacingOccurrences(of: " (weekend)", with: "")
            var shifts = problem.shifts.indices.filter { name == nil || problem.shifts[$0].name == name }
            if shifts.isEmpty {
                fail("period", "unknown work period '\(name ?? "")'; the scenario has \(Set(problem.shifts.map(\.name)).sorted().joined(separator: ", "))")
                continue
            }
            // Several start hours in the period: the latest one at or before the row's start
            // (the switching before the work takes some of the shift).
            if shifts.count > 1, let clock = row.startClock, let hour = Int(clock.prefix(2)) {
                if let best = shifts.filter({ problem.shifts[$0].startHour <= hour }).max(by: { problem.shifts[$0].startHour < problem.shifts[$1].startHour }) { shifts = [best] }
            }
            var ride: OutageRef?
            if method.deEnergises, let outage = row.outageSection {
                guard let section = problem.network.sectionIndex[SectionID(outage)] else {
                    fail("outage_zone", "unknown section '\(outage)' as the zone switched out; name a section of it, or leave it empty to let the evaluation place the job")
                    continue
                }
                ride = OutageRef(zone: problem.network.topology.zoneOfSection[section], transfer: row.outageTransfer, shift: shifts[0])
            }
            result[j] = Assignment(day: day, method: method, shift: shifts[0], ride: ride)
        }
        if !problems.isEmpty { throw ScenarioError(diagnostics: problems) }
        return result
    }
}
