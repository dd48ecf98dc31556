import DocModelClientRuntime
import Foundation
import HTTPTypes
import OpenAPIRuntime
import Testing

/// APIClientCore: middleware order, the transport call, the bounded body.
@Suite struct ClientCoreTests {
    /// Appends its name to `X-Trace` going in, and to a shared log going in and out.
    struct TracingMiddleware: ClientMiddleware {
        let name: String
        let log: Log

        func intercept(
            _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
            next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
        ) async throws -> (HTTPResponse, HTTPBody?) {
            var request = request
            let trace = request.headerFields[HTTPField.Name("X-Trace")!]
            request.headerFields[HTTPField.Name("X-Trace")!] = (trace.map { $0 + "," } ?? "") + name
            log.append("\(name) in \(operationID)")
            let result = try await next(request, body, baseURL)
            log.append("\(name) out")
            return result
        }
    }

    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var entries: [String] = []
        func append(_ entry: String) { lock.withLock { entries.append(entry) } }
        var all: [String] { lock.withLock { entries } }
    }

    @Test("the first middleware is outermost (UniversalClient's order)")
    func middlewareOrder() async throws {
        let log = Log()
        let transport = RecordingTransport()
        let client = makeClient(transport, middlewares: [TracingMiddleware(name: "a", log: log), TracingMiddleware(name: "b", log: log)])
        _ = try await client.send(APIRequest(method: .get, path: "/x", operationID: "op1"))
        #expect(log.all == ["a in op1", "b in op1", "b out", "a out"])
        #expect(transport.last.request.headerFields[HTTPField.Name("X-Trace")!] == "a,b")
        #expect(transport.last.operationID == "op1")
    }

    @Test("the response is read whole: status, headers, body")
    func response() async throws {
        let transport = RecordingTransport(status: .created, headerFields: [.contentType: "application/json", HTTPField.Name("X-Id")!: "7"],
                                           body: { HTTPBody(#"{"id":7}"#) })
        let response = try await makeClient(transport).send(APIRequest(method: .post, path: "/x", operationID: "op"))
        #expect(response.status == .created)
        #expect(response.contentType == "application/json")
        #expect(response.headerFields[HTTPField.Name("X-Id")!] == "7")
        #expect(response.body == Data(#"{"id":7}"#.utf8))
        #expect(transport.last.request.method == .post)
    }

    @Test("no response body reads as empty")
    func noBody() async throws {
        let transport = RecordingTransport(status: .noContent, headerFields: [:], body: { nil })
        let response = try await makeClient(transport).send(APIRequest(method: .delete, path: "/x", operationID: "op"))
        #expect(response.status == .noContent && response.body.isEmpty)
    }

    @Test("a body over the limit is refused, by its known length or while streaming; at the limit it is read")
    func responseLimit() async throws {
        let request = APIRequest(method: .get, path: "/x", operationID: "op")
        let known = RecordingTransport(status: .ok, body: { HTTPBody(Data(repeating: 1, count: 11)) })
        let error = try await #require(throws: ResponseTooLargeError.self) {
            _ = try await makeClient(known, maximumResponseBytes: 10).send(request)
        }
        #expect(error.status == .ok && error.maximumBytes == 10 && error.headerFields[.contentType] == "application/json")

        let streamed = RecordingTransport(status: .ok, body: {
            HTTPBody(AsyncStream { continuation in
                for _ in 0..<3 { continuation.yield(ArraySlice(repeating: 2, count: 4)) }
                continuation.finish()
            }, length: .unknown)
        })
        await #expect(throws: ResponseTooLargeError.self) { _ = try await makeClient(streamed, maximumResponseBytes: 10).send(request) }
        let exact = try await makeClient(streamed, maximumResponseBytes: 12).send(request)
        #expect(exact.body == Data(repeating: 2, count: 12))
    }

    struct TransportFailure: Error, Equatable {}

    struct FailingTransport: ClientTransport {
        func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
            throw TransportFailure()
        }
    }

    @Test("a transport error is thrown as it is")
    func transportError() async {
        let client = APIClientCore(configuration: .init(serverURL: URL(string: "https://x.io")!, transport: FailingTransport()))
        await #expect(throws: TransportFailure()) { _ = try await client.send(APIRequest(method: .get, path: "/", operationID: "op")) }
    }

    @Test("makeHTTPRequest: the whole request without sending it")
    func makeRequest() throws {
        var request = APIRequest(method: .get, path: "/v1/customers/{id}", operationID: "op")
        try request.setPath("id", "a b")
        try request.addQuery("page", 1)
        let client = makeClient(RecordingTransport(), serverURL: "https://api.polar.sh/", security: [.bearer("tok")])
        let built = try client.makeHTTPRequest(request)
        #expect(built.request.path == "/v1/customers/a%20b?page=1")
        #expect(built.request.scheme == nil && built.request.authority == nil)
        #expect(built.baseURL.absoluteString == "https://api.polar.sh")
        #expect(built.body == nil)
        #expect(request.queryItems.map { "\($0.name)=\($0.value)" } == ["page=1"])

        // An operation's own server (the call's, else the operation's first) replaces the client's,
        // its trailing `/` removed as the client's is.
        request.serverURL = URL(string: "http://localhost:8000/")
        #expect(try client.makeHTTPRequest(request).baseURL.absoluteString == "http://localhost:8000")
    }
}
