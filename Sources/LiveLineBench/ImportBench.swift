import Foundation
import GridModel
import Importers

/// Importing the two largest public OpenDSS circuits bundled with the tests.
func benchImport() {
    print("== import: OpenDSS circuit → validated network (target: < 1 s each for ieee8500 and epri-ckt24)")
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    for relative in ["ieee8500/Master.dss", "epri-ckt24/master_ckt24.dss"] {
        let path = root.appendingPathComponent("Tests/ImportersTests/Fixtures/networks/" + relative).path
        let read = measure { OpenDSSImporter.readCircuitForBenchmark(path: path) }
        let full = measure { () -> Network? in
            guard let result = try? OpenDSSImporter.importFile(path: path) else { return nil }
            return try? Network(validating: result.model, name: relative)
        }
        guard let network = full.result else {
            print("\(relative): import failed")
            exit(1)
        }
        let label = relative.padding(toLength: 30, withPad: " ", startingAt: 0)
        print(label + String(format: "%5d sections, %5d load points: read files %.3f s, import + validate %.3f s",
                     network.model.sections.count, network.model.loadPoints.count, read.seconds, full.seconds))
    }
}
