/// Why a search ended before proving optimality.
public enum StopReason: String, Sendable {
    case timeLimit
    /// The relative gap reached the requested tolerance.
    case gapReached
    /// Cancelled by the token or the progress callback.
    case cancelled
}

/// The outcome of a solve — a value, never a crash or an exception.
public enum SolveStatus: Sendable, Equatable {
    /// Proved optimal (gap 0 within GLPK's tolerances).
    case optimal
    /// An integer solution was found but the search stopped with a gap.
    case feasible(StopReason)
    /// No solution exists.
    case infeasible
    /// The objective can improve without limit.
    case unbounded
    /// The search stopped before finding any integer solution.
    case noSolutionFound(StopReason)

    public var hasSolution: Bool {
        switch self {
        case .optimal, .feasible: return true
        default: return false
        }
    }

    public var text: String {
        switch self {
        case .optimal: return "optimal"
        case .feasible(let reason): return "feasible (\(reason.rawValue))"
        case .infeasible: return "infeasible"
        case .unbounded: return "unbounded"
        case .noSolutionFound(let reason): return "no solution found (\(reason.rawValue))"
        }
    }
}

public struct SolveResult: Sendable {
    public var status: SolveStatus
    /// Objective of the solution returned, when there is one.
    public var objective: Double?
    /// Best bound proved (equals the objective when optimal).
    public var bestBound: Double?
    /// Relative gap |objective − bound| / max(|objective|, 1e-9), when both are known.
    public var gap: Double?
    public var seconds: Double
    /// Branch-and-bound nodes generated.
    public var nodes: Int
    /// Variable values in model order, when there is a solution.
    public var values: [Double]?
    /// Whether GLPK accepted the warm start as an incumbent.
    public var warmStartAccepted: Bool
    /// GLPK's terminal output, captured (never printed unless the caller does).
    public var log: String
    /// Variable names in model order (for values by name).
    public var variableNames: [String]

    /// The value of a variable in the solution.
    public func value(_ variable: MIPModel.Variable) -> Double? {
        values?[variable.index]
    }

    /// The value of the variable called `name`.
    public func value(named name: String) -> Double? {
        guard let values, let index = variableNames.firstIndex(of: name) else { return nil }
        return values[index]
    }

    /// Values by variable name.
    public var valuesByName: [String: Double] {
        guard let values else { return [:] }
        return Dictionary(uniqueKeysWithValues: zip(variableNames, values))
    }

    /// Relative gap GLPK-style.
    public static func relativeGap(objective: Double, bound: Double) -> Double {
        abs(objective - bound) / max(abs(objective), 1e-9)
    }
}
