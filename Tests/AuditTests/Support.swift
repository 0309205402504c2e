import Foundation
import GridModel

enum Fixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func source(_ name: String) -> SourceText {
        let data = FileManager.default.contents(atPath: testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(name).path) ?? Data()
        return SourceText(fileName: name, bytes: [UInt8](data))
    }

    static func rbts() throws -> Network {
        try Network.load(path: packageRoot.appendingPathComponent("networks/rbts-bus2.json").path).network
    }
}

func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-9) -> Bool { abs(a - b) <= tolerance * max(1, abs(b)) }
