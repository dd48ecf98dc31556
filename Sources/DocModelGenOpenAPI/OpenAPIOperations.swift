#if OpenAPI
// Compiled with the package trait OpenAPI (on by default): it brings jpsim/Yams.
import DocModelGenCore
import Yams

extension OpenAPIReading {
    static let methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    /// The inline schemas of every operation (request bodies, responses, parameters) and the
    /// `{OperationId}Request` model of each operation with parameters.
    mutating func readOperations(_ file: OpenAPIFile) {
        guard let paths = mappingValue(file.root, "paths", in: file) else { return }
        for (pathKey, pathItem) in paths.entries {
            guard let path = pathKey.scalar?.string, pathItem.mapping != nil else {
                diagnostics.append(.warning("a path item should be a mapping under a path: skipped", at: file.location(of: pathKey)))
                continue
            }
            let pathPointer = "#/paths/" + OpenAPIPaths.escape(path)
            let shared = pathItem.member("parameters")
            for method in Self.methods {
                guard let operation = pathItem.member(method) else { continue }
                guard operation.mapping != nil else {
                    diagnostics.append(.warning("an operation should be a mapping: skipped", at: file.location(of: operation)))
                    continue
                }
                readOperation(operation, method: method, path: path, pointer: pathPointer + "/" + method, sharedParameters: shared, file: file)
            }
        }
    }

    /// Speakeasy's statuses when the spec names none: what its Python SDKs retry under a policy
    /// then (livepeer-ai's spec has no `x-speakeasy-retries`; its SDK's `retry_config = (retries,
    /// ["429", "500", "502", "503", "504"])`, polar's too: SDK-FACTS r).
    static let speakeasyRetriedStatuses = ["429", "500", "502", "503", "504"]

    /// The operation's `x-speakeasy-retries` (else the document's): the default policy when its
    /// strategy is `backoff`, and the statuses it retries.
    private mutating func retries(_ node: Node?, file: OpenAPIFile) -> (WireRetryPolicy?, [String]) {
        guard let node else { return (nil, Self.speakeasyRetriedStatuses) }
        guard node.mapping != nil else {
            diagnostics.append(.warning("`x-speakeasy-retries` should be a mapping: ignored", at: file.location(of: node)))
            return (nil, Self.speakeasyRetriedStatuses)
        }
        let codes = node.member("statusCodes")?.sequence?.compactMap { $0.scalar?.string } ?? Self.speakeasyRetriedStatuses
        guard node.member("strategy")?.scalar?.string == "backoff" else { return (nil, codes) }
        let backoff = node.member("backoff")
        func milliseconds(_ key: String, _ fallback: Int) -> Int {
            (backoff?.member(key)?.scalar?.string).flatMap { Int($0) } ?? fallback
        }
        // The defaults are Speakeasy's documented ones (its retries page's global example).
        let policy = WireRetryPolicy(
            initialIntervalMilliseconds: milliseconds("initialInterval", 500), maxIntervalMilliseconds: milliseconds("maxInterval", 60_000),
            exponent: (backoff?.member("exponent")?.scalar?.string).flatMap { Double($0) } ?? 1.5,
            maxElapsedTimeMilliseconds: milliseconds("maxElapsedTime", 3_600_000),
            retryConnectionErrors: node.member("retryConnectionErrors")?.scalar?.string == "true")
        return (policy, codes)
    }

    private mutating func readOperation(_ operation: Node, method: String, path: String, pointer: String, sharedParameters: Node?, file: OpenAPIFile) {
        // Without an operationId, Speakeasy derives a name from the method and path.
        let operationClass = SpeakeasyInlineNames.className(operation.member("operationId")?.scalar?.string ?? method + " " + path)
        var fields = OpenAPIFieldList()
        // Models come in source order: the request model is listed before its inline parts.
        let requestIndex = models.count
        let sdkName = SpeakeasyInlineNames.snakeCase(
            operation.member("x-speakeasy-name-override")?.scalar?.string ?? operation.member("operationId")?.scalar?.string ?? method + " " + path)
        var wireOperation = WireOperation(
            sdkName: sdkName, group: operation.member("x-speakeasy-group")?.scalar?.string,
            operationID: operation.member("operationId")?.scalar?.string, method: method.uppercased(), path: path,
            parameters: [], bodyMediaType: nil, location: file.location(of: operation))
        (wireOperation.defaultRetryPolicy, wireOperation.retryStatusCodes) = retries(
            operation.member("x-speakeasy-retries") ?? file.root.member("x-speakeasy-retries"), file: file)
        // The operation's own `servers` (Speakeasy's `<OPERATION>_OP_SERVERS`): the SDK sends to the
        // first unless the call names one.
        if let servers = operation.member("servers") {
            let urls = servers.sequence?.compactMap { $0.member("url")?.scalar?.string } ?? []
            if !urls.isEmpty, urls.count == servers.sequence?.count {
                wireOperation.servers = urls
            } else {
                diagnostics.append(.warning("`servers` should be a list of mappings with a `url`: ignored", at: file.location(of: servers)))
            }
        }
        defer { operations.append(wireOperation) }
        for (list, listPointer) in [(sharedParameters, "#/paths/parameters"), (operation.member("parameters"), pointer + "/parameters")] {
            guard let list else { continue }
            guard let sequence = list.sequence else {
                diagnostics.append(.warning("`parameters` should be a list: skipped", at: file.location(of: list)))
                continue
            }
            for (index, entry) in sequence.enumerated() {
                if let (field, parameter) = parameterField(entry, operationClass: operationClass, pointer: listPointer + "/\(index)", file: file) {
                    fields.add(field)
                    wireOperation.parameters.removeAll { $0.name == parameter.name && $0.location == parameter.location }
                    wireOperation.parameters.append(parameter)
                }
            }
        }
        let hasParameters = !fields.fields.isEmpty
        if var body = operation.member("requestBody").map({ (node: $0, file: file, pointer: pointer + "/requestBody") }) {
            if let ref = body.node.member("$ref") {
                guard let target = resolve(ref: ref, in: file) else { return }
                body = (target.node, target.file, target.file.path + "#" + target.pointer)
            }
            wireOperation.bodyMediaType = body.node.member("content")?.entries.first?.key.scalar?.string
            let context = OpenAPIInlineContext(base: operationClass + "RequestBody", parent: operationClass, pointer: body.pointer)
            if let (type, nullable, location) = contentType(body.node, context: context, file: body.file) {
                let attribute: String
                if case .reference(let name) = type, !name.hasPrefix(operationClass + "RequestBody") {
                    attribute = SpeakeasyInlineNames.snakeCase(SpeakeasyInlineNames.className(name))
                } else {
                    attribute = "request_body"
                }
                fields.add(WireField(attributeName: attribute, wireName: attribute,
                                        isRequired: body.node.member("required")?.scalar?.string == "true",
                                        isNullable: nullable, type: type, location: location))
            }
        }
        if let responses = operation.member("responses") {
            for (codeNode, response) in responses.entries {
                let code = codeNode.scalar?.string ?? ""
                var resolved = (node: response, file: file, pointer: pointer + "/responses/" + OpenAPIPaths.escape(code))
                if let ref = response.member("$ref") {
                    guard let target = resolve(ref: ref, in: file) else { continue }
                    resolved = (target.node, target.file, target.file.path + "#" + target.pointer)
                }
                let base = operationClass + (code.hasPrefix("2") ? "" : SpeakeasyInlineNames.className(code)) + "ResponseBody"
                _ = contentType(resolved.node, context: OpenAPIInlineContext(base: base, parent: operationClass, pointer: resolved.pointer), file: resolved.file)
            }
        }
        // Without parameters, Speakeasy passes the body itself: no request model.
        if hasParameters {
            let name = names.claim(base: operationClass + "Request", parent: nil)
            models.insert(WireModel(name: name, path: pointer, location: file.location(of: operation), kind: .object, fields: fields.fields), at: requestIndex)
        }
    }

    /// A parameter as a field of the operation's request model.
    private mutating func parameterField(_ entry: Node, operationClass: String, pointer: String, file: OpenAPIFile) -> (WireField, WireParameter)? {
        var parameter = (node: entry, file: file, pointer: pointer)
        if let ref = entry.member("$ref") {
            guard let target = resolve(ref: ref, in: file) else { return nil }
            parameter = (target.node, target.file, target.file.path + "#" + target.pointer)
        }
        guard let name = parameter.node.member("name")?.scalar?.string else {
            diagnostics.append(.warning("a parameter without a `name`: skipped", at: parameter.file.location(of: parameter.node)))
            return nil
        }
        let context = OpenAPIInlineContext(base: name, parent: operationClass, pointer: parameter.pointer + "/schema")
        var type: WireType?, nullable = false
        if let schema = parameter.node.member("schema") {
            (type, nullable) = useType(schema, file: parameter.file, context: context, depth: 1)
        } else if let content = contentType(parameter.node, context: context, file: parameter.file) {
            (type, nullable) = (content.type, content.nullable)
        }
        let location = parameter.file.location(of: parameter.node.entries.first(where: { $0.key.scalar?.string == "name" })?.key ?? parameter.node)
        let place = parameter.node.member("in")?.scalar?.string ?? "query"
        // OpenAPI's defaults: `form` for query and cookie, `simple` for path and header;
        // `explode` true only for `form`.
        let style = parameter.node.member("style")?.scalar?.string ?? (place == "query" || place == "cookie" ? "form" : "simple")
        let explodeText: String? = parameter.node.member("explode")?.scalar?.string
        let explode = explodeText.map { $0 == "true" } ?? (style == "form")
        let wireParameter = WireParameter(name: name, location: place, style: style, explode: explode)
        return (WireField(
            attributeName: parameter.node.nameOverride,
            wireName: name,
            isRequired: parameter.node.member("in")?.scalar?.string == "path" || parameter.node.member("required")?.scalar?.string == "true",
            isNullable: nullable, type: type,
            defaultValue: parameter.node.member("schema")?.member("default").flatMap { wireValue($0, file: parameter.file, depth: 2) },
            location: location), wireParameter)
    }

    /// The type of the first media type's schema of a `content` mapping (the others are read too,
    /// for their inline models).
    private mutating func contentType(_ holder: Node, context: OpenAPIInlineContext, file: OpenAPIFile) -> (type: WireType?, nullable: Bool, location: SourceLocation)? {
        guard let content = holder.member("content") else { return nil }
        guard content.mapping != nil else {
            diagnostics.append(.warning("`content` should be a mapping of media types: skipped", at: file.location(of: content)))
            return nil
        }
        var first: (type: WireType?, nullable: Bool, location: SourceLocation)?
        for (mediaKey, media) in content.entries {
            guard let schema = media.member("schema") else { continue }
            var inner = context
            inner.pointer += "/content/" + OpenAPIPaths.escape(mediaKey.scalar?.string ?? "") + "/schema"
            let (type, nullable) = useType(schema, file: file, context: inner, depth: 1)
            if first == nil { first = (type, nullable, file.location(of: schema)) }
        }
        return first
    }
}
#endif
