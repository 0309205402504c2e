/// A local date and time to the minute (logs carry no time zone), as minutes since 1970-01-01 00:00.
public struct Timestamp: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let minutes: Int

    public init(minutes: Int) { self.minutes = minutes }

    public init(date: CivilDate, hour: Int = 0, minute: Int = 0) {
        minutes = date.dayNumber * 1440 + hour * 60 + minute
    }

    /// Parses `YYYY-MM-DDTHH:MM`, `YYYY-MM-DD HH:MM`, optionally with `:SS` (seconds are dropped).
    public init?(_ text: String) {
        var bytes = Array(text.utf8)
        while bytes.last == 0x20 { bytes.removeLast() }
        while bytes.first == 0x20 { bytes.removeFirst() }
        guard bytes.count == 16 || bytes.count == 19 else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for k in from..<(from + count) {
                let byte = bytes[k]
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            return value
        }
        guard bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54 || bytes[10] == 0x20, bytes[13] == 0x3A,
            let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2), let minute = number(14, 2),
            (0...23).contains(hour), (0...59).contains(minute), let date = CivilDate(year: year, month: month, day: day)
        else { return nil }
        if bytes.count == 19 { guard bytes[16] == 0x3A, let second = number(17, 2), (0...59).contains(second) else { return nil } }
        self.init(date: date, hour: hour, minute: minute)
    }

    /// Parses a date and a separate `HH:MM` time.
    public init?(date: String, time: String) {
        self.init(date + "T" + time)
    }

    public var date: CivilDate { CivilDate(dayNumber: Int((Double(minutes) / 1440).rounded(.down))) }
    public var hour: Int { ((minutes % 1440) + 1440) % 1440 / 60 }

    public var description: String {
        let minuteOfDay = ((minutes % 1440) + 1440) % 1440
        let h = minuteOfDay / 60
        let m = minuteOfDay % 60
        return "\(date)T\(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }

    public static func < (lhs: Timestamp, rhs: Timestamp) -> Bool { lhs.minutes < rhs.minutes }
}

extension String {
    /// Without leading and trailing spaces and tabs (no Foundation needed).
    public func trimmingSpaces() -> String {
        guard let first = utf8.first, let last = utf8.last, first == 0x20 || first == 0x09 || last == 0x20 || last == 0x09 else { return self }
        var text = Substring(self)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        return String(text)
    }
}
