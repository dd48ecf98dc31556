import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Everything set once on a client.
public struct APIClientConfiguration: Sendable {
    /// The server the operations' paths are appended to; one trailing `/` is removed first
    /// (SDK-FACTS i.8, base + path).
    public var serverURL: URL
    /// What sends the requests (`URLSessionTransport`, `StreamingURLSessionTransport`, AsyncHTTPClient, a test double).
    public var transport: any ClientTransport
    /// Run in order around the transport: the first is outermost.
    public var middlewares: [any ClientMiddleware]
    /// Applied in order to every request; a later credential for the same header wins, as the
    /// SDK's later security field does (SDK-FACTS i.7).
    public var security: [SecurityCredential]
    /// Sent with every request; replaces a header of the same name set by the call (as the SDK's
    /// http_headers do, SDK-FACTS i.6).
    public var headers: HTTPFields
    /// Largest response body read into memory (default 64 MiB); larger → thrown error.
    public var maximumResponseBytes: Int
    /// Retries for every call that gives none (the SDK's `retry_config`); it wins over an
    /// operation's default policy (``APIRequest/defaultRetryPolicy``). Nil: the operation's default.
    public var retryPolicy: RetryPolicy?
    /// Bounds each wait of a request (the SDK's client `timeout_ms`, given to httpx as
    /// `Timeout(t)`): the response head of each attempt and each chunk of the response body, not
    /// the whole call. A call's ``APIRequest/timeout`` wins. Nil: no bound.
    public var timeout: Duration?
    /// Where retries' jitter comes from (``RetryRandomSource/seeded(_:)`` for reproducible runs).
    public var retryRandomSource: RetryRandomSource = .system
    /// What the retries and timeouts take their time from: the backoff sleeps, the
    /// ``RetryPolicy/maxElapsedTime`` measure and the ``timeout`` waits. `ContinuousClock` unless
    /// replaced, e.g. by a test's virtual clock, which makes those times exact.
    public var clock: any Clock<Duration> = ContinuousClock()

    /// A configuration; only the server and the transport are required.
    public init(
        serverURL: URL,
        transport: any ClientTransport,
        middlewares: [any ClientMiddleware] = [],
        security: [SecurityCredential] = [],
        headers: HTTPFields = [:],
        maximumResponseBytes: Int = 64 << 20,
        retryPolicy: RetryPolicy? = nil,
        timeout: Duration? = nil
    ) {
        self.serverURL = serverURL
        self.transport = transport
        self.middlewares = middlewares
        self.security = security
        self.headers = headers
        self.maximumResponseBytes = maximumResponseBytes
        self.retryPolicy = retryPolicy
        self.timeout = timeout
    }
}
