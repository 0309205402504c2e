/// A mixed-integer linear program, built in Swift and validated before anything reaches GLPK.
///
/// Knows nothing about grids. Variables and constraints are referred to by the handles the
/// `add…` methods return (0-based positions) and carry names that appear in exported LP/MPS files
/// and in solutions.
public struct MIPModel: Sendable {
    public enum Sense: String, Sendable { case minimize, maximize }

    public enum VariableKind: String, Sendable { case continuous, integer, binary }

    /// A handle to a variable: its 0-based position in `variables`.
    public struct Variable: Hashable, Sendable {
        public let index: Int
        public init(index: Int) { self.index = index }
    }

    /// A handle to a constraint: its 0-based position in `constraints`.
    public struct Constraint: Hashable, Sendable {
        public let index: Int
    }

    public struct VariableInfo: Sendable, Equatable {
        public var name: String
        public var kind: VariableKind
        /// nil = no lower bound (−∞). Binary variables are always 0…1.
        public var lowerBound: Double?
        /// nil = no upper bound (+∞).
        public var upperBound: Double?
        public var objective: Double
    }

    public struct ConstraintInfo: Sendable, Equatable {
        public var name: String
        /// nil = no lower limit.
        public var lowerBound: Double?
        /// nil = no upper limit.
        public var upperBound: Double?
        /// Terms are `termVariables[termStart ..< termStart + termCount]`.
        public var termStart: Int
        public var termCount: Int
    }

    public var name: String
    public var sense: Sense
    public var objectiveConstant: Double = 0
    public private(set) var variables: [VariableInfo] = []
    public private(set) var constraints: [ConstraintInfo] = []
    /// Variable index of each term, constraint by constraint.
    public private(set) var termVariables: [Int] = []
    public private(set) var termCoefficients: [Double] = []

    public init(name: String = "model", sense: Sense = .minimize) {
        self.name = name
        self.sense = sense
    }

    /// Adds a variable. Bounds default to 0 … +∞ (nil means unbounded on that side).
    @discardableResult
    public mutating func addVariable(
        _ name: String, kind: VariableKind = .continuous, lowerBound: Double? = 0, upperBound: Double? = nil,
        objective: Double = 0
    ) -> Variable {
        variables.append(VariableInfo(
            name: name, kind: kind, lowerBound: kind == .binary ? 0 : lowerBound, upperBound: kind == .binary ? 1 : upperBound,
            objective: objective))
        return Variable(index: variables.count - 1)
    }

    /// Adds a 0/1 variable.
    @discardableResult
    public mutating func addBinary(_ name: String, objective: Double = 0) -> Variable {
        addVariable(name, kind: .binary, objective: objective)
    }

    public mutating func setObjective(_ variable: Variable, _ coefficient: Double) {
        variables[variable.index].objective = coefficient
    }

    public mutating func setBounds(_ variable: Variable, lower: Double?, upper: Double?) {
        variables[variable.index].lowerBound = lower
        variables[variable.index].upperBound = upper
    }

    /// Adds `lower ≤ Σ coefficient × variable ≤ upper` (nil = no limit on that side).
    @discardableResult
    public mutating func addConstraint(
        _ name: String, _ terms: [(Variable, Double)], lowerBound: Double? = nil, upperBound: Double? = nil
    ) -> Constraint {
        let start = termVariables.count
        for (variable, coefficient) in terms {
            termVariables.append(variable.index)
            termCoefficients.append(coefficient)
        }
        constraints.append(ConstraintInfo(name: name, lowerBound: lowerBound, upperBound: upperBound, termStart: start, termCount: terms.count))
        return Constraint(index: constraints.count - 1)
    }

    /// Σ terms ≤ limit.
    @discardableResult
    public mutating func addLessOrEqual(_ name: String, _ terms: [(Variable, Double)], _ limit: Double) -> Constraint {
        addConstraint(name, terms, upperBound: limit)
    }

    /// Σ terms ≥ limit.
    @discardableResult
    public mutating func addGreaterOrEqual(_ name: String, _ terms: [(Variable, Double)], _ limit: Double) -> Constraint {
        addConstraint(name, terms, lowerBound: limit)
    }

    /// Σ terms = value.
    @discardableResult
    public mutating func addEqual(_ name: String, _ terms: [(Variable, Double)], _ value: Double) -> Constraint {
        addConstraint(name, terms, lowerBound: value, upperBound: value)
    }

    /// The terms of a constraint.
    public func terms(of constraint: Int) -> [(variable: Int, coefficient: Double)] {
        let info = constraints[constraint]
        return (info.termStart..<(info.termStart + info.termCount)).map { (termVariables[$0], termCoefficients[$0]) }
    }

    public var entryCount: Int { termVariables.count }

    /// Objective value of an assignment (one value per variable).
    public func objectiveValue(_ values: [Double]) -> Double {
        var total = objectiveConstant
        for (index, variable) in variables.enumerated() { total += variable.objective * values[index] }
        return total
    }
}
