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

/// The lines above are the README's, character for character (checked without peers).
@Test(arguments: ["README", "README client"]) func theReadmeShowsExactlyTheseLines(_ marker: String) throws {
    let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    let lines = source.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex { $0.hasSuffix("// \(marker) begins") })
    let end = try #require(lines.firstIndex { $0.hasSuffix("// \(marker) ends") })
    let snippet = lines[(start + 1)..<end].map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
    let readme = try String(contentsOf: PackageRoot.url.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("```swift\n" + snippet + "\n```"))
}
