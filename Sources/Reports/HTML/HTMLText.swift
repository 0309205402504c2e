import GridModel

/// Building blocks of the HTML report: escaping, numbers that carry their exact value, tables.
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// The exact value as JSON writes it (so tests can compare the report with the JSON outputs).
    static func exact(_ value: Double) -> String { JSONOutput.numberText(value) }

    /// A number shown with `decimals`, carrying `data-key` and the exact `data-value`.
    static func number(_ value: Double?, _ decimals: Int, key: String? = nil, suffix: String = "") -> String {
        guard let value, value.isFinite else { return "<span class=\"na\">—</span>" }
        let shown = escape(fixed(value, decimals)) + suffix
        guard let key else { return shown }
        return "<span data-key=\"\(escape(key))\" data-value=\"\(exact(value))\">\(shown)</span>"
    }

    /// A share (0…1) shown as a percentage with `decimals`.
    static func share(_ value: Double?, _ decimals: Int = 1, key: String? = nil) -> String {
        guard let value, value.isFinite else { return "<span class=\"na\">—</span>" }
        let shown = fixed(value * 100, decimals) + " %"
        guard let key else { return shown }
        return "<span data-key=\"\(escape(key))\" data-value=\"\(exact(value))\">\(shown)</span>"
    }

    /// A table; `numeric` columns are right-aligned. Cells are HTML already.
    static func table(_ headers: [String], _ rows: [[String]], numeric: Set<Int> = [], id: String? = nil, caption: String? = nil) -> String {
        var out = "<table\(id.map { " id=\"\(escape($0))\"" } ?? "")>"
        if let caption { out += "<caption>\(escape(caption))</caption>" }
        out += "<thead><tr>"
        for (index, header) in headers.enumerated() { out += "<th\(numeric.contains(index) ? " class=\"n\"" : "")>\(escape(header))</th>" }
        out += "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>"
            for (index, cell) in row.enumerated() { out += "<td\(numeric.contains(index) ? " class=\"n\"" : "")>\(cell)</td>" }
            out += "</tr>"
        }
        return out + "</tbody></table>"
    }
}

extension JSONNode {
    /// The member at a dotted path ("system.SAIDI").
    func at(_ path: String) -> JSONNode? {
        var node: JSONNode? = self
        for key in path.split(separator: ".") { node = node?[String(key)] }
        return node
    }

    func number(_ path: String) -> Double? { at(path)?.doubleValue }
    func string(_ path: String) -> String? { at(path)?.stringValue }
    func array(_ path: String) -> [JSONNode] { at(path)?.arrayValue ?? [] }
    var isNull: Bool { if case .null = value { return true } else { return false } }
    var boolValue: Bool? { if case .bool(let b) = value { return b } else { return nil } }
}
