import DocModelClientRuntime
import DocModelRuntime
import Foundation
import LivepeerAIModels
import OpenAPIURLSession
import TestSupport
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The README's upload example, line for line, against the peer server.
@Suite(.enabled(if: Peers.available, Comment(rawValue: Peers.skipMessage)))
struct ReadmeExampleTests {
    @Test func uploadingAnImageInFiveLines() async throws {
        let server = try await Peers.server.value
        let gateway = server.baseURL
        let temp = try TemporaryFolder()
        let imageURL = try temp.write(Data("cat".utf8), to: "readme.png")
        defer { withExtendedLifetime(temp) {} }
        let configuration = URLSessionConfiguration.default
        configuration.httpAdditionalHeaders = ["Authorization": "Bearer token"]
        let session = URLSession(configuration: configuration)

        // README begins
        let body = BodyGenImageToVideo(image: .init(fileName: "cat.png", content: .file(imageURL)), motionBucketId: 127)
        let upload = try URLRequest.multipartFileUpload(url: gateway.appendingPathComponent("image-to-video"), body: body)
        defer { try? FileManager.default.removeItem(at: upload.bodyFileURL) }
        let (data, response) = try await session.upload(for: upload.request, fromFile: upload.bodyFileURL)
        let video = try JSONSerialization.jsonObject(with: data)
        // README ends

        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        let answer = try #require(video as? [String: Any])
        let fields = try #require(answer["fields"] as? [String: Any])
        #expect(fields["motion_bucket_id"] as? Int == 127)
        #expect((answer["image"] as? [String: Any])?["filename"] as? String == "cat.png")
    }
}

/// The README's "Calling the API" example: image-to-video as one call of the generated client,
/// through swift-openapi-urlsession's transport, against the peer server.
@Suite(.enabled(if: Peers.available, Comment(rawValue: Peers.skipMessage)))
struct ReadmeClientExampleTests {
    @Test func imageToVideoIsOneCall() async throws {
        let server = try await Peers.server.value
        let gateway = server.baseURL
        let temp = try TemporaryFolder()
        let imageURL = try temp.write(Data("cat".utf8), to: "readme.png")
        defer { withExtendedLifetime(temp) {} }

        // README client begins
        let client = LivepeerClient(serverURL: gateway, security: .init(httpBearer: "token"), transport: URLSessionTransport())
        let body = BodyGenImageToVideo(image: .init(fileName: "cat.png", content: .file(imageURL)), motionBucketId: 127)
        let video = try await client.generate.imageToVideo(body)
        print(video.images[0].url)
        // README client ends

        #expect(video.images.first?.url == "peer://image-to-video")
        // A status the operation does not document (FastAPI's 404 for an unknown path) is the
        // generic error, with the status and the body.
        let elsewhere = LivepeerClient(serverURL: gateway.appendingPathComponent("nowhere"), transport: URLSessionTransport())
        let error = await #expect(throws: UnexpectedResponseError.self) {
            _ = try await elsewhere.generate.imageToVideo(BodyGenImageToVideo(image: .init(fileName: "cat.png", content: .bytes(Data("x".utf8)))))
        }
        #expect(error?.status.code == 404)
        let answer = String(decoding: error?.body ?? Data(), as: UTF8.self)
        #expect(answer.contains("Not Found"))
    }
}

/// The README's retry example: a client-wide policy and a per-call one, against a server that
/// answers 503 twice before it succeeds (`Tests/Peers/retry_peer.py`).
@Suite(.enabled(if: Peers.available, Comment(rawValue: Peers.skipMessage)))
struct ReadmeRetryExampleTests {
    @Test func aRetryPolicyPerClientAndPerCall() async throws {
        let server = try await RetryPeerServer.shared.value
        let run = "readme-\(UUID().uuidString.prefix(8))"
        let gateway = URL(string: "\(server.baseURL)/s/\(run)/503/2")!
        let body = BodyGenImageToVideo(image: .init(fileName: "cat.png", content: .bytes(Data("cat".utf8))), motionBucketId: 127)

        // README retries begins
        let everyCall = RetryPolicy.backoff(initialIntervalMs: 500, maxIntervalMs: 60_000, exponent: 1.5, maxElapsedTimeMs: 300_000, retryConnectionErrors: true, statusCodesOverride: ["429", "5XX"])
        let client = LivepeerClient(serverURL: gateway, security: .init(httpBearer: "token"), transport: URLSessionTransport(), retryPolicy: everyCall, timeout: .seconds(30))
        let quick = RetryPolicy.backoff(initialIntervalMs: 100, maxIntervalMs: 1_000, exponent: 2, maxElapsedTimeMs: 20_000, retryConnectionErrors: false, statusCodesOverride: ["503"])
        let video = try await client.generate.imageToVideo(body, retries: quick)
        // README retries ends

        #expect(video.images.first?.url == "peer://retry")
        let attempts = try await server.attempts(run)
        #expect(attempts.count == 3, "two 503s, then the answer")
        #expect(Set(attempts.map(\.sha256)).count == 1, "every attempt sends the same body")
    }
}

/// The lines above are the README's, character for character (checked without peers).
@Test(arguments: ["README", "README client", "README retries"]) func theReadmeShowsExactlyTheseLines(_ marker: String) throws {
    let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    let lines = source.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex { $0.hasSuffix("// \(marker) begins") })
    let end = try #require(lines.firstIndex { $0.hasSuffix("// \(marker) ends") })
    let snippet = lines[(start + 1)..<end].map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
    let readme = try String(contentsOf: PackageRoot.url.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("```swift\n" + snippet + "\n```"))
}
