import DocModelRuntime
import Foundation
import HTTPTypes

/// One request as the generated method builds it: parameters in the order the model lists them
/// (which is the SDK's wire order, SDK-FACTS i.2), then an optional body.
public struct APIRequest: Sendable {
    /// The HTTP method.
    public var method: HTTPRequest.Method
    /// The path with the parameters set so far substituted, before httpx's quoting (applied when
    /// the request is sent).
    public private(set) var path: String
    /// The operation's ID, handed to the transport and middlewares.
    public var operationID: String
    /// The `Accept` header, sent after the header parameters (SDK-FACTS i.6).
    public var accept: String?
    /// Whether the client's credentials are sent: false for an operation the SDK calls without
    /// security (polar's `oauth2.token`, SDK-FACTS i.7: its `_build_request` gets `security=None`).
    public var sendsCredentials = true
    /// The operation's own credentials (polar's customer-portal `security=` argument), sent after
    /// the client's, so a header of the same name is theirs (SDK-FACTS i.7: the later field wins).
    public var credentials: [SecurityCredential] = []
    /// The operation's own retry policy, used when neither the call nor the client gives one
    /// (friendli's `RetryConfig("backoff", BackoffStrategy(500, 60000, 1.5, 3600000), True)`);
    /// nil: no retries by default (livepeer, polar).
    public var defaultRetryPolicy: RetryPolicy?
    /// The statuses the operation retries (`["429", "500", "502", "503", "504"]`, `"5XX"`), unless
    /// the policy overrides them; nil: none known.
    public var retryStatusCodes: [String]?
    /// The connection errors the SDK retries under ``RetryPolicy/retryConnectionErrors`` (its
    /// retry loop's); nil: ``RetriedConnectionErrors/network``.
    public var retriedConnectionErrors: RetriedConnectionErrors?
    /// The call's retry policy (the SDK's `retries=` argument), over the client's and the
    /// operation's; ``RetryPolicy/disabled`` turns retries off for this call. Nil: not given.
    public var retries: RetryPolicy?
    /// The server this request goes to, over the client's ``APIClientConfiguration/serverURL``:
    /// the call's `serverURL:` or the operation's own first server (friendli's container
    /// operations); nil: the client's.
    public var serverURL: URL?
    /// The call's timeout (the SDK's per-call `timeout_ms`), over the client's
    /// (``APIClientConfiguration/timeout``). Nil: not given.
    public var timeout: Duration?
    /// The body's bytes, if the request has a body.
    public private(set) var body: Data?
    /// The body's Content-Type, if the request has a body.
    public private(set) var contentType: String?

    /// The query pairs in order (names and values before encoding).
    public var queryItems: [(name: String, value: String)] { query.pairs }
    /// The header parameters in order.
    public private(set) var headerParameters: HTTPFields = [:]

    var query = QueryParameters()
    /// The name of the Content-Type field: `content-type` as the SDK writes it for JSON and form
    /// bodies, `Content-Type` as httpx writes it for multipart (SDK-FACTS i.5).
    private(set) var contentTypeFieldName = "content-type"

    /// A request for `path`, the template (`/v1/customers/{id}`).
    public init(method: HTTPRequest.Method, path: String, operationID: String) {
        self.method = method
        self.path = path
        self.operationID = operationID
    }

    /// Replaces the first `{name}` in the path with the value, style simple, explode false:
    /// scalars as they are, lists `a,b`, objects `k,v` (SDK-FACTS i.1, `generate_url`). The value
    /// is not escaped here: httpx's quoting happens when the request is sent. A `nil` value leaves
    /// `{name}` in place, as the SDK does.
    public mutating func setPath<T: Encodable>(_ name: String, _ value: T) throws {
        guard let text = try ParameterSerializer.simple(ValueEncoder.encode(value), parameter: name),
              let range = path.range(of: "{\(name)}")
        else { return }
        path.replaceSubrange(range, with: text)
    }

    /// Adds a query parameter after those added before (SDK-FACTS i.2); `nil` adds nothing.
    ///
    /// Exploded `form` lists send one pair per item (an empty list nothing) and exploded objects
    /// send their keys as top-level names; see ``QueryStyle`` for the others. A name added again
    /// keeps its first position (the SDK collects the pairs in a dict).
    public mutating func addQuery<T: Encodable>(_ name: String, _ value: T?, style: QueryStyle = .form, explode: Bool = true) throws {
        guard let value else { return }
        let encoded = try ValueEncoder.encode(value)
        switch style {
        case .form: try ParameterSerializer.form(encoded, name: name, explode: explode, delimiter: ",", into: &query)
        case .spaceDelimited: try ParameterSerializer.form(encoded, name: name, explode: explode, delimiter: " ", into: &query)
        case .pipeDelimited: try ParameterSerializer.form(encoded, name: name, explode: explode, delimiter: "|", into: &query)
        case .deepObject: try ParameterSerializer.deepObject(encoded, name: name, into: &query)
        }
    }

    /// Sets a header parameter, style simple (SDK-FACTS i.3): the value is not encoded; lists
    /// `a,b`. `nil` or an empty value leaves the header out (`headers.py:63-64`).
    public mutating func setHeader<T: Encodable>(_ name: String, _ value: T?) throws {
        guard let fieldName = HTTPField.Name(name) else { throw ParameterEncodingError.invalidHeaderName(name) }
        guard let value, let text = try ParameterSerializer.simple(ValueEncoder.encode(value), parameter: name),
              !text.isEmpty
        else { return }
        headerParameters[fields: fieldName] = [HTTPField(name: fieldName, value: text)]
    }

    /// A JSON body, `content-type: application/json` (SDK-FACTS i.5): compact, non-ASCII
    /// escaped as `\uXXXX`, `/` not escaped, keys in encoded order, or sorted by code point when
    /// `sortedKeys` (livepeer's and airbyte's `sort_keys=True`).
    public mutating func setJSONBody<T: Encodable>(_ value: T, sortedKeys: Bool = false) throws {
        setBody(try JSONBody.encode(value, sortedKeys: sortedKeys), contentType: "application/json", fieldName: "content-type")
    }

    /// An `application/x-www-form-urlencoded` body (SDK-FACTS i.5, `serialize_form_data`): the
    /// value's keys in encoded order, `nil` left out, lists one pair per item, `quote_plus`.
    public mutating func setFormBody<T: Encodable>(_ value: T) throws {
        let encoded = try ValueEncoder.encode(value)
        guard case .object = encoded else {
            throw ParameterEncodingError.formBodyNotAnObject(typeName: String(describing: T.self))
        }
        var form = QueryParameters()
        for member in encoded.setMembers {
            try ParameterSerializer.form(member.value, name: member.key, explode: true, delimiter: ",", into: &form)
        }
        setBody(Data(form.encoded.utf8), contentType: "application/x-www-form-urlencoded", fieldName: "content-type")
    }

    /// A multipart/form-data body from DocModelRuntime's writer (random 32-hex boundary), with
    /// `Content-Type: multipart/form-data; boundary=…` as httpx writes it (SDK-FACTS i.5).
    public mutating func setMultipartBody<T: MultipartFormEncodable>(_ value: T) throws {
        let encoder = MultipartFormEncoder()
        setBody(try encoder.encode(value), contentType: encoder.contentType, fieldName: "Content-Type")
    }

    /// A body sent as it is, with its Content-Type.
    public mutating func setRawBody(_ data: Data, contentType: String) {
        setBody(data, contentType: contentType, fieldName: "Content-Type")
    }

    private mutating func setBody(_ data: Data, contentType: String, fieldName: String) {
        body = data
        self.contentType = contentType
        contentTypeFieldName = fieldName
    }
}
