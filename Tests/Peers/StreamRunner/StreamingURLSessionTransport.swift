import Foundation
import HTTPTypes
import OpenAPIRuntime
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A URLSession transport that streams the response body on every platform, Linux included,
/// through `URLSessionDataDelegate` (swift-openapi-urlsession's `URLSessionTransport` reads the
/// whole body first on Linux). The tests use it to show that ``EventStream`` yields events as
/// they come when the transport streams, and that dropping the body's iterator cancels the task.
///
/// Copied from Tests/DocModelClientRuntimeTests/StreamingURLSessionTransport.swift for the streams peer
/// check runner. Test-only: it keeps no back-pressure (a fast server fills memory), and the request body is
/// sent from memory.
struct StreamingURLSessionTransport: ClientTransport {
    struct NoResponse: Error {}

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        guard let url = URL(string: baseURL.absoluteString + (request.path ?? "")) else { throw URLError(.badURL) }
        var urlRequest = URLRequest(url: url)
        urlRequest.httpMethod = request.method.rawValue
        for field in request.headerFields { urlRequest.addValue(field.value, forHTTPHeaderField: field.name.rawName) }
        if let body { urlRequest.httpBody = try await Data(collecting: body, upTo: .max) }

        let (stream, continuation) = AsyncThrowingStream<HTTPBody.ByteChunk, any Error>.makeStream()
        let delegate = Delegate(chunks: continuation)
        let session = URLSession(configuration: .ephemeral, delegate: delegate, delegateQueue: nil)
        let task = session.dataTask(with: urlRequest)
        let cancel = Cancellation(task: task, session: session)
        let response = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { head in
                delegate.setHead(head)
                task.resume()
            }
        } onCancel: {
            cancel.run()
        }
        var fields = HTTPFields()
        for (name, value) in response.allHeaderFields {
            if let text = name as? String, let name = HTTPField.Name(text), let value = value as? String {
                fields.append(HTTPField(name: name, value: value))
            }
        }
        let head = HTTPResponse(status: .init(code: response.statusCode), headerFields: fields)
        return (head, HTTPBody(Chunks(stream: stream, cancel: cancel), length: .unknown, iterationBehavior: .single))
    }

    /// Cancels the data task once, from the body's iterator going away or the task's cancellation.
    final class Cancellation: @unchecked Sendable {  // URLSession objects are thread-safe
        let task: URLSessionDataTask
        let session: URLSession
        init(task: URLSessionDataTask, session: URLSession) {
            self.task = task
            self.session = session
        }
        func run() {
            task.cancel()
            session.invalidateAndCancel()
        }
    }

    /// Calls `cancel` when the last copy of an iterator goes, as BufferedStream does.
    final class Token: Sendable {
        let cancel: Cancellation
        init(_ cancel: Cancellation) { self.cancel = cancel }
        deinit { cancel.run() }
    }

    struct Chunks: AsyncSequence, Sendable {
        let stream: AsyncThrowingStream<HTTPBody.ByteChunk, any Error>
        let cancel: Cancellation
        struct Iterator: AsyncIteratorProtocol {
            var base: AsyncThrowingStream<HTTPBody.ByteChunk, any Error>.Iterator
            let token: Token
            mutating func next() async throws -> HTTPBody.ByteChunk? { try await base.next() }
        }
        func makeAsyncIterator() -> Iterator { Iterator(base: stream.makeAsyncIterator(), token: Token(cancel)) }
    }

    final class Delegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        private let lock = NSLock()
        private var head: CheckedContinuation<HTTPURLResponse, any Error>?
        private let chunks: AsyncThrowingStream<HTTPBody.ByteChunk, any Error>.Continuation

        init(chunks: AsyncThrowingStream<HTTPBody.ByteChunk, any Error>.Continuation) { self.chunks = chunks }

        func setHead(_ continuation: CheckedContinuation<HTTPURLResponse, any Error>) { lock.withLock { head = continuation } }

        private func takeHead() -> CheckedContinuation<HTTPURLResponse, any Error>? {
            lock.withLock {
                defer { head = nil }
                return head
            }
        }

        func urlSession(
            _ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
            completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void
        ) {
            if let http = response as? HTTPURLResponse {
                takeHead()?.resume(returning: http)
            } else {
                takeHead()?.resume(throwing: NoResponse())
            }
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            chunks.yield(ArraySlice(data))
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            takeHead()?.resume(throwing: error ?? NoResponse())
            if let error { chunks.finish(throwing: error) } else { chunks.finish() }
        }
    }
}
