/// Type cell inlines → `TypeExpression`.
///
/// The grammar, as Speakeasy writes Python-flavoured docs: `*str*`, `*int*`, `*float*`, `*bool*`,
/// `*Any*`, `Optional[X]`, `Nullable[X]`, `OptionalNullable[X]`, `List[X]`, `Dict[str, X]`,
/// `Literal["x"]`/`Literal[True]`/`Literal[3]`, `Union[bytes, IO[bytes], io.BufferedReader]`, links
/// to pages `[components.X](path.md)` (wrappers may sit inside the link text:
/// `[Optional[components.X]](path.md)`), links to external docs (`[date](https://…)`,
/// `[datetime](https://…)`; anything else there is an SDK runtime object such as `httpx.Response`),
/// and bare `namespace.Name` (union headings). Emphasis and code spans are presentation only.
/// Anything else becomes `.unknown` with the cell's text.
public enum TypeExpressionParser {
    /// How names and links find their pages.
    public struct Resolver: Sendable {
        /// A link destination → the linked page's root-relative path, or nil.
        public var link: @Sendable (String) -> String?
        /// A model named without a link (`namespace.Name`, `Name`) → the page defining it.
        public var name: @Sendable (String) -> ModelNameIndex.Lookup
        /// Whether a qualifier (`models`, `shared`) is one of the docs' model namespaces; names
        /// qualified by any other module are SDK objects (`isSDKObjectName`).
        public var isModelNamespace: @Sendable (String) -> Bool

        public init(
            link: @escaping @Sendable (String) -> String?,
            name: @escaping @Sendable (String) -> ModelNameIndex.Lookup = { _ in .missing },
            isModelNamespace: @escaping @Sendable (String) -> Bool = ModelNameIndex.isSpeakeasyModelPackage
        ) {
            self.link = link
            self.name = name
            self.isModelNamespace = isModelNamespace
        }
    }

    /// Parses a Type cell.
    public static func parse(_ inlines: [Inline], resolver: Resolver) -> TypeExpression {
        var tokens: [Token] = []
        lex(inlines, into: &tokens)
        var parser = Parser(tokens: tokens, linkDestination: nil, resolver: resolver)
        guard let expression = parser.parseExpression(), parser.isAtEnd, !expression.containsUnknown else {
            let text = inlines.plainText.trimmingSpaces
            return isWellFormed(tokens) ? .unknown(text) : .malformed(text)
        }
        return expression
    }

    /// The type each event of a server-sent event stream decodes as: `X` of the first
    /// `….EventStream[X]` or `….EventStreamAsync[X]` in a Type cell (an SDK object, which `parse`
    /// reduces to its name); nil when the cell names no stream or its argument is not a type.
    public static func streamElement(_ inlines: [Inline], resolver: Resolver) -> TypeExpression? {
        var tokens: [Token] = []
        lex(inlines, into: &tokens)
        for (index, token) in tokens.enumerated() {
            guard case .name(let name) = token, index + 1 < tokens.count, tokens[index + 1] == .open,
                  isSDKObjectName(name, isModelNamespace: resolver.isModelNamespace),
                  ["EventStream", "EventStreamAsync"].contains(name.split(separator: ".").last.map(String.init) ?? "")
            else { continue }
            var parser = Parser(tokens: Array(tokens[(index + 2)...]), linkDestination: nil, resolver: resolver)
            guard let element = parser.parseExpression(), parser.accept(.close), !element.containsUnknown else { return nil }
            return element
        }
        return nil
    }

    /// Parses a Type cell from its source text, deciding from the characters what is markup and what
    /// is text: `*`, `` ` `` and `~~` are presentation; `[text](destination)` is a link (whose text is
    /// itself an expression); `<tag>` is skipped; `\x` is `x`; and everything between quotes is the
    /// constant as written, so `*Literal["__encrypted__"]*` keeps its underscores (markdown would read
    /// `__encrypted__` as strong emphasis).
    public static func parse(source: String, resolver: Resolver) -> TypeExpression {
        let tokens = sourceTokens(source)
        var parser = Parser(tokens: tokens, linkDestination: nil, resolver: resolver)
        guard let expression = parser.parseExpression(), parser.isAtEnd, !expression.containsUnknown else {
            let text = sourcePlainText(source)
            return isWellFormed(tokens) ? .unknown(text) : .malformed(text)
        }
        return expression
    }

    /// The cell as a reader sees it: markup removed, links as their text.
    static func sourcePlainText(_ source: String) -> String {
        var text = ""
        for token in sourceTokens(source) {
            switch token {
            case .name(let name): text += name
            case .quoted(let quoted): text += "\"" + quoted + "\""
            case .open: text += "["
            case .close: text += "]"
            case .comma: text += ", "
            case .link(let linkText, _): text += linkText
            case .invalid(let character): text.append(character)
            }
        }
        return text
    }

    /// Tokens of a cell's source text (see `parse(source:resolver:)`).
    static func sourceTokens(_ source: String) -> [Token] {
        var tokens: [Token] = []
        // Most cells (`*Optional[int]*`) have no link, quote, escape, tag or strike-through: the
        // plain lexer reads them as they are.
        if !source.utf8.contains(where: { $0 == UInt8(ascii: "(") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "'")
            || $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: "<") || $0 == UInt8(ascii: "~") }) {
            lex(source, into: &tokens)
            return tokens
        }
        let characters = Array(source)
        var plain = ""
        func flush() {
            if !plain.isEmpty { lex(plain, into: &tokens) }
            plain = ""
        }
        var index = 0
        while index < characters.count {
            let character = characters[index]
            switch character {
            case "\"", "'":
                // A quoted constant, kept as written up to its closing quote.
                var end = index + 1
                var escaped = false
                while end < characters.count {
                    if escaped { escaped = false } else if characters[end] == "\\" { escaped = true } else if characters[end] == character { break }
                    end += 1
                }
                plain += String(characters[index..<min(end + 1, characters.count)])
                index = end + 1
                continue
            case "\\" where index + 1 < characters.count:
                plain.append(characters[index + 1])
                index += 2
                continue
            case "*", "`", "~":
                plain.append(" ")
            case "<":
                // An inline tag (`<br/>`): skipped whole.
                if let close = characters[index...].firstIndex(of: ">") {
                    plain.append(" ")
                    index = close + 1
                    continue
                }
                plain.append(character)
            case "[":
                if let (text, destination, next) = link(in: characters, at: index) {
                    flush()
                    tokens.append(.link(text: sourcePlainText(text), destination: destination))
                    index = next
                    continue
                }
                plain.append(character)
            default:
                plain.append(character)
            }
            index += 1
        }
        flush()
        return tokens
    }

    /// `[text](destination)` starting at `start`: its text, destination and the index after it.
    private static func link(in characters: [Character], at start: Int) -> (String, String, Int)? {
        var depth = 0
        var index = start
        var quote: Character?
        while index < characters.count {
            let character = characters[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" {
                quote = character
            } else if character == "[" {
                depth += 1
            } else if character == "]" {
                depth -= 1
                if depth == 0 { break }
            }
            index += 1
        }
        guard index + 1 < characters.count, characters[index + 1] == "(",
              let close = characters[(index + 2)...].firstIndex(of: ")")
        else { return nil }
        let text = String(characters[(start + 1)..<index])
        let destination = String(characters[(index + 2)..<close]).trimmingSpaces
        return (text, destination, close + 1)
    }

    /// Parses a Type cell whose links resolve with `resolve` (bare names do not resolve).
    public static func parse(_ inlines: [Inline], resolve: @escaping @Sendable (String) -> String?) -> TypeExpression {
        parse(inlines, resolver: Resolver(link: resolve))
    }

    /// Whether `tokens` form an expression of the docs' shape, known or not: a name, a link, or
    /// `Name[argument, …]` whose arguments are expressions or quoted constants (link texts are
    /// expressions too). Brackets that do not balance, stray characters and empty cells do not.
    static func isWellFormed(_ tokens: [Token]) -> Bool {
        var index = 0
        func expression(depth: Int) -> Bool {
            guard depth <= maximumDepth, index < tokens.count else { return false }
            switch tokens[index] {
            case .link(let text, _):
                index += 1
                var inner: [Token] = []
                lex(text, into: &inner)
                return isWellFormed(inner)
            case .quoted:
                index += 1
                return true
            case .name:
                index += 1
                guard index < tokens.count, tokens[index] == .open else { return true }
                index += 1
                repeat {
                    guard expression(depth: depth + 1) else { return false }
                    guard index < tokens.count else { return false }
                    if tokens[index] == .comma { index += 1; continue }
                    break
                } while true
                guard index < tokens.count, tokens[index] == .close else { return false }
                index += 1
                return true
            default:
                return false
            }
        }
        return expression(depth: 0) && index == tokens.count
    }

    enum Token: Equatable {
        case name(String)
        case quoted(String)
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
        // ASCII without CR (nearly every type cell): one Character per byte, so the grapheme
        // breaking of a String's Character view can be skipped.
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) {
            lex(characters: text.unicodeScalars.lazy.map(Character.init), into: &tokens)
        } else {
            lex(characters: text, into: &tokens)
        }
    }

    private static func lex(characters: some Sequence<Character>, into tokens: inout [Token]) {
        var name = ""
        var quote: Character?
        var quoted = ""
        var escaped = false
        func flush() {
            if !name.isEmpty { tokens.append(.name(name)) }
            name = ""
        }
        for character in characters {
            if let open = quote {
                if escaped {
                    quoted.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == open {
                    tokens.append(.quoted(quoted))
                    quote = nil
                    quoted = ""
                } else {
                    quoted.append(character)
                }
                continue
            }
            switch character {
            case "[": flush(); tokens.append(.open)
            case "]": flush(); tokens.append(.close)
            case ",": flush(); tokens.append(.comma)
            case "\"", "'": flush(); quote = character
            case " ", "\t", "\n", "\r": flush()
            // `*int*` inside a code span: emphasis markers written literally; code-span backticks
            // when a cell is read from its source.
            case "*", "`": flush()
            default:
                if isNameCharacter(character) {
                    name.append(character)
                } else {
                    flush()
                    tokens.append(.invalid(character))
                }
            }
        }
        if quote != nil { tokens.append(.invalid("\"")) }
        flush()
    }

    private static func isNameCharacter(_ character: Character) -> Bool {
        if let ascii = character.asciiValue {
            return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(ascii) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(ascii)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(ascii)
                || ascii == UInt8(ascii: "_") || ascii == UInt8(ascii: ".") || ascii == UInt8(ascii: "-")
        }
        return character.isLetter || character.isNumber
    }

    /// Whether the qualified `name` (`httpx.Response`, `requests_http.Response`,
    /// `eventstreaming.EventStream`) is an object of the SDK's runtime rather than a model: its
    /// module is neither one of the docs' model namespaces (`isModelNamespace`: the docs' folders
    /// and Speakeasy's model packages) nor a Python module whose types are values (`datetime`,
    /// `decimal`, `io`, `typing`). A rule about module names, not a list of spellings: an SDK that
    /// imports `requests` as `requests_http`, or the next alias, is covered too.
    static func isSDKObjectName(_ name: String, isModelNamespace: (String) -> Bool) -> Bool {
        guard let dot = name.firstIndex(of: "."), dot != name.startIndex else { return false }
        let module = String(name[..<dot])
        return !isModelNamespace(module) && !valueModules.contains(module)
    }

    /// Python's modules whose types the docs use for values.
    private static let valueModules: Set<String> = ["datetime", "decimal", "io", "typing"]

    /// Deeper nesting is an error rather than a risk to the stack (`List[` 10 000 times).
    static let maximumDepth = 32

    private struct Parser {
        var tokens: [Token]
        var index = 0
        var depth = 0
        let linkDestination: String?
        let resolver: Resolver

        init(tokens: [Token], linkDestination: String?, resolver: Resolver) {
            self.tokens = tokens
            self.linkDestination = linkDestination
            self.resolver = resolver
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
            depth += 1
            defer { depth -= 1 }
            guard depth <= TypeExpressionParser.maximumDepth else { return nil }
            switch next() {
            case .link(let text, let destination):
                var inner: [Token] = []
                TypeExpressionParser.lex(text, into: &inner)
                var linkParser = Parser(tokens: inner, linkDestination: destination, resolver: resolver)
                guard let expression = linkParser.parseExpression(), linkParser.isAtEnd else { return nil }
                return expression
            case .name(let name):
                guard accept(.open) else { return leaf(name) }
                if name == "Literal" {
                    // `Literal[None]`: always null.
                    if accept(.name("None")) { return accept(.close) ? .null : nil }
                    guard let constant = parseLiteral(), accept(.close) else { return nil }
                    return .literal(constant)
                }
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

        private mutating func parseLiteral() -> LiteralConstant? {
            switch next() {
            case .quoted(let text): return .string(text)
            case .name("True"): return .boolean(true)
            case .name("False"): return .boolean(false)
            case .name(let digits): return Int(digits).map(LiteralConstant.integer)
            default: return nil
            }
        }

        private func leaf(_ name: String) -> TypeExpression {
            switch name {
            case "str": return .string
            case "int": return .integer
            case "float": return .float
            case "bool": return .boolean
            case "Any": return .any
            case "bytes": return .bytes
            case "Decimal", "decimal.Decimal": return .decimal
            default: break
            }
            if let destination = linkDestination {
                if destination.containsSchemeSeparator {
                    // External docs: Python's date types, or an SDK runtime object.
                    switch name {
                    case "date": return .date
                    case "datetime": return .dateTime
                    default: return .sdkObject(name)
                    }
                }
                // Inside a page link, the non-wrapper name is the linked model.
                return .reference(ModelReference(text: name, destination: destination, target: resolver.link(destination)))
            }
            // Python's date types, written bare in union headings.
            switch name {
            case "date": return .date
            case "datetime": return .dateTime
            default: break
            }
            switch name {
            case "datetime.date": return .date
            case "datetime.datetime": return .dateTime
            case "typing.Any": return .any
            default: break
            }
            if TypeExpressionParser.isSDKObjectName(name, isModelNamespace: resolver.isModelNamespace) { return .sdkObject(name) }
            let qualified = name.utf8.contains(UInt8(ascii: "."))
            switch resolver.name(name) {
            case .page(let target):
                return .reference(ModelReference(text: name, destination: "", target: target))
            case .ambiguous(let candidates):
                return .reference(ModelReference(text: name, destination: "", target: nil, candidates: candidates))
            case .missing where qualified && !name.hasPrefix("io."):
                // `models.X`, `shared.X`: a model reference that finds no page (an error).
                return .reference(ModelReference(text: name, destination: "", target: nil, candidates: []))
            case .missing:
                return .unknown(name)
            }
        }

        private func apply(_ name: String, _ arguments: [TypeExpression]) -> TypeExpression? {
            // `eventstreaming.EventStream[models.X]`: SDK plumbing, whatever it wraps.
            if TypeExpressionParser.isSDKObjectName(name, isModelNamespace: resolver.isModelNamespace) { return .sdkObject(name) }
            if name == "Union", !arguments.isEmpty, arguments.allSatisfy({ if case .sdkObject = $0 { true } else { false } }) {
                // `Union[eventstreaming.EventStream[…], eventstreaming.EventStreamAsync[…]]`.
                if case .sdkObject(let first) = arguments[0] { return .sdkObject(first) }
            }
            switch (name, arguments.count) {
            case ("Optional", 1): return .optional(arguments[0])
            case ("Nullable", 1): return .nullable(arguments[0])
            case ("OptionalNullable", 1): return .optionalNullable(arguments[0])
            case ("List", 1): return .list(arguments[0])
            case ("Dict", 2) where arguments[0] == .string: return .dictionary(arguments[1])
            case ("IO", 1) where arguments[0] == .bytes: return .unknown("IO[bytes]")
            case ("Union", 3) where Array(arguments.prefix(2)) == [.bytes, .unknown("IO[bytes]")]
                && { if case .unknown(let io) = arguments[2] { io.hasPrefix("io.") } else { false } }():
                // `io.BufferedReader`, `io.IOBase`: the file-content union in its spellings.
                return .fileContent
            case ("Union", _) where linkDestination.map { !$0.containsSchemeSeparator } == true:
                // `[Union[shared.A, shared.B]](a.md)`: the linked page is the union.
                guard let destination = linkDestination else { return nil }
                return .reference(ModelReference(text: "Union", destination: destination, target: resolver.link(destination)))
            case ("Union", 1):
                return arguments[0]
            case ("Union", _) where linkDestination == nil:
                // An inline union: members in the order written, nested unions flattened as Python
                // flattens them.
                return .union(arguments.flatMap { if case .union(let inner) = $0 { inner } else { [$0] } })
            default: return nil
            }
        }
    }
}

extension TypeExpression {
    var containsUnknown: Bool {
        allExpressions.contains { switch $0 { case .unknown, .malformed: true; default: false } }
    }
}
