import DocModelClientRuntime
import Foundation
import HTTPTypes
import OpenAPIRuntime
import Testing
@testable import DocModelURLSessionTransport
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

#if canImport(Darwin)
let backPressureTestsEnabled = true
#else
let backPressureTestsEnabled = ProcessInfo.processInfo.environment["DOCMODELGEN_BACKPRESSURE_TESTS"] == "1"
#endif

/// StreamingURLSessionTransport against the POSIX server on 127.0.0.1: bounded buffering when
/// the reader is slower than the network, and cancellation that closes the connection.
///
/// On Linux these need `Watermarks.holdsLibcurlOnLinux`, which stalls every URLSession of the
/// process (and can starve the cooperative pool of other suites' URLSession calls): they run
/// alone, `DOCMODELGEN_BACKPRESSURE_TESTS=1 swift test --filter StreamingURLSessionTransportTests`,
/// a step of `.ci/run` before `swift test` (where they are skipped).
@Suite(.serialized, .enabled(if: backPressureTestsEnabled, "set DOCMODELGEN_BACKPRESSURE_TESTS=1 and run this suite alone"))
struct StreamingURLSessionTransportTests {

    /// The largest buffered byte count the transport reported.
    final class Peak: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        var bytes: Int { lock.withLock { value } }
        func record(_ count: Int) { lock.withLock { value = max(value, count) } }
    }

    static let total = 256 << 20

    /// The process's resident memory in bytes (Linux: VmRSS of /proc/self/status; nil elsewhere).
    static func residentBytes() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
        else { return nil }
        return line.split(separator: " ").compactMap { Int($0) }.first.map { $0 * 1024 }
    }

    private func send(_ transport: StreamingURLSessionTransport, port: UInt16) async throws -> (HTTPResponse, HTTPBody?) {
        try await transport.send(
            HTTPRequest(method: .get, scheme: nil, authority: nil, path: "/bulk"), body: nil,
            baseURL: URL(string: "http://127.0.0.1:\(port)")!, operationID: "bulk")
    }

    @Test("256 MiB from a fast server to a slow reader: the buffer stays under the high watermark plus three reads")
    func backPressureBoundsTheBuffer() async throws {
        let server = try EventServer()
        let log = server.startBulk(total: Self.total)
        let residentBefore = Self.residentBytes()
        let peak = Peak()
        let watermarks = StreamingURLSessionTransport.Watermarks(high: 1 << 20, low: 256 << 10, holdsLibcurlOnLinux: true)
        let transport = StreamingURLSessionTransport(configuration: .ephemeral, watermarks: watermarks, bufferObserver: peak.record)
        let (response, body) = try await send(transport, port: server.port)
        #expect(response.status == .ok)
        var iterator = try #require(body).makeAsyncIterator()

        // The reader does nothing for 2 s: without back-pressure the whole body would arrive.
        try await Task.sleep(for: .seconds(2))
        let sentWhilePaused = log.bytesSent
        let residentPaused = Self.residentBytes()
        // Then it reads slowly (a chunk per millisecond) for a while, then as fast as it can.
        var offset = 0
        var intact = true
        var chunks = 0
        while let chunk = try await iterator.next() {
            if chunks < 300 { try await Task.sleep(for: .milliseconds(1)) }
            chunks += 1
            for byte in chunk where intact {
                if byte != EventServer.bulkByte(at: offset) { intact = false }
                offset += 1
            }
            if !intact { break }
        }
        // RSS is the whole test process's (other suites may run beside this one): printed only.
        let grown = zip(residentBefore.map { [$0] } ?? [], residentPaused.map { [$0] } ?? []).map { $1 - $0 }.first
        print("back-pressure: peak buffered \(peak.bytes) B, server sent \(sentWhilePaused) B while the reader paused, RSS grew \(grown.map(String.init) ?? "?") B, \(chunks) chunks")
        #expect(intact, "the body differs from the server's at byte \(offset): a restarted or reordered transfer")
        #expect(offset == Self.total)
        // Linux: `high` plus three libcurl reads of 16 KiB (the gated delegate queue); Apple
        // platforms: `high` plus what arrives before the suspension takes hold.
        #expect(peak.bytes < watermarks.high + 64 << 10, "peak buffered \(peak.bytes) B")
        // The socket buffers hold a few MiB at most: the server is held back too.
        #expect(sentWhilePaused < 32 << 20, "the server sent \(sentWhilePaused) B while the reader paused")
    }

    @Test("dropping the body's iterator (the task suspended) closes the connection")
    func droppingTheIteratorCloses() async throws {
        let server = try EventServer()
        let log = server.startBulk(total: Self.total, paced: true)
        let transport = StreamingURLSessionTransport(watermarks: .init(high: 1 << 20, low: 256 << 10, holdsLibcurlOnLinux: true))
        let (_, body) = try await send(transport, port: server.port)
        do {
            var iterator = try #require(body).makeAsyncIterator()
            _ = try await iterator.next()
            try await Task.sleep(for: .milliseconds(500))  // the buffer fills, the task is suspended
        }
        #expect(await log.waitForClose(seconds: 15), "the server could still write")
        #expect(log.bytesSent < Self.total)
    }

    @Test("cancelling the reading task closes the connection and ends the read with CancellationError")
    func cancellingTheTaskCloses() async throws {
        let server = try EventServer()
        let log = server.startBulk(total: Self.total, paced: true)
        let transport = StreamingURLSessionTransport(watermarks: .init(holdsLibcurlOnLinux: true))
        let (_, body) = try await send(transport, port: server.port)
        let reader = Task {
            var count = 0
            for try await chunk in try #require(body) {
                count += chunk.count
                try? await Task.sleep(for: .milliseconds(5))
            }
            return count
        }
        try await Task.sleep(for: .milliseconds(300))
        reader.cancel()
        await #expect(throws: CancellationError.self) { _ = try await reader.value }
        #expect(await log.waitForClose(seconds: 15), "the server could still write")
    }

    @Test("cancelling while the server floods the socket: the reader ends at once and the rest of the body is dropped, not buffered")
    func cancellingDuringAFlood() async throws {
        let server = try EventServer()
        let log = server.startBulk(total: Self.total)
        let peak = Peak()
        let watermarks = StreamingURLSessionTransport.Watermarks(holdsLibcurlOnLinux: true)
        let transport = StreamingURLSessionTransport(configuration: .ephemeral, watermarks: watermarks, bufferObserver: peak.record)
        let (_, body) = try await send(transport, port: server.port)
        let reader = Task {
            for try await _ in try #require(body) { try? await Task.sleep(for: .milliseconds(5)) }
        }
        try await Task.sleep(for: .milliseconds(300))
        let cancelled = ContinuousClock.now
        reader.cancel()
        await #expect(throws: CancellationError.self) { try await reader.value }
        #expect(ContinuousClock.now - cancelled < .seconds(2), "the reader waited for the transfer")
        // The connection ends (closed by the client, or the whole body read and dropped).
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !log.clientClosed, log.bytesSent < Self.total { try await Task.sleep(for: .milliseconds(20)) }
        #expect(log.clientClosed || log.bytesSent == Self.total)
        #expect(peak.bytes < watermarks.high + 64 << 10, "peak buffered \(peak.bytes) B")
    }

    @Test("a body never iterated is released with the response, and its connection closed")
    func unreadBodyCloses() async throws {
        let server = try EventServer()
        let log = server.startBulk(total: Self.total, paced: true)
        let transport = StreamingURLSessionTransport(watermarks: .init(holdsLibcurlOnLinux: true))
        _ = try await send(transport, port: server.port)
        #expect(await log.waitForClose(seconds: 15), "the server could still write")
    }
}
