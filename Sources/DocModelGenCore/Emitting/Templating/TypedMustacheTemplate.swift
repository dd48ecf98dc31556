/// A Mustache template rendered straight from `TemplateValue`s, without swift-mustache's `Any`
/// lookups and dynamic casts (most of the generator's time before). It covers the part of
/// Mustache the bundled templates use, and most overrides: text, `{{name}}`, `{{{name}}}`,
/// `{{&name}}`, dotted names, sections, inverted sections, comments and the `CONTENT_TYPE` pragma.
///
/// The parser is a port of swift-mustache's (same standalone-line and whitespace rules) that
/// accepts no template swift-mustache rejects: anything outside the subset (partials, inheritance,
/// delimiter changes, transforms, other pragmas, unusual line breaks) or malformed makes `init`
/// return nil, and swift-mustache parses and renders that template. Tests render every reference
/// output and random templates both ways and require identical bytes and the same verdicts.
struct TypedMustacheTemplate: Sendable {
    /// One piece of a template. A struct with plain fields rather than an enum with payloads:
    /// LeakSanitizer cannot follow pointers Swift packs into enum payloads with case bits, and the
    /// fuzzers keep a template set alive for the whole run.
    struct Token: Sendable, Equatable {
        enum Kind: Sendable, Equatable {
            case text, variable, unescapedVariable, section, invertedSection, textContent, htmlContent
        }

        var kind: Kind
        /// The text of a `.text` token.
        var text = ""
        /// The name of a variable or section.
        var name = Name("")
        /// The tokens inside a section.
        var inner: [Token] = []

        static func text(_ text: String) -> Token { Token(kind: .text, text: text) }

        static func variable(_ name: Name, escaped: Bool) -> Token {
            Token(kind: escaped ? .variable : .unescapedVariable, name: name)
        }

        static func section(_ name: Name, _ inner: [Token]) -> Token { Token(kind: .section, name: name, inner: inner) }

        static func invertedSection(_ name: Name, _ inner: [Token]) -> Token {
            Token(kind: .invertedSection, name: name, inner: inner)
        }

        static func contentType(html: Bool) -> Token { Token(kind: html ? .htmlContent : .textContent) }
    }

    /// A tag's name, split once at parse time: `a.b` is `["a", "b"]`; `.` and `.a` look only at
    /// the current value (`["a"]`, `currentOnly`).
    struct Name: Sendable, Equatable {
        var parts: [TemplateValue.Members.LookupKey]
        var currentOnly: Bool

        init(_ text: String) {
            parts = text.split(separator: ".").map { TemplateValue.Members.LookupKey(String($0)) }
            currentOnly = text.first == "."
        }
    }

    let tokens: [Token]

    private static let unusualLineBreaks: Set<Unicode.Scalar> = ["\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}"]

    init?(_ text: String) {
        // Line breaks other than LF are where swift-mustache's Character-based rules get subtle
        // (CRLF is one Character, a lone CR another); such templates go to swift-mustache.
        guard !text.unicodeScalars.contains(where: Self.unusualLineBreaks.contains) else { return nil }
        var scanner = Scanner(Array(text))
        guard let tokens = try? Self.parse(&scanner, sectionName: nil, newLine: true) else { return nil }
        self.tokens = tokens
    }

    /// Renders the template with `context` as the root of the context stack.
    func render(_ context: TemplateValue) -> String {
        var output = ""
        var stack = [context]
        Self.render(tokens, stack: &stack, html: true, into: &output)
        return output
    }

    // MARK: Parsing (after swift-mustache's MustacheTemplate.parse)

    private struct Unsupported: Error {}

    private struct Scanner {
        let characters: [Character]
        var position = 0

        init(_ characters: [Character]) {
            self.characters = characters
        }

        var reachedEnd: Bool { position >= characters.count }
        var current: Character { reachedEnd ? "\0" : characters[position] }

        mutating func advance() {
            position += 1
        }

        @discardableResult
        mutating func read(while predicate: (Character) -> Bool) -> String {
            var text = ""
            while !reachedEnd, predicate(characters[position]) {
                text.append(characters[position])
                position += 1
            }
            return text
        }

        /// Reads `string` if it comes next; too few characters left is an error, as in swift-mustache.
        mutating func read(string: String) throws(Unsupported) -> Bool {
            let expected = Array(string)
            guard position + expected.count <= characters.count else { throw Unsupported() }
            guard Array(characters[position..<(position + expected.count)]) == expected else { return false }
            position += expected.count
            return true
        }
    }

    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*")
    private static let transformCharacters = Set<Character>("()")

    private static func parse(_ scanner: inout Scanner, sectionName: String?, newLine startsOnNewLine: Bool) throws(Unsupported) -> [Token] {
        var tokens: [Token] = []
        var newLine = startsOnNewLine
        var whiteSpaceBefore = ""
        while !scanner.reachedEnd {
            if newLine {
                whiteSpaceBefore = scanner.read { $0 == " " || $0 == "\t" }
            }
            let text = try readUntilTagOrNewline(&scanner)
            if scanner.current.isNewline {
                tokens.append(.text(whiteSpaceBefore + text + String(scanner.current)))
                newLine = true
                scanner.advance()
                continue
            }
            if !text.isEmpty {
                tokens.append(.text(whiteSpaceBefore + text))
                whiteSpaceBefore = ""
                newLine = false
            }
            if scanner.reachedEnd { break }
            var setNewLine = false
            switch scanner.current {
            case "#", "^":
                let inverted = scanner.current == "^"
                scanner.advance()
                let name = try parseName(&scanner)
                if newLine && lineFinished(&scanner) {
                    setNewLine = true
                } else if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                let inner = try parse(&scanner, sectionName: name, newLine: setNewLine)
                tokens.append(inverted ? .invertedSection(Name(name), inner) : .section(Name(name), inner))
            case "/":
                scanner.advance()
                let name = try parseName(&scanner)
                guard name == sectionName else { throw Unsupported() }
                if newLine && lineFinished(&scanner) {
                    // The closing tag's line is consumed; the caller goes on as the opening tag left it.
                } else if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                }
                return tokens
            case "!":
                scanner.advance()
                try skipComment(&scanner)
                setNewLine = newLine && lineFinished(&scanner)
            case "{":
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                scanner.advance()
                let name = try parseName(&scanner)
                guard try scanner.read(string: "}") else { throw Unsupported() }
                tokens.append(.variable(Name(name), escaped: false))
            case "&":
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                scanner.advance()
                tokens.append(.variable(Name(try parseName(&scanner)), escaped: false))
            case "%":
                scanner.advance()
                tokens.append(try parseContentType(&scanner))
                setNewLine = newLine && lineFinished(&scanner)
            case ">", "<", "$", "=":
                // Partials, inheritance and delimiter changes: swift-mustache's job.
                throw Unsupported()
            default:
                if !whiteSpaceBefore.isEmpty {
                    tokens.append(.text(whiteSpaceBefore))
                    whiteSpaceBefore = ""
                }
                tokens.append(.variable(Name(try parseName(&scanner)), escaped: true))
            }
            newLine = setNewLine
        }
        guard sectionName == nil else { throw Unsupported() }
        return tokens
    }

    /// Text up to a newline (not consumed) or a `{{` (consumed).
    private static func readUntilTagOrNewline(_ scanner: inout Scanner) throws(Unsupported) -> String {
        var text = ""
        while !scanner.reachedEnd {
            text += scanner.read { $0 != "\n" && $0 != "{" }
            if scanner.current.isNewline {
                break
            } else if scanner.current == "{" {
                if try scanner.read(string: "{{") { break }
                text.append("{")
                scanner.advance()
            }
        }
        return text
    }

    private static func parseName(_ scanner: inout Scanner) throws(Unsupported) -> String {
        scanner.read(while: \.isWhitespace)
        let name = scanner.read { nameCharacters.contains($0) || transformCharacters.contains($0) }
        scanner.read(while: \.isWhitespace)
        guard try scanner.read(string: "}}") else { throw Unsupported() }
        // `name(argument)` is a transform: swift-mustache's job.
        guard !name.contains(where: transformCharacters.contains) else { throw Unsupported() }
        return name
    }

    private static func skipComment(_ scanner: inout Scanner) throws(Unsupported) {
        while !scanner.reachedEnd {
            if try scanner.read(string: "}}") { return }
            scanner.advance()
        }
        throw Unsupported()
    }

    private static func parseContentType(_ scanner: inout Scanner) throws(Unsupported) -> Token {
        scanner.read(while: \.isWhitespace)
        let variable = scanner.read { nameCharacters.contains($0) }
        scanner.read(while: \.isWhitespace)
        guard try scanner.read(string: ":") else { throw Unsupported() }
        scanner.read(while: \.isWhitespace)
        let value = scanner.read { nameCharacters.contains($0) }
        scanner.read(while: \.isWhitespace)
        guard try scanner.read(string: "}}"), variable == "CONTENT_TYPE" else { throw Unsupported() }
        switch value {
        case "TEXT": return .contentType(html: false)
        case "HTML": return .contentType(html: true)
        default: throw Unsupported()
        }
    }

    /// At the end of input, or only spaces and tabs before a newline (then consumed with it).
    private static func lineFinished(_ scanner: inout Scanner) -> Bool {
        if scanner.reachedEnd { return true }
        var ahead = scanner
        ahead.read { $0 == " " || $0 == "\t" }
        guard ahead.current.isNewline else { return false }
        ahead.advance()
        scanner = ahead
        return true
    }

    // MARK: Rendering (after swift-mustache's MustacheTemplate.render)

    private static func render(_ tokens: [Token], stack: inout [TemplateValue], html startsHTML: Bool, into output: inout String) {
        var html = startsHTML
        for token in tokens {
            switch token.kind {
            case .text:
                output += token.text
            case .variable, .unescapedVariable:
                guard let value = lookUp(token.name, in: stack) else { continue }
                let text = value.printed
                output += token.kind == .variable && html ? htmlEscaped(text) : text
            case .section:
                switch lookUp(token.name, in: stack) {
                case .list(let items)?:
                    for item in items {
                        stack.append(item)
                        render(token.inner, stack: &stack, html: html, into: &output)
                        stack.removeLast()
                    }
                case .bool(let isOn)?:
                    if isOn { render(token.inner, stack: &stack, html: html, into: &output) }
                case let value?:
                    stack.append(value)
                    render(token.inner, stack: &stack, html: html, into: &output)
                    stack.removeLast()
                case nil:
                    break
                }
            case .invertedSection:
                switch lookUp(token.name, in: stack) {
                case .list(let items)? where items.isEmpty:
                    stack.append(.list(items))
                    render(token.inner, stack: &stack, html: html, into: &output)
                    stack.removeLast()
                case .bool(false)?, nil:
                    render(token.inner, stack: &stack, html: html, into: &output)
                case .some:
                    break
                }
            case .textContent:
                html = false
            case .htmlContent:
                html = true
            }
        }
    }

    /// `.` is the current value; `a.b` finds `a` up the stack, then `b` inside it; `.a` looks in
    /// the current value only.
    private static func lookUp(_ name: Name, in stack: [TemplateValue]) -> TemplateValue? {
        if name.currentOnly { return child(name.parts[...], of: stack[stack.count - 1]) }
        guard let first = name.parts.first else { return stack.last }
        for value in stack.reversed() {
            if case .object(let members) = value, let found = members[first] {
                return child(name.parts.dropFirst(), of: found)
            }
        }
        return nil
    }

    private static func child(_ names: ArraySlice<TemplateValue.Members.LookupKey>, of value: TemplateValue) -> TemplateValue? {
        var value = value
        for name in names {
            guard case .object(let members) = value, let found = members[name] else { return nil }
            value = found
        }
        return value
    }

    private static func htmlEscaped(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: ">") || $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'") })
        else { return text }
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "&": escaped += "&amp;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
