import Foundation
import GLPKSolver
import Testing

/// Exported models re-solved by Debian's glpsol (glpk-utils) give the same objective.
struct ExportTests {
    static var glpsol: String? {
        ["/usr/bin/glpsol", "/usr/local/bin/glpsol"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    func glpsolObjective(_ arguments: [String]) throws -> Double? {
        let glpsol = try #require(Self.glpsol, "glpsol is missing: install glpk-utils (make test does)")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: glpsol)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("glpsol-\(UUID().uuidString).txt")
        process.arguments = arguments + ["-o", output.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let text = try String(contentsOf: output, encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix("Objective:") {
            // "Objective:  obj = 13 (MAXimum)"
            let parts = line.split(separator: "=")
            if parts.count >= 2, let value = Double(parts[1].split(separator: " ")[0]) { return value }
        }
        return nil
    }

    @Test(arguments: ["lp", "mps"])
    func exportedModelResolvesToTheSameObjective(format: String) throws {
        let model = Models.knapsack(seed: 9)
        let ours = try #require(try GLPKSolver.solve(model).objective)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID().uuidString).\(format)").path
        try GLPKSolver.write(model, to: path, format: format == "lp" ? .cplexLP : .freeMPS)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("take(0)"))
        // Free MPS carries no objective sense: tell glpsol to maximise.
        let theirs = try #require(try glpsolObjective([format == "lp" ? "--lp" : "--freemps", path] + (format == "mps" ? ["--max"] : [])))
        // glpsol prints the objective with 6-7 significant digits.
        #expect(abs(theirs - ours) <= 1e-6 * max(1, abs(ours)))
    }

    @Test func exportIsDeterministic() throws {
        let model = Models.knapsack(seed: 10)
        let first = FileManager.default.temporaryDirectory.appendingPathComponent("a-\(UUID().uuidString).lp").path
        let second = FileManager.default.temporaryDirectory.appendingPathComponent("b-\(UUID().uuidString).lp").path
        try GLPKSolver.write(model, to: first, format: .cplexLP)
        try GLPKSolver.write(model, to: second, format: .cplexLP)
        #expect(try String(contentsOfFile: first, encoding: .utf8) == String(contentsOfFile: second, encoding: .utf8))
    }
}
