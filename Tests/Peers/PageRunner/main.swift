// PageRunner: the generated polar client's paging, for `page_peer.py check` (request-peer-check --pages).
//
//   PageRunner --server-url URL --plan FILE --out FILE
//
// For each scenario of the plan (`page_peer.py`'s, per operation) it sets the list on the server
// (`POST /__peer__/scenario`), loops over the generated `…Pages(page:limit:)` and then `…Items(…)`,
// and writes one JSON line per loop: the requests the server recorded and the item keys seen (the
// plan names each operation's key field and its required arguments). Then the lazy check per
// operation and sequence, and the README example (its output between `README-BEGIN` and
// `README-END` on stdout). Everything goes through `URLSessionTransport`.
//
// `operationTable` calls every paged operation of polar (36, found by page_peer.py in the SDK); the
// plan's operations and the table's must be the same, with the same required arguments, or the
// runner fails before it runs any (an operation is never skipped in silence).
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

    struct Operation: Decodable {
        var name: String
        var key: String
        var arguments: [String: String]
    }

    var scenarios: [Scenario]
    var operations: [Operation]
    var lazy_items: Int
    var readme_items: Int
}

struct Control: Encodable {
    var operation: String
    var items: Int
    var max_page: Int?
}

enum RunnerError: Error { case usage(String), unknownOperation(String), notAnObject(String), tableMismatch(String) }

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

/// The `key` field (`id` mostly) of each item, read from the item's own JSON (every generated model is Encodable).
func ids(of value: some Encodable, at list: String? = nil, key: String) throws -> [String] {
    let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value))
    let items: [Any]
    if let list {
        guard let values = (object as? [String: Any])?[list] as? [Any] else { throw RunnerError.notAnObject(list) }
        items = values
    } else {
        items = [object]
    }
    return items.map { (($0 as? [String: Any])?[key] as? String) ?? "?" }
}

func pageIDs<Page: Encodable & Sendable>(_ pages: PageSequence<Page>, key: String) async throws -> [String] {
    var seen: [String] = []
    for try await page in pages { seen += try ids(of: page, at: "items", key: key) }
    return seen
}

func itemIDs<Page: Sendable, Item: Encodable>(_ items: PageItems<Page, Item>, key: String) async throws -> [String] {
    var seen: [String] = []
    for try await item in items { seen += try ids(of: item, key: key) }
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

/// The values of an operation's required arguments (page_peer.py's REQUIRED_VALUES), checked
/// against the table's `required` before any run.
struct Arguments: Sendable {
    var values: [String: String]
    var id: String { values["id"] ?? "" }
    var externalID: String { values["external_id"] ?? "" }
    /// The customer portal's customer session token.
    var security: String { values["security"] ?? "" }
}

/// One paged operation: its `…Pages` and `…Items` with the page and limit of a scenario.
struct Operation: Sendable {
    typealias Reset = @Sendable () async throws -> Void
    var name: String
    var required: [String]
    var run: @Sendable (PolarClient, Arguments, Int?, Int?, _ items: Bool, _ key: String) async throws -> [String]
    var lazy: @Sendable (PolarClient, Arguments, PeerServer, _ items: Bool, Reset) async throws -> [String: [String]]

    init<Page: Encodable & Sendable, Item: Encodable & Sendable>(
        _ name: String, _ required: [String],
        _ pages: @escaping @Sendable (PolarClient, Arguments, Int?, Int?) -> PageSequence<Page>,
        _ items: @escaping @Sendable (PolarClient, Arguments, Int?, Int?) -> PageItems<Page, Item>
    ) {
        self.name = name
        self.required = required
        run = { client, arguments, page, limit, asItems, key in
            asItems
                ? try await itemIDs(items(client, arguments, page, limit), key: key)
                : try await pageIDs(pages(client, arguments, page, limit), key: key)
        }
        lazy = { client, arguments, server, asItems, reset in
            asItems
                ? try await lazyItems({ items(client, arguments, nil, nil) }, server, reset: reset)
                : try await lazyPages({ pages(client, arguments, nil, nil) }, server, reset: reset)
        }
    }
}

/// Every paged operation of polar, by the SDK's name (`group.method`, `customer_portal.group.method`).
let operationTable: [Operation] = [
    Operation("benefit_grants.list", [],
              { client, arguments, page, limit in client.benefitGrants.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.benefitGrants.listItems(page: page, limit: limit) }),
    Operation("benefits.grants", ["id"],
              { client, arguments, page, limit in client.benefits.grantsPages(id: arguments.id, page: page, limit: limit) },
              { client, arguments, page, limit in client.benefits.grantsItems(id: arguments.id, page: page, limit: limit) }),
    Operation("benefits.list", [],
              { client, arguments, page, limit in client.benefits.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.benefits.listItems(page: page, limit: limit) }),
    Operation("checkout_links.list", [],
              { client, arguments, page, limit in client.checkoutLinks.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.checkoutLinks.listItems(page: page, limit: limit) }),
    Operation("checkouts.list", [],
              { client, arguments, page, limit in client.checkouts.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.checkouts.listItems(page: page, limit: limit) }),
    Operation("custom_fields.list", [],
              { client, arguments, page, limit in client.customFields.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.customFields.listItems(page: page, limit: limit) }),
    Operation("customer_meters.list", [],
              { client, arguments, page, limit in client.customerMeters.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.customerMeters.listItems(page: page, limit: limit) }),
    Operation("customer_portal.benefit_grants.list", ["security"],
              { client, arguments, page, limit in client.customerPortal.benefitGrants.listPages(security: .init(customerSession: arguments.security), page: page, limit: limit) },
              { client, arguments, page, limit in client.customerPortal.benefitGrants.listItems(security: .init(customerSession: arguments.security), page: page, limit: limit) }),
    Operation("customer_portal.customer_meters.list", ["security"],
              { client, arguments, page, limit in client.customerPortal.customerMeters.listPages(security: .init(customerSession: arguments.security), page: page, limit: limit) },
              { client, arguments, page, limit in client.customerPortal.customerMeters.listItems(security: .init(customerSession: arguments.security), page: page, limit: limit) }),
    Operation("customer_portal.customers.list_payment_methods", ["security"],
              { client, arguments, page, limit in client.customerPortal.customers.listPaymentMethodsPages(security: .init(customerSession: arguments.security), page: page, limit: limit) },
              { client, arguments, page, limit in client.customerPortal.customers.listPaymentMethodsItems(security: .init(customerSession: arguments.security), page: page, limit: limit) }),
    Operation("customer_portal.downloadables.list", ["security"],
              { client, arguments, page, limit in client.customerPortal.downloadables.listPages(security: .init(customerSession: arguments.security), page: page, limit: limit) },
              { client, arguments, page, limit in client.customerPortal.downloadables.listItems(security: .init(customerSession: arguments.security), page: page, limit: limit) }),
    Operation("customer_portal.license_keys.list", ["security"],
              { client, arguments, page, limit in client.customerPortal.licenseKeys.listPages(security: .init(customerSession: arguments.security), page: page, limit: limit) },
              { client, arguments, page, limit in client.customerPortal.licenseKeys.listItems(security: .init(customerSession: arguments.security), page: page, limit: limit) }),
    Operation("customer_portal.members.list_members", [],
              { client, arguments, page, limit in client.customerPortal.members.listMembersPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.customerPortal.members.listMembersItems(page: page, limit: limit) }),
    Operation("customer_portal.orders.list", ["security"],
              { client, arguments, page, limit in client.customerPortal.orders.listPages(security: .init(customerSession: arguments.security), page: page, limit: limit) },
              { client, arguments, page, limit in client.customerPortal.orders.listItems(security: .init(customerSession: arguments.security), page: page, limit: limit) }),
    Operation("customer_portal.seats.list_claimed_subscriptions", ["security"],
              { client, arguments, page, limit in client.customerPortal.seats.listClaimedSubscriptionsPages(security: .init(customerSession: arguments.security), page: page, limit: limit) },
              { client, arguments, page, limit in client.customerPortal.seats.listClaimedSubscriptionsItems(security: .init(customerSession: arguments.security), page: page, limit: limit) }),
    Operation("customer_portal.subscriptions.list", ["security"],
              { client, arguments, page, limit in client.customerPortal.subscriptions.listPages(security: .init(customerSession: arguments.security), page: page, limit: limit) },
              { client, arguments, page, limit in client.customerPortal.subscriptions.listItems(security: .init(customerSession: arguments.security), page: page, limit: limit) }),
    Operation("customer_portal.wallets.list", ["security"],
              { client, arguments, page, limit in client.customerPortal.wallets.listPages(security: .init(customerSession: arguments.security), page: page, limit: limit) },
              { client, arguments, page, limit in client.customerPortal.wallets.listItems(security: .init(customerSession: arguments.security), page: page, limit: limit) }),
    Operation("customers.list", [],
              { client, arguments, page, limit in client.customers.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.customers.listItems(page: page, limit: limit) }),
    Operation("customers.list_payment_methods", ["id"],
              { client, arguments, page, limit in client.customers.listPaymentMethodsPages(id: arguments.id, page: page, limit: limit) },
              { client, arguments, page, limit in client.customers.listPaymentMethodsItems(id: arguments.id, page: page, limit: limit) }),
    Operation("customers.list_payment_methods_external", ["external_id"],
              { client, arguments, page, limit in client.customers.listPaymentMethodsExternalPages(externalId: arguments.externalID, page: page, limit: limit) },
              { client, arguments, page, limit in client.customers.listPaymentMethodsExternalItems(externalId: arguments.externalID, page: page, limit: limit) }),
    Operation("discounts.list", [],
              { client, arguments, page, limit in client.discounts.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.discounts.listItems(page: page, limit: limit) }),
    Operation("disputes.list", [],
              { client, arguments, page, limit in client.disputes.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.disputes.listItems(page: page, limit: limit) }),
    Operation("event_types.list", [],
              { client, arguments, page, limit in client.eventTypes.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.eventTypes.listItems(page: page, limit: limit) }),
    Operation("events.list_names", [],
              { client, arguments, page, limit in client.events.listNamesPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.events.listNamesItems(page: page, limit: limit) }),
    Operation("files.list", [],
              { client, arguments, page, limit in client.files.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.files.listItems(page: page, limit: limit) }),
    Operation("license_keys.list", [],
              { client, arguments, page, limit in client.licenseKeys.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.licenseKeys.listItems(page: page, limit: limit) }),
    Operation("members.list_members", [],
              { client, arguments, page, limit in client.members.listMembersPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.members.listMembersItems(page: page, limit: limit) }),
    Operation("meters.list", [],
              { client, arguments, page, limit in client.meters.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.meters.listItems(page: page, limit: limit) }),
    Operation("orders.list", [],
              { client, arguments, page, limit in client.orders.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.orders.listItems(page: page, limit: limit) }),
    Operation("organizations.list_organizations", [],
              { client, arguments, page, limit in client.organizations.listOrganizationsPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.organizations.listOrganizationsItems(page: page, limit: limit) }),
    Operation("payments.list", [],
              { client, arguments, page, limit in client.payments.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.payments.listItems(page: page, limit: limit) }),
    Operation("products.list", [],
              { client, arguments, page, limit in client.products.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.products.listItems(page: page, limit: limit) }),
    Operation("refunds.list", [],
              { client, arguments, page, limit in client.refunds.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.refunds.listItems(page: page, limit: limit) }),
    Operation("subscriptions.list", [],
              { client, arguments, page, limit in client.subscriptions.listPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.subscriptions.listItems(page: page, limit: limit) }),
    Operation("webhooks.list_webhook_deliveries", [],
              { client, arguments, page, limit in client.webhooks.listWebhookDeliveriesPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.webhooks.listWebhookDeliveriesItems(page: page, limit: limit) }),
    Operation("webhooks.list_webhook_endpoints", [],
              { client, arguments, page, limit in client.webhooks.listWebhookEndpointsPages(page: page, limit: limit) },
              { client, arguments, page, limit in client.webhooks.listWebhookEndpointsItems(page: page, limit: limit) })
]

/// The table's operation for each of the plan's, or why they do not match (the runner then stops).
func checkedTable(_ plan: Plan) throws -> [String: Operation] {
    let table = Dictionary(operationTable.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    guard table.count == operationTable.count else { throw RunnerError.tableMismatch("operationTable names an operation twice") }
    let planned = Set(plan.operations.map(\.name))
    guard planned == Set(table.keys), plan.operations.count == table.count else {
        throw RunnerError.tableMismatch("""
            the plan has \(plan.operations.count) operation(s), the table \(table.count); only in the plan: \
            \(planned.subtracting(table.keys).sorted()), only in the table: \(Set(table.keys).subtracting(planned).sorted())
            """)
    }
    for operation in plan.operations where Set(operation.arguments.keys) != Set(table[operation.name]!.required) {
        throw RunnerError.tableMismatch("\(operation.name): the plan's required arguments \(operation.arguments.keys.sorted()), the table's \(table[operation.name]!.required)")
    }
    return table
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

    let table = try checkedTable(plan)
    let specs = Dictionary(uniqueKeysWithValues: plan.operations.map { ($0.name, $0) })
    for scenario in plan.scenarios {
        guard let operation = table[scenario.operation], let spec = specs[scenario.operation] else {
            throw RunnerError.unknownOperation(scenario.operation)
        }
        for items in [false, true] {
            try await server.set(scenario.operation, items: scenario.items, maxPage: scenario.max_page)
            var result: [String: Any] = ["kind": "run", "operation": scenario.operation, "name": scenario.name, "mode": items ? "items" : "pages"]
            do {
                result["seen"] = try await operation.run(client, Arguments(values: spec.arguments), scenario.swift.page, scenario.swift.limit, items, spec.key)
            } catch {
                result["error"] = "\(error)"
            }
            result["requests"] = try await server.log()
            try line(result, to: out)
        }
    }
    for spec in plan.operations {
        let operation = try require(table[spec.name], spec.name)
        for items in [false, true] {
            try await server.set(spec.name, items: plan.lazy_items, maxPage: nil)
            let reset: Operation.Reset = { try await server.set(spec.name, items: plan.lazy_items, maxPage: nil) }
            var result: [String: Any] = try await operation.lazy(client, Arguments(values: spec.arguments), server, items, reset)
            result["kind"] = "lazy"
            result["operation"] = spec.name
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
