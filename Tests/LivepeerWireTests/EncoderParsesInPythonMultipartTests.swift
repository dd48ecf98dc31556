import DocModelRuntime
import Foundation
import LivepeerAIModels
import TestSupport
import Testing

/// Every body the encoder produces parses with python-multipart into exactly the parts it was
/// built from.
@Suite(.enabled(if: Peers.available, Comment(rawValue: Peers.skipMessage)))
struct EncoderParsesInPythonMultipartTests {
    @Test func awkwardPartsSurviveTheParser() async throws {
        let server = try await Peers.server.value
        let temp = try TemporaryFolder()
        let folder = temp.url
        defer { withExtendedLifetime(temp) {} }

        let writer = MultipartFormWriter()
        let tricky = Data("a\r\n--\(writer.boundary.prefix(10))\r\n--\r\n\r\n\u{0}\u{FF}".utf8) + Data([0, 0xFF, 0x0D, 0x0A, 0x2D, 0x2D])
        let onDisk = folder.appendingPathComponent("disk.dat")
        try (tricky + Data(repeating: 0x2D, count: 3 * MultipartFormWriter.chunkSize / 2) + tricky).write(to: onDisk)
        let parts: [MultipartPart] = [
            .text(name: "empty", value: ""),
            .text(name: "crlf", value: "line1\r\nline2\r\n"),
            .text(name: "ünïcødé 名前", value: "värde"),
            .field(name: "float", value: 0.1),
            .field(name: "flag", value: true),
            MultipartPart(name: "binary", filename: "b.bin", contentType: "application/x-test", body: .bytes(tricky)),
            .file(name: "empty-file", filename: "e.txt", content: .bytes(Data())),
            .file(name: "disk", fileURL: onDisk),
            .text(name: "tags[]", value: "a"),
            .text(name: "tags[]", value: "b"),
            try .json(name: "meta", value: ["k": "v/ü"]),
        ]
        let body = try writer.encode(parts)
        #expect(Int64(body.count) == (try writer.contentLength(of: parts)))
        let parsed = try await MultipartParse.parts(server: server, body: body, contentType: writer.contentType)
        #expect(parsed.count == parts.count)
        for (sent, received) in zip(parts, parsed) {
            #expect(received.name == sent.name)
            #expect(received.filename == sent.filename)
            #expect(received.contentType == sent.resolvedContentType)
            #expect(received.data == (try sent.body.data()), "\(sent.name)")
        }
    }

    @Test func escapedNamesArriveEscapedAndCannotInjectParts() async throws {
        let server = try await Peers.server.value
        let writer = MultipartFormWriter()
        let parts: [MultipartPart] = [
            .file(name: "x\"; filename=\"evil", filename: "a\"\r\nContent-Type: text/html\r\n\r\nboom.png", content: .bytes(Data("1".utf8))),
            .text(name: "line\r\nbreak", value: "v"),
        ]
        let parsed = try await MultipartParse.parts(server: server, body: try writer.encode(parts), contentType: writer.contentType)
        #expect(parsed.count == 2)
        #expect(parsed.first?.name == "x%22; filename=%22evil")
        #expect(parsed.first?.filename == "a%22%0D%0AContent-Type: text/html%0D%0A%0D%0Aboom.png")
        #expect(parsed.first?.contentType == "image/png")
        #expect(parsed.last?.name == "line%0D%0Abreak")
    }

    @Test func generatedEncoderMatchesTheModel() async throws {
        let server = try await Peers.server.value
        let body = BodyGenImageToVideo(
            image: BodyGenImageToVideoImage(fileName: "f.gif", content: .bytes(Data([1, 2, 3]))),
            width: 1024, noiseAugStrength: 1.0, safetyCheck: true)
        let encoder = MultipartFormEncoder()
        let parsed = try await MultipartParse.parts(server: server, body: try encoder.encode(body), contentType: encoder.contentType)
        #expect(parsed.map(\.name) == ["width", "noise_aug_strength", "safety_check", "image"])
        #expect(parsed.map { String(decoding: $0.data, as: UTF8.self) } == ["1024", "1.0", "true", "\u{1}\u{2}\u{3}"])
        #expect(parsed.last?.contentType == "image/gif")
    }
}
