import Foundation
import GridModel
@testable import Importers
import Testing

/// The OpenDSS script reader: comments, continuations, tokens, RPN, abbreviations, like=,
/// redirects, open/close/enabled, batchedit and Class.Name.prop= assignments.
struct OpenDSSScriptTests {
    @Test func commentsAndContinuationLinesAreJoinedWithTheirStartingLine() {
        let text = "! header\r\nNew Line.A bus1=x\tbus2=y // tail\r\n~ length=2 units=km\r\n/* block\nstill */ New Load.L bus1=y kW=10\nmore kvar=3\n"
        let commands = DSSScript.commands(text, file: "f.dss")
        #expect(commands.map(\.line) == [2, 5])
        #expect(commands[0].text == "New Line.A bus1=x\tbus2=y  length=2 units=km")
        #expect(commands[1].text == "New Load.L bus1=y kW=10  kvar=3")
    }

    @Test func tokensKeepQuotesAndBracketsAndJoinSpacedAssignments() {
        #expect(DSSScript.tokens("New Transformer.T buses=(a, b) kvs=\"12.47 0.24\" conns='wye delta'")
            == ["New", "Transformer.T", "buses=(a, b)", "kvs=\"12.47 0.24\"", "conns='wye delta'"])
        #expect(DSSScript.tokens("New Line.S Switch= yes length = 3") == ["New", "Line.S", "Switch=yes", "length=3"])
    }

    @Test func rpnValuesAreEvaluated() {
        let expected = (1.051 - (0.88 - 0.001 * 3)) * (115 / 12.47) * (115 / 12.47)
        #expect(DSSScript.number("(1.051 0.88 0.001 3 * - - 115 12.47 / sqr *)").map { abs($0 - expected) < 1e-12 } == true)
        #expect(DSSScript.number("{2 sqrt}").map { abs($0 - 2.0.squareRoot()) < 1e-12 } == true)
        #expect(DSSScript.number("(1 +)") == nil)
        #expect(DSSScript.number("12.5") == 12.5)
    }

    @Test func abbreviatedPropertiesMeanTheFirstPropertyTheyStart() {
        #expect(DSSCircuit.canonical("bus", in: "load") == "bus1")
        #expect(DSSCircuit.canonical("kv", in: "load") == "kv")
        #expect(DSSCircuit.canonical("len", in: "line") == "length")
        #expect(DSSCircuit.canonical("numc", in: "load") == "numcust")
    }

    @Test func likeCopiesAnEarlierElement() throws {
        let path = try Fixtures.scratch("m.dss", """
            New Circuit.c basekv=12.47
            New Transformer.A phases=1 windings=2 buses=(x.1 y.1) kvs=(7.2 0.24) kvas=(25 25)
            New Transformer.B like=A buses=(x.2 z.2)
            New Transformer.C like=Nope
            """)
        let circuit = DSSCircuit.read(path: path)
        let b = try #require(circuit.byKey["transformer.b"])
        #expect(b.windings[1]["kv"] == "0.24")
        #expect(b.windings[1]["bus"] == "z.2")
        #expect(circuit.problems.contains { $0.line == 4 && $0.message.contains("like=Nope") })
    }

    @Test func redirectsResolveRelativeToTheFileAndIgnoringCase() throws {
        let path = try Fixtures.scratch("Master.dss", "New Circuit.c\nRedirect sub/LINES.dss\nBuscoords sub/xy.csv\n", extra: [
            "sub/Lines.dss": "New Line.L1 bus1=sourcebus bus2=b length=1 units=km\nRedirect more.dss\n",
            "sub/more.dss": "New Line.L2 bus1=b bus2=c length=2 units=km\n",
            "sub/xy.csv": "b, 1.5, 2.5\n",
        ])
        let circuit = DSSCircuit.read(path: path)
        #expect(circuit.elements.map(\.name) == ["c", "l1", "l2"])
        #expect(circuit.caseFixedPaths.count == 1)
        #expect(circuit.coordinates["b"]?.0 == 1.5)
        #expect(circuit.elements[2].file.hasSuffix("sub/more.dss") && circuit.elements[2].line == 1)
    }

    @Test func aMissingRedirectIsAnErrorNamingFileAndLine() throws {
        let path = try Fixtures.scratch("m.dss", "New Circuit.c\n\nRedirect nothere.dss\n")
        do {
            _ = try OpenDSSImporter.importFile(path: path)
            Issue.record("expected an error")
        } catch {
            let problem = try #require(error.diagnostics.first)
            #expect(problem.file == path && problem.line == 3)
            #expect(problem.message.contains("nothere.dss: no such file"))
        }
    }

    @Test func openCloseEnabledBatcheditAndAssignmentsApply() throws {
        let path = try Fixtures.scratch("m.dss", """
            New Circuit.c basekv=12.47
            New Line.A bus1=sourcebus bus2=b length=1 units=km
            New Line.S1 bus1=b bus2=c switch=yes length=0.001
            New Line.S2 bus1=c bus2=d switch=yes
            New Line.X bus1=d bus2=e length=1 enabled=false
            Open Line.S1 term=1
            Close Line.S2
            BatchEdit Line.S.* normamps=400
            Line.A.length=3
            Edit Line.Ghost length=1
            """)
        let circuit = DSSCircuit.read(path: path)
        #expect(circuit.byKey["line.s1"]?.openTerminal == 1)
        #expect(circuit.byKey["line.s2"]?.openTerminal == nil)
        #expect(circuit.byKey["line.x"]?.enabled == false)
        #expect(circuit.byKey["line.s2"]?.value("normamps") == "400")
        #expect(circuit.byKey["line.a"]?.number("length") == 3)
        #expect(circuit.problems.contains { $0.line == 10 && $0.elementID == "Line.Ghost" })
    }

    @Test func unitsAreConvertedToKilometres() throws {
        let path = try Fixtures.scratch("m.dss", """
            New Circuit.c basekv=12.47
            New Linecode.ft nphases=3 r1=0.1 x1=0.1 units=kft
            New Line.A bus1=sourcebus bus2=b length=2 units=mi
            New Line.B bus1=b bus2=c length=1000 units=ft
            New Line.C bus1=c bus2=d length=3 linecode=ft
            New Line.D bus1=d bus2=e length=0.5
            New Load.L bus1=e kW=50 numcust=7
            """)
        let result = try OpenDSSImporter.importFile(path: path)
        let length = Dictionary(uniqueKeysWithValues: result.model.sections.map { ($0.id.rawValue, $0.lengthKm) })
        #expect(abs(length["a"]! - 3.218688) < 1e-9)
        #expect(abs(length["b"]! - 0.3048) < 1e-9)
        #expect(abs(length["c"]! - 0.9144) < 1e-9)
        #expect(length["d"] == 0.5)
        #expect(result.assumptionsUsed.contains { $0.assumption.hasPrefix("line lengths in km") && $0.count == 1 })
        #expect(result.model.loadPoints.first?.customers == 7)
        #expect(result.model.loadPoints.first?.peakMW == 0.05)
    }
}
