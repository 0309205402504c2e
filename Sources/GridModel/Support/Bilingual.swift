/// Language of the texts written for people: reports, text output, switching steps, evidence.
public enum Language: String, CaseIterable, Sendable {
    case en
    case zh
}

/// A text composed in English and Chinese at the place it is made, so every output can be given
/// in either language without parsing English (docs/report.md "Chinese"). Ids, numbers and
/// units are the same in both; the Chinese terms follow DL/T 836 and the grid companies' usage.
public struct Bilingual: Sendable, Equatable, Hashable, CustomStringConvertible {
    public var en: String
    public var zh: String

    public init(_ en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    /// A text that reads the same in both languages (an id, a number, user data).
    public init(verbatim text: String) {
        self.init(text, zh: text)
    }

    public func callAsFunction(_ language: Language) -> String {
        language == .zh ? zh : en
    }

    public var description: String { en }

    public static func + (left: Bilingual, right: Bilingual) -> Bilingual {
        Bilingual(left.en + right.en, zh: left.zh + right.zh)
    }

    /// Parts joined with ", " in English and "，" in Chinese.
    public static func list(_ parts: [Bilingual]) -> Bilingual {
        Bilingual(parts.map(\.en).joined(separator: ", "), zh: parts.map(\.zh).joined(separator: "，"))
    }
}
