import DocModelClientRuntime
import DocModelRuntime
import Foundation
import HTTPTypes
import OpenAPIRuntime
import Testing

/// The envelopes (`json.dumps` text) the parser makes of `body` cut into `chunks`, or its error.
private func envelopes(_ chunks: [[UInt8]], sentinel: String? = "[DONE]", dataRequired: Bool = true) throws -> [String] {
    var parser = ServerSentEventParser(sentinel: sentinel, dataRequired: dataRequired)
    var events: [ParsedServerSentEvent] = []
    for chunk in chunks { events += try parser.consume(chunk) }
    if let last = try parser.finish() { events.append(last) }
    return events.map { String(decoding: $0.envelope, as: UTF8.self) }
}

private func envelopes(_ body: String, sentinel: String? = "[DONE]", dataRequired: Bool = true) throws -> [String] {
    try envelopes([Array(body.utf8)], sentinel: sentinel, dataRequired: dataRequired)
}

/// The rules of the SDK's `stream_events`/`_parse_event` (friendli 0.14.2, SDK-FACTS section s), one by one.
@Suite struct ServerSentEventParserTests {
    @Test("each of the eight boundaries ends an event", arguments: ["\r\n\r\n", "\r\n\r", "\r\n\n", "\r\r\n", "\n\r\n", "\r\r", "\n\r", "\n\n"])
    func boundaries(boundary: String) throws {
        #expect(try envelopes("data: 1\(boundary)data: 2\(boundary)") == [#"{"data": 1}"#, #"{"data": 2}"#])
    }

    @Test("a single line break is no boundary: \\r\\n, \\r and \\n split lines inside an event")
    func lineBreaks() throws {
        #expect(try envelopes("data: a\r\ndata: b\rdata: c\ndata: d\n\n") == [#"{"data": "a\nb\nc\nd"}"#])
    }

    @Test("the last event needs no boundary: it is parsed when the body ends")
    func lastBlock() throws {
        #expect(try envelopes("data: 1\n\ndata: 2") == [#"{"data": 1}"#, #"{"data": 2}"#])
        #expect(try envelopes("") == [])
    }

    @Test("a UTF-8 BOM at the start is dropped")
    func byteOrderMark() throws {
        #expect(try envelopes([[0xEF, 0xBB, 0xBF] + Array("data: 1\n\n".utf8)]) == [#"{"data": 1}"#])
    }

    @Test("as in the SDK, a BOM split over chunks is kept and hides the field; one starting a chunk after a boundary is dropped")
    func byteOrderMarkChunking() throws {
        #expect(try envelopes([[0xEF], [0xBB, 0xBF] + Array("data: 1\n\n".utf8)]) == [])
        #expect(try envelopes([Array("data: 1\n\n".utf8), [0xEF, 0xBB, 0xBF] + Array("data: 2\n\n".utf8)]) == [#"{"data": 1}"#, #"{"data": 2}"#])
        // In one chunk the same BOM is part of the second block: `\u{FEFF}data` is an unknown field.
        #expect(try envelopes([Array("data: 1\n\n".utf8) + [0xEF, 0xBB, 0xBF] + Array("data: 2\n\n".utf8)]) == [#"{"data": 1}"#])
    }

    @Test("every way of cutting a stream in two or three chunks gives the events of the whole")
    func chunking() throws {
        let body = Array(": hi\r\nid: 7\r\nevent: e\r\ndata: {\"a\":\r\ndata: 1}\r\n\r\ndata: x\r\rdata: y\n\r\ndata: z\r\n\rretry: 5\ndata: w\n\r".utf8)
        let whole = try envelopes([body])
        #expect(whole.count == 5)
        for cut in 0...body.count {
            #expect(try envelopes([Array(body[..<cut]), Array(body[cut...])]) == whole, "cut at \(cut)")
            for second in cut...body.count {
                let chunks = [Array(body[..<cut]), Array(body[cut..<second]), Array(body[second...])]
                #expect(try envelopes(chunks) == whole, "cuts at \(cut), \(second)")
            }
        }
        #expect(try envelopes(body.map { [$0] }) == whole, "one byte per chunk")
    }

    @Test("a boundary cut after its first bytes is found again when the rest comes")
    func boundaryAcrossChunks() throws {
        #expect(try envelopes([Array("data: a\r".utf8), Array("\n\rdata: b".utf8)]) == [#"{"data": "a"}"#, #"{"data": "b"}"#])
        #expect(try envelopes([Array("data: a\r\n".utf8), Array("\r\ndata: b".utf8)]) == [#"{"data": "a"}"#, #"{"data": "b"}"#])
        #expect(try envelopes([Array("data: a\r".utf8), Array("\ndata: b".utf8)]) == [#"{"data": "a\nb"}"#])
    }

    @Test("comments and keep-alives (leading ':') publish nothing")
    func comments() throws {
        #expect(try envelopes(":\n\n: keep-alive\n\ndata: 1\n: inside\n\n") == [#"{"data": 1}"#])
    }

    @Test("a line without a colon is a field with an empty value")
    func fieldWithoutColon() throws {
        #expect(try envelopes("data\n\n") == [#"{"data": ""}"#])
        #expect(try envelopes("event\ndata: 1\n\n") == [#"{"event": "", "data": 1}"#])
    }

    @Test("one leading space of a value is dropped, no more")
    func leadingSpace() throws {
        #expect(try envelopes("data:x\n\ndata:  x\n\ndata: \n\n") == [#"{"data": "x"}"#, #"{"data": " x"}"#, #"{"data": ""}"#])
    }

    @Test("unknown fields are ignored and alone publish nothing")
    func unknownField() throws {
        #expect(try envelopes("foo: 1\n\nfoo: 1\ndata: 2\n\nDATA: 3\n\n") == [#"{"data": 2}"#])
    }

    @Test("data lines are joined with \\n")
    func multiLineData() throws {
        #expect(try envelopes("data: {\"a\":\ndata: [1,\ndata: 2]}\n\n") == ["{\"data\": {\"a\":\n[1,\n2]}}"])
    }

    @Test("the id persists to later events; an id holding NUL is ignored")
    func idPersistence() throws {
        #expect(try envelopes("id: 1\ndata: a\n\ndata: b\n\nid: x\u{0}y\ndata: c\n\nid\ndata: d\n\n") == [
            #"{"id": "1", "data": "a"}"#, #"{"id": "1", "data": "b"}"#, #"{"id": "1", "data": "c"}"#, #"{"id": "", "data": "d"}"#,
        ])
    }

    @Test("an event with fields but no data is skipped, and still sets the id; without data_required it is published")
    func dataRequired() throws {
        #expect(try envelopes("id: 7\nevent: ping\n\ndata: 1\n\n") == [#"{"id": "7", "data": 1}"#])
        #expect(try envelopes("id: 7\nevent: ping\n\ndata: 1\n\n", dataRequired: false) == [
            #"{"id": "7", "event": "ping"}"#, #"{"id": "7", "data": 1}"#,
        ])
        #expect(try envelopes(": only a comment\n\n", dataRequired: false) == [])
    }

    @Test("retry: decimal digits (any script) become a number, leading zeros dropped; anything else is ignored")
    func retry() throws {
        #expect(try envelopes("retry: 007\ndata: 1\n\nretry: 1a\ndata: 2\n\nretry: \u{663}\ndata: 3\n\nretry:\ndata: 4\n\n") == [
            #"{"data": 1, "retry": 7}"#, #"{"data": 2}"#, #"{"data": 3, "retry": 3}"#, #"{"data": 4}"#,
        ])
        #expect(try envelopes("retry: 123456789012345678901234567890\ndata: 1\n\n") == [#"{"data": 1, "retry": 123456789012345678901234567890}"#])
    }

    @Test("retry with a digit isdigit accepts and int refuses (²) throws, as the SDK's int() raises")
    func retrySuperscript() {
        #expect(throws: ServerSentEventError.invalidRetry("1²")) { try envelopes("retry: 1²\ndata: 1\n\n") }
    }

    @Test("the sentinel ends the stream; data merely containing it does not")
    func sentinel() throws {
        #expect(try envelopes("data: 1\n\ndata: [DONE]\n\ndata: 2\n\n") == [#"{"data": 1}"#])
        #expect(try envelopes("data: [DONE] \n\ndata: [DONE]\ndata: x\n\n") == [#"{"data": "[DONE] "}"#, "{\"data\": \"[DONE]\\nx\"}"])
        #expect(try envelopes("data: 1\n\ndata: [DONE]") == [#"{"data": 1}"#])
        #expect(try envelopes("data: [DONE]\n\n", sentinel: nil) == [#"{"data": "[DONE]"}"#])
        #expect(try envelopes("data: [DONE]\n\n", sentinel: "") == [#"{"data": "[DONE]"}"#], "Python's `if sentinel` is false for an empty one")
        var parser = ServerSentEventParser(sentinel: "[DONE]")
        _ = try parser.consume(Array("data: [DONE]\n\n".utf8))
        #expect(parser.isFinished)
        #expect(try parser.consume(Array("data: 2\n\n".utf8)).isEmpty)
        #expect(try parser.finish() == nil)
    }

    @Test("data is the JSON value when json.loads takes it, else the string")
    func dataAsJSON() throws {
        #expect(try envelopes("data: {\"a\":[1,2.5e3,true,null,\"\\u00e9\"]}\n\n") == [#"{"data": {"a":[1,2.5e3,true,null,"\u00e9"]}}"#])
        #expect(try envelopes("data:  null \n\n") == [#"{"data": null}"#])
        for text in ["hello", "1.", "01", "{\"a\":1", "[1,]", "\"tab\there\"", "tru", "-", "{'a': 1}", "1 2"] {
            let quoted = ParsedServerSentEvent(data: text).envelope
            #expect(try envelopes("data: \(text)\n\n") == [String(decoding: quoted, as: UTF8.self)], "\(text)")
            #expect(try JSONSerialization.jsonObject(with: quoted) as? [String: String] == ["data": text])
        }
        #expect(try envelopes("data: NaN\n\ndata: -Infinity\n\n") == [#"{"data": NaN}"#, #"{"data": -Infinity}"#])
        // A number beyond Double's range is JSON (Python reads `inf`): copied as sent, and a
        // decoder then throws, as for `Infinity` (found by FuzzSSE).
        #expect(try envelopes("data: 2E6666666666\n\n") == [#"{"data": 2E6666666666}"#])
        struct Number: Decodable { var data: Double }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Number.self, from: ParsedServerSentEvent(data: "2E6666666666").envelope) }
    }

    @Test("strings are written as json.dumps writes them: ASCII only, \\u escapes, surrogate pairs")
    func envelopeEscapes() throws {
        #expect(try envelopes("id: é\u{1F600}\"\\\u{7F}\tx\nevent: a\u{1}\ndata: ü\n\n") == [
            #"{"id": "\u00e9\ud83d\ude00\"\\\u007f\tx", "event": "a\u0001", "data": "\u00fc"}"#,
        ])
    }

    @Test("a block that is not UTF-8 throws, naming the block; the events before it are kept")
    func invalidUTF8() throws {
        var parser = ServerSentEventParser(sentinel: nil)
        let first = try parser.consume(Array("data: 1\n\n".utf8))
        #expect(first.count == 1)
        #expect(throws: ServerSentEventError.invalidUTF8(block: 1, bytes: Array("data: ".utf8) + [0xFF])) {
            _ = try parser.consume(Array("data: ".utf8) + [0xFF] + Array("\n\n".utf8))
        }
        #expect(throws: ServerSentEventError.self, "a failed parser keeps failing") { try parser.finish() }
        // The events before the bad block in the same chunk come first, then the error.
        var second = ServerSentEventParser(sentinel: nil)
        #expect(try second.consume(Array("data: 1\n\ndata: \u{1}".utf8) + [0xFF] + Array("\n\ndata: 3\n\n".utf8)).count == 1)
        #expect(throws: ServerSentEventError.invalidUTF8(block: 1, bytes: Array("data: \u{1}".utf8) + [0xFF])) { try second.consume([]) }
        // A boundary cut by a chunk's end leaves a line break before the next block: the error is the same.
        let body = Array("data: 1\n\r\n".utf8) + [0xFF]
        let error = ServerSentEventError.invalidUTF8(block: 1, bytes: [0xFF])
        #expect(throws: error) { try envelopes([body]) }
        #expect(throws: error) { try envelopes([Array(body[..<9]), Array(body[9...])]) }
        // Even a comment must decode: the SDK decodes the block before reading it.
        #expect(throws: ServerSentEventError.self) { try envelopes([[0x3A, 0xC3, 0x28]]) }
    }
}

/// A body whose chunks the test sends one at a time, and which says when its reader let go: when
/// the body's iterator is dropped, as swift-openapi-urlsession's BufferedStream cancels its
/// request then (an AsyncStream alone only ends when the stream itself is released).
private final class ScriptedBody: Sendable {
    let stream: AsyncThrowingStream<HTTPBody.ByteChunk, any Error>
    let continuation: AsyncThrowingStream<HTTPBody.ByteChunk, any Error>.Continuation
    let terminated: AsyncStream<Void>
    private let terminatedContinuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncThrowingStream.makeStream()
        (terminated, terminatedContinuation) = AsyncStream.makeStream()
    }

    /// Signals when the last copy of an iterator goes.
    final class Token: Sendable {
        let signal: AsyncStream<Void>.Continuation
        init(_ signal: AsyncStream<Void>.Continuation) { self.signal = signal }
        deinit { signal.yield(); signal.finish() }
    }

    struct Chunks: AsyncSequence, Sendable {
        let stream: AsyncThrowingStream<HTTPBody.ByteChunk, any Error>
        let signal: AsyncStream<Void>.Continuation
        struct Iterator: AsyncIteratorProtocol {
            var base: AsyncThrowingStream<HTTPBody.ByteChunk, any Error>.Iterator
            let token: Token
            mutating func next() async throws -> HTTPBody.ByteChunk? { try await base.next() }
        }
        func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator(), token: Token(signal)) }
    }

    var body: HTTPBody { HTTPBody(Chunks(stream: stream, signal: terminatedContinuation), length: .unknown, iterationBehavior: .single) }

    func send(_ text: String) { continuation.yield(ArraySlice(text.utf8)) }

    /// Whether the stream was let go of (its reader dropped or it was finished) within `seconds`.
    func waitForTermination(seconds: Double = 5) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask { [terminated] in
                for await _ in terminated { return true }
                return true
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return false
            }
            let first = await group.next() ?? false
            group.cancelAll()
            return first
        }
    }
}

private struct Chunk: Decodable, Sendable, Equatable {
    struct Payload: Decodable, Sendable, Equatable { var text: String }
    var id: String?
    var event: String?
    var data: Payload
}

@Suite struct EventStreamTests {
    @Test("each event decodes as the element; the first is yielded before the body ends")
    func incremental() async throws {
        let source = ScriptedBody()
        var iterator = EventStream<Chunk>(body: source.body, sentinel: "[DONE]").makeAsyncIterator()
        source.send("id: 1\nevent: delta\ndata: {\"text\": \"a\"}\n\n")
        #expect(try await iterator.next() == Chunk(id: "1", event: "delta", data: .init(text: "a")))
        source.send("data: {\"text\": \"b\"}\n")
        source.send("\n")
        #expect(try await iterator.next() == Chunk(id: "1", event: nil, data: .init(text: "b")))
        source.send("data: {\"text\": \"c\"}")
        source.continuation.finish()
        #expect(try await iterator.next()?.data.text == "c")
        #expect(try await iterator.next() == nil)
    }

    @Test("the sentinel ends the sequence and releases the body before it ends")
    func sentinelReleases() async throws {
        let source = ScriptedBody()
        source.send("data: {\"text\": \"a\"}\n\ndata: [DONE]\n\n")
        var iterator = EventStream<Chunk>(body: source.body, sentinel: "[DONE]").makeAsyncIterator()
        #expect(try await iterator.next()?.data.text == "a")
        #expect(try await iterator.next() == nil)
        // The iterator is still alive here: only the stream itself can have let the body go.
        #expect(await source.waitForTermination(), "the body's iterator was not dropped at the sentinel")
        #expect(try await iterator.next() == nil)
    }

    @Test("breaking out of the loop releases the body")
    func breakReleases() async throws {
        let source = ScriptedBody()
        source.send("data: {\"text\": \"a\"}\n\ndata: {\"text\": \"b\"}\n\n")
        for try await _ in EventStream<Chunk>(body: source.body, sentinel: nil) { break }
        #expect(await source.waitForTermination(), "the body's iterator was not dropped after break")
    }

    @Test("cancelling the reading task ends it with CancellationError, not a last event")
    func cancellation() async throws {
        let source = ScriptedBody()
        source.send("data: {\"text\": \"a\"}\n\ndata: {\"text\": \"b\"}")
        let task = Task {
            var texts: [String] = []
            for try await chunk in EventStream<Chunk>(body: source.body, sentinel: nil) { texts.append(chunk.data.text) }
            return texts
        }
        try await Task.sleep(for: .milliseconds(100))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(await source.waitForTermination())
    }

    @Test("an event that does not decode throws, naming its index, id, event, data and the failing key")
    func malformedEvent() async throws {
        let body = HTTPBody("id: 1\ndata: {\"text\": \"a\"}\n\nid: 2\nevent: delta\ndata: {\"text\": 5}\n\n")
        var iterator = EventStream<Chunk>(body: body, sentinel: nil).makeAsyncIterator()
        _ = try await iterator.next()
        do {
            _ = try await iterator.next()
            Issue.record("no error")
        } catch let error as EventStreamDecodingError {
            #expect(error.index == 1)
            #expect(error.id == "2")
            #expect(error.event == "delta")
            #expect(error.dataExcerpt == "{\"text\": 5}")
            #expect(error.codingPath == "data.text")
            #expect(error.underlying is DecodingError)
            #expect(error.description.hasPrefix("event 1 (id \"2\") (event \"delta\") is not a Chunk at data.text: expected String"))
        }
    }

    @Test("a long data excerpt is cut at 200 characters")
    func excerpt() {
        let error = EventStreamDecodingError(
            event: ParsedServerSentEvent(data: String(repeating: "x", count: 500)), index: 0, typeName: "T",
            error: DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "bad")))
        #expect(error.dataExcerpt == String(repeating: "x", count: 200) + "…")
    }

    @Test("a body that fails mid-stream surfaces the transport's error after the events before it")
    func cutOff() async throws {
        struct ConnectionLost: Error, Equatable {}
        let source = ScriptedBody()
        source.send("data: {\"text\": \"a\"}\n\ndata: {\"te")
        source.continuation.finish(throwing: ConnectionLost())
        var iterator = EventStream<Chunk>(body: source.body, sentinel: nil).makeAsyncIterator()
        #expect(try await iterator.next()?.data.text == "a")
        do {
            _ = try await iterator.next()
            Issue.record("no error")
        } catch let error as EventStreamReadError {
            #expect(error.eventsRead == 1)
            #expect(error.underlying as? ConnectionLost == ConnectionLost())
        }
        #expect(try await iterator.next() == nil, "nothing more is read after the failure")
    }

    @Test("invalid UTF-8 in an event throws ServerSentEventError")
    func invalidUTF8() async throws {
        let body = HTTPBody([UInt8]("data: ".utf8) + [0xC3] + [UInt8]("\n\n".utf8))
        await #expect(throws: ServerSentEventError.self) {
            for try await _ in EventStream<JSONValue>(body: body, sentinel: nil) {}
        }
    }

    @Test("no body is an empty stream")
    func noBody() async throws {
        var iterator = EventStream<JSONValue>(body: nil, sentinel: nil).makeAsyncIterator()
        #expect(try await iterator.next() == nil)
    }
}

/// A middleware that counts its calls and adds a header, to see the chain run.
private struct MarkingMiddleware: ClientMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields.append(HTTPField(name: HTTPField.Name("X-Mark")!, value: "1"))
        var (response, body) = try await next(request, body, baseURL)
        response.headerFields.append(HTTPField(name: HTTPField.Name("X-Seen")!, value: "1"))
        return (response, body)
    }
}

@Suite struct StreamingResponseTests {
    @Test("sendStreaming runs the middlewares and returns the head with the unread body")
    func sendStreaming() async throws {
        let transport = RecordingTransport(headerFields: [.contentType: "text/event-stream; charset=utf-8"]) { HTTPBody("data: 1\n\n") }
        let client = makeClient(transport, middlewares: [MarkingMiddleware()])
        let response = try await client.sendStreaming(APIRequest(method: .post, path: "/v1/completions", operationID: "op"))
        #expect(transport.last.headerLines.contains("X-Mark: 1"))
        #expect(response.headerFields[HTTPField.Name("X-Seen")!] == "1")
        #expect(response.matches(status: ["200"], contentType: "text/event-stream"))
        #expect(!response.matches(status: ["4XX"], contentType: "*"))
        var values: [JSONValue] = []
        for try await value in EventStream<[String: JSONValue]>(response, sentinel: "[DONE]") { values.append(value["data"] ?? .null) }
        #expect(values == [.integer(1)])
    }

    @Test("collect reads the body whole, as send does, and refuses more than the limit")
    func collect() async throws {
        let transport = RecordingTransport(status: .unprocessableContent) { HTTPBody("{\"detail\": \"no\"}") }
        let response = try await makeClient(transport).sendStreaming(APIRequest(method: .get, path: "/x", operationID: "op"))
        let whole = try await response.collect()
        #expect(whole.status == .unprocessableContent)
        #expect(String(decoding: whole.body, as: UTF8.self) == "{\"detail\": \"no\"}")
        #expect(whole.matches(status: ["422"], contentType: "application/json") == response.matches(status: ["422"], contentType: "application/json"))

        let small = try await makeClient(RecordingTransport { HTTPBody(AsyncStream<HTTPBody.ByteChunk> { $0.yield(ArraySlice("0123456789".utf8)); $0.finish() }, length: .unknown, iterationBehavior: .single) },
                                         maximumResponseBytes: 4).sendStreaming(APIRequest(method: .get, path: "/x", operationID: "op"))
        await #expect(throws: ResponseTooLargeError.self) { try await small.collect() }
    }
}
