import Foundation
import GridModel

/// Aligned plain-text tables for terminal output.
public struct TextTable {
    public enum Alignment { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(_ headers: [String], alignments: [Alignment]? = nil) {
        self.headers = headers
        self.alignments = alignments ?? headers.indices.map { $0 == 0 ? .left : .right }
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// The table as text; `header: false` leaves out the header line (for key–value lists).
    public func rendered(indent: Int = 0, header: Bool = true) -> String {
        var widths = headers.map(displayWidth)
        for row in rows {
            for (index, cell) in row.enumerated() where index < widths.count {
                widths[index] = max(widths[index], displayWidth(cell))
            }
        }
        let pad = String(repeating: " ", count: indent)
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (index, cell) in cells.enumerated() {
                let space = String(repeating: " ", count: max(0, widths[index] - displayWidth(cell)))
                parts.append(alignments[index] == .left ? cell + space : space + cell)
            }
            var text = pad + parts.joined(separator: "  ")
            while text.last == " " { text.removeLast() }
            return text
        }
        var lines = header ? [line(headers)] : []
        for row in rows { lines.append(line(row)) }
        return lines.joined(separator: "\n")
    }
}

/// Fixed-decimals number text: fixed(3.14159, 2) == "3.14" (any Double; see ``NumberText``).
public func fixed(_ value: Double, _ decimals: Int) -> String {
    NumberText.fixed(value, decimals)
}

/// A share 0…1 as a percentage with one decimal: "87.5 %".
public func percent(_ share: Double?) -> String {
    guard let share else { return "n/a" }
    return fixed(share * 100, 1) + " %"
}

/// One CSV field, quoted when needed (RFC 4180).
public func csvField(_ text: String) -> String {
    if text.contains(",") || text.contains("\"") || text.contains("\n") {
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return text
}

/// A number for CSV output: whole numbers as integers, others with 12 significant digits (so that
/// 0.23925000000000002, a rounding of the last bit, reads 0.23925 in a spreadsheet); empty for
/// NaN and infinities.
public func csvNumber(_ value: Double) -> String {
    guard value.isFinite else { return "" }
    if value == value.rounded() && abs(value) < 1e15 { return String(Int64(value)) }
    return String(format: "%.12g", value)
}

/// Terminal columns taken by a string: CJK ideographs and full-width forms count as two.
public func displayWidth(_ text: String) -> Int {
    var width = 0
    for scalar in text.unicodeScalars {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6:
            width += 2
        default:
            width += 1
        }
    }
    return width
}
