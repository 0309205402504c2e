/// A typed identifier: the id string of one kind of network element.
///
/// `ElementID<SectionTag>` and `ElementID<BusTag>` cannot be mixed up, though both wrap the id
/// exactly as written in the network file.
public struct ElementID<Tag>: Hashable, Sendable, Comparable, CustomStringConvertible,
    ExpressibleByStringLiteral
{
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    /// Natural order: "S2" < "S10", so sorted output reads as a person expects.
    public static func < (lhs: ElementID, rhs: ElementID) -> Bool {
        NaturalOrder.less(lhs.rawValue, rhs.rawValue)
    }
}

public enum BusTag {}
public enum SourceTag {}
public enum SectionTag {}
public enum DeviceTag {}
public enum TieTag {}
public enum LoadPointTag {}

public typealias BusID = ElementID<BusTag>
/// A source is a feeder head; its id is the feeder's id.
public typealias SourceID = ElementID<SourceTag>
public typealias FeederID = SourceID
public typealias SectionID = ElementID<SectionTag>
public typealias DeviceID = ElementID<DeviceTag>
public typealias TieID = ElementID<TieTag>
public typealias LoadPointID = ElementID<LoadPointTag>

/// Natural string order: digit runs compare by value, everything else byte by byte.
public enum NaturalOrder {
    public static func less(_ lhs: String, _ rhs: String) -> Bool {
        let a = Array(lhs.utf8)
        let b = Array(rhs.utf8)
        var i = 0
        var j = 0
        while i < a.count && j < b.count {
            let ca = a[i]
            let cb = b[j]
            if isDigit(ca) && isDigit(cb) {
                var endA = i
                while endA < a.count && isDigit(a[endA]) { endA += 1 }
                var endB = j
                while endB < b.count && isDigit(b[endB]) { endB += 1 }
                // Compare by value: strip leading zeros, then length, then digits.
                var startA = i
                while startA < endA - 1 && a[startA] == 0x30 { startA += 1 }
                var startB = j
                while startB < endB - 1 && b[startB] == 0x30 { startB += 1 }
                let lengthA = endA - startA
                let lengthB = endB - startB
                if lengthA != lengthB { return lengthA < lengthB }
                for k in 0..<lengthA where a[startA + k] != b[startB + k] {
                    return a[startA + k] < b[startB + k]
                }
                if endA - i != endB - j { return endA - i < endB - j }
                i = endA
                j = endB
                continue
            }
            if ca != cb { return ca < cb }
            i += 1
            j += 1
        }
        return a.count - i < b.count - j
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
}
