import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import OpenAPIRuntime

/// Retries a request as the SDK's `retry`/`retry_with_backoff` do (SDK-FACTS section r,
/// `friendli/core/utils/retries.py:182-329`): a response whose status is one of
/// ``statusCodes`` and, with ``RetryPolicy/retryConnectionErrors``, a connection error
/// (``isConnectionError(_:among:)``) is tried again after ``RetryPolicy/backoffInterval(retries:retryAfter:using:)``,
/// until ``RetryPolicy/maxElapsedTime`` has passed since the first attempt; then the last
/// retryable response is returned as it is (not an error) and the last connection error is thrown.
///
/// ``APIClientCore`` puts one outermost in the chain for each request, with the policy and statuses
/// that request resolved to (``APIClientCore/retryMiddleware(for:)``), so the configured middlewares
/// (auth, logging) run again on every attempt, as the SDK runs its `before_request` hook in every
/// attempt (`basesdk.py` `do_request`: the hook is inside the retried `do`). Only the head is
/// retried: the body of the response returned is the caller's to read (a streamed response is
/// never retried once returned). It can be used alone around any transport too.
///
/// The request body is sent again as it is; a body that can be iterated only once
/// (`HTTPBody.IterationBehavior.single`) is sent once, without retries, because it cannot be
/// replayed. A retried response's body is read to its end (up to 1 MiB, then dropped) so its
/// connection is released. A cancelled task stops at once, also in a backoff sleep, with
/// `CancellationError`.
///
/// The elapsed time and the backoff sleeps are measured and taken on ``clock``
/// (`ContinuousClock` unless given), so a test can run the algorithm on a virtual clock.
public struct RetryMiddleware: ClientMiddleware {
    /// The policy; strategy ``RetryPolicy/Strategy/none`` sends once.
    public var policy: RetryPolicy
    /// The retried statuses (`"429"`, `"5XX"`).
    public var statusCodes: [String]
    /// Which errors count as connection errors (``isConnectionError(_:among:)``).
    public var connectionErrors: RetriedConnectionErrors
    /// Where the jitter comes from.
    public var randomSource: RetryRandomSource
    /// What measures ``RetryPolicy/maxElapsedTime`` and sleeps the backoff intervals.
    public var clock: any Clock<Duration>

    /// A middleware retrying under `policy` the statuses `statusCodes` and the `connectionErrors`,
    /// timed on `clock`.
    public init(
        policy: RetryPolicy, statusCodes: [String], connectionErrors: RetriedConnectionErrors = .network,
        randomSource: RetryRandomSource = .system, clock: any Clock<Duration> = ContinuousClock()
    ) {
        self.policy = policy
        self.statusCodes = statusCodes
        self.connectionErrors = connectionErrors
        self.randomSource = randomSource
        self.clock = clock
    }

    /// Sends through `next`, again while the answer is retryable and time is left.
    public func intercept(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard policy.strategy == .backoff, body?.iterationBehavior != .single else {
            return try await Self.cancellationAware { try await next(request, body, baseURL) }
        }
        let stopwatch = Stopwatch(clock)
        var generator = randomSource.makeGenerator()
        var retries = 0
        while true {
            let retryAfter: Duration?
            do {
                let (response, responseBody) = try await next(request, body, baseURL)
                guard RetryPolicy.matches(response.status.code, codes: statusCodes),
                      stopwatch.elapsed <= policy.maxElapsedTime
                else { return (response, responseBody) }
                retryAfter = RetryPolicy.retryAfter(in: response.headerFields)
                await Self.discard(responseBody)
            } catch {
                if Task.isCancelled { throw CancellationError() }
                guard policy.retryConnectionErrors, Self.isConnectionError(error, among: connectionErrors),
                      stopwatch.elapsed <= policy.maxElapsedTime
                else { throw error }
                retryAfter = nil
            }
            // Throws CancellationError when the task is cancelled while it waits.
            try await clock.sleep(for: policy.backoffInterval(retries: retries, retryAfter: retryAfter, using: &generator))
            retries += 1
        }
    }

    /// Whether `error` is a connection error of the `kinds` the SDK retries (SDK-FACTS r.4):
    /// ``RequestTimeoutError`` and URLSession's or the POSIX socket's errors, by kind.
    /// - ``RetriedConnectionErrors/connecting`` (httpx `ConnectError`, `TimeoutException`): time-outs,
    ///   DNS, unreachable host, refused or failed (TLS) connection.
    /// - ``RetriedConnectionErrors/network`` (httpx `NetworkError`): also a connection lost while
    ///   reading or writing (reset, broken pipe, `networkConnectionLost`).
    /// - ``RetriedConnectionErrors/transport`` (httpx `TransportError`): also a reply that is not
    ///   HTTP, which is how URLSession on Linux reports a connection closed before the reply
    ///   (`badServerResponse`, -1011).
    public static func isConnectionError(_ error: any Error, among kinds: RetriedConnectionErrors = .network) -> Bool {
        switch error {
        case is RequestTimeoutError:
            return true
        case let error as URLError:
            let connecting: [URLError.Code] = [
                .timedOut, .cannotFindHost, .cannotConnectToHost, .dnsLookupFailed, .notConnectedToInternet, .secureConnectionFailed,
            ]
            let network: [URLError.Code] = [.networkConnectionLost, .cannotLoadFromNetwork]
            let transport: [URLError.Code] = [.badServerResponse, .cannotParseResponse]
            switch kinds {
            case .connecting: return connecting.contains(error.code)
            case .network: return (connecting + network).contains(error.code)
            case .transport: return (connecting + network + transport).contains(error.code)
            }
        case let error as POSIXError:
            let connecting: [POSIXErrorCode] = [.ECONNREFUSED, .ETIMEDOUT, .EHOSTUNREACH, .ENETUNREACH, .ENETDOWN]
            let network: [POSIXErrorCode] = [.ECONNRESET, .ECONNABORTED, .EPIPE, .ENOTCONN]
            return kinds == .connecting ? connecting.contains(error.code) : (connecting + network).contains(error.code)
        default:
            return false
        }
    }

    /// `work`, with any error thrown after the task was cancelled reported as `CancellationError`
    /// (a transport reports its cancelled call in its own way, e.g. `URLError.cancelled`).
    static func cancellationAware<T>(_ work: () async throws -> T) async throws -> T {
        do {
            return try await work()
        } catch {
            if Task.isCancelled { throw CancellationError() }
            throw error
        }
    }

    /// Reads a discarded body to its end, so a streaming transport's connection is released; a
    /// longer one is dropped after 1 MiB (dropping cancels the transport's read).
    static func discard(_ body: HTTPBody?) async {
        guard let body else { return }
        var remaining = 1 << 20
        do {
            for try await chunk in body {
                remaining -= chunk.count
                if remaining < 0 { return }
            }
        } catch {
            return  // the body is not needed: its error is not the request's
        }
    }
}
