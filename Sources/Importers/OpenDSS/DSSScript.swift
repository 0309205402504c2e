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

    /// Logical commands of a script: comments (`!`, `//`, `/* … */`) removed, continuation lines
    /// (`~`, `more`) joined; each command keeps the line it starts on. Works on bytes (all the
    /// syntax is ASCII) so that multi-megabyte circuits read quickly.
    static func commands(_ text: String, file: String) -> [DSSCommand] {
        let bytes = Array(text.utf8)
        var commands: [DSSCommand] = []
        var inBlock = false
        var lineNumber = 0
        var start = 0
        var content: [UInt8] = []
        content.reserveCapacity(256)
        while start <= bytes.count {
            // The line [start, end).
            var end = start
            while end < bytes.count && bytes[end] != 0x0A && bytes[end] != 0x0D { end += 1 }
            lineNumber += 1
            content.removeAll(keepingCapacity: true)
            var i = start
            var quote: UInt8 = 0
            while i < end {
                let c = bytes[i]
                if inBlock {
                    if c == 0x2A && i + 1 < end && bytes[i + 1] == 0x2F {  // */
                        inBlock = false
                        i += 2
                    } else {
                        i += 1
                    }
                    continue
                }
                if quote != 0 {
                    content.append(c)
                    if c == quote { quote = 0 }
                    i += 1
                    continue
                }
                if c == 0x2F && i + 1 < end && bytes[i + 1] == 0x2A {  // /*
                    inBlock = true
                    i += 2
                    continue
                }
                if c == 0x21 || (c == 0x2F && i + 1 < end && bytes[i + 1] == 0x2F) { break }  // ! or //
                if c == 0x22 || c == 0x27 { quote = c }
                content.append(c)
                i += 1
            }
            // Next line: CR LF counts once.
            if end < bytes.count && bytes[end] == 0x0D && end + 1 < bytes.count && bytes[end + 1] == 0x0A { end += 1 }
            start = end + 1
            var first = 0
            var last = content.count
            while first < last && isBlank(content[first]) { first += 1 }
            while last > first && isBlank(content[last - 1]) { last -= 1 }
            if first == last { continue }
            let line = content[first..<last]
            if line[first] == 0x7E {  // ~
                if !commands.isEmpty { commands[commands.count - 1].text += " " + String(decoding: line.dropFirst(), as: UTF8.self) }
                continue
            }
            if line.count >= 4, lowercaseEquals(line.prefix(4), "more"), line.count == 4 || isBlank(line[first + 4]) {
                if !commands.isEmpty { commands[commands.count - 1].text += " " + String(decoding: line.dropFirst(4), as: UTF8.self) }
                continue
            }
            commands.append(DSSCommand(text: String(decoding: line, as: UTF8.self), file: file, line: lineNumber))
        }
        return commands
    }

    static func isBlank(_ c: UInt8) -> Bool { c == 0x20 || c == 0x09 }

    static func lowercaseEquals(_ bytes: ArraySlice<UInt8>, _ word: String) -> Bool {
        var index = bytes.startIndex
        for w in word.utf8 {
            guard index < bytes.endIndex else { return false }
            let c = bytes[index]
            if (c >= 0x41 && c <= 0x5A ? c + 32 : c) != w { return false }
            index += 1
        }
        return index == bytes.endIndex
    }

    /// True when `text` contains `word` (both ASCII-lowercase; a plain byte search).
    static func contains(_ text: String, _ word: String) -> Bool {
        let t = Array(text.utf8)
        let w = Array(word.utf8)
        guard !w.isEmpty, t.count >= w.count else { return w.isEmpty }
        outer: for i in 0...(t.count - w.count) {
            for j in 0..<w.count where t[i + j] != w[j] { continue outer }
            return true
        }
        return false
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

    /// Tokens of a command: whitespace- or comma-separated, with quotes and ( ) [ ] { } kept whole;
    /// `key = value` and `key= value` are joined into `key=value`.
    static func tokens(_ text: String) -> [String] {
        var tokens: [[UInt8]] = []
        var current: [UInt8] = []
        var depth = 0
        var quote: UInt8 = 0
        for c in text.utf8 {
            if quote != 0 {
                current.append(c)
                if c == quote { quote = 0 }
                continue
            }
            switch c {
            case 0x22, 0x27:  // " '
                quote = c
                current.append(c)
            case 0x28, 0x5B, 0x7B:  // ( [ {
                depth += 1
                current.append(c)
            case 0x29, 0x5D, 0x7D:  // ) ] }
                depth = max(0, depth - 1)
                current.append(c)
            case 0x20, 0x09, 0x2C:  // space tab ,
                if depth > 0 {
                    current.append(c)
                } else if !current.isEmpty {
                    tokens.append(current)
                    current.removeAll(keepingCapacity: true)
                }
            case 0x3D where depth == 0:  // =
                if current.isEmpty, let last = tokens.popLast() { current = last }
                current.append(c)
            default:
                current.append(c)
            }
        }
        if !current.isEmpty { tokens.append(current) }
        var joined: [String] = []
        joined.reserveCapacity(tokens.count)
        var pending: [UInt8]?
        for token in tokens {
            if var open = pending {
                open.append(contentsOf: token)
                pending = nil
                if open.last == 0x3D { pending = open } else { joined.append(String(decoding: open, as: UTF8.self)) }
            } else if token.last == 0x3D {
                pending = token
            } else {
                joined.append(String(decoding: token, as: UTF8.self))
            }
        }
        if let open = pending { joined.append(String(decoding: open, as: UTF8.self)) }
        return joined
    }

    /// The value without surrounding quotes or brackets.
    static func unwrap(_ value: String) -> String {
        var bytes = Substring(value).utf8[...]
        func trim(_ b: inout Substring.UTF8View.SubSequence) {
            while let f = b.first, isBlank(f) { b = b.dropFirst() }
            while let l = b.last, isBlank(l) { b = b.dropLast() }
        }
        trim(&bytes)
        if bytes.count >= 2, let first = bytes.first, let last = bytes.last,
            (first == 0x22 && last == 0x22) || (first == 0x27 && last == 0x27) || (first == 0x28 && last == 0x29) || (first == 0x5B && last == 0x5D)
                || (first == 0x7B && last == 0x7D) {
            bytes = bytes.dropFirst().dropLast()
            trim(&bytes)
        }
        return String(Substring(bytes))
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
