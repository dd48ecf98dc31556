/// What an operation method of a pydantic-family SDK does around its request (SDK-FACTS j): the
/// retry policy of its `if retries == UNSET:` branch, the statuses of `retry_config = (retries, […])`,
/// the `sentinel=` of its `eventstreaming.EventStream(…)` and the pagination of its
/// `def next_func()`. Read statement by statement from `PythonTokenizer`'s logical lines (comments
/// are no tokens, so unstructured's commented-out operations say nothing), each value with
/// `PythonExpressionParser`; a statement of these shapes that says something else is a located
/// warning and the fact is left out.
struct PythonOperationFlow {
    private(set) var streamSentinel: String?
    private(set) var defaultRetryPolicy: WireRetryPolicy?
    private(set) var retryStatusCodes: [String]?
    private(set) var pagination: WirePagination?
    /// `base_url = models.CONTAINER_CHAT_COMPLETE_OP_SERVERS[0]`: the list the operation's server
    /// is taken from when the call names none, and which of it.
    private(set) var serverList: (name: String, index: Int)?
    private(set) var diagnostics: [Diagnostic] = []

    private let path: String
    /// `operation `Class.name``, for messages.
    private let what: String

    init(body: ArraySlice<PythonLogicalLine>, path: String, what: String) {
        self.path = path
        self.what = what
        var index = body.startIndex
        while index < body.endIndex {
            let line = body[index]
            let tokens = line.tokens[...]
            index += 1
            if Self.texts(tokens) == ["if", "retries", "==", "UNSET", ":"] {
                // The branch: its nested statements and an `else:` at the `if`'s indent.
                var end = index
                while end < body.endIndex, body[end].indent > line.indent
                        || (body[end].indent == line.indent && body[end].tokens.first?.text == "else") { end += 1 }
                readDefaultRetries(body[index..<end])
            } else if let value = Self.assignedValue(to: "retry_config", tokens), !(value.count == 1 && value.first?.text == "None") {
                readStatusCodes(value, at: tokens[tokens.startIndex])
            } else if tokens.first?.text == "def", tokens.dropFirst().first?.text == "next_func" {
                var end = index
                while end < body.endIndex, body[end].indent > line.indent { end += 1 }
                readNextFunc(header: line, body: body[index..<end])
                index = end
            } else if let value = Self.assignedValue(to: "base_url", tokens), value.count > 1 {
                // `base_url = server_url` is the call's own; a subscripted list is the operation's.
                if case .subscripted(let list, let indices) = PythonExpressionParser.parseWhole(value).expression {
                    if let name = list.lastName, indices.count == 1, let index = Self.integer(indices[0]) {
                        serverList = (name, index)
                    } else {
                        warn("its server (`base_url = …[…]`) is not a list element this reader knows; it is sent to the client's server", at: tokens[tokens.startIndex])
                    }
                }
            } else if let call = PythonOperationModule.call(named: ["EventStream"], in: tokens), let sentinel = call.argument("sentinel") {
                if case .string(let text) = sentinel {
                    streamSentinel = text
                } else {
                    warn("its `EventStream`'s sentinel is not a string literal; the stream ends with its body", at: tokens[tokens.startIndex])
                }
            }
        }
    }

    // MARK: Retries

    /// `retries = utils.RetryConfig("backoff", utils.BackoffStrategy(500, 60000, 1.5, 3600000), True)`
    /// (positional, or `strategy=`, `backoff=`, `retry_connection_errors=`; `BackoffStrategy`'s
    /// `initial_interval`, `max_interval`, `exponent`, `max_elapsed_time`).
    private mutating func readDefaultRetries(_ branch: ArraySlice<PythonLogicalLine>) {
        for line in branch {
            let tokens = line.tokens[...]
            guard let value = Self.assignedValue(to: "retries", tokens) else { continue }
            let parsed = PythonExpressionParser.parseWhole(value)
            guard case .call(let callee, _) = parsed.expression, callee.lastName == "RetryConfig" else { continue }
            let config = parsed.expression
            let strategy = Self.argument(config, 0, "strategy")
            guard strategy == .string("backoff"),
                  let backoff = Self.argument(config, 1, "backoff"), case .call(let backoffCallee, _) = backoff,
                  backoffCallee.lastName == "BackoffStrategy",
                  let initial = Self.integer(Self.argument(backoff, 0, "initial_interval")),
                  let maximum = Self.integer(Self.argument(backoff, 1, "max_interval")),
                  let exponent = Self.double(Self.argument(backoff, 2, "exponent")),
                  let elapsed = Self.integer(Self.argument(backoff, 3, "max_elapsed_time")),
                  let connectionErrors = Self.bool(Self.argument(config, 2, "retry_connection_errors"))
            else {
                warn("its default `RetryConfig` is not a backoff with literal values this reader knows; no default retries are read", at: tokens[tokens.startIndex])
                continue
            }
            defaultRetryPolicy = WireRetryPolicy(
                initialIntervalMilliseconds: initial, maxIntervalMilliseconds: maximum, exponent: exponent,
                maxElapsedTimeMilliseconds: elapsed, retryConnectionErrors: connectionErrors)
        }
    }

    /// `retry_config = (retries, ["429", "500", "502", "503", "504"])`.
    private mutating func readStatusCodes(_ value: ArraySlice<PythonToken>, at token: PythonToken) {
        guard case .tuple(let items) = PythonExpressionParser.parseWhole(value).expression, items.count == 2,
              case .list(let codes) = items[1] else {
            warn("its `retry_config` is not `(retries, [statuses])`; the retried statuses are left out", at: token)
            return
        }
        let strings = codes.compactMap { code -> String? in if case .string(let text) = code { text } else { nil } }
        guard strings.count == codes.count else {
            warn("its retried statuses are not all string literals; they are left out", at: token)
            return
        }
        retryStatusCodes = strings
    }

    // MARK: Pagination

    /// polar's `next_func` (SDK-FACTS j.1): `page = request.page if not request.page is None else 1`,
    /// `next_page = page + 1` (an offset: `offset + len(results[0])`), `limit = request.limit if … else 10`,
    /// `num_pages = JSONPath("$.pagination.max_page").parse(body)`, `results = JSONPath("$.items").parse(body)`,
    /// and `return self.list(…, page=next_page, limit=limit, …)`. A cursor is a `JSONPath` variable
    /// the recursive call passes.
    private mutating func readNextFunc(header: PythonLogicalLine, body: ArraySlice<PythonLogicalLine>) {
        /// target → (the request attribute, the default).
        var defaults: [String: (attribute: String, value: Int)] = [:]
        /// target → the JSONPath.
        var paths: [String: String] = [:]
        /// target → (kind, the variable advanced).
        var advances: [String: (kind: WirePagination.Kind, base: String)] = [:]
        var recursiveCall: [PythonArgument]?
        for line in body {
            let tokens = line.tokens[...]
            let texts = Self.texts(tokens)
            if texts.first == "return", texts.dropFirst().first == "self" {
                if case .call(_, let arguments) = PythonExpressionParser.parseWhole(tokens.dropFirst()).expression { recursiveCall = arguments }
                continue
            }
            guard let value = Self.assignedValue(to: nil, tokens) else { continue }
            let target = tokens[tokens.startIndex].text
            let valueTexts = Self.texts(value)
            if let conditional = Self.conditionalDefault(valueTexts) {
                defaults[target] = conditional
            } else if valueTexts.count >= 7, valueTexts[0] == "JSONPath", valueTexts[1] == "(", value[value.startIndex + 2].kind == .string,
                      valueTexts[3] == ")", valueTexts[4] == ".", valueTexts[5] == "parse" {
                paths[target] = valueTexts[2]
            } else if valueTexts.count == 3, valueTexts[1] == "+", valueTexts[2] == "1" {
                advances[target] = (.page, valueTexts[0])
            } else if valueTexts.count >= 4, valueTexts[1] == "+", valueTexts[2] == "len" {
                advances[target] = (.offset, valueTexts[0])
            }
        }
        let start = header.tokens[0]
        guard let arguments = recursiveCall else {
            warn("its `next_func` does not call the operation again (`return self.…(…)`); its pagination is left out", at: start)
            return
        }
        func keyword(passing variable: String) -> String? {
            arguments.first { $0.value == .name(variable) }?.keyword
        }
        var pagination: WirePagination?
        for (variable, advance) in advances.sorted(by: { $0.key < $1.key }) {
            guard let argument = keyword(passing: variable) else { continue }
            pagination = WirePagination(kind: advance.kind, positionArgument: argument)
            pagination?.firstPosition = defaults[advance.base]?.value
        }
        if pagination == nil {
            for (variable, jsonPath) in paths.sorted(by: { $0.key < $1.key }) {
                guard let argument = keyword(passing: variable) else { continue }
                pagination = WirePagination(kind: .cursor, positionArgument: argument, nextCursorPath: jsonPath)
            }
        }
        guard var pagination else {
            warn("its `next_func` passes no next page, offset or cursor this reader knows; its pagination is left out", at: start)
            return
        }
        // The limit: the default passed on by the recursive call that is not the position's.
        let positionBase = advances.first { keyword(passing: $0.key) == pagination.positionArgument }?.value.base
        for (variable, given) in defaults.sorted(by: { $0.key < $1.key }) where variable != positionBase {
            guard let argument = keyword(passing: variable) else { continue }
            pagination.limitArgument = argument
            pagination.defaultLimit = given.value
        }
        pagination.itemsPath = paths["results"]
        pagination.maxPagePath = paths["num_pages"]
        for variable in paths.keys.sorted() where !["results", "num_pages"].contains(variable) && keyword(passing: variable) == nil {
            warn("its `next_func` reads `\(variable)` (`\(paths[variable] ?? "")`), which this reader does not know; it is not applied", at: start)
        }
        self.pagination = pagination
    }

    /// `request.page if not request.page is None else 1`: the attribute and its default.
    private static func conditionalDefault(_ texts: [String]) -> (attribute: String, value: Int)? {
        guard texts.count == 12, texts[0] == "request", texts[1] == ".", texts[3...6] == ["if", "not", "request", "."],
              texts[7] == texts[2], texts[8...10] == ["is", "None", "else"], let value = integer(.number(texts[11])) else { return nil }
        return (texts[2], value)
    }

    // MARK: Helpers

    private static func texts(_ tokens: ArraySlice<PythonToken>) -> [String] { tokens.map(\.text) }

    /// The tokens after `name =` (any name when nil) of an assignment statement.
    private static func assignedValue(to name: String?, _ tokens: ArraySlice<PythonToken>) -> ArraySlice<PythonToken>? {
        guard tokens.count > 2, tokens[tokens.startIndex].kind == .name, name == nil || tokens[tokens.startIndex].text == name,
              tokens[tokens.startIndex + 1].kind == .symbol, tokens[tokens.startIndex + 1].text == "=" else { return nil }
        return tokens.dropFirst(2)
    }

    /// A call's argument at `position` or by `keyword`.
    private static func argument(_ call: PythonExpression, _ position: Int, _ keyword: String) -> PythonExpression? {
        guard case .call(_, let arguments) = call else { return nil }
        if let given = arguments.first(where: { $0.keyword == keyword }) { return given.value }
        let positional = arguments.filter { $0.keyword == nil }
        return position < positional.count ? positional[position].value : nil
    }

    private static func integer(_ value: PythonExpression?) -> Int? {
        guard case .number(let text)? = value else { return nil }
        return Int(text.replacingOccurrences(of: "_", with: ""))
    }

    private static func double(_ value: PythonExpression?) -> Double? {
        guard case .number(let text)? = value else { return nil }
        return Double(text.replacingOccurrences(of: "_", with: ""))
    }

    private static func bool(_ value: PythonExpression?) -> Bool? {
        switch value {
        case .name("True")?: true
        case .name("False")?: false
        default: nil
        }
    }

    private mutating func warn(_ message: String, at token: PythonToken) {
        diagnostics.append(.warning("\(what): \(message)", at: token.location(in: path)))
    }
}
