import GridModel

/// A network as read from a foreign format, before it is made radial and mapped to format v1.
struct RawNetwork {
    enum BranchKind {
        /// A line or cable of this length; `kindAssumed` when the file did not tell overhead from cable.
        case line(lengthKm: Double, kind: SectionKind, kindAssumed: Bool)
        /// A transformer between a primary and a secondary voltage (kV).
        case transformer(primaryKV: Double, secondaryKV: Double)
        /// A zero-impedance connection to merge away (source reactor, voltage regulator).
        case connector
    }

    struct Branch {
        var id: String
        var busA: String
        var busB: String
        var kind: BranchKind
        var isSwitch: Bool
        var normallyOpen: Bool
        var location: Location
        /// Permanent failures per year and repair time when the file gives them (OpenDSS faultrate, repair).
        var failuresPerYear: Double?
        var repairHours: Double?
    }

    struct Load {
        var id: String
        var bus: String
        var kW: Double
        /// Customers when the file says; nil = from kW by assumption.
        var customers: Int?
        var location: Location
    }

    struct Device {
        var id: String
        var kind: DeviceKind
        /// Branch id the device monitors or switches.
        var branch: String
        /// 1 = at busA, 2 = at busB.
        var terminal: Int
        var location: Location
    }

    struct Location {
        var file: String
        var line: Int
    }

    var name: String
    /// Source buses (feeder heads) and a name for each.
    var sources: [(bus: String, name: String)] = []
    var branches: [Branch] = []
    var loads: [Load] = []
    var devices: [Device] = []
    /// Bus coordinates by bus name (lowercased).
    var coordinates: [String: (Double, Double)] = [:]
    var nominalKV: Double = 10
}
