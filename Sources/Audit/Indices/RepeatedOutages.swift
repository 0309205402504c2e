import GridModel

/// A load point (a distribution transformer or an MV user) interrupted `threshold` times or more
/// within one rolling window (频繁停电 / 重复停电).
public struct RepeatedOutage: Sendable, Equatable {
    public var loadPoint: Int
    public var customers: Int
    /// Interruptions of the load point in the period (of the causes counted).
    public var interruptions: Int
    /// The most interruptions in any one window, and when they started (the first window that has
    /// that many).
    public var mostInWindow: Int
    public var starts: [Timestamp]
    /// Event ids of those interruptions.
    public var events: [String]
}

/// Which interruptions a repeated-outage figure counts.
public enum RepeatedOutageScope: String, Sendable, CaseIterable {
    case all
    case planned
    case unplanned

    func counts(_ cause: OutageCause) -> Bool {
        switch self {
        case .all: return true
        // DL/T 836: supply-shortage curtailment is pre-arranged.
        case .planned: return cause == .planned || cause == .supplyShortage
        case .unplanned: return cause != .planned && cause != .supplyShortage
        }
    }
}

extension LogAnalysis {
    /// Load points with at least `threshold` interruptions starting within `windowDays` days of each
    /// other: a window is [t, t + windowDays × 24 h) from an interruption's start t, so one that
    /// starts exactly `windowDays` days later is outside it. Each interruption longer than the
    /// DL/T 836 short threshold counts once by its start, however many days it lasts; rows
    /// without load points cannot be placed and are left out. Sorted by customers, then load point.
    public func repeatedOutages(windowDays: Int, threshold: Int, scope: RepeatedOutageScope) -> [RepeatedOutage] {
        var byLoadPoint: [Int: [(start: Timestamp, event: String)]] = [:]
        for piece in pieces where piece.loadPoint >= 0 && Double(piece.minutes) > options.dltShortMinutes && scope.counts(piece.cause) {
            byLoadPoint[piece.loadPoint, default: []].append((piece.start, records[piece.record].id))
        }
        let window = windowDays * 1440
        var result: [RepeatedOutage] = []
        for (lp, list) in byLoadPoint where list.count >= max(1, threshold) {
            let sorted = list.sorted { ($0.start, $0.event) < ($1.start, $1.event) }
            var best = (count: 0, first: 0)
            var last = 0
            for first in sorted.indices {
                if last < first { last = first }
                while last + 1 < sorted.count && sorted[last + 1].start.minutes - sorted[first].start.minutes < window { last += 1 }
                let count = last - first + 1
                if count > best.count { best = (count, first) }
            }
            guard best.count >= threshold else { continue }
            let chosen = sorted[best.first..<(best.first + best.count)]
            result.append(RepeatedOutage(
                loadPoint: lp, customers: network.model.loadPoints[lp].customers, interruptions: sorted.count, mostInWindow: best.count,
                starts: chosen.map(\.start), events: chosen.map(\.event)))
        }
        return result.sorted { ($0.customers, -$0.loadPoint) > ($1.customers, -$1.loadPoint) }
    }
}
