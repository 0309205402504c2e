import Foundation
import GridModel
import Importers
import Testing

enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ relative: String) -> String { directory.appendingPathComponent(relative).path }

    /// Writes `text` to a fresh scratch directory as `name` (plus any `extra` files) and returns its path.
    static func scratch(_ name: String, _ text: String, extra: [String: String] = [:]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("liveline-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (file, content) in extra.merging([name: text], uniquingKeysWith: { $1 }) {
            let url = folder.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(content.utf8).write(to: url)
        }
        return folder.appendingPathComponent(name).path
    }

    /// One row of reference-counts.csv.
    struct Reference: Sendable, CustomTestStringConvertible {
        var network: String
        var buses, lineSections, loads, sourceLoads, loadPoints, switches, ties, transformers: Int
        var testDescription: String { network }
        var isMatpower: Bool { network.hasSuffix(".m") }
    }

    static let references: [Reference] = {
        let text = (try? String(contentsOfFile: path("reference-counts.csv"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("network,") }.map { line in
            let f = line.split(separator: ",").map(String.init)
            let n = f.dropFirst().map { Int($0) ?? -1 }
            return Reference(network: f[0], buses: n[0], lineSections: n[1], loads: n[2], sourceLoads: n[3], loadPoints: n[4], switches: n[5], ties: n[6], transformers: n[7])
        }
    }()

    static func importReference(_ reference: Reference) throws -> ImportResult {
        let file = path("networks/" + reference.network)
        return reference.isMatpower ? try MatpowerImporter.importFile(path: file) : try OpenDSSImporter.importFile(path: file)
    }
}
