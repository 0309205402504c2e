import Foundation
import GridModel

/// Paths of test fixtures and bundled data, found from this file's location.
enum Fixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
    }

    static func networkPath(_ name: String) -> String {
        packageRoot.appendingPathComponent("networks").appendingPathComponent(name).path
    }

    /// The fixture's bytes, named by its path relative to Fixtures/ (so messages are stable).
    static func source(_ relative: String) -> SourceText {
        let data = FileManager.default.contents(atPath: path(relative)) ?? Data()
        return SourceText(fileName: relative, bytes: [UInt8](data))
    }

    static func network(_ relative: String) throws -> Network {
        try Network.load(source: source(relative)).network
    }

    static func bundledNetwork(_ name: String) throws -> Network {
        try Network.load(path: networkPath(name)).network
    }
}
