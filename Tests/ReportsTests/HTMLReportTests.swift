import Foundation
import GridModel
@testable import Reports
import Reliability
import Testing

struct HTMLReportTests {
    static func generated(_ feeders: Int) throws -> Network {
        let model = NetworkGenerator.generate(.init(feeders: feeders, seed: 11))
        return try Network(validating: model, name: "generated")
    }

    @Test func treeLayoutGivesEveryBusOfAFeederItsOwnPlaceAndLeavesTheirOwnRow() throws {
        let network = try Self.generated(200)
        for f in network.topology.feeders.indices {
            let layout = FeederLayout.make(network, feeder: f, preferCoordinates: false)
            let feeder = network.topology.feeders[f]
            let buses = [network.sourceBus[feeder.source]] + feeder.sections.map { network.topology.downstreamBus[$0] }
            var seen = Set<String>()
            for bus in buses {
                let key = "\(layout.x[bus]!),\(layout.y[bus]!)"
                #expect(seen.insert(key).inserted, "two buses of feeder \(f) drawn at \(key)")
                #expect(layout.x[bus]! <= layout.width && layout.y[bus]! <= layout.height)
            }
            // A child is always to the right of its parent.
            for s in feeder.sections { #expect(layout.x[network.topology.downstreamBus[s]]! > layout.x[network.topology.upstreamBus[s]]!) }
        }
    }

    @Test func coordinatesAreUsedWhenEveryBusHasThem() throws {
        var model = NetworkModel(name: "xy", nominalKV: 10)
        model.buses = [Bus(id: "S", x: 0, y: 0), Bus(id: "A", x: 1000, y: 0), Bus(id: "B", x: 1000, y: 500)]
        model.sources = [Source(id: "F1", bus: "S")]
        model.sections = [Section(id: "L1", from: "S", to: "A", kind: .cable, lengthKm: 1), Section(id: "L2", from: "A", to: "B", kind: .cable, lengthKm: 0.5)]
        model.loadPoints = [LoadPoint(id: "LP", bus: "B", customers: 10, averageMW: 0.1, peakMW: 0.2, customerClass: .residential)]
        let network = try Network(validating: model, name: "xy")
        let layout = FeederLayout.make(network, feeder: 0, preferCoordinates: true)
        #expect(layout.fromCoordinates)
        #expect(layout.y[2]! < layout.y[1]!)  // north up
        #expect(abs((layout.x[1]! - layout.x[0]!) / (layout.y[1]! - layout.y[2]!) - 2) < 1e-9)
        #expect(!FeederLayout.make(network, feeder: 0, preferCoordinates: false).fromCoordinates)
    }

    @Test func theNetworkSectionDrawsEverySectionDeviceAndTieOnce() throws {
        let network = try Self.generated(30)
        let html = HTMLReport.render(ReportInput(network: network, networkFile: "g.json"))
        #expect(html.components(separatedBy: "<figure class=\"feeder\"").count - 1 == network.topology.feeders.count)
        #expect(html.components(separatedBy: " data-section=\"").count - 1 == network.model.sections.count)
        // A tie between two feeders is drawn once from each side.
        #expect(html.components(separatedBy: " data-tie=\"").count - 1 == 2 * network.model.ties.count)
        let deviceTitles = network.model.devices.filter { html.contains("<title>\($0.id.rawValue) · ") }.count
        #expect(deviceTitles == network.model.devices.count)
        #expect(!html.contains("<script") && !html.contains("http://") && !html.contains("https://"))
        #expect(html.hasPrefix("<!DOCTYPE html>") && html.hasSuffix("</html>\n"))
    }

    @Test func reliabilityNumbersCarryTheExactValuesAndChineseLabelsAppear() throws {
        let network = try Network.load(path: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("networks/rbts-bus2.json").path).network
        let result = AnalyticalEvaluation.evaluate(network)
        let json = ReliabilityReport(file: "rbts.json", network: network, result: result).json().rendered()
        var input = ReportInput(network: network, networkFile: "rbts.json")
        input.reliability = try JSONParser.parse(Array(json.utf8))
        input.saidiOverlay = true
        input.language = .zh
        let html = HTMLReport.render(input)
        #expect(html.contains("data-key=\"system.SAIDI\" data-value=\"\(JSONOutput.numberText(result.system.saidi))\""))
        #expect(html.contains("data-key=\"system.RS1_percent\" data-value=\"\(JSONOutput.numberText(result.system.rs1Percent))\""))
        #expect(html.contains("供电可靠率") && html.contains("用户平均停电时间") && html.contains("lang=\"zh\""))
        // SAIDI overlay: the top contributor is drawn darkest.
        let top = try #require(result.components.first)
        let id = network.model.sections[top.section].id.rawValue
        #expect(html.contains("style=\"stroke:rgb(179,0,0)\" data-section=\"\(id)\""))
    }

    @Test func escapingKeepsMarkupOut() {
        #expect(HTML.escape("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;")
        #expect(Charts.ticks(max: 7.3) == [0, 2, 4, 6, 8])
        #expect(Charts.ticks(max: 0) == [0])
    }
}
