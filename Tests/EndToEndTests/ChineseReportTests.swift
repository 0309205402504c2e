import Foundation
import Testing

/// `--lang zh` (issue 15): no English word remains in the rendered report outside ids, units,
/// index acronyms and the user's own names — switching steps, KPI names, resources, evidence and
/// contradictions included. Every text node counts, the drawings' hover titles too.
struct ChineseReportTests {
    /// Index acronyms, units and names that stay as they are in a Chinese report.
    static let allowed: Set<String> = [
        "LiveLine", "SAIDI", "SAIFI", "CAIDI", "CAIFI", "ASAI", "ENS", "AENS", "MAIFI_E", "CEMI", "CEMI_n", "CELID", "RS", "AIHC", "AITC",
        "MED", "T_MED", "IEEE", "DL", "MW", "MWh", "kW", "km", "min", "pt", "P5", "P50", "P95",
    ]

    /// The words (two or more letters) of every text node of the page, with the text they came from.
    static func words(_ html: String) -> [(word: String, context: String)] {
        var page = html
        if let start = page.range(of: "<style>"), let end = page.range(of: "</style>") { page.removeSubrange(start.lowerBound..<end.upperBound) }
        var result: [(String, String)] = []
        let word = try! NSRegularExpression(pattern: #"[A-Za-z][A-Za-z0-9_]+"#)
        // ISO 8601 times (2026-04-24T09:00) are language-neutral notation.
        let isoTime = try! NSRegularExpression(pattern: #"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"#)
        for piece in page.components(separatedBy: ">").dropFirst() {
            let raw = String(piece.prefix { $0 != "<" })
            let text = isoTime.stringByReplacingMatches(in: raw, range: NSRange(raw.startIndex..., in: raw), withTemplate: "")
                .replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            for match in word.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                result.append((String(text[Range(match.range, in: text)!]), text))
            }
        }
        return result
    }

    /// Words of ids and names the inputs define: element and job ids, event and claim ids, file
    /// paths, the network's, scenario's, company's and what-if's names.
    static func inputWords(_ files: [String], idColumns csvFiles: [String]) throws -> Set<String> {
        var texts: [String] = []
        let word = try! NSRegularExpression(pattern: #"[A-Za-z][A-Za-z0-9_]+"#)
        for file in files {
            texts.append(file)
            let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file)))
            func walk(_ node: Any, key: String) {
                if let dictionary = node as? [String: Any] {
                    for (k, v) in dictionary { walk(v, key: k) }
                } else if let array = node as? [Any] {
                    for v in array { walk(v, key: key) }
                } else if let text = node as? String, ["id", "name", "company", "job", "section", "source", "from", "to", "a", "b", "bus", "feeder", "order", "description", "text"].contains(key) {
                    texts.append(text)
                }
            }
            walk(object, key: "")
        }
        for file in csvFiles {
            texts.append(file)
            for line in try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").dropFirst() {
                texts.append(String(line.split(separator: ",").first ?? ""))
            }
        }
        var words = Set<String>()
        for text in texts {
            for match in word.matches(in: text, range: NSRange(text.startIndex..., in: text)) { words.insert(String(text[Range(match.range, in: text)!])) }
        }
        return words
    }

    @Test func noEnglishWordRemainsOutsideIdsAndUnits() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let plan = directory.appendingPathComponent("plan").path
        try FileManager.default.createDirectory(atPath: plan, withIntermediateDirectories: true)
        // The quarter has outages with safety steps, bypass cables and a mobile generator.
        let planned = try CLI.run(["plan", "networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "--out", plan, "--heuristic"])
        #expect(planned.exitCode == 0, "\(planned.stderr)")
        let output = directory.appendingPathComponent("zh.html").path
        let audit = ReportCommandTests.audit
        let report = try CLI.run(["report", "networks/rbts-bus2.json", "--plan", plan, "--plan-day", "2027-02-17", "--reliability",
                                  "--what-if", "scenarios/what-if/rbts-case-e.json", "--simulate", "--years", "300", "--lang", "zh", "-o", output] + audit)
        #expect(report.exitCode == 0, "\(report.stderr)")
        let html = try String(contentsOfFile: output, encoding: .utf8)
        let known = try Self.inputWords(
            ["networks/rbts-bus2.json", "scenarios/rbts-bus2-quarter.json", "scenarios/what-if/rbts-case-e.json", "scenarios/audit-example/claims.json", plan + "/plan.json"],
            idColumns: ["scenarios/audit-example/outages.csv", "scenarios/audit-example/work.csv"])
        let pathWords = Set((plan + "/schedule.json").split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" }).map(String.init))
        var english: [String: String] = [:]
        for (word, context) in Self.words(html) where !Self.allowed.contains(word) && !known.contains(word) && !pathWords.contains(word) {
            english[word] = english[word] ?? context
        }
        #expect(english.isEmpty, "English words in the zh report: \(english.sorted { $0.key < $1.key }.map { "\($0.key) in “\($0.value.prefix(90))”" }.joined(separator: "\n"))")
        // The check itself sees English: the same report in English is full of it.
        let englishReport = directory.appendingPathComponent("en.html").path
        #expect(try CLI.run(["report", "networks/rbts-bus2.json", "--plan", plan, "--reliability", "-o", englishReport] + audit).exitCode == 0)
        let englishWords = Self.words(try String(contentsOfFile: englishReport, encoding: .utf8)).filter { !Self.allowed.contains($0.word) && !known.contains($0.word) }
        #expect(englishWords.count > 200)
        // Switching steps, resources and evidence are in Chinese.
        for term in ["验电", "装设接地线", "许可", "带电作业班组", "工作班组", "停电检修班组", "依据", "重大事件日", "采用"] { #expect(html.contains(term), "\(term)") }
    }
}
