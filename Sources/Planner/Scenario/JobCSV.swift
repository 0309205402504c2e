import Foundation
import GridModel

/// The job list as a spreadsheet export (CSV, RFC 4180, UTF-8, header row).
///
/// Columns (any order; an unknown column is an error, docs/input-policy.md):
/// `id, workType, section | device, durationHours, earliest, latest` (required), and
/// `description, requested, mandatory (yes/no/true/false/1/0), deferralPenaltyCustomerMinutes,
/// methods (separated by ;), liveCategory, after (job ids separated by ;)`.
public enum JobCSV {
    public static let columns = [
        "id", "description", "workType", "section", "device", "durationHours", "durationDays", "earliest", "latest", "requested", "mandatory",
        "deferralPenaltyCustomerMinutes", "methods", "liveCategory", "after",
    ]

    public static func load(path: String, network: Network) throws(ScenarioError) -> [Job] {
        try loadWithLines(path: path, network: network).jobs
    }

    /// The jobs and the CSV line of each (for problems found later, such as unknown predecessors).
    public static func loadWithLines(path: String, network: Network) throws(ScenarioError) -> (jobs: [Job], lines: [Int]) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError(diagnostics: [Diagnostic(severity: .error, file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file; check its permissions" : "no such file")])
        }
        return try parseWithLines(SourceText(fileName: path, bytes: [UInt8](data)), network: network)
    }

    public static func parse(_ source: SourceText, network: Network) throws(ScenarioError) -> [Job] {
        try parseWithLines(source, network: network).jobs
    }

    public static func parseWithLines(_ source: SourceText, network: Network) throws(ScenarioError) -> (jobs: [Job], lines: [Int]) {
        var diagnostics: [Diagnostic] = []
        func error(_ line: Int?, _ column: String, _ id: String?, _ message: String) {
            diagnostics.append(Diagnostic(severity: .error, file: source.fileName, line: line, path: column, elementID: id, message: message))
        }
        if let bad = source.firstInvalidUTF8Offset() {
            let position = source.lineColumn(of: bad)
            diagnostics.append(Diagnostic(severity: .error, file: source.fileName, line: position.line, column: position.column, message: "byte 0x\(String(source.bytes[bad], radix: 16, uppercase: true)) is not valid UTF-8; save the file as UTF-8 CSV"))
            throw ScenarioError(diagnostics: diagnostics)
        }
        let rows: [CSVReader.Record]
        do { rows = try CSVReader.records(source.bytes) } catch let problem {
            if case .unclosedQuote(let line) = problem { error(line, "", nil, "a quoted field is not closed; add the closing '\"'") }
            throw ScenarioError(diagnostics: diagnostics)
        }
        guard let header = rows.first else {
            error(nil, "", nil, "the file is empty; expected a header row (\(columns.prefix(8).joined(separator: ",")),…)")
            throw ScenarioError(diagnostics: diagnostics)
        }
        let names = header.fields.map { $0.trimmingCharacters(in: .whitespaces) }
        var position: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            if !columns.contains(name) {
                diagnostics.append(Diagnostic(severity: .error, file: source.fileName, line: header.line, path: name, message: UnknownName.message("column", name, known: columns)))
            } else if position[name] != nil {
                error(header.line, name, nil, "column '\(name)' appears twice")
            } else {
                position[name] = index
            }
        }
        for required in ["id", "workType", "durationHours", "earliest", "latest"] where position[required] == nil {
            error(header.line, required, nil, "required column '\(required)' is missing from the header")
        }
        if position["section"] == nil && position["device"] == nil {
            error(header.line, "section", nil, "required column 'section' (or 'device') is missing from the header")
        }
        // Missing columns stop here; an unknown column is reported with the rows' problems.
        if diagnostics.contains(where: { $0.severity == .error && !$0.message.hasPrefix("unknown column") }) { throw ScenarioError(diagnostics: diagnostics) }

        var jobs: [Job] = []
        var lines: [Int] = []
        var lineOfID: [String: Int] = [:]
        for row in rows.dropFirst() {
            func value(_ column: String) -> String? {
                guard let index = position[column], index < row.fields.count else { return nil }
                let text = row.fields[index].trimmingCharacters(in: .whitespaces)
                return text.isEmpty ? nil : text
            }
            if row.fields.count != names.count {
                error(row.line, "", value("id"), "row has \(row.fields.count) fields, the header \(names.count)")
                continue
            }
            let before = diagnostics.count
            let id = value("id")
            if id == nil { error(row.line, "id", nil, "missing job id") }
            if let id {
                if let first = lineOfID[id] { error(row.line, "id", id, "duplicate job id; line \(first) has it too") } else { lineOfID[id] = row.line }
            }
            var workType: WorkType?
            if let text = value("workType") {
                workType = WorkType(rawValue: text)
                if workType == nil { error(row.line, "workType", id, "unknown work type '\(text)'; use one of \(WorkType.allCases.map(\.rawValue).joined(separator: ", "))") }
            } else { error(row.line, "workType", id, "missing work type") }
            var section: SectionID?
            var deviceSection: SectionID?
            if let text = value("device") {
                if let device = network.deviceIndex[DeviceID(text)] { deviceSection = network.model.sections[network.deviceSection[device]].id } else { error(row.line, "device", id, "unknown device '\(text)' in the network") }
            }
            if let text = value("section") {
                if network.sectionIndex[SectionID(text)] != nil { section = SectionID(text) } else { error(row.line, "section", id, "unknown section '\(text)' in the network") }
                if let section, let deviceSection, section != deviceSection {
                    error(row.line, "device", id, "device '\(value("device")!)' is on section '\(deviceSection.rawValue)', not on '\(section.rawValue)'; give one of them, or both consistent")
                }
            } else if let deviceSection {
                section = deviceSection
            } else if value("device") == nil { error(row.line, "section", id, "missing section (or device)") }
            var duration: Double?
            if let text = value("durationHours") {
                if let number = Double(text), number > 0, number <= 24 { duration = number } else { error(row.line, "durationHours", id, "'\(text)' is not a number of hours in (0, 24]") }
            } else { error(row.line, "durationHours", id, "missing duration") }
            var durationDays = 1
            if let text = value("durationDays") {
                if let number = Int(text), (1...Job.maximumDays).contains(number) { durationDays = number } else { error(row.line, "durationDays", id, "'\(text)' is not a whole number of days in 1…\(Job.maximumDays)") }
            }
            func date(_ column: String, required: Bool) -> CivilDate? {
                guard let text = value(column) else {
                    if required { error(row.line, column, id, "missing date") }
                    return nil
                }
                guard let day = CivilDate(text) else {
                    error(row.line, column, id, "'\(text)' is not a date; write YYYY-MM-DD")
                    return nil
                }
                return day
            }
            let earliest = date("earliest", required: true)
            let latest = date("latest", required: true)
            let requested = date("requested", required: false)
            var mandatory = true
            if let text = value("mandatory")?.lowercased() {
                switch text {
                case "yes", "true", "1", "y": mandatory = true
                case "no", "false", "0", "n": mandatory = false
                default: error(row.line, "mandatory", id, "'\(text)' is not yes/no")
                }
            }
            var penalty = Scenario.defaultDeferralPenalty
            if let text = value("deferralPenaltyCustomerMinutes") {
                if let number = Double(text), number >= 0, number <= 1e8 { penalty = number } else { error(row.line, "deferralPenaltyCustomerMinutes", id, "'\(text)' is not a number of customer-minutes in 0…100000000") }
            }
            var methods: [WorkMethod]?
            if let text = value("methods") {
                var list: [WorkMethod] = []
                for part in text.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
                    if let method = WorkMethod(rawValue: part) { list.append(method) } else { error(row.line, "methods", id, "unknown method '\(part)'") }
                }
                methods = list
            }
            var category: Int?
            if let text = value("liveCategory") {
                if let number = Int(text), (1...3).contains(number) { category = number } else { error(row.line, "liveCategory", id, "'\(text)' is not a live-line category 1…3") }
            }
            let after = value("after").map { $0.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } } ?? []
            guard diagnostics.count == before, let id, let workType, let section, let duration, let earliest, let latest else { continue }
            var job = Job(
                id: id, description: value("description"), workType: workType, section: section, durationHours: duration,
                earliest: earliest, latest: latest, requested: requested, mandatory: mandatory,
                deferralPenaltyCustomerMinutes: penalty, methods: methods, liveCategory: category, after: after)
            job.durationDays = durationDays
            job.location = "\(source.fileName) line \(row.line)"
            jobs.append(job)
            lines.append(row.line)
        }
        if diagnostics.contains(where: { $0.severity == .error }) { throw ScenarioError(diagnostics: diagnostics) }
        return (jobs, lines)
    }
}
