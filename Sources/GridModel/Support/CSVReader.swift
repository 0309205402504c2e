/// A fast RFC 4180 CSV reader over bytes: records of fields with the 1-based line each starts on.
/// Quoted fields may hold commas, doubled quotes and line breaks; a UTF-8 byte-order mark is skipped.
public struct CSVReader {
    public struct Record {
        /// 1-based line where the record starts.
        public var line: Int
        public var fields: [String]
    }

    public enum Problem: Error, Equatable {
        /// A quoted field opened on this line is never closed.
        case unclosedQuote(line: Int)
    }

    /// All records; blank lines are skipped.
    public static func records(_ bytes: [UInt8]) throws(Problem) -> [Record] {
        var records: [Record] = []
        try forEach(bytes) { records.append($0) }
        return records
    }

    /// Calls `body` for each record, in order, without keeping them all.
    public static func forEach(_ bytes: [UInt8], _ body: (Record) -> Void) throws(Problem) {
        var index = 0
        let count = bytes.count
        if count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF { index = 3 }
        var line = 1
        var fields: [String] = []
        var recordLine = 1
        var field: [UInt8] = []
        var quoted = false
        var fieldStart = index
        var useBuffer = false
        func finishField(_ end: Int) {
            if useBuffer {
                fields.append(String(decoding: field, as: UTF8.self))
            } else {
                fields.append(String(decoding: bytes[fieldStart..<end], as: UTF8.self))
            }
            field.removeAll(keepingCapacity: true)
            useBuffer = false
        }
        while index < count {
            let byte = bytes[index]
            if quoted {
                if byte == 0x22 {
                    if index + 1 < count && bytes[index + 1] == 0x22 {
                        field.append(0x22)
                        index += 2
                        continue
                    }
                    quoted = false
                    index += 1
                    continue
                }
                if byte == 0x0A { line += 1 }
                field.append(byte)
                index += 1
                continue
            }
            switch byte {
            case 0x22 where (useBuffer && field.isEmpty) || (!useBuffer && index == fieldStart):
                quoted = true
                useBuffer = true
                index += 1
            case 0x2C:
                finishField(index)
                index += 1
                fieldStart = index
            case 0x0A, 0x0D:
                finishField(index)
                if byte == 0x0D && index + 1 < count && bytes[index + 1] == 0x0A { index += 1 }
                index += 1
                if !(fields.count == 1 && fields[0].isEmpty) { body(Record(line: recordLine, fields: fields)) }
                fields.removeAll(keepingCapacity: true)
                line += 1
                recordLine = line
                fieldStart = index
            default:
                if useBuffer { field.append(byte) }
                index += 1
            }
        }
        if quoted { throw .unclosedQuote(line: recordLine) }
        if index > fieldStart || !fields.isEmpty || useBuffer {
            finishField(index)
            if !(fields.count == 1 && fields[0].isEmpty) { body(Record(line: recordLine, fields: fields)) }
        }
    }
}

/// The UTF-8 byte-order mark that every CSV LiveLine writes starts with, so that Excel and WPS
/// read the Chinese text and symbols (·, ≥) as UTF-8 (the readers skip it).
public let csvByteOrderMark = "\u{FEFF}"
