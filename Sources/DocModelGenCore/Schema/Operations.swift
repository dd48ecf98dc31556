/// What the docs say about an SDK's calls: its operation groups (`docs/sdks/*/README.md`) and its
/// README's servers and security schemes.
public struct API: Codable, Sendable, Hashable {
    /// In page path order.
    public var groups: [OperationGroup]
    /// Nil when the SDK's README is not beside its docs.
    public var overview: APIOverview?
}

/// An SDK's operation group: one `docs/sdks/<group>/README.md` page (`# Checkouts` with
/// `(*checkouts*)` under it), the operations it documents, and where the SDK reaches it from the
/// client (`customer_portal.downloadables` → `client.customer_portal.downloadables`).
public struct OperationGroup: Codable, Sendable, Hashable {
    /// The page's title (`Checkouts`).
    public var title: String
    /// The accessor path from the client (`["customer_portal", "downloadables"]`); the title's words
    /// in snake case when the page does not say.
    public var accessor: [String]
    /// The page's path relative to the docs root (`sdks/checkouts/README.md`).
    public var sourcePath: String
    public var operations: [Operation]
    /// The SDK's client class its examples construct (`from polar_sdk import Polar` … `Polar(`).
    public var sdkClassName: String? = nil
    public var location: SourceLocation
}

/// One operation (`## list` and what follows it, up to the next `##`).
public struct Operation: Codable, Sendable, Hashable {
    /// The SDK's method name (`list`, `client_get`).
    public var name: String
    /// The one-line summary from the page's "Available Operations" list (`List Checkout Sessions`).
    public var summary: String?
    /// The text between the heading and the example, paragraphs joined by blank lines.
    public var description: String?
    /// What the `<!-- UsageSnippet … -->` comment above the example says (newer generators only).
    public var usage: UsageSnippet?
    /// The keyword arguments the example passes to the SDK's constructor (`access_token`,
    /// `server_idx`), nil without an example that constructs it: an example that passes no
    /// credential shows an operation the SDK calls without security (`Polar()`).
    public var exampleClientArguments: [String]? = nil
    /// Whether the example loops over the pages (`while res is not None: … res = res.next()`).
    public var examplePages: Bool? = nil
    /// The `### Parameters` rows in page order (`retries` and other SDK options included, as documented).
    public var parameters: [OperationParameter]
    /// The `### Response` type (`**[models.CheckoutsListResponse](…)**`), nil when the section is absent.
    public var response: TypeExpression?
    /// The response's type text as written.
    public var responseText: String?
    /// What each event of a server-sent event stream response decodes as (`models.X` of
    /// `Union[eventstreaming.EventStream[models.X], …]`); nil for any other response.
    public var streamEvent: TypeExpression? = nil
    /// The `### Errors` rows in page order.
    public var errors: [OperationError]
    /// Where the operation's `##` heading is.
    public var location: SourceLocation
}

/// `<!-- UsageSnippet language="python" operationID="checkouts:list" method="get" path="/v1/checkouts/" -->`.
public struct UsageSnippet: Codable, Sendable, Hashable {
    public var operationID: String?
    /// Lower case, as written (`get`, `post`).
    public var method: String?
    /// The path template (`/v1/checkouts/{id}`).
    public var path: String?
    public var location: SourceLocation
}

/// A `### Parameters` row.
public struct OperationParameter: Codable, Sendable, Hashable {
    /// The Python argument name as the docs show it (`organization_id`, `request`, `retries`).
    public var name: String
    public var type: TypeExpression
    public var typeText: String
    public var required: RequiredMarker
    /// Nil when empty or `N/A`.
    public var description: String?
    public var location: SourceLocation
    public var typeLocation: SourceLocation
}

/// A `### Errors` row: `| errors.HTTPError | 400, 401 | application/json |`.
public struct OperationError: Codable, Sendable, Hashable {
    /// The error type as written (`errors.HTTPError`, `models.SDKError`).
    public var typeText: String
    /// The error's page when one defines it (`errors.SDKError` has none: it is the SDK's own).
    public var type: TypeExpression
    /// Each status code or range as written (`400`, `4XX`, `default`).
    public var statusCodes: [String]
    /// As written, unescaped (`application/json`, `*/*`).
    public var contentType: String?
    public var location: SourceLocation
}

/// What an SDK's top-level `README.md` says about the API as a whole.
public struct APIOverview: Codable, Sendable, Hashable {
    /// `## Server Selection`'s table, in order (the first is the SDK's default).
    public var servers: [Server]
    /// `## Authentication`'s table, in order.
    public var securitySchemes: [SecurityScheme]
}

/// A row of `## Server Selection`: `| `production` | `https://api.polar.sh` | Production environment |`
/// (by name) or `| 0 | `https://api.airbyte.com/v1` | None |` (by index).
public struct Server: Codable, Sendable, Hashable {
    /// The name the SDK selects it by (`server="production"`), nil when servers are selected by index.
    public var name: String?
    /// Its position in the table: the SDK's `server_idx`.
    public var index: Int
    /// The URL, possibly templated (`https://{region}.api.example.com`).
    public var url: String
    public var description: String?
    /// The Variables cell as written, nil when empty or `None`.
    public var variables: String?
    public var location: SourceLocation
}

/// A row of `## Authentication`: `| `access_token` | http | HTTP Bearer |`.
public struct SecurityScheme: Codable, Sendable, Hashable {
    /// The SDK's constructor argument (`access_token`, `api_key_auth`).
    public var name: String
    /// As written (`http`, `apiKey`, `oauth2`).
    public var type: String
    /// As written (`HTTP Bearer`, `HTTP Basic`, `API key`), nil when empty.
    public var scheme: String?
    /// The environment variable the SDK reads it from, when the table says.
    public var environmentVariable: String?
    public var location: SourceLocation
}
