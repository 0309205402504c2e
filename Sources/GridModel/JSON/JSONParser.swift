#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A JSON syntax error at a byte offset.
public struct JSONSyntaxError: Error, Sendable, Equatable {
    /// 0-based byte offset where the problem was found.
    public var offset: Int
    public var message: String

    public init(offset: Int, message: String) {
        self.offset = offset
        self.message = message
    }
}

/// A strict RFC 8259 parser that records the byte offset of every value.
///
/// It rejects what JSON does not allow (NaN, Infinity, comments, trailing commas, control
/// characters in strings, numbers that overflow a Double), and limits nesting so that hostile input
/// cannot exhaust the stack.
public struct JSONParser {
    public static let maximumDepth = 256

    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    private init(bytes: [UInt8]) {
        // A trailing NUL keeps strtod from reading past the buffer.
        var padded = bytes
        padded.append(0)
        self.bytes = padded
    }

    /// Parses one JSON document; whitespace may surround it, nothing else may follow.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        var parser = JSONParser(bytes: bytes)
        let end = bytes.count
        parser.skipWhitespace()
        if parser.index >= end {
            throw JSONSyntaxError(offset: 0, message: "the file is empty; expected a JSON object")
        }
        let root = try parser.parseValue()
        parser.skipWhitespace()
        if parser.index < end {
            throw JSONSyntaxError(offset: parser.index, message: "unexpected text after the end of the JSON document")
        }
        return root
    }

    private var current: UInt8 { bytes[index] }
    private var atEnd: Bool { index >= bytes.count - 1 }

    private mutating func skipWhitespace() {
        while !atEnd {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return
            }
        }
    }

    private mutating func parseValue() throws(JSONSyntaxError) -> JSONNode {
        skipWhitespace()
        let start = index
        guard !atEnd else {
            throw JSONSyntaxError(offset: index, message: "unexpected end of file; expected a value")
        }
        switch current {
        case UInt8(ascii: "{"): return try parseObject()
        case UInt8(ascii: "["): return try parseArray()
        case UInt8(ascii: "\""): return JSONNode(.string(try parseString()), offset: start)
        case UInt8(ascii: "t"): try expectWord("true"); return JSONNode(.bool(true), offset: start)
        case UInt8(ascii: "f"): try expectWord("false"); return JSONNode(.bool(false), offset: start)
        case UInt8(ascii: "n"): try expectWord("null"); return JSONNode(.null, offset: start)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return JSONNode(.number(try parseNumber()), offset: start)
        case UInt8(ascii: "N"):
            throw JSONSyntaxError(offset: start, message: "NaN is not a JSON number; write a finite number")
        case UInt8(ascii: "I"):
            throw JSONSyntaxError(offset: start, message: "Infinity is not a JSON number; write a finite number")
        default:
            throw JSONSyntaxError(offset: start, message: "unexpected character \(describe(current)); expected a value")
        }
    }

    private mutating func expectWord(_ word: StaticString) throws(JSONSyntaxError) {
        let start = index
        let count = word.utf8CodeUnitCount
        let pointer = word.utf8Start
        for offset in 0..<count {
            if atEnd || bytes[index] != pointer[offset] {
                throw JSONSyntaxError(offset: start, message: "invalid literal; expected '\(word)'")
            }
            index += 1
        }
    }

    private mutating func enter() throws(JSONSyntaxError) {
        depth += 1
        if depth > Self.maximumDepth {
            throw JSONSyntaxError(offset: index, message: "nesting deeper than \(Self.maximumDepth) levels")
        }
    }

    private mutating func parseObject() throws(JSONSyntaxError) -> JSONNode {
        let start = index
        try enter()
        index += 1
        var members: [JSONMember] = []
        skipWhitespace()
        if !atEnd && current == UInt8(ascii: "}") {
            index += 1
            depth -= 1
            return JSONNode(.object(members), offset: start)
        }
        while true {
            skipWhitespace()
            guard !atEnd else {
                throw JSONSyntaxError(offset: index, message: "unexpected end of file inside an object; expected '\"'")
            }
            guard current == UInt8(ascii: "\"") else {
                throw JSONSyntaxError(offset: index, message: "expected a member name in double quotes, found \(describe(current))")
            }
            let keyOffset = index
            let key = try parseString()
            skipWhitespace()
            guard !atEnd, current == UInt8(ascii: ":") else {
                throw JSONSyntaxError(offset: index, message: "expected ':' after member name \"\(key)\"")
            }
            index += 1
            let node = try parseValue()
            members.append(JSONMember(key: key, keyOffset: keyOffset, node: node))
            skipWhitespace()
            guard !atEnd else {
                throw JSONSyntaxError(offset: index, message: "unexpected end of file inside an object; expected ',' or '}'")
            }
            if current == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                if !atEnd && current == UInt8(ascii: "}") {
                    throw JSONSyntaxError(offset: index, message: "trailing comma before '}'")
                }
                continue
            }
            if current == UInt8(ascii: "}") {
                index += 1
                depth -= 1
                return JSONNode(.object(members), offset: start)
            }
            throw JSONSyntaxError(offset: index, message: "expected ',' or '}' after object member, found \(describe(current))")
        }
    }

    private mutating func parseArray() throws(JSONSyntaxError) -> JSONNode {
        let start = index
        try enter()
        index += 1
        var items: [JSONNode] = []
        skipWhitespace()
        if !atEnd && current == UInt8(ascii: "]") {
            index += 1
            depth -= 1
            return JSONNode(.array(items), offset: start)
        }
        while true {
            items.append(try parseValue())
            skipWhitespace()
            guard !atEnd else {
                throw JSONSyntaxError(offset: index, message: "unexpected end of file inside an array; expected ',' or ']'")
            }
            if current == UInt8(ascii: ",") {
                index += 1
                skipWhitespace()
                if !atEnd && current == UInt8(ascii: "]") {
                    throw JSONSyntaxError(offset: index, message: "trailing comma before ']'")
                }
                continue
            }
            if current == UInt8(ascii: "]") {
                index += 1
                depth -= 1
                return JSONNode(.array(items), offset: start)
            }
            throw JSONSyntaxError(offset: index, message: "expected ',' or ']' after array element, found \(describe(current))")
        }
    }

    private mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = index
        index += 1
        let contentStart = index
        // Fast path: no escapes.
        while !atEnd {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let text = String(decoding: bytes[contentStart..<index], as: UTF8.self)
                index += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 {
                throw JSONSyntaxError(offset: index, message: "control character \(describe(byte)) inside a string; escape it")
            }
            index += 1
        }
        var scalars: [UInt8] = Array(bytes[contentStart..<index])
        while !atEnd {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                index += 1
                return String(decoding: scalars, as: UTF8.self)
            }
            if byte < 0x20 {
                throw JSONSyntaxError(offset: index, message: "control character \(describe(byte)) inside a string; escape it")
            }
            if byte != UInt8(ascii: "\\") {
                scalars.append(byte)
                index += 1
                continue
            }
            index += 1
            guard !atEnd else { break }
            let escape = bytes[index]
            index += 1
            switch escape {
            case UInt8(ascii: "\""): scalars.append(0x22)
            case UInt8(ascii: "\\"): scalars.append(0x5C)
            case UInt8(ascii: "/"): scalars.append(0x2F)
            case UInt8(ascii: "b"): scalars.append(0x08)
            case UInt8(ascii: "f"): scalars.append(0x0C)
            case UInt8(ascii: "n"): scalars.append(0x0A)
            case UInt8(ascii: "r"): scalars.append(0x0D)
            case UInt8(ascii: "t"): scalars.append(0x09)
            case UInt8(ascii: "u"):
                var code = try parseHex4()
                if (0xD800...0xDBFF).contains(code) {
                    guard index + 1 < bytes.count - 1, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") else {
                        throw JSONSyntaxError(offset: index, message: "unpaired UTF-16 surrogate in \\u escape")
                    }
                    index += 2
                    let low = try parseHex4()
                    guard (0xDC00...0xDFFF).contains(low) else {
                        throw JSONSyntaxError(offset: index - 6, message: "invalid low surrogate in \\u escape")
                    }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(code) {
                    throw JSONSyntaxError(offset: index - 6, message: "unpaired UTF-16 surrogate in \\u escape")
                }
                guard let scalar = Unicode.Scalar(code) else {
                    throw JSONSyntaxError(offset: index - 6, message: "invalid \\u escape")
                }
                scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
            default:
                throw JSONSyntaxError(offset: index - 2, message: "invalid escape '\\\(Character(Unicode.Scalar(escape)))' in a string")
            }
        }
        throw JSONSyntaxError(offset: start, message: "string is not closed; add the closing '\"'")
    }

    private mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        var code: UInt32 = 0
        for _ in 0..<4 {
            guard !atEnd else {
                throw JSONSyntaxError(offset: index, message: "unexpected end of file in \\u escape")
            }
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default:
                throw JSONSyntaxError(offset: index, message: "invalid hexadecimal digit in \\u escape")
            }
            code = code * 16 + digit
            index += 1
        }
        return code
    }

    private func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private mutating func parseNumber() throws(JSONSyntaxError) -> Double {
        let start = index
        if current == UInt8(ascii: "-") {
            index += 1
            if !atEnd && current == UInt8(ascii: "I") {
                throw JSONSyntaxError(offset: start, message: "-Infinity is not a JSON number; write a finite number")
            }
        }
        guard !atEnd, isDigit(current) else {
            throw JSONSyntaxError(offset: start, message: "invalid number; expected a digit")
        }
        var simpleInteger = true
        var integer: Int64 = 0
        if current == UInt8(ascii: "0") {
            index += 1
            if !atEnd && isDigit(current) {
                throw JSONSyntaxError(offset: start, message: "invalid number; leading zeros are not allowed")
            }
        } else {
            var digits = 0
            while !atEnd && isDigit(current) {
                integer = integer &* 10 &+ Int64(current - UInt8(ascii: "0"))
                digits += 1
                index += 1
            }
            if digits > 15 { simpleInteger = false }
        }
        if !atEnd && current == UInt8(ascii: ".") {
            simpleInteger = false
            index += 1
            guard !atEnd, isDigit(current) else {
                throw JSONSyntaxError(offset: start, message: "invalid number; expected a digit after '.'")
            }
            while !atEnd && isDigit(current) { index += 1 }
        }
        if !atEnd && (current == UInt8(ascii: "e") || current == UInt8(ascii: "E")) {
            simpleInteger = false
            index += 1
            if !atEnd && (current == UInt8(ascii: "+") || current == UInt8(ascii: "-")) { index += 1 }
            guard !atEnd, isDigit(current) else {
                throw JSONSyntaxError(offset: start, message: "invalid number; expected a digit in the exponent")
            }
            while !atEnd && isDigit(current) { index += 1 }
        }
        if simpleInteger {
            let negative = bytes[start] == UInt8(ascii: "-")
            return negative ? -Double(integer) : Double(integer)
        }
        let value: Double = bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return .nan }
            return base.advanced(by: start).withMemoryRebound(to: CChar.self, capacity: index - start + 1) { pointer in
                strtod(pointer, nil)
            }
        }
        guard value.isFinite else {
            throw JSONSyntaxError(offset: start, message: "number is too large to represent; write a finite number")
        }
        return value
    }

    private func describe(_ byte: UInt8) -> String {
        if byte >= 0x21 && byte < 0x7F {
            return "'\(Character(Unicode.Scalar(byte)))'"
        }
        return "byte 0x" + String(byte, radix: 16, uppercase: true)
    }
}
