import DocModelClientRuntime
import DocModelRuntime
import Foundation
import GrammarFixtureModels
import HTTPTypes
import OpenAPIRuntime
import Testing

/// The generated client of `Specs/grammar`'s calls page (`Sources/GrammarFixtureModels`), end to
/// end through an in-memory transport: a stream's events, a flattened body, pages fetched when
/// asked, retries and the call's timeout.
@Suite struct GrammarClientCallsTests {
    /// Answers each request with the next scripted response and records the requests.
    final class Recorder: ClientTransport, @unchecked Sendable {
        struct Sent: Sendable {
            var method: HTTPRequest.Method
            var path: String
            var headerFields: HTTPFields
            var body: Data
        }
        private let lock = NSLock()
        private var answers: [(HTTPResponse, [String])]
        private var log: [Sent] = []

        /// Each answer: a response head and its body as chunks (one write each).
        init(_ answers: [(HTTPResponse, [String])]) { self.answers = answers }

        var sent: [Sent] { lock.withLock { log } }

        func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
            var data = Data()
            if let body { data = try await Data(collecting: body, upTo: .max) }
            let answer: (HTTPResponse, [String]) = lock.withLock {
                log.append(Sent(method: request.method, path: request.path ?? "", headerFields: request.headerFields, body: data))
                return answers.count > 1 ? answers.removeFirst() : answers[0]
            }
            // Each chunk a separate read, as separate TCP writes arrive.
            let (chunks, continuation) = AsyncStream<ArraySlice<UInt8>>.makeStream()
            for chunk in answer.1 { continuation.yield(ArraySlice(Array(chunk.utf8))) }
            continuation.finish()
            return (answer.0, HTTPBody(chunks, length: .unknown, iterationBehavior: .single))
        }
    }

    static func head(_ status: Int, _ contentType: String) -> HTTPResponse {
        HTTPResponse(status: .init(code: status), headerFields: [.contentType: contentType])
    }

    static func client(_ transport: Recorder, retryPolicy: RetryPolicy? = nil) -> GrammarClient {
        GrammarClient(serverURL: URL(string: "http://127.0.0.1:9/api")!, transport: transport, retryPolicy: retryPolicy)
    }

    @Test func aStreamYieldsEachEventAndTheBodyIsBuiltFromTheArguments() async throws {
        let transport = Recorder([(Self.head(200, "text/event-stream"), [
            ": keep-alive\n\n", #"data: {"index": 0, "text": "Hel"}"# + "\n\n", #"data: {"index": 1,"#, #" "text": "lo"}"# + "\nid: 7\n\n",
            "event: done\ndata: {\"index\": 2, \"kind\": \"text.done\"}\n\n",
        ])])
        let client = Self.client(transport)
        var texts: [String] = []
        var ids: [String?] = []
        var kinds: [DeltaKind?] = []
        for try await chunk in try await client.calls.stream(messages: ["Hello!"], model: "small", temperature: .null, stream: true) {
            texts.append(chunk.data.text ?? "-")
            ids.append(chunk.id)
            kinds.append(chunk.data.kind)
        }
        // A `Literal[…]` page's values are the strings, not their Python spelling.
        #expect(kinds == [nil, nil, .textDone])
        #expect(texts == ["Hel", "lo", "-"])
        #expect(ids == [nil, "7", "7"], "an id lasts until the next")
        let sent = try #require(transport.sent.first)
        #expect(sent.method == .post && sent.path == "/v1/chat")
        #expect(sent.headerFields[.accept] == "text/event-stream")
        #expect(String(decoding: sent.body, as: UTF8.self) == #"{"model":"small","messages":["Hello!"],"temperature":null,"stream":true}"#)
    }

    @Test func aMalformedEventIsAnErrorThatNamesIt() async throws {
        let transport = Recorder([(Self.head(200, "text/event-stream"), [#"data: {"index": 0}"# + "\n\n", "id: x\ndata: {\"index\": \"one\"}\n\n"])])
        var seen = 0
        let error = await #expect(throws: EventStreamDecodingError.self) {
            for try await _ in try await Self.client(transport).calls.stream(messages: [], model: "m") { seen += 1 }
        }
        #expect(seen == 1)
        #expect(error?.index == 1 && error?.id == "x")
    }

    @Test func aStreamOperationsErrorIsReadWholeAndTyped() async throws {
        let transport = Recorder([(Self.head(422, "application/json"), [#"{"code": 42}"#])])
        let error = await #expect(throws: APIError<ComponentsError>.self) {
            _ = try await Self.client(transport).calls.stream(messages: [], model: "m")
        }
        #expect(error?.body.code == 42)
    }

    /// An operation that answers JSON or a stream, as its request's `stream` flag asks: both shapes.
    @Test func eitherJSONOrAStreamByTheResponsesContentType() async throws {
        let whole = Recorder([(Self.head(200, "application/json; charset=utf-8"), [#"{"index": 5, "text": "Hello"}"#])])
        let answer = try await Self.client(whole).calls.reply(messages: ["Hi"], model: "m", stream: false)
        #expect(answer.json?.text == "Hello" && answer.stream == nil)
        #expect(whole.sent.first?.headerFields[.accept] == "application/json;q=1, text/event-stream;q=0")

        let streamed = Recorder([(Self.head(200, "text/event-stream"), [#"data: {"index": 0, "text": "He"}"# + "\n\n", #"data: {"index": 1, "text": "llo"}"# + "\n\n"])])
        let events = try #require(try await Self.client(streamed).calls.reply(messages: ["Hi"], model: "m", stream: true).stream)
        var text = ""
        for try await event in events { text += event.data.text ?? "" }
        #expect(text == "Hello")
    }

    static func page(_ ids: [Int], maxPage: Int) -> (HTTPResponse, [String]) {
        let items = ids.map { #"{"id": "n\#($0)", "text": "t"}"# }.joined(separator: ", ")
        return (head(200, "application/json"), [#"{"items": [\#(items)], "pagination": {"total_count": 5, "max_page": \#(maxPage)}}"#])
    }

    @Test func pagesAreFetchedWhenAskedAndStopAsTheSDKStops() async throws {
        let transport = Recorder([Self.page([1, 2], maxPage: 3), Self.page([3, 4], maxPage: 3), Self.page([5], maxPage: 3)])
        let client = Self.client(transport)
        let pages = client.calls.listPages(query: "q", limit: 2)
        #expect(transport.sent.isEmpty, "nothing is sent before the loop asks")
        var ids: [String] = []
        for try await note in client.calls.listItems(query: "q", limit: 2) { ids.append(note.id) }
        #expect(ids == ["n1", "n2", "n3", "n4", "n5"])
        #expect(transport.sent.map(\.path) == ["/v1/notes/?query=q&limit=2", "/v1/notes/?query=q&page=2&limit=2", "/v1/notes/?query=q&page=3&limit=2"])
        // Leaving after the first page sends nothing more.
        let before = transport.sent.count
        for try await _ in pages { break }
        #expect(transport.sent.count == before + 1)
        // The one-page method is the first page.
        let one = Recorder([Self.page([1, 2], maxPage: 3)])
        #expect(try await Self.client(one).calls.list(limit: 2).items.map(\.id) == ["n1", "n2"])
        #expect(one.sent.count == 1)
    }

    @Test func aRetriedStatusIsRetriedUnderThePolicyThenTheAnswerIsReturned() async throws {
        let transport = Recorder([(Self.head(503, "application/json"), ["{}"]), Self.page([1], maxPage: 1)])
        let quick = RetryPolicy.backoff(
            initialIntervalMs: 1, maxIntervalMs: 1, exponent: 1, maxElapsedTimeMs: 600_000, jitterMs: 0, retryConnectionErrors: false,
            statusCodesOverride: ["5XX"])
        let page = try await Self.client(transport, retryPolicy: quick).calls.list()
        #expect(page.items.map(\.id) == ["n1"])
        #expect(transport.sent.count == 2)
        // `.disabled` for the call wins over the client's policy: one attempt, the status thrown.
        let once = Recorder([(Self.head(503, "application/json"), ["{}"]), Self.page([1], maxPage: 1)])
        await #expect(throws: UnexpectedResponseError.self) {
            _ = try await Self.client(once, retryPolicy: quick).calls.list(retries: .disabled)
        }
        #expect(once.sent.count == 1)
    }
}
