import Foundation
import GLPKSolver
import Testing

struct GLPKGuardTests {
    func expectInvalid(_ model: MIPModel, _ expected: ModelError) {
        do {
            _ = try GLPKSolver.solve(model)
            Issue.record("accepted")
        } catch {
            guard case .invalidModel(let found) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(found == expected)
        }
    }

    @Test func nanCoefficientIsATypedError() {
        var model = MIPModel(name: "m")
        let x = model.addVariable("x")
        model.addLessOrEqual("row", [(x, .nan)], 1)
        do {
            _ = try GLPKSolver.solve(model)
            Issue.record("accepted")
        } catch {
            #expect("\(error)".contains("coefficient of 'x' in constraint 'row' is nan"))
        }
    }

    @Test func infiniteBoundIsATypedError() {
        var model = MIPModel(name: "m")
        _ = model.addVariable("x", lowerBound: 0, upperBound: .infinity)
        expectInvalid(model, .nonFiniteBound(name: "x", value: .infinity))
        var objective = MIPModel(name: "m")
        _ = objective.addVariable("y", objective: -.infinity)
        expectInvalid(objective, .nonFiniteObjective(variable: "y", value: -.infinity))
    }

    @Test func duplicateEntryIsATypedError() {
        var model = MIPModel(name: "m")
        let x = model.addVariable("x")
        model.addLessOrEqual("twice", [(x, 1), (x, 2)], 1)
        expectInvalid(model, .duplicateEntry(constraint: "twice", variable: "x"))
    }

    @Test func outOfRangeVariableIsATypedError() {
        var model = MIPModel(name: "m")
        _ = model.addVariable("x")
        model.addLessOrEqual("row", [(MIPModel.Variable(index: 7), 1)], 1)
        expectInvalid(model, .variableOutOfRange(constraint: "row", index: 7, count: 1))
    }

    @Test func badNamesAreTypedErrors() {
        var long = MIPModel(name: "m")
        let name = String(repeating: "v", count: 300)
        _ = long.addVariable(name)
        expectInvalid(long, .invalidName(name: name, reason: "it is 300 bytes long; GLPK allows 255"))
        var spaced = MIPModel(name: "m")
        _ = spaced.addVariable("two words")
        expectInvalid(spaced, .invalidName(name: "two words", reason: "it contains ' '; use letters, digits and _ . ( ) ,"))
        var twice = MIPModel(name: "m")
        _ = twice.addVariable("x")
        _ = twice.addVariable("x")
        expectInvalid(twice, .duplicateName(name: "x", kind: "variable"))
    }

    @Test func errorForcedThroughTheCLayerIsCaughtAndTheNextSolveWorks() throws {
        let message = try #require(GLPKSolver.forceGLPKErrorForTesting())
        #expect(message.contains("glp_set_row_name: i = 5; row number out of range"))
        // The environment was freed and recreated: GLPK still works on this thread.
        let (model, _) = Models.chvatal()
        let result = try GLPKSolver.solve(model)
        #expect(result.status == .optimal && result.objective == 13)
        // And again, twice in a row.
        #expect(GLPKSolver.forceGLPKErrorForTesting() != nil)
        #expect(try GLPKSolver.solve(model).objective == 13)
    }

    @Test func nothingIsPrintedUnlessAsked() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("glpk-quiet-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: scratch.path, contents: nil)
        let handle = try FileHandle(forWritingTo: scratch)
        fflush(nil)
        let savedOut = dup(1)
        let savedErr = dup(2)
        dup2(handle.fileDescriptor, 1)
        dup2(handle.fileDescriptor, 2)
        let (model, _) = Models.chvatal()
        let result = try? GLPKSolver.solve(model, options: SolveOptions(messageLevel: .all))
        let forced = GLPKSolver.forceGLPKErrorForTesting()
        fflush(nil)
        dup2(savedOut, 1)
        dup2(savedErr, 2)
        close(savedOut)
        close(savedErr)
        try handle.close()
        // Other tests run in parallel and the test runner reports on the same descriptors, so look
        // for GLPK's own words rather than for silence.
        let printed = try String(contentsOf: scratch, encoding: .utf8)
        for marker in ["GLPK", "glp_", "OPTIMAL", "Integer optimization", "Preprocessing", "Solving LP relaxation"] {
            #expect(!printed.contains(marker), "GLPK printed: \(printed)")
        }
        #expect(result?.log.contains("INTEGER OPTIMAL SOLUTION FOUND") == true)
        #expect(forced != nil)
    }
}
