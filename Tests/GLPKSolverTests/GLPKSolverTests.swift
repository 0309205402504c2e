import Foundation
import GLPKSolver
import Testing

/// A tiny seeded generator so the test models are the same on every run.
struct TestRandom {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

enum Models {
    /// Chvátal's example with integer variables: max 5x1 + 4x2 + 3x3 subject to
    /// 2x1 + 3x2 + x3 ≤ 5, 4x1 + x2 + 2x3 ≤ 11, 3x1 + 4x2 + 2x3 ≤ 8. The LP optimum (2, 0, 1)
    /// is integral, so the MIP optimum is 13 there.
    static func chvatal() -> (MIPModel, [MIPModel.Variable]) {
        var model = MIPModel(name: "chvatal", sense: .maximize)
        let x = (1...3).map { model.addVariable("x\($0)", kind: .integer, lowerBound: 0, upperBound: 10) }
        model.setObjective(x[0], 5)
        model.setObjective(x[1], 4)
        model.setObjective(x[2], 3)
        model.addLessOrEqual("c1", [(x[0], 2), (x[1], 3), (x[2], 1)], 5)
        model.addLessOrEqual("c2", [(x[0], 4), (x[1], 1), (x[2], 2)], 11)
        model.addLessOrEqual("c3", [(x[0], 3), (x[1], 4), (x[2], 2)], 8)
        return (model, x)
    }

    /// A market-split instance (Cornuéjols & Dawande) with penalised slacks: feasible at once
    /// (all zero), LP bound 0, and very hard to close — a model that runs into any time limit.
    static func marketSplit(rows: Int = 6, columns: Int = 50, seed: UInt64 = 7) -> MIPModel {
        var random = TestRandom(state: seed)
        var model = MIPModel(name: "market_split", sense: .minimize)
        let x = (0..<columns).map { model.addBinary("x(\($0))") }
        for i in 0..<rows {
            let a = (0..<columns).map { _ in Double(random.below(100)) }
            let target = (a.reduce(0, +) / 2).rounded(.down)
            let plus = model.addVariable("sp(\(i))", objective: 1)
            let minus = model.addVariable("sm(\(i))", objective: 1)
            model.addEqual("split(\(i))", zip(x, a).map { ($0, $1) } + [(plus, 1), (minus, -1)], target)
        }
        return model
    }

    /// A 0/1 knapsack with 40 items: solvable to optimality in well under a second.
    static func knapsack(seed: UInt64 = 3) -> MIPModel {
        var random = TestRandom(state: seed)
        var model = MIPModel(name: "knapsack", sense: .maximize)
        var weights: [(MIPModel.Variable, Double)] = []
        var total = 0.0
        for j in 0..<40 {
            let weight = Double(10 + random.below(90))
            let value = weight + Double(random.below(30))
            weights.append((model.addBinary("take(\(j))", objective: value), weight))
            total += weight
        }
        model.addLessOrEqual("capacity", weights, (total / 3).rounded())
        return model
    }
}

struct GLPKSolverTests {
    @Test func smallMIPWithKnownOptimum() throws {
        let (model, x) = Models.chvatal()
        let result = try GLPKSolver.solve(model)
        #expect(result.status == .optimal)
        #expect(result.objective == 13)
        #expect(result.value(x[0]) == 2 && result.value(x[1]) == 0 && result.value(x[2]) == 1)
        #expect(result.value(named: "x3") == 1)
        #expect(result.gap == 0)
        #expect(result.bestBound == 13)
    }

    @Test func infeasibleModelIsAnOutcome() throws {
        var model = MIPModel(name: "infeasible")
        let a = model.addBinary("a")
        let b = model.addBinary("b")
        model.addGreaterOrEqual("need_three", [(a, 1), (b, 1)], 3)
        let result = try GLPKSolver.solve(model)
        #expect(result.status == .infeasible)
        #expect(result.values == nil)
        var noPresolve = SolveOptions()
        noPresolve.presolve = false
        #expect(try GLPKSolver.solve(model, options: noPresolve).status == .infeasible)
    }

    @Test func integerInfeasibleButLPFeasible() throws {
        // 2a + 2b = 3 has LP solutions but no integer one.
        var model = MIPModel(name: "parity")
        let a = model.addVariable("a", kind: .integer, lowerBound: 0, upperBound: 5)
        let b = model.addVariable("b", kind: .integer, lowerBound: 0, upperBound: 5)
        model.addEqual("odd", [(a, 2), (b, 2)], 3)
        #expect(try GLPKSolver.solve(model, options: SolveOptions(presolve: false)).status == .infeasible)
        #expect(try GLPKSolver.solve(model).status == .infeasible)
    }

    @Test func unboundedModelIsAnOutcome() throws {
        var model = MIPModel(name: "unbounded", sense: .maximize)
        let x = model.addVariable("x", kind: .integer, lowerBound: 0, upperBound: nil, objective: 1)
        let y = model.addVariable("y", lowerBound: 0, upperBound: 4, objective: 1)
        model.addLessOrEqual("link", [(x, -1), (y, 1)], 2)
        #expect(try GLPKSolver.solve(model).status == .unbounded)
        #expect(try GLPKSolver.solve(model, options: SolveOptions(presolve: false)).status == .unbounded)
    }

    @Test func timeLimitReturnsTheIncumbentAndItsGap() throws {
        let model = Models.marketSplit()
        let result = try GLPKSolver.solve(model, options: SolveOptions(timeLimitSeconds: 0.5))
        #expect(result.status == .feasible(.timeLimit))
        let objective = try #require(result.objective)
        let bound = try #require(result.bestBound)
        #expect(objective > bound)
        #expect((result.gap ?? 0) > 0)
        #expect(result.seconds < 5)
        #expect(model.feasibilityProblem(try #require(result.values)) == nil)
        #expect(abs(model.objectiveValue(result.values!) - objective) < 1e-6)
    }

    @Test func cancelledSolveStopsAndReports() throws {
        let token = CancellationToken()
        let calls = Counter()
        let options = SolveOptions(progress: { progress in
            if calls.increment() == 200 { token.cancel() }
            return true
        }, cancellation: token)
        let result = try GLPKSolver.solve(Models.marketSplit(seed: 11), options: options)
        #expect(result.status == .feasible(.cancelled) || result.status == .noSolutionFound(.cancelled))
        #expect(result.seconds < 30)
        // The progress callback can stop the search by itself too.
        let stopped = try GLPKSolver.solve(Models.marketSplit(seed: 12), options: SolveOptions(progress: { $0.nodes < 50 }))
        #expect(stopped.status == .feasible(.cancelled) || stopped.status == .noSolutionFound(.cancelled))
    }

    @Test func progressIsSampled() throws {
        let samples = Counter()
        let seenBound = Counter()
        _ = try GLPKSolver.solve(Models.knapsack(), options: SolveOptions(progress: { progress in
            _ = samples.increment()
            if progress.bound != nil { _ = seenBound.increment() }
            return true
        }))
        #expect(samples.value > 0)
        #expect(seenBound.value > 0)
    }

    @Test func warmStartIsUsedAsFirstIncumbent() throws {
        let model = Models.marketSplit(seed: 21)
        var warm = [Double](repeating: 0, count: model.variables.count)
        // All x = 0: each slack sp = target.
        for (row, constraint) in model.constraints.enumerated() {
            warm[model.variables.firstIndex { $0.name == "sp(\(row))" }!] = constraint.lowerBound!
        }
        let result = try GLPKSolver.solve(model, options: SolveOptions(timeLimitSeconds: 0.3, warmStart: warm))
        #expect(result.warmStartAccepted)
        #expect(try #require(result.objective) <= model.objectiveValue(warm) + 1e-9)
        // An infeasible warm start is refused before GLPK sees it.
        var bad = warm
        bad[0] = 0.5
        #expect(throws: SolverError.self) { try GLPKSolver.solve(model, options: SolveOptions(warmStart: bad)) }
    }

    @Test func twoThreadsGiveTheSameResultsAsOneAfterTheOther() throws {
        let models = [Models.knapsack(seed: 5), Models.knapsack(seed: 6)]
        let sequential = try models.map { try GLPKSolver.solve($0) }
        let results = ResultBox(count: 2)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            results.set(index, try? GLPKSolver.solve(models[index]))
        }
        for index in 0..<2 {
            let parallel = try #require(results.get(index))
            #expect(parallel.status == sequential[index].status)
            #expect(parallel.objective == sequential[index].objective)
            #expect(parallel.values == sequential[index].values)
            #expect(parallel.nodes == sequential[index].nodes)
        }
    }
}

/// Thread-safe counters and boxes for callbacks.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func increment() -> Int { lock.lock(); defer { lock.unlock() }; count += 1; return count }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [SolveResult?]
    init(count: Int) { items = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ value: SolveResult?) { lock.lock(); items[index] = value; lock.unlock() }
    func get(_ index: Int) -> SolveResult? { lock.lock(); defer { lock.unlock() }; return items[index] }
}
