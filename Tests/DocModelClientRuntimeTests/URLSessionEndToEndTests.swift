import DocModelClientRuntime
import Foundation
import HTTPTypes
import OpenAPIURLSession
import Testing
import TestSupport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One request through swift-openapi-urlsession's URLSessionTransport to a socket on 127.0.0.1,
/// which records the raw request (as the capture server of SDK-FACTS i does) and answers.
@Suite struct URLSessionEndToEndTests {
    struct Created: Decodable { var id: String }

    @Test("path, query, headers and JSON body reach the wire; the response decodes")
    func roundTrip() async throws {
        let server = try CaptureServer(reply: "HTTP/1.1 201 Created\r\nContent-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"id\":\"c1\"}")
        // The listener's thread starts now, not when a task gets scheduled: under a loaded test run
        // the cooperative pool may run this request long before an `async let` child.
        let captured = server.startCapture()

        var request = APIRequest(method: .post, path: "/v1/customers/{id}", operationID: "customers:create")
        try request.setPath("id", "a b/é")
        try request.addQuery("query", "a b&c")
        try request.setHeader("X-Team", "team 1")
        request.accept = "application/json"
        try request.setJSONBody(OrderedObject([("name", "é"), ("email", "e@x.io")]))
        let client = APIClientCore(configuration: APIClientConfiguration(
            serverURL: URL(string: "http://127.0.0.1:\(server.port)/base/")!, transport: URLSessionTransport(),
            security: [.bearer("tok")]))
        let response = try await client.send(request)
        let raw = String(decoding: try await captured.value(), as: UTF8.self)

        #expect(response.status == .created)
        #expect(try response.decodeJSON(Created.self).id == "c1")
        let head = raw.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(head.first == "POST /base/v1/customers/a%20b/%C3%A9?query=a+b%26c HTTP/1.1")
        let fields = Set(head.dropFirst().map { $0.lowercased() })
        #expect(fields.isSuperset(of: ["x-team: team 1", "accept: application/json", "authorization: bearer tok",
                                       "content-type: application/json", "content-length: 34"]))
        #expect(raw.hasSuffix(#"{"name":"\u00e9","email":"e@x.io"}"#))
    }
}

/// A one-shot HTTP/1.1 listener on 127.0.0.1 with POSIX sockets: it accepts one connection, reads
/// the head and `Content-Length` bytes of body, writes `reply` and closes.
final class CaptureServer: Sendable {
    let port: UInt16
    private let listener: Int32
    private let reply: String

    typealias SocketError = LoopbackListener.SocketError

    init(reply: String) throws {
        self.reply = reply
        let bound = try LoopbackListener()
        listener = bound.descriptor
        port = bound.port
    }

    /// What the listener's thread caught: the raw request, or why there is none.
    final class Capture: @unchecked Sendable {
        private let lock = NSLock()
        private var result: Result<Data, any Error>?
        private var waiter: CheckedContinuation<Data, any Error>?

        func finish(_ outcome: Result<Data, any Error>) {
            lock.lock()
            if let waiter {
                self.waiter = nil
                lock.unlock()
                waiter.resume(with: outcome)
            } else {
                result = outcome
                lock.unlock()
            }
        }

        func value() async throws -> Data {
            try await withCheckedThrowingContinuation { continuation in
                lock.lock()
                if let result {
                    lock.unlock()
                    continuation.resume(with: result)
                } else {
                    waiter = continuation
                    lock.unlock()
                }
            }
        }
    }

    /// Starts the one-shot listener thread at once; its `value()` is the raw bytes of the one
    /// request once it is answered (an error after 120 s without one).
    func startCapture() -> Capture {
        let capture = Capture()
        Thread.detachNewThread { [self] in
            defer { close(listener) }
            var poller = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 120_000) == 1 else { return capture.finish(.failure(SocketError(call: "poll"))) }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { return capture.finish(.failure(SocketError(call: "accept"))) }
            defer { close(connection) }
            let request = readRequest(connection)
            _ = Array(reply.utf8).withUnsafeBytes { send(connection, $0.baseAddress, $0.count, 0) }
            capture.finish(.success(request))
        }
        return capture
    }

    private func readRequest(_ connection: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            if let headEnd = data.range(of: Data("\r\n\r\n".utf8)) {
                let head = String(decoding: data[..<headEnd.lowerBound], as: UTF8.self).lowercased()
                let length = head.components(separatedBy: "\r\n").first { $0.hasPrefix("content-length:") }
                    .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
                if data.count - headEnd.upperBound >= length { return data }
            }
            var poller = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 10_000) == 1 else { return data }
            let count = recv(connection, &buffer, buffer.count, 0)
            guard count > 0 else { return data }
            data.append(contentsOf: buffer[..<count])
        }
    }
}
