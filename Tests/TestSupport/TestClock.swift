import Foundation

/// A virtual clock for tests of code that sleeps and measures time (retries, timeouts): its time
/// moves only when the test (manual) or a sleep (automatic) moves it, so elapsed times, give-up
/// points and intervals are exact, whatever the machine's load.
///
/// - `automatic`: every sleep returns at once and moves the time to its deadline, as if the sleeper
///   were the only thing waiting. For code where one sleep at a time is pending (a retry loop).
/// - `manual`: a sleep waits until ``advance(by:)`` moves the time to its deadline (or its task is
///   cancelled). For races between sleeps (a timeout against a slow answer); ``waitForSleepers(_:)``
///   tells when the sleeps to race have started.
public final class TestClock: Clock, @unchecked Sendable {
    /// A point in virtual time: the offset from the clock's start.
    public struct Instant: InstantProtocol, CustomStringConvertible {
        /// Time since the clock's start.
        public var offset: Duration

        /// The instant `offset` after the clock's start.
        public init(offset: Duration) { self.offset = offset }
        /// The instant `duration` later.
        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        /// The time from this instant to `other`.
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        /// Whether `lhs` comes first.
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
        /// `t+0.12 seconds`.
        public var description: String { "t+\(offset)" }
    }

    /// How sleeps end: at once (``automatic``) or when the test advances the time (``manual``).
    public enum Mode: Sendable {
        /// A sleep returns at once, the time moved to its deadline.
        case automatic
        /// A sleep waits for ``TestClock/advance(by:)``.
        case manual
    }

    private struct Sleeper {
        var deadline: Instant
        var continuation: CheckedContinuation<Void, any Error>
    }

    private let mode: Mode
    private let lock = NSLock()
    private var current = Instant(offset: .zero)
    private var pending: [Int: Sleeper] = [:]
    private var cancelled: Set<Int> = []
    private var nextID = 0
    private var requested: [Duration] = []

    /// A clock at offset zero.
    public init(_ mode: Mode) { self.mode = mode }

    /// The virtual time now.
    public var now: Instant { lock.withLock { current } }

    /// Time since the clock's start.
    public var elapsed: Duration { now.offset }

    /// Virtual time has no resolution limit.
    public var minimumResolution: Duration { .zero }

    /// Every sleep asked for, in order, as the duration from the time it was asked to its deadline.
    public var sleeps: [Duration] { lock.withLock { requested } }

    /// How many sleeps wait (manual mode).
    public var sleeperCount: Int { lock.withLock { pending.count } }

    /// Sleeps until `deadline` in virtual time; throws `CancellationError` when the task is cancelled.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        let id = lock.withLock {
            nextID += 1
            return nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                let outcome: Result<Void, any Error>? = lock.withLock {
                    requested.append(current.duration(to: deadline))
                    if cancelled.contains(id) { return .failure(CancellationError()) }
                    if mode == .automatic { current = max(current, deadline) }
                    if deadline <= current { return .success(()) }
                    pending[id] = Sleeper(deadline: deadline, continuation: continuation)
                    return nil
                }
                if let outcome { continuation.resume(with: outcome) }
            }
        } onCancel: {
            let sleeper = lock.withLock {
                cancelled.insert(id)
                return pending.removeValue(forKey: id)
            }
            sleeper?.continuation.resume(throwing: CancellationError())
        }
    }

    /// Moves the time on by `duration` and wakes every sleep whose deadline has come, earliest first.
    public func advance(by duration: Duration) {
        let due = lock.withLock {
            current = current.advanced(by: duration)
            let due = pending.filter { $0.value.deadline <= current }.sorted { $0.value.deadline < $1.value.deadline }
            for (id, _) in due { pending.removeValue(forKey: id) }
            return due.map(\.value.continuation)
        }
        for continuation in due { continuation.resume() }
    }

    /// Returns once at least `count` sleeps wait (manual mode), or after `limit` of real time (then
    /// false). Polls, so it takes no pool thread while it waits.
    public func waitForSleepers(_ count: Int, limit: Duration = .seconds(600)) async throws -> Bool {
        let start = ContinuousClock.now
        while sleeperCount < count {
            if ContinuousClock.now - start > limit { return false }
            try await Task.sleep(for: .milliseconds(1))
        }
        return true
    }

    /// Returns once no sleep waits (manual mode), or after `limit` of real time (then false).
    public func waitForNoSleepers(limit: Duration = .seconds(600)) async throws -> Bool {
        let start = ContinuousClock.now
        while sleeperCount > 0 {
            if ContinuousClock.now - start > limit { return false }
            try await Task.sleep(for: .milliseconds(1))
        }
        return true
    }
}
