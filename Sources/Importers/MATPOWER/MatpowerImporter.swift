import Foundation
import GridModel

/// Imports a MATPOWER case file (docs/import.md): buses, loads (Pd), the reference bus as the
/// source, branches in service as sections and branches out of service as normally-open ties.
public enum MatpowerImporter {
    /// A numeric matrix `mpc.NAME = [ … ];` with the 1-based line of each row.
    static func matrix(_ name: String, in text: String, file: String) -> [(line: Int, values: [Double])]? {
        let lines = DSSScript.lines(text)
        guard let start = lines.firstIndex(where: { $0.replacingOccurrences(of: " ", with: "").hasPrefix("mpc.\(name)=[") }) else { return nil }
        var rows: [(Int, [Double])] = []
        var index = start
        var first = true
        while index < lines.count {
            var content = lines[index]
            if let comment = content.firstIndex(of: "%") { content = String(content[..<comment]) }
            if first, let open = content.firstIndex(of: "[") {
                content = String(content[content.index(after: open)...])
                first = false
            }
            var done = false
            if let close = content.firstIndex(of: "]") {
                content = String(content[..<close])
                done = true
            }
            for piece in content.split(separator: ";", omittingEmptySubsequences: false) {
                let values = piece.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).compactMap { Double($0) }
                if !values.isEmpty { rows.append((index + 1, values)) }
            }
            if done { break }
            index += 1
        }
        return rows
    }

    static func scalar(_ name: String, in text: String) -> Double? {
        for line in DSSScript.lines(text) {
            let compact = line.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "\t", with: "")
            guard compact.hasPrefix("mpc.\(name)=") else { continue }
            let value = compact.dropFirst("mpc.\(name)=".count).prefix { $0 != ";" && $0 != "%" }
            return Double(value)
        }
        return nil
    }

    public static func importFile(path: String, assumptions: ImportAssumptions = ImportAssumptions()) throws(ImportError) -> ImportResult {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) ?? String(data: data, encoding: .isoLatin1) else {
            throw ImportError(diagnostics: [Diagnostic(severity: .error, file: path, message: FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file")])
        }
        guard let buses = matrix("bus", in: text, file: path), let branches = matrix("branch", in: text, file: path) else {
            throw ImportError(diagnostics: [Diagnostic(severity: .error, file: path, message: "no mpc.bus or mpc.branch matrix; is this a MATPOWER case file?")])
        }
        let name = (path as NSString).lastPathComponent.replacingOccurrences(of: ".m", with: "")
        var result = ImportResult(model: NetworkModel(name: name), assumptionsUsed: [], unmapped: [], files: [path])
        let baseMVA = scalar("baseMVA", in: text) ?? 100
        // Some distribution cases give r and x in ohms and convert them in code afterwards.
        let compact = text.filter { !$0.isWhitespace }
        let ohms = compact.contains("mpc.branch(:,[BR_RBR_X])=mpc.branch(:,[BR_RBR_X])/")
        // … and loads in kW, divided by 1e3 in code afterwards.
        let loadsInKW = compact.contains("mpc.bus(:,[PD,QD])=mpc.bus(:,[PD,QD])/1e3")
        var raw = RawNetwork(name: name)
        var baseKV: [String: Double] = [:]
        var busSet = Set<String>()
        // Buses whose row was rejected: branches to them are not reported again.
        var rejectedBuses = Set<String>()
        var rejectedBusRows = false
        /// A bus number: a whole number 1…999,999,999 (nil with an error at the row otherwise).
        func busNumber(_ value: Double, _ line: Int, _ what: String, _ result: inout ImportResult) -> String? {
            guard value.rounded() == value, value >= 1, value <= 999_999_999 else {
                result.errors.append(Diagnostic(severity: .error, file: path, line: line, message: "\(what) \(NumberText.short(value)) is not a bus number; write a whole number in 1…999999999"))
                return nil
            }
            return String(Int(value))
        }
        for row in buses {
            guard row.values.count >= 10 else {
                result.unmapped.append(Diagnostic(severity: .warning, file: path, line: row.line, message: "bus row with \(row.values.count) columns (13 expected); left out"))
                continue
            }
            guard let bus = busNumber(row.values[0], row.line, "bus number (column 1)", &result) else {
                rejectedBusRows = true
                continue
            }
            guard row.values[2...9].allSatisfy(\.isFinite) else {
                result.errors.append(Diagnostic(severity: .error, file: path, line: row.line, message: "bus \(bus): a value of columns 3…10 is not finite; write numbers"))
                rejectedBuses.insert(bus)
                continue
            }
            if busSet.contains(bus) {
                result.errors.append(Diagnostic(severity: .error, file: path, line: row.line, message: "bus \(bus) is listed twice in mpc.bus; give each bus one row"))
                continue
            }
            busSet.insert(bus)
            baseKV[bus] = row.values[9]
            if row.values[1] == 3 { raw.sources.append((bus, "F\(raw.sources.count + 1)")) }
            let pd = row.values[2]
            if pd > 0 { raw.loads.append(RawNetwork.Load(id: "L\(bus)", bus: bus, kW: loadsInKW ? pd : pd * 1000, customers: nil, location: RawNetwork.Location(file: path, line: row.line))) }
        }
        raw.nominalKV = baseKV.values.first ?? 12.66
        if raw.sources.isEmpty {
            throw ImportError(diagnostics: [Diagnostic(severity: .error, file: path, message: "no reference bus (type 3) to take as the source")])
        }
        var lengthAssumed = 0
        for (index, row) in branches.enumerated() {
            guard row.values.count >= 11 else {
                result.unmapped.append(Diagnostic(severity: .warning, file: path, line: row.line, message: "branch row with \(row.values.count) columns (13 expected); left out"))
                continue
            }
            guard let from = busNumber(row.values[0], row.line, "from bus (column 1)", &result),
                let to = busNumber(row.values[1], row.line, "to bus (column 2)", &result)
            else { continue }
            let missing = [from, to].filter { !busSet.contains($0) }
            if !missing.isEmpty && (rejectedBusRows || missing.contains(where: rejectedBuses.contains)) { continue }
            if !missing.isEmpty {
                result.errors.append(Diagnostic(severity: .error, file: path, line: row.line, message: "branch \(from)–\(to): bus \(missing.joined(separator: " and ")) is not in mpc.bus; add the bus or correct the branch"))
                continue
            }
            guard row.values[2...10].allSatisfy(\.isFinite) else {
                result.errors.append(Diagnostic(severity: .error, file: path, line: row.line, message: "branch \(from)–\(to): a value of columns 3…11 is not finite; write numbers"))
                continue
            }
            let kv = baseKV[from] ?? raw.nominalKV
            let resistanceOhm = ohms ? row.values[2] : row.values[2] * kv * kv / baseMVA
            let length = max(0.001, resistanceOhm / assumptions.ohmsPerKm)
            lengthAssumed += 1
            let ratio = row.values.count > 8 ? row.values[8] : 0
            let location = RawNetwork.Location(file: path, line: row.line)
            let kind: RawNetwork.BranchKind = ratio != 0 && ratio != 1
                ? .transformer(primaryKV: kv, secondaryKV: baseKV[to] ?? kv)
                : .line(lengthKm: length, kind: assumptions.defaultLineKind, kindAssumed: true)
            raw.branches.append(RawNetwork.Branch(
                id: "B\(index + 1)", busA: from, busB: to, kind: kind, isSwitch: row.values[10] == 0, normallyOpen: row.values[10] == 0, location: location))
        }
        result.assume("line lengths from branch resistance at \(format(assumptions.ohmsPerKm)) Ω/km (MATPOWER gives impedances, not lengths)", lengthAssumed)
        result.elementsRead = ["bus": buses.count, "branch": branches.count, "load": raw.loads.count]
        if !result.errors.isEmpty { throw ImportError(diagnostics: result.errors) }
        var model = RawNetworkMapper(raw: raw, assumptions: assumptions).map(into: &result)
        if !result.errors.isEmpty { throw ImportError(diagnostics: result.errors) }
        model.description = "Imported from MATPOWER \(path) by liveline import"
        result.model = model
        return result
    }
}
