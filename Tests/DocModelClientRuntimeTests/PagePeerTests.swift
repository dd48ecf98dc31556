import DocModelClientRuntime
import Foundation
import OpenAPIURLSession
import Testing
import TestSupport

/// `PageSequence` against polar-sdk's own paging (SDK-FACTS j): `Tests/Peers/page_peer.py sdk` runs
/// each scenario through `polar.benefits.list` and `res.next()`; the same scenarios are then paged
/// here, through `APIClientCore` and `URLSessionTransport`, against `page_peer.py serve`. The
/// requests (path and query) and the items seen must be the SDK's.
///
/// The request is built by hand as the generated `benefits.list` builds it (query `page`, then
/// `limit`, form style); the generated client replaces it once the binding pages. Skips without
/// the peers virtualenv, unless DOCMODELGEN_REQUIRE_PEERS=1.
@Suite struct PagePeerTests {
    struct Scenario: Decodable, Sendable {
        struct Arguments: Decodable, Sendable {
            var page: Int?
            var limit: Int?
        }

        var name: String
        var items: Int
        var maxPage: Int?
        var swift: Arguments
        var requests: [String]
        var seen: [String]

        enum CodingKeys: String, CodingKey {
            case name, items, maxPage = "max_page", swift, requests, seen
        }
    }

    struct SDKRun: Decodable { var scenarios: [Scenario] }

    /// polar's `ListResourceBenefit`, reduced to what the comparison reads.
    struct ListResourceBenefit: Decodable, Sendable {
        struct Benefit: Decodable, Sendable { var id: String }
        var items: [Benefit]
    }

    struct Control: Encodable {
        var items: Int
        var maxPage: Int?

        enum CodingKeys: String, CodingKey {
            case items, maxPage = "max_page"
        }
    }

    static let script = PackageRoot.url.appendingPathComponent("Tests/Peers/page_peer.py")

    /// The SDK's run, or nil (with the skip message) without the virtualenv.
    static func sdkRun() async throws -> SDKRun? {
        let python = PeerCheck.python
        let probe = FileManager.default.isExecutableFile(atPath: python.path)
            ? try await ProcessRunner.Async.run(executable: python, arguments: ["-c", "import polar_sdk"]) : nil
        guard probe?.status == 0 else {
            let why = "the peer virtualenv is missing or cannot import polar_sdk: run `Tests/Peers/setup-venv` (CI's .ci/run does)"
            #expect(!PeerCheck.required, "DOCMODELGEN_REQUIRE_PEERS=1: \(why)")
            print("skipped: \(why)")
            return nil
        }
        let result = try await ProcessRunner.Async.run(executable: python, arguments: [script.path, "sdk"])
        try #require(result.status == 0, "page_peer.py sdk failed: \(result.stderr)")
        return try JSONDecoder().decode(SDKRun.self, from: Data(result.stdout.utf8))
    }

    /// The pages `benefits.list` returns for the caller's `page` and `limit`.
    static func listPages(_ client: APIClientCore, page: Int?, limit: Int?) -> PageSequence<ListResourceBenefit> {
        PageSequence(rule: .page(start: page, limit: limit, defaultLimit: 10, itemsPath: "$.items", maxPagePath: "$.pagination.max_page")) { position in
            var request = APIRequest(method: .get, path: "/v1/benefits/", operationID: "benefits:list")
            try request.addQuery("page", position.page)
            try request.addQuery("limit", position.limit)
            request.accept = "application/json"
            let response = try await client.send(request)
            return (page: try response.decodeJSON(ListResourceBenefit.self), body: response.body)
        }
    }

    @Test func polarsBenefitsListPagesAsTheSDKDoes() async throws {
        guard let run = try await Self.sdkRun() else { return }
        #expect(run.scenarios.count == 9)
        let server = try ProcessRunner.start(executable: PeerCheck.python, arguments: [Self.script.path, "serve"])
        let line = try #require(server.readLine())
        let port = try #require(line.hasPrefix("LISTENING ") ? Int(line.dropFirst("LISTENING ".count)) : nil, "page_peer.py serve said \(line)")
        let client = APIClientCore(configuration: APIClientConfiguration(
            serverURL: URL(string: "http://127.0.0.1:\(port)")!, transport: URLSessionTransport(), security: [.bearer("token")]))
        for scenario in run.scenarios {
            var control = APIRequest(method: .post, path: "/__peer__/scenario", operationID: "peer")
            try control.setJSONBody(Control(items: scenario.items, maxPage: scenario.maxPage))
            _ = try await client.send(control)

            var seen: [String] = []
            for try await benefit in Self.listPages(client, page: scenario.swift.page, limit: scenario.swift.limit).items(\.items) {
                seen.append(benefit.id)
            }
            let log = try await client.send(APIRequest(method: .get, path: "/__peer__/log", operationID: "peer"))
            let requests = try log.decodeJSON([String].self)
            #expect(requests == scenario.requests, "\(scenario.name): requests")
            #expect(seen == scenario.seen, "\(scenario.name): items")
        }
        try server.standardInput.close()
        server.waitUntilExit()
    }
}
