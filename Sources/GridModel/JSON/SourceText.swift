/// The bytes of an input file and the map from byte offsets to 1-based line:column.
public struct SourceText: Sendable {
    /// The name shown in messages (usually the path as the user typed it).
    public let fileName: String
    public let bytes: [UInt8]
    /// 0-based byte offsets at which each line starts; `lineStarts[0] == 0`.
    private let lineStarts: [Int]

    public init(fileName: String, bytes: [UInt8]) {
        self.fileName = fileName
        self.bytes = bytes
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        for index in bytes.indices where bytes[index] == 0x0A {
            starts.append(index + 1)
        }
        self.lineStarts = starts
    }

    /// 1-based line and column (column counted in bytes) of a 0-based byte offset.
    public func lineColumn(of offset: Int) -> (line: Int, column: Int) {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return (low + 1, offset - lineStarts[low] + 1)
    }

    /// "file:line:column" for an offset.
    public func location(of offset: Int) -> String {
        let position = lineColumn(of: offset)
        return "\(fileName):\(position.line):\(position.column)"
    }

    /// Offset of the first byte that is not valid UTF-8, or nil when the whole text is valid.
    public func firstInvalidUTF8Offset() -> Int? {
        var index = 0
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            let minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
            default: return index
            }
            if index + length > count { return index }
            for next in 1..<length {
                let byte = bytes[index + next]
                if byte & 0xC0 != 0x80 { return index }
                scalar = (scalar << 6) | UInt32(byte & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) {
                return index
            }
            index += length
        }
        return nil
    }
}
