import Foundation
import HTTPTypes
import OpenAPIRuntime

/// A wait of one attempt outlasted the request's timeout (the SDK's `httpx.TimeoutException`):
/// the wait for the response head, or for the next chunk of the response body.
///
/// The transport's call is cancelled before this is thrown, so its connection is released. It is a
/// connection error for ``RetryPolicy/retryConnectionErrors``, as `httpx.TimeoutException` is.
public struct RequestTimeoutError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The operation whose request timed out.
    public var operationID: String
    /// The timeout that expired.
    public var timeout: Duration

    /// An error for `operationID` after `timeout`.
    public init(operationID: String, timeout: Duration) {
        self.operationID = operationID
        self.timeout = timeout
    }

    /// `Request timed out: genImageToVideo, no answer within 5.0 seconds`.
    public var description: String {
        "Request timed out: \(operationID), no answer within \(timeout)"
    }
}

/// The timeout as httpx applies `Timeout(t)`: to each wait separately (connect, write, read,
/// pool), never to the whole exchange. Here: the transport call up to the response head, then
/// each wait for a body chunk.
enum RequestTimeout {
    /// `send()`, cancelled and replaced by ``RequestTimeoutError`` when it takes longer than
    /// `timeout`; its response body times out each chunk wait the same way.
    static func send(
        timeout: Duration?, operationID: String, clock: any Clock<Duration> = ContinuousClock(),
        _ send: @escaping @Sendable () async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard let timeout else { return try await send() }
        let (response, body) = try await race(timeout: timeout, operationID: operationID, clock: clock, send)
        return (response, body.map { timed($0, timeout: timeout, operationID: operationID, clock: clock) })
    }

    /// The first of `work` and the timer; the loser is cancelled and awaited (structured), so a
    /// timed-out transport call has ended when the error is thrown.
    static func race<T: Sendable>(
        timeout: Duration, operationID: String, clock: any Clock<Duration>, _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask { try await work() }
            group.addTask {
                try await clock.sleep(for: timeout)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let value = first else {
                throw RequestTimeoutError(operationID: operationID, timeout: timeout)
            }
            return value
        }
    }

    /// `body` with each wait for a chunk bounded by `timeout`. Chunks are read one at a time on
    /// demand, so nothing is read ahead of the consumer.
    static func timed(_ body: HTTPBody, timeout: Duration, operationID: String, clock: any Clock<Duration>) -> HTTPBody {
        HTTPBody(
            TimedChunks(upstream: body, timeout: timeout, operationID: operationID, clock: clock),
            length: body.length, iterationBehavior: .single)
    }
}

/// A body's chunks, each wait raced against the timeout. The upstream iterator lives in one
/// reader task (an iterator cannot be shared between tasks); the consumer asks it for each chunk.
struct TimedChunks: AsyncSequence, Sendable {
    typealias Element = ArraySlice<UInt8>

    let upstream: HTTPBody
    let timeout: Duration
    let operationID: String
    let clock: any Clock<Duration>

    struct AsyncIterator: AsyncIteratorProtocol {
        let demand: AsyncStream<Void>.Continuation
        var chunks: AsyncThrowingStream<ArraySlice<UInt8>, any Error>.Iterator
        let reader: Task<Void, Never>

        mutating func next() async throws -> ArraySlice<UInt8>? {
            demand.yield(())
            let reader = reader
            // A consumer cancelled while waiting stops the reader, and so the transport's read.
            return try await withTaskCancellationHandler { try await chunks.next() } onCancel: { reader.cancel() }
        }
    }

    func makeAsyncIterator() -> AsyncIterator {
        let (demand, demandContinuation) = AsyncStream<Void>.makeStream()
        let (chunks, chunkContinuation) = AsyncThrowingStream<ArraySlice<UInt8>, any Error>.makeStream()
        let upstream = upstream, timeout = timeout, operationID = operationID, clock = clock
        let reader = Task {
            var iterator = upstream.makeAsyncIterator()
            for await _ in demand {
                do {
                    // The watchdog ends the consumer's wait, then cancels this read.
                    let watchdog = Task {
                        try await clock.sleep(for: timeout)
                        chunkContinuation.finish(throwing: RequestTimeoutError(operationID: operationID, timeout: timeout))
                    }
                    let chunk = try await withTaskCancellationHandler { try await iterator.next() } onCancel: { watchdog.cancel() }
                    watchdog.cancel()
                    guard let chunk else { break }
                    chunkContinuation.yield(chunk)
                } catch {
                    chunkContinuation.finish(throwing: error)
                    return
                }
            }
            chunkContinuation.finish()
        }
        // The consumer gone (iterator dropped) or the stream finished by the watchdog: stop reading.
        chunkContinuation.onTermination = { _ in
            reader.cancel()
            demandContinuation.finish()
        }
        return AsyncIterator(demand: demandContinuation, chunks: chunks.makeAsyncIterator(), reader: reader)
    }
}

/// Time measured on a clock from the moment it is made. The clock's existential is opened once
/// here, because its instants can only be subtracted with their concrete type.
struct Stopwatch: Sendable {
    private let measure: @Sendable () -> Duration

    /// Starts measuring on `clock` now.
    init(_ clock: any Clock<Duration>) { measure = Self.start(clock) }

    /// The time since the stopwatch was made.
    var elapsed: Duration { measure() }

    private static func start<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }
}
