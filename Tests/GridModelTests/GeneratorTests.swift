import GridModel
import Testing

struct GeneratorTests {
    @Test func sameSeedSameNetwork() {
        let a = NetworkGenerator.generate(.init(feeders: 30, seed: 9)).jsonOutput().renderedDocument()
        let b = NetworkGenerator.generate(.init(feeders: 30, seed: 9)).jsonOutput().renderedDocument()
        let c = NetworkGenerator.generate(.init(feeders: 30, seed: 10)).jsonOutput().renderedDocument()
        #expect(a == b)
        #expect(a != c)
    }

    @Test(arguments: [1 as UInt64, 2, 3])
    func generatedNetworksAreValidAndRealistic(seed: UInt64) throws {
        let model = NetworkGenerator.generate(.init(feeders: 200, seed: seed))
        let text = model.jsonOutput().renderedDocument()
        let (network, warnings) = try Network.load(source: SourceText(fileName: "gen.json", bytes: Array(text.utf8)))
        #expect(warnings.isEmpty, "seed \(seed)")
        let summary = network.summary()
        let sectionsPerFeeder = Double(network.model.sections.count) / 200
        #expect(sectionsPerFeeder > 15 && sectionsPerFeeder < 26, "seed \(seed)")
        #expect(summary.tieRate > 0.5 && summary.tieRate < 0.95, "seed \(seed)")
        // Some ties must lack headroom, so not every tied feeder is N-1 transferable.
        #expect(summary.n1TransferableRate < summary.tieRate, "seed \(seed)")
        #expect(summary.n1TransferableRate > 0.1, "seed \(seed)")
        #expect(summary.cableRate! > 0.1 && summary.overheadInsulationRate! > 0.1, "seed \(seed)")
    }

    @Test func generatedFileReadsBackIdentically() throws {
        let model = NetworkGenerator.generate(.init(feeders: 12, seed: 4))
        let text = model.jsonOutput().renderedDocument()
        let network = try Network.load(source: SourceText(fileName: "gen.json", bytes: Array(text.utf8))).network
        #expect(network.model == model)
    }
}
