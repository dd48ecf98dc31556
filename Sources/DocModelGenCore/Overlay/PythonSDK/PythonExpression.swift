/// A Python expression as far as Speakeasy's model modules need one: annotations
/// (`Annotated[Optional[str], pydantic.Field(alias="x")]`), default values, decorators, base
/// lists and `dataclasses.field(…)` calls. Anything else (lambdas, comparisons, conditional
/// expressions) is `.other`: the reader never needs its value.
indirect enum PythonExpression: Sendable, Hashable {
    /// A name or dotted name (`str`, `pydantic.Field`, `Aircall.AIRCALL`, `None`, `True`).
    case name(String)
    /// A string literal's value; adjacent literals are joined, as Python does.
    case string(String)
    /// A number as written, with its sign (`-1`, `0.02`).
    case number(String)
    /// `base[items…]`.
    case subscripted(PythonExpression, [PythonExpression])
    /// `callee(arguments…)`.
    case call(PythonExpression, [PythonArgument])
    /// `base.name` on something that is not a plain name (`parse('x').date`).
    case member(PythonExpression, String)
    case list([PythonExpression])
    case tuple([PythonExpression])
    case dict([PythonDictEntry])
    /// `left | right` (a PEP 604 union in an annotation).
    case union(PythonExpression, PythonExpression)
    case other

    /// The last component of a dotted name (`Field` for `pydantic.Field`).
    var lastName: String? {
        guard case .name(let name) = self else { return nil }
        return name.split(separator: ".").last.map(String.init) ?? name
    }

    /// The keyword argument `keyword` of a call.
    func argument(_ keyword: String) -> PythonExpression? {
        guard case .call(_, let arguments) = self else { return nil }
        return arguments.first { $0.keyword == keyword }?.value
    }

    /// The value under the string key `key` of a dict literal.
    func entry(_ key: String) -> PythonExpression? {
        guard case .dict(let entries) = self else { return nil }
        return entries.first { $0.key == .string(key) }?.value
    }
}

/// One argument of a call: positional (`keyword` nil) or `keyword=value`.
struct PythonArgument: Sendable, Hashable {
    var keyword: String?
    var value: PythonExpression
}

struct PythonDictEntry: Sendable, Hashable {
    var key: PythonExpression
    var value: PythonExpression
}

/// Recursive descent over one statement's tokens. Nesting deeper than `maximumDepth` is skipped
/// (balanced, without recursion) and reported through `tooDeep`, so hostile nesting can neither
/// overflow the stack nor cost more than one pass.
struct PythonExpressionParser {
    static let maximumDepth = 48

    private let tokens: ArraySlice<PythonToken>
    private(set) var position: Int
    private var depth = 0
    /// Some nesting was deeper than `maximumDepth` and was read as `.other`.
    private(set) var tooDeep = false

    init(_ tokens: ArraySlice<PythonToken>) {
        self.tokens = tokens
        position = tokens.startIndex
    }

    var isAtEnd: Bool { position >= tokens.endIndex }

    /// Parses one expression of the whole slice; nil when tokens are left over after it.
    static func parseWhole(_ tokens: ArraySlice<PythonToken>) -> (expression: PythonExpression, complete: Bool, tooDeep: Bool) {
        var parser = PythonExpressionParser(tokens)
        let expression = parser.parseExpression()
        return (expression, parser.isAtEnd, parser.tooDeep)
    }

    private func peek(_ offset: Int = 0) -> PythonToken? {
        let index = position + offset
        return index < tokens.endIndex ? tokens[index] : nil
    }

    private func isSymbol(_ text: String, _ offset: Int = 0) -> Bool {
        guard let token = peek(offset) else { return false }
        return token.kind == .symbol && token.text == text
    }

    private static let separators: Set<String> = [",", ")", "]", "}", ":", "="]

    private var atSeparator: Bool {
        guard let token = peek() else { return true }
        return token.kind == .symbol && Self.separators.contains(token.text)
    }

    /// Moves past tokens, brackets balanced, up to the next separator outside them.
    private mutating func skipToSeparator() {
        var nesting = 0
        while let token = peek() {
            if token.kind == .symbol {
                switch token.text {
                case "(", "[", "{": nesting += 1
                case ")", "]", "}":
                    if nesting == 0 { return }
                    nesting -= 1
                case ",", ":", "=":
                    if nesting == 0 { return }
                default: break
                }
            }
            position += 1
        }
    }

    mutating func parseExpression() -> PythonExpression {
        if let token = peek(), token.kind == .name, token.text == "lambda" {
            // `lambda f: f is None`: the parameters end at the first `:`; the body is skipped
            // without recursion (`lambda: lambda: …` must not deepen the stack).
            position += 1
            while let token = peek(), !(token.kind == .symbol && token.text == ":") { position += 1 }
            position += 1
            skipToSeparator()
            return .other
        }
        var left = parseUnary()
        while !atSeparator {
            if isSymbol("|") {
                position += 1
                left = .union(left, parseUnary())
            } else {
                skipToSeparator()
                return .other
            }
        }
        return left
    }

    private mutating func parseUnary() -> PythonExpression {
        if isSymbol("-") || isSymbol("+"), let next = peek(1), next.kind == .number {
            let sign = peek()!.text == "-" ? "-" : ""
            position += 2
            return .number(sign + next.text)
        }
        return parsePrimary()
    }

    private mutating func parsePrimary() -> PythonExpression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else {
            tooDeep = true
            skipToSeparator()
            return .other
        }
        guard let token = peek() else { return .other }
        var expression: PythonExpression
        switch token.kind {
        case .name:
            position += 1
            var name = token.text
            while isSymbol("."), let next = peek(1), next.kind == .name {
                name += "." + next.text
                position += 2
            }
            expression = .name(name)
        case .number:
            position += 1
            expression = .number(token.text)
        case .string:
            var text = ""
            while let next = peek(), next.kind == .string {
                text += next.text
                position += 1
            }
            expression = .string(text)
        case .symbol:
            switch token.text {
            case "(":
                position += 1
                let (items, trailingComma) = parseItems(closing: ")")
                expression = items.count == 1 && !trailingComma ? items[0] : .tuple(items)
            case "[":
                position += 1
                expression = .list(parseItems(closing: "]").items)
            case "{":
                position += 1
                expression = .dict(parseEntries())
            default:
                // A stray symbol: consume it unless it ends the expression.
                if !atSeparator { position += 1 }
                return .other
            }
        }
        // Postfix: subscripts, calls, attributes.
        while let next = peek(), next.kind == .symbol {
            if next.text == "[" {
                position += 1
                expression = .subscripted(expression, parseItems(closing: "]").items)
            } else if next.text == "(" {
                position += 1
                expression = .call(expression, parseArguments())
            } else if next.text == ".", let member = peek(1), member.kind == .name {
                position += 2
                if case .name(let base) = expression {
                    expression = .name(base + "." + member.text)
                } else {
                    expression = .member(expression, member.text)
                }
            } else {
                break
            }
        }
        return expression
    }

    /// Comma-separated expressions up to `closing` (consumed when present: an unclosed bracket
    /// simply ends at the end of the statement).
    private mutating func parseItems(closing: String) -> (items: [PythonExpression], trailingComma: Bool) {
        var items: [PythonExpression] = []
        var trailingComma = false
        while let token = peek() {
            if token.kind == .symbol && token.text == closing {
                position += 1
                break
            }
            let start = position
            if isSymbol("*") || isSymbol("**") { position += 1 }
            items.append(parseExpression())
            trailingComma = finishItem(closing: closing, start: start)
        }
        return (items, trailingComma)
    }

    private mutating func parseArguments() -> [PythonArgument] {
        var arguments: [PythonArgument] = []
        while let token = peek() {
            if token.kind == .symbol && token.text == ")" {
                position += 1
                break
            }
            let start = position
            var keyword: String?
            if token.kind == .name, isSymbol("=", 1) {
                keyword = token.text
                position += 2
            } else if isSymbol("*") || isSymbol("**") {
                position += 1
            }
            arguments.append(PythonArgument(keyword: keyword, value: parseExpression()))
            _ = finishItem(closing: ")", start: start)
        }
        return arguments
    }

    private mutating func parseEntries() -> [PythonDictEntry] {
        var entries: [PythonDictEntry] = []
        while let token = peek() {
            if token.kind == .symbol && token.text == "}" {
                position += 1
                break
            }
            let start = position
            if isSymbol("**") { position += 1 }
            let key = parseExpression()
            var value = PythonExpression.other
            if isSymbol(":") {
                position += 1
                value = parseExpression()
            }
            entries.append(PythonDictEntry(key: key, value: value))
            _ = finishItem(closing: "}", start: start)
        }
        return entries
    }

    /// After an item: consumes its comma (returning true), leaves the closing bracket, and moves
    /// past anything unexpected so that every item consumes at least one token.
    private mutating func finishItem(closing: String, start: Int) -> Bool {
        if isSymbol(",") {
            position += 1
            return true
        }
        if isSymbol(closing) { return false }
        if position == start || !isAtEnd {
            // Unexpected here (`:` in a list, a closing bracket of another kind, `=`…).
            position += 1
        }
        return false
    }
}
