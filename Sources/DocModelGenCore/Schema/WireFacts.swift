/// What a source other than the docs says about the wire (a schema of its own, beside the docs' `Schema`): the models of an API's OpenAPI document
/// (`OpenAPIReader`) or of a Python SDK's generated model classes (`PythonModelReader`), reduced to
/// what an overlay applies to the docs' schema (wire names, defaults, formats) and what the drift
/// report compares. Both readers produce this one shape, so matching and applying never care which
/// source a fact came from.
public struct WireFacts: Codable, Sendable, Hashable {
    public enum Origin: String, Codable, Sendable, Hashable {
        /// An OpenAPI 3.0/3.1 document (`--openapi`).
        case openAPI
        /// A Speakeasy Python SDK's model sources (`--python-sdk`).
        case pythonSDK
    }

    public var origin: Origin
    /// Models in source order.
    public var models: [WireModel]
    /// Operations in source order (the spec's paths); the client's method, path and parameter
    /// locations where the docs are silent.
    public var operations: [WireOperation] = []

    public init(origin: Origin, models: [WireModel], operations: [WireOperation] = []) {
        self.origin = origin
        self.models = models
        self.operations = operations
    }
}

/// One operation of the spec (a method of a path item) or of the SDK's operation code.
public struct WireOperation: Codable, Sendable, Hashable {
    /// The SDK's method name it becomes (`image_to_video`: Speakeasy's snake case of
    /// `x-speakeasy-name-override`, else of the `operationId`).
    public var sdkName: String
    /// The SDK group it belongs to (`x-speakeasy-group`), when the source says.
    public var group: String?
    public var operationID: String?
    /// Upper case.
    public var method: String
    public var path: String
    public var parameters: [WireParameter]
    /// The request body's first media type (`multipart/form-data`, `application/json`).
    public var bodyMediaType: String?
    public var location: SourceLocation
    /// A server-sent event stream ends at an event whose `data` equals this (`sentinel="[DONE]"`);
    /// nil when the source names none (the stream ends when the body does).
    public var streamSentinel: String? = nil
    /// The policy the SDK retries with when neither the call nor the client sets one; nil: no
    /// retries unless configured.
    public var defaultRetryPolicy: WireRetryPolicy? = nil
    /// The statuses the SDK retries under a policy (`["429", "500", "502", "503", "504"]`,
    /// `["5XX"]`); nil when the source names none.
    public var retryStatusCodes: [String]? = nil
    /// Which connection errors the SDK's retry loop retries (its `utils/retries.py`); nil when
    /// the source does not say.
    public var retriedConnectionErrors: WireConnectionErrors? = nil
    /// How the SDK fetches the next page (its `next()`), when the operation pages.
    public var pagination: WirePagination? = nil
    /// The literal defaults of the SDK method's signature, by argument name (`stream: … = True`,
    /// `limit: … = 10`): what the SDK sends when the caller passes nothing.
    public var argumentDefaults: [String: WireValue]? = nil
    /// The operation's own servers, the one the SDK sends to when the call names none first
    /// (friendli's `CONTAINER_CHAT_COMPLETE_OP_SERVERS`): the client's server does not apply to
    /// it. Nil: the client's server.
    public var servers: [String]? = nil

    package init(
        sdkName: String, group: String?, operationID: String?, method: String, path: String,
        parameters: [WireParameter], bodyMediaType: String?, location: SourceLocation
    ) {
        self.sdkName = sdkName
        self.group = group
        self.operationID = operationID
        self.method = method
        self.path = path
        self.parameters = parameters
        self.bodyMediaType = bodyMediaType
        self.location = location
    }
}

/// The connection errors an SDK retries under `retry_connection_errors`, narrowest first
/// (SDK-FACTS r.4); each kind also retries timeouts.
public enum WireConnectionErrors: String, Codable, Sendable, Hashable, Comparable, CaseIterable {
    /// Failing to connect (httpx's `ConnectError`).
    case connecting
    /// Also a connection lost while reading or writing (httpx's `NetworkError`).
    case network
    /// Also a reply that is not HTTP, or a connection closed before the reply (httpx's
    /// `TransportError`, `requests`' `ConnectionError`).
    case transport

    public static func < (a: Self, b: Self) -> Bool { a.order < b.order }
    private var order: Int { self == .connecting ? 0 : self == .network ? 1 : 2 }
}

/// A backoff retry policy as the SDK's `RetryConfig("backoff", BackoffStrategy(...), ...)` has it.
public struct WireRetryPolicy: Codable, Sendable, Hashable {
    public var initialIntervalMilliseconds: Int
    public var maxIntervalMilliseconds: Int
    public var exponent: Double
    public var maxElapsedTimeMilliseconds: Int
    public var retryConnectionErrors: Bool

    public init(initialIntervalMilliseconds: Int, maxIntervalMilliseconds: Int, exponent: Double,
                maxElapsedTimeMilliseconds: Int, retryConnectionErrors: Bool) {
        self.initialIntervalMilliseconds = initialIntervalMilliseconds
        self.maxIntervalMilliseconds = maxIntervalMilliseconds
        self.exponent = exponent
        self.maxElapsedTimeMilliseconds = maxElapsedTimeMilliseconds
        self.retryConnectionErrors = retryConnectionErrors
    }
}

/// How an operation's SDK method computes its next page (`next_func`), as its code says.
public struct WirePagination: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        /// A page number argument, incremented by one.
        case page
        /// An offset argument, advanced by the number of items received.
        case offset
        /// A cursor argument, set from a value of the response.
        case cursor
    }
    /// How the next position follows from the last.
    public var kind: Kind
    /// The SDK argument that carries the page number, offset or cursor (`page`).
    public var positionArgument: String
    /// The page number or offset the SDK counts from when the call gives none (`request.page if
    /// not request.page is None else 1`: `1`); nil for a cursor.
    public var firstPosition: Int?
    /// The SDK argument that carries the page size (`limit`).
    public var limitArgument: String?
    /// The page size the SDK assumes, and passes on to the next request, when the call gives none
    /// (`request.limit if not request.limit is None else 10`: `10`).
    public var defaultLimit: Int?
    /// JSONPath of the items in the response body (`$.items`): a page without them, without any,
    /// or with fewer than the limit is the last.
    public var itemsPath: String?
    /// JSONPath of the number of pages (`$.pagination.max_page`), when the SDK stops on it.
    public var maxPagePath: String?
    /// JSONPath of the next cursor (cursor kind).
    public var nextCursorPath: String?

    /// A pagination from its parts.
    public init(kind: Kind, positionArgument: String, firstPosition: Int? = nil, limitArgument: String? = nil, defaultLimit: Int? = nil,
                itemsPath: String? = nil, maxPagePath: String? = nil, nextCursorPath: String? = nil) {
        self.kind = kind
        self.positionArgument = positionArgument
        self.firstPosition = firstPosition
        self.limitArgument = limitArgument
        self.defaultLimit = defaultLimit
        self.itemsPath = itemsPath
        self.maxPagePath = maxPagePath
        self.nextCursorPath = nextCursorPath
    }
}

/// One parameter of a `WireOperation`.
public struct WireParameter: Codable, Sendable, Hashable {
    /// The name on the wire (`timezoneOffset`, `X-Team`).
    public var name: String
    /// `path`, `query`, `header` or `cookie`.
    public var location: String
    /// As written, or the OpenAPI default for the location (`form` for a query, `simple` otherwise).
    public var style: String
    public var explode: Bool

    public init(name: String, location: String, style: String, explode: Bool) {
        self.name = name
        self.location = location
        self.style = style
        self.explode = explode
    }
}

/// One schema of the spec, or one model class of the SDK.
public struct WireModel: Codable, Sendable, Hashable {
    public enum Kind: String, Codable, Sendable, Hashable {
        /// An object with properties (a pydantic/dataclass model, an OpenAPI `type: object`).
        case object
        /// A closed set of constant values (a Python `Enum`, an OpenAPI `enum`).
        case enumeration
        /// One of several types (`oneOf`/`anyOf`, a Python `Union` type alias).
        case union
        /// Anything else the source names (a scalar schema, an array schema, a Python error class…).
        case other
    }

    /// The name as the source spells it: the schema key (`Body_genImageToVideo`) or the class name
    /// (`SourceGnews`). Matching to a docs page normalises it (Speakeasy's class-name rule).
    public var name: String
    /// Where a user finds it, for messages: `#/components/schemas/Body_genImageToVideo`, or the
    /// module and class (`airbyte/models/shared/source_gnews.py: SourceGnews`).
    public var path: String
    /// The schema's key or the `class` line.
    public var location: SourceLocation
    public var kind: Kind
    /// For objects: the properties in source order.
    public var fields: [WireField]
    /// For enumerations: the values in source order.
    public var values: [WireValue]
    /// For unions: the member types in source order. For `other`: the one type the model stands
    /// for, when the source says (a Python type alias to a non-union, an SDK error class whose wire
    /// body is its `data` attribute).
    public var members: [WireType]
    /// The schema allows `null` as a whole (`nullable: true`, `type: [..., "null"]`).
    public var isNullable: Bool

    public init(
        name: String, path: String, location: SourceLocation, kind: Kind, fields: [WireField] = [],
        values: [WireValue] = [], members: [WireType] = [], isNullable: Bool = false
    ) {
        self.name = name
        self.path = path
        self.location = location
        self.kind = kind
        self.fields = fields
        self.values = values
        self.members = members
        self.isNullable = isNullable
    }
}

/// One property of an object.
public struct WireField: Codable, Sendable, Hashable {
    /// The name the docs show for it: the Python attribute (`in_`, `source_id`, `SOURCE_TYPE` for a
    /// constant). Nil for OpenAPI, whose properties have only a wire name.
    public var attributeName: String?
    /// The JSON key / form part name on the wire (`in`, `sourceId`, `sourceType`).
    public var wireName: String
    /// Whether the property must be present; nil when the source does not say.
    public var isRequired: Bool?
    /// Whether `null` is allowed; nil when the source does not say.
    public var isNullable: Bool?
    /// The property's type; nil when the source's type could not be read (a warning was given).
    public var type: WireType?
    /// The default the source gives (spec `default`, the Python class attribute's value).
    public var defaultValue: WireValue?
    /// Where the property is declared.
    public var location: SourceLocation
    /// The `WireModel.path`s of the models the type refers to, where the source locates them
    /// (the Python SDK: the class of that name the module defines or imports), so that of two
    /// same-named classes the one meant is known. Nil when the source does not say (a spec's
    /// names are unique).
    public var referencedPaths: [String]?
    /// Where the field goes when its model is an operation's request: the path, query or header
    /// parameter it is (the Python SDK's `FieldMetadata(query=QueryParamMetadata(…))`, airbyte's
    /// `metadata={'query_param': {…}}`), named by `wireName`. Nil for a field of a body (and for
    /// every OpenAPI property: the spec's parameters are `WireFacts.operations`).
    public var parameter: WireParameter?
    /// The media type of the request body this field holds (`FieldMetadata(request=RequestMetadata(media_type=…))`,
    /// airbyte's `metadata={'request': {'media_type': …}}`); nil for any other field.
    public var requestMediaType: String?

    public init(
        attributeName: String? = nil, wireName: String, isRequired: Bool? = nil, isNullable: Bool? = nil,
        type: WireType? = nil, defaultValue: WireValue? = nil, location: SourceLocation, referencedPaths: [String]? = nil,
        parameter: WireParameter? = nil, requestMediaType: String? = nil
    ) {
        self.referencedPaths = referencedPaths
        self.parameter = parameter
        self.requestMediaType = requestMediaType
        self.attributeName = attributeName
        self.wireName = wireName
        self.isRequired = isRequired
        self.isNullable = isNullable
        self.type = type
        self.defaultValue = defaultValue
        self.location = location
    }
}

/// A type as the sources write it, reduced to what decides the Swift type and the wire encoding.
public indirect enum WireType: Codable, Sendable, Hashable {
    /// `type: string` with its `format` (`date`, `date-time`, `uuid`, `binary`, `byte`, `decimal`,
    /// `bigint`, …); Python `str` (nil), `datetime` (`date-time`), `date` (`date`).
    case string(format: String?)
    /// `type: integer` with its `format` (`int32`, `int64`); Python `int` (nil).
    case integer(format: String?)
    /// `type: number` with its `format` (`float`, `double`, `decimal`); Python `float` (nil),
    /// `Decimal` (`decimal`).
    case number(format: String?)
    case boolean
    /// A list of the element type.
    case array(WireType)
    /// A string-keyed map of the value type (nil: any value).
    case map(WireType?)
    /// Another model, by the name its source gives it (`WireModel.name`).
    case reference(String)
    /// One of several types, in source order.
    case union([WireType])
    /// A constant (`const`, a one-value `enum`, `Literal["x"]`).
    case constant(WireValue)
    /// A file upload (`format: binary` in a multipart body, Python `File`).
    case file
    /// Anything (`{}`, `Any`).
    case any
}

/// A JSON-like value as the source writes it. Numbers keep their text (`0.02`, `576`) so a
/// default is sent exactly as the SDK sends it.
public indirect enum WireValue: Codable, Sendable, Hashable {
    case string(String)
    /// The number as written in the source.
    case number(String)
    case bool(Bool)
    case null
    case array([WireValue])
    case object([String: WireValue])
}
