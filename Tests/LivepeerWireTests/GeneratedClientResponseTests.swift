import DocModelClientRuntime
import DocModelRuntime
import Foundation
import HTTPTypes
import LivepeerAIModels
import OpenAPIRuntime
import Testing

/// A transport that records the request and answers with one canned response.
final class CannedTransport: ClientTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var seen: [HTTPRequest] = []
    let status: HTTPResponse.Status
    let contentType: String?
    let body: String

    init(_ status: HTTPResponse.Status, _ contentType: String?, _ body: String) {
        self.status = status
        self.contentType = contentType
        self.body = body
    }

    var requests: [HTTPRequest] { lock.withLock { seen } }

    func send(_ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String) async throws -> (HTTPResponse, HTTPBody?) {
        lock.withLock { seen.append(request) }
        var fields = HTTPFields()
        if let contentType { fields[.contentType] = contentType }
        return (HTTPResponse(status: status, headerFields: fields), self.body.isEmpty ? nil : HTTPBody(self.body))
    }
}

/// The checked-in livepeer client on every kind of response, good and bad: the documented 2xx
/// decodes, each documented error is typed with its body, anything else is the generic error, and a
/// body that does not decode (not JSON, empty, truncated, the wrong shape) is a located
/// `ResponseDecodingError`, never a crash.
@Suite struct GeneratedClientResponseTests {
    static let body = BodyGenImageToVideo(image: .init(fileName: "cat.png", content: .bytes(Data("x".utf8))), seed: 3)

    static func call(_ transport: CannedTransport) async throws -> VideoResponse {
        let client = LivepeerClient(serverURL: URL(string: "https://gateway.example/")!, security: .init(httpBearer: "tok"), transport: transport)
        return try await client.generate.imageToVideo(body)
    }

    @Test func theDocumentedSuccessDecodesAndTheRequestIsTheOperations() async throws {
        let transport = CannedTransport(.ok, "application/json; charset=utf-8", #"{"images":[{"url":"u","seed":3,"nsfw":false}]}"#)
        let video = try await Self.call(transport)
        #expect(video.images.map(\.url) == ["u"])
        let request = try #require(transport.requests.first)
        #expect(request.method == .post && request.path == "/image-to-video")
        #expect(request.headerFields[.authorization] == "Bearer tok")
        #expect(request.headerFields[.accept] == "application/json")
        #expect(request.headerFields[.contentType]?.hasPrefix("multipart/form-data; boundary=") == true)
    }

    @Test func documentedErrorsAreTypedWithTheirBody() async throws {
        let validation = await #expect(throws: DocModelClientRuntime.APIError<HTTPValidationError>.self) {
            _ = try await Self.call(CannedTransport(.unprocessableContent, "application/json", #"{"detail":[{"loc":["body","image"],"msg":"m","type":"t"}]}"#))
        }
        #expect(validation?.status.code == 422)
        #expect(validation?.body.detail?.first?.msg == "m")
        let server = await #expect(throws: DocModelClientRuntime.APIError<HTTPError>.self) {
            _ = try await Self.call(CannedTransport(.internalServerError, "application/json", #"{"detail":{"msg":"down"}}"#))
        }
        #expect(server?.body.detail.msg == "down")
    }

    @Test(arguments: [
        (418, "text/plain", "teapot"),
        (400, "text/html", "<h1>bad</h1>"),  // a documented status with a body that is not the documented JSON
        (201, "application/xml", "<x/>"),
        (302, nil, ""),
    ] as [(Int, String?, String)])
    func anythingElseIsTheGenericError(_ status: Int, _ contentType: String?, _ text: String) async throws {
        let error = await #expect(throws: UnexpectedResponseError.self) {
            _ = try await Self.call(CannedTransport(HTTPResponse.Status(code: status), contentType, text))
        }
        #expect(error?.status.code == status)
        #expect(error?.body == Data(text.utf8))
    }

    @Test(arguments: [
        (200, "not json"),
        (200, ""),
        (200, #"{"images":[{"url":"u","se"#),
        (200, #"{"images":[{"seed":1}]}"#),
        (422, #"{"detail": {"not": "a list"}}"#),
        (400, "{"),
    ])
    func aBodyThatDoesNotDecodeIsALocatedError(_ status: Int, _ text: String) async throws {
        let error = await #expect(throws: ResponseDecodingError.self) {
            _ = try await Self.call(CannedTransport(HTTPResponse.Status(code: status), "application/json", text))
        }
        #expect(error?.status.code == status)
        #expect(error?.body == Data(text.utf8))
        #expect(error?.reason.isEmpty == false)
    }
}
