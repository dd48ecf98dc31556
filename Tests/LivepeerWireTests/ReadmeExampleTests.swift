import DocModelRuntime
import Foundation
import LivepeerAIModels
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

/// The lines above are the README's, character for character (checked without peers).
@Test func theReadmeShowsExactlyTheseLines() throws {
    let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
    let lines = source.components(separatedBy: "\n")
    let start = try #require(lines.firstIndex { $0.hasSuffix("// README begins") })
    let end = try #require(lines.firstIndex { $0.hasSuffix("// README ends") })
    let snippet = lines[(start + 1)..<end].map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: "\n")
    let readme = try String(contentsOf: PackageRoot.url.appendingPathComponent("README.md"), encoding: .utf8)
    #expect(readme.contains("```swift\n" + snippet + "\n```"))
}
