/// The structure derived from a network in its normal switching state. Never stored in files.
///
/// All indices are 0-based into the model's arrays; `-1` means "none". Zones are numbered in
/// depth-first preorder, so the zones below zone `z` are exactly `z ..< zones[z].subtreeEnd`, and
/// the load points of that subtree are `loadPointOrder[zones[z].loadPointStart ..< zones[subtreeEnd].loadPointStart]`
/// (a sentinel entry closes the list).
public struct Topology: Sendable {
    /// One isolation zone: a maximal set of sections and buses not separated by a switching device.
    public struct Zone: Sendable {
        /// Index of the feeder (= source) the zone belongs to.
        public var feeder: Int
        /// Parent zone (towards the source), or -1 for a zone fed straight from the feeder head.
        public var parent: Int
        /// One past the last zone of this zone's subtree (preorder numbering).
        public var subtreeEnd: Int
        /// Devices between this zone and its parent (the isolation point upstream); empty when the
        /// zone is fed from the source bus without a device.
        public var entryDevices: [Int]
        /// Sections inside the zone.
        public var sections: [Int]
        /// First position of this zone's load points in `loadPointOrder`.
        public var loadPointStart: Int
        /// Number of load points in this zone itself (not its subtree).
        public var loadPointCount: Int
        /// Ties with an end in this zone: (tie index, which end: 0 = busA, 1 = busB).
        public var ties: [TieEnd]
        /// Customers of the zone's own load points.
        public var customers: Int = 0
        /// Sum of the zone's own load points' average demand in MW.
        public var averageMW: Double = 0
        /// Sum of the zone's own load points' peak demand in MW (before the load profile).
        public var peakMW: Double = 0
        /// True when one of the zone's load points is sensitive (priority).
        public var hasSensitiveLoad: Bool = false
    }

    /// One end of a tie: the tie and which of its buses lies in the zone concerned.
    public struct TieEnd: Sendable, Equatable {
        public var tie: Int
        /// 0 when the end is `busA`, 1 when it is `busB`.
        public var side: Int
    }

    /// One feeder: a source and everything it supplies in the normal state.
    public struct Feeder: Sendable {
        public var source: Int
        /// Zones of this feeder: `zoneStart ..< zoneEnd` (preorder, contiguous).
        public var zoneStart: Int
        public var zoneEnd: Int
        /// Sections supplied by the feeder, in breadth-first order from the source.
        public var sections: [Int]
        /// Load points supplied by the feeder, by index.
        public var loadPoints: [Int]
        public var customers: Int
        public var averageMW: Double
        /// Sum of the load points' peak demands in MW (before the load profile).
        public var peakMW: Double
        /// Ties with an end on this feeder.
        public var ties: [TieEnd]
    }

    /// A rated element and the peak demand it already carries.
    public struct Limit: Sendable {
        public var ratingMW: Double
        public var peakFlowMW: Double

        /// Spare capacity in MW when demand is scaled by `factor` (1 = peak), never negative.
        public func headroomMW(factor: Double) -> Double {
            max(0, ratingMW - peakFlowMW * factor)
        }
    }

    /// The route from a feeder head to one end of a tie, reduced to what limits a transfer through it.
    public struct SupplyPath: Sendable {
        /// Feeder whose source would supply through this end.
        public var feeder: Int
        /// Every finitely rated section between the feeder head and the tie end.
        public var sectionLimits: [Limit]
        /// Index of the section of each entry of `sectionLimits` (same order: from the tie end up).
        public var sections: [Int]

        /// Spare capacity of the sections on the way, in MW, when demand is scaled by `factor`.
        public func headroomMW(factor: Double) -> Double {
            var headroom = Double.infinity
            for limit in sectionLimits { headroom = min(headroom, limit.headroomMW(factor: factor)) }
            return headroom
        }
    }

    // Buses
    /// Feeder supplying each bus; for source buses, the source's feeder.
    public var feederOfBus: [Int]
    /// Section feeding each bus from upstream; -1 for source buses.
    public var parentSectionOfBus: [Int]
    /// Zone of each bus; -1 for source buses (the substation side is not a zone).
    public var zoneOfBus: [Int]
    /// True for the bus of a source.
    public var isSourceBus: [Bool]

    // Sections
    public var feederOfSection: [Int]
    /// The end of each section nearer the source.
    public var upstreamBus: [Int]
    public var downstreamBus: [Int]
    public var zoneOfSection: [Int]
    /// Nearest protective device (breaker, recloser, fuse) upstream of a fault on the section,
    /// or -1 when none is modelled (the feeder head trips).
    public var protectiveDeviceOfSection: [Int]
    /// Peak demand in MW flowing through each section in the normal state.
    public var sectionPeakFlowMW: [Double]
    /// Devices on each section.
    public var devicesOfSection: [[Int]]

    // Devices
    /// True when the device sits at the upstream end of its section.
    public var deviceAtUpstreamEnd: [Bool]
    /// The zone directly downstream of each device (the zone it isolates from upstream).
    public var zoneBelowDevice: [Int]

    // Zones, feeders, load points, ties
    public var zones: [Zone]
    /// Load point indices sorted by zone (preorder); load points on source buses are not listed.
    public var loadPointOrder: [Int]
    /// Zone of each load point; -1 when it sits on a source bus.
    public var zoneOfLoadPoint: [Int]
    public var feeders: [Feeder]
    /// Supply path through each end of each tie: `tiePaths[t][0]` feeds from busA's feeder.
    public var tiePaths: [[SupplyPath]]
    /// Zone of each end of each tie.
    public var tieZones: [[Int]]
    /// Each feeder head's rating against the feeder's own peak demand (rating `.infinity` when unlimited).
    public var sourceLimits: [Limit]

    /// Load points of zones `zoneStart ..< zoneEnd` (a preorder range), as positions in `loadPointOrder`.
    public func loadPointRange(zones zoneStart: Int, _ zoneEnd: Int) -> Range<Int> {
        let end = zoneEnd < zones.count ? zones[zoneEnd].loadPointStart : loadPointOrderEnd
        return zones[zoneStart].loadPointStart..<end
    }

    /// Number of entries of `loadPointOrder`.
    public var loadPointOrderEnd: Int { loadPointOrder.count }

    /// Root zones of a feeder (those fed straight from its head), in preorder.
    public func rootZones(ofFeeder feeder: Int) -> [Int] {
        var roots: [Int] = []
        var zone = feeders[feeder].zoneStart
        while zone < feeders[feeder].zoneEnd {
            roots.append(zone)
            zone = zones[zone].subtreeEnd
        }
        return roots
    }

    /// Child zones of `zone`, in preorder.
    public func childZones(of zone: Int) -> [Int] {
        var result: [Int] = []
        var child = zone + 1
        while child < zones[zone].subtreeEnd {
            result.append(child)
            child = zones[child].subtreeEnd
        }
        return result
    }

    /// Whether zone `zone` lies in the subtree of zone `ancestor` (a zone is in its own subtree).
    public func isInSubtree(_ zone: Int, of ancestor: Int) -> Bool {
        zone >= ancestor && zone < zones[ancestor].subtreeEnd
    }
}
