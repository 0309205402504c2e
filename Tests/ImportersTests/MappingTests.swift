import Foundation
import GridModel
@testable import Importers
import Reliability
import Testing

/// How a circuit becomes network format v1, on small hand-written circuits.
struct MappingTests {
    static let base = """
        New Circuit.c basekv=115 bus1=hv
        New Transformer.Sub phases=3 windings=2 buses=(hv, head) kvs=(115 12.47) kvas=(20000 20000) sub=yes
        New Line.Trunk1 bus1=head bus2=a length=2 units=km
        New Line.Trunk2 bus1=a bus2=b length=3 units=km
        New Line.Lat bus1=a bus2=c length=1 units=km

        """

    @Test func lowVoltageSideCollapsesIntoOneLoadPointPerTransformer() throws {
        let path = try Fixtures.scratch("m.dss", Self.base + """
            New Transformer.D1 phases=1 windings=2 buses=(c.1 c_lv.1) kvs=(7.2 0.24) kvas=(50 50)
            New Line.Sec1 bus1=c_lv bus2=h1 length=30 units=m
            New Line.Sec2 bus1=c_lv bus2=h2 length=40 units=m
            New Load.H1 bus1=h1 kV=0.24 kW=4 numcust=1
            New Load.H2 bus1=h2 kV=0.24 kW=6
            New Load.H3 bus1=c_lv kV=0.24 kW=20
            """)
        let result = try OpenDSSImporter.importFile(path: path)
        #expect(result.model.sources.map(\.bus.rawValue) == ["head"])
        let lp = try #require(result.model.loadPoints.first)
        #expect(result.model.loadPoints.count == 1)
        #expect(lp.id.rawValue == "LP-d1" && lp.bus.rawValue == "c_lv")
        #expect(abs(lp.peakMW - 0.030) < 1e-12)
        #expect(lp.customers == 1 + 1 + 4)  // 1 given, max(1, 6/5 → 1), 20/5 = 4
        #expect(result.model.sections.contains { $0.id.rawValue == "T-d1" && $0.kind == .transformer })
        #expect(!result.model.sections.contains { $0.id.rawValue.hasPrefix("sec") })
        #expect(result.assumptionsUsed.contains { $0.assumption.hasPrefix("low-voltage lines collapsed") && $0.count == 2 })
    }

    @Test func phaseSplitLinesMergeAndLoopsBecomeTiesListedWithTheirLine() throws {
        let path = try Fixtures.scratch("m.dss", Self.base + """
            New Line.PA bus1=b.1 bus2=d.1 length=1 units=km
            New Line.PB bus1=b.2 bus2=d.2 length=1 units=km
            New Line.Loop bus1=d bus2=c length=1 units=km
            New Load.L bus1=d kW=100
            """)
        let result = try OpenDSSImporter.importFile(path: path)
        #expect(result.model.sections.filter { ["pa", "pb"].contains($0.id.rawValue) }.map(\.id.rawValue) == ["pa"])
        let tie = try #require(result.model.ties.first)
        #expect(result.model.ties.count == 1 && tie.withinFeeder)
        let note = try #require(result.unmapped.first { $0.message.contains("closes a loop") })
        #expect(note.line == 8 && note.file == path)
        _ = try Network(validating: result.model, name: "loop")
    }

    @Test func danglingOpenPointBecomesAnExternalFeederOrIsDropped() throws {
        let text = Self.base + "New Line.NO bus1=b bus2=elsewhere switch=yes enabled=false\nNew Load.L bus1=b kW=100\n"
        let path = try Fixtures.scratch("m.dss", text)
        let result = try OpenDSSImporter.importFile(path: path)
        let external = try #require(result.model.sources.first { $0.id.rawValue == "EXT-1" })
        #expect(external.bus.rawValue == "elsewhere" && external.ratingMW == 3)
        #expect(result.model.ties.map(\.id.rawValue) == ["no"])
        let network = try Network(validating: result.model, name: "dangling")
        #expect(network.summary().ties == 1)

        var drop = ImportAssumptions()
        drop.danglingOpenPoint = .drop
        let dropped = try OpenDSSImporter.importFile(path: path, assumptions: drop)
        #expect(dropped.model.ties.isEmpty && dropped.model.sources.count == 1)
        #expect(dropped.unmapped.contains { $0.elementID == "no" && $0.message.contains("which no source reaches") })
    }

    @Test func fusesFromTheFileAreKeptElseLateralsGetOne() throws {
        let withFuse = try Fixtures.scratch("m.dss", Self.base + "New Fuse.F1 monitoredobj=Line.Lat monitoredterm=1\nNew Load.L bus1=c kW=100\n")
        let kept = try OpenDSSImporter.importFile(path: withFuse)
        let fuses = kept.model.devices.filter { $0.kind == .fuse }
        #expect(fuses.map(\.id.rawValue) == ["f1"] && fuses[0].section.rawValue == "lat" && fuses[0].end == .from)

        let without = try Fixtures.scratch("m.dss", Self.base + "New Load.L bus1=c kW=100\n")
        let added = try OpenDSSImporter.importFile(path: without)
        // The trunk runs head → a → b (5 km); the lateral a → c gets a fuse at a.
        #expect(added.model.devices.filter { $0.kind == .fuse }.map(\.section.rawValue) == ["lat"])
        #expect(added.model.devices.contains { $0.kind == .breaker && $0.section.rawValue == "trunk1" })
        var noFuses = ImportAssumptions()
        noFuses.lateralFuses = false
        #expect(try OpenDSSImporter.importFile(path: without, assumptions: noFuses).model.devices.allSatisfy { $0.kind != .fuse })
    }

    @Test func loadOnTheSourceBusIsLeftOutAndListed() throws {
        let path = try Fixtures.scratch("m.dss", Self.base + "New Load.Other bus1=head kW=5000 numcust=1\nNew Load.L bus1=b kW=100\n")
        let result = try OpenDSSImporter.importFile(path: path)
        #expect(result.loadsMapped == 1)
        #expect(result.unmapped.contains { $0.elementID == "other" && $0.line == 6 })
    }

    @Test func assumptionsChangeTheResultAndAreCounted() throws {
        let path = try Fixtures.scratch("m.dss", "New Circuit.c basekv=12.47\nNew Line.A bus1=sourcebus bus2=b length=2\nNew Load.L bus1=b kW=100\n")
        var kft = ImportAssumptions()
        kft.defaultLengthUnit = "kft"
        kft.kWPerCustomer = 2
        kft.failureRates[.cable] = 0.5
        kft.defaultLineKind = .cable
        let result = try OpenDSSImporter.importFile(path: path, assumptions: kft)
        #expect(abs(result.model.sections[0].lengthKm - 0.6096) < 1e-12)
        #expect(result.model.sections[0].kind == .cable)
        #expect(result.model.loadPoints[0].customers == 50)
        let network = try Network(validating: result.model, name: "kft")
        #expect(abs(network.sectionFailuresPerYear[0] - 0.5 * 0.6096) < 1e-12)
        #expect(result.assumptionsUsed.contains { $0.assumption == "line lengths in kft where neither the line nor its line code gives units" && $0.count == 1 })
    }

    @Test func assumptionsFileIsReadAndCheckedWithLocations() throws {
        let good = try Fixtures.scratch("a.json", #"{"kWPerCustomer": 3, "defaultLengthUnit": "ft", "failureRates": {"cable": 0.07}, "danglingOpenPoint": "drop"}"#)
        let read = try ImportAssumptions.load(path: good)
        #expect(read.kWPerCustomer == 3 && read.defaultLengthUnit == "ft" && read.failureRates[.cable] == 0.07 && read.danglingOpenPoint == .drop)
        let bad = try Fixtures.scratch("a.json", "{\n  \"kWPerCustomer\": -1,\n  \"defaultLengthUnit\": \"yd\",\n  \"colour\": 1\n}")
        do {
            _ = try ImportAssumptions.load(path: bad)
            Issue.record("expected errors")
        } catch {
            let text = error.diagnostics.map(\.description).joined(separator: "\n")
            #expect(text.contains("kWPerCustomer"))
            #expect(text.contains("unknown unit 'yd'"))
            #expect(text.contains("colour"))
            #expect(error.diagnostics.allSatisfy { $0.line != nil })
        }
    }

    @Test func matpowerOhmsAndPerUnitBranchesGiveLengths() throws {
        let perUnit = try Fixtures.scratch("c.m", """
            function mpc = c
            mpc.baseMVA = 10;
            mpc.bus = [
                1 3 0 0 0 0 1 1 0 12.66 1 1.1 0.9;
                2 1 0.1 0.06 0 0 1 1 0 12.66 1 1.1 0.9;
                3 1 0.09 0.04 0 0 1 1 0 12.66 1 1.1 0.9;
            ];
            mpc.branch = [
                1 2 0.0057 0.003 0 0 0 0 0 0 1 -360 360;
                2 3 0.03 0.015 0 0 0 0 0 0 1 -360 360;
                1 3 0.03 0.015 0 0 0 0 0 0 0 -360 360;
            ];
            """)
        let result = try MatpowerImporter.importFile(path: perUnit)
        // r = 0.0057 pu × 12.66² / 10 = 0.09136 Ω → 0.3045 km at 0.3 Ω/km.
        #expect(abs(result.model.sections[0].lengthKm - 0.0057 * 12.66 * 12.66 / 10 / 0.3) < 1e-9)
        #expect(result.model.ties.map { "\($0.busA.rawValue)-\($0.busB.rawValue)" } == ["1-3"])
        #expect(abs(result.model.loadPoints.reduce(0) { $0 + $1.peakMW } - 0.19) < 1e-12)
    }

    @Test func matpowerRowsThatCannotBeReadAreListed() throws {
        let path = try Fixtures.scratch("c.m", "mpc.bus = [\n1 3 0 0 0 0 1 1 0 11 1 1.1 0.9;\n2 1 0.1;\n3 1 0.1 0 0 0 1 1 0 11 1 1.1 0.9;\n];\nmpc.branch = [\n1 3 0.01 0.01 0 0 0 0 0 0 1 -360 360;\n];\n")
        let result = try MatpowerImporter.importFile(path: path)
        #expect(result.unmapped.contains { $0.line == 3 && $0.message.contains("3 columns") })
    }
}

extension MappingTests {
    @Test func failureDataOfTheLineIsUsedAndOfItsLineCodeIgnoredAsTheEngineDoes() throws {
        // The OpenDSS engine (dss-python 0.15.7) gives line A faultrate 0.1, pctperm 20, repair 3 —
        // its defaults, not the line code's 0.5 / 40 / 6; line C's own values are used.
        let path = try Fixtures.scratch("m.dss", """
            New Circuit.c basekv=12.47
            New Linecode.oh nphases=3 r1=0.3 x1=0.4 c1=10 units=km faultrate=0.5 pctperm=40 repair=6
            New Line.A bus1=sourcebus bus2=b length=2 units=km linecode=oh
            New Line.B bus1=b bus2=c length=1 units=km
            New Line.C bus1=c bus2=d length=3 units=km linecode=oh faultrate=0.2 pctperm=50 repair=5
            New Load.L bus1=d kW=100
            """)
        let result = try OpenDSSImporter.importFile(path: path)
        let a = try #require(result.model.sections.first { $0.id.rawValue == "a" })
        #expect(a.failuresPerYear == nil && a.repairHours == nil)
        let c = try #require(result.model.sections.first { $0.id.rawValue == "c" })
        #expect(abs(try #require(c.failuresPerYear) - 0.2 * 0.5 * 3) < 1e-12)
        #expect(c.repairHours == 5)
        #expect(result.model.sections.first { $0.id.rawValue == "b" }?.failuresPerYear == nil)
        #expect(result.fromFile.contains { $0.count == 1 })
        #expect(result.assumptionsUsed.contains { $0.assumption.hasPrefix("faultrate/pctperm/repair of a line code not applied") && $0.count == 1 })
        #expect(result.assumptionsUsed.contains { $0.assumption.hasPrefix("failure rates and repair times per section kind") && $0.count == 2 })
    }
}
