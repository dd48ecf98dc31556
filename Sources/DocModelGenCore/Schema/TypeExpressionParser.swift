/// Type cell inlines → `TypeExpression`.
///
/// The grammar, as Speakeasy writes Python-flavoured docs: `*str*`, `*int*`, `*float*`, `*bool*`,
/// `Optional[X]`, `List[X]`, `Dict[str, X]`, `Union[bytes, IO[bytes], io.BufferedReader]` and links
/// `[components.X](path.md)`, which may also carry the wrappers inside their text
/// (`[Optional[components.X]](path.md)`). Emphasis and code spans are presentation only.
/// Anything else becomes `.unknown` with the cell's text.
public enum TypeExpressionParser {
    /// Parses a Type cell. `resolve` maps a link destination to the linked page's path (or nil).
    public static func parse(_ inlines: [Inline], resolve: @escaping (String) -> String?) -> TypeExpression {
        let text = inlines.plainText.trimmingSpaces
        var tokens: [Token] = []
        lex(inlines, into: &tokens)
        var parser = Parser(tokens: tokens, linkDestination: nil, resolve: resolve)
        guard let expression = parser.parseExpression(), parser.isAtEnd, !expression.containsUnknown else {
            return .unknown(text)
        }
        return expression
    }

    enum Token: Equatable {
        case name(String)
        case open, close, comma
        case link(text: String, destination: String)
        case invalid(Character)
    }

    private static func lex(_ inlines: [Inline], into tokens: inout [Token]) {
        for inline in inlines {
            switch inline {
            case .text(let text), .code(let text), .html(let text):
                lex(text, into: &tokens)
            case .emphasis(let children), .strong(let children):
                lex(children, into: &tokens)
            case .link(let destination, let children):
                tokens.append(.link(text: children.plainText, destination: destination))
            case .image:
                tokens.append(.invalid("!"))
            case .softBreak, .lineBreak:
                break
            }
        }
    }

    static func lex(_ text: String, into tokens: inout [Token]) {
        var name = ""
        func flush() {
            if !name.isEmpty { tokens.append(.name(name)) }
            name = ""
        }
        for character in text {
            switch character {
            case "[": flush(); tokens.append(.open)
            case "]": flush(); tokens.append(.close)
            case ",": flush(); tokens.append(.comma)
            case " ", "\t", "\n", "\r": flush()
            default:
                if character.isLetter || character.isNumber || character == "_" || character == "." {
                    name.append(character)
                } else {
                    flush()
                    tokens.append(.invalid(character))
                }
            }
        }
        flush()
    }

    private struct Parser {
        var tokens: [Token]
        var index = 0
        let linkDestination: String?
        let resolve: (String) -> String?

        init(tokens: [Token], linkDestination: String?, resolve: @escaping (String) -> String?) {
            self.tokens = tokens
            self.linkDestination = linkDestination
            self.resolve = resolve
        }

        var isAtEnd: Bool { index == tokens.count }

        mutating func next() -> Token? {
            guard index < tokens.count else { return nil }
            defer { index += 1 }
            return tokens[index]
        }

        mutating func accept(_ token: Token) -> Bool {
            guard index < tokens.count, tokens[index] == token else { return false }
            index += 1
            return true
        }

        mutating func parseExpression() -> TypeExpression? {
            switch next() {
            case .link(let text, let destination):
                var inner: [Token] = []
                TypeExpressionParser.lex(text, into: &inner)
                var linkParser = Parser(tokens: inner, linkDestination: destination, resolve: resolve)
                guard let expression = linkParser.parseExpression(), linkParser.isAtEnd else { return nil }
                return expression
            case .name(let name):
                guard accept(.open) else { return leaf(name) }
                var arguments: [TypeExpression] = []
                repeat {
                    guard let argument = parseExpression() else { return nil }
                    arguments.append(argument)
                } while accept(.comma)
                guard accept(.close) else { return nil }
                return apply(name, arguments)
            default:
                return nil
            }
        }

        private func leaf(_ name: String) -> TypeExpression {
            switch name {
            case "str": return .string
            case "int": return .integer
            case "float": return .float
            case "bool": return .boolean
            default:
                // Inside a link, the non-wrapper name is the linked model; elsewhere it is unknown.
                guard let destination = linkDestination else { return .unknown(name) }
                return .reference(ModelReference(text: name, destination: destination, target: resolve(destination)))
            }
        }

        private func apply(_ name: String, _ arguments: [TypeExpression]) -> TypeExpression? {
            switch (name, arguments.count) {
            case ("Optional", 1): return .optional(arguments[0])
            case ("List", 1): return .list(arguments[0])
            case ("Dict", 2) where arguments[0] == .string: return .dictionary(arguments[1])
            case ("IO", 1) where arguments[0] == .unknown("bytes"): return .unknown("IO[bytes]")
            case ("Union", 3) where arguments == [.unknown("bytes"), .unknown("IO[bytes]"), .unknown("io.BufferedReader")]:
                return .fileContent
            default: return nil
            }
        }
    }
}

extension TypeExpression {
    var containsUnknown: Bool {
        allExpressions.contains { if case .unknown = $0 { return true } else { return false } }
    }
}
