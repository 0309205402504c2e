import Foundation
import GridModel

/// Imports an OpenDSS circuit (docs/import.md).
public enum OpenDSSImporter {
    /// Classes whose elements become part of the network (or feed its data).
    static let readClasses: Set<String> = [
        "circuit", "line", "transformer", "reactor", "load", "fuse", "recloser", "relay", "swtcontrol", "linecode", "linegeometry",
        "wiredata", "cndata", "tsdata", "regcontrol", "xfmrcode",
    ]

    static let lengthFactors: [String: Double] = [
        "mi": 1.609344, "kft": 0.3048, "km": 1, "m": 0.001, "ft": 0.0003048, "in": 0.0000254, "cm": 0.00001, "mm": 0.000001,
    ]

    public static func importFile(path: String, assumptions: ImportAssumptions = ImportAssumptions()) throws(ImportError) -> ImportResult {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ImportError(diagnostics: [Diagnostic(severity: .error, file: path, message: "no such file")])
        }
        let circuit = DSSCircuit.read(path: path)
        if circuit.problems.contains(where: { $0.severity == .error }) { throw ImportError(diagnostics: circuit.problems) }
        guard circuit.elements.contains(where: { $0.className == "circuit" }) else {
            throw ImportError(diagnostics: [Diagnostic(severity: .error, file: path,
                message: "no 'New Circuit.…' command in the file or its redirects; is this an OpenDSS master file? (\(circuit.elements.count) elements read)")])
        }
        guard circuit.elements.contains(where: { $0.className == "line" }) else {
            throw ImportError(diagnostics: [Diagnostic(severity: .error, file: path, message: "the circuit has no Line elements; nothing to import")])
        }
        var result = ImportResult(model: NetworkModel(name: circuit.circuitName), assumptionsUsed: [], unmapped: circuit.problems, files: circuit.files)
        for verb in circuit.ignoredCommands.keys.sorted() {
            let location = circuit.ignoredCommandLocations[verb]!
            result.unmapped.append(Diagnostic(severity: .warning, file: location.file, line: location.line,
                message: "command '\(verb)' ignored, \(circuit.ignoredCommands[verb]!) in all, first here (solution, report and settings commands do not change the network)"))
        }
        for fixed in circuit.caseFixedPaths {
            result.unmapped.append(Diagnostic(severity: .warning, file: fixed, message: "found by ignoring the case of the name given in a redirect/compile"))
        }
        for element in circuit.elements { result.elementsRead[element.className, default: 0] += 1 }
        let raw = rawNetwork(circuit, assumptions: assumptions, result: &result)
        var model = RawNetworkMapper(raw: raw, assumptions: assumptions).map(into: &result)
        if !result.errors.isEmpty { throw ImportError(diagnostics: result.errors) }
        model.description = "Imported from OpenDSS \(path) by liveline import"
        result.model = model
        return result
    }

    static func rawNetwork(_ circuit: DSSCircuit, assumptions: ImportAssumptions, result: inout ImportResult) -> RawNetwork {
        var raw = RawNetwork(name: circuit.circuitName)
        raw.coordinates = circuit.coordinates
        let byKey = circuit.byKey
        var unmappedByClass: [String: [DSSElement]] = [:]
        for element in circuit.elements where !readClasses.contains(element.className) {
            unmappedByClass[element.className, default: []].append(element)
        }
        for className in unmappedByClass.keys.sorted() {
            for element in unmappedByClass[className]! {
                result.unmapped.append(Diagnostic(severity: .warning, file: element.file, line: element.line, elementID: "\(className).\(element.name)",
                    message: "\(className) elements have no place in the reliability model; left out"))
            }
        }
        let regulated = Set(circuit.elements.filter { $0.className == "regcontrol" }.compactMap { $0.value("transformer").map { DSSScript.unwrap($0).lowercased() } })

        // Source: the circuit's bus, or the secondary of a substation transformer.
        let circuitElement = circuit.elements.first { $0.className == "circuit" }
        let circuitBus = DSSScript.bus(circuitElement?.value("bus1") ?? "sourcebus")
        raw.nominalKV = circuitElement?.number("basekv") ?? 12.47
        var sources: [(bus: String, name: String)] = []

        // Transformers (windings from the element, else from its XfmrCode).
        var kvAssumed = 0
        let anyMarkedSubstation = circuit.elements.contains { $0.className == "transformer" && $0.enabled && $0.flag("sub") == true }
        for element in circuit.elements where element.className == "transformer" {
            guard element.enabled else {
                result.unmapped.append(Diagnostic(severity: .warning, file: element.file, line: element.line, elementID: "transformer.\(element.name)", message: "disabled; left out"))
                continue
            }
            let code = element.value("xfmrcode").flatMap { byKey["xfmrcode." + DSSScript.unwrap($0).lowercased()] }
            func winding(_ index: Int, _ key: String) -> String? {
                if index < element.windings.count, let value = element.windings[index][key] { return value }
                if let code, index < code.windings.count { return code.windings[index][key] }
                return nil
            }
            let windingCount = max(element.windings.count, code?.windings.count ?? 0)
            guard windingCount >= 2, let bus1 = winding(0, "bus"), let bus2 = winding(1, "bus") else {
                result.unmapped.append(Diagnostic(severity: .warning, file: element.file, line: element.line, elementID: "transformer.\(element.name)", message: "fewer than two winding buses; left out"))
                continue
            }
            var kv1 = winding(0, "kv").flatMap(DSSScript.number)
            var kv2 = winding(1, "kv").flatMap(DSSScript.number)
            if kv1 == nil || kv2 == nil { kvAssumed += 1 }
            kv1 = kv1 ?? raw.nominalKV
            kv2 = kv2 ?? raw.nominalKV
            let location = RawNetwork.Location(file: element.file, line: element.line)
            // `sub=yes/no` decides; files that mark some transformer sub=yes mark them all; else
            // a transformer fed from the circuit's bus, or stepping down from sub-transmission, is one.
            let isSubstation = element.flag("sub")
                ?? (!anyMarkedSubstation && (DSSScript.bus(bus1) == circuitBus || (kv1! >= assumptions.substationMinKV && kv2! >= assumptions.lowVoltageMaxKV)))
            if isSubstation {
                sources.append((DSSScript.bus(bus2), element.name))
                continue
            }
            let ratio = abs(kv1! - kv2!) / max(kv1!, kv2!)
            if regulated.contains(element.name) || (ratio < 0.1 && kv2! >= assumptions.lowVoltageMaxKV) {
                raw.branches.append(RawNetwork.Branch(id: element.name, busA: DSSScript.bus(bus1), busB: DSSScript.bus(bus2), kind: .connector, isSwitch: false, normallyOpen: false, location: location))
            } else {
                raw.branches.append(RawNetwork.Branch(id: element.name, busA: DSSScript.bus(bus1), busB: DSSScript.bus(bus2), kind: .transformer(primaryKV: kv1!, secondaryKV: kv2!), isSwitch: false, normallyOpen: element.openTerminal != nil, location: location))
            }
        }
        result.assume("transformer voltages taken as the circuit base voltage where not given", kvAssumed)
        if sources.isEmpty { sources = [(circuitBus, circuit.circuitName)] }
        raw.sources = sources.enumerated().map { index, source in (source.bus, sources.count == 1 ? circuit.circuitName : "\(circuit.circuitName)-\(index + 1)") }

        // Reactors joining two buses (source impedance) are connectors.
        for element in circuit.elements where element.className == "reactor" && element.enabled {
            guard let bus2 = element.value("bus2") else { continue }
            raw.branches.append(RawNetwork.Branch(id: element.name, busA: DSSScript.bus(element.value("bus1") ?? ""), busB: DSSScript.bus(bus2), kind: .connector, isSwitch: false, normallyOpen: false, location: RawNetwork.Location(file: element.file, line: element.line)))
        }

        // Lines.
        var unitsAssumed = 0
        var fileFailureData = 0
        var codeFailureDataIgnored = 0
        var kindCache: [ObjectIdentifier: SectionKind?] = [:]
        var switchesByName = 0
        var openByName = 0
        for element in circuit.elements where element.className == "line" {
            let location = RawNetwork.Location(file: element.file, line: element.line)
            guard let bus1 = element.value("bus1"), let bus2 = element.value("bus2") else {
                result.unmapped.append(Diagnostic(severity: .warning, file: element.file, line: element.line, elementID: "line.\(element.name)", message: "line without two buses; left out"))
                continue
            }
            let code = element.value("linecode").flatMap { byKey["linecode." + DSSScript.unwrap($0).lowercased()] }
            let geometry = element.value("geometry").flatMap { byKey["linegeometry." + DSSScript.unwrap($0).lowercased()] }
            let lengthInFileUnits = element.number("length") ?? 1
            var length = lengthInFileUnits
            let unitText = (element.value("units") ?? code?.value("units") ?? geometry?.value("units")).map { DSSScript.unwrap($0).lowercased() }
            if let unitText, let factor = lengthFactors[unitText] {
                length *= factor
            } else {
                length *= lengthFactors[assumptions.defaultLengthUnit] ?? 1
                unitsAssumed += 1
            }
            let explicitSwitch = element.flag("switch") == true
            let nameSwitch = !explicitSwitch && element.name.hasPrefix("sw") && length <= 0.01
            if nameSwitch { switchesByName += 1 }
            let isSwitch = explicitSwitch || nameSwitch
            if !element.enabled && !isSwitch {
                result.unmapped.append(Diagnostic(severity: .warning, file: element.file, line: element.line, elementID: "line.\(element.name)", message: "disabled (enabled=false); left out"))
                continue
            }
            let (kind, assumed) = lineKind(element, code: code, geometry: geometry, assumptions: assumptions, cache: &kindCache)
            // A switch to a bus named …_OPEN marks an open point whose far side is not in the file.
            let namedOpen = isSwitch && [bus1, bus2].contains { DSSScript.bus($0).hasSuffix("_open") }
            if namedOpen { openByName += 1 }
            var branch = RawNetwork.Branch(
                id: element.name, busA: DSSScript.bus(bus1), busB: DSSScript.bus(bus2),
                kind: .line(lengthKm: isSwitch ? 0 : length, kind: kind, kindAssumed: assumed), isSwitch: isSwitch,
                normallyOpen: element.openTerminal != nil || !element.enabled || namedOpen, location: location)
            // Reliability data in the file: faultrate (faults per unit length·yr) × pctperm (% permanent), repair (h),
            // from the Line itself only: the OpenDSS engine does not take them from the line code.
            func given(_ key: String) -> Double? { element.number(key) }
            if !isSwitch, element.number("faultrate") == nil, ["faultrate", "pctperm", "repair"].contains(where: { code?.number($0) != nil }) {
                codeFailureDataIgnored += 1
            }
            if !isSwitch, let faultRate = given("faultrate") {
                branch.failuresPerYear = faultRate * (given("pctperm") ?? 20) / 100 * lengthInFileUnits
                fileFailureData += 1
            }
            if !isSwitch, let repair = given("repair") { branch.repairHours = repair }
            raw.branches.append(branch)
        }
        result.note("line failure rates from the file (faultrate × pctperm / 100 × length)", fileFailureData)
        result.assume("faultrate/pctperm/repair of a line code not applied to its lines (the OpenDSS engine ignores them too; give them on the Line)", codeFailureDataIgnored)
        result.assume("line lengths in \(assumptions.defaultLengthUnit) where neither the line nor its line code gives units", unitsAssumed)
        result.assume("lines named Sw… no longer than 10 m taken as switches (older files lack switch=yes)", switchesByName)
        result.assume("switches to a bus named …_OPEN taken as normally-open points", openByName)

        // Loads.
        for element in circuit.elements where element.className == "load" && element.enabled {
            guard let bus = element.value("bus1") else { continue }
            // OpenDSS: an allocation factor sets kVA = factor × xfkVA; else kW, else kVA × pf.
            let pf = element.number("pf") ?? 0.88
            var kW = element.number("kw")
            if let factor = element.number("allocationfactor"), let xfkVA = element.number("xfkva"), xfkVA > 0 {
                kW = factor * xfkVA * pf
            } else if kW == nil, let kva = element.number("kva") {
                kW = kva * pf
            }
            var customers: Int?
            if let count = element.number("numcust") {
                guard count >= 0, count <= Double(NumberRanges.customers.upperBound) else {
                    result.errors.append(Diagnostic(severity: .error, file: element.file, line: element.line, elementID: "load.\(element.name)",
                        message: "NumCust=\(element.value("numcust") ?? "") is out of range; write a number of customers in 0…\(NumberRanges.customers.upperBound)"))
                    continue
                }
                customers = Int(count.rounded())
            }
            raw.loads.append(RawNetwork.Load(id: element.name, bus: DSSScript.bus(bus), kW: kW ?? 10, customers: customers, location: RawNetwork.Location(file: element.file, line: element.line)))
        }

        // Protective devices and switch controls.
        for element in circuit.elements where ["fuse", "recloser", "relay", "swtcontrol"].contains(element.className) && element.enabled {
            let objectKey = element.className == "swtcontrol" ? "switchedobj" : "monitoredobj"
            let termKey = element.className == "swtcontrol" ? "switchedterm" : "monitoredterm"
            guard let object = element.value(objectKey) else { continue }
            let name = DSSScript.unwrap(object).split(separator: ".", maxSplits: 1).last.map { String($0).lowercased() } ?? ""
            let kind: DeviceKind = element.className == "fuse" ? .fuse : (element.className == "recloser" ? .recloser : (element.className == "relay" ? .breaker : .loadBreakSwitch))
            raw.devices.append(RawNetwork.Device(id: element.name, kind: kind, branch: name, terminal: Int(saturating: element.number(termKey) ?? 1), location: RawNetwork.Location(file: element.file, line: element.line)))
        }
        return raw
    }

    /// Overhead or cable: a geometry with concentric-neutral or tape-shield cables, a line code or
    /// name that says underground/cable, or a capacitance above 50 nF/km (cables) tells; otherwise
    /// the assumption decides. What a geometry or line code says is worked out once (`cache`).
    static func lineKind(
        _ element: DSSElement, code: DSSElement?, geometry: DSSElement?, assumptions: ImportAssumptions, cache: inout [ObjectIdentifier: SectionKind?]
    ) -> (SectionKind, Bool) {
        if let geometry {
            let key = ObjectIdentifier(geometry)
            if cache[key] == nil {
                let text = geometry.properties.keys.sorted().map { "\($0)=\(geometry.properties[$0]!)" }.joined(separator: " ").lowercased()
                cache[key] = .some(DSSScript.contains(text, "cncable") || DSSScript.contains(text, "tscable") ? .cable
                    : DSSScript.contains(text, "wire") ? .overheadBare : nil)
            }
            if let kind = cache[key]! { return (kind, false) }
        }
        let names = [element.name, element.value("linecode") ?? "", element.value("geometry") ?? ""].joined(separator: " ").lowercased()
        for marker in ["ug", "cable", "underground", "xlpe", "_cn", "cn_", "tape"] where DSSScript.contains(names, marker) { return (.cable, false) }
        if let code {
            let key = ObjectIdentifier(code)
            if cache[key] == nil {
                let units = code.value("units").map { DSSScript.unwrap($0).lowercased() } ?? assumptions.defaultLengthUnit
                let perKm = 1 / (lengthFactors[units] ?? 1)
                var capacitance = code.number("c1")
                if capacitance == nil, let cmatrix = code.value("cmatrix"), let first = DSSScript.array(cmatrix).first.flatMap(Double.init) { capacitance = first }
                cache[key] = .some(capacitance.map { $0 * perKm > 50 ? .cable : .overheadBare })
            }
            if let kind = cache[key]! { return (kind, false) }
        }
        return (assumptions.defaultLineKind, true)
    }
}

extension OpenDSSImporter {
    /// Reads the scripts only (for the benchmark's breakdown); returns the element count.
    public static func readCircuitForBenchmark(path: String) -> Int {
        DSSCircuit.read(path: path).elements.count
    }
}
