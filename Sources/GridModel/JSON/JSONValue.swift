/// A parsed JSON value that remembers where it stood in its file.
///
/// `offset` is the 0-based byte offset of the value's first byte; ``SourceText`` turns it into a
/// 1-based line and column for messages.
public struct JSONNode: Sendable {
    public var value: JSONValue
    /// 0-based byte offset of the first byte of this value in the source.
    public var offset: Int

    public init(_ value: JSONValue, offset: Int) {
        self.value = value
        self.offset = offset
    }
}

/// One member of a JSON object, in file order.
public struct JSONMember: Sendable {
    public var key: String
    /// 0-based byte offset of the key's opening quote.
    public var keyOffset: Int
    public var node: JSONNode
}

/// The JSON data model. Objects keep their members in file order so that duplicate keys can be
/// reported and output stays deterministic.
public enum JSONValue: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONNode])
    case object([JSONMember])

    /// A short noun for messages: "a number", "an object", ...
    public var typeDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}

extension JSONNode {
    /// The member named `key` when this node is an object (first occurrence).
    public subscript(key: String) -> JSONNode? {
        guard case .object(let members) = value else { return nil }
        for member in members where member.key == key { return member.node }
        return nil
    }

    public var arrayValue: [JSONNode]? {
        if case .array(let items) = value { return items }
        return nil
    }

    public var objectValue: [JSONMember]? {
        if case .object(let members) = value { return members }
        return nil
    }

    public var stringValue: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    public var doubleValue: Double? {
        if case .number(let number) = value { return number }
        return nil
    }
}
