/// The client of one API as the Swift emitter builds it: every operation the docs describe, with
/// Swift names, where each argument goes on the wire and what each response becomes. Made by
/// `ClientBinding` from a schema's `api`; plain values, dumpable as JSON.
public struct ClientPlan: Codable, Sendable, Hashable {
    /// The client's type name (`PolarClient`).
    public var typeName: String
    /// The client's nested `Server` and `Security` types (a model of the name gets `_` added).
    public var serverTypeName: String
    public var securityTypeName: String
    /// The README's servers, in order (the first is the default).
    public var servers: [Server]
    public var security: [Credential]
    /// Every group by accessor path, parents before children (`customer_portal` before
    /// `customer_portal.customers`); a parent the docs have no page for has no operations.
    public var groups: [Group]

    public struct Server: Codable, Sendable, Hashable {
        /// The case of the client's `Server` enum (`production`, `server0`).
        public var caseName: String
        public var url: String
        public var description: String?
        /// `{name}` variables of a templated URL, in order.
        public var variables: [String]
    }

    /// One security scheme of the README, as the client's `Security` sets it.
    public struct Credential: Codable, Sendable, Hashable {
        public enum Kind: String, Codable, Sendable, Hashable { case bearer, basic, apiKeyHeader, apiKeyQuery }
        /// The property of the client's `Security` (`accessToken`).
        public var propertyName: String
        /// The SDK's argument (`access_token`).
        public var sdkName: String
        public var kind: Kind
        /// The header or query name of an API key.
        public var wireName: String?
    }

    public struct Group: Codable, Sendable, Hashable {
        /// The SDK's accessor path (`["customer_portal", "customers"]`).
        public var accessor: [String]
        /// The nested type's name (`CustomerPortalCustomersOperations`).
        public var typeName: String
        /// The accessor property on the parent (`customers`).
        public var propertyName: String
        /// The group's page, relative to the docs root; nil for a parent without one.
        public var sourcePath: String?
        public var title: String?
        public var operations: [Operation]
        /// The groups directly under this one, by index in `ClientPlan.groups`.
        public var children: [Int]
    }

    public struct Operation: Codable, Sendable, Hashable {
        /// The SDK's method name (`list`) and the Swift method's (`list`).
        public var sdkName: String
        public var methodName: String
        public var summary: String?
        public var description: String?
        public var operationID: String
        /// Upper case (`GET`).
        public var method: String
        public var path: String
        public var arguments: [Argument]
        /// The query, path and header parameters in the SDK's order (its request model's fields).
        public var parameters: [Parameter]
        public var body: Body?
        public var accept: String
        /// False when the docs' example calls it without credentials (the client's are not sent),
        /// or when it takes its own (`security`).
        public var sendsCredentials: Bool
        /// The properties of the operation's own `security` argument, each sent as a bearer token
        /// when set (the docs' examples fill them with `<YOUR_BEARER_TOKEN_HERE>`).
        public var ownCredentials: [OwnCredential] = []
        public var response: Response
        public var errors: [ErrorResponse]
        /// The operation's heading.
        public var location: SourceLocation
        /// How the SDK retries it; nil when it takes no retry policy (older generators).
        public var retries: Retries? = nil
        /// The operation's own server (the per-call `serverURL:`, the SDK's `server_url`); nil:
        /// the client's.
        public var server: OperationServer? = nil
        /// How the SDK fetches its next page; nil when it does not page.
        public var pagination: Pagination? = nil
    }

    /// An operation's retries: the per-call `retries:` and `timeout:` arguments (the SDK's
    /// `retries` and `timeout_ms`), and what the SDK does when neither the call nor the client
    /// sets a policy.
    public struct Retries: Codable, Sendable, Hashable {
        /// The SDK's default policy for the operation (nil: none, the overlay names none).
        public var defaultPolicy: WireRetryPolicy?
        /// The statuses a policy retries unless it names its own (nil: none known).
        public var statusCodes: [String]?
        /// The connection errors the SDK retries (nil: unknown, the runtime's default).
        public var connectionErrors: WireConnectionErrors? = nil
    }

    /// An operation with servers of its own: the call may name one, else it goes to `defaultURL`,
    /// never to the client's server (friendli's container operations, `http://localhost:8000`).
    public struct OperationServer: Codable, Sendable, Hashable {
        /// The SDK's first server for the operation; nil when the sources do not give it (the
        /// client's server is then used).
        public var defaultURL: String?
    }

    /// How a paged operation's next page is requested, as the SDK's `next()` does it.
    public struct Pagination: Codable, Sendable, Hashable {
        public var kind: WirePagination.Kind
        /// The Swift arguments of the page number (offset, cursor) and of the page size.
        public var positionArgument: String
        public var limitArgument: String?
        /// The page size the SDK assumes when the call gives none (nil: unknown, no stop on a short page).
        public var defaultLimit: Int?
        /// The page number (offset) the SDK assumes when the call gives none (nil: the runtime's, 1 or 0).
        public var firstPosition: Int? = nil
        /// JSONPaths into the response body, as the SDK reads them.
        public var itemsPath: String?
        public var maxPagePath: String?
        public var nextCursorPath: String?
        /// The page's field holding the items (its wire name, `items`), and their type, when the
        /// items path is one of its fields.
        public var itemsField: String?
        public var itemType: TypeExpression?
        /// Whether the docs-only rule found it (no overlay said how the SDK pages).
        public var isInferred: Bool
    }

    /// A property of an operation's own security model.
    public struct OwnCredential: Codable, Sendable, Hashable {
        /// The Swift expression of its value (`security.customerSession`).
        public var value: String
        public var isOptional: Bool
    }

    /// One argument of the Swift method.
    public struct Argument: Codable, Sendable, Hashable {
        /// The SDK's name (`organization_id`, `request`).
        public var sdkName: String
        /// The argument label as declared (`organizationId`, `_`).
        public var label: String
        /// The parameter's name inside the method (`organizationId`, `request`).
        public var name: String
        /// Its type without the optional wrapper (the emitter spells it).
        public var type: TypeExpression
        /// Whether it may be left out (`= nil`).
        public var isOptional: Bool
        public var description: String?
        /// The wire name of the body field this argument fills, when the body's fields are the
        /// operation's arguments (`Body.flattened`): it is declared as that field's property is.
        public var bodyField: String? = nil
        /// The SDK method's default for an optional argument (`--python-sdk`: `stream: … = True`):
        /// the Swift default too, so a caller who passes nothing sends what the SDK sends.
        public var defaultValue: WireValue? = nil
    }

    public enum Location: String, Codable, Sendable, Hashable { case path, query, header }

    public struct Parameter: Codable, Sendable, Hashable {
        public var location: Location
        public var wireName: String
        /// The Swift expression of its value (`page`, `request.pageSize`).
        public var value: String
        public var style: String
        public var explode: Bool
        /// Whether the location was read from the docs' rules rather than stated by a source.
        public var isInferred: Bool
    }

    public struct Body: Codable, Sendable, Hashable {
        public enum Encoding: String, Codable, Sendable, Hashable { case json, multipart, form }
        public var encoding: Encoding
        public var value: String
        /// Whether the value is optional (no body is sent when it is nil).
        public var isOptional: Bool
        /// The body model built from the arguments, when the SDK takes its fields as separate
        /// arguments (friendli's `chat.complete(model=…, messages=…)`); `value` names the local.
        public var flattened: FlattenedBody? = nil
    }

    /// A body model whose fields are the method's arguments.
    public struct FlattenedBody: Codable, Sendable, Hashable {
        /// The body model's page (`serverlesschatcompletionbody.md`).
        public var modelPath: String
        public var type: TypeExpression
        /// Its fields that are arguments, in the model's order: the `init` label and the argument.
        public var members: [Member]

        public struct Member: Codable, Sendable, Hashable {
            public var wireName: String
            public var label: String
            public var argument: String
        }
    }

    public enum Response: Codable, Sendable, Hashable {
        /// No body the SDK reads.
        case none
        /// JSON decoded as the type.
        case json(type: TypeExpression)
        /// The body as text.
        case text
        /// The SDK's response model itself (`PartitionResponse`), when it has several body fields
        /// (JSON or CSV): each field as its memberwise `init` takes it.
        case wrapper(type: TypeExpression, members: [WrapperMember])
        /// A `text/event-stream` body, each event decoded as `event` (the SDK's `EventStream[X]`);
        /// the stream ends at an event whose data is `sentinel`, or with the body.
        case stream(event: TypeExpression, sentinel: String?)
        /// Either a JSON body of type `json` or a stream of `event`s, by the response's content
        /// type (the SDK's `Union[models.X, eventstreaming.EventStream[models.Y], …]`).
        case jsonOrStream(json: TypeExpression, event: TypeExpression, sentinel: String?)
    }

    /// One field of a response model the client fills.
    public struct WrapperMember: Codable, Sendable, Hashable {
        public enum Kind: Codable, Sendable, Hashable {
            /// The HTTP status code (`status_code: int`).
            case statusCode
            /// The response's content type (`content_type: str`).
            case contentType
            /// A JSON body of this type (when the response is JSON).
            case json(TypeExpression)
            /// The body as text (any other content type).
            case text
            /// A model without wire fields (`http_meta`): its empty `init()`.
            case empty(TypeExpression)
        }
        /// The memberwise `init`'s argument label.
        public var label: String
        public var kind: Kind
        /// Whether the property is optional (nil when another body field is filled).
        public var isOptional: Bool
    }

    public struct ErrorResponse: Codable, Sendable, Hashable {
        /// As the docs write them (`400`, `4XX`).
        public var statusCodes: [String]
        public var contentType: String
        /// The page the body decodes as.
        public var type: TypeExpression
    }
}
