@testable import DocModelGenCore
import Foundation
import Testing
import TestSupport

/// `PythonOperationFlow` through `PythonModelReader` (SDK-FACTS j): pagination, stream sentinel,
/// default retry policy and retried statuses of each operation, on excerpts of the SDKs, on
/// malformed input, and on the installed SDKs when the peers virtualenv exists.
@Suite struct PythonOperationFlowTests {
    static func read(_ module: String, path: String = "ops.py") -> (facts: WireFacts, diagnostics: [Diagnostic]) {
        PythonModelReader.read(files: [], operationFiles: [(path: path, bytes: Array(module.utf8))])
    }

    /// One operation method around `inner` (indented as a method body).
    static func method(_ name: String, _ inner: String) -> String {
        "class Ops(BaseSDK):\n    def \(name)(self, *, page: Optional[int] = 1, limit: Optional[int] = 10, retries = UNSET):\n"
            + "        req = self._build_request(method=\"GET\", path=\"/x\")\n"
            + inner.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "        " + $0 }.joined(separator: "\n") + "\n"
    }

    static let polarPaging = WirePagination(
        kind: .page, positionArgument: "page", firstPosition: 1, limitArgument: "limit", defaultLimit: 10,
        itemsPath: "$.items", maxPagePath: "$.pagination.max_page")

    // MARK: Excerpts

    @Test func polarsNextFuncIsPageNumbers() throws {
        let (facts, diagnostics) = PythonOperationReaderTests.read(
            models: [("models/checkouts_listop.py", PythonOperationReaderTests.requestModels)],
            operations: [("checkouts.py", PythonOperationReaderTests.checkouts)])
        #expect(diagnostics == [])
        let list = try PythonOperationReaderTests.operation("list", in: facts)
        #expect(list.pagination == Self.polarPaging)
        #expect(facts.operations.filter { $0.sdkName != "list" }.allSatisfy { $0.pagination == nil })
    }

    /// `friendli/core/serverless_chat.py:224-233` and `:521-527`, abridged.
    static let friendliStream = method("stream", #"""
        if retries == UNSET:
            if self.sdk_configuration.retry_config is not UNSET:
                retries = self.sdk_configuration.retry_config
            else:
                retries = utils.RetryConfig(
                    "backoff", utils.BackoffStrategy(500, 60000, 1.5, 3600000), True
                )
        retry_config = None
        if isinstance(retries, utils.RetryConfig):
            retry_config = (retries, ["429", "500", "502", "503", "504"])
        http_res = self.do_request(request=req, retry_config=retry_config)
        if utils.match_response(http_res, "200", "text/event-stream"):
            return eventstreaming.EventStream(
                http_res,
                lambda raw: unmarshal_json_response(models.ChatStreamSuccess, http_res, raw),
                sentinel="[DONE]",
                client_ref=self,
            )
        """#)

    @Test func friendlisStreamRetriesAndSentinel() throws {
        let (facts, diagnostics) = Self.read(Self.friendliStream)
        #expect(diagnostics == [])
        let stream = try #require(facts.operations.first)
        #expect(stream.streamSentinel == "[DONE]")
        #expect(stream.defaultRetryPolicy == WireRetryPolicy(
            initialIntervalMilliseconds: 500, maxIntervalMilliseconds: 60000, exponent: 1.5,
            maxElapsedTimeMilliseconds: 3600000, retryConnectionErrors: true))
        #expect(stream.retryStatusCodes == ["429", "500", "502", "503", "504"])
        #expect(stream.pagination == nil)
        // The signature's literal defaults: what the SDK sends for an argument the caller leaves out.
        #expect(stream.argumentDefaults == ["page": .number("1"), "limit": .number("10")])
    }

    /// `friendli/core/container_chat.py:141-148` and `core/models/containerchatcompleteop.py:5`:
    /// the operation's server is the first of a module's list unless the call names one.
    @Test func anOperationsOwnServersAreTheListItsBaseURLIndexes() throws {
        let module = Self.method("complete", #"""
            base_url = None
            if server_url is not None:
                base_url = server_url
            else:
                base_url = models.CONTAINER_CHAT_COMPLETE_OP_SERVERS[1]
            """#)
        let models = #"CONTAINER_CHAT_COMPLETE_OP_SERVERS = ["http://localhost:8000", "http://backup:9000"]"# + "\nOTHER = [\"a\", 1]\n"
        let (facts, diagnostics) = PythonModelReader.read(
            files: [(path: "models/containerchatcompleteop.py", bytes: Array(models.utf8))],
            operationFiles: [(path: "container_chat.py", bytes: Array(module.utf8))])
        #expect(diagnostics == [])
        // The indexed one first: the one the SDK sends to.
        #expect(facts.operations.first?.servers == ["http://backup:9000", "http://localhost:8000"])

        // A list the model modules do not hold, or an index that is no literal: a located warning,
        // and the client's server.
        for (line, message) in [
            ("models.MISSING_OP_SERVERS[0]", "is not among the model modules read"),
            ("models.CONTAINER_CHAT_COMPLETE_OP_SERVERS[i]", "is not a list element this reader knows"),
        ] {
            let (facts, diagnostics) = PythonModelReader.read(
                files: [(path: "models/x.py", bytes: Array(models.utf8))],
                operationFiles: [(path: "ops.py", bytes: Array(Self.method("complete", "base_url = \(line)\n").utf8))])
            #expect(facts.operations.first?.servers == nil)
            #expect(diagnostics.count == 1 && diagnostics.allSatisfy { $0.message.contains(message) && $0.location?.file == "ops.py" }, "\(diagnostics)")
        }
    }

    /// Literal defaults only (`True`, numbers, strings), at the signature's top level; `None`,
    /// `UNSET`, calls and a default inside a nested annotation are none.
    @Test func signatureDefaultsAreTheLiteralOnes() throws {
        let module = """
            class Ops(BaseSDK):
                def a(self, *, stream: Optional[bool] = True, n: Optional[int] = 20, x: float = 0.5,
                      kind: Optional[str] = "fast", off: bool = False, none: Optional[str] = None,
                      retries: OptionalNullable[utils.RetryConfig] = UNSET, made: Dict[str, int] = dict(),
                      nested: Annotated[int, Field(default=3)] = 4, required: str):
                    req = self._build_request(method="GET", path="/x")

            """
        let (facts, diagnostics) = Self.read(module)
        #expect(diagnostics == [])
        let a = try #require(facts.operations.first)
        #expect(a.argumentDefaults == [
            "stream": .bool(true), "n": .number("20"), "x": .number("0.5"), "kind": .string("fast"), "off": .bool(false),
            "nested": .number("4"),
        ])
    }

    /// unstructured's keywords and ranges; polar's branch without a default; a commented-out
    /// operation (`unstructured_client/users.py:231-241`) says nothing.
    @Test func keywordsRangesNoDefaultAndComments() throws {
        let keywords = Self.method("op", #"""
            if retries == UNSET:
                if self.sdk_configuration.retry_config is not UNSET:
                    retries = self.sdk_configuration.retry_config
                else:
                    retries = utils.RetryConfig(strategy="backoff", backoff=utils.BackoffStrategy(3_000, 720000, exponent=1.88, max_elapsed_time=1800000), retry_connection_errors=False)
            retry_config = (retries, ["5xx"])
            """#)
        let unstructured = try #require(Self.read(keywords).facts.operations.first)
        #expect(unstructured.defaultRetryPolicy == WireRetryPolicy(
            initialIntervalMilliseconds: 3000, maxIntervalMilliseconds: 720000, exponent: 1.88,
            maxElapsedTimeMilliseconds: 1800000, retryConnectionErrors: false))
        #expect(unstructured.retryStatusCodes == ["5xx"])

        let polar = Self.method("op", #"""
            if retries == UNSET:
                if self.sdk_configuration.retry_config is not UNSET:
                    retries = self.sdk_configuration.retry_config
            retries = utils.RetryConfig("backoff", utils.BackoffStrategy(1, 2, 3, 4), True)
            retry_config = None
            """#)
        let (facts, diagnostics) = Self.read(polar)
        #expect(diagnostics == [])
        // A `RetryConfig` after the branch is no default; `retry_config = None` names no statuses.
        #expect(facts.operations.first?.defaultRetryPolicy == nil)
        #expect(facts.operations.first?.retryStatusCodes == nil)

        let commented = Self.method("op", #"""
            # if retries == UNSET:
            #     if self.sdk_configuration.retry_config is not UNSET:
            #         retries = self.sdk_configuration.retry_config
            #     else:
            #         retries = utils.RetryConfig(
            #             "backoff", utils.BackoffStrategy(3000, 720000, 1.88, 1800000), True
            #         )
            # retry_config = (retries, ["5xx"])
            # return eventstreaming.EventStream(http_res, decoder, sentinel="[DONE]")
            """#)
        let quiet = try #require(Self.read(commented).facts.operations.first)
        #expect(quiet.defaultRetryPolicy == nil && quiet.retryStatusCodes == nil && quiet.streamSentinel == nil)
    }

    @Test func offsetsAndCursors() throws {
        let offset = Self.method("list", #"""
            def next_func() -> Optional[models.ListResponse]:
                body = utils.unmarshal_json(http_res.text, Union[Dict[Any, Any], List[Any]])
                offset = request.offset if not request.offset is None else 0
                if not http_res.text:
                    return None
                results = JSONPath("$.data").parse(body)
                if len(results) == 0 or len(results[0]) == 0:
                    return None
                limit = request.limit if not request.limit is None else 25
                if len(results[0]) < limit:
                    return None
                next_offset = offset + len(results[0])
                return self.list(offset=next_offset, page_size=limit, retries=retries)
            """#)
        let (offsetFacts, offsetDiagnostics) = Self.read(offset)
        #expect(offsetDiagnostics == [])
        #expect(offsetFacts.operations.first?.pagination == WirePagination(
            kind: .offset, positionArgument: "offset", firstPosition: 0, limitArgument: "page_size", defaultLimit: 25, itemsPath: "$.data"))

        let cursor = Self.method("list", #"""
            def next_func() -> Optional[models.ListResponse]:
                body = utils.unmarshal_json(http_res.text, Union[Dict[Any, Any], List[Any]])
                next_cursor = JSONPath("$.meta.next").parse(body)
                if len(next_cursor) == 0:
                    return None
                next_cursor = next_cursor[0]
                if next_cursor is None or str(next_cursor).strip() == "":
                    return None
                return self.list(after=next_cursor, retries=retries)
            """#)
        let (cursorFacts, cursorDiagnostics) = Self.read(cursor)
        #expect(cursorDiagnostics == [])
        #expect(cursorFacts.operations.first?.pagination == WirePagination(kind: .cursor, positionArgument: "after", nextCursorPath: "$.meta.next"))
    }

    // MARK: What is unexpected

    @Test func whatCannotBeReadIsALocatedWarning() throws {
        let module = Self.method("a", #"""
            if retries == UNSET:
                retries = utils.RetryConfig("backoff", utils.BackoffStrategy(initial, 60000, 1.5, 3600000), True)
            retry_config = (retries, CODES)
            return eventstreaming.EventStream(http_res, decoder, sentinel=SENTINEL)
            """#) + Self.method("b", #"""
            retry_config = (retries, ["429", 500])
            def next_func():
                page = request.page if not request.page is None else 1
                return None
            """#).replacingOccurrences(of: "class Ops(BaseSDK):\n", with: "") + Self.method("c", #"""
            def next_func():
                results = JSONPath("$.items").parse(body)
                other = JSONPath("$.total").parse(body)
                return self.c(page=page)
            """#).replacingOccurrences(of: "class Ops(BaseSDK):\n", with: "")
        let (facts, diagnostics) = Self.read(module)
        #expect(diagnostics.map(\.message) == [
            "operation `Ops.a`: its default `RetryConfig` is not a backoff with literal values this reader knows; no default retries are read",
            "operation `Ops.a`: its `retry_config` is not `(retries, [statuses])`; the retried statuses are left out",
            "operation `Ops.a`: its `EventStream`'s sentinel is not a string literal; the stream ends with its body",
            "operation `Ops.b`: its retried statuses are not all string literals; they are left out",
            "operation `Ops.b`: its `next_func` does not call the operation again (`return self.…(…)`); its pagination is left out",
            "operation `Ops.c`: its `next_func` passes no next page, offset or cursor this reader knows; its pagination is left out",
        ])
        #expect(diagnostics.allSatisfy { $0.severity == .warning && ($0.location?.line ?? 0) > 1 })
        #expect(facts.operations.map(\.sdkName) == ["a", "b", "c"])
        #expect(facts.operations.allSatisfy {
            $0.pagination == nil && $0.defaultRetryPolicy == nil && $0.retryStatusCodes == nil && $0.streamSentinel == nil
        })
    }

    @Test func truncatedStatementsNeverTrap() {
        let whole = Array(Self.friendliStream.utf8) + Array(Self.method("list", #"""
            def next_func():
                page = request.page if not request.page is None else 1
                next_page = page + 1
                results = JSONPath("$.items").parse(body)
                return self.list(page=next_page)
            """#).utf8)
        // Every prefix: unclosed brackets, half statements, a `def` without its body.
        for end in stride(from: 0, through: whole.count, by: 7) {
            let (facts, diagnostics) = PythonModelReader.read(files: [], operationFiles: [(path: "t.py", bytes: Array(whole[..<end]))])
            #expect(diagnostics.allSatisfy { $0.severity == .warning && ($0.location?.line ?? 0) >= 1 })
            #expect(facts.operations.allSatisfy { $0.location.line >= 1 })
        }
    }

    @Test func arbitraryFlowStatementsNeverTrap() {
        var random = SeededRandomNumberGenerator(seed: 20)
        let words = ["if retries == UNSET:", "else:", "retries = utils.RetryConfig(", "utils.BackoffStrategy(", "retry_config = (retries, [",
                     "\"5xx\"", "]", ")", "(", ",", "1.5", "True", "def next_func():", "page = request.page if not request.page is None else 1",
                     "next_page = page + 1", "x = JSONPath(\"$.items\").parse(body)", "results", "num_pages", "return self.op(page=next_page, limit=limit)",
                     "EventStream(sentinel=", "\"[DONE]\"", "\n", "\n        ", "\n    ", "#", "'", "\\"]
        for _ in 0..<300 {
            let body = (0..<Int.random(in: 0..<40, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
            let (facts, diagnostics) = Self.read(Self.method("op", body))
            #expect(diagnostics.allSatisfy { $0.severity == .warning && ($0.location?.line ?? 0) >= 1 })
            #expect(facts.operations.allSatisfy { $0.location.line >= 1 })
        }
    }

    /// The `except` clause of the retry loop that tests `retry_connection_errors` says which
    /// connection errors retry; timeouts are in every kind; anything else is a located warning.
    @Test func theRetryLoopsExceptClauseSaysWhichConnectionErrorsRetry() {
        func read(_ clause: String) -> PythonRetryModule {
            let source = """
                def retry(func, retries):
                    def do_request():
                        try:
                            response = func()
                        \(clause):
                            if retries.config.retry_connection_errors:
                                raise
                            raise PermanentError(exception) from exception
                        except TemporaryError:
                            raise
                        except Exception as exception:
                            raise PermanentError(exception) from exception

                """
            return PythonRetryModule(path: "acme/utils/retries.py", bytes: Array(source.utf8))
        }
        #expect(read("except httpx.ConnectError as exception").connectionErrors == .connecting)
        #expect(read("except (httpx.NetworkError, httpx.TimeoutException) as exception").connectionErrors == .network)
        #expect(read("except httpx.TransportError as exception").connectionErrors == .transport)
        #expect(read("except requests.exceptions.ConnectionError as exception").connectionErrors == .transport)
        #expect(read("except httpx.TimeoutException as exception").diagnostics.map(\.message)
            == ["no `except` clause of the retry loop tests `retry_connection_errors`: the client retries the connection errors it does by default"])
        let unknown = read("except (httpx.ConnectError, acme.Mystery) as exception")
        #expect(unknown.connectionErrors == .connecting)
        #expect(unknown.diagnostics.map(\.location?.line) == [5])
        // Read as an operation file: the retry loop is chosen by its path, beside the operations.
        #expect(PythonModelFiles.selectOperations(["acme/models/x.py", "acme/utils/retries.py", "acme/utils/values.py", "acme/sdk.py"])
            == ["acme/sdk.py", "acme/utils/retries.py"])
    }

    // MARK: The installed SDKs

    struct Installed: Sendable, CustomTestStringConvertible {
        var package: String
        var paged: Int
        var streams: Int
        var withDefaultRetries: Int
        var withStatusCodes: Int
        /// What its `utils/retries.py` retries as a connection error (SDK-FACTS r.4).
        var connectionErrors: WireConnectionErrors
        /// Operations with servers of their own (`base_url = models.X_OP_SERVERS[0]`).
        var withServers = 0
        var testDescription: String { package }
    }

    /// SDK-FACTS j: polar's 36 paged operations; friendli's streams and default backoff; unstructured's
    /// own backoff with `5xx` (its commented-out `users.py` operations are none); airbyte retries only
    /// when configured, and then any status its `RetryConfig` names.
    static let installed = [
        Installed(package: "polar_sdk", paged: 36, streams: 0, withDefaultRetries: 0, withStatusCodes: 185, connectionErrors: .connecting),
        Installed(package: "friendli", paged: 0, streams: 10, withDefaultRetries: 74, withStatusCodes: 74, connectionErrors: .network, withServers: 12),
        Installed(package: "unstructured_client", paged: 0, streams: 0, withDefaultRetries: 30, withStatusCodes: 30, connectionErrors: .transport),
        Installed(package: "livepeer_ai", paged: 0, streams: 0, withDefaultRetries: 0, withStatusCodes: 10, connectionErrors: .connecting),
        Installed(package: "airbyte", paged: 0, streams: 0, withDefaultRetries: 0, withStatusCodes: 0, connectionErrors: .transport),
    ]

    @Test(arguments: installed)
    func installedSDKs(_ expected: Installed) throws {
        guard let (facts, diagnostics) = try PythonOperationReaderTests.readInstalled(expected.package) else {
            #expect(ProcessInfo.processInfo.environment["DOCMODELGEN_REQUIRE_PEERS"] != "1", "DOCMODELGEN_REQUIRE_PEERS=1 but the peer virtualenv is missing")
            return
        }
        #expect(diagnostics == [])
        let operations = facts.operations
        let paged = operations.filter { $0.pagination != nil }
        #expect(paged.count == expected.paged)
        #expect(paged.allSatisfy { $0.pagination == Self.polarPaging && $0.method == "GET" })
        #expect(operations.filter { $0.streamSentinel != nil }.count == expected.streams)
        #expect(operations.allSatisfy { $0.streamSentinel == nil || $0.streamSentinel == "[DONE]" })
        #expect(operations.filter { $0.defaultRetryPolicy != nil }.count == expected.withDefaultRetries)
        #expect(operations.filter { $0.retryStatusCodes != nil }.count == expected.withStatusCodes)
        #expect(operations.allSatisfy { $0.retriedConnectionErrors == expected.connectionErrors })
        // friendli's 12 container operations, each on its own `CONTAINER_*_OP_SERVERS` (SDK-FACTS).
        let withServers = operations.filter { $0.servers != nil }
        #expect(withServers.count == expected.withServers)
        #expect(withServers.allSatisfy { $0.servers == ["http://localhost:8000"] && $0.location.file.contains("container_") })
        // Every paged operation's signature defaults its page and limit as its `next_func` does.
        #expect(paged.allSatisfy { $0.argumentDefaults?["page"] == .number("1") && $0.argumentDefaults?["limit"] == .number("10") })
        switch expected.package {
        case "friendli":
            // The stream methods that take `stream` (all but the completions', whose body model holds
            // it) default it to True: the SDK then asks for events.
            let streamDefaults = operations.filter { $0.streamSentinel != nil }.compactMap { $0.argumentDefaults?["stream"] }
            #expect(streamDefaults == Array(repeating: .bool(true), count: 7))
            #expect(Set(operations.compactMap(\.defaultRetryPolicy)) == [WireRetryPolicy(
                initialIntervalMilliseconds: 500, maxIntervalMilliseconds: 60000, exponent: 1.5,
                maxElapsedTimeMilliseconds: 3600000, retryConnectionErrors: true)])
        case "unstructured_client":
            #expect(Set(operations.compactMap(\.defaultRetryPolicy)) == [WireRetryPolicy(
                initialIntervalMilliseconds: 3000, maxIntervalMilliseconds: 720000, exponent: 1.88,
                maxElapsedTimeMilliseconds: 1800000, retryConnectionErrors: true)])
            #expect(Set(operations.compactMap(\.retryStatusCodes)) == [["5xx"]])
        case "polar_sdk", "livepeer_ai":
            #expect(Set(operations.compactMap(\.retryStatusCodes)) == [["429", "500", "502", "503", "504"]])
        default:
            break
        }
    }
}
