import Foundation
import Testing

/// `liveline import` on every public network of the acceptance list, then `info` and
/// `reliability` on what it wrote; bad input gives located messages and exit 65.
struct ImportCommandTests {
    static let fixtures = "Tests/ImportersTests/Fixtures/networks/"
    static let networks: [(file: String, format: String)] = [
        ("ieee13/IEEE13Nodeckt.dss", "opendss"), ("ieee34/ieee34Mod1.dss", "opendss"), ("ieee37/ieee37.dss", "opendss"),
        ("ieee123/IEEE123Master.dss", "opendss"), ("ieee123/IEEE123Switches.dss", "opendss"), ("ieee8500/Master.dss", "opendss"),
        ("epri-ckt5/Master_ckt5.dss", "opendss"), ("epri-ckt7/Master_ckt7.dss", "opendss"), ("epri-ckt24/master_ckt24.dss", "opendss"),
        ("epri-j1/Master_noPV.dss", "opendss"), ("epri-k1/Master_NoPV.dss", "opendss"), ("epri-m1/Master_NoPV.dss", "opendss"),
        ("baran33/case33bw.m", "matpower"), ("case69/case69.m", "matpower"), ("case70da/case70da.m", "matpower"),
        ("case118zh/case118zh.m", "matpower"), ("case136ma/case136ma.m", "matpower"),
    ]

    @Test(arguments: networks.map(\.file))
    func importedNetworkRunsInfoAndReliability(_ file: String) throws {
        let format = Self.networks.first { $0.file == file }!.format
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let output = directory.appendingPathComponent("imported.json").path
        let imported = try CLI.run(["import", Self.fixtures + file, "--from", format, "-o", output])
        #expect(imported.exitCode == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Assumptions used (elements touched):"))
        // Issue 13: import never writes a file that `validate` rejects.
        let validated = try CLI.run(["validate", output])
        #expect(validated.exitCode == 0, "\(validated.stdout)\(validated.stderr)")
        let info = try CLI.run(["info", output, "--format", "json"])
        #expect(info.exitCode == 0, "\(info.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(info.stdout.utf8)) as? [String: Any])
        #expect((json["loadPoints"] as? Int ?? 0) > 0)
        let reliability = try CLI.run(["reliability", output, "--format", "json"])
        #expect(reliability.exitCode == 0, "\(reliability.stderr)")
        let indices = try #require(try JSONSerialization.jsonObject(with: Data(reliability.stdout.utf8)) as? [String: Any])
        let system = try #require(indices["system"] as? [String: Any])
        #expect((system["SAIDI"] as? Double ?? 0) > 0)
    }

    @Test func missingFileAndNonCircuitInputExitWith65() throws {
        let missing = try CLI.run(["import", "nothere.dss", "--from", "opendss", "-o", "/tmp/x.json"])
        #expect(missing.exitCode == 65)
        #expect(missing.stderr.contains("nothere.dss: error: no such file"))

        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var generator = SystemRandomNumberGenerator()
        let noise = Data((0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        let noisePath = directory.appendingPathComponent("noise.dss").path
        try noise.write(to: URL(fileURLWithPath: noisePath))
        let garbage = try CLI.run(["import", noisePath, "--from", "opendss", "-o", directory.appendingPathComponent("o.json").path])
        #expect(garbage.exitCode == 65)
        #expect(garbage.stderr.contains("no 'New Circuit.…' command"))
        let matpower = try CLI.run(["import", noisePath, "--from", "matpower", "-o", directory.appendingPathComponent("o.json").path])
        #expect(matpower.exitCode == 65)
        #expect(matpower.stderr.contains("no mpc.bus or mpc.branch matrix"))
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("o.json").path))
    }

    @Test func badAssumptionsFileIsLocated() throws {
        let directory = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let assumptions = directory.appendingPathComponent("a.json").path
        try Data("{\n  \"loadFactor\": 2\n}\n".utf8).write(to: URL(fileURLWithPath: assumptions))
        let result = try CLI.run(["import", Self.fixtures + "ieee13/IEEE13Nodeckt.dss", "--from", "opendss", "--assumptions", assumptions, "-o", directory.appendingPathComponent("o.json").path])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("a.json:2:"))
        #expect(result.stderr.contains("loadFactor"))
    }
}
