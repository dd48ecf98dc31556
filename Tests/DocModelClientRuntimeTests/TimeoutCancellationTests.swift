import DocModelClientRuntime
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import OpenAPIRuntime
import OpenAPIURLSession
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A transport whose response body sends one chunk, then stalls until cancelled.
struct StallingBodyTransport: ClientTransport {
    let cancelled: Flag

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        let cancelled = cancelled
        let stream = AsyncStream<ArraySlice<UInt8>> { continuation in
            continuation.yield(ArraySlice("{\"a\":".utf8))
            continuation.onTermination = { _ in cancelled.set() }  // never finished by the server
        }
        return (HTTPResponse(status: .ok), HTTPBody(stream, length: .unknown, iterationBehavior: .single))
    }
}

/// True as soon as `condition` holds, polled every 10 ms; false when it still does not after
/// `limit` of real time. The limit is far beyond any scheduling delay: it only catches a hang.
func eventually(limit: Duration = .seconds(600), _ condition: () -> Bool) async throws -> Bool {
    let start = ContinuousClock.now
    while !condition() {
        if ContinuousClock.now - start > limit { return false }
        try await Task.sleep(for: .milliseconds(10))
    }
    return true
}

/// A thread-safe one-way flag.
final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

/// Timeouts (each wait of an attempt, as httpx's `Timeout(t)`) and cancellation, with test
/// transports and with URLSessionTransport against a socket on 127.0.0.1 that reads slowly.
///
/// The timeouts run on a ``TestClock``: the timer fires when the virtual time says so, never because
/// a busy machine delayed the answer it races against. The socket tests wait for what they check
/// (bytes read, the connection closed) with bounds far beyond any scheduling delay.
@Suite struct TimeoutCancellationTests {
    static let request = APIRequest(method: .get, path: "/slow", operationID: "slow:get")

    @Test("no response head within the timeout: RequestTimeoutError with the operation and the duration")
    func headTimeout() async throws {
        // The answer takes an hour of real time; the timer, on the automatic clock, fires at once.
        let transport = ScriptedTransport([.delay(.seconds(3600))])
        let clock = TestClock(.automatic)
        let client = RetryMiddlewareTests.client(transport, timeout: .milliseconds(100), clock: clock)
        await #expect(throws: RequestTimeoutError(operationID: "slow:get", timeout: .milliseconds(100))) {
            try await client.send(Self.request)
        }
        #expect(clock.sleeps == [.milliseconds(100)])
        #expect(transport.attempts.count == 1)
    }

    @Test("the call's timeout wins over the client's")
    func perCallWins() async throws {
        // The answer and the timer sleep on one manual clock; the test moves the time.
        let answered = TestClock(.manual)
        var request = Self.request
        request.timeout = .seconds(30)
        let longCall = RetryMiddlewareTests.client(ScriptedTransport([.delay(.seconds(1))], clock: answered), timeout: .milliseconds(50), clock: answered)
        let first = Task { [request] in try await longCall.send(request) }
        #expect(try await answered.waitForSleepers(2))  // the answer's delay and the timer
        answered.advance(by: .milliseconds(50))  // the client's timeout would fire here
        answered.advance(by: .milliseconds(950))  // the answer comes, before the call's 30 s
        #expect(try await first.value.status == .ok)

        let timedOut = TestClock(.manual)
        request.timeout = .milliseconds(50)
        let shortCall = RetryMiddlewareTests.client(ScriptedTransport([.delay(.seconds(1))], clock: timedOut), timeout: .seconds(30), clock: timedOut)
        let second = Task { [request] in try await shortCall.send(request) }
        #expect(try await timedOut.waitForSleepers(2))
        timedOut.advance(by: .milliseconds(50))  // the call's timeout fires; the answer's delay is cancelled
        if try await !timedOut.waitForNoSleepers() { timedOut.advance(by: .seconds(1)) }  // a wrong timeout: let it end
        await #expect(throws: RequestTimeoutError(operationID: "slow:get", timeout: .milliseconds(50))) { try await second.value }
    }

    @Test("a timeout is retried as a connection error, only when retry_connection_errors")
    func timeoutRetried() async throws {
        // The first answer takes an hour of real time: only the (virtual) timeout can end it.
        let retried = ScriptedTransport([.delay(.seconds(3600)), .status(200)])
        var request = RetryMiddlewareTests.request()
        request.timeout = .milliseconds(100)
        #expect(try await RetryMiddlewareTests.client(retried, policy: RetryMiddlewareTests.fast).send(request).status == .ok)
        #expect(retried.attempts.count == 2)

        var off = RetryMiddlewareTests.fast
        off.retryConnectionErrors = false
        let thrown = ScriptedTransport([.delay(.seconds(3600)), .status(200)])
        await #expect(throws: RequestTimeoutError.self) { try await RetryMiddlewareTests.client(thrown, policy: off).send(request) }
        #expect(thrown.attempts.count == 1)
    }

    @Test("a body chunk that does not come within the timeout: RequestTimeoutError, the body's read cancelled")
    func bodyChunkTimeout() async throws {
        let cancelled = Flag()
        let client = APIClientCore(configuration: APIClientConfiguration(
            serverURL: URL(string: "https://api.example.com")!, transport: StallingBodyTransport(cancelled: cancelled),
            timeout: .milliseconds(100)))
        await #expect(throws: RequestTimeoutError.self) { try await client.send(Self.request) }
        #expect(try await eventually { cancelled.isSet })
    }

    @Test("a task cancelled mid-upload ends with CancellationError and the server sees the connection closed")
    func cancelledDuringUpload() async throws {
        let server = try SlowReadServer()
        var request = APIRequest(method: .post, path: "/upload", operationID: "upload")
        request.setRawBody(Data(count: 32 << 20), contentType: "application/octet-stream")
        let client = APIClientCore(configuration: APIClientConfiguration(
            serverURL: URL(string: "http://127.0.0.1:\(server.port)")!, transport: URLSessionTransport(),
            retryPolicy: RetryMiddlewareTests.fast))
        let task = Task { try await client.send(request) }
        #expect(try await server.waitForBytes(256 << 10))  // the upload is under way
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
        server.drain()
        #expect(try await server.waitForClose())
        #expect(server.received < 32 << 20)  // closed before the whole body was sent
        #expect(server.connections == 1)  // cancelled: no retry
    }

    @Test("a timed-out upload releases its connection: the server sees it closed")
    func timeoutClosesConnection() async throws {
        let server = try SlowReadServer()
        var request = APIRequest(method: .post, path: "/upload", operationID: "upload")
        request.setRawBody(Data(count: 32 << 20), contentType: "application/octet-stream")
        request.timeout = .milliseconds(500)
        // The timeout fires when the test moves the clock: once the upload is under way.
        let clock = TestClock(.manual)
        var configuration = APIClientConfiguration(
            serverURL: URL(string: "http://127.0.0.1:\(server.port)")!, transport: URLSessionTransport())
        configuration.clock = clock
        let client = APIClientCore(configuration: configuration)
        let task = Task { [request] in try await client.send(request) }
        #expect(try await server.waitForBytes(256 << 10))
        #expect(try await clock.waitForSleepers(1))
        clock.advance(by: .milliseconds(500))
        await #expect(throws: RequestTimeoutError(operationID: "upload", timeout: .milliseconds(500))) { try await task.value }
        server.drain()
        #expect(try await server.waitForClose())
        #expect(server.received < 32 << 20)
    }
}

/// A one-connection server on 127.0.0.1 with a small receive buffer that reads 4 KiB every 10 ms
/// and never answers; it notes the bytes read and when the client closes the connection. After
/// ``drain()`` it reads at full speed, so what the client's kernel still had queued before its
/// close is read quickly and the end of the stream is seen.
final class SlowReadServer: @unchecked Sendable {
    let port: UInt16
    private let lock = NSLock()
    private var bytes = 0
    private var closed = false
    private var accepted = 0
    private var draining = false

    /// Bytes read so far.
    var received: Int { lock.withLock { bytes } }

    var connections: Int { lock.withLock { accepted } }

    init() throws {
        // 16 KiB of receive buffer, inherited by the accepted socket: the client's writes block soon.
        let bound = try LoopbackListener(backlog: 4, receiveBufferSize: 16 << 10)
        port = bound.port
        Thread.detachNewThread { [self] in serve(bound.descriptor) }
    }

    private func serve(_ listener: Int32) {
        defer { close(listener) }
        var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 600_000) == 1 else { return }
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { return }
        defer { close(connection) }
        lock.withLock { accepted += 1 }
        var buffer = [UInt8](repeating: 0, count: 4096)  // 4 KiB per read, 400 KiB/s until drained
        let deadline = Date().addingTimeInterval(600)
        while Date() < deadline {
            let count = recv(connection, &buffer, buffer.count, 0)
            if count <= 0 { break }  // 0: the client closed; < 0: reset
            if !lock.withLock({ bytes += count; return draining }) { usleep(10_000) }
        }
        lock.withLock { closed = true }
    }

    /// Reads at full speed from now on.
    func drain() { lock.withLock { draining = true } }

    /// True once `count` bytes were read (false after 10 minutes: only a hang, never a slow machine).
    func waitForBytes(_ count: Int) async throws -> Bool {
        try await eventually { self.lock.withLock { self.bytes >= count } }
    }

    /// True once the client closed the connection (false after 10 minutes).
    func waitForClose() async throws -> Bool {
        try await eventually { self.lock.withLock { self.closed } }
    }
}
