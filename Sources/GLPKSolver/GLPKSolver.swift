import CGLPK
import CGLPKGuard
import Foundation

/// A GLPK failure that the guard caught: the process survives and the next solve works.
public enum SolverError: Error, Sendable, CustomStringConvertible {
    case invalidModel(ModelError)
    /// GLPK raised an error (its message is in the log); its environment was freed and recreated.
    case glpkError(log: String)
    /// GLPK returned a code this wrapper does not map (its number and the log).
    case unexpectedReturn(code: Int32, log: String)
    case writeFailed(path: String, log: String)

    public var description: String {
        switch self {
        case .invalidModel(let error): return "invalid model: \(error)"
        case .glpkError(let log): return "GLPK error: \(log.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .unexpectedReturn(let code, let log): return "GLPK returned code \(code): \(log.trimmingCharacters(in: .whitespacesAndNewlines))"
        case .writeFailed(let path, let log): return "cannot write \(path): \(log.trimmingCharacters(in: .whitespacesAndNewlines))"
        }
    }
}

/// File formats a model can be exported in.
public enum ModelFileFormat: Sendable {
    /// CPLEX LP (`glpsol --lp FILE`).
    case cplexLP
    /// Free MPS (`glpsol --freemps FILE`).
    case freeMPS

    /// The format for a path's extension (.lp or .mps), or nil.
    public init?(path: String) {
        if path.hasSuffix(".lp") { self = .cplexLP } else if path.hasSuffix(".mps") { self = .freeMPS } else { return nil }
    }
}

/// The only Swift code that talks to GLPK. Every entry point validates its input, then runs GLPK
/// inside the C guard on the calling thread, building and freeing the GLPK problem in one call.
public enum GLPKSolver {
    /// GLPK's version, e.g. "5.0".
    public static var version: String { String(cString: llg_version()) }

    /// Whether GLPK keeps one environment per thread (Debian's build does); when not, solves are
    /// serialised.
    public static let threadLocalEnvironment: Bool = llg_thread_local_environment() != 0
    private static let serialLock = NSLock()

    /// Solves a model. Throws only for invalid input or a GLPK error; every search outcome
    /// (optimal, gap left, infeasible, unbounded, nothing found in time) is a ``SolveResult``.
    public static func solve(_ model: MIPModel, options: SolveOptions = SolveOptions()) throws(SolverError) -> SolveResult {
        do { try model.validate() } catch { throw .invalidModel(error) }
        if let warm = options.warmStart {
            guard warm.count == model.variables.count else {
                throw .invalidModel(.warmStartSize(expected: model.variables.count, got: warm.count))
            }
            if let problem = model.feasibilityProblem(warm) { throw .invalidModel(.warmStartInfeasible(reason: problem)) }
        }
        if let limit = options.timeLimitSeconds, !(limit > 0 && limit.isFinite) {
            throw .invalidModel(.nonFiniteBound(name: "time limit", value: limit))
        }
        guard options.relativeGap >= 0 && options.relativeGap.isFinite else {
            throw .invalidModel(.nonFiniteBound(name: "relative gap", value: options.relativeGap))
        }
        if !threadLocalEnvironment { serialLock.lock() }
        defer { if !threadLocalEnvironment { serialLock.unlock() } }
        return try CModel.with(model) { (cModel: inout llg_model) throws(SolverError) -> SolveResult in
            try run(model, cModel: &cModel, options: options)
        }
    }

    private final class CallbackContext {
        let options: SolveOptions
        let start: ContinuousClock.Instant
        let clock = ContinuousClock()
        init(options: SolveOptions) {
            self.options = options
            self.start = clock.now
        }
    }

    private static func run(_ model: MIPModel, cModel: inout llg_model, options: SolveOptions) throws(SolverError) -> SolveResult {
        let context = CallbackContext(options: options)
        var values = [Double](repeating: 0, count: model.variables.count)
        var result = llg_result()
        let clock = ContinuousClock()
        let start = clock.now
        let code: Int32 = values.withUnsafeMutableBufferPointer { valueBuffer in
            result.values = valueBuffer.baseAddress
            let warm = options.warmStart ?? []
            return warm.withUnsafeBufferPointer { warmBuffer in
                var cOptions = llg_options()
                cOptions.time_limit_seconds = options.timeLimitSeconds ?? 0
                cOptions.mip_gap = options.relativeGap
                cOptions.presolve = options.presolve ? 1 : 0
                cOptions.message_level = options.messageLevel.rawValue
                cOptions.warm_start = options.warmStart == nil ? nil : warmBuffer.baseAddress
                cOptions.context = Unmanaged.passUnretained(context).toOpaque()
                cOptions.progress = { rawContext, rawProgress in
                    guard let rawContext, let rawProgress else { return 0 }
                    let context = Unmanaged<CallbackContext>.fromOpaque(rawContext).takeUnretainedValue()
                    let sample = rawProgress.pointee
                    if context.options.cancellation?.isCancelled == true { return 1 }
                    guard let progress = context.options.progress else { return 0 }
                    let elapsed = context.clock.now - context.start
                    let report = SolveProgress(
                        incumbent: sample.has_incumbent != 0 ? sample.incumbent : nil,
                        bound: sample.has_bound != 0 ? sample.bound : nil,
                        gap: sample.gap >= 0 ? sample.gap : nil, nodes: Int(sample.nodes),
                        elapsedSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
                    return progress(report) ? 0 : 1
                }
                return llg_solve(&cModel, &cOptions, &result)
            }
        }
        withExtendedLifetime(context) {}
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let log = String(cString: llg_log())
        if code != 0 || result.failed != 0 { throw .glpkError(log: log) }
        return try interpret(result, values: values, model: model, seconds: seconds, log: log, options: options)
    }

    private static func interpret(
        _ r: llg_result, values: [Double], model: MIPModel, seconds: Double, log: String, options: SolveOptions
    ) throws(SolverError) -> SolveResult {
        let hasSolution = r.mip_status == GLP_OPT || r.mip_status == GLP_FEAS
        let objective: Double? = hasSolution ? r.objective : nil
        var bound: Double? = r.has_bound != 0 ? r.bound : nil
        let status: SolveStatus
        switch r.intopt_return {
        case 0:
            if r.mip_status == GLP_OPT {
                status = .optimal
                bound = objective
            } else if r.mip_status == GLP_NOFEAS {
                status = .infeasible
            } else {
                throw .unexpectedReturn(code: r.intopt_return, log: log)
            }
        case GLP_ETMLIM: status = hasSolution ? .feasible(.timeLimit) : .noSolutionFound(.timeLimit)
        case GLP_EMIPGAP: status = hasSolution ? .feasible(.gapReached) : .noSolutionFound(.gapReached)
        case GLP_ESTOP: status = hasSolution ? .feasible(.cancelled) : .noSolutionFound(.cancelled)
        case GLP_ENOPFS: status = .infeasible
        case GLP_ENODFS: status = .unbounded
        default: throw .unexpectedReturn(code: r.intopt_return, log: log)
        }
        // A bound worse than the incumbent cannot be (numerical noise): clamp it.
        if let objective, let b = bound {
            bound = model.sense == .minimize ? min(b, objective) : max(b, objective)
        }
        var gap: Double?
        if let objective, let bound { gap = SolveResult.relativeGap(objective: objective, bound: bound) }
        return SolveResult(
            status: status, objective: objective, bestBound: bound, gap: gap, seconds: seconds, nodes: Int(r.nodes),
            values: hasSolution ? values : nil, warmStartAccepted: r.warm_start_accepted != 0, log: log,
            variableNames: model.variables.map(\.name))
    }

    /// Writes the model for another solver: CPLEX LP or free MPS, with the model's own names.
    public static func write(_ model: MIPModel, to path: String, format: ModelFileFormat) throws(SolverError) {
        do { try model.validate() } catch { throw .invalidModel(error) }
        if !threadLocalEnvironment { serialLock.lock() }
        defer { if !threadLocalEnvironment { serialLock.unlock() } }
        let code = CModel.with(model) { (cModel: inout llg_model) -> Int32 in
            llg_write(&cModel, format == .cplexLP ? 0 : 1, path)
        }
        if code != 0 { throw .writeFailed(path: path, log: String(cString: llg_log())) }
    }

    /// For tests of the guard: makes GLPK raise an error (an out-of-range row index) inside the C
    /// layer. Returns the captured GLPK message; the process survives.
    public static func forceGLPKErrorForTesting() -> String? {
        llg_debug_force_error() != 0 ? String(cString: llg_log()) : nil
    }
}
