import GridModel
import Reliability

/// The rules for outages on the same day, shared by the evaluation and the greedy schedule (the
/// MILP states the same rules as constraints):
/// - no two outages on one root path: a zone switched out while a zone above or below it is too
///   (jobs below an outage ride on it instead), nor one zone in two modes;
/// - a feeder that supplies a transfer is not switched out for work the same day;
/// - an outage whose switching briefly opens a load-breaking element above its zone (its entry
///   cannot break load, ``PlannedOutagePlan/upstreamBreaker``) has no other outage below that
///   element the same day, so that every outage's interruptions are its own and add up;
/// - with a bypass connection interruption, no bypass in a zone that an outage switches out or
///   briefly interrupts.
enum OutageRules {
    /// The zone below the element an outage's switching opens above its own zone, or nil.
    static func briefRegion(_ cost: OutageCost, _ network: Network) -> Int? {
        switch cost.plan.upstreamBreaker {
        case .device(let d): return network.topology.zoneBelowDevice[d]
        case .feederBay(let zone): return zone
        default: return nil
        }
    }

    /// Why outages `a` and `b` of one day cannot both happen, or nil.
    static func conflict(_ a: OutageRef, _ aCost: OutageCost, _ b: OutageRef, _ bCost: OutageCost, network: Network) -> String? {
        let topology = network.topology
        func name(_ zone: Int) -> String { zoneName(zone, network) }
        if a.zone == b.zone {
            return "zone \(name(a.zone)) is switched out twice (by outage and by transfer)"
        }
        if topology.isInSubtree(b.zone, of: a.zone) || topology.isInSubtree(a.zone, of: b.zone) {
            let (upper, lower) = topology.isInSubtree(b.zone, of: a.zone) ? (a.zone, b.zone) : (b.zone, a.zone)
            return "zone \(name(lower)) lies below zone \(name(upper)), which is switched out the same day (a job below an outage rides on it)"
        }
        if let region = briefRegion(aCost, network), topology.isInSubtree(b.zone, of: region) {
            return "the switching of zone \(name(a.zone)) opens the supply of zone \(name(b.zone)) above it, which is switched out the same day"
        }
        if let region = briefRegion(bCost, network), topology.isInSubtree(a.zone, of: region) {
            return "the switching of zone \(name(b.zone)) opens the supply of zone \(name(a.zone)) above it, which is switched out the same day"
        }
        let feederA = topology.zones[a.zone].feeder
        let feederB = topology.zones[b.zone].feeder
        if a.transfer && aCost.supplyingFeeders.contains(feederB) {
            return "feeder \(network.model.sources[feederB].id.rawValue) supplies the transfer of zone \(name(a.zone)) and has zone \(name(b.zone)) switched out"
        }
        if b.transfer && bCost.supplyingFeeders.contains(feederA) {
            return "feeder \(network.model.sources[feederA].id.rawValue) supplies the transfer of zone \(name(b.zone)) and has zone \(name(a.zone)) switched out"
        }
        return nil
    }

    /// Whether a bypass in `zone` conflicts with an outage: the outage interrupts the zone's customers.
    static func bypassConflicts(zone: Int, with outage: OutageRef, cost: OutageCost, network: Network) -> Bool {
        network.topology.isInSubtree(zone, of: briefRegion(cost, network) ?? outage.zone)
    }

    /// A zone as people name it: its first section.
    static func zoneName(_ zone: Int, _ network: Network) -> String {
        network.topology.zones[zone].sections.first.map { network.model.sections[$0].id.rawValue } ?? "#\(zone)"
    }
}
