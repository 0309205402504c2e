import Foundation
import GridModel

enum Fixtures {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let packageRoot = testsDirectory.deletingLastPathComponent().deletingLastPathComponent()

    static func path(_ relative: String) -> String {
        testsDirectory.appendingPathComponent("Fixtures").appendingPathComponent(relative).path
    }

    static func networkPath(_ name: String) -> String {
        packageRoot.appendingPathComponent("networks").appendingPathComponent(name).path
    }

    static func bundledNetwork(_ name: String) throws -> Network {
        try Network.load(path: networkPath(name)).network
    }

    static func jsonObject(_ relative: String) throws -> [String: Any] {
        let data = FileManager.default.contents(atPath: path(relative)) ?? Data()
        return (try JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }
}

/// |a − b| ≤ tolerance × max(|b|, tiny): relative comparison that also works at zero.
func close(_ a: Double, _ b: Double, relative tolerance: Double = 1e-6) -> Bool {
    abs(a - b) <= tolerance * max(abs(b), 1e-12)
}
