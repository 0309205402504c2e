import Foundation
import GridModel

/// What a grid company may claim, and which way is better.
public enum ClaimMetric: String, Sendable, CaseIterable {
    case saifi = "SAIFI"
    case saidi = "SAIDI"
    case caidi = "CAIDI"
    case maifi = "MAIFI"
    case saifiExcludingMED = "SAIFIExcludingMED"
    case saidiExcludingMED = "SAIDIExcludingMED"
    case saidiChangePercent = "SAIDIChangePercent"
    case rs1Percent = "RS1Percent"
    case rs3Percent = "RS3Percent"
    case aihc1Hours = "AIHC1Hours"
    case aitc1 = "AITC1"
    case liveWorkRatioByCount
    case liveWorkRatioByCustomerHours
    case avoidedCustomerHours
    case additionalEnergyMWh
    /// Network capability, recomputed from the submitted network file (shares 0…1).
    case tieRate
    case n1TransferableRate
    case overheadInsulationRate
    case cableRate
    /// Customers of load points interrupted `repeatThreshold` times or more within the rolling
    /// window (频繁停电), all causes.
    case repeatedOutageCustomers

    /// True when a larger value is better performance (so claiming more than the truth overstates).
    public var higherIsBetter: Bool {
        switch self {
        case .rs1Percent, .rs3Percent, .liveWorkRatioByCount, .liveWorkRatioByCustomerHours, .avoidedCustomerHours, .additionalEnergyMWh,
             .tieRate, .n1TransferableRate, .overheadInsulationRate, .cableRate: return true
        default: return false
        }
    }

    public var unit: String {
        switch self {
        case .saifi, .saifiExcludingMED, .maifi, .aitc1: return "interruptions/customer"
        case .saidi, .saidiExcludingMED, .caidi, .aihc1Hours: return "h"
        case .saidiChangePercent, .rs1Percent, .rs3Percent: return "%"
        case .liveWorkRatioByCount, .liveWorkRatioByCustomerHours, .tieRate, .n1TransferableRate, .overheadInsulationRate, .cableRate: return "share"
        case .avoidedCustomerHours: return "customer-hours"
        case .repeatedOutageCustomers: return "customers"
        case .additionalEnergyMWh: return "MWh"
        }
    }
}

public struct Claim: Sendable, Equatable {
    public var id: String
    public var metric: ClaimMetric
    public var value: Double
    /// The sentence as the company wrote it.
    public var text: String?

    public init(id: String, metric: ClaimMetric, value: Double, text: String?) {
        self.id = id
        self.metric = metric
        self.value = value
        self.text = text
    }
}

/// A claims file: the period and what the company says about it.
public struct ClaimsFile: Sendable {
    public var company: String
    public var start: CivilDate
    public var end: CivilDate
    public var claims: [Claim]

    public init(company: String, start: CivilDate, end: CivilDate, claims: [Claim]) {
        self.company = company
        self.start = start
        self.end = end
        self.claims = claims
    }

    /// Hours in the period (whole days).
    public var periodHours: Double { Double(end.dayNumber - start.dayNumber + 1) * 24 }

    public static func read(path: String) throws(AuditInputError) -> ClaimsFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AuditInputError(diagnostics: [Diagnostic(severity: .error, file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file; check its permissions" : "no such file")])
        }
        return try decode(SourceText(fileName: path, bytes: [UInt8](data)))
    }

    public static func decode(_ source: SourceText) throws(AuditInputError) -> ClaimsFile {
        var log = DiagnosticLog(source: source)
        func fail() -> AuditInputError { AuditInputError(diagnostics: log.diagnostics) }
        guard let root = log.parseJSONDocument(utf8Advice: "") else { throw fail() }
        guard var top = FieldReader(root, path: "", log: &log) else { throw fail() }
        if let version = top.integer("formatVersion", required: true, log: &log), version != 1 {
            log.error(at: top.node("formatVersion")?.offset, path: "formatVersion", "unsupported formatVersion \(version); write 1")
        }
        let company = top.string("company", required: false, log: &log) ?? ""
        var start: CivilDate?
        var end: CivilDate?
        if let node = top.node("period"), var period = FieldReader(node, path: "period", log: &log) {
            for key in ["start", "end"] {
                guard let text = period.string(key, required: true, log: &log, what: "a date YYYY-MM-DD") else { continue }
                guard let date = CivilDate(text) else {
                    log.error(at: period.node(key)?.offset, path: "period.\(key)", "'\(text)' is not a date; write YYYY-MM-DD")
                    continue
                }
                if key == "start" { start = date } else { end = date }
            }
            period.reportUnknown(log: &log, known: ["start", "end"])
            if let start, let end, end < start { log.error(at: node.offset, path: "period", "end \(end) is before start \(start)") }
        } else {
            log.error(at: top.offset, path: "", "required field 'period' is missing; add {\"start\": …, \"end\": …}")
        }
        var claims: [Claim] = []
        var ids = Set<String>()
        for (index, item) in (top.array("claims", required: true, log: &log) ?? []).enumerated() {
            guard var reader = FieldReader(item, path: "claims[\(index)]", log: &log) else { continue }
            let errors = log.errorCount
            let id = reader.string("id", required: true, log: &log)
            reader.elementID = id
            if let id, !ids.insert(id).inserted { log.error(at: item.offset, path: "claims[\(index)].id", id: id, "duplicate claim id") }
            let metric = reader.enumeration("metric", ClaimMetric.self, required: true, log: &log)
            let value = reader.double("value", required: true, log: &log, minimum: -1e12, maximum: 1e12)
            let text = reader.string("text", required: false, log: &log)
            reader.reportUnknown(log: &log, known: ["id", "metric", "value", "text"])
            if let id, let metric, let value, log.errorCount == errors { claims.append(Claim(id: id, metric: metric, value: value, text: text)) }
        }
        top.reportUnknown(log: &log, known: ["formatVersion", "company", "period", "claims"])
        guard let start, let end, !log.hasErrors else { throw fail() }
        return ClaimsFile(company: company, start: start, end: end, claims: claims)
    }
}
