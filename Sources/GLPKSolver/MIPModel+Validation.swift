/// A model GLPK must not be given, with the variable or constraint at fault.
public enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    case nonFiniteObjective(variable: String, value: Double)
    case nonFiniteObjectiveConstant(value: Double)
    case nonFiniteBound(name: String, value: Double)
    case emptyBounds(name: String, lower: Double, upper: Double)
    case nonFiniteCoefficient(constraint: String, variable: String, value: Double)
    case duplicateEntry(constraint: String, variable: String)
    case variableOutOfRange(constraint: String, index: Int, count: Int)
    case invalidName(name: String, reason: String)
    case duplicateName(name: String, kind: String)
    case tooLarge(what: String, count: Int, limit: Int)
    case warmStartSize(expected: Int, got: Int)
    case warmStartInfeasible(reason: String)

    public var description: String {
        switch self {
        case .nonFiniteObjective(let variable, let value): return "objective coefficient of variable '\(variable)' is \(value); use a finite number"
        case .nonFiniteObjectiveConstant(let value): return "objective constant is \(value); use a finite number"
        case .nonFiniteBound(let name, let value): return "bound of '\(name)' is \(value); use a finite number, or nil for no bound"
        case .emptyBounds(let name, let lower, let upper): return "bounds of '\(name)' are empty: lower \(lower) > upper \(upper)"
        case .nonFiniteCoefficient(let constraint, let variable, let value): return "coefficient of '\(variable)' in constraint '\(constraint)' is \(value); use a finite number"
        case .duplicateEntry(let constraint, let variable): return "variable '\(variable)' appears twice in constraint '\(constraint)'; add the coefficients into one term"
        case .variableOutOfRange(let constraint, let index, let count): return "constraint '\(constraint)' refers to variable #\(index), but the model has \(count) variables"
        case .invalidName(let name, let reason): return "name '\(name.prefix(40))\(name.count > 40 ? "…" : "")' is not usable: \(reason)"
        case .duplicateName(let name, let kind): return "two \(kind)s are named '\(name)'; names must be unique"
        case .tooLarge(let what, let count, let limit): return "\(count) \(what) exceed the limit of \(limit)"
        case .warmStartSize(let expected, let got): return "warm start has \(got) values for \(expected) variables"
        case .warmStartInfeasible(let reason): return "warm start is not a feasible solution: \(reason)"
        }
    }
}

extension MIPModel {
    /// Largest number of rows, columns or matrix entries passed to GLPK (its indices are C ints).
    public static let sizeLimit = 100_000_000
    /// Longest name GLPK accepts, in bytes.
    public static let nameLimit = 255

    /// Checks a name for GLPK and for CPLEX LP/MPS files: 1–255 ASCII letters, digits and
    /// `_ . ( ) ,`, not starting with a digit or a period. (Brackets are not allowed: GLPK's LP
    /// writer would rename them, and exported names must match the model's.)
    public static func nameProblem(_ name: String) -> String? {
        let bytes = Array(name.utf8)
        if bytes.isEmpty { return "it is empty" }
        if bytes.count > nameLimit { return "it is \(bytes.count) bytes long; GLPK allows \(nameLimit)" }
        if let first = bytes.first, (first >= 0x30 && first <= 0x39) || first == 0x2E { return "it starts with a digit or a period" }
        for byte in bytes {
            let ok = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x5F || byte == 0x2E || byte == 0x28 || byte == 0x29 || byte == 0x2C
            if !ok { return "it contains '\(String(decoding: [byte], as: UTF8.self))'; use letters, digits and _ . ( ) ," }
        }
        return nil
    }

    /// Every check that protects GLPK from a bad call. Throws the first problem found.
    public func validate() throws(ModelError) {
        if variables.count > Self.sizeLimit { throw .tooLarge(what: "variables", count: variables.count, limit: Self.sizeLimit) }
        if constraints.count > Self.sizeLimit { throw .tooLarge(what: "constraints", count: constraints.count, limit: Self.sizeLimit) }
        if termVariables.count > Self.sizeLimit { throw .tooLarge(what: "matrix entries", count: termVariables.count, limit: Self.sizeLimit) }
        if !objectiveConstant.isFinite { throw .nonFiniteObjectiveConstant(value: objectiveConstant) }
        if let problem = Self.nameProblem(name) { throw .invalidName(name: name, reason: problem) }
        var names = Set<String>()
        names.reserveCapacity(variables.count)
        for variable in variables {
            if let problem = Self.nameProblem(variable.name) { throw .invalidName(name: variable.name, reason: problem) }
            if !names.insert(variable.name).inserted { throw .duplicateName(name: variable.name, kind: "variable") }
            if !variable.objective.isFinite { throw .nonFiniteObjective(variable: variable.name, value: variable.objective) }
            try Self.checkBounds(variable.name, variable.lowerBound, variable.upperBound)
        }
        names.removeAll(keepingCapacity: true)
        var lastSeen = [Int](repeating: -1, count: variables.count)
        for (row, constraint) in constraints.enumerated() {
            if let problem = Self.nameProblem(constraint.name) { throw .invalidName(name: constraint.name, reason: problem) }
            if !names.insert(constraint.name).inserted { throw .duplicateName(name: constraint.name, kind: "constraint") }
            try Self.checkBounds(constraint.name, constraint.lowerBound, constraint.upperBound)
            for k in constraint.termStart..<(constraint.termStart + constraint.termCount) {
                let column = termVariables[k]
                guard column >= 0 && column < variables.count else {
                    throw .variableOutOfRange(constraint: constraint.name, index: column, count: variables.count)
                }
                if !termCoefficients[k].isFinite {
                    throw .nonFiniteCoefficient(constraint: constraint.name, variable: variables[column].name, value: termCoefficients[k])
                }
                if lastSeen[column] == row { throw .duplicateEntry(constraint: constraint.name, variable: variables[column].name) }
                lastSeen[column] = row
            }
        }
    }

    private static func checkBounds(_ name: String, _ lower: Double?, _ upper: Double?) throws(ModelError) {
        if let lower, !lower.isFinite { throw .nonFiniteBound(name: name, value: lower) }
        if let upper, !upper.isFinite { throw .nonFiniteBound(name: name, value: upper) }
        if let lower, let upper, lower > upper { throw .emptyBounds(name: name, lower: lower, upper: upper) }
    }

    /// Why an assignment is not feasible (first problem found), or nil when it is, with an absolute
    /// tolerance of `tolerance` on bounds and constraints and 1e-9 on integrality.
    public func feasibilityProblem(_ values: [Double], tolerance: Double = 1e-6) -> String? {
        guard values.count == variables.count else { return "\(values.count) values for \(variables.count) variables" }
        for (index, variable) in variables.enumerated() {
            let value = values[index]
            if !value.isFinite { return "variable '\(variable.name)' is \(value)" }
            if let lower = variable.lowerBound, value < lower - tolerance { return "variable '\(variable.name)' = \(value) is below its lower bound \(lower)" }
            if let upper = variable.upperBound, value > upper + tolerance { return "variable '\(variable.name)' = \(value) is above its upper bound \(upper)" }
            if variable.kind != .continuous && abs(value - value.rounded()) > 1e-9 { return "variable '\(variable.name)' = \(value) is not integral" }
        }
        for constraint in constraints {
            var activity = 0.0
            for k in constraint.termStart..<(constraint.termStart + constraint.termCount) { activity += termCoefficients[k] * values[termVariables[k]] }
            if let lower = constraint.lowerBound, activity < lower - tolerance { return "constraint '\(constraint.name)' = \(activity) is below \(lower)" }
            if let upper = constraint.upperBound, activity > upper + tolerance { return "constraint '\(constraint.name)' = \(activity) is above \(upper)" }
        }
        return nil
    }
}
