/// Reads the members of one JSON object into typed values, reporting every problem to a log
/// instead of stopping at the first: wrong types, missing required fields, out-of-range numbers,
/// duplicate members, and (as warnings) members nobody asked for.
public struct FieldReader {
    public let members: [JSONMember]
    /// JSON path of the object, e.g. `sections[3]`.
    public let path: String
    /// Offset of the object's opening brace.
    public let offset: Int
    /// The element's id once read, for messages.
    public var elementID: String?
    private var used: [Bool]

    /// Wraps `node` when it is an object; reports an error and returns nil otherwise.
    public init?(_ node: JSONNode, path: String, log: inout DiagnosticLog) {
        guard case .object(let members) = node.value else {
            log.error(at: node.offset, path: path, "expected an object, found \(node.value.typeDescription)")
            return nil
        }
        self.members = members
        self.path = path
        self.offset = node.offset
        self.used = Array(repeating: false, count: members.count)
        for (index, member) in members.enumerated() where index > 0 {
            for earlier in 0..<index where members[earlier].key == member.key {
                log.error(at: member.keyOffset, path: fieldPath(member.key), "member '\(member.key)' appears more than once; keep one")
                break
            }
        }
    }

    public func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    /// The node of member `key`, marking it as read; nil when absent or null.
    public mutating func node(_ key: String) -> JSONNode? {
        for index in members.indices where members[index].key == key {
            used[index] = true
            if case .null = members[index].node.value { return nil }
            return members[index].node
        }
        return nil
    }

    public func contains(_ key: String) -> Bool {
        members.contains { $0.key == key }
    }

    private func missing(_ key: String, _ what: String, log: inout DiagnosticLog) {
        log.error(at: offset, path: path, id: elementID, "required field '\(key)' is missing; add \(what)")
    }

    public mutating func string(_ key: String, required: Bool, log: inout DiagnosticLog, what: String = "a string") -> String? {
        guard let node = node(key) else {
            if required { missing(key, what, log: &log) }
            return nil
        }
        guard case .string(let text) = node.value else {
            log.error(at: node.offset, path: fieldPath(key), id: elementID, "expected \(what), found \(node.value.typeDescription)")
            return nil
        }
        if required && text.isEmpty {
            log.error(at: node.offset, path: fieldPath(key), id: elementID, "must not be empty; give \(what)")
            return nil
        }
        return text
    }

    /// A finite number within `range` (bounds inclusive); `unit` appears in messages.
    public mutating func double(
        _ key: String, required: Bool, log: inout DiagnosticLog, minimum: Double? = nil, maximum: Double? = nil,
        positive: Bool = false, unit: String = ""
    ) -> Double? {
        guard let node = node(key) else {
            if required { missing(key, "a number\(unit.isEmpty ? "" : " in \(unit)")", log: &log) }
            return nil
        }
        guard case .number(let value) = node.value else {
            log.error(at: node.offset, path: fieldPath(key), id: elementID, "expected a number\(unit.isEmpty ? "" : " in \(unit)"), found \(node.value.typeDescription)")
            return nil
        }
        if positive && !(value > 0) {
            log.error(at: node.offset, path: fieldPath(key), id: elementID, "must be greater than zero; got \(format(value))")
            return nil
        }
        if let minimum, value < minimum {
            let text = minimum == 0 ? "must not be negative" : "must be at least \(format(minimum))"
            log.error(at: node.offset, path: fieldPath(key), id: elementID, "\(text); got \(format(value))")
            return nil
        }
        if let maximum, value > maximum {
            log.error(at: node.offset, path: fieldPath(key), id: elementID, "must be at most \(format(maximum)); got \(format(value))")
            return nil
        }
        return value
    }

    public mutating func integer(_ key: String, required: Bool, log: inout DiagnosticLog, minimum: Int? = nil, maximum: Int? = nil) -> Int? {
        guard let node = node(key) else {
            if required { missing(key, "a whole number", log: &log) }
            return nil
        }
        guard case .number(let value) = node.value, value.rounded() == value, abs(value) < 9e15 else {
            log.error(at: node.offset, path: fieldPath(key), id: elementID, "expected a whole number, found \(describe(node.value))")
            return nil
        }
        let integer = Int(value)
        if let minimum, integer < minimum {
            let text = minimum == 0 ? "must not be negative" : "must be at least \(minimum)"
            log.error(at: node.offset, path: fieldPath(key), id: elementID, "\(text); got \(integer)")
            return nil
        }
        if let maximum, integer > maximum {
            log.error(at: node.offset, path: fieldPath(key), id: elementID, "must be at most \(maximum); got \(integer)")
            return nil
        }
        return integer
    }

    public mutating func bool(_ key: String, log: inout DiagnosticLog) -> Bool? {
        guard let node = node(key) else { return nil }
        guard case .bool(let value) = node.value else {
            log.error(at: node.offset, path: fieldPath(key), id: elementID, "expected true or false, found \(node.value.typeDescription)")
            return nil
        }
        return value
    }

    /// One of the raw values of `T`, with the allowed values listed when the text is not one of them.
    public mutating func enumeration<T: RawRepresentable & CaseIterable>(
        _ key: String, _ type: T.Type, required: Bool, log: inout DiagnosticLog
    ) -> T? where T.RawValue == String {
        var allowed: String { T.allCases.map { "'\($0.rawValue)'" }.joined(separator: ", ") }
        guard let node = node(key) else {
            if required { missing(key, "one of \(allowed)", log: &log) }
            return nil
        }
        guard case .string(let text) = node.value else {
            log.error(at: node.offset, path: fieldPath(key), id: elementID, "expected one of \(allowed), found \(node.value.typeDescription)")
            return nil
        }
        guard let value = T(rawValue: text) else {
            log.error(at: node.offset, path: fieldPath(key), id: elementID, "unknown value '\(text)'; use one of \(allowed)")
            return nil
        }
        return value
    }

    /// Elements of an array member; reports a type error and returns nil when it is not an array.
    public mutating func array(_ key: String, required: Bool, log: inout DiagnosticLog) -> [JSONNode]? {
        guard let node = node(key) else {
            if required { missing(key, "an array", log: &log) }
            return nil
        }
        guard case .array(let items) = node.value else {
            log.error(at: node.offset, path: fieldPath(key), id: elementID, "expected an array, found \(node.value.typeDescription)")
            return nil
        }
        return items
    }

    /// Numbers of a fixed-length numeric array (e.g. 12 monthly factors), each finite and ≥ `minimum`.
    public mutating func numberArray(_ key: String, count: Int, minimum: Double, maximum: Double = 1e15, log: inout DiagnosticLog) -> [Double]? {
        guard let items = array(key, required: false, log: &log) else { return nil }
        guard items.count == count else {
            log.error(at: node(key)?.offset, path: fieldPath(key), id: elementID, "expected exactly \(count) numbers, found \(items.count)")
            return nil
        }
        var values: [Double] = []
        for (index, item) in items.enumerated() {
            guard case .number(let value) = item.value, value >= minimum, value <= maximum else {
                log.error(at: item.offset, path: "\(fieldPath(key))[\(index)]", id: elementID, "expected a number in \(format(minimum))…\(format(maximum)), found \(describe(item.value))")
                return nil
            }
            values.append(value)
        }
        return values
    }

    /// An array of non-empty strings (ids).
    public mutating func stringArray(_ key: String, required: Bool, log: inout DiagnosticLog) -> [String]? {
        guard let items = array(key, required: required, log: &log) else { return nil }
        var values: [String] = []
        for (index, item) in items.enumerated() {
            guard case .string(let text) = item.value, !text.isEmpty else {
                log.error(at: item.offset, path: "\(fieldPath(key))[\(index)]", id: elementID, "expected a non-empty id string, found \(item.value.typeDescription)")
                return nil
            }
            values.append(text)
        }
        return values
    }

    /// Warns once per member that no reader asked for.
    public func reportUnknown(log: inout DiagnosticLog, known: [String]) {
        for index in members.indices where !used[index] && !known.contains(members[index].key) {
            let member = members[index]
            log.error(
                at: member.keyOffset, path: fieldPath(member.key), id: elementID,
                UnknownName.message("field", member.key, known: known))
        }
    }

    private func describe(_ value: JSONValue) -> String {
        if case .number(let number) = value { return format(number) }
        return value.typeDescription
    }
}

/// Compact number text for messages: 3 → "3", 0.25 → "0.25".
public func format(_ value: Double) -> String {
    if value.rounded() == value && abs(value) < 1e15 { return String(Int(value)) }
    return "\(value)"
}
