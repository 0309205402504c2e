import Foundation

/// A JSON value to write, with object members in the order given (output is deterministic).
public indirect enum JSONOutput: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case integer(Int)
    case string(String)
    case array([JSONOutput])
    case object([(String, JSONOutput)])

    public static func == (lhs: JSONOutput, rhs: JSONOutput) -> Bool {
        lhs.rendered(pretty: false) == rhs.rendered(pretty: false)
    }

    /// A number, or null when it is not finite (JSON has no NaN or infinity).
    public static func finite(_ value: Double?) -> JSONOutput {
        guard let value, value.isFinite else { return .null }
        return .number(value)
    }

    /// Text of the value; `pretty` indents by two spaces and puts short arrays of scalars on one line.
    public func rendered(pretty: Bool = true) -> String {
        var text = ""
        write(into: &text, pretty: pretty, indent: 0)
        return text
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    private func write(into text: inout String, pretty: Bool, indent: Int) {
        switch self {
        case .null: text += "null"
        case .bool(let value): text += value ? "true" : "false"
        case .integer(let value): text += String(value)
        case .number(let value): text += JSONOutput.numberText(value)
        case .string(let value): JSONOutput.writeString(value, into: &text)
        case .array(let items):
            if items.isEmpty { text += "[]"; return }
            let inline = !pretty || (items.count <= 24 && items.allSatisfy(\.isScalar))
            text += "["
            for (index, item) in items.enumerated() {
                if index > 0 { text += inline && pretty ? ", " : "," }
                if !inline { text += "\n" + String(repeating: " ", count: indent + 2) }
                item.write(into: &text, pretty: pretty, indent: indent + 2)
            }
            if !inline { text += "\n" + String(repeating: " ", count: indent) }
            text += "]"
        case .object(let members):
            if members.isEmpty { text += "{}"; return }
            text += "{"
            for (index, (key, value)) in members.enumerated() {
                if index > 0 { text += "," }
                if pretty { text += "\n" + String(repeating: " ", count: indent + 2) }
                JSONOutput.writeString(key, into: &text)
                text += pretty ? ": " : ":"
                value.write(into: &text, pretty: pretty, indent: indent + 2)
            }
            if pretty { text += "\n" + String(repeating: " ", count: indent) }
            text += "}"
        }
    }

    /// Shortest text that reads back as the same Double; integers without a fraction.
    public static func numberText(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    private static func writeString(_ value: String, into text: inout String) {
        text += "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    text.unicodeScalars.append(scalar)
                }
            }
        }
        text += "\""
    }
}

extension JSONOutput {
    /// File layout for data documents: top-level members one per line, each element of a
    /// top-level array compact on its own line, nested objects indented. Diff-friendly and small.
    public func renderedDocument() -> String {
        guard case .object(let members) = self else { return rendered(pretty: true) }
        var text = "{\n"
        for (index, (key, value)) in members.enumerated() {
            text += "  " + JSONOutput.string(key).rendered(pretty: false) + ": "
            if case .array(let items) = value, !items.isEmpty, items.contains(where: { if case .object = $0 { return true } else { return false } }) {
                text += "[\n"
                for (itemIndex, item) in items.enumerated() {
                    text += "    " + item.rendered(pretty: false)
                    text += itemIndex + 1 < items.count ? ",\n" : "\n"
                }
                text += "  ]"
            } else {
                text += value.rendered(pretty: true).replacingOccurrences(of: "\n", with: "\n  ")
            }
            text += index + 1 < members.count ? ",\n" : "\n"
        }
        return text + "}\n"
    }
}
