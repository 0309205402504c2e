/// The content of a network file, element by element, as written (ids, not indices).
///
/// A `NetworkModel` may be invalid; ``Network/validate(_:source:)`` checks it and derives the
/// topology. What-if changes edit a model and validate it again.
public struct NetworkModel: Sendable, Equatable {
    public static let currentFormatVersion = 1

    public var formatVersion: Int
    public var name: String
    public var description: String?
    /// Nominal phase-to-phase voltage in kV (10, 11, 20 …).
    public var nominalKV: Double
    public var defaults: NetworkDefaults
    public var loadProfile: LoadProfile
    public var buses: [Bus]
    public var sources: [Source]
    public var sections: [Section]
    public var devices: [SwitchingDevice]
    public var ties: [Tie]
    public var loadPoints: [LoadPoint]

    public init(
        formatVersion: Int = NetworkModel.currentFormatVersion, name: String, description: String? = nil,
        nominalKV: Double = 10, defaults: NetworkDefaults = .builtIn, loadProfile: LoadProfile = .flat,
        buses: [Bus] = [], sources: [Source] = [], sections: [Section] = [], devices: [SwitchingDevice] = [],
        ties: [Tie] = [], loadPoints: [LoadPoint] = []
    ) {
        self.formatVersion = formatVersion
        self.name = name
        self.description = description
        self.nominalKV = nominalKV
        self.defaults = defaults
        self.loadProfile = loadProfile
        self.buses = buses
        self.sources = sources
        self.sections = sections
        self.devices = devices
        self.ties = ties
        self.loadPoints = loadPoints
    }
}
