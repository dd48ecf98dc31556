/// Where a request model's field goes, as its metadata says (SDK-FACTS i.1–i.5): a path, query or
/// header parameter, or the request body.
enum PythonRequestPlacement: Hashable {
    case parameter(location: String, style: String, explode: Bool)
    case body(mediaType: String)

    private static let pydanticKeywords = [("path", "path"), ("query", "query"), ("header", "header")]
    private static let dataclassKeys = [("path_param", "path"), ("query_param", "query"), ("header", "header")]

    /// The pydantic family's `FieldMetadata(query=QueryParamMetadata(style="form", explode=True))`,
    /// `path=PathParamMetadata(…)`, `header=HeaderMetadata(…)` (or `=True`: the defaults), and
    /// `request=RequestMetadata(media_type="application/json")`; nil for any other metadata
    /// (`security=`, `multipart=`, `form=`: parts of a body or of the security model).
    init?(fieldMetadata call: PythonExpression) {
        for (keyword, location) in Self.pydanticKeywords {
            guard let given = call.argument(keyword), Self.isGiven(given) else { continue }
            let style = Self.string(given.argument("style"))
            let explode = Self.bool(given.argument("explode"))
            self = Self.parameter(location, style: style, explode: explode)
            return
        }
        if let given = call.argument("request"), Self.isGiven(given) {
            // `RequestMetadata`'s own default (`utils/metadata.py`).
            self = .body(mediaType: Self.string(given.argument("media_type")) ?? "application/octet-stream")
            return
        }
        return nil
    }

    /// airbyte's `metadata={'query_param': {'field_name': 'connectionId', 'style': 'form', 'explode': True}}`,
    /// `'path_param'`, `'header'`, and `'request': {'media_type': 'application/json'}`; nil for
    /// any other (`'dataclasses_json'`, `'security'`).
    init?(dataclassMetadata metadata: PythonExpression) {
        for (key, location) in Self.dataclassKeys {
            guard let given = metadata.entry(key) else { continue }
            self = Self.parameter(location, style: Self.string(given.entry("style")), explode: Self.bool(given.entry("explode")))
            return
        }
        if let given = metadata.entry("request") {
            self = .body(mediaType: Self.string(given.entry("media_type")) ?? "application/octet-stream")
            return
        }
        return nil
    }

    /// The SDKs' defaults where the metadata leaves style or explode out: `form`/exploded for a
    /// query (`QueryParamMetadata`, airbyte's `get('explode', True)`), `simple`/not exploded for
    /// the rest (`ParamMetadata`).
    private static func parameter(_ location: String, style: String?, explode: Bool?) -> PythonRequestPlacement {
        let isQuery = location == "query"
        return .parameter(location: location, style: style ?? (isQuery ? "form" : "simple"), explode: explode ?? isQuery)
    }

    /// `path=False`/`None` says the field is not one.
    private static func isGiven(_ value: PythonExpression) -> Bool {
        value != .name("False") && value != .name("None")
    }

    private static func string(_ value: PythonExpression?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    private static func bool(_ value: PythonExpression?) -> Bool? {
        switch value {
        case .name("True")?: return true
        case .name("False")?: return false
        default: return nil
        }
    }
}

/// One operation module of a Speakeasy Python SDK (`polar_sdk/checkouts.py`, `airbyte/jobs.py`,
/// `friendli/core/endpoint.py`, `sdk.py`), read by `PythonModelReader` for its operations and for
/// the accessors that name its group classes. Like `PythonModule`, a small extractor of the shapes
/// the generators write (SDK-FACTS i.1–i.5), not a Python parser.
///
/// An operation is a `def` in a class body whose body calls
/// - `self._build_request(method="GET", path="/v1/…", …)` (or `_build_request_async`), the
///   pydantic family (polar, unstructured, livepeer, friendli); or
/// - `client.request('DELETE', url, …)` after `url = utils.generate_url(X, base_url, '/jobs/{jobId}', request)`
///   or `url = base_url + '/jobs'` (airbyte's older generator).
///
/// `async def` methods are skipped: every one is the twin of a sync `def` of the same operation
/// (`list_async` beside `list`, friendli's `AsyncEndpoint` beside `SyncEndpoint`). Of each
/// operation it keeps the request model the code names (`request = models.X(…)`,
/// `utils.unmarshal(request, models.X)`, else the `request:` parameter's annotation), the
/// serialization method of `serialize_request_body(…, "json", …)`, and the hook's
/// `operation_id="…"`. A method with a request call it cannot read (a method or path that is not a
/// literal) is a located warning; methods without one (`__init__`, helpers) are passed over.
struct PythonOperationModule {
    /// An operation as the module writes it; the request model is located, and the group named,
    /// once every module is read.
    struct PendingOperation {
        /// Group, parameters and body media type still empty.
        var operation: WireOperation
        /// The class the method is in (`Checkouts`, `SyncEndpoint`).
        var className: String
        /// The request model as the code names it (`models.CheckoutsListRequest`,
        /// `operations.GetJobRequest`), nil when the operation takes none.
        var requestModel: String?
        /// `serialize_request_body`'s serialization method (`json`, `multipart`, `form`), nil
        /// without a body.
        var serialization: String?
        /// The list the operation's own server is taken from, and which of it (`PythonOperationFlow`).
        var serverList: (name: String, index: Int)? = nil
    }

    let path: String
    private(set) var operations: [PendingOperation] = []
    /// The accessor each group class is reached by (`self.checkouts = Checkouts(…)`, polar's
    /// lazy `_sub_sdk_map = {"checkouts": ("polar_sdk.checkouts", "Checkouts")}`).
    private(set) var accessors: [(className: String, accessor: String)] = []
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String, bytes: [UInt8]) {
        self.path = path
        let lines = PythonTokenizer.logicalLines(bytes)
        diagnostics += lines.flatMap { $0.tokenizerWarnings(in: path) }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            index += 1
            guard line.indent == 0 else { continue }
            readSubSDKMap(line)
            guard line.tokens[0].kind == .name, line.tokens[0].text == "class", line.tokens.count > 1, line.tokens[1].kind == .name else { continue }
            var end = index
            while end < lines.count && lines[end].indent > 0 { end += 1 }
            readClass(name: line.tokens[1].text, body: lines[index..<end])
            index = end
        }
    }

    // MARK: Classes and methods

    private mutating func readClass(name: String, body: ArraySlice<PythonLogicalLine>) {
        guard let bodyIndent = body.first?.indent else { return }
        var index = body.startIndex
        while index < body.endIndex {
            let line = body[index]
            index += 1
            readAccessor(line)
            guard line.indent == bodyIndent else { continue }
            readSubSDKMap(line)
            let tokens = line.tokens
            let isDef = tokens[0].kind == .name && tokens[0].text == "def"
            let isAsync = tokens[0].kind == .name && tokens[0].text == "async" && tokens.count > 1 && tokens[1].text == "def"
            guard isDef || isAsync else { continue }
            var end = index
            while end < body.endIndex && body[end].indent > bodyIndent { end += 1 }
            // `__init__` and `_init_sdks` set the accessors of the groups below this one.
            for inner in body[index..<end] { readAccessor(inner) }
            if isDef, tokens.count > 1, tokens[1].kind == .name {
                readMethod(header: line, body: body[index..<end], className: name)
            }
            index = end
        }
    }

    private mutating func readMethod(header: PythonLogicalLine, body: ArraySlice<PythonLogicalLine>, className: String) {
        let name = header.tokens[1].text
        let what = "operation `\(className).\(name)`"
        var method: String?
        var urlPath: String?
        var isOperation = false
        var requestModel: String?
        var requestCall: String?
        var serialization: String?
        var operationID: String?
        for line in body {
            let tokens = line.tokens[...]
            if let call = Self.call(named: ["_build_request", "_build_request_async"], in: tokens) {
                isOperation = true
                guard case .string(let given)? = call.argument("method"), case .string(let route)? = call.argument("path") else {
                    warn("\(what): its `_build_request` has no literal method and path; not read", at: line.tokens[0])
                    return
                }
                method = given
                urlPath = route
            }
            if let call = Self.call(named: ["request"], in: tokens, receiver: "client"),
               case .call(_, let arguments) = call, case .string(let given)? = arguments.first?.value, arguments.first?.keyword == nil {
                isOperation = true
                method = given
            }
            if let call = Self.call(named: ["generate_url"], in: tokens), case .call(_, let arguments) = call {
                let positional = arguments.filter { $0.keyword == nil }.map(\.value)
                if case .string(let route)? = positional.first(where: { if case .string = $0 { true } else { false } }) { urlPath = route }
                if requestCall == nil, case .name(let model)? = positional.first { requestCall = model }
            } else if let route = Self.baseURLConcatenation(tokens) {
                urlPath = route
            }
            if let call = Self.call(named: ["serialize_request_body"], in: tokens), case .call(_, let arguments) = call {
                // The last positional string: the pydantic family's `(request, False, False, "json", X)`,
                // airbyte's `(request, X, "request", False, False, 'json')`.
                for argument in arguments where argument.keyword == nil {
                    if case .string(let given) = argument.value { serialization = given }
                }
            }
            if let model = Self.requestConstruction(tokens) { requestModel = model }
            if operationID == nil, let given = Self.keywordString("operation_id", in: tokens) { operationID = given }
        }
        guard isOperation else { return }
        guard let method, let urlPath else {
            warn("\(what): its request's \(method == nil ? "method" : "path") is not a literal this reader knows; not read", at: header.tokens[0])
            return
        }
        var operation = WireOperation(
            sdkName: name, group: nil, operationID: operationID, method: method.uppercased(), path: urlPath,
            parameters: [], bodyMediaType: nil, location: header.tokens[1].location(in: path))
        let flow = PythonOperationFlow(body: body, path: path, what: what)
        operation.streamSentinel = flow.streamSentinel
        operation.defaultRetryPolicy = flow.defaultRetryPolicy
        operation.retryStatusCodes = flow.retryStatusCodes
        operation.pagination = flow.pagination
        let defaults = Self.signatureDefaults(header.tokens[...])
        operation.argumentDefaults = defaults.isEmpty ? nil : defaults
        diagnostics += flow.diagnostics
        operations.append(PendingOperation(
            operation: operation, className: className,
            requestModel: requestModel ?? requestCall ?? Self.requestAnnotation(header.tokens[...]), serialization: serialization,
            serverList: flow.serverList))
    }

    // MARK: Statements

    /// `request = models.CheckoutsListRequest(…)` or `request = utils.unmarshal(request, models.X)`:
    /// the model's dotted name.
    private static func requestConstruction(_ tokens: ArraySlice<PythonToken>) -> String? {
        guard tokens.count > 3, tokens[tokens.startIndex].kind == .name, tokens[tokens.startIndex].text == "request",
              tokens[tokens.startIndex + 1].kind == .symbol, tokens[tokens.startIndex + 1].text == "=" else { return nil }
        let value = PythonExpressionParser.parseWhole(tokens.dropFirst(2)).expression
        guard case .call(let callee, let arguments) = value, case .name(let calleeName) = callee else { return nil }
        if callee.lastName == "unmarshal" {
            if arguments.count > 1, case .name(let model) = arguments[1].value { return model }
            return nil
        }
        return Self.isClassName(calleeName) ? calleeName : nil
    }

    /// airbyte's `url = base_url + '/jobs'`: the path literal.
    private static func baseURLConcatenation(_ tokens: ArraySlice<PythonToken>) -> String? {
        let texts = tokens.prefix(4).map(\.text)
        guard texts == ["url", "=", "base_url", "+"] else { return nil }
        let rest = tokens.dropFirst(4)
        guard !rest.isEmpty, rest.allSatisfy({ $0.kind == .string }) else { return nil }
        return rest.map(\.text).joined()
    }

    /// The model a `def name(self, request: operations.GetJobRequest)` (or
    /// `request: Union[models.X, models.XTypedDict]`) takes.
    private static func requestAnnotation(_ header: ArraySlice<PythonToken>) -> String? {
        guard let open = header.firstIndex(where: { $0.kind == .symbol && $0.text == "(" }) else { return nil }
        var depth = 0
        var index = open + 1
        while index < header.endIndex {
            let token = header[index]
            if token.kind == .symbol {
                switch token.text {
                case "(", "[", "{": depth += 1
                case ")", "]", "}":
                    if depth == 0 { return nil }
                    depth -= 1
                default: break
                }
            } else if depth == 0, token.kind == .name, token.text == "request", index + 1 < header.endIndex,
                      header[index + 1].text == ":" {
                var end = index + 2
                var nesting = 0
                while end < header.endIndex {
                    let next = header[end]
                    if next.kind == .symbol {
                        if ["(", "[", "{"].contains(next.text) { nesting += 1 }
                        if [")", "]", "}"].contains(next.text) {
                            if nesting == 0 { break }
                            nesting -= 1
                        }
                        if nesting == 0 && (next.text == "," || next.text == "=") { break }
                    }
                    end += 1
                }
                return modelName(PythonExpressionParser.parseWhole(header[(index + 2)..<end]).expression)
            }
            index += 1
        }
        return nil
    }

    /// The literal defaults of a `def name(self, a: X, b: Optional[bool] = True, *, c: int = 10)`
    /// header, by parameter name: booleans, numbers and strings; `None`, `UNSET` and anything
    /// computed are not defaults a caller could be given.
    static func signatureDefaults(_ header: ArraySlice<PythonToken>) -> [String: WireValue] {
        guard let open = header.firstIndex(where: { $0.kind == .symbol && $0.text == "(" }),
              let close = closingParenthesis(from: open, in: header) else { return [:] }
        var defaults: [String: WireValue] = [:]
        var segment: [PythonToken] = []
        var depth = 0
        func finish() {
            defer { segment = [] }
            guard segment.count > 2, segment[0].kind == .name, segment[1].text == ":",
                  let equals = segment.indices.first(where: { index in
                      segment[index].kind == .symbol && segment[index].text == "="
                          && segment[..<index].reduce(0) { $0 + (["(", "[", "{"].contains($1.text) ? 1 : [")", "]", "}"].contains($1.text) ? -1 : 0) } == 0
                  }) else { return }
            let value: WireValue?
            switch PythonExpressionParser.parseWhole(segment[(equals + 1)...]).expression {
            case .name("True"): value = .bool(true)
            case .name("False"): value = .bool(false)
            case .number(let text): value = .number(text)
            case .string(let text): value = .string(text)
            default: value = nil
            }
            if let value { defaults[segment[0].text] = value }
        }
        for token in header[(open + 1)..<close] {
            if token.kind == .symbol {
                if ["(", "[", "{"].contains(token.text) { depth += 1 }
                if [")", "]", "}"].contains(token.text) { depth -= 1 }
                if depth == 0, token.text == "," { finish(); continue }
            }
            segment.append(token)
        }
        finish()
        return defaults
    }

    /// The model an annotation names: itself, or the first member of a `Union`/`Optional` that
    /// is not a `…TypedDict` twin.
    private static func modelName(_ annotation: PythonExpression) -> String? {
        switch annotation {
        case .name(let name):
            return isClassName(name) && !name.hasSuffix("TypedDict") ? name : nil
        case .subscripted(let base, let items) where ["Union", "Optional"].contains(base.lastName ?? ""):
            return items.lazy.compactMap(modelName).first
        default:
            return nil
        }
    }

    /// `Checkouts`, `models.CheckoutsListRequest`: a class by Python's naming, not a function.
    private static func isClassName(_ dotted: String) -> Bool {
        dotted.split(separator: ".").last?.first?.isUppercase == true
    }

    /// The string after `keyword=` anywhere in the statement (`operation_id="checkouts:list"`).
    private static func keywordString(_ keyword: String, in tokens: ArraySlice<PythonToken>) -> String? {
        var index = tokens.startIndex
        while index + 2 < tokens.endIndex {
            if tokens[index].kind == .name, tokens[index].text == keyword, tokens[index + 1].text == "=",
               tokens[index + 2].kind == .string {
                return tokens[index + 2].text
            }
            index += 1
        }
        return nil
    }

    /// `self.checkouts = Checkouts(…)`: the class is reached as `checkouts`.
    private mutating func readAccessor(_ line: PythonLogicalLine) {
        let tokens = line.tokens
        guard tokens.count > 6, tokens[0].text == "self", tokens[1].text == ".", tokens[2].kind == .name,
              tokens[3].text == "=", tokens[4].kind == .name else { return }
        let value = PythonExpressionParser.parseWhole(tokens[4...]).expression
        guard case .call(.name(let className), _) = value, Self.isClassName(className),
              let last = className.split(separator: ".").last else { return }
        accessors.append((String(last), tokens[2].text))
    }

    /// `_sub_sdk_map = {"checkouts": ("polar_sdk.checkouts", "Checkouts"), …}` (the newer
    /// generators' lazily created groups).
    private mutating func readSubSDKMap(_ line: PythonLogicalLine) {
        let tokens = line.tokens[...]
        guard let equals = tokens.firstIndex(where: { $0.kind == .symbol && $0.text == "=" }), equals > tokens.startIndex,
              tokens[equals - 1].kind == .name, tokens[equals - 1].text == "_sub_sdk_map" else { return }
        guard case .dict(let entries) = PythonExpressionParser.parseWhole(tokens[(equals + 1)...]).expression else { return }
        for entry in entries {
            guard case .string(let accessor) = entry.key, case .tuple(let items) = entry.value, items.count == 2,
                  case .string(let className) = items[1] else { continue }
            accessors.append((className, accessor))
        }
    }

    // MARK: Helpers

    /// The first call of `names` (`self._build_request(…)`, `utils.generate_url(…)`) in the
    /// statement, wherever it sits (an assignment's value, a lambda's body), parsed from its
    /// name to its closing parenthesis. `receiver`: the name before the dot must be this.
    static func call(named names: Set<String>, in tokens: ArraySlice<PythonToken>, receiver: String? = nil) -> PythonExpression? {
        var index = tokens.startIndex
        while index + 1 < tokens.endIndex {
            defer { index += 1 }
            let token = tokens[index]
            guard token.kind == .name, names.contains(token.text), tokens[index + 1].kind == .symbol, tokens[index + 1].text == "(" else { continue }
            if let receiver {
                guard index - 2 >= tokens.startIndex, tokens[index - 1].text == ".", tokens[index - 2].text == receiver else { continue }
            }
            // An unclosed call (warned by the tokenizer) runs to the end of the statement.
            let close = Self.closingParenthesis(from: index + 1, in: tokens) ?? tokens.endIndex - 1
            let parsed = PythonExpressionParser.parseWhole(tokens[index...close])
            return parsed.tooDeep ? nil : parsed.expression
        }
        return nil
    }

    /// The index of the bracket that closes the `(` at `open`, or nil when the statement ends first.
    private static func closingParenthesis(from open: Int, in tokens: ArraySlice<PythonToken>) -> Int? {
        var depth = 0
        for index in open..<tokens.endIndex where tokens[index].kind == .symbol {
            switch tokens[index].text {
            case "(", "[", "{": depth += 1
            case ")", "]", "}":
                depth -= 1
                if depth == 0 { return index }
            default: break
            }
        }
        return nil
    }

    private mutating func warn(_ message: String, at token: PythonToken) {
        diagnostics.append(.warning(message, at: token.location(in: path)))
    }
}
