import DocModelClientRuntime
import DocModelRuntime
import DocModelURLSessionTransport
import Foundation
import HTTPTypes
import LivepeerAIModels
import OpenAPIRuntime
import TestSupport
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The generated LivepeerClient with DocModelURLSessionTransport's StreamingURLSessionTransport as
/// a drop-in transport: the multipart upload against the peer server, and a retried upload whose
/// body is sent again byte for byte.
@Suite(.enabled(if: Peers.available, Comment(rawValue: Peers.skipMessage)))
struct StreamingTransportWireTests {
    /// Keeps the last response body's bytes (and hands the client the same bytes).
    final class AnswerRecorder: ClientMiddleware, @unchecked Sendable {
        private let lock = NSLock()
        private var data = Data()
        var answer: Data { lock.withLock { data } }

        func intercept(
            _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String,
            next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
        ) async throws -> (HTTPResponse, HTTPBody?) {
            let (response, body) = try await next(request, body, baseURL)
            let bytes = try await Data(collecting: body ?? HTTPBody(), upTo: 1 << 24)
            lock.withLock { data = bytes }
            return (response, HTTPBody(bytes))
        }
    }

    @Test func imageToVideoThroughTheStreamingTransport() async throws {
        let server = try await Peers.server.value
        let temp = try TemporaryFolder()
        let image = Data((0..<70_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        let imageURL = try temp.write(image, to: "cat.png")
        defer { withExtendedLifetime(temp) {} }
        let recorder = AnswerRecorder()
        let client = LivepeerClient(core: APIClientCore(configuration: APIClientConfiguration(
            serverURL: server.baseURL, transport: StreamingURLSessionTransport(), middlewares: [recorder],
            security: LivepeerClient.Security(httpBearer: "token").credentials)))

        let body = BodyGenImageToVideo(image: .init(fileName: "cat.png", content: .file(imageURL)), motionBucketId: 127)
        let video = try await client.generate.imageToVideo(body)

        #expect(video.images.first?.url == "peer://image-to-video")
        let answer = try #require(try JSONSerialization.jsonObject(with: recorder.answer) as? [String: Any])
        #expect((answer["fields"] as? [String: Any])?["motion_bucket_id"] as? Int == 127)
        let part = try #require(answer["image"] as? [String: Any])
        #expect(part["filename"] as? String == "cat.png")
        #expect(part["size"] as? Int == image.count)

        // A status the operation does not document: the generic error, body included.
        let elsewhere = LivepeerClient(serverURL: server.baseURL.appendingPathComponent("nowhere"), transport: StreamingURLSessionTransport())
        let error = await #expect(throws: UnexpectedResponseError.self) {
            _ = try await elsewhere.generate.imageToVideo(BodyGenImageToVideo(image: .init(fileName: "cat.png", content: .bytes(Data("x".utf8)))))
        }
        #expect(error?.status.code == 404)
    }

    /// `RetryPeerTests.policy`'s backoff with a budget that only a hang exhausts: this test is about
    /// the body each attempt sends, and a loaded CI machine once took over its 2 s for two uploads.
    static let resendPolicy = RetryPolicy.backoff(
        initialIntervalMs: 10, maxIntervalMs: 50, exponent: 1.5, maxElapsedTimeMs: 60_000, retryConnectionErrors: true)

    @Test("a retried upload sends the same body each time (503, 503, then 200)")
    func retriesResendTheBody() async throws {
        let server = try await RetryPeerServer.shared.value
        let temp = try TemporaryFolder()
        let imageURL = try temp.write(Data((0..<3000).map { UInt8(truncatingIfNeeded: $0 &* 31) }), to: "cat.png")
        defer { withExtendedLifetime(temp) {} }
        let run = "streaming-\(UUID().uuidString.prefix(8))"
        let client = LivepeerClient(core: APIClientCore(configuration: APIClientConfiguration(
            serverURL: URL(string: "\(server.baseURL)/s/\(run)/503/2")!, transport: StreamingURLSessionTransport(),
            security: LivepeerClient.Security(httpBearer: "token").credentials, retryPolicy: Self.resendPolicy,
            timeout: .seconds(10))))
        _ = try await client.generate.imageToVideo(BodyGenImageToVideo(
            image: .init(fileName: "cat.png", content: .file(imageURL), contentType: "image/png"), motionBucketId: 127))
        let attempts = try await server.attempts(run)
        #expect(attempts.count == 3)
        #expect(Set(attempts.map(\.sha256)).count == 1)
        #expect(attempts.allSatisfy { $0.length > 3000 })
    }
}
