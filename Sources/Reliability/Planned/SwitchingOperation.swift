import GridModel

/// Something a switching operation acts on.
public enum SwitchingElement: Sendable, Hashable, Comparable {
    /// A switching device on a section (index into the model's `devices`); normally closed.
    case device(Int)
    /// A normally-open tie (index into the model's `ties`).
    case tie(Int)
    /// The substation bay that feeds root zone `zone` when no device is modelled at the zone's
    /// entry (the feeder head is switched there); normally closed.
    case feederBay(zone: Int)
    /// The low-voltage switch of load point `loadPoint` (index into the model's `loadPoints`):
    /// opened, it takes that load off its transformer without touching the medium-voltage network.
    case lowVoltage(loadPoint: Int)

    /// Whether the element is closed in the network's normal state.
    public var normallyClosed: Bool {
        if case .tie = self { return false }
        return true
    }

    /// How the element is operated: a device or tie by its own control; a feeder-head bay and a
    /// low-voltage switch on site.
    public func control(in network: Network) -> DeviceControl {
        switch self {
        case .device(let d): return network.model.devices[d].control
        case .tie(let t): return network.model.ties[t].control
        case .feederBay, .lowVoltage: return .manual
        }
    }

    /// Whether the element may break and make load: a device by its kind (or `loadBreak`); ties,
    /// feeder-head bays (breakers) and low-voltage switches do.
    public func breaksLoad(in network: Network) -> Bool {
        if case .device(let d) = self { return network.model.devices[d].breaksLoad }
        return true
    }

    /// Hours to operate the element (its own value or the default of its control).
    public func switchingHours(in network: Network) -> Double {
        switch self {
        case .device(let d): return network.deviceSwitchingHours[d]
        case .tie(let t): return network.tieSwitchingHours[t]
        case .feederBay: return network.model.defaults.manualSwitchingHours
        case .lowVoltage: return network.model.defaults.manualOperateHours
        }
    }

    /// The element's id as people read it: a device or tie id, or "F1 feeder head (S1)".
    public func label(in network: Network) -> String {
        switch self {
        case .device(let d): return network.model.devices[d].id.rawValue
        case .tie(let t): return network.model.ties[t].id.rawValue
        case .feederBay, .lowVoltage: return text(in: network).en
        }
    }

    /// The label in both languages ("F1 feeder head (S1)" / "F1 出线开关（S1）").
    public func text(in network: Network) -> Bilingual {
        switch self {
        case .device, .tie: return Bilingual(verbatim: label(in: network))
        case .feederBay(let zone):
            let feeder = network.model.sources[network.topology.zones[zone].feeder].id.rawValue
            let section = network.topology.zones[zone].sections.first.map { network.model.sections[$0].id.rawValue } ?? "zone"
            return Bilingual("\(feeder) feeder head (\(section))", zh: "\(feeder) 出线开关（\(section)）")
        case .lowVoltage(let lp):
            let id = network.model.loadPoints[lp].id.rawValue
            return Bilingual("\(id) low-voltage side", zh: "\(id) 低压侧")
        }
    }
}

/// One step of a planned outage's switching sequence.
public struct SwitchingOperation: Sendable, Equatable {
    public enum Action: String, Sendable, CaseIterable {
        case open
        case close
    }

    /// Why the step is taken.
    public enum Purpose: String, Sendable, CaseIterable {
        /// Move the load below the work zone to another feeder over a tie.
        case transferLoad
        /// Switch the work zone out.
        case isolateWorkZone
        /// Switch the work zone back in after the work.
        case restoreWorkZone
        /// Take the moved load back to its own feeder.
        case returnLoad
        /// Open the load-breaking element above a device that cannot break load, so that the
        /// device is operated dead.
        case breakLoadUpstream
        /// Close that element again once the device is operated.
        case restoreUpstream
        /// Open a device below the work zone so that nothing can feed it from there.
        case isolateBelow
        /// Close it again after the work.
        case restoreBelow
        /// Open a load point's low-voltage side so that the work zone's entry carries no load.
        case shedLoad
        /// Close it again once the entry is closed.
        case restoreLoad
    }

    public var element: SwitchingElement
    public var action: Action
    /// Hours after the outage's start at which the step is done.
    public var atHours: Double
    public var purpose: Purpose
    /// For transfer and return steps: the transfer (index into the plan's `backfeed.transfers`).
    public var transfer: Int?

    public init(element: SwitchingElement, action: Action, atHours: Double, purpose: Purpose, transfer: Int? = nil) {
        self.element = element
        self.action = action
        self.atHours = atHours
        self.purpose = purpose
        self.transfer = transfer
    }
}
