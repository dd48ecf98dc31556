// PageRunner: the generated polar client's paging, for `page_peer.py check` (request-peer-check --pages).
//
//   PageRunner --server-url URL --plan FILE --out FILE
//
// For each scenario of the plan (`page_peer.py`'s, per operation) it sets the list on the server
// (`POST /__peer__/scenario`), loops over the generated `…Pages(page:limit:)` and then `…Items(…)`,
// and writes one JSON line per loop: the requests the server recorded and the item ids seen. Then
// the lazy check per operation and sequence, and the README example (its output between
// `README-BEGIN` and `README-END` on stdout). Everything goes through `URLSessionTransport`.
import DocModelClientRuntime
import Foundation
import OpenAPIURLSession
import PeerClient

struct Plan: Decodable {
    struct Scenario: Decodable {
        struct Arguments: Decodable {
            var page: Int?
            var limit: Int?
        }

        var operation: String
        var name: String
        var items: Int
        var max_page: Int?
        var swift: Arguments
    }

    var scenarios: [Scenario]
    var operations: [String]
    var lazy_items: Int
    var readme_items: Int
}

struct Control: Encodable {
    var operation: String
    var items: Int
    var max_page: Int?
}

enum RunnerError: Error { case usage(String), unknownOperation(String), notAnObject(String) }

/// The page server's control routes, sent through the client's core (no operation of polar's).
struct PeerServer: Sendable {
    var core: APIClientCore

    func set(_ operation: String, items: Int, maxPage: Int?) async throws {
        var request = APIRequest(method: .post, path: "/__peer__/scenario", operationID: "peer")
        try request.setJSONBody(Control(operation: operation, items: items, max_page: maxPage))
        _ = try await core.send(request)
    }

    func log() async throws -> [String] {
        try await core.send(APIRequest(method: .get, path: "/__peer__/log", operationID: "peer")).decodeJSON([String].self)
    }
}

/// The `id` of each item, read from the item's own JSON (every generated model is Encodable).
func ids(of value: some Encodable, at key: String? = nil) throws -> [String] {
    let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
    let items: [Any]
    if let key {
        guard let list = (object as? [String: Any])?[key] as? [Any] else { throw RunnerError.notAnObject(key) }
        items = list
    } else {
        items = [object]
    }
    return items.map { (($0 as? [String: Any])?["id"] as? String) ?? "?" }
}

func pageIDs<Page: Encodable & Sendable>(_ pages: PageSequence<Page>) async throws -> [String] {
    var seen: [String] = []
    for try await page in pages { seen += try ids(of: page, at: "items") }
    return seen
}

func itemIDs<Page: Sendable, Item: Encodable>(_ items: PageItems<Page, Item>) async throws -> [String] {
    var seen: [String] = []
    for try await item in items { seen += try ids(of: item) }
    return seen
}

/// The requests recorded before the first `next()` and after it; then, on a fresh log (`reset`), a
/// moment after a loop was left with `break` after its first page.
func lazyPages<Page: Sendable>(_ make: () -> PageSequence<Page>, _ server: PeerServer, reset: () async throws -> Void) async throws -> [String: [String]] {
    let pages = make()
    var iterator = pages.makeAsyncIterator()
    try await Task.sleep(for: .milliseconds(200))  // a request sent early would be logged by now
    let before = try await server.log()
    _ = try await iterator.next()
    let afterFirst = try await server.log()
    try await reset()  // a fresh log for a fresh loop: its first page, then `break`
    for try await _ in pages { break }
    try await Task.sleep(for: .milliseconds(300))  // a request after `break` would be logged by now
    return ["before_next": before, "after_first": afterFirst, "after_break": try await server.log()]
}

func lazyItems<Page: Sendable, Item>(_ make: () -> PageItems<Page, Item>, _ server: PeerServer, reset: () async throws -> Void) async throws -> [String: [String]] {
    let items = make()
    var iterator = items.makeAsyncIterator()
    try await Task.sleep(for: .milliseconds(200))
    let before = try await server.log()
    _ = try await iterator.next()
    let afterFirst = try await server.log()
    try await reset()
    for try await _ in items { break }
    try await Task.sleep(for: .milliseconds(300))
    return ["before_next": before, "after_first": afterFirst, "after_break": try await server.log()]
}

/// One loop of one operation, through the generated method of that name.
func run(_ operation: String, _ client: PolarClient, page: Int?, limit: Int?, items: Bool) async throws -> [String] {
    switch (operation, items) {
    case ("benefits.list", false): try await pageIDs(client.benefits.listPages(page: page, limit: limit))
    case ("benefits.list", true): try await itemIDs(client.benefits.listItems(page: page, limit: limit))
    case ("customers.list", false): try await pageIDs(client.customers.listPages(page: page, limit: limit))
    case ("customers.list", true): try await itemIDs(client.customers.listItems(page: page, limit: limit))
    case ("webhooks.list_webhook_endpoints", false): try await pageIDs(client.webhooks.listWebhookEndpointsPages(page: page, limit: limit))
    case ("webhooks.list_webhook_endpoints", true): try await itemIDs(client.webhooks.listWebhookEndpointsItems(page: page, limit: limit))
    case ("members.list_members", false): try await pageIDs(client.members.listMembersPages(page: page, limit: limit))
    case ("members.list_members", true): try await itemIDs(client.members.listMembersItems(page: page, limit: limit))
    default: throw RunnerError.unknownOperation(operation)
    }
}

func lazy(_ operation: String, _ client: PolarClient, _ server: PeerServer, listed: Int, items: Bool) async throws -> [String: [String]] {
    let reset = { try await server.set(operation, items: listed, maxPage: nil) }
    return switch (operation, items) {
    case ("benefits.list", false): try await lazyPages({ client.benefits.listPages() }, server, reset: reset)
    case ("benefits.list", true): try await lazyItems({ client.benefits.listItems() }, server, reset: reset)
    case ("customers.list", false): try await lazyPages({ client.customers.listPages() }, server, reset: reset)
    case ("customers.list", true): try await lazyItems({ client.customers.listItems() }, server, reset: reset)
    case ("webhooks.list_webhook_endpoints", false): try await lazyPages({ client.webhooks.listWebhookEndpointsPages() }, server, reset: reset)
    case ("webhooks.list_webhook_endpoints", true): try await lazyItems({ client.webhooks.listWebhookEndpointsItems() }, server, reset: reset)
    case ("members.list_members", false): try await lazyPages({ client.members.listMembersPages() }, server, reset: reset)
    case ("members.list_members", true): try await lazyItems({ client.members.listMembersItems() }, server, reset: reset)
    default: throw RunnerError.unknownOperation(operation)
    }
}

/// The README's example, as it is printed there (`README.md`, "Calling the API").
func readmeExample(_ client: PolarClient) async throws {
    // README-SNIPPET-BEGIN
    for try await benefit in client.benefits.listItems(limit: 10) {
        switch benefit {
        case .benefitCustom(let custom): print(custom.id, custom.description)
        default: print("another kind of benefit")
        }
    }
    // README-SNIPPET-END
}

func line(_ object: [String: Any], to handle: FileHandle) throws {
    handle.write(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) + Data("\n".utf8))
}

func main() async throws {
    let arguments = CommandLine.arguments
    func option(_ name: String) throws -> String {
        guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { throw RunnerError.usage("\(name) is required") }
        return arguments[index + 1]
    }
    let url = try require(URL(string: try option("--server-url")), "--server-url")
    let plan = try JSONDecoder().decode(Plan.self, from: Data(contentsOf: URL(fileURLWithPath: try option("--plan"))))
    _ = FileManager.default.createFile(atPath: try option("--out"), contents: nil)
    let out = try FileHandle(forWritingTo: URL(fileURLWithPath: try option("--out")))
    let client = PolarClient(serverURL: url, security: .init(accessToken: "token"), transport: URLSessionTransport())
    let server = PeerServer(core: client.core)

    for scenario in plan.scenarios {
        for items in [false, true] {
            try await server.set(scenario.operation, items: scenario.items, maxPage: scenario.max_page)
            var result: [String: Any] = ["kind": "run", "operation": scenario.operation, "name": scenario.name, "mode": items ? "items" : "pages"]
            do {
                result["seen"] = try await run(scenario.operation, client, page: scenario.swift.page, limit: scenario.swift.limit, items: items)
            } catch {
                result["error"] = "\(error)"
            }
            result["requests"] = try await server.log()
            try line(result, to: out)
        }
    }
    for operation in plan.operations {
        for items in [false, true] {
            try await server.set(operation, items: plan.lazy_items, maxPage: nil)
            var result: [String: Any] = try await lazy(operation, client, server, listed: plan.lazy_items, items: items)
            result["kind"] = "lazy"
            result["operation"] = operation
            result["sequence"] = items ? "items" : "pages"
            try line(result, to: out)
        }
    }
    try await server.set("benefits.list", items: plan.readme_items, maxPage: nil)
    print("README-BEGIN")
    try await readmeExample(client)
    print("README-END")
    try line(["kind": "readme", "requests": try await server.log()], to: out)
    try out.close()
}

/// The value, or a usage error naming what was bad.
func require<T>(_ value: T?, _ what: String = "value") throws -> T {
    guard let value else { throw RunnerError.usage("bad \(what)") }
    return value
}

do {
    try await main()
} catch {
    FileHandle.standardError.write(Data("PageRunner: \(error)\n".utf8))
    exit(1)
}
