import DocModelClientRuntime
import DocModelRuntime
import Foundation
import Testing

/// SDK-FACTS i.2: query order, styles and Python's urlencode.
@Suite struct QueryTests {
    private func query(_ build: (inout APIRequest) throws -> Void, security: [SecurityCredential] = []) async throws -> String {
        var request = APIRequest(method: .get, path: "/v1/checkouts/", operationID: "checkouts:list")
        try build(&request)
        let path = try await sent(request, security: security).request.path!
        return path.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
    }

    @Test("i.2 polar checkouts.list: model order, lists exploded, nil left out, quote_plus")
    func checkoutsList() async throws {
        let text = try await query { request in
            try request.addQuery("organization_id", ["a", "b"])
            try request.addQuery("product_id", "p1")
            try request.addQuery("customer_id", [String]?.none)
            try request.addQuery("external_customer_id", [String]())
            try request.addQuery("status", ["open"])
            try request.addQuery("query", "a b&c=d/é+%?#")
            try request.addQuery("page", 2)
            try request.addQuery("limit", Int?.none)
            try request.addQuery("sorting", ["created_at", "-created_at"])
        }
        #expect(text == "organization_id=a&organization_id=b&product_id=p1&status=open&query=a+b%26c%3Dd%2F%C3%A9%2B%25%3F%23&page=2&sorting=created_at&sorting=-created_at")
    }

    @Test("i.2 query encoding examples", arguments: [
        ("100%", "q=100%25"),
        ("a%2Fb", "q=a%252Fb"),
        ("~-_.!*'()", "q=~-_.%21%2A%27%28%29"),
        ("[]{}|^`\"<>\\ ", "q=%5B%5D%7B%7D%7C%5E%60%22%3C%3E%5C+"),
        ("\n", "q=%0A"),
    ])
    func encoding(value: String, expected: String) async throws {
        #expect(try await query { try $0.addQuery("q", value) } == expected)
    }

    @Test("i.2 deepObject: brackets encoded, lists repeated, booleans true")
    func deepObject() async throws {
        let text = try await query { request in
            try request.addQuery("page", 1)
            try request.addQuery("limit", 10)
            try request.addQuery("metadata", OrderedObject([("k", "v w"), ("n", [1, 2]), ("b", true)]), style: .deepObject)
        }
        #expect(text == "page=1&limit=10&metadata%5Bk%5D=v+w&metadata%5Bn%5D=1&metadata%5Bn%5D=2&metadata%5Bb%5D=true")
    }

    @Test("deepObject: nested objects name[a][b], null members left out, a non-object sends nothing")
    func deepObjectNesting() async throws {
        let nested = OrderedObject([("a", .object(OrderedObject([("b", "c")]))), ("z", nil)])
        #expect(try await query { try $0.addQuery("m", nested, style: .deepObject) } == "m%5Ba%5D%5Bb%5D=c")
        #expect(try await query { try $0.addQuery("m", "scalar", style: .deepObject) } == "")
    }

    @Test("form explode: an object's keys become top-level names; without explode a,b and k,v")
    func formStyles() async throws {
        let object = OrderedObject([("x", 1), ("y", "a b"), ("gone", nil)])
        #expect(try await query { try $0.addQuery("filter", object) } == "x=1&y=a+b")
        #expect(try await query { try $0.addQuery("filter", object, explode: false) } == "filter=x%2C1%2Cy%2Ca+b")
        #expect(try await query { try $0.addQuery("ids", ["a", "b"], explode: false) } == "ids=a%2Cb")
        #expect(try await query { try $0.addQuery("ids", [String](), explode: false) } == "")
    }

    @Test("pipeDelimited and spaceDelimited join unexploded lists with | and a space")
    func delimited() async throws {
        #expect(try await query { try $0.addQuery("ids", ["a", "b"], style: .pipeDelimited, explode: false) } == "ids=a%7Cb")
        #expect(try await query { try $0.addQuery("ids", ["a", "b"], style: .spaceDelimited, explode: false) } == "ids=a+b")
        #expect(try await query { try $0.addQuery("ids", ["a", "b"], style: .pipeDelimited) } == "ids=a&ids=b")
    }

    @Test("i.2 dates, booleans and Python float text")
    func scalars() async throws {
        let text = try await query { request in
            try request.addQuery("start_timestamp", DateTime(rawValue: "2024-01-02T03:04:05Z")!)
            try request.addQuery("end_timestamp", DateTime(rawValue: "2024-01-02T03:04:05.120000+02:00")!)
            try request.addQuery("start_date", DateTime(rawValue: "2024-01-02")!)
            try request.addQuery("anonymize", false)
            try request.addQuery("ratio", 1.0)
            try request.addQuery("tiny", 1e-05)
        }
        #expect(text == "start_timestamp=2024-01-02T03%3A04%3A05Z&end_timestamp=2024-01-02T03%3A04%3A05.120000%2B02%3A00&start_date=2024-01-02&anonymize=false&ratio=1.0&tiny=1e-05")
    }

    @Test("i.2 unstructured list_workflows: nil page left out, default sort_by sent")
    func unstructured() async throws {
        let text = try await query { request in
            try request.addQuery("created_since", DateTime(rawValue: "2024-01-02T00:00:00Z")!)
            try request.addQuery("name", "a b")
            try request.addQuery("page", Int?.none)
            try request.addQuery("show_only_soft_deleted", false)
            try request.addQuery("sort_by", "id")
        }
        #expect(text == "created_since=2024-01-02T00%3A00%3A00Z&name=a+b&show_only_soft_deleted=false&sort_by=id")
    }

    @Test("a name added again keeps its first place (the SDK's dict); lists append to it")
    func repeatedName() async throws {
        let text = try await query { request in
            try request.addQuery("a", "1")
            try request.addQuery("b", "2")
            try request.addQuery("a", "3")
            try request.addQuery("b", ["4"])
        }
        #expect(text == "a=3&b=2&b=4")
    }

    @Test("i.7 apiKeyQuery goes after the parameters, raw value quote_plus'd")
    func securityQuery() async throws {
        let text = try await query({ try $0.addQuery("page", 1) }, security: [.apiKeyQuery(name: "api_key", value: "k y")])
        #expect(text == "page=1&api_key=k+y")
    }

    @Test("a list inside a list has no form spelling and is refused")
    func nestedList() async throws {
        var request = APIRequest(method: .get, path: "/", operationID: "op")
        #expect(throws: ParameterEncodingError.nestedValue(parameter: "ids")) { try request.addQuery("ids", [["a"]]) }
    }
}
