import Foundation
import GridModel

/// An OpenDSS element with its properties as last set (keys lowercased).
final class DSSElement {
    let className: String
    let name: String
    let file: String
    let line: Int
    var properties: [String: String] = [:]
    /// Transformer windings: per-winding properties (bus, kv, kva, conn).
    var windings: [[String: String]] = []
    var currentWinding = 0
    var enabled = true
    /// Terminal opened by an `open` command (1 or 2), nil when closed.
    var openTerminal: Int?

    init(className: String, name: String, file: String, line: Int) {
        self.className = className
        self.name = name
        self.file = file
        self.line = line
    }

    func value(_ key: String) -> String? { properties[key] }
    func number(_ key: String) -> Double? { properties[key].flatMap(DSSScript.number) }
    func flag(_ key: String) -> Bool? {
        guard let text = properties[key]?.lowercased() else { return nil }
        if ["yes", "y", "true", "t"].contains(text) { return true }
        if ["no", "n", "false", "f"].contains(text) { return false }
        return nil
    }
}

/// Runs an OpenDSS script far enough to know every element and its properties.
struct DSSCircuit {
    /// Elements by class, in definition order; and by "class.name".
    var elements: [DSSElement] = []
    var byKey: [String: DSSElement] = [:]
    var files: [String] = []
    /// Files being read (the redirect chain), for cycles.
    var reading: [String] = []
    var circuitName = "circuit"
    var coordinates: [String: (Double, Double)] = [:]
    var problems: [Diagnostic] = []
    var caseFixedPaths: [String] = []
    /// Commands the importer does not act on (set, solve, …), counted.
    var ignoredCommands: [String: Int] = [:]
    /// Where each ignored command verb first appears.
    var ignoredCommandLocations: [String: (file: String, line: Int)] = [:]

    /// Positional property order of the classes the importer reads.
    /// Property names in OpenDSS order (lowercased) for the classes read: positional values take
    /// them in this order, and an abbreviated name means the first property it starts.
    static let properties: [String: [String]] = [
        "line": ["bus1", "bus2", "linecode", "length", "phases", "r1", "x1", "r0", "x0", "c1", "c0", "rmatrix", "xmatrix", "cmatrix", "switch",
                 "rg", "xg", "rho", "geometry", "units", "spacing", "wires", "earthmodel", "cncables", "tscables", "b1", "b0", "seasons", "ratings",
                 "linetype", "normamps", "emergamps", "faultrate", "pctperm", "repair", "basefreq", "enabled", "like"],
        "load": ["phases", "bus1", "kv", "kw", "pf", "model", "yearly", "daily", "duty", "growth", "conn", "kvar", "rneut", "xneut", "status",
                 "class", "vminpu", "vmaxpu", "vminnorm", "vminemerg", "xfkva", "allocationfactor", "kva", "%mean", "%stddev", "cvrwatts",
                 "cvrvars", "kwh", "kwhdays", "cfactor", "cvrcurve", "numcust", "zipv", "%seriesrl", "relweight", "vlowpu", "puxharm",
                 "xrharm", "spectrum", "basefreq", "enabled", "like"],
        "transformer": ["phases", "windings", "wdg", "bus", "conn", "kv", "kva", "tap", "%r", "rneut", "xneut", "buses", "conns", "kvs", "kvas",
                        "taps", "xhl", "xht", "xlt", "xscarray", "thermal", "n", "m", "flrise", "hsrise", "%loadloss", "%noloadloss",
                        "normhkva", "emerghkva", "sub", "maxtap", "mintap", "numtaps", "subname", "%imag", "ppm_antifloat", "%rs", "bank",
                        "xfmrcode", "xrconst", "x12", "x13", "x23", "leadlag", "wdgcurrents", "core", "rdcohms", "seasons", "ratings",
                        "normamps", "emergamps", "faultrate", "pctperm", "repair", "basefreq", "enabled", "like"],
        "xfmrcode": ["phases", "windings", "wdg", "conn", "kv", "kva", "tap", "%r", "rneut", "xneut", "conns", "kvs", "kvas", "taps", "xhl",
                     "xht", "xlt", "xscarray", "thermal", "n", "m", "flrise", "hsrise", "%loadloss", "%noloadloss", "normhkva", "emerghkva",
                     "maxtap", "mintap", "numtaps", "%imag", "ppm_antifloat", "%rs", "x12", "x13", "x23", "rdcohms", "seasons", "ratings", "like"],
        "fuse": ["monitoredobj", "monitoredterm", "switchedobj", "switchedterm", "fusecurve", "ratedcurrent", "delay", "action", "normal",
                 "state", "basefreq", "enabled", "like"],
        "recloser": ["monitoredobj", "monitoredterm", "switchedobj", "switchedterm", "numfast", "phasefast", "phasedelayed", "groundfast",
                     "grounddelayed", "phasetrip", "groundtrip", "phaseinst", "groundinst", "reset", "shots", "recloseintervals", "delay",
                     "action", "tdphfast", "tdgrfast", "tdphdelayed", "tdgrdelayed", "normal", "state", "basefreq", "enabled", "like"],
        "relay": ["monitoredobj", "monitoredterm", "switchedobj", "switchedterm", "type", "phasecurve", "groundcurve", "phasetrip",
                  "groundtrip", "tdphase", "tdground", "phaseinst", "groundinst", "reset", "shots", "recloseintervals", "delay",
                  "overvoltcurve", "undervoltcurve", "kvbase", "47%pickup", "46baseamps", "46%pickup", "46isqt", "variable", "overtrip",
                  "undertrip", "breakertime", "action", "normal", "state", "basefreq", "enabled", "like"],
        "swtcontrol": ["switchedobj", "switchedterm", "action", "lock", "delay", "normal", "state", "reset", "basefreq", "enabled", "like"],
        "reactor": ["bus1", "bus2", "phases", "kvar", "kv", "conn", "rmatrix", "xmatrix", "parallel", "r", "x", "rp", "z1", "z2", "z0", "z",
                    "rcurve", "lcurve", "lmh", "basefreq", "enabled", "like"],
        "circuit": ["bus1", "basekv", "pu", "angle", "frequency", "phases", "mvasc3", "mvasc1", "x1r1", "x0r0", "isc3", "isc1", "r1", "x1",
                    "r0", "x0", "scantype", "sequence", "bus2", "z1", "z0", "z2", "puz1", "puz0", "puz2", "basemva", "yearly", "daily",
                    "duty", "model", "puzideal", "spectrum", "basefreq", "enabled", "like"],
        "linecode": ["nphases", "r1", "x1", "r0", "x0", "c1", "c0", "units", "rmatrix", "xmatrix", "cmatrix", "basefreq", "normamps",
                     "emergamps", "faultrate", "pctperm", "repair", "kron", "rg", "xg", "rho", "neutral", "b1", "b0", "seasons", "ratings",
                     "linetype", "like"],
        "regcontrol": ["transformer", "winding", "vreg", "band", "ptratio", "ctprim", "r", "x", "bus", "delay", "reversible", "revvreg",
                       "revband", "revr", "revx", "tapdelay", "debugtrace", "maxtapchange", "inversetime", "tapwinding", "vlimit", "ptphase",
                       "revthreshold", "revdelay", "revneutral", "eventlog", "remoteptratio", "tapnum", "reset", "ldc_z", "rev_z",
                       "cogen", "basefreq", "enabled", "like"],
        "linegeometry": ["nconds", "nphases", "cond", "wire", "x", "h", "units", "normamps", "emergamps", "reduce", "spacing", "wires",
                         "cncable", "tscable", "cncables", "tscables", "seasons", "ratings", "linetype", "like"],
    ]

    /// The full property name `key` stands for in `className` (exact name, else the first
    /// property it abbreviates); unknown classes and names are returned as given.
    static func canonical(_ key: String, in className: String) -> String {
        guard let names = properties[className], !names.contains(key) else { return key }
        return names.first { $0.hasPrefix(key) } ?? key
    }

    static func read(path: String) -> DSSCircuit {
        var circuit = DSSCircuit()
        circuit.run(path: path, depth: 0)
        return circuit
    }

    /// Reads one script; `via` is the redirect/compile command that named it (errors about the
    /// file are located there).
    mutating func run(path: String, depth: Int, via: DSSCommand? = nil) {
        guard depth < 32 else {
            problems.append(Diagnostic(severity: .error, file: via?.file ?? path, line: via?.line, message: "redirects nest more than 32 deep (\(path)); is there a redirect cycle?"))
            return
        }
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if let cycle = reading.firstIndex(of: absolute) {
            let names = (reading[cycle...] + [absolute]).map { ($0 as NSString).lastPathComponent }.joined(separator: " → ")
            problems.append(Diagnostic(severity: .error, file: via?.file ?? path, line: via?.line, message: "redirect cycle \(names); remove the redirect that reads a file already being read"))
            return
        }
        guard let text = DSSScript.text(path: path) else {
            problems.append(Diagnostic(severity: .error, file: via?.file ?? path, line: via?.line, message: via == nil ? "cannot read the file" : "cannot read \(path) (named here)"))
            return
        }
        files.append(path)
        reading.append(absolute)
        defer { reading.removeLast() }
        let folder = (path as NSString).deletingLastPathComponent
        // A master named without a folder is read from the current folder.
        let directory = folder.isEmpty ? "." : folder
        for command in DSSScript.commands(text, file: path) {
            execute(command, directory: directory, depth: depth)
        }
    }

    mutating func execute(_ command: DSSCommand, directory: String, depth: Int) {
        var tokens = DSSScript.tokens(command.text)
        guard !tokens.isEmpty else { return }
        let verb = tokens.removeFirst().lowercased()
        switch verb {
        case "redirect", "compile":
            guard let target = tokens.first else { return }
            guard let resolved = DSSScript.resolve(target, in: directory) else {
                problems.append(Diagnostic(severity: .error, file: command.file, line: command.line, message: "\(verb) \(target): no such file (relative to \(directory))"))
                return
            }
            if resolved.caseFixed { caseFixedPaths.append(resolved.path) }
            run(path: resolved.path, depth: depth + 1, via: command)
        case "new":
            guard let object = tokens.first else { return }
            tokens.removeFirst()
            var target = object
            if target.lowercased().hasPrefix("object=") { target = String(target.dropFirst(7)) }
            define(target, tokens, command: command)
        case "edit", "more":
            guard let object = tokens.first else { return }
            tokens.removeFirst()
            guard let element = lookup(object) else { return notFound(object, command) }
            apply(tokens, to: element)
        case "open", "close":
            guard let object = tokens.first else { return }
            guard let element = lookup(object) else { return notFound(object, command) }
            var terminal = 1
            for token in tokens.dropFirst() {
                let parts = token.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 && parts[0].lowercased().hasPrefix("term") { terminal = Int(parts[1]) ?? 1 } else if parts.count == 1, let value = Int(parts[0]) { terminal = value }
            }
            element.openTerminal = verb == "open" ? terminal : nil
        case "disable", "enable":
            guard let object = tokens.first else { return }
            guard let element = lookup(object) else { return notFound(object, command) }
            element.enabled = verb == "enable"
        case "buscoords", "latlongcoords":
            guard let target = tokens.first, let resolved = DSSScript.resolve(target, in: directory), let text = DSSScript.text(path: resolved.path) else {
                problems.append(Diagnostic(severity: .warning, file: command.file, line: command.line, message: "\(verb) \(tokens.first ?? ""): no such file; buses left without coordinates"))
                return
            }
            files.append(resolved.path)
            readCoordinates(text)
        case "batchedit":
            guard let pattern = tokens.first else { return }
            let parts = pattern.split(separator: ".", maxSplits: 1).map { String($0).lowercased() }
            guard parts.count == 2 else { return }
            let regex = try? NSRegularExpression(pattern: "^" + parts[1] + "$", options: [.caseInsensitive])
            for element in elements where element.className == parts[0] {
                let range = NSRange(element.name.startIndex..., in: element.name)
                if regex?.firstMatch(in: element.name, range: range) != nil { apply(Array(tokens.dropFirst()), to: element) }
            }
        default:
            // "Class.Name.property=value" assignments.
            if verb.contains(".") && verb.contains("=") {
                let assignment = verb.split(separator: "=", maxSplits: 1).map(String.init)
                let path = assignment[0].split(separator: ".").map(String.init)
                if path.count >= 3 {
                    let object = path[0] + "." + path[1...(path.count - 2)].joined(separator: ".")
                    guard let element = lookup(object) else { return notFound(object, command) }
                    apply([path[path.count - 1] + "=" + (assignment.count > 1 ? assignment[1] : "")] + tokens, to: element)
                    return
                }
            }
            if ignoredCommands[verb] == nil { ignoredCommandLocations[verb] = (command.file, command.line) }
            ignoredCommands[verb, default: 0] += 1
        }
    }

    mutating func notFound(_ object: String, _ command: DSSCommand) {
        problems.append(Diagnostic(severity: .warning, file: command.file, line: command.line, elementID: object,
            message: "names an element not defined before this line; command ignored"))
    }

    func lookup(_ object: String) -> DSSElement? {
        let key = object.lowercased()
        if let element = byKey[key] { return element }
        // "Line.X" written without class defaults to the last class in OpenDSS; try lines.
        return byKey["line." + key]
    }

    mutating func define(_ object: String, _ tokens: [String], command: DSSCommand) {
        let parts = object.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else {
            problems.append(Diagnostic(severity: .warning, file: command.file, line: command.line, message: "'New \(object)' names no class; expected Class.Name"))
            return
        }
        let className = parts[0].lowercased()
        let name = parts[1].lowercased()
        if className == "circuit" { circuitName = parts[1] }
        let element = DSSElement(className: className, name: name, file: command.file, line: command.line)
        if className == "transformer" || className == "xfmrcode" { element.windings = [[:], [:]] }
        if className == "circuit" { element.properties["bus1"] = "sourcebus" }
        elements.append(element)
        byKey[className + "." + name] = element
        apply(tokens, to: element)
    }

    mutating func apply(_ tokens: [String], to element: DSSElement) {
        let order = DSSCircuit.properties[element.className] ?? []
        var position = 0
        for token in tokens {
            var key: String
            var value: String
            if let equals = token.utf8.firstIndex(of: 0x3D) {
                key = DSSCircuit.canonical(String(Substring(token.utf8[..<equals])).lowercased(), in: element.className)
                value = String(Substring(token.utf8[token.utf8.index(after: equals)...]))
                if let index = order.firstIndex(of: key) { position = index + 1 }
            } else {
                guard position < order.count else { continue }
                key = order[position]
                value = token
                position += 1
            }
            if key == "like" {
                // Copy everything from the named element of the same class, then go on.
                if let model = byKey[element.className + "." + DSSScript.unwrap(value).lowercased()], model !== element {
                    element.properties.merge(model.properties) { _, copied in copied }
                    element.windings = model.windings
                } else {
                    problems.append(Diagnostic(severity: .warning, file: element.file, line: element.line, elementID: "\(element.className).\(element.name)",
                        message: "like=\(value): no \(element.className) of that name defined before; ignored"))
                }
                continue
            }
            if key == "enabled" {
                element.enabled = !["no", "n", "false", "f"].contains(DSSScript.unwrap(value).lowercased())
                continue
            }
            if element.className == "transformer" || element.className == "xfmrcode" {
                applyTransformer(key, value, element)
                continue
            }
            element.properties[key] = value
        }
    }

    private mutating func applyTransformer(_ key: String, _ value: String, _ element: DSSElement) {
        func ensure(_ count: Int) {
            while element.windings.count < count { element.windings.append([:]) }
        }
        /// A winding count or number 1…10 (the file's value, or nil with an error at its line).
        func windingNumber(_ fallback: Double) -> Int? {
            let number = DSSScript.number(value) ?? fallback
            guard number.rounded() == number, (1...10).contains(number) else {
                problems.append(Diagnostic(severity: .error, file: element.file, line: element.line, elementID: "\(element.className).\(element.name)",
                    message: "\(key)=\(value) is out of range; write a whole number of windings in 1…10"))
                return nil
            }
            return Int(number)
        }
        switch key {
        case "windings":
            if let count = windingNumber(2) { ensure(count) }
        case "wdg":
            guard let index = windingNumber(1) else { return }
            ensure(index)
            element.currentWinding = index - 1
        case "bus", "kv", "kva", "conn":
            ensure(element.currentWinding + 1)
            element.windings[element.currentWinding][key] = value
        case "buses", "kvs", "kvas", "conns":
            let items = DSSScript.array(value)
            ensure(items.count)
            let single = ["buses": "bus", "kvs": "kv", "kvas": "kva", "conns": "conn"][key]!
            for (index, item) in items.enumerated() { element.windings[index][single] = item }
        default:
            element.properties[key] = value
        }
    }

    mutating func readCoordinates(_ text: String) {
        for line in DSSScript.commands(text, file: "") {
            let fields = line.text.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
            guard fields.count >= 3, let x = Double(fields[1]), let y = Double(fields[2]) else { continue }
            coordinates[DSSScript.bus(fields[0])] = (x, y)
        }
    }
}
