import Foundation
import HTTPTypes
import OpenAPIRuntime
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A `ClientTransport` over URLSession that streams the response body on Linux as on Apple
/// platforms: each chunk is handed to the reader as URLSession's data delegate receives it.
///
/// swift-openapi-urlsession's `URLSessionTransport` reads the whole body before `send` returns on
/// Linux; this transport returns as soon as the response head is in, so an ``EventStream`` yields
/// each event when it arrives and a long body is never held whole.
///
/// - **Back-pressure.** Received chunks wait in a buffer until read. When it holds
///   ``Watermarks/high`` bytes or more, receiving stops until the reader has brought it down to
///   ``Watermarks/low``; the server is then held back by TCP flow control.
///   On Apple platforms the task is suspended (`URLSessionTask.suspend()`) and resumed.
///   On Linux (swift-corelibs-foundation) `suspend()` cannot be used: it takes libcurl's handle off
///   the session, which drops the connection, and `resume()` starts the request over. There, only
///   with ``Watermarks/holdsLibcurlOnLinux``, the session's delegate queue holds libcurl's thread
///   while the buffer is full, so libcurl stops reading the socket and the buffer stays under
///   `high` plus three libcurl reads (16 KiB each); that thread is shared by every URLSession of
///   the process (see the flag's caveats). Without it the Linux buffer is unbounded. Each request
///   gets its own URLSession on Linux (no connection reuse between requests).
/// - **Cancellation.** Dropping the body's iterator (leaving a `for try await` loop early) or
///   cancelling the calling task cancels the URLSession task, which closes the connection; the
///   reader gets `CancellationError` at once. On Linux the cancellation reaches libcurl when its
///   thread next has nothing to read: a server that writes faster than the socket is read (a
///   bulk body over loopback) is read to its end first, and the rest of the body is dropped, not
///   buffered.
/// - **Request bodies** are read into memory before the request starts (a retried request reads a
///   replayable body again), so upload size is bounded by memory.
/// - **Sessions.** On Apple platforms one URLSession per transport value (copies share it), so
///   connections are reused; its tasks are routed to their responses by task identifier, and it is
///   invalidated when the last copy of the transport is released (running tasks finish first).
///   On Linux one URLSession per request (see back-pressure), invalidated when its task ends.
///
/// ```swift
/// let client = LivepeerClient(serverURL: gateway, transport: StreamingURLSessionTransport())
/// ```
public struct StreamingURLSessionTransport: ClientTransport {
    /// When the task is suspended (buffered bytes reach `high`) and resumed (down to `low`).
    public struct Watermarks: Sendable, Equatable {
        /// Buffered bytes at which the task is suspended.
        public var high: Int
        /// Buffered bytes at or below which a suspended task is resumed.
        public var low: Int

        /// Linux only: hold libcurl's thread while the buffer is full (off by default; Apple
        /// platforms always bound the buffer). swift-corelibs-foundation runs every URLSession of
        /// the process on that one thread, so while a reader lags, all URLSession traffic of the
        /// process waits, and URLSession calls made meanwhile (`dataTask`, `cancel`) block their
        /// thread; with every cooperative thread blocked so, the lagging reader cannot run and the
        /// process deadlocks. Turn it on only where one stream at a time runs through URLSession.
        /// Off, the buffer on Linux is unbounded: a reader slower than the network holds the rest of
        /// the body in memory.
        public var holdsLibcurlOnLinux: Bool

        /// Watermarks in bytes (`low` is clamped to `0...high`); 1 MiB and 256 KiB by default.
        public init(high: Int = 1 << 20, low: Int = 1 << 18, holdsLibcurlOnLinux: Bool = false) {
            self.high = max(1, high)
            self.low = min(max(0, low), self.high)
            self.holdsLibcurlOnLinux = holdsLibcurlOnLinux
        }
    }

    /// The watermarks of every response's buffer.
    public let watermarks: Watermarks
    #if canImport(Darwin)
    private let session: SessionBox
    #else
    private let configuration: ConfigurationBox
    #endif
    /// Testing hook: called with the buffered byte count each time a chunk is buffered.
    let bufferObserver: (@Sendable (Int) -> Void)?

    /// A transport with its own URLSession made from `configuration` (copied).
    ///
    /// `.ephemeral` by default: an API client keeps no cookies, cache or credentials on disk.
    /// URLSession's `timeoutIntervalForRequest` (60 s by default) is the longest silence between
    /// two chunks; raise it for event streams that can be quiet longer.
    public init(configuration: URLSessionConfiguration = .ephemeral, watermarks: Watermarks = Watermarks()) {
        self.init(configuration: configuration, watermarks: watermarks, bufferObserver: nil)
    }

    init(configuration: URLSessionConfiguration, watermarks: Watermarks, bufferObserver: (@Sendable (Int) -> Void)?) {
        self.watermarks = watermarks
        self.bufferObserver = bufferObserver
        #if canImport(Darwin)
        self.session = SessionBox(configuration: configuration, queue: OperationQueue())
        #else
        self.configuration = ConfigurationBox(configuration.copy() as! URLSessionConfiguration)
        #endif
    }

    /// Sends `request` and returns when the response head is in; the body streams from there.
    public func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        try Task.checkCancellation()
        var urlRequest = try Self.urlRequest(request, baseURL: baseURL)
        if let body {
            // From memory: bound InputStream pairs (uploadTask(withStreamedRequest:)) are not
            // implemented by swift-corelibs-foundation, and a retry needs the bytes again anyway.
            urlRequest.httpBody = try await Data(collecting: body, upTo: .max)
        }
        let stream = ResponseStream(watermarks: watermarks, observer: bufferObserver)
        #if canImport(Darwin)
        let session = self.session
        #else
        let session = SessionBox(configuration: configuration.value, queue: GatedOperationQueue(stream, holds: watermarks.holdsLibcurlOnLinux))
        #endif
        let task = session.session.dataTask(with: urlRequest)
        session.delegate.register(stream, for: task)
        #if !canImport(Darwin)
        // This session's one task runs to its end. Now, before any chunk can fill the buffer and
        // hold libcurl's thread, which swift-corelibs-foundation's invalidation waits for.
        session.session.finishTasksAndInvalidate()
        #endif
        let response = try await withTaskCancellationHandler {
            try await stream.head(starting: task)
        } onCancel: {
            stream.cancel()
        }
        var fields = HTTPFields()
        for (name, value) in response.allHeaderFields {
            if let text = name as? String, let name = HTTPField.Name(text), let value = value as? String {
                fields.append(HTTPField(name: name, value: value))
            }
        }
        let head = HTTPResponse(status: .init(code: response.statusCode), headerFields: fields)
        // URLSession decodes gzip and deflate, so a Content-Length is the body's only without them.
        let length: HTTPBody.Length =
            response.expectedContentLength >= 0 && fields[.contentEncoding] == nil ? .known(response.expectedContentLength) : .unknown
        return (head, HTTPBody(ResponseChunks(stream: stream), length: length, iterationBehavior: .single))
    }

    static func urlRequest(_ request: HTTPRequest, baseURL: URL) throws -> URLRequest {
        // The base URL's path, then the request's path and query, as swift-openapi-urlsession joins them.
        guard var components = URLComponents(string: baseURL.absoluteString),
            let requestComponents = URLComponents(string: request.path ?? "")
        else { throw URLError(.badURL) }
        components.percentEncodedPath += requestComponents.percentEncodedPath
        components.percentEncodedQuery = requestComponents.percentEncodedQuery
        guard let url = components.url else { throw URLError(.badURL) }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method.rawValue
        for field in request.headerFields {
            urlRequest.addValue(field.value, forHTTPHeaderField: field.name.rawName)
        }
        return urlRequest
    }
}

/// A URLSession and its delegate; invalidated when released (running tasks finish first).
final class SessionBox: Sendable {
    let session: URLSession
    let delegate: SessionDelegate

    init(configuration: URLSessionConfiguration, queue: OperationQueue) {
        delegate = SessionDelegate()
        queue.maxConcurrentOperationCount = 1  // chunks in order
        session = URLSession(configuration: configuration.copy() as! URLSessionConfiguration, delegate: delegate, delegateQueue: queue)
    }

    #if canImport(Darwin)
    deinit {
        // Running tasks (a body still being read) finish; then the session lets go of its delegate.
        session.finishTasksAndInvalidate()
    }
    #endif
    // Linux: `send` invalidates its session before the task starts. Not here: swift-corelibs-foundation
    // waits for libcurl's thread, which a full buffer holds, and the reader may not have started.
}

#if !canImport(Darwin)
/// The configuration each request's session is made from (copied on use, never changed).
final class ConfigurationBox: @unchecked Sendable {
    let value: URLSessionConfiguration
    init(_ value: URLSessionConfiguration) { self.value = value }
}

/// The delegate queue of one request's session on Linux: swift-corelibs-foundation calls
/// `addOperation` on libcurl's thread for each chunk, so waiting here while the buffer is full
/// stops libcurl reading the socket (and stalls only this session).
final class GatedOperationQueue: OperationQueue, @unchecked Sendable {
    private let stream: ResponseStream
    private let holds: Bool

    init(_ stream: ResponseStream, holds: Bool) {
        self.stream = stream
        self.holds = holds
        super.init()
    }

    override func addOperation(_ block: @escaping @Sendable () -> Void) {
        if holds { stream.waitForRoom() }
        let stream = self.stream
        super.addOperation {
            block()
            stream.operationRan()
        }
    }
}
#endif

/// Routes the session's delegate calls to each task's ``ResponseStream``.
final class SessionDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {  // state under `lock`
    private let lock = NSLock()
    private var streams: [Int: ResponseStream] = [:]

    func register(_ stream: ResponseStream, for task: URLSessionTask) {
        lock.withLock { streams[task.taskIdentifier] = stream }
        stream.attach(task)
    }

    private func stream(for task: URLSessionTask, removing: Bool = false) -> ResponseStream? {
        lock.withLock { removing ? streams.removeValue(forKey: task.taskIdentifier) : streams[task.taskIdentifier] }
    }

    func urlSession(
        _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
        completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
    ) {
        stream(for: dataTask)?.receive(head: response)
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        stream(for: dataTask)?.receive(data)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
        stream(for: task, removing: true)?.finish(error)
    }
}

/// One response: the head's waiter, the buffered chunks, the reader's waiter, suspension.
final class ResponseStream: @unchecked Sendable {  // state under `lock`
    struct NoHTTPResponse: Error {}

    /// Guards the state; on Linux also what ``waitForRoom()`` waits on.
    private let lock = NSCondition()
    private let watermarks: StreamingURLSessionTransport.Watermarks
    private let observer: (@Sendable (Int) -> Void)?
    private var task: URLSessionTask?
    private var headWaiter: CheckedContinuation<HTTPURLResponse, any Error>?
    private var head: Result<HTTPURLResponse, any Error>?
    private var chunks: [Data] = []
    private var firstChunk = 0
    private var buffered = 0
    /// Receiving is stopped: set at `high` buffered bytes, cleared at `low`.
    private var suspended = false
    /// Delegate operations queued and not yet run (Linux).
    private var pending = 0
    private var reader: CheckedContinuation<Data?, any Error>?
    /// Set when the task completed or was cancelled: what the reader gets after the buffer.
    private var end: Result<Void, any Error>?

    init(watermarks: StreamingURLSessionTransport.Watermarks, observer: (@Sendable (Int) -> Void)?) {
        self.watermarks = watermarks
        self.observer = observer
    }

    func attach(_ task: URLSessionTask) { lock.withLock { self.task = task } }

    /// Starts the task and waits for the response head.
    func head(starting task: URLSessionTask) async throws -> HTTPURLResponse {
        try await withCheckedThrowingContinuation { continuation in
            let ready: Result<HTTPURLResponse, any Error>? = lock.withLock {
                if let head { return head }
                if case .failure(let error)? = end { return .failure(error) }
                headWaiter = continuation
                return nil
            }
            if let ready { continuation.resume(with: ready) } else { task.resume() }
        }
    }

    func receive(head response: URLResponse) {
        let result: Result<HTTPURLResponse, any Error> = (response as? HTTPURLResponse).map { .success($0) } ?? .failure(NoHTTPResponse())
        let waiter = lock.withLock {
            head = result
            defer { headWaiter = nil }
            return headWaiter
        }
        waiter?.resume(with: result)
    }

    func receive(_ data: Data) {
        let (waiter, count): (CheckedContinuation<Data?, any Error>?, Int) = lock.withLock {
            guard end == nil else { return (nil, buffered) }
            if let reader {
                self.reader = nil
                return (reader, buffered)
            }
            chunks.append(data)
            buffered += data.count
            if buffered >= watermarks.high, !suspended {
                suspended = true
                #if canImport(Darwin)
                task?.suspend()  // under the lock, so a resume never overtakes it
                #endif
            }
            return (nil, buffered)
        }
        if let waiter { waiter.resume(returning: data) } else { observer?(count) }
    }

    func finish(_ error: (any Error)?) {
        let (headWaiter, reader) = lock.withLock {
            if end == nil { end = error.map { .failure($0) } ?? .success(()) }
            lock.broadcast()
            defer {
                self.headWaiter = nil
                self.reader = nil
                task = nil
            }
            return (self.headWaiter, self.reader)
        }
        headWaiter?.resume(throwing: error ?? NoHTTPResponse())
        if let reader {
            if let error { reader.resume(throwing: error) } else { reader.resume(returning: nil) }
        }
    }

    /// Stops the response: the task is cancelled (URLSession closes the connection), the buffer
    /// dropped, and a waiting reader gets `CancellationError`. Nothing once the task has completed.
    func cancel() {
        let (task, headWaiter, reader) = lock.withLock {
            guard end == nil else { return (URLSessionTask?.none, CheckedContinuation<HTTPURLResponse, any Error>?.none, CheckedContinuation<Data?, any Error>?.none) }
            end = .failure(CancellationError())
            lock.broadcast()  // before task.cancel(), which waits for libcurl's thread on Linux
            chunks = []
            firstChunk = 0
            buffered = 0
            defer {
                self.task = nil
                self.headWaiter = nil
                self.reader = nil
            }
            return (self.task, self.headWaiter, self.reader)
        }
        if let task {
            #if canImport(Darwin)
            task.cancel()
            #else
            // swift-corelibs-foundation's `cancel()` waits for the session's work queue, which a
            // server flooding the socket keeps busy until the body ends: not on a caller's thread.
            DispatchQueue.global().async { task.cancel() }
            #endif
        }
        headWaiter?.resume(throwing: CancellationError())
        reader?.resume(throwing: CancellationError())
    }

    /// Blocks libcurl's thread (Linux) while receiving is stopped, or while more than two delegate
    /// operations wait (so queued chunks add at most two reads to the buffer); never after the end.
    func waitForRoom() {
        lock.lock()
        defer { lock.unlock() }
        while end == nil, suspended || pending > 2 { lock.wait() }
        pending += 1
    }

    /// A delegate operation queued by ``waitForRoom()`` has run.
    func operationRan() {
        lock.withLock {
            pending -= 1
            lock.broadcast()
        }
    }

    /// The next chunk; nil at the end of the body.
    func next() async throws -> Data? {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Data?, any Error>) in
                let ready: Result<Data?, any Error>? = lock.withLock {
                    if firstChunk < chunks.count {
                        let chunk = chunks[firstChunk]
                        firstChunk += 1
                        if firstChunk == chunks.count || firstChunk >= 64 {
                            chunks.removeFirst(firstChunk)  // amortized: at most every 64 chunks
                            firstChunk = 0
                        }
                        buffered -= chunk.count
                        if suspended, buffered <= watermarks.low {
                            suspended = false
                            #if canImport(Darwin)
                            task?.resume()
                            #else
                            lock.broadcast()  // libcurl's thread may go on
                            #endif
                        }
                        return .success(chunk)
                    }
                    switch end {
                    case .success?: return .success(nil)
                    case .failure(let error)?: return .failure(error)
                    case nil:
                        reader = continuation
                        return nil
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            cancel()
        }
    }
}

/// The response body's chunks. Dropping the iterator before the end cancels the task, and so
/// does dropping a body that was never iterated.
struct ResponseChunks: AsyncSequence, Sendable {
    typealias Element = HTTPBody.ByteChunk
    private let lifetime: Lifetime

    init(stream: ResponseStream) { lifetime = Lifetime(stream) }

    /// Cancels the stream when released (a no-op after its end).
    final class Lifetime: Sendable {
        let stream: ResponseStream
        init(_ stream: ResponseStream) { self.stream = stream }
        deinit { stream.cancel() }
    }

    struct Iterator: AsyncIteratorProtocol {
        let body: Lifetime
        let iterator: Lifetime

        mutating func next() async throws -> HTTPBody.ByteChunk? {
            try await iterator.stream.next().map { ArraySlice($0) }
        }
    }

    func makeAsyncIterator() -> Iterator { Iterator(body: lifetime, iterator: Lifetime(lifetime.stream)) }
}
