import Foundation
import GridModel
import Testing

/// Every bad-input fixture and the exact diagnostics it must produce.
struct BadInputTests {
    static let cases: [(fixture: String, expected: [String])] = [
        ("bad/empty.json", [
            "bad/empty.json: error: the file is empty; expected a JSON network object (see docs/network-format.md)",
        ]),
        ("bad/whitespace.json", [
            "bad/whitespace.json:1:1: error: malformed JSON: the file is empty; expected a JSON object",
        ]),
        ("bad/malformed.json", [
            "bad/malformed.json:4:2: error: malformed JSON: expected ',' or '}' after object member, found '\"'",
        ]),
        ("bad/trailing-comma.json", [
            "bad/trailing-comma.json:159:2: error: malformed JSON: trailing comma before ']'",
        ]),
        ("bad/not-an-object.json", [
            "bad/not-an-object.json:1:1: error: expected an object, found an array",
        ]),
        ("bad/non-utf8.json", [
            "bad/non-utf8.json:3:16: error: byte 0xE9 is not valid UTF-8; save the file as UTF-8 JSON",
        ]),
        ("bad/nan.json", [
            "bad/nan.json:67:16: error: malformed JSON: NaN is not a JSON number; write a finite number",
        ]),
        ("bad/infinite.json", [
            "bad/infinite.json:67:16: error: malformed JSON: number is too large to represent; write a finite number",
        ]),
        ("bad/future-version.json", [
            "bad/future-version.json:2:19: error: formatVersion: unsupported formatVersion 2: it is newer than this liveline understands; upgrade liveline or write formatVersion 1",
        ]),
        ("bad/wrong-types.json", [
            "bad/wrong-types.json:67:16: error: sections[1].lengthKm \"S2\": expected a number in km, found a string",
            "bad/wrong-types.json:103:15: error: devices[0].control \"CB1\": unknown value 'automatic'; use one of 'manual', 'remote'",
            "bad/wrong-types.json:137:17: error: loadPoints[0].customers \"LP1\": expected a whole number, found 12.5",
        ]),
        ("bad/missing-fields.json", [
            "bad/missing-fields.json:43:3: error: sources[0] \"F1\": required field 'bus' is missing; add the id of the bus the feeder leaves from",
            "bad/missing-fields.json:68:3: error: sections[2] \"S3\": required field 'to' is missing; add the id of the bus at the other end",
            "bad/missing-fields.json:140:3: error: loadPoints[1] \"LP2\": required field 'averageMW' is missing; add a number in MW",
        ]),
        ("bad/duplicate-ids.json", [
            "bad/duplicate-ids.json:41:3: error: buses[8].id \"D\": duplicate bus id; it is already used by buses[6]; give each bus its own id",
            "bad/duplicate-ids.json:72:3: error: sections[2].id \"S2\": duplicate section id; it is already used by sections[1]; give each section its own id",
            "bad/duplicate-ids.json:117:15: error: devices[2].section \"FU3\": unknown section 'S3'; add it to 'sections' or correct the reference",
        ]),
        ("bad/unknown-references.json", [
            "bad/unknown-references.json:108:15: error: devices[1].section \"DS2\": unknown section 'S9'; add it to 'sections' or correct the reference",
            "bad/unknown-references.json:129:12: error: ties[0].busB \"T\": unknown bus 'Z'; add it to 'buses' or correct the reference",
            "bad/unknown-references.json:136:11: error: loadPoints[0].bus \"LP1\": unknown bus 'Q'; add it to 'buses' or correct the reference",
        ]),
        ("bad/negative.json", [
            "bad/negative.json:46:16: error: sources[0].ratingMW \"F1\": must be greater than zero; got 0",
            "bad/negative.json:67:16: error: sections[1].lengthKm \"S2\": must not be negative; got -0.5",
            "bad/negative.json:137:17: error: loadPoints[0].customers \"LP1\": must not be negative; got -3",
        ]),
        ("bad/loop.json", [
            "bad/loop.json:69:3: error: sections[2] \"S3\": closes a loop in the normal state: buses 'B' and 'C' are already connected through closed devices; make the open point a tie or remove the section",
        ]),
        ("bad/unfed-bus.json", [
            "bad/unfed-bus.json:41:3: error: buses[8] \"X\": 2 buses ('X', 'Y') are reached from no source through closed devices; connect them to a feeder or remove them",
        ]),
        ("bad/two-sources.json", [
            "bad/two-sources.json:96:3: error: sections[6] \"S8\": joins feeder 'F1' (bus 'B') to feeder 'F2' (bus 'E') through closed devices, so buses would be fed by two sources; make the connection a tie (normally open) or remove the section",
        ]),
        ("bad/tie-to-itself.json", [
            "bad/tie-to-itself.json:132:3: error: ties[1] \"T2\": joins feeder 'F1' to itself; a tie must join two different feeders (closing it would make a loop), or declare \"withinFeeder\": true for a loop inside one feeder",
        ]),
        ("bad/tie-to-nothing.json", [
            "bad/tie-to-nothing.json:41:3: error: buses[8] \"N\": bus is reached from no source through closed devices; connect it to a feeder or remove it",
            "bad/tie-to-nothing.json:135:3: error: ties[1] \"T3\": joins a feeder to nothing: bus 'N' is supplied by no feeder; a tie must join two supplied feeders",
        ]),
        ("bad/normally-open-device.json", [
            "bad/normally-open-device.json:110:20: error: devices[1].normallyOpen \"DS2\": a normally-open device on a section is not supported in format v1; declare open points between feeders in 'ties'",
        ]),
    ]

    @Test("bad input gives located errors", arguments: cases.map(\.fixture))
    func rejected(fixture: String) throws {
        let expected = try #require(Self.cases.first { $0.fixture == fixture }).expected
        do {
            _ = try Network.load(source: Fixtures.source(fixture))
            Issue.record("\(fixture) was accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == expected)
        }
    }

    @Test func unknownFieldsAreErrorsWithTheNearestName() throws {
        do {
            _ = try Network.load(source: Fixtures.source("bad/unknown-field.json"))
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "bad/unknown-field.json:61:4: error: sections[0].lenghtKm \"S1\": unknown field 'lenghtKm'; did you mean 'lengthKm'? (known fields: id, name, from, to, kind, lengthKm, failuresPerKmYear, failuresPerYear, repairHours, replacementHours, ratingMW)",
                "bad/unknown-field.json:161:2: error: substation: unknown field 'substation'; check its spelling (known fields: formatVersion, name, description, nominalKV, defaults, loadProfile, buses, sources, sections, devices, ties, loadPoints)",
            ])
        }
    }

    @Test func twentyMegabytesOfRandomBytesAreRejectedCleanly() {
        var random = SeededRandom(seed: 20)
        var bytes = [UInt8](repeating: 0, count: 20 * 1024 * 1024)
        for index in stride(from: 0, to: bytes.count, by: 8) {
            let word = random.next()
            for k in 0..<8 { bytes[index + k] = UInt8(truncatingIfNeeded: word >> (8 * UInt64(k))) }
        }
        do {
            _ = try Network.load(source: SourceText(fileName: "random.bin", bytes: bytes))
            Issue.record("random bytes were accepted")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics[0].severity == .error)
            #expect(error.diagnostics[0].message.hasSuffix("is not valid UTF-8; save the file as UTF-8 JSON"))
        }
    }

    @Test func randomASCIIIsRejectedAsMalformedJSON() {
        var random = SeededRandom(seed: 21)
        let bytes = (0..<1_000_000).map { _ in UInt8(0x20 + random.below(0x5F)) }
        do {
            _ = try Network.load(source: SourceText(fileName: "noise.json", bytes: bytes))
            Issue.record("noise was accepted")
        } catch {
            #expect(error.diagnostics.count == 1)
            #expect(error.diagnostics[0].message.hasPrefix("malformed JSON: "))
        }
    }

    @Test func deeplyNestedInputDoesNotOverflowTheStack() {
        let bytes = Array(repeating: UInt8(ascii: "["), count: 100_000)
        do {
            _ = try Network.load(source: SourceText(fileName: "deep.json", bytes: bytes))
            Issue.record("deep nesting was accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["deep.json:1:257: error: malformed JSON: nesting deeper than 256 levels"])
        }
    }

    @Test func missingFileIsReported() {
        do {
            _ = try Network.load(path: "/nonexistent/net.json")
            Issue.record("missing file accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == ["/nonexistent/net.json: error: no such file"])
        }
    }
}
