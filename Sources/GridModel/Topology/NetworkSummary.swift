/// The figures `liveline info` reports: size, load, and the network-capability indicators that
/// planners and regulators track (tie rate, N-1 transferable rate, insulation and cable rates).
public struct NetworkSummary: Sendable, Equatable {
    public var name: String
    public var feeders: Int
    public var buses: Int
    /// Line and cable sections (transformers are counted separately).
    public var lineSections: Int
    public var transformers: Int
    public var kmOverheadBare: Double
    public var kmOverheadInsulated: Double
    public var kmCable: Double
    public var loadPoints: Int
    public var customers: Int
    public var mvUsers: Int
    public var averageMW: Double
    /// Sum of load-point peaks (coincident peak assumed), in MW.
    public var peakMW: Double
    public var zones: Int
    public var ties: Int
    /// Devices by kind, in the order of ``DeviceKind/allCases``.
    public var devicesByKind: [(kind: DeviceKind, count: Int)]
    /// Share of feeders with at least one tie (联络率), 0…1.
    public var tieRate: Double
    /// Share of feeders whose whole load can be transferred to neighbours over ties when the feeder
    /// head is lost, at the peak month (可转供率 / N-1), 0…1.
    public var n1TransferableRate: Double
    /// Feeders that pass the N-1 transfer check, by index.
    public var n1TransferableFeeders: [Int]
    /// Insulated overhead km / all overhead km (绝缘化率), 0…1; nil without overhead lines.
    public var overheadInsulationRate: Double?
    /// Cable km / all line km (电缆化率), 0…1; nil without lines.
    public var cableRate: Double?
    /// 1-based month whose load-profile factor is highest (used for the N-1 check).
    public var peakMonth: Int

    public static func == (lhs: NetworkSummary, rhs: NetworkSummary) -> Bool {
        lhs.name == rhs.name && lhs.feeders == rhs.feeders && lhs.lineSections == rhs.lineSections
            && lhs.customers == rhs.customers && lhs.averageMW == rhs.averageMW && lhs.ties == rhs.ties
            && lhs.zones == rhs.zones && lhs.tieRate == rhs.tieRate && lhs.n1TransferableRate == rhs.n1TransferableRate
    }
}

extension Network {
    /// Whether the whole of feeder `feeder` can be picked up by neighbours over ties when its head
    /// is lost, at demand factor `factor`.
    public func canTransferWholeFeeder(_ feeder: Int, factor: Double) -> Bool {
        wholeFeederTransfer(feeder, factor: factor)?.unrestoredZones.isEmpty ?? false
    }

    /// How neighbours pick up feeder `feeder` over ties when its head is lost, at demand factor
    /// `factor`; nil when it has no tie (or no zones).
    public func wholeFeederTransfer(_ feeder: Int, factor: Double) -> BackfeedPlan? {
        let roots = topology.rootZones(ofFeeder: feeder)
        guard !roots.isEmpty, !topology.feeders[feeder].ties.isEmpty else { return nil }
        return planBackfeed(deadRoots: roots, factor: factor)
    }

    public func summary() -> NetworkSummary {
        var kmBare = 0.0
        var kmInsulated = 0.0
        var kmCable = 0.0
        var transformers = 0
        for section in model.sections {
            switch section.kind {
            case .overheadBare: kmBare += section.lengthKm
            case .overheadInsulated: kmInsulated += section.lengthKm
            case .cable: kmCable += section.lengthKm
            case .transformer: transformers += 1
            }
        }
        var byKind: [(kind: DeviceKind, count: Int)] = []
        for kind in DeviceKind.allCases {
            byKind.append((kind, model.devices.reduce(0) { $0 + ($1.kind == kind ? 1 : 0) }))
        }
        let feederCount = model.sources.count
        let withTie = topology.feeders.filter { !$0.ties.isEmpty }.count
        let peakMonth = model.loadProfile.peakMonth
        let factor = demandFactor(month: peakMonth)
        let transferable = (0..<feederCount).filter { canTransferWholeFeeder($0, factor: factor) }
        let overhead = kmBare + kmInsulated
        let lines = overhead + kmCable
        return NetworkSummary(
            name: model.name, feeders: feederCount, buses: model.buses.count,
            lineSections: model.sections.count - transformers, transformers: transformers, kmOverheadBare: kmBare,
            kmOverheadInsulated: kmInsulated, kmCable: kmCable, loadPoints: model.loadPoints.count,
            customers: model.loadPoints.reduce(0) { $0 + $1.customers },
            mvUsers: model.loadPoints.reduce(0) { $0 + $1.mvUsers },
            averageMW: model.loadPoints.reduce(0) { $0 + $1.averageMW },
            peakMW: model.loadPoints.reduce(0) { $0 + $1.peakMW }, zones: topology.zones.count, ties: model.ties.count,
            devicesByKind: byKind, tieRate: feederCount > 0 ? Double(withTie) / Double(feederCount) : 0,
            n1TransferableRate: feederCount > 0 ? Double(transferable.count) / Double(feederCount) : 0,
            n1TransferableFeeders: transferable, overheadInsulationRate: overhead > 0 ? kmInsulated / overhead : nil,
            cableRate: lines > 0 ? kmCable / lines : nil, peakMonth: peakMonth)
    }
}
