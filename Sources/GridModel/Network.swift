/// A validated network: the model as written, its elements resolved to indices, defaults applied,
/// and the topology derived from it. Immutable; build one with ``Network/load(path:)``,
/// ``Network/validate(_:source:locations:)`` or ``Network/init(validating:)``.
///
/// Indices are 0-based positions in the model's arrays (`model.sections[s]` is section `s`).
public struct Network: Sendable {
    public let model: NetworkModel
    public let topology: Topology

    public let busIndex: [BusID: Int]
    public let sourceIndex: [SourceID: Int]
    public let sectionIndex: [SectionID: Int]
    public let deviceIndex: [DeviceID: Int]
    public let tieIndex: [TieID: Int]
    public let loadPointIndex: [LoadPointID: Int]

    /// Bus index of each source.
    public let sourceBus: [Int]
    /// Source rating in MW (`.infinity` when unlimited).
    public let sourceRatingMW: [Double]
    /// From/to bus index of each section.
    public let sectionFrom: [Int]
    public let sectionTo: [Int]
    /// Failures per year of each section (per-km rate × length for lines, defaults applied).
    public let sectionFailuresPerYear: [Double]
    /// Repair time in hours of each section.
    public let sectionRepairHours: [Double]
    /// How long a failure keeps the section out: replacement time when one is set, else repair time.
    public let sectionOutageHours: [Double]
    /// Thermal rating in MW (`.infinity` when unlimited).
    public let sectionRatingMW: [Double]
    /// Section index of each device.
    public let deviceSection: [Int]
    /// Hours to operate each device (its own value or the default for its control).
    public let deviceSwitchingHours: [Double]
    /// Bus indices of each tie's two ends.
    public let tieBusA: [Int]
    public let tieBusB: [Int]
    /// Hours to close each tie.
    public let tieSwitchingHours: [Double]
    /// Tie capacity in MW (`.infinity` when unlimited).
    public let tieCapacityMW: [Double]
    /// Bus index of each load point.
    public let loadPointBus: [Int]

    public var loadProfile: LoadProfile { model.loadProfile }

    init(
        model: NetworkModel, topology: Topology, indices: NetworkIndices, resolved: ResolvedParameters
    ) {
        self.model = model
        self.topology = topology
        self.busIndex = indices.bus
        self.sourceIndex = indices.source
        self.sectionIndex = indices.section
        self.deviceIndex = indices.device
        self.tieIndex = indices.tie
        self.loadPointIndex = indices.loadPoint
        self.sourceBus = resolved.sourceBus
        self.sourceRatingMW = resolved.sourceRatingMW
        self.sectionFrom = resolved.sectionFrom
        self.sectionTo = resolved.sectionTo
        self.sectionFailuresPerYear = resolved.sectionFailuresPerYear
        self.sectionRepairHours = resolved.sectionRepairHours
        self.sectionOutageHours = resolved.sectionOutageHours
        self.sectionRatingMW = resolved.sectionRatingMW
        self.deviceSection = resolved.deviceSection
        self.deviceSwitchingHours = resolved.deviceSwitchingHours
        self.tieBusA = resolved.tieBusA
        self.tieBusB = resolved.tieBusB
        self.tieSwitchingHours = resolved.tieSwitchingHours
        self.tieCapacityMW = resolved.tieCapacityMW
        self.loadPointBus = resolved.loadPointBus
    }
}

/// Id → index maps of one model.
struct NetworkIndices {
    var bus: [BusID: Int] = [:]
    var source: [SourceID: Int] = [:]
    var section: [SectionID: Int] = [:]
    var device: [DeviceID: Int] = [:]
    var tie: [TieID: Int] = [:]
    var loadPoint: [LoadPointID: Int] = [:]
}

/// Per-element values with references resolved and defaults applied.
struct ResolvedParameters {
    var sourceBus: [Int] = []
    var sourceRatingMW: [Double] = []
    var sectionFrom: [Int] = []
    var sectionTo: [Int] = []
    var sectionFailuresPerYear: [Double] = []
    var sectionRepairHours: [Double] = []
    var sectionOutageHours: [Double] = []
    var sectionRatingMW: [Double] = []
    var deviceSection: [Int] = []
    var deviceSwitchingHours: [Double] = []
    var tieBusA: [Int] = []
    var tieBusB: [Int] = []
    var tieSwitchingHours: [Double] = []
    var tieCapacityMW: [Double] = []
    var loadPointBus: [Int] = []
}
