@testable import DocModelGenCore
import Foundation
import TestSupport
import Testing

/// The calls that are more than one request: streams, bodies flattened into arguments, pages and
/// retries, as `ClientBinding` plans them from `Specs/grammar` (its `calls` page), from the docs
/// alone and with what an SDK overlay says.
@Suite struct ClientCallShapesTests {
    static let docs = PackageRoot.url.appendingPathComponent("Specs/grammar/docs")

    static func schema() throws -> Schema {
        let models = docs.appendingPathComponent("models")
        let paths = try FileManager.default.subpathsOfDirectory(atPath: models.path).filter { $0.hasSuffix(".md") }.sorted()
        let sources = try paths.map { SourcePage(path: $0, text: try String(contentsOf: models.appendingPathComponent($0), encoding: .utf8)) }
        let operations = try String(contentsOf: docs.appendingPathComponent("sdks/calls/README.md"), encoding: .utf8)
        let (schema, diagnostics) = Generator.addingAPI(
            to: SchemaBuilder.build(sources: sources, root: models.path),
            operations: [SourcePage(path: "../sdks/calls/README.md", text: operations)], readme: nil, root: models.path)
        #expect(!diagnostics.contains { $0.severity != .note })
        return schema
    }

    static func plan(overlay: [WireOperation] = []) throws -> (operations: [String: ClientPlan.Operation], diagnostics: [Diagnostic]) {
        let (plan, diagnostics) = ClientBinding.plan(SwiftBinding(try schema()), options: ClientBinding.Options(overlay: overlay))
        let operations = try #require(plan?.groups.first { $0.accessor == ["calls"] }?.operations)
        return (Dictionary(uniqueKeysWithValues: operations.map { ($0.sdkName, $0) }), diagnostics)
    }

    static let here = SourceLocation(file: "sdk.py", line: 1, column: 1)

    @Test func theStreamTypeIsReadFromTheEventStreamArgument() throws {
        let inlines: [Inline] = [.text("Union[eventstreaming.EventStream[models.X], eventstreaming.EventStreamAsync[models.X]]")]
        let resolver = TypeExpressionParser.Resolver(link: { _ in nil }, name: { $0 == "models.X" ? .page("x.md") : .missing })
        #expect(TypeExpressionParser.streamElement(inlines, resolver: resolver)
            == .reference(ModelReference(text: "models.X", destination: "", target: "x.md")))
        // Not a stream, or a stream of nothing the grammar reads.
        #expect(TypeExpressionParser.streamElement([.text("List[models.X]")], resolver: resolver) == nil)
        #expect(TypeExpressionParser.streamElement([.text("eventstreaming.EventStream[")], resolver: resolver) == nil)
        #expect(TypeExpressionParser.streamElement([.text("eventstreaming.EventStream[Mystery[int]]")], resolver: resolver) == nil)
    }

    @Test func aStreamReturnsItsEventsAndItsBodyIsBuiltFromTheArguments() throws {
        let (operations, diagnostics) = try Self.plan()
        let stream = try #require(operations["stream"])
        guard case .stream(let event, let sentinel) = stream.response else {
            Issue.record("not a stream: \(stream.response)")
            return
        }
        #expect(event == .reference(ModelReference(text: "components.ChatChunk", destination: "", target: "components/chatchunk.md")))
        #expect(sentinel == nil, "the docs never say the sentinel")
        #expect(stream.accept == "text/event-stream")
        #expect(stream.path == "/v1/chat", "the fragment is not sent")
        // The request model page names the body; its other field stays a parameter.
        let body = try #require(stream.body)
        #expect(body.encoding == .json && body.value == "requestBody")
        #expect(body.flattened?.modelPath == "components/chatbody.md")
        #expect(body.flattened?.members.map(\.label) == ["model", "messages", "temperature", "stream"])
        // The docs' argument order is the SDK's; the body's `init` takes the model's order.
        #expect(stream.arguments.map(\.name) == ["messages", "model", "xTeam", "temperature", "stream"])
        #expect(stream.arguments.map(\.bodyField) == ["messages", "model", nil, "temperature", "stream"])
        #expect(stream.parameters.map(\.wireName) == ["x_team"])
        // What only the SDK knows: one note per kind.
        let calls = diagnostics.filter { $0.kind == .inferredCall }.map(\.message)
        #expect(calls.contains { $0.hasPrefix("2 operations:") && $0.contains("which event ends the stream") })
        #expect(calls.contains { $0.contains("default retry policy") })
    }

    @Test func aResponseOfJSONOrAStreamGivesBothShapes() throws {
        let (operations, _) = try Self.plan()
        let reply = try #require(operations["reply"])
        #expect(reply.response == .jsonOrStream(
            json: .reference(ModelReference(text: "components.ChatDelta", destination: "", target: "components/chatdelta.md")),
            event: .reference(ModelReference(text: "components.ChatChunk", destination: "", target: "components/chatchunk.md")), sentinel: nil))
        #expect(reply.accept == "application/json;q=1, text/event-stream;q=0")
        // No request page: the one page of exactly these fields is the body.
        #expect(reply.body?.flattened?.modelPath == "components/chatbody.md")
    }

    @Test func theOverlaySaysTheSentinelTheRetriesAndTheHeader() throws {
        let policy = WireRetryPolicy(
            initialIntervalMilliseconds: 500, maxIntervalMilliseconds: 60_000, exponent: 1.5, maxElapsedTimeMilliseconds: 3_600_000,
            retryConnectionErrors: true)
        var known = WireOperation(
            sdkName: "stream", group: nil, operationID: "chatStream", method: "POST", path: "/v1/chat#stream",
            parameters: [WireParameter(name: "X-Team", location: "header", style: "simple", explode: false)],
            bodyMediaType: "application/json", location: Self.here)
        known.streamSentinel = "[DONE]"
        known.defaultRetryPolicy = policy
        known.retryStatusCodes = ["429", "500", "502", "503", "504"]
        known.retriedConnectionErrors = .transport
        let (operations, diagnostics) = try Self.plan(overlay: [known])
        let stream = try #require(operations["stream"])
        #expect(stream.response == .stream(
            event: .reference(ModelReference(text: "components.ChatChunk", destination: "", target: "components/chatchunk.md")), sentinel: "[DONE]"))
        #expect(stream.retries == ClientPlan.Retries(
            defaultPolicy: policy, statusCodes: ["429", "500", "502", "503", "504"], connectionErrors: .transport))
        // The generated method hands the SDK's kind of connection errors to the retry middleware.
        let binding = SwiftBinding(try Self.schema())
        let plan = try #require(ClientBinding.plan(binding, options: ClientBinding.Options(overlay: [known])).plan)
        let group = try #require(plan.groups.firstIndex { $0.accessor == ["calls"] })
        let method = try #require(SwiftClientEmitter.operationsContext(plan, group: group, binding: binding, options: .init()).operations.first { $0.name == "stream" })
        #expect(method.statements.contains("apiRequest.retriedConnectionErrors = .transport"), "\(method.statements)")
        #expect(stream.parameters.map(\.location) == [.header])
        #expect(stream.parameters.map(\.wireName) == ["X-Team"])
        #expect(stream.body?.flattened?.members.count == 4)
        // Only `reply` still lacks its sentinel.
        #expect(diagnostics.first { $0.kind == .inferredCall && $0.message.contains("which event ends the stream") }?.message.hasPrefix("1 operation:") == true)
    }

    /// friendli's container operations: a `server_url` row says the operation has servers of its
    /// own, which the client's server does not replace; the SDK's says which (SDK-FACTS).
    @Test func anOperationWithServersOfItsOwnTakesTheCallsServerAndElseItsFirst() throws {
        let (operations, diagnostics) = try Self.plan()
        // Docs only: the call may name one; without, the client's server, with a note.
        #expect(operations["reply"]?.server == ClientPlan.OperationServer(defaultURL: nil))
        #expect(operations["stream"]?.server == nil && operations["list"]?.server == nil)
        #expect(diagnostics.contains { $0.kind == .inferredCall && $0.message.hasPrefix("1 operation: the docs give the operation a server of its own") })

        var known = WireOperation(
            sdkName: "reply", group: nil, operationID: "chatReply", method: "POST", path: "/v1/chat/reply", parameters: [],
            bodyMediaType: "application/json", location: Self.here)
        known.servers = ["http://localhost:8000", "http://backup:9000"]
        let binding = SwiftBinding(try Self.schema())
        let (plan, overlaidDiagnostics) = ClientBinding.plan(binding, options: ClientBinding.Options(overlay: [known]))
        let calls = try #require(plan?.groups.firstIndex { $0.accessor == ["calls"] })
        #expect(plan?.groups[calls].operations.first { $0.sdkName == "reply" }?.server == ClientPlan.OperationServer(defaultURL: "http://localhost:8000"))
        #expect(!overlaidDiagnostics.contains { $0.message.contains("a server of its own") })
        let overlaid = try #require(plan)
        let method = try #require(SwiftClientEmitter.operationsContext(overlaid, group: calls, binding: binding, options: .init()).operations.first { $0.name == "reply" })
        #expect(method.statements.contains(#"apiRequest.serverURL = serverURL ?? Foundation.URL(string: "http://localhost:8000")"#), "\(method.statements)")
        // After `retries`, before `timeout`, as the SDK's `retries, server_url, timeout_ms`.
        #expect(Array(method.parameterLines.suffix(3)) == [
            "retries: DocModelClientRuntime.RetryPolicy? = nil,", "serverURL: Foundation.URL? = nil,", "timeout: Swift.Duration? = nil",
        ])
    }

    @Test func thePagesOfAnOperationWhoseExampleLoopsOverNext() throws {
        let (operations, _) = try Self.plan()
        let list = try #require(operations["list"])
        #expect(list.pagination == ClientPlan.Pagination(
            kind: .page, positionArgument: "page", limitArgument: "limit", defaultLimit: nil, itemsPath: "$.items",
            maxPagePath: "$.pagination.max_page", nextCursorPath: nil, itemsField: "items",
            itemType: .reference(ModelReference(text: "components.Note", destination: "note.md", target: "components/note.md")),
            isInferred: true))
        #expect(operations["stream"]?.pagination == nil)
        // The SDK's next_func wins: its page size and first page.
        var known = WireOperation(
            sdkName: "list", group: nil, operationID: "notes:list", method: "GET", path: "/v1/notes/", parameters: [],
            bodyMediaType: nil, location: Self.here)
        known.pagination = WirePagination(
            kind: .page, positionArgument: "page", firstPosition: 1, limitArgument: "limit", defaultLimit: 10, itemsPath: "$.items",
            maxPagePath: "$.pagination.max_page")
        let overlaid = try #require(try Self.plan(overlay: [known]).operations["list"]?.pagination)
        #expect(overlaid.defaultLimit == 10 && overlaid.firstPosition == 1 && !overlaid.isInferred)
        // An SDK that pages by an argument the method lacks: one page only, with a note.
        known.pagination?.positionArgument = "cursor"
        let (withoutPages, diagnostics) = try Self.plan(overlay: [known])
        #expect(withoutPages["list"]?.pagination == nil)
        #expect(diagnostics.contains { $0.kind == .inferredCall && $0.message.contains("pages by 'cursor'") })
    }

    @Test func anExampleThatPagesIsReadFromItsLoop() {
        func blocks(_ code: String) -> [Block] {
            [.codeBlock(CodeBlock(info: "python", literal: code, location: Self.here))]
        }
        #expect(OperationPageParser.examplePages(blocks("res = sdk.list()\n\nwhile res is not None:\n    # Handle items\n\n    res = res.next()\n")))
        #expect(!OperationPageParser.examplePages(blocks("res = sdk.list()\nprint(res)\n")))
        #expect(!OperationPageParser.examplePages(blocks("while True:\n    res = res.next()\n")))
    }

    /// Several pages have a flattened body's fields (friendli's container, dedicated and serverless
    /// chat bodies, each as a body and a stream body): the one sharing the most words with the
    /// operation ID, then the fewest others, is the body.
    @Test func ofSeveralPagesOfTheArgumentsTheOneNamedLikeTheOperationIsTheBody() throws {
        let fields = "## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n| `model` | *str* | :heavy_check_mark: | N/A |\n| `prompt` | *str* | :heavy_check_mark: | N/A |\n"
        let models = ["ContainerChatCompletionBody", "ContainerChatCompletionStreamBody", "DedicatedChatCompletionBody"].map {
            SourcePage(path: $0.lowercased() + ".md", text: "# \($0)\n\n" + fields)
        }
        func operation(_ name: String, _ id: String) -> String {
            "## \(name)\n\n### Example Usage\n\n<!-- UsageSnippet language=\"python\" operationID=\"\(id)\" method=\"post\" path=\"/v1/chat#\(name)\" -->\n"
                + "```python\nfrom acme import Acme\n```\n\n### Parameters\n\n| Parameter | Type | Required | Description |\n| --- | --- | --- | --- |\n"
                + "| `prompt` | *str* | :heavy_check_mark: | N/A |\n| `model` | *str* | :heavy_check_mark: | N/A |\n\n"
        }
        let page = "# Container.Chat\n\n" + operation("complete", "containerChatComplete") + operation("stream", "containerChatStream")
        let (schema, _) = Generator.addingAPI(
            to: SchemaBuilder.build(sources: models, root: "/docs/models"),
            operations: [SourcePage(path: "../sdks/containerchat/README.md", text: page)], readme: nil, root: "/docs/models")
        let (plan, _) = ClientBinding.plan(SwiftBinding(schema))
        let group = try #require(plan?.groups.first { $0.accessor == ["container", "chat"] }, "the title's dot nests the groups")
        #expect(group.operations.map { $0.body?.flattened?.modelPath } == ["containerchatcompletionbody.md", "containerchatcompletionstreambody.md"])
        // The `init` takes the model's order, whatever the docs' argument order.
        #expect(group.operations[0].body?.flattened?.members.map(\.label) == ["model", "prompt"])
        #expect(OperationPageParser.snakeCaseWords("Serverless.ChatRender") == ["serverless", "chat_render"])
        #expect(OperationPageParser.snakeCaseWords("Customer Portal") == ["customer_portal"])
    }

    /// Speakeasy names the request wrapper `<OperationID>RequestRequest` when the body schema is
    /// already `<OperationID>Request` (friendli's `create_dataset`), and the method takes the body's
    /// additional properties as `additional_properties` (friendli's `messages`): the body is still
    /// found, built from every argument, its extras `[:]` unless given.
    @Test func aBodyNamedLikeTheRequestWrapperAndItsAdditionalPropertiesAreFlattened() throws {
        func table(_ rows: [String]) -> String {
            "## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n" + rows.joined(separator: "\n") + "\n"
        }
        let models = [
            SourcePage(path: "createthingrequest.md", text: "# CreateThingRequest\n\n" + table([
                "| `name` | *str* | :heavy_check_mark: | N/A |", "| `kind` | *str* | :heavy_check_mark: | N/A |",
                "| `__pydantic_extra__` | Dict[str, *Any*] | :heavy_minus_sign: | N/A |",
            ])),
            SourcePage(path: "createthingrequestrequest.md", text: "# CreateThingRequestRequest\n\n" + table([
                "| `x_team` | *Optional[str]* | :heavy_minus_sign: | N/A |",
                "| `create_thing_request` | [models.CreateThingRequest](../models/createthingrequest.md) | :heavy_check_mark: | N/A |",
            ])),
        ]
        let page = "# Things\n\n## create\n\n### Example Usage\n\n"
            + "<!-- UsageSnippet language=\"python\" operationID=\"createThing\" method=\"post\" path=\"/v1/things\" -->\n"
            + "```python\nfrom acme import Acme\n```\n\n### Parameters\n\n| Parameter | Type | Required | Description |\n| --- | --- | --- | --- |\n"
            + "| `name` | *str* | :heavy_check_mark: | N/A |\n| `kind` | *str* | :heavy_check_mark: | N/A |\n"
            + "| `x_team` | *Optional[str]* | :heavy_minus_sign: | N/A |\n| `additional_properties` | Dict[str, *Any*] | :heavy_minus_sign: | N/A |\n\n"
        let (schema, _) = Generator.addingAPI(
            to: SchemaBuilder.build(sources: models, root: "/docs/models"),
            operations: [SourcePage(path: "../sdks/things/README.md", text: page)], readme: nil, root: "/docs/models")
        let binding = SwiftBinding(schema)
        let (plan, _) = ClientBinding.plan(binding)
        let plannedPlan = try #require(plan)
        let create = try #require(plannedPlan.groups.first?.operations.first)
        #expect(create.body?.flattened?.modelPath == "createthingrequest.md", "the body, not taken for the request wrapper")
        #expect(create.body?.flattened?.members.map(\.label) == ["name", "kind", "additionalProperties"])
        let extras = try #require(create.arguments.first { $0.sdkName == "additional_properties" })
        #expect(!extras.isOptional && extras.bodyField == "__pydantic_extra__")
        // Declared as the body's `init` takes it, empty unless given (the SDK's `… or {}`).
        let method = try #require(SwiftClientEmitter.operationsContext(plannedPlan, group: 0, binding: binding, options: .init()).operations.first)
        #expect(method.parameterLines.contains { $0.hasPrefix("additionalProperties: [Swift.String: DocModelRuntime.JSONValue] = [:]") },
                "\(method.parameterLines)")
        #expect(!create.parameters.contains { $0.wireName == "name" || $0.wireName == "kind" }, "nothing of the body in the query")
    }

    /// An overlay operation of the same name on another route is another operation (friendli has
    /// eleven `stream`s): it says nothing of this one.
    @Test func anOverlayOperationOfAnotherRouteIsNotThisOne() throws {
        var other = WireOperation(
            sdkName: "stream", group: nil, operationID: "otherStream", method: "POST", path: "/v1/other#stream",
            parameters: [WireParameter(name: "model", location: "header", style: "simple", explode: false)],
            bodyMediaType: "application/json", location: Self.here)
        other.streamSentinel = "[END]"
        let stream = try #require(try Self.plan(overlay: [other]).operations["stream"])
        #expect(stream.operationID == "chatStream")
        #expect(stream.response == .stream(
            event: .reference(ModelReference(text: "components.ChatChunk", destination: "", target: "components/chatchunk.md")), sentinel: nil))
        #expect(stream.body?.flattened?.members.map(\.label).first == "model")
    }
}
