import DocModelClientRuntime
import Foundation
import HTTPTypes
import Testing

/// SDK-FACTS i.3 (header parameters), i.6 (order, http_headers) and i.7 (security).
@Suite struct HeaderTests {
    @Test("i.3 friendli: header parameter, then Accept, then Authorization; the value is not encoded")
    func friendliOrder() async throws {
        var request = APIRequest(method: .get, path: "/dedicated/beta/endpoint", operationID: "op")
        try request.setHeader("X-Friendli-Team", "team 1")
        request.accept = "application/json"
        let lines = try await sent(request, security: [.bearer("tok")]).headerLines
        #expect(lines == ["X-Friendli-Team: team 1", "Accept: application/json", "Authorization: Bearer tok"])
    }

    @Test("i.7 an operation without security sends none; an operation's own credentials replace the client's, the later winning")
    func perOperationCredentials() async throws {
        var request = APIRequest(method: .post, path: "/v1/oauth2/token", operationID: "op")
        request.sendsCredentials = false
        #expect(try await sent(request, security: [.bearer("tok")]).headerLines.allSatisfy { !$0.hasPrefix("Authorization") })
        var portal = APIRequest(method: .get, path: "/v1/customer-portal/customers/me", operationID: "op")
        portal.sendsCredentials = false
        portal.credentials = [.bearer("cs"), .bearer("ms")]
        #expect(try await sent(portal, security: [.bearer("tok")]).headerLines == ["Authorization: Bearer ms"])
    }

    @Test("i.3 unstructured: a security header replaces the parameter of the same name in its place")
    func securityReplacesParameter() async throws {
        var request = APIRequest(method: .get, path: "/api/v1/workflows/", operationID: "op")
        try request.setHeader("unstructured-api-key", "hdr")
        request.accept = "application/json"
        #expect(try await sent(request).headerLines == ["unstructured-api-key: hdr", "Accept: application/json"])
        let secured = try await sent(request, security: [.apiKeyHeader(name: "unstructured-api-key", value: "sec")])
        #expect(secured.headerLines == ["unstructured-api-key: sec", "Accept: application/json"])
    }

    @Test("nil and empty header values are left out; lists a,b; objects k,v")
    func headerValues() async throws {
        var request = APIRequest(method: .get, path: "/", operationID: "op")
        try request.setHeader("X-None", String?.none)
        try request.setHeader("X-Empty", "")
        try request.setHeader("X-Empty-List", [String]())
        try request.setHeader("X-List", ["a", "b"])
        try request.setHeader("X-Object", OrderedObject([("k", "v"), ("n", 1)]))
        try request.setHeader("X-Flag", true)
        #expect(try await sent(request).headerLines == ["X-List: a,b", "X-Object: k,v,n,1", "X-Flag: true"])
    }

    @Test("CR and LF in a value cannot start another header: HTTPField turns them into spaces")
    func noInjection() async throws {
        var request = APIRequest(method: .get, path: "/", operationID: "op")
        try request.setHeader("X-Team", "a\r\nX-Injected: 1")
        #expect(try await sent(request).headerLines == ["X-Team: a  X-Injected: 1"])
    }

    @Test("an invalid header name is refused")
    func invalidName() {
        var request = APIRequest(method: .get, path: "/", operationID: "op")
        #expect(throws: ParameterEncodingError.invalidHeaderName("bad name")) { try request.setHeader("bad name", "x") }
    }

    @Test("i.6 http_headers replace in place (Accept keeps its position) and new ones are appended last")
    func configurationHeaders() async throws {
        var request = APIRequest(method: .patch, path: "/v1/customers/c1", operationID: "op")
        request.accept = "application/json"
        try request.setJSONBody(OrderedObject([]))
        let headers: HTTPFields = [HTTPField.Name("X-Extra")!: "1", .accept: "text/plain"]
        let lines = try await sent(request, security: [.bearer("tok")], headers: headers).headerLines
        #expect(lines == ["Accept: text/plain", "Authorization: Bearer tok", "content-type: application/json", "X-Extra: 1"])
    }

    @Test("configuration headers match names case-insensitively")
    func caseInsensitiveReplace() async throws {
        var request = APIRequest(method: .get, path: "/", operationID: "op")
        try request.setHeader("X-Team", "call")
        let lines = try await sent(request, headers: [HTTPField.Name("x-team")!: "client"]).headerLines
        #expect(lines == ["x-team: client"])
    }

    @Test("i.7 bearer: Bearer prefix added, a token already starting with bearer (any case) kept")
    func bearer() async throws {
        let request = APIRequest(method: .get, path: "/", operationID: "op")
        #expect(try await sent(request, security: [.bearer("abc")]).headerLines == ["Authorization: Bearer abc"])
        #expect(try await sent(request, security: [.bearer("bearer abc")]).headerLines == ["Authorization: bearer abc"])
        #expect(try await sent(request, security: [.bearer("BEARER abc")]).headerLines == ["Authorization: BEARER abc"])
        #expect(try await sent(request, security: [.bearer("bearerabc")]).headerLines == ["Authorization: Bearer bearerabc"])
    }

    @Test("i.7 airbyte basic auth: u / p:w → Basic dTpwOnc=")
    func basic() async throws {
        let request = APIRequest(method: .get, path: "/", operationID: "op")
        let lines = try await sent(request, security: [.basic(username: "u", password: "p:w")]).headerLines
        #expect(lines == ["Authorization: Basic dTpwOnc="])
    }

    @Test("i.7 polar per-operation security with both fields set: the later one wins")
    func laterCredentialWins() async throws {
        let request = APIRequest(method: .get, path: "/", operationID: "op")
        #expect(try await sent(request, security: [.bearer("cs"), .bearer("ms")]).headerLines == ["Authorization: Bearer ms"])
    }

    @Test("no user-agent is sent")
    func noUserAgent() async throws {
        var request = APIRequest(method: .get, path: "/", operationID: "op")
        request.accept = "application/json"
        #expect(try await sent(request).request.headerFields[.userAgent] == nil)
    }
}
