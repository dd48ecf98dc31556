import Foundation
import HTTPTypes

/// Which failures to reach the server an SDK retries as connection errors: its retry loop's
/// `except` clause (SDK-FACTS r.4), narrowest first; each also retries time-outs.
public enum RetriedConnectionErrors: Sendable, Hashable, CaseIterable {
    /// Failing to connect (httpx `ConnectError`: polar, livepeer).
    case connecting
    /// Also a connection lost while reading or writing (httpx `NetworkError`: friendli).
    case network
    /// Also a reply that is not HTTP or a connection closed before it (httpx `TransportError`:
    /// unstructured; `requests`' `ConnectionError`: airbyte).
    case transport
}

/// How a request is retried: the Speakeasy SDK's `RetryConfig` with its `BackoffStrategy`
/// (SDK-FACTS section r, `friendli/core/utils/retries.py:12-92`).
///
/// Given per client (``APIClientConfiguration/retryPolicy``, the SDK's `retry_config`), per call
/// (``APIRequest/retries``, the SDK's `retries=` argument) or as an operation's default
/// (``APIRequest/defaultRetryPolicy``). A policy with strategy ``Strategy/none`` sends once.
public struct RetryPolicy: Sendable, Hashable {
    /// The SDK's `strategy`: `"none"` or `"backoff"`.
    public enum Strategy: String, Sendable, Hashable {
        /// One attempt, no retry.
        case none
        /// Exponential backoff with jitter.
        case backoff
    }

    /// Whether to retry at all.
    public var strategy: Strategy
    /// The first retry's base interval (`initial_interval`).
    public var initialInterval: Duration
    /// The cap on any computed interval (`max_interval`); a `Retry-After` delay is not capped.
    public var maxInterval: Duration
    /// The base of the growth: the n-th retry waits `initialInterval * exponent^n` plus jitter.
    public var exponent: Double
    /// No new attempt starts once this much time has passed since the first (`max_elapsed_time`).
    public var maxElapsedTime: Duration
    /// The jitter bound: a uniform value in `[0, jitter]` is added to each computed interval
    /// (friendli's `jitter_ms`; one second, as every SDK's default).
    public var jitter: Duration
    /// Whether connection errors and timeouts are retried (`retry_connection_errors`);
    /// see ``RetryMiddleware/isConnectionError(_:among:)``.
    public var retryConnectionErrors: Bool
    /// Retried statuses that replace the operation's when non-empty (`status_codes_override`).
    public var statusCodesOverride: [String]?

    /// A policy; the jitter defaults to the SDK's one second.
    public init(
        strategy: Strategy,
        initialInterval: Duration,
        maxInterval: Duration,
        exponent: Double,
        maxElapsedTime: Duration,
        jitter: Duration = .seconds(1),
        retryConnectionErrors: Bool,
        statusCodesOverride: [String]? = nil
    ) {
        self.strategy = strategy
        self.initialInterval = initialInterval
        self.maxInterval = maxInterval
        self.exponent = exponent
        self.maxElapsedTime = maxElapsedTime
        self.jitter = jitter
        self.retryConnectionErrors = retryConnectionErrors
        self.statusCodesOverride = statusCodesOverride
    }

    /// `RetryConfig("backoff", BackoffStrategy(initial, max, exponent, max_elapsed, jitter_ms), …)`,
    /// in the SDK's milliseconds; `jitterMs: nil` is the SDK's default `+[0, 1s]`.
    public static func backoff(
        initialIntervalMs: Int,
        maxIntervalMs: Int,
        exponent: Double,
        maxElapsedTimeMs: Int,
        jitterMs: Int? = nil,
        retryConnectionErrors: Bool,
        statusCodesOverride: [String]? = nil
    ) -> RetryPolicy {
        RetryPolicy(
            strategy: .backoff, initialInterval: .milliseconds(initialIntervalMs), maxInterval: .milliseconds(maxIntervalMs),
            exponent: exponent, maxElapsedTime: .milliseconds(maxElapsedTimeMs), jitter: .milliseconds(jitterMs ?? 1000),
            retryConnectionErrors: retryConnectionErrors, statusCodesOverride: statusCodesOverride)
    }

    /// `RetryConfig("none", …)`: one attempt, even when the client has a policy (a call's way to
    /// turn retries off, as the SDK's `retries=RetryConfig("none", …)`). Not named `none`, which
    /// would read as `Optional.none` (nil: "not given") where a `RetryPolicy?` is expected.
    public static let disabled = RetryPolicy(
        strategy: .none, initialInterval: .zero, maxInterval: .zero, exponent: 1, maxElapsedTime: .zero, retryConnectionErrors: false)

    /// The statuses retried under this policy: the override when non-empty (Python's `or`,
    /// `retries.py:92`), else the operation's.
    public func retriedStatusCodes(operationCodes: [String]?) -> [String] {
        if let statusCodesOverride, !statusCodesOverride.isEmpty { return statusCodesOverride }
        return operationCodes ?? []
    }

    /// Whether `status` is one of `codes`: `"5XX"`/`"5xx"` is the range 500-599 (any code with an
    /// `X` in it, its first digit), anything else an exact code (`retries.py:189-198`). A code
    /// that is neither matches nothing.
    public static func matches(_ status: Int, codes: [String]) -> Bool {
        codes.contains { code in
            if code.uppercased().contains("X") {
                guard let first = code.first, let range = first.wholeNumberValue else { return false }
                return status / 100 == range  // `range <= status / 100 < range + 1` for a non-negative status
            }
            return Int(code) == status
        }
    }

    /// The sleep before the retry that follows `retries` retries (0 before the first):
    /// a positive `retryAfter` as it is, else `initial * exponent^retries + uniform(0, jitter)`,
    /// at most `maxInterval` (`_get_sleep_interval`, `retries.py:147-179`).
    public func backoffInterval(
        retries: Int, retryAfter: Duration? = nil, using generator: inout some RandomNumberGenerator
    ) -> Duration {
        if let retryAfter, retryAfter > .zero { return retryAfter }
        var seconds = Self.seconds(initialInterval) * pow(exponent, Double(retries))
        let bound = Self.seconds(jitter)
        seconds += bound > 0 ? Double.random(in: 0...bound, using: &generator) : 0
        return .seconds(min(seconds, Self.seconds(maxInterval)))
    }

    /// The server's requested delay, in whole milliseconds as the SDK rounds it: `retry-after-ms`
    /// (a non-negative number) wins over `Retry-After` (seconds, or an HTTP date: the time left
    /// until it, at least zero). Nil when neither is present and valid (`retries.py:111-144, 279-282`).
    public static func retryAfter(in fields: HTTPFields, now: Date = Date()) -> Duration? {
        if let text = fields[HTTPField.Name("retry-after-ms")!], !text.isEmpty,
           let value = pythonFloat(text), value >= 0 {
            return .milliseconds(Int64(value.rounded(.toNearestOrEven)))
        }
        guard let text = fields[HTTPField.Name("retry-after")!], !text.isEmpty else { return nil }
        if let value = pythonFloat(text) { return .milliseconds(Int64((value * 1000).rounded(.toNearestOrEven))) }
        guard let date = httpDate(text) else { return nil }
        return .milliseconds(Int64((max(0, date.timeIntervalSince(now)) * 1000).rounded(.toNearestOrEven)))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    /// Python's `float(text)` for the values a header holds: surrounding spaces allowed; NaN and
    /// infinities refused (the SDK fails on them in `round`, so no delay is taken from them).
    private static func pythonFloat(_ text: String) -> Double? {
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite,
              abs(value) < 1e15 else { return nil }
        return value
    }

    /// An HTTP date as `email.utils.parsedate_to_datetime` reads the usual forms
    /// (`Sun, 06 Nov 1994 08:49:37 GMT`, with or without the weekday, or a numeric zone).
    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "dd MMM yyyy HH:mm:ss zzz", "EEE, dd MMM yyyy HH:mm:ss Z", "dd MMM yyyy HH:mm:ss Z"] {
            formatter.dateFormat = format
            if let date = formatter.date(from: trimmed) { return date }
        }
        return nil
    }
}

/// Where a retry's jitter comes from: the system's generator, or a seeded one for tests and
/// reproducible runs. A value: each request starts its own generator (no shared state).
public struct RetryRandomSource: Sendable, Hashable {
    private let seed: UInt64?

    /// `SystemRandomNumberGenerator`, as the SDK's `random.uniform`.
    public static let system = RetryRandomSource(seed: nil)

    /// A SplitMix64 generator from `seed`: every request draws the same sequence.
    public static func seeded(_ seed: UInt64) -> RetryRandomSource { RetryRandomSource(seed: seed) }

    /// A fresh generator for one request.
    public func makeGenerator() -> RetryRandomGenerator { RetryRandomGenerator(state: seed) }
}

/// The generator a ``RetryRandomSource`` makes.
public struct RetryRandomGenerator: RandomNumberGenerator, Sendable {
    var state: UInt64?

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        guard var z = state else {
            var system = SystemRandomNumberGenerator()
            return system.next()
        }
        // SplitMix64: small, fast and good enough for jitter.
        z &+= 0x9E37_79B9_7F4A_7C15
        state = z
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
