/// What a section is made of; sets its default reliability data and which work methods apply.
public enum SectionKind: String, Sendable, CaseIterable, Codable {
    case overheadBare
    case overheadInsulated
    case cable
    /// A distribution transformer (MV/LV); zero length, failure rate per year.
    case transformer

    public var isOverhead: Bool { self == .overheadBare || self == .overheadInsulated }
    public var isLine: Bool { self != .transformer }
}

/// A branch between two buses: a line or cable segment, or a distribution transformer.
///
/// Reliability fields are overrides; nil means "use the network default for this kind".
public struct Section: Sendable, Equatable {
    public var id: SectionID
    public var name: String?
    public var from: BusID
    public var to: BusID
    public var kind: SectionKind
    /// Route length in km; 0 for transformers.
    public var lengthKm: Double
    /// Line failure rate override in failures per km-year (lines only).
    public var failuresPerKmYear: Double?
    /// Failure rate override in failures per year (transformers; for lines it replaces the per-km rate).
    public var failuresPerYear: Double?
    /// Mean time to repair in hours (override).
    public var repairHours: Double?
    /// Time to replace the unit from a spare, in hours (override); when set, a failure lasts this long.
    public var replacementHours: Double?
    /// Thermal rating in MW (override); nil = network default, which may be unlimited.
    public var ratingMW: Double?

    public init(
        id: SectionID, name: String? = nil, from: BusID, to: BusID, kind: SectionKind, lengthKm: Double,
        failuresPerKmYear: Double? = nil, failuresPerYear: Double? = nil, repairHours: Double? = nil,
        replacementHours: Double? = nil, ratingMW: Double? = nil
    ) {
        self.id = id
        self.name = name
        self.from = from
        self.to = to
        self.kind = kind
        self.lengthKm = lengthKm
        self.failuresPerKmYear = failuresPerKmYear
        self.failuresPerYear = failuresPerYear
        self.repairHours = repairHours
        self.replacementHours = replacementHours
        self.ratingMW = ratingMW
    }
}
