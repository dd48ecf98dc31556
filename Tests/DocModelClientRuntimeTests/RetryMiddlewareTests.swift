import DocModelClientRuntime
import DocModelRuntime
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import OpenAPIRuntime
import Testing
import TestSupport

/// A transport that answers attempt n with the n-th scripted outcome (the last one repeats) and
/// records each attempt's body and its time on the test clock.
final class ScriptedTransport: ClientTransport, @unchecked Sendable {
    enum Outcome: Sendable {
        case status(Int, HTTPFields = [:])
        case error(any Error)
        /// Waits (cancellably) this long on the transport's clock, then answers 200.
        case delay(Duration)
    }

    struct Attempt: Sendable {
        var body: Data?
        /// The clock's time when the attempt reached the transport (zero without a clock).
        var time: Duration
        var headerFields: HTTPFields
    }

    private let lock = NSLock()
    private var recorded: [Attempt] = []
    private let script: [Outcome]
    private let clock: TestClock?

    /// `clock` stamps the attempts and times `.delay` (real time without one).
    init(_ script: [Outcome], clock: TestClock? = nil) {
        self.script = script
        self.clock = clock
    }

    var attempts: [Attempt] { lock.withLock { recorded } }

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        var data: Data?
        if let body { data = try await Data(collecting: body, upTo: .max) }
        let index = lock.withLock {
            recorded.append(Attempt(body: data, time: clock?.elapsed ?? .zero, headerFields: request.headerFields))
            return recorded.count - 1
        }
        switch script[min(index, script.count - 1)] {
        case .status(let code, let fields):
            return (HTTPResponse(status: .init(code: code), headerFields: fields), HTTPBody("attempt \(index + 1)"))
        case .error(let error):
            throw error
        case .delay(let duration):
            if let clock { try await clock.sleep(for: duration) } else { try await Task.sleep(for: duration) }
            return (HTTPResponse(status: .ok), HTTPBody("late"))
        }
    }
}

/// Counts the attempts it sees and stamps each one, as an auth middleware would.
struct StampMiddleware: ClientMiddleware {
    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        request.headerFields[HTTPField.Name("x-stamp")!] = UUID().uuidString
        return try await next(request, body, baseURL)
    }
}

/// A multipart body with a text part and a 5000-byte file.
struct Upload: MultipartFormEncodable {
    func multipartParts() throws -> [DocModelRuntime.MultipartPart] {
        [.text(name: "name", value: "cat"),
         .file(name: "file", filename: "cat.png", content: .bytes(Data((0..<5000).map { UInt8($0 % 251) })), contentType: "image/png")]
    }
}

/// RetryMiddleware through APIClientCore: which answers are retried, when it gives up, which
/// policy wins, what is resent. The clients run on a ``TestClock``, so the backoff sleeps take no
/// real time and every elapsed time is exact, however busy the machine is.
@Suite struct RetryMiddlewareTests {
    static let fast = RetryPolicy.backoff(initialIntervalMs: 1, maxIntervalMs: 5, exponent: 1.5, maxElapsedTimeMs: 10_000, jitterMs: 1, retryConnectionErrors: true)
    static let sdkCodes = ["429", "500", "502", "503", "504"]

    /// A client sending through `transport`, timed on `clock` (a fresh automatic one by default).
    static func client(
        _ transport: ScriptedTransport, policy: RetryPolicy? = nil, timeout: Duration? = nil, middlewares: [any ClientMiddleware] = [],
        clock: TestClock = TestClock(.automatic)
    ) -> APIClientCore {
        var configuration = APIClientConfiguration(
            serverURL: URL(string: "https://api.example.com")!, transport: transport, middlewares: middlewares,
            retryPolicy: policy, timeout: timeout)
        configuration.clock = clock
        return APIClientCore(configuration: configuration)
    }

    static func request(codes: [String]? = sdkCodes) -> APIRequest {
        var request = APIRequest(method: .post, path: "/things", operationID: "things:create")
        request.retryStatusCodes = codes
        return request
    }

    @Test("each SDK status is retried, then the success is returned", arguments: [429, 500, 502, 503, 504])
    func retriedStatuses(code: Int) async throws {
        let clock = TestClock(.automatic)
        let transport = ScriptedTransport([.status(code), .status(code), .status(200)], clock: clock)
        let response = try await Self.client(transport, policy: Self.fast, clock: clock).send(Self.request())
        #expect(response.status == .ok)
        #expect(transport.attempts.count == 3)
        // initial·1.5^n + [0, 1 ms], each between the attempts.
        let sleeps = clock.sleeps
        try #require(sleeps.count == 2)
        for (retries, sleep) in sleeps.enumerated() {
            let base: Duration = .microseconds(1000 * pow(1.5, Double(retries)))
            #expect(sleep >= base && sleep <= base + .milliseconds(1), "sleep \(retries)")
        }
        let times: [Duration] = [.zero, sleeps[0], sleeps[0] + sleeps[1]]
        #expect(transport.attempts.map(\.time) == times)
    }

    @Test("the intervals grow by the exponent up to max_interval; attempts stop once max_elapsed_time has passed")
    func intervalsAndGiveUp() async throws {
        let policy = RetryPolicy.backoff(initialIntervalMs: 10, maxIntervalMs: 50, exponent: 2, maxElapsedTimeMs: 200, jitterMs: 0, retryConnectionErrors: true)
        let clock = TestClock(.automatic)
        let transport = ScriptedTransport([.status(503)], clock: clock)
        #expect(try await Self.client(transport, policy: policy, clock: clock).send(Self.request()).status.code == 503)
        #expect(clock.sleeps == [10, 20, 40, 50, 50, 50].map { .milliseconds($0) })
        // Attempts at 0, 10, 30, 70, 120, 170 ms (within 200: retried) and 220 ms (past it: returned).
        #expect(transport.attempts.map(\.time) == [0, 10, 30, 70, 120, 170, 220].map { .milliseconds($0) })
    }

    @Test("a status outside the list is returned at once; 5XX covers 501")
    func unlistedStatus() async throws {
        let once = ScriptedTransport([.status(501), .status(200)])
        #expect(try await Self.client(once, policy: Self.fast).send(Self.request()).status.code == 501)
        #expect(once.attempts.count == 1)
        let range = ScriptedTransport([.status(501), .status(200)])
        #expect(try await Self.client(range, policy: Self.fast).send(Self.request(codes: ["5XX"])).status == .ok)
        #expect(range.attempts.count == 2)
    }

    @Test("past max_elapsed_time the last retryable response is returned, not thrown")
    func givesUpWithLastResponse() async throws {
        let policy = RetryPolicy.backoff(initialIntervalMs: 20, maxIntervalMs: 20, exponent: 1, maxElapsedTimeMs: 100, jitterMs: 0, retryConnectionErrors: true)
        let clock = TestClock(.automatic)
        let transport = ScriptedTransport([.status(503)], clock: clock)
        let response = try await Self.client(transport, policy: policy, clock: clock).send(Self.request())
        #expect(response.status.code == 503)
        #expect(response.body == Data("attempt 7".utf8))  // the last one's body
        // The attempt at 100 ms is within max_elapsed_time (`<=`, as the SDK): one more at 120 ms, the last.
        #expect(transport.attempts.map(\.time) == (0...6).map { .milliseconds(20 * $0) })
        #expect(clock.elapsed == .milliseconds(120))
    }

    @Test("a connection error is retried when retry_connection_errors, else thrown at once")
    func connectionErrors() async throws {
        let lost = URLError(.networkConnectionLost)
        let retried = ScriptedTransport([.error(lost), .error(URLError(.cannotConnectToHost)), .status(200)])
        #expect(try await Self.client(retried, policy: Self.fast).send(Self.request()).status == .ok)
        #expect(retried.attempts.count == 3)

        var off = Self.fast
        off.retryConnectionErrors = false
        let thrown = ScriptedTransport([.error(lost), .status(200)])
        await #expect(throws: URLError.self) { try await Self.client(thrown, policy: off).send(Self.request()) }
        #expect(thrown.attempts.count == 1)

        // Not a connection error: never retried.
        let other = ScriptedTransport([.error(URLError(.badURL)), .status(200)])
        await #expect(throws: URLError.self) { try await Self.client(other, policy: Self.fast).send(Self.request()) }
        #expect(other.attempts.count == 1)
    }

    @Test("which connection errors retry is the SDK's kind, given by the operation (network when not)")
    func connectionErrorKinds() async throws {
        func attempts(_ error: URLError, kinds: RetriedConnectionErrors?) async -> Int {
            let transport = ScriptedTransport([.error(error), .status(200)])
            var request = Self.request()
            request.retriedConnectionErrors = kinds
            _ = try? await Self.client(transport, policy: Self.fast).send(request)
            return transport.attempts.count
        }
        // A connection closed before the status line, as URLSession on Linux reports it: only an
        // SDK that retries any transport error (unstructured's `httpx.TransportError`) tries again.
        let dropped = URLError(.badServerResponse)
        #expect(await attempts(dropped, kinds: .transport) == 2)
        #expect(await attempts(dropped, kinds: .network) == 1)
        #expect(await attempts(dropped, kinds: nil) == 1)
        // A connection lost mid-exchange: friendli's `NetworkError`, not polar's `ConnectError`.
        let lost = URLError(.networkConnectionLost)
        #expect(await attempts(lost, kinds: .network) == 2)
        #expect(await attempts(lost, kinds: .connecting) == 1)
        // Failing to connect retries under every kind.
        for kinds in [RetriedConnectionErrors.connecting, .network, .transport] {
            #expect(await attempts(URLError(.cannotConnectToHost), kinds: kinds) == 2)
        }
        #expect(RetryMiddleware.isConnectionError(POSIXError(.ECONNRESET), among: .network))
        #expect(!RetryMiddleware.isConnectionError(POSIXError(.ECONNRESET), among: .connecting))
        #expect(RetryMiddleware.isConnectionError(RequestTimeoutError(operationID: "op", timeout: .seconds(1)), among: .connecting))
    }

    @Test("past max_elapsed_time a connection error is rethrown")
    func givesUpWithError() async throws {
        let policy = RetryPolicy.backoff(initialIntervalMs: 10, maxIntervalMs: 10, exponent: 1, maxElapsedTimeMs: 50, jitterMs: 0, retryConnectionErrors: true)
        let clock = TestClock(.automatic)
        let transport = ScriptedTransport([.error(URLError(.cannotConnectToHost))], clock: clock)
        await #expect(throws: URLError.self) { try await Self.client(transport, policy: policy, clock: clock).send(Self.request()) }
        #expect(transport.attempts.map(\.time) == (0...6).map { .milliseconds(10 * $0) })
    }

    @Test("Retry-After sets the wait")
    func retryAfterWait() async throws {
        let clock = TestClock(.automatic)
        let transport = ScriptedTransport(
            [.status(429, [HTTPField.Name("Retry-After")!: "0.2"]), .status(503, [HTTPField.Name("retry-after-ms")!: "7000"]), .status(200)],
            clock: clock)
        #expect(try await Self.client(transport, policy: Self.fast, clock: clock).send(Self.request()).status == .ok)
        // Exactly the server's delays, the second over max_interval (5 ms).
        #expect(clock.sleeps == [.milliseconds(200), .seconds(7)])
        #expect(transport.attempts.map(\.time) == [.zero, .milliseconds(200), .milliseconds(7200)])
    }

    @Test("a multipart body is resent byte for byte; the middlewares run on every attempt")
    func bodyResentIntact() async throws {
        var request = Self.request()
        try request.setMultipartBody(Upload())
        let transport = ScriptedTransport([.status(500), .status(502), .status(200)])
        _ = try await Self.client(transport, policy: Self.fast, middlewares: [StampMiddleware()]).send(request)
        let attempts = transport.attempts
        #expect(attempts.count == 3)
        #expect(attempts.allSatisfy { $0.body == request.body })
        let stamps = Set(attempts.compactMap { $0.headerFields[HTTPField.Name("x-stamp")!] })
        #expect(stamps.count == 3)  // the stamp middleware ran again each time
    }

    @Test("a body that can be iterated only once is sent once")
    func singlePassBodyNotRetried() async throws {
        let transport = ScriptedTransport([.status(503), .status(200)])
        let middleware = RetryMiddleware(policy: Self.fast, statusCodes: Self.sdkCodes)
        let body = HTTPBody(AsyncStream<ArraySlice<UInt8>> { $0.yield([1, 2]); $0.finish() }, length: .known(2), iterationBehavior: .single)
        let (response, _) = try await middleware.intercept(
            HTTPRequest(method: .post, scheme: nil, authority: nil, path: "/"), body: body, baseURL: URL(string: "https://x")!,
            operationID: "op") { try await transport.send($0, body: $1, baseURL: $2, operationID: "op") }
        #expect(response.status.code == 503)
        #expect(transport.attempts.count == 1)
    }

    @Test("the call's policy wins over the client's, the client's over the operation's default")
    func resolutionOrder() async throws {
        let fiveTries = ScriptedTransport([.status(503), .status(503), .status(503), .status(503), .status(200)])
        func send(call: RetryPolicy?, client: RetryPolicy?, operation: RetryPolicy?, transport: ScriptedTransport) async throws -> Int {
            var request = Self.request()
            request.retries = call
            request.defaultRetryPolicy = operation
            return try await Self.client(transport, policy: client).send(request).status.code
        }
        // The operation's default alone retries.
        #expect(try await send(call: nil, client: nil, operation: Self.fast, transport: fiveTries) == 200)
        // The client's `none` beats the operation's default.
        let clientOff = ScriptedTransport([.status(503), .status(200)])
        #expect(try await send(call: nil, client: .disabled, operation: Self.fast, transport: clientOff) == 503)
        #expect(clientOff.attempts.count == 1)
        // The call's policy beats the client's `none`.
        let callOn = ScriptedTransport([.status(503), .status(200)])
        #expect(try await send(call: Self.fast, client: .disabled, operation: nil, transport: callOn) == 200)
        // The call's `none` beats both.
        let callOff = ScriptedTransport([.status(503), .status(200)])
        #expect(try await send(call: .disabled, client: Self.fast, operation: Self.fast, transport: callOff) == 503)
        // No policy anywhere: one attempt.
        let nothing = ScriptedTransport([.status(503), .status(200)])
        #expect(try await send(call: nil, client: nil, operation: nil, transport: nothing) == 503)
        // The call's status override replaces the operation's codes.
        var override = Self.fast
        override.statusCodesOverride = ["418"]
        let teapot = ScriptedTransport([.status(418), .status(503), .status(200)])
        #expect(try await send(call: override, client: nil, operation: nil, transport: teapot) == 503)
        #expect(teapot.attempts.count == 2)
    }

    @Test("a task cancelled during the backoff stops at once with CancellationError")
    func cancelledDuringBackoff() async throws {
        let slow = RetryPolicy.backoff(initialIntervalMs: 30_000, maxIntervalMs: 60_000, exponent: 1.5, maxElapsedTimeMs: 3_600_000, retryConnectionErrors: true)
        // A manual clock: the backoff sleep never ends by itself, so only the cancellation can end it.
        let clock = TestClock(.manual)
        let transport = ScriptedTransport([.status(503)], clock: clock)
        let client = Self.client(transport, policy: slow, clock: clock)
        let task = Task { try await client.send(Self.request()) }
        #expect(try await clock.waitForSleepers(1))
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        #expect(transport.attempts.count == 1)
        #expect(clock.elapsed == .zero)
    }
}
