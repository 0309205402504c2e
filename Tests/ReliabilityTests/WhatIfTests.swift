import Foundation
import GridModel
import Reliability
import Testing

struct WhatIfTests {
    func load(_ relative: String) throws -> (WhatIf, SourceText) {
        let data = try #require(FileManager.default.contents(atPath: Fixtures.path(relative)))
        let source = SourceText(fileName: relative, bytes: [UInt8](data))
        return (try WhatIf.decode(source), source)
    }

    func what(_ json: String) throws -> (WhatIf, SourceText) {
        let source = SourceText(fileName: "w.json", bytes: Array(json.utf8))
        return (try WhatIf.decode(source), source)
    }

    @Test func caseEIsCaseAWithTransformerReplacement() throws {
        let caseA = try Fixtures.bundledNetwork("rbts-bus2.json")
        let (whatIf, source) = try what(#"{"formatVersion": 1, "changes": [{"op": "setReplacementHours", "kind": "transformer", "hours": 10}]}"#)
        let changed = try whatIf.apply(to: caseA, source: source)
        let result = AnalyticalEvaluation.evaluate(changed)
        #expect(close(result.system.saidi, 0.7655746855345914))
        #expect(close(result.system.ensMWh, 8.843829))
    }

    @Test func caseBIsCaseAWithoutFusesDisconnectorsAndTies() throws {
        let caseA = try Fixtures.bundledNetwork("rbts-bus2.json")
        let (whatIf, source) = try what(#"""
            {"formatVersion": 1, "changes": [
              {"op": "removeDevices", "kind": "fuse"}, {"op": "removeDevices", "kind": "disconnector"},
              {"op": "removeTie", "id": "BS1"}, {"op": "removeTie", "id": "BS2"}]}
            """#)
        let result = AnalyticalEvaluation.evaluate(try whatIf.apply(to: caseA, source: source))
        #expect(close(result.system.saidi, 22.496434748427674))
        #expect(close(result.system.saifi, 0.6023529874213838))
    }

    @Test func remoteSwitchesAndANewTieReduceSAIDI() throws {
        let caseA = try Fixtures.bundledNetwork("rbts-bus2.json")
        let (whatIf, source) = try what(#"""
            {"formatVersion": 1, "changes": [
              {"op": "makeRemote", "devices": ["DS-S4", "DS-S7", "DS-S10"], "ties": ["BS1"]},
              {"op": "setTieCapacity", "id": "BS1", "capacityMW": 100},
              {"op": "addDevice", "id": "SW-S7-to", "kind": "loadBreakSwitch", "section": "S7", "end": "to", "control": "remote"},
              {"op": "scaleFailureRate", "kind": "overheadBare", "factor": 0.5}]}
            """#)
        let base = AnalyticalEvaluation.evaluate(caseA)
        let changed = try whatIf.apply(to: caseA, source: source)
        let after = AnalyticalEvaluation.evaluate(changed)
        #expect(after.system.saidi < base.system.saidi)
        // Halving the line rate halves line-caused interruptions; transformers (0.015/yr) are unchanged.
        let lp1 = caseA.loadPointIndex["LP1"]!
        #expect(close(after.loadPoints[lp1].interruptionsPerYear, 0.015 + (0.23925 - 0.015) / 2))
        #expect(changed.model.devices.count == caseA.model.devices.count + 1)
    }

    @Test func badWhatIfFilesListEveryProblem() throws {
        let data = try #require(FileManager.default.contents(atPath: Fixtures.path("what-if/bad.json")))
        do {
            _ = try WhatIf.decode(SourceText(fileName: "what-if/bad.json", bytes: [UInt8](data)))
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "what-if/bad.json:4:5: error: changes[0] \"scaleFailureRate\": give exactly one of 'sections' and 'kind'",
                "what-if/bad.json:5:12: error: changes[1].op: unknown operation 'paint'; use one of scaleFailureRate, setKind, makeRemote, addTie, removeTie, setTieCapacity, addDevice, removeDevices, setReplacementHours, setSourceRating",
                "what-if/bad.json:5:21: error: changes[1].colour \"paint\": unknown field 'colour'; check its spelling (known fields: op)",
                "what-if/bad.json:7:5: error: changes[3] \"setTieCapacity\": required field 'capacityMW' is missing; give MW, or null for unlimited",
                "what-if/bad.json:8:48: error: changes[4].switches \"makeRemote\": unknown field 'switches'; check its spelling (known fields: op, devices, ties)",
            ])
        }
    }

    @Test func changesThatDoNotFitTheNetworkAreReported() throws {
        let caseA = try Fixtures.bundledNetwork("rbts-bus2.json")
        let (whatIf, source) = try load("what-if/self-tie.json")
        do {
            _ = try whatIf.apply(to: caseA, source: source)
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.description) == [
                "what-if/self-tie.json:5:5: error: changes[1]: unknown tie 'BS9' in the network",
            ])
        }
        let (onlyTie, tieSource) = try what(#"{"formatVersion": 1, "changes": [{"op": "addTie", "id": "BS3", "busA": "B3", "busB": "B5"}]}"#)
        do {
            _ = try onlyTie.apply(to: caseA, source: tieSource)
            Issue.record("accepted")
        } catch {
            #expect(error.diagnostics.map(\.message) == [
                "joins feeder 'F1' to itself; a tie must join two different feeders (closing it would make a loop), or declare \"withinFeeder\": true for a loop inside one feeder",
            ])
        }
    }
}
