/// The kind of a switching device. Breakers, reclosers and fuses are protective: they clear faults.
public enum DeviceKind: String, Sendable, CaseIterable, Codable {
    case breaker
    case recloser
    case fuse
    case loadBreakSwitch
    case disconnector

    /// Whether the device interrupts fault current by itself.
    public var isProtective: Bool { self == .breaker || self == .recloser || self == .fuse }

    /// Whether a device of this kind can break and make load current: breakers, reclosers and
    /// load-break switches can; a disconnector or a fuse cut-out cannot (it is operated only
    /// with no current through it) unless the device is marked `loadBreak`.
    public var breaksLoadByDefault: Bool { self == .breaker || self == .recloser || self == .loadBreakSwitch }
}

/// How a device is operated: by a crew on site, or from the control room.
public enum DeviceControl: String, Sendable, CaseIterable, Codable {
    case manual
    case remote
}

/// Which end of its section a device sits at, in the section's from → to direction.
public enum SectionEnd: String, Sendable, CaseIterable, Codable {
    case from
    case to
}

/// A switching device at one end of a section. It bounds isolation zones.
public struct SwitchingDevice: Sendable, Equatable {
    public var id: DeviceID
    public var name: String?
    public var kind: DeviceKind
    public var section: SectionID
    public var end: SectionEnd
    /// Normally-open devices on sections are not part of format v1: open points are `ties`.
    public var normallyOpen: Bool
    public var control: DeviceControl
    /// Hours to operate this device during restoration (override of the network default for its control).
    public var switchingHours: Double?
    /// Whether the device can break and make load current (override of its kind's default: a
    /// disconnector with a load-break attachment, a cut-out operated with a load-break tool).
    public var loadBreak: Bool?

    /// Whether the device may be opened or closed with load current through it.
    public var breaksLoad: Bool { loadBreak ?? kind.breaksLoadByDefault }

    public init(
        id: DeviceID, name: String? = nil, kind: DeviceKind, section: SectionID, end: SectionEnd,
        normallyOpen: Bool = false, control: DeviceControl = .manual, switchingHours: Double? = nil, loadBreak: Bool? = nil
    ) {
        self.loadBreak = loadBreak
        self.id = id
        self.name = name
        self.kind = kind
        self.section = section
        self.end = end
        self.normallyOpen = normallyOpen
        self.control = control
        self.switchingHours = switchingHours
    }
}

/// A normally-open switch between two buses of different feeders (loop supply, 手拉手).
public struct Tie: Sendable, Equatable {
    public var id: TieID
    public var name: String?
    public var busA: BusID
    public var busB: BusID
    public var control: DeviceControl
    /// Hours to close the tie (override of the network default for its control).
    public var switchingHours: Double?
    /// Most power the tie may carry in MW; nil = limited only by the feeding side's headroom.
    public var capacityMW: Double?
    /// Declares a normally-open point that closes a loop within one feeder (as in the IEEE 123-node
    /// feeder); without it, a tie joining a feeder to itself is an error.
    public var withinFeeder: Bool

    public init(
        id: TieID, name: String? = nil, busA: BusID, busB: BusID, control: DeviceControl = .manual,
        switchingHours: Double? = nil, capacityMW: Double? = nil, withinFeeder: Bool = false
    ) {
        self.withinFeeder = withinFeeder
        self.id = id
        self.name = name
        self.busA = busA
        self.busB = busB
        self.control = control
        self.switchingHours = switchingHours
        self.capacityMW = capacityMW
    }
}
