import DocModelClientRuntime
import Foundation
import HTTPTypes
import Testing

/// The SDK's backoff arithmetic (`retries.py` `_get_sleep_interval`), Retry-After parsing and
/// status patterns, as pure functions.
@Suite struct RetryPolicyTests {
    @Test("backoff(ms…) spells the SDK's BackoffStrategy(initial, max, exponent, max_elapsed)")
    func backoffSpelling() {
        let policy = RetryPolicy.backoff(initialIntervalMs: 500, maxIntervalMs: 60000, exponent: 1.5, maxElapsedTimeMs: 3_600_000, retryConnectionErrors: true)
        #expect(policy.strategy == .backoff)
        #expect(policy.initialInterval == .milliseconds(500))
        #expect(policy.maxInterval == .seconds(60))
        #expect(policy.maxElapsedTime == .seconds(3600))
        #expect(policy.jitter == .seconds(1))  // the SDK's default +[0, 1s]
        #expect(RetryPolicy.backoff(initialIntervalMs: 1, maxIntervalMs: 2, exponent: 2, maxElapsedTimeMs: 3, jitterMs: 7, retryConnectionErrors: false).jitter == .milliseconds(7))
    }

    @Test("interval n is initial·exponent^n + uniform(0, jitter), capped at max")
    func formulaAndBounds() {
        let policy = RetryPolicy.backoff(initialIntervalMs: 100, maxIntervalMs: 2000, exponent: 2, maxElapsedTimeMs: 60000, jitterMs: 50, retryConnectionErrors: true)
        var generator = RetryRandomSource.seeded(42).makeGenerator()
        for retries in 0..<8 {
            let base = 0.1 * pow(2, Double(retries))
            for _ in 0..<50 {
                let seconds = Self.seconds(policy.backoffInterval(retries: retries, using: &generator))
                #expect(seconds >= min(base, 2) - 1e-9)
                #expect(seconds <= min(base + 0.05, 2) + 1e-9)
            }
        }
        // Past the cap every draw is the cap.
        #expect(policy.backoffInterval(retries: 10, using: &generator) == .seconds(2))
    }

    @Test("a seeded source draws the same jitter every time; the draws spread over [0, jitter]")
    func seededJitter() {
        let policy = RetryPolicy.backoff(initialIntervalMs: 0, maxIntervalMs: 10000, exponent: 1, maxElapsedTimeMs: 1, retryConnectionErrors: true)
        var first = RetryRandomSource.seeded(7).makeGenerator()
        var second = RetryRandomSource.seeded(7).makeGenerator()
        let a = (0..<200).map { _ in Self.seconds(policy.backoffInterval(retries: 0, using: &first)) }
        let b = (0..<200).map { _ in Self.seconds(policy.backoffInterval(retries: 0, using: &second)) }
        #expect(a == b)
        #expect(a.allSatisfy { (0...1).contains($0) })
        #expect(a.min()! < 0.1 && a.max()! > 0.9)  // uniform over the SDK's default second
    }

    @Test("a positive Retry-After is used as it is, over max_interval; zero falls back to the backoff")
    func retryAfterOverridesBackoff() {
        let policy = RetryPolicy.backoff(initialIntervalMs: 10, maxIntervalMs: 20, exponent: 1.5, maxElapsedTimeMs: 1000, jitterMs: 0, retryConnectionErrors: true)
        var generator = RetryRandomSource.seeded(1).makeGenerator()
        #expect(policy.backoffInterval(retries: 3, retryAfter: .seconds(5), using: &generator) == .seconds(5))
        #expect(policy.backoffInterval(retries: 0, retryAfter: .zero, using: &generator) == .milliseconds(10))
        #expect(policy.backoffInterval(retries: 0, retryAfter: .milliseconds(-3000), using: &generator) == .milliseconds(10))
    }

    @Test("Retry-After in seconds or as an HTTP date; retry-after-ms wins; bad values are ignored")
    func retryAfterHeaders() {
        func parse(_ pairs: [(String, String)], now: Date = Date(timeIntervalSince1970: 784_111_777)) -> Duration? {
            var fields = HTTPFields()
            for (name, value) in pairs { fields.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
            return RetryPolicy.retryAfter(in: fields, now: now)
        }
        #expect(parse([]) == nil)
        #expect(parse([("Retry-After", "2")]) == .seconds(2))
        #expect(parse([("Retry-After", "1.5")]) == .milliseconds(1500))
        #expect(parse([("Retry-After", "0.0025")]) == .milliseconds(2))  // round half to even, as Python
        #expect(parse([("Retry-After", "soon")]) == nil)
        #expect(parse([("Retry-After", "nan")]) == nil)
        // 784111777 is Sun, 06 Nov 1994 08:49:37 GMT.
        #expect(parse([("Retry-After", "Sun, 06 Nov 1994 08:49:47 GMT")]) == .seconds(10))
        #expect(parse([("Retry-After", "Sun, 06 Nov 1994 08:49:27 GMT")]) == .zero)  // past: zero
        #expect(parse([("Retry-After", "2"), ("retry-after-ms", "250")]) == .milliseconds(250))
        #expect(parse([("Retry-After", "2"), ("retry-after-ms", "-1")]) == .seconds(2))  // negative ms ignored
        #expect(parse([("retry-after-ms", "12.6")]) == .milliseconds(13))
    }

    @Test("status patterns: 5XX and 5xx are ranges, others exact; the override replaces only when non-empty")
    func statusPatterns() {
        #expect(RetryPolicy.matches(503, codes: ["5XX"]))
        #expect(RetryPolicy.matches(599, codes: ["5xx"]))
        #expect(!RetryPolicy.matches(600, codes: ["5XX"]))
        #expect(!RetryPolicy.matches(499, codes: ["5XX"]))
        #expect(RetryPolicy.matches(429, codes: ["429", "500"]))
        #expect(!RetryPolicy.matches(428, codes: ["429", "500"]))
        #expect(!RetryPolicy.matches(500, codes: ["abc"]))
        let operationCodes = ["429", "500", "502", "503", "504"]
        var policy = RetryPolicy.backoff(initialIntervalMs: 1, maxIntervalMs: 1, exponent: 1, maxElapsedTimeMs: 1, retryConnectionErrors: true)
        #expect(policy.retriedStatusCodes(operationCodes: operationCodes) == operationCodes)
        #expect(policy.retriedStatusCodes(operationCodes: nil) == [])
        policy.statusCodesOverride = []
        #expect(policy.retriedStatusCodes(operationCodes: operationCodes) == operationCodes)
        policy.statusCodesOverride = ["4XX"]
        #expect(policy.retriedStatusCodes(operationCodes: operationCodes) == ["4XX"])
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
