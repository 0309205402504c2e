import Reports
import ArgumentParser
import GridModel

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Summarise a network: size, load, zones, ties and network-capability figures.")

    @Argument(help: "Network file.")
    var file: String

    @Option(help: "Output format: text or json.")
    var format: TextOrJSON = .text

    @Flag(help: "Add a table with one row per feeder.")
    var feeders = false

    func validate() throws {
    }

    func run() throws {
        let network = try loadNetwork(file, quiet: format == .json)
        let summary = network.summary()
        switch format {
        case .json: Console.out(InfoReport.json(summary, network: network, file: file).rendered())
        case .text: Console.out(InfoReport.text(summary, network: network, file: file, perFeeder: feeders))
        }
    }
}

enum InfoReport {
    static func feederKm(_ network: Network, _ feeder: Int) -> Double {
        network.topology.feeders[feeder].sections.reduce(0) { $0 + network.model.sections[$1].lengthKm }
    }

    static func text(_ summary: NetworkSummary, network: Network, file: String, perFeeder: Bool) -> String {
        var lines: [String] = []
        lines.append("Network: \(summary.name.isEmpty ? "(unnamed)" : summary.name)  [\(file)]")
        var table = TextTable(["", ""], alignments: [.left, .left])
        table.add(["Feeders", "\(summary.feeders)"])
        table.add(["Buses", "\(summary.buses)"])
        table.add(["Line sections", "\(summary.lineSections)  (overhead bare \(fixed(summary.kmOverheadBare, 2)) km, overhead insulated \(fixed(summary.kmOverheadInsulated, 2)) km, cable \(fixed(summary.kmCable, 2)) km)"])
        table.add(["Transformers", "\(summary.transformers)"])
        table.add(["Load points", "\(summary.loadPoints)"])
        table.add(["Customers", "\(summary.customers)  (MV users \(summary.mvUsers))"])
        table.add(["Average load", "\(fixed(summary.averageMW, 3)) MW"])
        table.add(["Peak load", "\(fixed(summary.peakMW, 3)) MW  (sum of load-point peaks)"])
        table.add(["Zones", "\(summary.zones)"])
        table.add(["Ties", "\(summary.ties)"])
        table.add(["Devices", summary.devicesByKind.map { "\($0.kind.rawValue) \($0.count)" }.joined(separator: ", ")])
        lines.append(table.rendered(indent: 2, header: false))
        let withTie = Int((summary.tieRate * Double(summary.feeders)).rounded())
        lines.append("Network capability (transfer check at peak month \(summary.peakMonth))")
        var capability = TextTable(["", ""], alignments: [.left, .left])
        capability.add(["Tie rate (联络率)", "\(percent(summary.tieRate))  (\(withTie) of \(summary.feeders) feeders have a tie)"])
        capability.add(["N-1 transferable rate (可转供率)", "\(percent(summary.n1TransferableRate))  (\(summary.n1TransferableFeeders.count) of \(summary.feeders) feeders)"])
        capability.add(["Overhead insulation rate (绝缘化率)", percent(summary.overheadInsulationRate)])
        capability.add(["Cable rate (电缆化率)", percent(summary.cableRate)])
        lines.append(capability.rendered(indent: 2, header: false))
        if perFeeder {
            let transferable = Set(summary.n1TransferableFeeders)
            var feeders = TextTable(["feeder", "customers", "avg MW", "peak MW", "rating MW", "km", "zones", "ties", "N-1"])
            for (f, feeder) in network.topology.feeders.enumerated() {
                feeders.add([
                    network.model.sources[f].id.rawValue, "\(feeder.customers)", fixed(feeder.averageMW, 3),
                    fixed(feeder.peakMW, 3), network.sourceRatingMW[f].isFinite ? fixed(network.sourceRatingMW[f], 2) : "unlimited",
                    fixed(feederKm(network, f), 2), "\(feeder.zoneEnd - feeder.zoneStart)", "\(feeder.ties.count)",
                    transferable.contains(f) ? "yes" : "no",
                ])
            }
            lines.append("Feeders")
            lines.append(feeders.rendered(indent: 2))
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ summary: NetworkSummary, network: Network, file: String) -> JSONOutput {
        let transferable = Set(summary.n1TransferableFeeders)
        return .object([
            ("file", .string(file)),
            ("name", .string(summary.name)),
            ("feeders", .integer(summary.feeders)),
            ("buses", .integer(summary.buses)),
            ("lineSections", .integer(summary.lineSections)),
            ("transformers", .integer(summary.transformers)),
            ("km", .object([
                ("overheadBare", .number(summary.kmOverheadBare)), ("overheadInsulated", .number(summary.kmOverheadInsulated)),
                ("cable", .number(summary.kmCable)),
            ])),
            ("loadPoints", .integer(summary.loadPoints)),
            ("customers", .integer(summary.customers)),
            ("mvUsers", .integer(summary.mvUsers)),
            ("averageMW", .number(summary.averageMW)),
            ("peakMW", .number(summary.peakMW)),
            ("zones", .integer(summary.zones)),
            ("ties", .integer(summary.ties)),
            ("devices", .object(summary.devicesByKind.map { ($0.kind.rawValue, .integer($0.count)) })),
            ("capability", .object([
                ("peakMonth", .integer(summary.peakMonth)),
                ("tieRate", .number(summary.tieRate)),
                ("n1TransferableRate", .number(summary.n1TransferableRate)),
                ("overheadInsulationRate", .finite(summary.overheadInsulationRate)),
                ("cableRate", .finite(summary.cableRate)),
            ])),
            ("feederTable", .array(network.topology.feeders.enumerated().map { f, feeder in
                .object([
                    ("id", .string(network.model.sources[f].id.rawValue)), ("customers", .integer(feeder.customers)),
                    ("averageMW", .number(feeder.averageMW)), ("peakMW", .number(feeder.peakMW)),
                    ("ratingMW", .finite(network.sourceRatingMW[f])), ("km", .number(feederKm(network, f))),
                    ("zones", .integer(feeder.zoneEnd - feeder.zoneStart)), ("ties", .integer(feeder.ties.count)),
                    ("n1Transferable", .bool(transferable.contains(f))),
                ])
            })),
        ])
    }
}
