@testable import DocModelGenCore
import Foundation
import TestSupport
import Testing

/// The docs-only rules of `ClientBinding` (where each argument goes, what a response becomes, which
/// operations are not generated), and an overlay's facts winning over them.
@Suite struct ClientBindingTests {
    static func fields(_ rows: String) -> String {
        "## Fields\n\n| Field | Type | Required | Description |\n| - | - | - | - |\n" + rows
    }

    static let models = [
        SourcePage(path: "components/customer.md", text: "# Customer\n\n" + fields("| `id` | *str* | :heavy_check_mark: | N/A |\n")),
        SourcePage(path: "components/customerupdate.md", text: "# CustomerUpdate\n\n" + fields("| `name` | *Optional[str]* | :heavy_minus_sign: | N/A |\n")),
        SourcePage(path: "components/upload.md", text: "# Upload\n\n" + fields("| `file` | [components.File](../components/file.md) | :heavy_check_mark: | N/A |\n| `note` | *Optional[str]* | :heavy_minus_sign: | N/A |\n")),
        SourcePage(path: "components/file.md", text: "# File\n\n" + fields("| `file_name` | *str* | :heavy_check_mark: | N/A |\n| `content` | *Union[bytes, IO[bytes], io.BufferedReader]* | :heavy_check_mark: | N/A |\n| `content_type` | *Optional[str]* | :heavy_minus_sign: | N/A |\n")),
        SourcePage(path: "errors/notfound.md", text: "# NotFound\n\n" + fields("| `detail` | *str* | :heavy_check_mark: | N/A |\n")),
        SourcePage(path: "components/httpmetadata.md", text: "# HTTPMetadata\n\n" + fields("| `response` | [httpx.Response](https://www.python-httpx.org/api/#response) | :heavy_check_mark: | Raw HTTP response |\n")),
        SourcePage(path: "operations/getcustomerrequest.md", text: "# GetCustomerRequest\n\n" + fields("| `customer_id` | *str* | :heavy_check_mark: | N/A |\n| `expand` | *Optional[bool]* | :heavy_minus_sign: | N/A |\n| `customer_update` | [components.CustomerUpdate](../components/customerupdate.md) | :heavy_check_mark: | N/A |\n")),
        SourcePage(path: "operations/getcustomerresponse.md", text: "# GetCustomerResponse\n\n" + fields("| `http_meta` | [components.HTTPMetadata](../components/httpmetadata.md) | :heavy_check_mark: | N/A |\n| `customer` | [Optional[components.Customer]](../components/customer.md) | :heavy_minus_sign: | N/A |\n")),
    ]

    static func operation(_ name: String, snippet: String?, parameters: String, response: String?, errors: String = "") -> String {
        var text = "## \(name)\n\n### Example Usage\n\n"
        if let snippet { text += "<!-- UsageSnippet language=\"python\" operationID=\"\(name)\" \(snippet) -->\n" }
        text += "```python\nfrom acme_sdk import Acme\n\nwith Acme() as acme:\n    acme.customers.\(name)()\n```\n\n### Parameters\n\n| Parameter | Type | Required | Description |\n| --- | --- | --- | --- |\n" + parameters
        text += "| `retries` | [Optional[utils.RetryConfig]](../../models/utils/retryconfig.md) | :heavy_minus_sign: | Retries. |\n\n"
        if let response { text += "### Response\n\n**\(response)**\n\n" }
        if !errors.isEmpty { text += "### Errors\n\n| Error Type | Status Code | Content Type |\n| --- | --- | --- |\n" + errors + "\n" }
        return text
    }

    static let page = "# Customers\n(*customers*)\n\n" + [
        operation(
            "update", snippet: #"method="patch" path="/v1/customers/{id}""#,
            parameters: "| `id` | *str* | :heavy_check_mark: | The ID. |\n| `page` | *Optional[int]* | :heavy_minus_sign: | N/A |\n| `customer_update` | [components.CustomerUpdate](../../models/components/customerupdate.md) | :heavy_check_mark: | N/A |\n",
            response: "[components.Customer](../../models/components/customer.md)",
            errors: "| errors.NotFound | 404 | application/json |\n| errors.SDKError | 4XX, 5XX | \\*/\\* |\n"),
        operation(
            "get", snippet: #"method="get" path="/v1/customers/{customerId}""#,
            parameters: "| `request` | [operations.GetCustomerRequest](../../models/operations/getcustomerrequest.md) | :heavy_check_mark: | The request. |\n",
            response: "[operations.GetCustomerResponse](../../models/operations/getcustomerresponse.md)"),
        operation(
            "upload", snippet: #"method="post" path="/v1/uploads#file""#,
            parameters: "| `request` | [components.Upload](../../models/components/upload.md) | :heavy_check_mark: | N/A |\n", response: nil),
        operation("old", snippet: nil, parameters: "| `id` | *str* | :heavy_check_mark: | N/A |\n", response: nil),
    ].joined(separator: "\n")

    static func plan(overlay: [WireOperation] = []) throws -> (ClientPlan, [Diagnostic]) {
        let models = SchemaBuilder.build(sources: Self.models, root: "/docs/models")
        let (schema, readDiagnostics) = Generator.addingAPI(
            to: models, operations: [SourcePage(path: "../sdks/customers/README.md", text: page)], readme: nil, root: "/docs/models")
        #expect(readDiagnostics.isEmpty)
        let (plan, diagnostics) = ClientBinding.plan(SwiftBinding(schema), options: ClientBinding.Options(overlay: overlay))
        return (try #require(plan), diagnostics)
    }

    @Test func docsOnlyRulesPlaceEveryArgument() throws {
        let (plan, diagnostics) = try Self.plan()
        #expect(plan.typeName == "AcmeClient")
        let operations = try #require(plan.groups.first?.operations)
        #expect(operations.map(\.methodName) == ["update", "get", "upload"])
        let update = operations[0]
        #expect(update.method == "PATCH" && update.path == "/v1/customers/{id}")
        #expect(update.arguments.map(\.label) == ["id", "page", "customerUpdate"])
        #expect(update.arguments.map(\.isOptional) == [false, true, false])
        #expect(update.parameters.map(\.location) == [.path, .query])
        #expect(update.parameters.map(\.wireName) == ["id", "page"])
        #expect(update.body == ClientPlan.Body(encoding: .json, value: "customerUpdate", isOptional: false))
        #expect(update.accept == "application/json")
        #expect(update.errors.map(\.statusCodes) == [["404"]])
        // The request model's fields: the path variable by its template's spelling, the object
        // field as the body, the rest in the query; the wrapper's body field is what it returns.
        let get = operations[1]
        #expect(get.arguments.map(\.label) == ["_"])
        #expect(get.parameters.map(\.location) == [.path, .query])
        #expect(get.parameters.map(\.wireName) == ["customerId", "expand"])
        #expect(get.parameters.map(\.value) == ["request.customerId", "request.expand"])
        #expect(get.body?.value == "request.customerUpdate")
        #expect(get.response == .json(type: .reference(ModelReference(text: "components.Customer", destination: "../components/customer.md", target: "components/customer.md"))))
        // A body with a file is multipart; no response is `Void`.
        #expect(operations[2].body?.encoding == .multipart && operations[2].response == ClientPlan.Response.none)
        #expect(operations[2].accept == "*/*")
        // A fragment that tells two operations of one path apart is not sent.
        #expect(operations[2].path == "/v1/uploads")
        // Inferred locations are said, and an operation without method and path is left out with
        // one warning naming the flags.
        let notes = diagnostics.filter { $0.kind == .inferredLocation }
        #expect(notes.count == 2)
        let warnings = diagnostics.filter { $0.severity == .warning }
        #expect(warnings.map(\.message) == [
            "1 operation has no method and path in the docs (no UsageSnippet: an older generator): their calls are not generated; --openapi or --python-sdk gives them",
        ])
    }

    @Test func anOverlaySaysWhatTheDocsCannot() throws {
        let known = WireOperation(
            sdkName: "old", group: nil, operationID: "oldOne", method: "DELETE", path: "/v1/old/{id}",
            parameters: [], bodyMediaType: nil, location: SourceLocation(file: "spec.yaml", line: 1, column: 1))
        let header = WireOperation(
            sdkName: "update", group: "customers", operationID: "customers:update", method: "PATCH", path: "/v1/customers/{id}",
            parameters: [WireParameter(name: "page", location: "header", style: "simple", explode: false)],
            bodyMediaType: "application/x-www-form-urlencoded", location: SourceLocation(file: "spec.yaml", line: 2, column: 1))
        let (plan, diagnostics) = try Self.plan(overlay: [known, header])
        let operations = try #require(plan.groups.first?.operations)
        #expect(operations.map(\.methodName) == ["update", "get", "upload", "old"])
        #expect(operations[3].method == "DELETE" && operations[3].operationID == "oldOne")
        #expect(operations[3].parameters.map(\.location) == [.path])
        #expect(operations[0].parameters.map(\.location) == [.path, .header])
        #expect(operations[0].parameters[1].isInferred == false)
        #expect(operations[0].body?.encoding == .form)
        #expect(!diagnostics.contains { $0.severity == .warning })
    }

    @Test func operationGlobsSelect() throws {
        let models = SchemaBuilder.build(sources: Self.models, root: "/docs/models")
        let (schema, _) = Generator.addingAPI(
            to: models, operations: [SourcePage(path: "../sdks/customers/README.md", text: Self.page)], readme: nil, root: "/docs/models")
        let (plan, _) = ClientBinding.plan(SwiftBinding(schema), options: ClientBinding.Options(include: ["customers/*"], exclude: ["**/upl*"]))
        #expect(plan?.groups.first?.operations.map(\.methodName) == ["update", "get"])
    }

    /// An operation's own `security` argument (polar's customer portal) is a parameter of its
    /// security model; its tokens replace the client's.
    @Test func anOperationsOwnSecurityIsAnArgument() throws {
        let models = Self.models + [SourcePage(path: "components/portalsecurity.md", text: "# PortalSecurity\n\n" + Self.fields(
            "| `customer_session` | *Optional[str]* | :heavy_minus_sign: | N/A |\n| `member_session` | *Optional[str]* | :heavy_minus_sign: | N/A |\n"))]
        let page = "# Portal\n(*portal*)\n\n" + Self.operation(
            "me", snippet: #"method="get" path="/v1/me""#,
            parameters: "| `security` | [components.PortalSecurity](../../models/components/portalsecurity.md) | :heavy_check_mark: | The security requirements to use for the request. |\n",
            response: "[components.Customer](../../models/components/customer.md)")
        let (schema, _) = Generator.addingAPI(
            to: SchemaBuilder.build(sources: models, root: "/docs/models"),
            operations: [SourcePage(path: "../sdks/portal/README.md", text: page)], readme: nil, root: "/docs/models")
        let me = try #require(ClientBinding.plan(SwiftBinding(schema)).plan?.groups.first?.operations.first)
        #expect(me.arguments.map(\.label) == ["security"] && me.arguments[0].isOptional == false)
        #expect(!me.sendsCredentials)
        #expect(me.ownCredentials.map(\.value) == ["security.customerSession", "security.memberSession"])
    }

    @Test func pathVariablesInOrder() {
        #expect(ClientBinding.pathVariables("/v1/{org}/x/{id}/{org}") == ["org", "id"])
        #expect(ClientBinding.pathVariables("https://{region}.example.com") == ["region"])
        #expect(ClientBinding.pathVariables("/v1/{unclosed") == [])
    }

    @Test func operationsFileNames() {
        #expect(OutputNaming.operationsFileName(forGroupPage: "../sdks/checkouts/README.md") == "Operations+checkouts.swift")
        #expect(OutputNaming.operationsFileName(forGroupPage: "sdks/a/README.md") == "Operations+a.swift")
    }
}
