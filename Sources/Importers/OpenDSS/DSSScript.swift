import Foundation
import GridModel

/// One OpenDSS command after comments are removed and `~` / `more` continuation lines are joined.
struct DSSCommand {
    var text: String
    var file: String
    var line: Int
}

/// Reading OpenDSS script files: comments, continuation lines, redirect/compile, tokens, RPN.
enum DSSScript {
    /// The text of a file: UTF-8, else Latin-1 (OpenDSS files from Windows tools).
    static func text(path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        if let text = String(data: data, encoding: .utf8) { return text }
        return String(data: data, encoding: .isoLatin1)
    }

    /// Resolves a path relative to `directory`. Linux paths are case-sensitive but OpenDSS files
    /// come from Windows, so a name that does not exist as written is looked up ignoring case.
    static func resolve(_ name: String, in directory: String) -> (path: String, caseFixed: Bool)? {
        var cleaned = name.trimmingCharacters(in: .whitespaces)
        if cleaned.hasPrefix("\"") || cleaned.hasPrefix("'") { cleaned = String(cleaned.dropFirst().dropLast()) }
        cleaned = cleaned.replacingOccurrences(of: "\\", with: "/")
        let full = cleaned.hasPrefix("/") ? cleaned : directory + "/" + cleaned
        if FileManager.default.fileExists(atPath: full) { return (full, false) }
        // Walk the components ignoring case.
        var current = cleaned.hasPrefix("/") ? "/" : directory
        for component in cleaned.split(separator: "/").map(String.init) where !component.isEmpty {
            if component == "." { continue }
            if component == ".." {
                current = (current as NSString).deletingLastPathComponent
                continue
            }
            let candidate = current + "/" + component
            if FileManager.default.fileExists(atPath: candidate) {
                current = candidate
                continue
            }
            guard let entries = try? FileManager.default.contentsOfDirectory(atPath: current),
                let match = entries.sorted().first(where: { $0.lowercased() == component.lowercased() })
            else { return nil }
            current = current + "/" + match
        }
        return (current, true)
    }

    /// Logical commands of a script: comments (`!`, `//`, `/* … */`) removed, continuation lines joined.
    static func commands(_ text: String, file: String) -> [DSSCommand] {
        var commands: [DSSCommand] = []
        var inBlock = false
        for (index, line) in lines(text).enumerated() {
            // Block comments.
            var stripped = ""
            var rest = Substring(line)
            while !rest.isEmpty {
                if inBlock {
                    guard let close = rest.range(of: "*/") else { rest = ""; break }
                    rest = rest[close.upperBound...]
                    inBlock = false
                } else if let open = rest.range(of: "/*") {
                    stripped += rest[..<open.lowerBound]
                    rest = rest[open.upperBound...]
                    inBlock = true
                } else {
                    stripped += rest
                    rest = ""
                }
            }
            let content = stripLineComment(stripped).trimmingCharacters(in: .whitespaces)
            if content.isEmpty { continue }
            if content.hasPrefix("~") || content.lowercased().hasPrefix("more ") || content.lowercased() == "more" {
                let continuation = content.hasPrefix("~") ? String(content.dropFirst()) : String(content.dropFirst(4))
                if !commands.isEmpty { commands[commands.count - 1].text += " " + continuation }
                continue
            }
            commands.append(DSSCommand(text: content, file: file, line: index + 1))
        }
        return commands
    }

    /// Lines of a text, split at LF (CR LF and CR-only ends handled); numbering is kept.
    static func lines(_ text: String) -> [String] {
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var previousCR = false
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                if !previousCR { result.append(String(current)) }
                current = String.UnicodeScalarView()
                previousCR = false
            } else if scalar == "\r" {
                result.append(String(current))
                current = String.UnicodeScalarView()
                previousCR = true
            } else {
                current.append(scalar)
                previousCR = false
            }
        }
        result.append(String(current))
        return result
    }

    /// The line up to a `!` or `//` comment (not inside quotes or brackets).
    static func stripLineComment(_ line: String) -> String {
        var result = ""
        var quote: Character?
        var previous: Character?
        for character in line {
            if let open = quote {
                if character == open { quote = nil }
                result.append(character)
                previous = character
                continue
            }
            if character == "\"" || character == "'" { quote = character }
            if character == "!" { break }
            if character == "/" && previous == "/" {
                result.removeLast()
                break
            }
            result.append(character)
            previous = character
        }
        return result
    }

    /// Tokens of a command: whitespace- or comma-separated, with quotes and ( ) [ ] { } kept whole.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = ""
        var depth = 0
        var quote: Character?
        for character in text {
            if let open = quote {
                current.append(character)
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "\"", "'":
                quote = character
                current.append(character)
            case "(", "[", "{":
                depth += 1
                current.append(character)
            case ")", "]", "}":
                depth = max(0, depth - 1)
                current.append(character)
            case " ", "\t", ",":
                if depth > 0 {
                    current.append(character)
                } else if !current.isEmpty {
                    tokens.append(current)
                    current = ""
                }
            case "=" where depth == 0:
                // Keep "key=value" together but allow "key = value".
                if current.isEmpty, let last = tokens.popLast() { current = last }
                current.append(character)
            default:
                current.append(character)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        // Join "key=" followed by a separate value token.
        var joined: [String] = []
        for token in tokens {
            if let last = joined.last, last.hasSuffix("=") {
                joined[joined.count - 1] = last + token
            } else {
                joined.append(token)
            }
        }
        return joined
    }

    /// The value without surrounding quotes or brackets.
    static func unwrap(_ value: String) -> String {
        var text = value.trimmingCharacters(in: .whitespaces)
        if let first = text.first, let last = text.last, text.count >= 2,
            (first == "\"" && last == "\"") || (first == "'" && last == "'") || (first == "(" && last == ")") || (first == "[" && last == "]")
                || (first == "{" && last == "}") {
            text = String(text.dropFirst().dropLast())
        }
        return text.trimmingCharacters(in: .whitespaces)
    }

    /// A number: plain, or an RPN expression in ( ) or { } such as `(1.051 0.88 0.001 3 * - - 115 12.47 / sqr *)`.
    static func number(_ value: String) -> Double? {
        let inner = unwrap(value)
        if let plain = Double(inner) { return plain }
        let parts = inner.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," }).map(String.init)
        guard parts.count > 1 else { return nil }
        var stack: [Double] = []
        for part in parts {
            if let value = Double(part) {
                stack.append(value)
                continue
            }
            switch part.lowercased() {
            case "+", "-", "*", "/", "^":
                guard stack.count >= 2 else { return nil }
                let b = stack.removeLast()
                let a = stack.removeLast()
                switch part {
                case "+": stack.append(a + b)
                case "-": stack.append(a - b)
                case "*": stack.append(a * b)
                case "/": stack.append(a / b)
                default: stack.append(pow(a, b))
                }
            case "sqr":
                guard let a = stack.popLast() else { return nil }
                stack.append(a * a)
            case "sqrt":
                guard let a = stack.popLast() else { return nil }
                stack.append(a.squareRoot())
            case "inv":
                guard let a = stack.popLast() else { return nil }
                stack.append(1 / a)
            default:
                return nil
            }
        }
        return stack.count == 1 && stack[0].isFinite ? stack[0] : nil
    }

    /// The items of an array value `[a b c]` or `(a, b, c)`.
    static func array(_ value: String) -> [String] {
        unwrap(value).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "," || $0 == "|" }).map(String.init)
    }

    /// Bus name without node suffix, lowercased (OpenDSS names are case-insensitive).
    static func bus(_ value: String) -> String {
        let text = unwrap(value).lowercased()
        return String(text.split(separator: ".", maxSplits: 1).first ?? Substring(text))
    }
}
