import DocModelClientRuntime
import DocModelRuntime
import Foundation
import HTTPTypes
import Testing

/// SDK-FACTS i.5: JSON, form and multipart bodies.
@Suite struct BodyTests {
    /// polar's `CustomerUpdate` as encoded: model order, `name` explicitly null.
    struct CustomerUpdate: Encodable {
        var email: String
        var name: String?
        var metadata: [String: String]

        enum CodingKeys: String, CodingKey { case metadata, email, name }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(metadata, forKey: .metadata)
            try container.encode(email, forKey: .email)
            try container.encode(name, forKey: .name)  // OptionalNullable set to None: an explicit null
        }
    }

    @Test("i.5 polar customers.update: compact, ensure_ascii, model order, explicit null")
    func polarJSON() async throws {
        var request = APIRequest(method: .patch, path: "/v1/customers/{id}", operationID: "customers:update")
        try request.setPath("id", "c1")
        try request.setJSONBody(CustomerUpdate(email: "e@x.io", name: nil, metadata: ["k": "é"]))
        let recorded = try await sent(request, security: [.bearer("tok")])
        #expect(recorded.bodyText == #"{"metadata":{"k":"\u00e9"},"email":"e@x.io","name":null}"#)
        #expect(recorded.body?.count == 56)  // polar's Content-Length
        #expect(recorded.bodyLength == .known(56))
        #expect(recorded.headerLines == ["Authorization: Bearer tok", "content-type: application/json"])
    }

    /// livepeer's text_to_image body, fields in declaration (not wire) order.
    struct TextToImage: Encodable {
        var prompt = "a é"
        var model_id = "m"
        var loras = ""
        var height = 576
        var width = 1024
        var guidance_scale = 7.5
        var negative_prompt = ""
        var safety_check = true
        var num_inference_steps = 50
        var num_images_per_prompt = 1
    }

    @Test("i.5 livepeer: sort_keys")
    func livepeerSorted() throws {
        var request = APIRequest(method: .post, path: "/text-to-image", operationID: "op")
        try request.setJSONBody(TextToImage(), sortedKeys: true)
        #expect(String(decoding: request.body!, as: UTF8.self)
            == #"{"guidance_scale":7.5,"height":576,"loras":"","model_id":"m","negative_prompt":"","num_images_per_prompt":1,"num_inference_steps":50,"prompt":"a \u00e9","safety_check":true,"width":1024}"#)
    }

    @Test("json.dumps(ensure_ascii, sort_keys) byte for byte: code point key order, escapes, / unescaped")
    func pythonEscapes() throws {
        var request = APIRequest(method: .post, path: "/", operationID: "op")
        // Python 3.11: json.dumps({"a": "\x01\x7f\t\n\"\\/é😀", "Z": 1, "_": 2, "é": 3, "aa": 4, "b": 5},
        //   separators=(",", ":"), sort_keys=True)
        let value = OrderedObject([("a", "\u{01}\u{7F}\t\n\"\\/é😀"), ("Z", 1), ("_", 2), ("é", 3), ("aa", 4), ("b", 5)])
        try request.setJSONBody(value, sortedKeys: true)
        #expect(String(decoding: request.body!, as: UTF8.self)
            == #"{"Z":1,"_":2,"a":"\u0001\u007f\t\n\"\\/\u00e9\ud83d\ude00","aa":4,"b":5,"\u00e9":3}"#)
    }

    /// polar's `oauth2.token` form, the const `grant_type` last.
    struct TokenRequest: Encodable {
        var client_id = "c i"
        var client_secret = "s&t"
        var code = "c/d"
        var redirect_uri = "https://x.io/cb?a=1"
        var scope: String? = nil
        var grant_type = "authorization_code"
    }

    @Test("i.5 polar oauth2.token form body")
    func formBody() async throws {
        var request = APIRequest(method: .post, path: "/v1/oauth2/token", operationID: "oauth2:token")
        request.accept = "application/json"
        try request.setFormBody(TokenRequest())
        let recorded = try await sent(request)
        #expect(recorded.bodyText == "client_id=c+i&client_secret=s%26t&code=c%2Fd&redirect_uri=https%3A%2F%2Fx.io%2Fcb%3Fa%3D1&grant_type=authorization_code")
        #expect(recorded.headerLines == ["Accept: application/json", "content-type: application/x-www-form-urlencoded"])
    }

    @Test("form body: lists exploded, null members left out; a scalar is no form")
    func formLists() throws {
        var request = APIRequest(method: .post, path: "/", operationID: "op")
        try request.setFormBody(OrderedObject([("scope", ["a", "b"]), ("none", nil), ("n", 1.5)]))
        #expect(String(decoding: request.body!, as: UTF8.self) == "scope=a&scope=b&n=1.5")
        #expect(throws: ParameterEncodingError.formBodyNotAnObject(typeName: "String")) { try request.setFormBody("x") }
    }

    struct ImageToImage: MultipartFormEncodable {
        func multipartParts() throws -> [MultipartPart] {
            [.text(name: "prompt", value: "p q"),
             .file(name: "image", filename: "x y.png", content: .bytes(Data([0x89, 0x50, 0x4E, 0x47, 0x00])), contentType: "image/png")]
        }
    }

    @Test("i.5 multipart: DocModelRuntime's bytes, Content-Type with a random 32-character boundary")
    func multipart() async throws {
        var request = APIRequest(method: .post, path: "/image-to-image", operationID: "op")
        try request.setMultipartBody(ImageToImage())
        let recorded = try await sent(request)
        let contentType = try #require(recorded.request.headerFields[.contentType])
        #expect(recorded.headerLines == ["Content-Type: \(contentType)"])
        let boundary = String(try #require(contentType.split(separator: "=", maxSplits: 1).last))
        #expect(contentType == "multipart/form-data; boundary=\(boundary)")
        // httpx draws 32 hex digits; DocModelRuntime draws 32 alphanumerics: the same length, so
        // the same Content-Length.
        #expect(boundary.count == 32 && boundary.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) })
        let expected = try MultipartFormWriter(boundary: boundary).encode(ImageToImage().multipartParts())
        #expect(recorded.body == expected)
        #expect(recorded.bodyText?.hasPrefix("--\(boundary)\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\np q\r\n") == true)
    }

    @Test("raw body: bytes and content type as given, length known")
    func rawBody() async throws {
        var request = APIRequest(method: .put, path: "/blob", operationID: "op")
        request.setRawBody(Data([1, 2, 3]), contentType: "application/octet-stream")
        let recorded = try await sent(request)
        #expect(recorded.body == Data([1, 2, 3]))
        #expect(recorded.bodyLength == .known(3))
        #expect(recorded.headerLines == ["Content-Type: application/octet-stream"])
    }

    @Test("no body: the transport gets none")
    func noBody() async throws {
        let recorded = try await sent(APIRequest(method: .delete, path: "/x", operationID: "op"))
        #expect(recorded.body == nil)
        #expect(recorded.request.headerFields.isEmpty)
    }
}
