/// A schema's `api` → `ClientPlan`: Swift names for the client, its groups and operations, and where
/// every argument goes on the wire.
///
/// Where an overlay says nothing, the docs-only rules decide (README "Calling the API"; the SDK
/// behaviour they mirror is in `Tests/Peers/SDK-FACTS.md` i.1–i.5):
/// - method and path come from the operation's `UsageSnippet`; without one the operation is not
///   generated (older generators write none), with one warning for the API naming the flags;
/// - a `request` argument whose model lives in an `operations` folder, or has a field named in the
///   path template, is the SDK's request model: its fields are the parameters; any other `request`
///   is the body;
/// - a parameter named in the path template (names compared without case, `_` and `-`) is a path
///   parameter;
/// - the one parameter whose type is an object page (not a file), or a union of objects it is
///   named after, or `request_body`, is the body (multipart/form-data when the model carries a
///   file, JSON otherwise);
/// - every other parameter is a form-style, exploded query parameter, the SDK's default, with a
///   note (`inferred-location`) so the user knows to add an overlay for a header; when those are
///   exactly one object page's fields (or an overlay says there is a body), the body was flattened
///   into arguments, which is not generated yet (a warning);
/// - a response model whose fields are the SDK's response metadata (`http_meta`, `status_code`,
///   `content_type`, `raw_response`) returns its one other field, or itself filled field by field
///   when it has several (JSON or text); a paged list's model (`result` only) returns the page;
/// - `Accept` is `application/json` when the response or a documented error is JSON, else `*/*`;
/// - an example that constructs the SDK without a credential means no credentials are sent; an
///   own `security` argument is kept, its string properties sent as bearer tokens.
public enum ClientBinding {
    public struct Options: Sendable, Hashable {
        /// The client's type name; by default the SDK's class (`Polar` → `PolarClient`).
        public var typeName: String?
        /// Operation globs over `group/…/operation` (`customers/*`, `**/list`); empty: every one.
        public var include: [String]
        public var exclude: [String]
        /// What overlays say of the operations, most trusted first (the SDK's, then the spec's).
        public var overlay: [WireOperation]

        public init(typeName: String? = nil, include: [String] = [], exclude: [String] = [], overlay: [WireOperation] = []) {
            self.typeName = typeName
            self.include = include
            self.exclude = exclude
            self.overlay = overlay
        }
    }

    /// The SDK's options, which the client takes once (`retries`, …) or not at all.
    static let sdkOptions: Set<String> = ["retries", "server_url", "timeout_ms", "http_headers", "accept_header_override"]
    /// Response-model fields that are the HTTP response itself, not its body.
    static let responseMetadata: Set<String> = ["http_meta", "status_code", "content_type", "raw_response", "headers"]

    /// The plan of `binding.schema.api`, or nil when the schema has none; and what binding
    /// found (paths relative to the docs root).
    public static func plan(_ binding: SwiftBinding, options: Options = Options()) -> (plan: ClientPlan?, diagnostics: [Diagnostic]) {
        guard let api = binding.schema.api else { return (nil, []) }
        var builder = Builder(binding: binding, options: options)
        return (builder.build(api), builder.diagnostics)
    }

    struct Builder {
        let binding: SwiftBinding
        let options: Options
        var diagnostics: [Diagnostic] = []
        var withoutRoute: [SourceLocation] = []
        /// Operations whose call relies on what only an overlay says: a stream without its end
        /// sentinel, paging found by the docs-only rule, a retry policy without the SDK's default.
        var streamsWithoutSentinel: [SourceLocation] = []
        var inferredPaging: [SourceLocation] = []
        var retriesWithoutDefaults: [SourceLocation] = []
        var serversWithoutDefaults: [SourceLocation] = []
        /// Type names the client must not take: every model's.
        let modelTypeNames: Set<String>
        /// Every object model's fields by the names an SDK method's arguments take, computed once:
        /// the flattened-body rules compare each operation's arguments with all of them.
        let argumentShapes: ArgumentShapes

        init(binding: SwiftBinding, options: Options) {
            self.binding = binding
            self.options = options
            modelTypeNames = Set(binding.typeNames)
            argumentShapes = ArgumentShapes(binding.schema.models)
        }

        mutating func build(_ api: API) -> ClientPlan {
            let typeName = free(options.typeName ?? (api.groups.lazy.compactMap(\.sdkClassName).first.map { $0.hasSuffix("Client") ? $0 : $0 + "Client" } ?? "APIClient"))
            var groups: [ClientPlan.Group] = []
            var indexByPath: [[String]: Int] = [:]
            func groupIndex(_ accessor: [String], builder: inout Builder) -> Int {
                if let index = indexByPath[accessor] { return index }
                let parent = accessor.count > 1 ? groupIndex(Array(accessor.dropLast()), builder: &builder) : nil
                let index = groups.count
                groups.append(ClientPlan.Group(
                    accessor: accessor, typeName: builder.free(SwiftNaming.typeName(accessor.joined(separator: " ")) + "Operations"),
                    propertyName: SwiftNaming.propertyName(accessor.last ?? "operations"), sourcePath: nil, title: nil,
                    operations: [], children: []))
                indexByPath[accessor] = index
                if let parent { groups[parent].children.append(index) }
                return index
            }
            // A page without operations (the SDK's own page, `# Livepeer SDK`) is not a group.
            for group in api.groups where !group.accessor.isEmpty && !group.operations.isEmpty {
                let index = groupIndex(group.accessor, builder: &self)
                if groups[index].sourcePath == nil {
                    groups[index].sourcePath = group.sourcePath
                    groups[index].title = group.title
                }
                var names = Set(groups[index].operations.map(\.methodName))
                for operation in group.operations where isSelected(group.accessor + [operation.name]) {
                    guard var bound = bind(operation, in: group) else { continue }
                    var name = bound.methodName
                    while !names.insert(name).inserted { name += "_" }
                    bound.methodName = name
                    groups[index].operations.append(bound)
                }
            }
            // Property names made distinct among siblings (operations and child groups).
            for index in groups.indices {
                var used = Set(groups[index].operations.map(\.methodName))
                for child in groups[index].children {
                    while !used.insert(groups[child].propertyName).inserted { groups[child].propertyName += "_" }
                }
            }
            var roots = Set<String>()
            for index in groups.indices where groups[index].accessor.count == 1 {
                while !roots.insert(groups[index].propertyName).inserted { groups[index].propertyName += "_" }
            }
            if let first = withoutRoute.first {
                diagnostics.append(.warning(
                    "\(withoutRoute.count) operation\(withoutRoute.count == 1 ? " has" : "s have") no method and path in the docs "
                        + "(no UsageSnippet: an older generator): their calls are not generated; --openapi or --python-sdk gives them",
                    at: first, kind: .operationNotGenerated))
            }
            func summarise(_ locations: [SourceLocation], _ what: String) {
                guard let first = locations.first else { return }
                diagnostics.append(.note(
                    "\(locations.count) operation\(locations.count == 1 ? "" : "s"): \(what); --python-sdk reads it from the SDK",
                    at: first, kind: .inferredCall))
            }
            summarise(streamsWithoutSentinel, "the docs do not say which event ends the stream (the SDK's sentinel), so it ends with the body")
            summarise(inferredPaging, "paging found by the docs-only rule (page number, items, max_page); the page size the SDK assumes is not in the docs")
            summarise(retriesWithoutDefaults, "the docs do not say the SDK's default retry policy or the statuses it retries, so calls retry only under a policy that names its statuses")
            summarise(serversWithoutDefaults, "the docs give the operation a server of its own (a `server_url` argument) but not which, so it is sent to the client's server unless the call names one")
            return ClientPlan(
                typeName: typeName, serverTypeName: free("Server"), securityTypeName: free("Security"), servers: servers(api.overview?.servers ?? []),
                security: credentials(api.overview?.securitySchemes ?? []), groups: groups)
        }

        func isSelected(_ path: [String]) -> Bool {
            let text = path.joined(separator: "/")
            return (options.include.isEmpty || options.include.contains { Glob.matches($0, text) })
                && !options.exclude.contains { Glob.matches($0, text) }
        }

        /// A type name no model has (`_` appended until free).
        func free(_ name: String) -> String {
            var name = name
            while modelTypeNames.contains(name) { name += "_" }
            return name
        }

        mutating func bind(_ operation: Operation, in group: OperationGroup) -> ClientPlan.Operation? {
            let known = overlayOperation(operation, in: group)
            guard let method = known?.method ?? operation.usage?.method, let written = known?.path ?? operation.usage?.path,
                  !method.isEmpty, !written.isEmpty else {
                withoutRoute.append(operation.location)
                return nil
            }
            // Speakeasy tells apart two operations of one path by a fragment (`/v1/completions#stream`);
            // the SDK's HTTP client never sends it.
            let path = String(written.prefix { $0 != "#" })
            let response: ClientPlan.Response
            switch self.response(operation, known: known) {
            case .success(let value): response = value
            case .failure(let unsupported):
                diagnostics.append(.warning("operation '\(operation.name)' is not generated: \(unsupported.reason)", at: operation.location, kind: .operationNotGenerated))
                return nil
            }
            let templateNames = Set(ClientBinding.pathVariables(path).map(Self.comparable))
            var arguments: [ClientPlan.Argument] = []
            var parameters: [ClientPlan.Parameter] = []
            var body: ClientPlan.Body?
            var usedNames: Set<String> = ["apiRequest", "apiResponse", "streamingResponse", "requestBody", "retries", "timeout", "position"]
            var ownCredentials: [ClientPlan.OwnCredential] = []
            let flattened = flattenedBodyModel(operation, known: known, templateNames: templateNames)
            var flattenedMembers: [ClientPlan.FlattenedBody.Member] = []
            for parameter in operation.parameters {
                if ClientBinding.sdkOptions.contains(parameter.name) { continue }
                if case .reference(let reference) = parameter.type.unwrappingWrappers, reference.text.hasPrefix("utils.") { continue }
                if parameter.name == "security" {
                    // The operation's own credentials (polar's customer portal): an argument of its
                    // security model, each string property a bearer token.
                    guard let model = objectModel(parameter.type) else {
                        diagnostics.append(.note(
                            "operation '\(operation.name)': its own security argument is not a model page; the client's security is sent",
                            at: parameter.location, kind: .inferredLocation))
                        continue
                    }
                    usedNames.insert("security")
                    let isOptional = parameter.required != .required || Self.isOptionalType(parameter.type)
                    arguments.append(ClientPlan.Argument(
                        sdkName: parameter.name, label: "security", name: "security", type: parameter.type.unwrappingWrappers,
                        isOptional: isOptional, description: parameter.description))
                    ownCredentials = model.wireFields.compactMap { field in
                        guard case .string = field.type.unwrappingWrappers else { return nil }
                        let property = SwiftNaming.escaped(binding.propertyName(of: field, in: model))
                        return ClientPlan.OwnCredential(
                            value: isOptional ? "security?.\(property)" : "security.\(property)", isOptional: isOptional || field.isOptional)
                    }
                    continue
                }
                var name = SwiftNaming.propertyName(parameter.name)
                while !usedNames.insert(name).inserted { name += "_" }
                let isOptional = parameter.required != .required || Self.isOptionalType(parameter.type)
                if let flattened, let field = flattened.field(named: parameter.name),
                   !(known?.parameters.contains { Self.comparable($0.name) == Self.comparable(parameter.name) } ?? false),
                   !templateNames.contains(Self.comparable(parameter.name)) {
                    // A field of the flattened body: declared as the model declares it (its
                    // additional properties as the `init` takes them, `[:]` by default).
                    arguments.append(ClientPlan.Argument(
                        sdkName: parameter.name, label: name, name: name, type: field.type.unwrappingWrappers,
                        isOptional: !Self.initRequires(field) && !field.isAdditionalProperties, description: parameter.description, bodyField: field.wireName,
                        defaultValue: Self.initRequires(field) ? nil : known?.argumentDefaults?[parameter.name]))
                    flattenedMembers.append(ClientPlan.FlattenedBody.Member(
                        wireName: field.wireName, label: binding.propertyName(of: field, in: flattened.model), argument: SwiftNaming.escaped(name)))
                    continue
                }
                let label = parameter.name == "request" ? "_" : name
                arguments.append(ClientPlan.Argument(
                    sdkName: parameter.name, label: label, name: name, type: parameter.type.unwrappingWrappers,
                    isOptional: isOptional, description: parameter.description,
                    defaultValue: isOptional ? known?.argumentDefaults?[parameter.name] : nil))
                let escapedName = SwiftNaming.escaped(name)
                if parameter.name == "request", let model = objectModel(parameter.type) {
                    if isRequestModel(model, templateNames: templateNames) {
                        for field in model.wireFields where !field.isAdditionalProperties {
                            let property = SwiftNaming.escaped(binding.propertyName(of: field, in: model))
                            let value = isOptional ? "\(escapedName)?.\(property)" : "\(escapedName).\(property)"
                            place(field.wireName, type: field.type, value: value, optional: isOptional || field.isOptional,
                                  templateNames: templateNames, path: path, known: known, operation: operation, at: field.location,
                                  parameters: &parameters, body: &body)
                        }
                    } else {
                        body = ClientPlan.Body(encoding: bodyEncoding(model, known: known), value: escapedName, isOptional: isOptional)
                    }
                    continue
                }
                if parameter.name == "request", body == nil {
                    body = ClientPlan.Body(encoding: bodyEncoding(nil, known: known), value: escapedName, isOptional: isOptional)
                    continue
                }
                place(parameter.name, type: parameter.type, value: escapedName, optional: isOptional,
                      templateNames: templateNames, path: path, known: known, operation: operation, at: parameter.location,
                      parameters: &parameters, body: &body)
            }
            // A body whose fields are separate arguments (friendli's `chat.complete(model:messages:…)`),
            // built from them when every field its `init` requires is one (FlattenedBodyRule).
            if let flattened, body == nil, !flattenedMembers.isEmpty {
                let given = Set(flattenedMembers.map(\.wireName))
                if flattened.model.wireFields.allSatisfy({ given.contains($0.wireName) || !Self.initRequires($0) || $0.isAdditionalProperties }) {
                    // The `init` takes them in the model's order, not the docs' argument order.
                    let order = Dictionary(flattened.model.fields.enumerated().map { ($1.wireName, $0) }, uniquingKeysWith: { first, _ in first })
                    flattenedMembers.sort { order[$0.wireName, default: .max] < order[$1.wireName, default: .max] }
                    body = ClientPlan.Body(
                        encoding: bodyEncoding(flattened.model, known: known), value: "requestBody", isOptional: false,
                        flattened: ClientPlan.FlattenedBody(modelPath: flattened.model.sourcePath, type: flattened.type, members: flattenedMembers))
                } else {
                    diagnostics.append(.warning(
                        "operation '\(operation.name)' is not generated: its body's fields are separate arguments, and the docs do not list every field \(flattened.model.name) requires",
                        at: operation.location, kind: .operationNotGenerated))
                    return nil
                }
            }
            // Otherwise the overlay says there is a body and no argument is it, or the arguments
            // left for the query are exactly one object page's fields: not generated.
            if body == nil, isFlattenedBody(parameters.filter { $0.isInferred && $0.location == .query }.map(\.wireName), method: method, known: known) {
                diagnostics.append(.warning(
                    "operation '\(operation.name)' is not generated: its body's fields are separate arguments, which the client does not build yet",
                    at: operation.location, kind: .operationNotGenerated))
                return nil
            }
            let schemes = Set(binding.schema.api?.overview?.securitySchemes.map(\.name) ?? [])
            let hasOwnSecurity = operation.parameters.contains { $0.name == "security" }
            // The example constructs the SDK without a credential: the SDK calls it without security.
            let sendsCredentials = ownCredentials.isEmpty && (hasOwnSecurity || schemes.isEmpty
                || (operation.exampleClientArguments.map { !schemes.isDisjoint(with: $0) } ?? true))
            let errors = operation.errors.compactMap { error -> ClientPlan.ErrorResponse? in
                guard case .reference(let reference) = error.type, let target = reference.target,
                      binding.schema.model(atPath: target) != nil else { return nil }
                return ClientPlan.ErrorResponse(statusCodes: error.statusCodes, contentType: error.contentType ?? "*/*", type: error.type)
            }
            let json = { (type: String) in type.lowercased().contains("json") }
            var accept = "*/*"
            if case .json = response { accept = "application/json" }
            if errors.contains(where: { json($0.contentType) }) { accept = "application/json" }
            // The SDK asks for the stream whatever its errors are (`accept_header_value="text/event-stream"`).
            if case .stream = response { accept = "text/event-stream" }
            // Two media types: the first preferred, as the SDK writes them (partition's
            // `application/json;q=1, text/csv;q=0`, SDK-FACTS i).
            if case .jsonOrStream = response { accept = "application/json;q=1, text/event-stream;q=0" }
            switch response {
            case .stream(_, nil), .jsonOrStream(_, _, nil): streamsWithoutSentinel.append(operation.location)
            default: break
            }
            var pagination: ClientPlan.Pagination?
            switch self.pagination(operation, known: known, arguments: arguments, response: response) {
            case .success(let value)?:
                pagination = value
                if value.isInferred { inferredPaging.append(operation.location) }
            case .failure(let unsupported)?:
                diagnostics.append(.note(
                    "operation '\(operation.name)': its pages are not generated (one page is): \(unsupported.reason)",
                    at: operation.location, kind: .inferredCall))
            case nil:
                break
            }
            // Newer generators document a `retries` argument on every operation; the policy in force
            // without one is the SDK's code.
            var retries: ClientPlan.Retries?
            if operation.parameters.contains(where: { $0.name == "retries" }) || known?.defaultRetryPolicy != nil {
                retries = ClientPlan.Retries(
                    defaultPolicy: known?.defaultRetryPolicy, statusCodes: known?.retryStatusCodes, connectionErrors: known?.retriedConnectionErrors)
                if known?.defaultRetryPolicy == nil, known?.retryStatusCodes == nil { retriesWithoutDefaults.append(operation.location) }
            }
            // An operation with servers of its own documents a `server_url` argument; the SDK sends
            // it to the first of them (not to the client's server) unless the call names one.
            var server: ClientPlan.OperationServer?
            if let servers = known?.servers, let first = servers.first {
                server = ClientPlan.OperationServer(defaultURL: first)
            } else if operation.parameters.contains(where: { $0.name == "server_url" }) {
                server = ClientPlan.OperationServer(defaultURL: nil)
                serversWithoutDefaults.append(operation.location)
            }
            return ClientPlan.Operation(
                sdkName: operation.name, methodName: SwiftNaming.propertyName(operation.name), summary: operation.summary,
                description: operation.description,
                operationID: known?.operationID ?? operation.usage?.operationID ?? (group.accessor + [operation.name]).joined(separator: "."),
                method: method.uppercased(), path: path, arguments: arguments, parameters: parameters, body: body,
                accept: accept, sendsCredentials: sendsCredentials, ownCredentials: ownCredentials, response: response, errors: errors,
                location: operation.location, retries: retries, server: server, pagination: pagination)
        }

        /// Puts one docs parameter (or request-model field) in the path, the body or the query.
        mutating func place(
            _ wireName: String, type: TypeExpression, value: String, optional: Bool, templateNames: Set<String>, path: String,
            known: WireOperation?, operation: Operation, at location: SourceLocation,
            parameters: inout [ClientPlan.Parameter], body: inout ClientPlan.Body?
        ) {
            if let stated = known?.parameters.first(where: { Self.comparable($0.name) == Self.comparable(wireName) }),
               let place = ClientPlan.Location(rawValue: stated.location) {
                parameters.append(ClientPlan.Parameter(
                    location: place, wireName: stated.name, value: value, style: stated.style, explode: stated.explode, isInferred: false))
                return
            }
            if templateNames.contains(Self.comparable(wireName)) {
                let template = ClientBinding.pathVariables(path).first { Self.comparable($0) == Self.comparable(wireName) } ?? wireName
                parameters.append(ClientPlan.Parameter(location: .path, wireName: template, value: value, style: "simple", explode: false, isInferred: true))
                return
            }
            if body == nil, let model = bodyModel(wireName, type: type) {
                body = ClientPlan.Body(encoding: bodyEncoding(model, known: known), value: value, isOptional: optional)
                return
            }
            if body == nil, wireName == "request_body" {
                body = ClientPlan.Body(encoding: bodyEncoding(nil, known: known), value: value, isOptional: optional)
                return
            }
            parameters.append(ClientPlan.Parameter(location: .query, wireName: wireName, value: value, style: "form", explode: true, isInferred: true))
            diagnostics.append(.note(
                "operation '\(operation.name)': '\(wireName)' is sent in the query (the SDK's default for a parameter the docs do not place); "
                    + "--openapi or --python-sdk says where it goes",
                at: location, kind: .inferredLocation))
        }

        /// The overlay's operation of the same SDK name (and group, where the source names one):
        /// the first of the most trusted source.
        func overlayOperation(_ operation: Operation, in group: OperationGroup) -> WireOperation? {
            let candidates = options.overlay.filter { $0.sdkName == operation.name }
            let inGroup = candidates.filter { known in
                known.group.map { Self.comparable($0) == Self.comparable(group.accessor.last ?? "") } ?? true
            }
            if let path = operation.usage?.path, let method = operation.usage?.method {
                if let same = inGroup.first(where: { $0.path == path && $0.method == method.uppercased() }) { return same }
                // Another route under the same name is another operation (friendli has eleven
                // `stream`s), unless the source names this group and has one of that name in it.
                let named = inGroup.filter { $0.group != nil }
                return named.count == 1 ? named[0] : nil
            }
            return inGroup.first
        }

        /// How a body is sent: the overlay's media type, else multipart for a model with a file
        /// and JSON for the rest.
        func bodyEncoding(_ model: Model?, known: WireOperation?) -> ClientPlan.Body.Encoding {
            if let media = known?.bodyMediaType?.lowercased() {
                if media.hasPrefix("multipart/") { return .multipart }
                if media.hasPrefix("application/x-www-form-urlencoded") { return .form }
                return .json
            }
            return model?.isMultipartBody == true ? .multipart : .json
        }

        /// Whether `type` is a server-sent event stream: an SDK object among union members
        /// (`Union[eventstreaming.EventStream[…], …]`), written inline or as a union page, or the
        /// stream object alone (the parser reduces a union of SDK objects to its first).
        func isStream(_ type: TypeExpression) -> Bool {
            switch type.unwrappingWrappers {
            case .sdkObject(let name):
                return ["EventStream", "EventStreamAsync"].contains(name.split(separator: ".").last.map(String.init) ?? "")
            case .union(let members):
                return members.contains { if case .sdkObject = $0.unwrappingWrappers { true } else { false } }
            case .reference(let reference):
                guard let target = reference.target, let model = binding.schema.model(atPath: target),
                      case .union(let union) = model.kind else { return false }
                return union.wireMembers.count != union.members.count
            default:
                return false
            }
        }

        static func stream(_ text: String) -> Unsupported {
            Unsupported("its response is a server-sent event stream (\(text)), which the client does not call yet")
        }

        /// A stream response: its events decode as the `EventStream[X]` argument's page; the end
        /// sentinel is the overlay's (the docs never state it).
        func streamResponse(_ operation: Operation, known: WireOperation?) -> Result<ClientPlan.Response, Unsupported> {
            let text = operation.responseText ?? ""
            guard let event = operation.streamEvent?.unwrappingWrappers else { return .failure(Self.stream(text)) }
            guard case .reference(let reference) = event, let target = reference.target, binding.schema.model(atPath: target) != nil else {
                return .failure(Unsupported("its stream's event type in '\(text)' has no page"))
            }
            return .success(.stream(event: event, sentinel: known?.streamSentinel))
        }

        /// What a 2xx response becomes.
        func response(_ operation: Operation, known: WireOperation?) -> Result<ClientPlan.Response, Unsupported> {
            guard let type = operation.response else { return .success(.none) }
            if isStream(type) {
                // A union that also has one JSON member: JSON or a stream, by the response's
                // content type.
                if case .union(let members) = type.unwrappingWrappers {
                    let others = members.filter { if case .sdkObject = $0.unwrappingWrappers { false } else { true } }
                    if !others.isEmpty {
                        guard others.count == 1, case .reference(let reference) = others[0].unwrappingWrappers, let target = reference.target,
                              binding.schema.model(atPath: target) != nil else {
                            return .failure(Unsupported("its response is one of several JSON types or a server-sent event stream (\(operation.responseText ?? "")), which the client does not call yet"))
                        }
                        return streamResponse(operation, known: known).map { stream in
                            guard case .stream(let event, let sentinel) = stream else { return stream }
                            return .jsonOrStream(json: others[0].unwrappingWrappers, event: event, sentinel: sentinel)
                        }
                    }
                }
                return streamResponse(operation, known: known)
            }
            switch type.unwrappingWrappers {
            case .string: return .success(.text)
            case .null: return .success(.none)
            case .reference(let reference):
                guard let target = reference.target, let model = binding.schema.model(atPath: target) else {
                    return reference.text == "None" ? .success(.none) : .failure(Unsupported("its response type '\(reference.text)' has no page"))
                }
                let fields = model.wireFields
                // A paged list's response model holds the page as `result` (its `next` is SDK code).
                if fields.count == 1, (fields[0].documentedName ?? fields[0].wireName) == "result", objectModel(fields[0].type) != nil {
                    return .success(.json(type: fields[0].type.unwrappingWrappers))
                }
                guard case .object = model.kind, !fields.isEmpty,
                      fields.contains(where: { ClientBinding.responseMetadata.contains($0.documentedName ?? $0.wireName) })
                else {
                    return .success(.json(type: type.unwrappingWrappers))
                }
                let body = model.fields.filter { !ClientBinding.responseMetadata.contains($0.documentedName ?? $0.wireName) }
                guard let field = body.first else { return .success(.none) }
                guard body.count == 1 else { return wrapperResponse(model, type: type.unwrappingWrappers) }
                switch field.type.unwrappingWrappers {
                case .string: return .success(.text)
                case _ where isStream(field.type): return .failure(Self.stream(field.typeText))
                case .sdkObject(let text):
                    return .failure(Unsupported("its response is an SDK object (\(text)), which the client does not call yet"))
                default:
                    return .success(.json(type: field.type.unwrappingWrappers))
                }
            case .sdkObject(let text), .unknown(let text):
                return .failure(Unsupported("its response type '\(text)' is not a JSON value"))
            case .malformed(let text):
                return .failure(Unsupported("its response type '\(text)' is not understood"))
            default:
                return .success(.json(type: type.unwrappingWrappers))
            }
        }

        /// A response model with several body fields, filled field by field: the metadata from
        /// the HTTP response, the JSON field from a JSON body, a `str` field from any other.
        func wrapperResponse(_ model: Model, type: TypeExpression) -> Result<ClientPlan.Response, Unsupported> {
            var members: [ClientPlan.WrapperMember] = []
            var bodies = 0
            for field in model.wireFields where !field.isAdditionalProperties {
                let name = field.documentedName ?? field.wireName
                let label = binding.propertyName(of: field, in: model)
                let kind: ClientPlan.WrapperMember.Kind
                switch (name, field.type.unwrappingWrappers) {
                case ("status_code", .integer): kind = .statusCode
                case ("content_type", .string): kind = .contentType
                case (_, .string):
                    kind = .text
                    bodies += 1
                case (_, let inner):
                    if let nested = objectModel(inner), nested.wireFields.isEmpty, ClientBinding.responseMetadata.contains(name) {
                        kind = .empty(inner)
                    } else if ClientBinding.responseMetadata.contains(name) {
                        return .failure(Unsupported("its response model \(model.name) has a field '\(name)' the client cannot fill"))
                    } else {
                        kind = .json(inner)
                        bodies += 1
                    }
                }
                if bodies > 0, case .json = kind, !field.isOptional || members.contains(where: { if case .json = $0.kind { true } else { false } }) {
                    return .failure(Unsupported("its response model \(model.name) has several JSON body fields; the client returns one"))
                }
                members.append(ClientPlan.WrapperMember(label: label, kind: kind, isOptional: field.isOptional))
            }
            return .success(.wrapper(type: type, members: members))
        }

        /// Whether `inferred` (the arguments the docs-only rules sent to the query) are a body's
        /// fields.
        func isFlattenedBody(_ inferred: [String], method: String, known: WireOperation?) -> Bool {
            guard !inferred.isEmpty else { return false }
            if known?.bodyMediaType != nil { return true }
            guard ["POST", "PUT", "PATCH"].contains(method.uppercased()) else { return false }
            let names = Set(inferred.map(Self.comparable))
            return argumentShapes.shapes.contains { shape in
                // The SDK's request model (`…Request`) has every argument as a field: not a body.
                guard !shape.model.isSDKResponse, !shape.model.name.hasSuffix("Request") else { return false }
                return shape.documentedNames.count > 1 && shape.documentedNames == names
            }
        }

        /// The page of a body argument: an object page, or any page the argument is named after
        /// (`customer_benefit_grant_update: models.CustomerBenefitGrantUpdate`, a union of objects).
        func bodyModel(_ name: String, type: TypeExpression) -> Model? {
            // A file is a field of a multipart body, never the body itself.
            if let model = objectModel(type) { return model.isFileShape ? nil : model }
            // A union of objects named like the argument (not a query filter such as
            // `organization_id: OrganizationID`, a union of a string and a list).
            guard case .reference(let reference) = type.unwrappingWrappers, let target = reference.target,
                  let model = binding.schema.model(atPath: target), case .union(let union) = model.kind,
                  Self.comparable(name) == Self.comparable(model.name),
                  union.wireMembers.allSatisfy({ objectModel($0.type) != nil }) else { return nil }
            return model
        }

        /// The object page `type` links to (through wrappers), if any.
        func objectModel(_ type: TypeExpression) -> Model? {
            guard case .reference(let reference) = type.unwrappingWrappers, let target = reference.target,
                  let model = binding.schema.model(atPath: target), case .object = model.kind else { return nil }
            return model
        }

        /// Whether `model` is the SDK's request model of an operation (its fields are the
        /// parameters) rather than a body.
        func isRequestModel(_ model: Model, templateNames: Set<String>) -> Bool {
            if model.namespace == "operations" { return true }
            return model.fields.contains { templateNames.contains(Self.comparable($0.wireName)) }
        }

        func servers(_ servers: [Server]) -> [ClientPlan.Server] {
            let named = servers.map { $0.name.map(SwiftNaming.propertyName) ?? "server\($0.index)" }
            return zip(servers, SwiftBinding.distinct(named)).map { server, name in
                ClientPlan.Server(caseName: name, url: server.url, description: server.description, variables: ClientBinding.pathVariables(server.url))
            }
        }

        mutating func credentials(_ schemes: [SecurityScheme]) -> [ClientPlan.Credential] {
            schemes.compactMap { scheme in
                let type = scheme.type.lowercased(), detail = (scheme.scheme ?? "").lowercased()
                let kind: ClientPlan.Credential.Kind
                if type == "http", detail.contains("basic") {
                    kind = .basic
                } else if type == "http" || type == "oauth2" || type == "openidconnect" || detail.contains("bearer") {
                    kind = .bearer
                } else {
                    diagnostics.append(.warning(
                        "security scheme '\(scheme.name)' (\(scheme.type)) is not set by the client: the docs do not say its header or query name; --openapi gives it",
                        at: scheme.location, kind: .operationNotGenerated))
                    return nil
                }
                return ClientPlan.Credential(propertyName: SwiftNaming.propertyName(scheme.name), sdkName: scheme.name, kind: kind, wireName: nil)
            }
        }

        static func isOptionalType(_ type: TypeExpression) -> Bool {
            switch type {
            case .optional, .nullable, .optionalNullable: true
            default: false
            }
        }

        /// `organizationId`, `organization_id` and `organization-id` compare equal.
        static func comparable(_ name: String) -> String {
            String(name.lowercased().filter { $0 != "_" && $0 != "-" })
        }
    }

    /// Why an operation's call is not generated.
    struct Unsupported: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// The `{name}` variables of a path or URL template, in order.
    static func pathVariables(_ template: String) -> [String] {
        var names: [String] = []
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            let name = String(rest[rest.index(after: open)..<close])
            if !name.isEmpty, !names.contains(name) { names.append(name) }
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}

extension ClientBinding.Options {
    /// These options with the operations of `facts` as the overlay, the SDK's before the spec's.
    public func withOverlay(_ facts: [WireFacts]) -> ClientBinding.Options {
        var options = self
        options.overlay = facts.filter { $0.origin == .pythonSDK }.flatMap(\.operations) + facts.filter { $0.origin == .openAPI }.flatMap(\.operations)
        return options
    }
}
