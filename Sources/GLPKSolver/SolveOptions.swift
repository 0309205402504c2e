import Synchronization

/// Lets another thread stop a running solve. The solver checks it at every GLPK callback and
/// returns its incumbent (if any) with the stop reason `.cancelled`.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    public func cancel() { flag.store(true, ordering: .relaxed) }
    public var isCancelled: Bool { flag.load(ordering: .relaxed) }
}

/// A sample of the branch-and-bound search, taken at every GLPK callback (GLPK does not announce
/// every new incumbent, so each sample reads the current state).
public struct SolveProgress: Sendable, Equatable {
    /// Objective of the best integer solution so far.
    public var incumbent: Double?
    /// Best bound over the open nodes.
    public var bound: Double?
    /// Relative gap |incumbent − bound| / |incumbent|, when both are known.
    public var gap: Double?
    /// Nodes generated so far.
    public var nodes: Int
    /// Seconds since the solve started.
    public var elapsedSeconds: Double
}

/// How much GLPK writes into the captured log.
public enum MessageLevel: Int32, Sendable {
    case off = 0
    case errors = 1
    case normal = 2
    case all = 3
}

public struct SolveOptions: Sendable {
    /// Stop after this many seconds and return the incumbent; nil = no limit.
    public var timeLimitSeconds: Double?
    /// Stop when the relative gap is at most this (0 = prove optimality).
    public var relativeGap: Double
    /// GLPK's MIP presolver (turned off automatically when a warm start is given, because GLPK's
    /// heuristic-solution hook works on the original columns only).
    public var presolve: Bool
    public var messageLevel: MessageLevel
    /// A known feasible assignment (one value per variable) offered as the first incumbent.
    public var warmStart: [Double]?
    /// Called at every callback; return false to stop the search.
    public var progress: (@Sendable (SolveProgress) -> Bool)?
    public var cancellation: CancellationToken?

    public init(
        timeLimitSeconds: Double? = nil, relativeGap: Double = 0, presolve: Bool = true, messageLevel: MessageLevel = .normal,
        warmStart: [Double]? = nil, progress: (@Sendable (SolveProgress) -> Bool)? = nil, cancellation: CancellationToken? = nil
    ) {
        self.timeLimitSeconds = timeLimitSeconds
        self.relativeGap = relativeGap
        self.presolve = presolve
        self.messageLevel = messageLevel
        self.warmStart = warmStart
        self.progress = progress
        self.cancellation = cancellation
    }
}
