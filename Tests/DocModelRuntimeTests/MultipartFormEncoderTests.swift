import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import Testing
import DocModelRuntime

/// A request body shaped like generated code: fields and an image file.
private struct ImageToVideoForm: MultipartFormEncodable {
    var image: FileContent
    var imageName: String
    var width: Int
    var motionBucketID: Double
    var safetyCheck: Bool?

    func multipartParts() throws -> [MultipartPart] {
        var parts: [MultipartPart] = [
            .file(name: "image", filename: imageName, content: image),
            .field(name: "width", value: width),
            .field(name: "motion_bucket_id", value: motionBucketID),
        ]
        if let safetyCheck { parts.append(.field(name: "safety_check", value: safetyCheck)) }
        return parts
    }
}

@Suite struct MultipartFormEncoderTests {
    private let form = ImageToVideoForm(
        image: .bytes(Data([0x89, 0x50, 0x4E, 0x47])), imageName: "in.png", width: 1024, motionBucketID: 127, safetyCheck: true)

    @Test func encodesAFormValue() throws {
        let encoder = try MultipartFormEncoder(boundary: "enc")
        #expect(encoder.contentType == "multipart/form-data; boundary=enc")
        let body = try encoder.encode(form)
        var expected = Data("--enc\r\nContent-Disposition: form-data; name=\"image\"; filename=\"in.png\"\r\nContent-Type: image/png\r\n\r\n".utf8)
        expected.append(contentsOf: [0x89, 0x50, 0x4E, 0x47])
        expected.append(Data(("\r\n--enc\r\nContent-Disposition: form-data; name=\"width\"\r\n\r\n1024\r\n"
            + "--enc\r\nContent-Disposition: form-data; name=\"motion_bucket_id\"\r\n\r\n127.0\r\n"
            + "--enc\r\nContent-Disposition: form-data; name=\"safety_check\"\r\n\r\ntrue\r\n--enc--\r\n").utf8))
        #expect(body == expected)
        #expect(try encoder.contentLength(of: form) == Int64(body.count))

        let directory = try TemporaryFolder()
        try encoder.encode(form, to: directory.file("body"))
        #expect(try Data(contentsOf: directory.file("body")) == body)
    }

    @Test func boundaryChoices() throws {
        #expect(try MultipartFormEncoder(boundary: nil).boundary.count == MultipartBoundary.randomLength)
        #expect(MultipartFormEncoder().boundary != MultipartFormEncoder().boundary)
        #expect(throws: MultipartError.invalidBoundary("bad\"")) { try MultipartFormEncoder(boundary: "bad\"") }
    }

    @Test func inMemoryUploadRequest() throws {
        let encoder = try MultipartFormEncoder(boundary: "req")
        let url = try #require(URL(string: "https://example.com/image-to-video"))
        let (request, body) = try URLRequest.multipartUpload(url: url, body: form, encoder: encoder)
        #expect(request.url == url)
        #expect(request.httpMethod == "POST")
        #expect(request.value(forHTTPHeaderField: "Content-Type") == "multipart/form-data; boundary=req")
        #expect(request.value(forHTTPHeaderField: "Content-Length") == String(body.count))
        #expect(body == (try encoder.encode(form)))
    }

    @Test func fileUploadRequest() throws {
        let directory = try TemporaryFolder()
        let image = try directory.write(Data(repeating: 0x42, count: 300_000), to: "frame.png")
        let fileForm = ImageToVideoForm(image: .file(image), imageName: "frame.png", width: 8, motionBucketID: 0.5, safetyCheck: nil)
        let encoder = MultipartFormEncoder()
        let url = try #require(URL(string: "https://example.com/upload"))
        let (request, bodyFile) = try URLRequest.multipartFileUpload(url: url, body: fileForm, encoder: encoder)
        defer { try? FileManager.default.removeItem(at: bodyFile) }
        #expect(request.httpMethod == "POST")
        #expect(request.value(forHTTPHeaderField: "Content-Type") == encoder.contentType)
        let length = try encoder.contentLength(of: fileForm)
        #expect(request.value(forHTTPHeaderField: "Content-Length") == String(length))
        #expect(try FileContent.file(bodyFile).byteCount() == length)
        #expect(try Data(contentsOf: bodyFile) == (try encoder.encode(fileForm)))
    }
}
