import GridModel

/// A rated element a transfer loads: the tie itself, a rated section on the supplying feeder's
/// path to the tie, or the supplying feeder's head.
public enum RatedElement: Sendable, Hashable, Comparable {
    case tie(Int)
    case section(Int)
    case source(Int)

    public func label(in network: Network) -> String {
        switch self {
        case .tie(let t): return "tie \(network.model.ties[t].id.rawValue)"
        case .section(let s): return "section \(network.model.sections[s].id.rawValue)"
        case .source(let f): return "feeder head \(network.model.sources[f].id.rawValue)"
        }
    }
}

/// Moved load on one rated element while a tie carries it.
public struct TransferLoad: Sendable, Equatable {
    public var element: RatedElement
    /// Peak demand moved (before the load profile), MW.
    public var peakMW: Double
    /// When the tie is closed: hours after midnight of the day (past 24 runs into the night).
    public var fromHours: Double
    public var toHours: Double

    /// Hour slots (⌊from⌋ … ⌈to⌉ − 1, at least ⌊from⌋) the load is carried in.
    public var hourSlots: ClosedRange<Int> {
        let first = Int(max(0, min(fromHours, 1e6)).rounded(.down))
        let last = max(first, Int(max(0, min(toHours, 1e6)).rounded(.up)) - 1)
        return first...last
    }
}

/// An hour in which moved load exceeds an element's spare capacity.
public struct HeadroomViolation: Sendable, Equatable {
    public var element: RatedElement
    /// Hour slot (hours after midnight; 24 and later are the night after).
    public var hour: Int
    public var loadMW: Double
    public var spareMW: Double
}

extension Network {
    /// Spare capacity of a rated element at demand factor `factor`, MW (never negative; `.infinity`
    /// when unrated): capacity minus its normal peak flow scaled by the factor.
    public func spareMW(_ element: RatedElement, factor: Double) -> Double {
        switch element {
        case .tie(let t): return tieCapacityMW[t]
        case .section(let s):
            guard sectionRatingMW[s].isFinite else { return .infinity }
            return max(0, sectionRatingMW[s] - topology.sectionPeakFlowMW[s] * factor)
        case .source(let f): return topology.sourceLimits[f].headroomMW(factor: factor)
        }
    }
}

extension PlannedOutagePlan {
    /// What each tie of the plan loads, placed on the day at `startHours` (hours after midnight).
    public func transferLoads(in network: Network, startHours: Double) -> [TransferLoad] {
        var loads: [TransferLoad] = []
        for (k, transfer) in backfeed.transfers.enumerated() {
            let window = tieClosedWindow(k)
            let path = network.topology.tiePaths[transfer.tie][transfer.supplyingSide]
            let elements = [RatedElement.tie(transfer.tie)] + path.sections.map { .section($0) } + [.source(path.feeder)]
            for element in elements {
                loads.append(TransferLoad(element: element, peakMW: transfer.peakMW, fromHours: startHours + window.from, toHours: startHours + window.to))
            }
        }
        return loads
    }
}

/// The headroom rule for every transfer of one day: in every hour, the load moved onto each
/// element (at that hour's demand factor) stays within its spare capacity at that factor.
public enum TransferHeadroom {
    public static func violations(_ loads: [TransferLoad], month: Int, network: Network) -> [HeadroomViolation] {
        var byElement: [RatedElement: [TransferLoad]] = [:]
        for load in loads { byElement[load.element, default: []].append(load) }
        var violations: [HeadroomViolation] = []
        for element in byElement.keys.sorted() {
            let list = byElement[element]!
            let first = list.map(\.hourSlots.lowerBound).min() ?? 0
            let last = list.map(\.hourSlots.upperBound).max() ?? 0
            for hour in first...last {
                let factor = network.demandFactor(month: month, hour: hour % 24)
                var moved = 0.0
                for load in list where load.hourSlots.contains(hour) { moved += load.peakMW * factor }
                let spare = network.spareMW(element, factor: factor)
                if moved > spare + 1e-6 { violations.append(HeadroomViolation(element: element, hour: hour, loadMW: moved, spareMW: spare)) }
            }
        }
        return violations
    }
}
