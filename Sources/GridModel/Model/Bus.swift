/// A node of the network. Coordinates are optional and only used for drawings.
public struct Bus: Sendable, Equatable {
    public var id: BusID
    public var name: String?
    /// Drawing x coordinate (any unit, e.g. metres east); nil when unknown.
    public var x: Double?
    /// Drawing y coordinate (any unit, e.g. metres north); nil when unknown.
    public var y: Double?

    public init(id: BusID, name: String? = nil, x: Double? = nil, y: Double? = nil) {
        self.id = id
        self.name = name
        self.x = x
        self.y = y
    }
}

/// A feeder head: the substation breaker bay that supplies one feeder. Its id is the feeder's id.
public struct Source: Sendable, Equatable {
    public var id: SourceID
    public var name: String?
    /// The bus where the feeder leaves the substation. One source per bus.
    public var bus: BusID
    /// Loading limit of the feeder head in MW; nil = unlimited (no transfer headroom limit).
    public var ratingMW: Double?
    /// The district or supply area the feeder belongs to (供电区域), for breakdowns.
    public var district: String?

    public init(id: SourceID, name: String? = nil, bus: BusID, ratingMW: Double? = nil, district: String? = nil) {
        self.id = id
        self.name = name
        self.bus = bus
        self.ratingMW = ratingMW
        self.district = district
    }
}
