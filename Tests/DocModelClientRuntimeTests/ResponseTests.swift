import DocModelClientRuntime
import Foundation
import HTTPTypes
import Testing

/// SDK-FACTS i.9: match_response and the errors.
@Suite struct ResponseTests {
    private func response(_ code: Int, _ contentType: String?, _ body: String = "") -> APIResponse {
        var fields = HTTPFields()
        if let contentType { fields[.contentType] = contentType }
        return APIResponse(status: .init(code: code), headerFields: fields, body: Data(body.utf8))
    }

    @Test("status patterns", arguments: [
        (200, ["200"], true), (201, ["200"], false), (404, ["4XX"], true), (500, ["4XX"], false),
        (503, ["5XX"], true), (204, ["2XX"], true), (302, ["default"], true), (422, ["400", "422"], true),
        (418, ["400", "422"], false), (404, ["4xx"], true),
    ])
    func status(code: Int, patterns: [String], expected: Bool) {
        #expect(response(code, "application/json").matches(status: patterns, contentType: "application/json") == expected)
    }

    @Test("content-type patterns (match_content_type)", arguments: [
        ("application/json", "application/json", true),
        ("application/json; charset=utf-8", "application/json", true),  // i.9: parameters ignored
        ("Application/JSON", "application/json", true),
        ("text/plain", "application/json", false),
        ("text/html", "*", true),
        ("text/html", "*/*", true),
        ("text/csv", "text/*", true),
        ("text/csv", "*/csv", true),
        ("text/csv", "application/*", false),
        ("json", "text/plain", true),  // email.message: a type without one "/" reads as text/plain
        ("", "text/plain", true),
    ] as [(String, String, Bool)])
    func contentType(actual: String, pattern: String, expected: Bool) {
        #expect(response(200, actual).matches(status: ["200"], contentType: pattern) == expected)
    }

    @Test("a missing content type counts as application/octet-stream")
    func missingContentType() {
        let bare = response(200, nil)
        #expect(bare.contentType == nil)
        #expect(bare.matches(status: ["200"], contentType: "application/octet-stream"))
        #expect(bare.matches(status: ["200"], contentType: "application/*"))
        #expect(!bare.matches(status: ["200"], contentType: "application/json"))
    }

    struct ResourceNotFound: Decodable, Sendable { var error: String; var detail: String }
    struct Page: Decodable { var items: [Item] }
    struct Item: Decodable { var name: String }

    @Test("decodeJSON: the documented error body decodes")
    func decodes() throws {
        let notFound = response(404, "application/json", #"{"error":"ResourceNotFound","detail":"nope"}"#)
        let body = try notFound.decodeJSON(ResourceNotFound.self)
        #expect(body.detail == "nope")
        let error = APIError(notFound, body: body)
        #expect(error.status == .notFound && error.rawBody == notFound.body && error.body.error == "ResourceNotFound")
        #expect(error.description == #"API error occurred: Status 404 Content-Type application/json. Body: {"error":"ResourceNotFound","detail":"nope"}"#)
    }

    @Test("decodeJSON: i.9 404 {\"x\":1} is a ResponseDecodingError that keeps the response")
    func validationError() throws {
        let bad = response(404, "application/json", #"{"x":1}"#)
        let error = try #require(throws: ResponseDecodingError.self) { try bad.decodeJSON(ResourceNotFound.self) }
        #expect(error.status == .notFound)
        #expect(error.body == bad.body)
        #expect(error.headerFields[.contentType] == "application/json")
        #expect(error.typeName == "ResourceNotFound")
        #expect(error.reason == "missing key 'error'")
        #expect(error.codingPath == "")
    }

    @Test("decodeJSON: the path of the failing key, and text that is no JSON")
    func decodingPaths() throws {
        let nested = response(200, "application/json", #"{"items":[{"name":"a"},{"name":2}]}"#)
        let error = try #require(throws: ResponseDecodingError.self) { try nested.decodeJSON(Page.self) }
        #expect(error.codingPath == "items[1].name")
        #expect(error.reason.hasPrefix("expected String"))
        let notJSON = response(200, "application/json", "not json")
        let second = try #require(throws: ResponseDecodingError.self) { try notJSON.decodeJSON(Page.self) }
        #expect(second.body == Data("not json".utf8) && second.status == .ok)
        #expect(second.description.contains("Body: not json"))
    }

    @Test("text(): UTF-8 text, and invalid UTF-8 as a ResponseDecodingError")
    func text() throws {
        #expect(try response(200, "text/csv", "a,b\né").text() == "a,b\né")
        let invalid = APIResponse(status: .ok, body: Data([0x61, 0xFF, 0xFE]))
        let error = try #require(throws: ResponseDecodingError.self) { try invalid.text() }
        #expect(error.typeName == "String" && error.body == Data([0x61, 0xFF, 0xFE]))
    }

    @Test("UnexpectedResponseError keeps status, headers, body and says what the SDK's SDKError says")
    func unexpected() {
        let error = UnexpectedResponseError(response(200, "text/plain", "nope"))
        #expect(error.status == .ok && error.contentType == "text/plain" && error.body == Data("nope".utf8))
        #expect(error.description == "Unexpected response received: Status 200 Content-Type text/plain. Body: nope")
        #expect(UnexpectedResponseError(response(201, nil, "{}")).description == "Unexpected response received: Status 201 Content-Type . Body: {}")
    }
}
