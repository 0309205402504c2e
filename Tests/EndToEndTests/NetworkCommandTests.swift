import Foundation
import Testing

struct NetworkCommandTests {
    @Test func infoReportsTheRBTSFigures() throws {
        let result = try CLI.run(["info", "networks/rbts-bus2.json", "--format", "json"])
        #expect(result.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(json["feeders"] as? Int == 4)
        #expect(json["lineSections"] as? Int == 36)
        #expect(json["loadPoints"] as? Int == 22)
        #expect(json["customers"] as? Int == 1908)
        #expect(abs((json["averageMW"] as? Double ?? 0) - 12.291) < 1e-9)
        #expect(json["ties"] as? Int == 2)
    }

    @Test func infoTextNamesTheFigures() throws {
        let result = try CLI.run(["info", "networks/rbts-bus2.json"])
        #expect(result.exitCode == 0)
        #expect(result.stdout.contains("Feeders        4"))
        #expect(result.stdout.contains("Line sections  36"))
        #expect(result.stdout.contains("Load points    22"))
        #expect(result.stdout.contains("Customers      1908"))
        #expect(result.stdout.contains("Average load   12.291 MW"))
        #expect(result.stdout.contains("Ties           2"))
    }

    @Test func validateAcceptsEveryBundledNetwork() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: CLI.packageRoot.appendingPathComponent("networks").path)
            .filter { $0.hasSuffix(".json") }.sorted().map { "networks/\($0)" }
        #expect(files.count >= 6)
        let result = try CLI.run(["validate"] + files)
        #expect(result.exitCode == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").count == files.count)
    }

    @Test func badDataExitsWith65AndLocatedMessages() throws {
        let result = try CLI.run(["validate", "Tests/GridModelTests/Fixtures/bad/unknown-references.json"])
        #expect(result.exitCode == 65)
        #expect(result.stderr.contains("Tests/GridModelTests/Fixtures/bad/unknown-references.json:129:12: error: ties[0].busB \"T\": unknown bus 'Z'; add it to 'buses' or correct the reference"))
        #expect(result.stdout == "Tests/GridModelTests/Fixtures/bad/unknown-references.json: invalid: 3 errors, 0 warnings\n")
    }

    @Test func everyBadFixtureExits65WithoutCrashing() throws {
        let directory = CLI.packageRoot.appendingPathComponent("Tests/GridModelTests/Fixtures/bad")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0 != "unknown-field.json" }.sorted()
        for file in files {
            let result = try CLI.run(["info", "Tests/GridModelTests/Fixtures/bad/\(file)"])
            #expect(result.exitCode == 65, "\(file)")
            #expect(result.stderr.contains("error:"), "\(file)")
        }
    }

    @Test func validateJSONReport() throws {
        let result = try CLI.run(["validate", "--format", "json", "Tests/GridModelTests/Fixtures/bad/negative.json"])
        #expect(result.exitCode == 65)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files[0]["errors"] as? Int == 3)
        let first = try #require((files[0]["diagnostics"] as? [[String: Any]])?.first)
        #expect(first["line"] as? Int == 46)
        #expect(first["path"] as? String == "sources[0].ratingMW")
    }

    @Test func usageErrorsExitWith64() throws {
        let result = try CLI.run(["info"])
        #expect(result.exitCode == 64)
        let unknown = try CLI.run(["frobnicate"])
        #expect(unknown.exitCode == 64)
    }

    @Test func generateWritesAValidNetwork() throws {
        let directory = try CLI.temporaryDirectory()
        let file = directory.appendingPathComponent("city.json").path
        let generated = try CLI.run(["generate", "--feeders", "25", "--seed", "3", "-o", file])
        #expect(generated.exitCode == 0)
        let again = try CLI.run(["generate", "--feeders", "25", "--seed", "3"])
        #expect(again.stdout == (try String(contentsOfFile: file, encoding: .utf8)))
        let validated = try CLI.run(["validate", file])
        #expect(validated.exitCode == 0)
    }
}
