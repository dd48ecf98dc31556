import DocModelClientRuntime
import Foundation
import Testing

/// SDK-FACTS i.1 (path parameters, httpx's quoting) and i.8 (base + path).
@Suite struct PathTests {
    /// The request line's target for `DELETE /v1/customers/{id}` with `id` (polar `customers.delete`).
    private func target(id: some Encodable, serverURL: String = "https://api.example.com") async throws -> String {
        var request = APIRequest(method: .delete, path: "/v1/customers/{id}", operationID: "customers:delete")
        try request.setPath("id", id)
        try request.addQuery("anonymize", false)
        return try await sent(request, serverURL: serverURL).request.path!
    }

    @Test("i.1 table: each id gives the request line polar sent", arguments: [
        ("a b/c%25é+;,=@:", "/v1/customers/a%20b/c%25%C3%A9+;,=@:?anonymize=false"),
        ("100%", "/v1/customers/100%?anonymize=false"),
        ("a%2Fb", "/v1/customers/a%2Fb?anonymize=false"),
        ("[x]", "/v1/customers/[x]?anonymize=false"),
        ("a|b{c}^`\"<>\\", "/v1/customers/a|b%7Bc%7D^%60%22%3C%3E\\?anonymize=false"),
        ("..", "/v1?anonymize=false"),
        ("x?y=1#frag", "/v1/customers/x?anonymize=false"),
    ])
    func httpxQuoting(id: String, expected: String) async throws {
        #expect(try await target(id: id) == expected)
    }

    @Test("a control character is refused, as httpx raises InvalidURL for a\\tb")
    func controlCharacter() async throws {
        await #expect(throws: ParameterEncodingError.controlCharacterInPath("/v1/customers/a\tb")) {
            _ = try await target(id: "a\tb")
        }
    }

    @Test("simple style: numbers and booleans as _val_to_string, lists a,b, objects k,v,k,v")
    func simpleStyle() async throws {
        #expect(try await target(id: 42) == "/v1/customers/42?anonymize=false")
        #expect(try await target(id: true) == "/v1/customers/true?anonymize=false")
        #expect(try await target(id: 0.5) == "/v1/customers/0.5?anonymize=false")
        #expect(try await target(id: ["a", "b"]) == "/v1/customers/a,b?anonymize=false")
        let object = OrderedObject([("k", "v"), ("skipped", nil), ("n", 1)])
        #expect(try await target(id: object) == "/v1/customers/k,v,n,1?anonymize=false")
    }

    @Test("{name} is replaced once; nil leaves it (then quoted by httpx)")
    func substitutedOnce() async throws {
        var request = APIRequest(method: .get, path: "/a/{id}/b/{id}", operationID: "op")
        try request.setPath("id", "x")
        #expect(request.path == "/a/x/b/{id}")
        try request.setPath("id", String?.none)
        #expect(try await sent(request).request.path == "/a/x/b/%7Bid%7D")
    }

    @Test("i.8: one trailing / of the server URL is removed, then base + path")
    func basePlusPath() async throws {
        var request = APIRequest(method: .delete, path: "/v1/customers/{id}", operationID: "op")
        try request.setPath("id", "c")
        #expect(try await sent(request, serverURL: "http://127.0.0.1:1/base/").baseURL.absoluteString == "http://127.0.0.1:1/base")
        #expect(try await sent(request, serverURL: "http://127.0.0.1:1/m//").baseURL.absoluteString == "http://127.0.0.1:1/m/")
        #expect(try await sent(request, serverURL: "http://127.0.0.1:1").baseURL.absoluteString == "http://127.0.0.1:1")
        #expect(try await sent(request).request.path == "/v1/customers/c")
    }
}

@Suite struct ServerURLTemplateTests {
    @Test func fillsVariables() throws {
        let url = try ServerURLTemplate.url("https://{region}.example.com/{version}", variables: ["region": "eu", "version": "v2"])
        #expect(url.absoluteString == "https://eu.example.com/v2")
        #expect(try ServerURLTemplate.url("https://api.polar.sh").absoluteString == "https://api.polar.sh")
    }

    @Test func rejectsMissingUnknownAndInvalid() {
        #expect(throws: ServerURLError.missingVariable("region")) { try ServerURLTemplate.url("https://{region}.example.com") }
        #expect(throws: ServerURLError.unknownVariable("zone")) {
            try ServerURLTemplate.url("https://{region}.example.com", variables: ["region": "eu", "zone": "a"])
        }
        #expect(throws: ServerURLError.unterminatedVariable(template: "https://{region.example.com")) {
            try ServerURLTemplate.url("https://{region.example.com")
        }
        #expect(throws: ServerURLError.invalidURL("not a url")) { try ServerURLTemplate.url("not a url") }
    }
}
