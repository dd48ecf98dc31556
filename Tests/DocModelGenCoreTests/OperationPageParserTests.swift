@testable import DocModelGenCore
import Foundation
import TestSupport
import Testing

/// `docs/sdks/<group>/README.md` → operation groups, on a page built from the grammar and on every
/// operations page of the shared trees.
@Suite struct OperationPageParserTests {
    static let models = [
        SourcePage(path: "components/checkout.md", text: "# Checkout\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n| `id` | *str* | :heavy_check_mark: | N/A |\n"),
        SourcePage(path: "errors/httperror.md", text: "# HTTPError\n\n## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n| `detail` | *str* | :heavy_check_mark: | N/A |\n"),
    ]

    static let page = """
        # Checkouts
        (*customer_portal.checkouts*)

        ## Overview

        ### Available Operations

        * [get](#get) - Get Checkout Session
        * [broken](#broken) - A broken one

        ## get

        Get a checkout session by ID.

        **Scopes**: `checkouts:read`

        ### Example Usage

        <!-- UsageSnippet language="python" operationID="checkouts:get" method="get" path="/v1/checkouts/{id}" -->
        ```python
        res = polar.checkouts.get(id="x")
        ```

        ### Parameters

        | Parameter | Type | Required | Description |
        | --- | --- | --- | --- |
        | `id` | *str* | :heavy_check_mark: | The checkout session ID. |
        | `limit` | *Optional[int]* | :heavy_minus_sign: | N/A |
        | `retries` | [Optional[utils.RetryConfig]](../../models/utils/retryconfig.md) | :heavy_minus_sign: | Configuration to override the default retry behavior of the client. |

        ### Response

        **[components.Checkout](../../models/components/checkout.md)**

        ### Errors

        | Error Type | Status Code | Content Type |
        | --- | --- | --- |
        | errors.HTTPError | 400, 404 | application/json |
        | errors.SDKError | 4XX, 5XX | \\*/\\* |

        ## broken

        ### Parameters

        | Parameter | Type | Required | Description |
        | --- | --- | --- | --- |
        | `id` | *str* | yes | N/A |

        """

    static func read(_ pages: [SourcePage], models: [SourcePage]) -> (groups: [OperationGroup], diagnostics: [Diagnostic]) {
        let schema = SchemaBuilder.build(sources: models, root: "/docs/models")
        return SchemaBuilder.operationGroups(of: pages, models: schema, root: "/docs/models")
    }

    @Test func anOperationsPageInEveryPart() throws {
        let (groups, diagnostics) = Self.read([SourcePage(path: "../sdks/checkouts/README.md", text: Self.page)], models: Self.models)
        let group = try #require(groups.first)
        #expect(group.title == "Checkouts")
        #expect(group.accessor == ["customer_portal", "checkouts"])
        #expect(group.operations.map(\.name) == ["get"])
        let get = group.operations[0]
        #expect(get.summary == "Get Checkout Session")
        #expect(get.description == "Get a checkout session by ID.\n\nScopes: checkouts:read")
        #expect(get.usage?.operationID == "checkouts:get" && get.usage?.method == "get" && get.usage?.path == "/v1/checkouts/{id}")
        #expect(get.usage?.location.line == 19)
        #expect(get.parameters.map(\.name) == ["id", "limit", "retries"])
        #expect(get.parameters[0].type == .string && get.parameters[0].required == .required)
        #expect(get.parameters[1].type == .optional(.integer) && get.parameters[1].required == .notRequired)
        #expect(get.parameters[1].description == nil)
        #expect(get.response == .reference(ModelReference(text: "components.Checkout", destination: "../../models/components/checkout.md", target: "components/checkout.md")))
        #expect(get.errors.map(\.statusCodes) == [["400", "404"], ["4XX", "5XX"]])
        #expect(get.errors.map(\.contentType) == ["application/json", "*/*"])
        #expect(get.errors[0].type == .reference(ModelReference(text: "errors.HTTPError", destination: "", target: "errors/httperror.md")))
        // The broken operation is left out, located, and the page still stands.
        #expect(diagnostics.map { $0.formatted() } == [
            "../sdks/checkouts/README.md:49:18: warning: operation 'broken' is left out: Required cell must be ':heavy_check_mark:' or ':heavy_minus_sign:', found 'yes'",
        ])
    }

    @Test func pageWithoutAccessorOrSummariesTakesTheTitle() throws {
        let text = "# Customer Portal\n\n## list\n\n### Response\n\n**[str](../../models/.md)**\n"
        let (groups, diagnostics) = Self.read([SourcePage(path: "../sdks/customerportal/README.md", text: text)], models: [])
        #expect(diagnostics.isEmpty)
        #expect(groups.first?.accessor == ["customer_portal"])
        // A link to the nameless `.md` page is the generators' way to write a plain type.
        #expect(groups.first?.operations.first?.response == .string)
        #expect(groups.first?.operations.first?.summary == nil)
    }

    struct Tree: Sendable, CustomTestStringConvertible {
        var folder: String
        var groups: Int
        var operations: Int
        /// Operations with a UsageSnippet that gives method and path.
        var located: Int
        var testDescription: String { folder }
    }

    static let trees = [
        Tree(folder: "livepeer-ai-python", groups: 2, operations: 10, located: 0),
        Tree(folder: "unstructured-python-client", groups: 7, operations: 30, located: 30),
        Tree(folder: "polar-python", groups: 40, operations: 185, located: 185),
        Tree(folder: "airbyte-api-python-sdk", groups: 7, operations: 29, located: 0),
        Tree(folder: "friendli-python", groups: 26, operations: 69, located: 69),
    ]

    static func sourcePages(in folder: URL, relativeTo prefix: String) throws -> [SourcePage] {
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        var pages: [SourcePage] = []
        while let url = enumerator?.nextObject() as? URL {
            guard url.pathExtension == "md" else { continue }
            let relative = String(url.path.dropFirst(folder.path.count + 1))
            pages.append(SourcePage(path: prefix + relative, text: try String(contentsOf: url, encoding: .utf8)))
        }
        return pages
    }

    /// Every operation of every shared tree is read, each parameter, response and error type is
    /// understood, and each reference to a model finds its page.
    @Test(.enabled(if: PackageRoot.hasSharedCorpus, "../shared/corpus is not beside this checkout"), arguments: trees)
    func everySharedOperationsPageIsRead(_ tree: Tree) throws {
        let root = PackageRoot.sharedCorpus.appendingPathComponent("\(tree.folder)/docs")
        let models = try Self.sourcePages(in: root.appendingPathComponent("models"), relativeTo: "")
        let sdks = try Self.sourcePages(in: root.appendingPathComponent("sdks"), relativeTo: "../sdks/")
        let schema = SchemaBuilder.build(sources: models, root: root.appendingPathComponent("models").path)
        let (groups, diagnostics) = SchemaBuilder.operationGroups(of: sdks, models: schema, root: root.appendingPathComponent("models").path)
        #expect(diagnostics.isEmpty, "\(diagnostics.prefix(10).map { $0.formatted() })")
        #expect(groups.count == tree.groups)
        let operations = groups.flatMap(\.operations)
        #expect(operations.count == tree.operations)
        #expect(operations.filter { $0.usage?.method != nil && $0.usage?.path != nil }.count == tree.located)
        #expect(groups.allSatisfy { !$0.accessor.isEmpty })
        for operation in operations {
            var types = operation.parameters.map(\.type)
            if let response = operation.response { types.append(response) }
            types += operation.errors.map(\.type).filter { type in
                // The SDK's own error classes (`errors.SDKError`, `models.APIError`) have no page.
                if case .reference(let reference) = type { return !reference.text.hasSuffix("SDKError") && !reference.text.hasSuffix("APIError") }
                return true
            }
            for expression in types.flatMap(\.allExpressions) {
                switch expression {
                case .malformed(let text), .unknown(let text):
                    Issue.record("\(operation.location): type '\(text)' of '\(operation.name)' is not understood")
                case .reference(let reference) where reference.target == nil:
                    Issue.record("\(operation.location): '\(reference.text)' of '\(operation.name)' finds no page")
                default: break
                }
            }
        }
    }
}

/// An SDK's `README.md` → its servers and security schemes, on every shared tree.
@Suite(.enabled(if: PackageRoot.hasSharedCorpus, "../shared/corpus is not beside this checkout"))
struct SDKReadmeParserTests {
    static func overview(_ folder: String) throws -> APIOverview {
        let url = PackageRoot.sharedCorpus.appendingPathComponent("\(folder)/README.md")
        return SDKReadmeParser.parse(PageParser.parse(try String(contentsOf: url, encoding: .utf8), path: "README.md"))
    }

    @Test func serversByNameAndByIndex() throws {
        let polar = try Self.overview("polar-python").servers
        #expect(polar.map(\.name) == ["production", "sandbox"])
        #expect(polar.map(\.url) == ["https://api.polar.sh", "https://sandbox-api.polar.sh"])
        #expect(polar.map(\.description) == ["Production environment", "Sandbox environment"])
        let livepeer = try Self.overview("livepeer-ai-python").servers
        #expect(livepeer.map(\.name) == [nil, nil] && livepeer.map(\.index) == [0, 1])
        #expect(livepeer.map(\.url) == ["https://dream-gateway.livepeer.cloud", "https://livepeer.studio/api/beta/generate"])
        let airbyte = try Self.overview("airbyte-api-python-sdk").servers
        #expect(airbyte.map(\.url) == ["https://api.airbyte.com/v1"] && airbyte[0].variables == nil)
        // No table: the servers come from an overlay.
        #expect(try Self.overview("friendli-python").servers.isEmpty)
        #expect(try Self.overview("unstructured-python-client").servers.isEmpty)
    }

    @Test func securitySchemes() throws {
        func summary(_ folder: String) throws -> [String] {
            try Self.overview(folder).securitySchemes.map { "\($0.name) \($0.type) \($0.scheme ?? "-") \($0.environmentVariable ?? "-")" }
        }
        #expect(try summary("polar-python") == ["access_token http HTTP Bearer -"])
        #expect(try summary("livepeer-ai-python") == ["http_bearer http HTTP Bearer -"])
        #expect(try summary("airbyte-api-python-sdk") == ["basic_auth http HTTP Basic -", "bearer_auth http HTTP Bearer -"])
        #expect(try summary("friendli-python") == ["token http HTTP Bearer FRIENDLI_TOKEN"])
        #expect(try summary("unstructured-python-client") == [])
    }
}
