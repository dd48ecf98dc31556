/// Deterministic wire name → Swift identifier rules.
///
/// Words are split at every character that cannot appear in an identifier; a leading run of
/// capitals is lowercased as one word (`HTTPMetadata` → `httpMetadata`); a leading digit gets a `_`
/// prefix; names that are empty after sanitising become `unnamed`; names Swift reserves even inside
/// backticks get a trailing `_`. Keywords that backticks can carry are escaped by the emitter.
public enum SwiftNaming {
    /// `model_id` → `modelId`.
    public static func propertyName(_ wireName: String) -> String {
        let words = self.words(wireName)
        guard let first = words.first else { return "unnamed" }
        let name = lowercasingLeadingCapitals(first) + words.dropFirst().map(wordInCamelCase).joined()
        return finish(name, reserved: reservedMemberNames)
    }

    /// The enum case name for a union member: what the member is (`string`, `integer`,
    /// `secretReference`, `validationErrorList`).
    public static func unionCaseName(for type: TypeExpression) -> String {
        func base(_ type: TypeExpression) -> String {
            switch type {
            case .string: return "string"
            case .integer: return "integer"
            case .float: return "number"
            case .boolean: return "boolean"
            case .any: return "any"
            case .date: return "date"
            case .dateTime: return "dateTime"
            case .fileContent: return "fileContent"
            case .bytes: return "bytes"
            case .decimal: return "decimal"
            case .null: return "null"
            case .union(let members): return members.map(base).joined(separator: "Or")
            case .optional(let inner), .nullable(let inner), .optionalNullable(let inner): return base(inner)
            case .list(let inner): return base(inner) + "List"
            case .dictionary(let inner): return base(inner) + "Dictionary"
            case .literal: return "literal"
            case .reference(let reference):
                return propertyName(String(reference.text.split(separator: ".").last ?? Substring(reference.text)))
            case .sdkObject(let text), .unknown(let text), .malformed(let text): return propertyName(text)
            }
        }
        return finish(base(type), reserved: reservedMemberNames)
    }

    /// `BodyGenImageToVideo` → `BodyGenImageToVideo`; `body gen` → `BodyGen`.
    public static func typeName(_ title: String) -> String {
        let name = words(title).map(capitalizingFirst).joined()
        guard !name.isEmpty else { return "Unnamed" }
        return finish(name, reserved: reservedTypeNames)
    }

    /// The identifier as it must be written in source: keywords in backticks.
    public static func escaped(_ identifier: String) -> String {
        keywords.contains(identifier) ? "`\(identifier)`" : identifier
    }

    private static func finish(_ name: String, reserved: Set<String>) -> String {
        var name = name
        if let first = name.unicodeScalars.first, ("0"..."9").contains(first) { name = "_" + name }
        if reserved.contains(name) { name += "_" }
        return name
    }

    private static func words(_ text: String) -> [String] {
        var words: [String] = []
        var current = ""
        for scalar in text.unicodeScalars {
            if isIdentifierScalar(scalar) {
                current.unicodeScalars.append(scalar)
            } else if !current.isEmpty {
                words.append(current)
                current = ""
            }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// ASCII letters and digits, and non-ASCII letters and digits (Swift accepts those in identifiers).
    private static func isIdentifierScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        let properties = scalar.properties
        return properties.isAlphabetic || properties.numericType == .decimal
    }

    private static func capitalizingFirst(_ word: String) -> String {
        word.prefix(1).uppercased() + word.dropFirst()
    }

    /// A word after the first: `id` → `Id`, `RES` → `Res` (SCREAMING_CASE reads as words).
    private static func wordInCamelCase(_ word: String) -> String {
        let letters = word.filter(\.isLetter)
        if letters.count > 1, letters.allSatisfy(\.isUppercase) {
            return capitalizingFirst(word.lowercased())
        }
        return capitalizingFirst(word)
    }

    private static func lowercasingLeadingCapitals(_ word: String) -> String {
        let characters = Array(word)
        let capitals = characters.prefix { $0.isUppercase }.count
        if capitals == 0 { return word }
        if capitals == characters.count { return word.lowercased() }
        // `HTTPMetadata`: the last capital starts the next word.
        let lowered = capitals == 1 ? 1 : capitals - 1
        return String(characters[..<lowered]).lowercased() + String(characters[lowered...])
    }

    /// Swift keywords; written in backticks where used as identifiers.
    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init",
        "inout", "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public",
        "rethrows", "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue",
        "default", "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return",
        "throw", "switch", "where", "while", "Any", "as", "await", "false", "is", "nil", "self", "Self",
        "super", "throws", "true", "try", "package", "consume", "borrowing", "consuming", "some", "any",
    ]

    /// Member names that clash with what every type has (`self`, `init`, `Type`, …) even in backticks.
    private static let reservedMemberNames: Set<String> = [
        "self", "Self", "Type", "Protocol", "init", "deinit", "subscript", "super", "unnamed_",
    ]

    /// Type names a page does not get as they are. Generated code qualifies the library names it
    /// uses (`Swift.String`, `DocModelRuntime.Nullable`), so any other name is safe in it; these
    /// would still break it or a user's code: the module names it qualifies with, the names the
    /// templates declare inside a struct (a nested `CodingKeys` or `Defaults` shadows a page's type of
    /// that name there), names Swift gives a meaning of its own, and everyday library names, which a
    /// user's file importing Foundation and the generated module could not name unqualified.
    private static let reservedTypeNames: Set<String> = [
        "Swift", "Foundation", "DocModelRuntime", "CodingKeys", "Defaults",
        "Any", "Self", "Type", "Protocol", "Never",
        "String", "Int", "Double", "Bool", "Data", "URL", "Date", "Array", "Dictionary", "Optional", "Error",
        "Codable", "Decodable", "Encodable", "Hashable", "Sendable", "Decoder", "Encoder", "CodingKey",
        "FileContent",
    ]
}
