import GridModel

/// Where each bus of one feeder is drawn: a tidy tree (depth to the right, one row per leaf,
/// parents centred on their children) from the topology, or the buses' own coordinates when the
/// file gives them for every bus of the feeder.
struct FeederLayout {
    var x: [Int: Double] = [:]
    var y: [Int: Double] = [:]
    var width: Double = 0
    var height: Double = 0
    var fromCoordinates = false

    static let margin = 16.0

    static func make(_ network: Network, feeder index: Int, preferCoordinates: Bool) -> FeederLayout {
        let topology = network.topology
        let feeder = topology.feeders[index]
        let root = network.sourceBus[feeder.source]
        if preferCoordinates, let layout = fromCoordinates(network, feeder: feeder, root: root) { return layout }
        var children: [Int: [Int]] = [:]  // bus → child buses, in section order
        for s in feeder.sections { children[topology.upstreamBus[s], default: []].append(topology.downstreamBus[s]) }
        // Depth-first order (iterative), leaves numbered in visiting order.
        var depth: [Int: Int] = [root: 0]
        var order: [Int] = []
        var stack = [root]
        while let bus = stack.popLast() {
            order.append(bus)
            for child in (children[bus] ?? []).reversed() {
                depth[child] = depth[bus]! + 1
                stack.append(child)
            }
        }
        var row: [Int: Double] = [:]
        var leaves = 0
        for bus in order where children[bus] == nil {
            row[bus] = Double(leaves)
            leaves += 1
        }
        for bus in order.reversed() {
            if let kids = children[bus], let first = kids.first, let last = kids.last { row[bus] = (row[first]! + row[last]!) / 2 }
        }
        let maxDepth = max(1, depth.values.max() ?? 1)
        // Room for the ids drawn on small feeders (NetworkDrawing.labelLimit); dense ones shrink.
        let dx = min(feeder.sections.count <= NetworkDrawing.labelLimit ? 80 : 48, 1040 / Double(maxDepth))
        let dy = leaves <= 40 ? 26 : leaves <= 120 ? 14 : max(3, 1560 / Double(leaves))
        var layout = FeederLayout()
        for bus in order {
            layout.x[bus] = margin + Double(depth[bus]!) * dx
            layout.y[bus] = margin + row[bus]! * dy
        }
        layout.width = 2 * margin + Double(maxDepth) * dx + 90
        layout.height = 2 * margin + Double(max(leaves - 1, 0)) * dy
        return layout
    }

    private static func fromCoordinates(_ network: Network, feeder: Topology.Feeder, root: Int) -> FeederLayout? {
        var buses = [root]
        for s in feeder.sections { buses.append(network.topology.downstreamBus[s]) }
        var points: [(Int, Double, Double)] = []
        for bus in buses {
            guard let x = network.model.buses[bus].x, let y = network.model.buses[bus].y else { return nil }
            points.append((bus, x, y))
        }
        let xs = points.map(\.1), ys = points.map(\.2)
        let spanX = max((xs.max()! - xs.min()!), 1e-9), spanY = max((ys.max()! - ys.min()!), 1e-9)
        let scale = feeder.sections.count <= NetworkDrawing.labelLimit ? min(640 / spanX, 460 / spanY) : min(440 / spanX, 320 / spanY)
        var layout = FeederLayout()
        layout.fromCoordinates = true
        for (bus, x, y) in points {
            layout.x[bus] = margin + (x - xs.min()!) * scale
            layout.y[bus] = margin + (ys.max()! - y) * scale  // north up
        }
        layout.width = 2 * margin + spanX * scale + 90
        layout.height = 2 * margin + spanY * scale
        return layout
    }
}
