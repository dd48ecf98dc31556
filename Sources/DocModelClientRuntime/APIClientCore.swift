import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Sends requests: builds the HTTPRequest, applies security and headers, runs the middlewares in
/// order (first middleware is outermost, as in swift-openapi-runtime's UniversalClient), calls the
/// transport, reads the body (bounded).
public struct APIClientCore: Sendable {
    /// The client's settings.
    public let configuration: APIClientConfiguration

    /// A client with these settings.
    public init(configuration: APIClientConfiguration) {
        self.configuration = configuration
    }

    /// Sends `request` and reads the whole response.
    ///
    /// Errors of the transport and the middlewares are thrown as they are;
    /// ``ResponseTooLargeError`` for a body above ``APIClientConfiguration/maximumResponseBytes``;
    /// ``RequestTimeoutError`` when a wait outlasts the timeout; `CancellationError` when the task is
    /// cancelled. Retries as ``retryMiddleware(for:)`` resolves them.
    /// The status is not judged here: the generated method matches it (``APIResponse/matches(status:contentType:)``).
    public func send(_ request: APIRequest) async throws -> APIResponse {
        let (response, responseBody) = try await exchange(request)
        let data = try await Self.read(responseBody, of: response, limit: configuration.maximumResponseBytes)
        return APIResponse(status: response.status, headerFields: response.headerFields, body: data)
    }

    /// Sends `request` through the same middlewares as ``send(_:)`` and returns as soon as the
    /// response head is in: the body is left unread, for an ``EventStream`` to read event by event
    /// or for ``StreamingResponse/collect()`` to read whole.
    ///
    /// Errors of the transport and the middlewares are thrown as they are. The body is only as
    /// incremental as the transport makes it: swift-openapi-urlsession's `URLSessionTransport`
    /// buffers the whole body before returning on Linux (it streams on Apple platforms), while
    /// `StreamingURLSessionTransport` (product `DocModelURLSessionTransport`) streams on both;
    /// see ``EventStream``.
    public func sendStreaming(_ request: APIRequest) async throws -> StreamingResponse {
        let (response, responseBody) = try await exchange(request)
        return StreamingResponse(
            status: response.status, headerFields: response.headerFields, body: responseBody,
            maximumResponseBytes: configuration.maximumResponseBytes)
    }

    /// The request through the middlewares and the transport: the response head and its unread body.
    private func exchange(_ request: APIRequest) async throws -> (HTTPResponse, HTTPBody?) {
        let (httpRequest, body, baseURL) = try makeHTTPRequest(request)
        let transport = configuration.transport
        let operationID = request.operationID
        let timeout = request.timeout ?? configuration.timeout
        let clock = configuration.clock
        var next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?) = { request, body, baseURL in
            try await RequestTimeout.send(timeout: timeout, operationID: operationID, clock: clock) {
                try await transport.send(request, body: body, baseURL: baseURL, operationID: operationID)
            }
        }
        // Wrapped from the last to the first, so the first middleware sees the request first;
        // the retries are outermost (APIClientCore+Retries.swift).
        for middleware in ([retryMiddleware(for: request)] + configuration.middlewares).reversed() {
            let inner = next
            next = { try await middleware.intercept($0, body: $1, baseURL: $2, operationID: operationID, next: inner) }
        }
        return try await next(httpRequest, body, baseURL)
    }

    /// The request the transport gets for `request`: its path and query (`HTTPRequest.path`),
    /// header fields, body, and the base URL (the server URL without one trailing `/`).
    ///
    /// Header order (SDK-FACTS i.3, i.6; `basesdk.py:171-205`): header parameters, `Accept`,
    /// security headers (replacing a parameter of the same name in its place), the body's
    /// content type, then ``APIClientConfiguration/headers`` (replacing same-name fields in place,
    /// else appended). No user-agent is sent.
    public func makeHTTPRequest(_ request: APIRequest) throws -> (request: HTTPRequest, body: HTTPBody?, baseURL: URL) {
        var fields = request.headerParameters
        if let accept = request.accept { fields[fields: .accept] = [HTTPField(name: .accept, value: accept)] }
        var query = request.query
        for credential in (request.sendsCredentials ? configuration.security : []) + request.credentials {
            if case .apiKeyQuery(let name, let value) = credential {
                query.set(name, [value])  // after the parameters (SDK-FACTS i.7)
            } else if let header = credential.header {
                guard let name = HTTPField.Name(header.name) else { throw ParameterEncodingError.invalidHeaderName(header.name) }
                fields[fields: name] = [HTTPField(name: name, value: header.value)]
            }
        }
        if let contentType = request.contentType, let name = HTTPField.Name(request.contentTypeFieldName) {
            fields[fields: name] = [HTTPField(name: name, value: contentType)]
        }
        for name in Self.distinctNames(configuration.headers) {
            fields[fields: name] = configuration.headers[fields: name]
        }

        // httpx: `?`/`#` end the path, dot segments are resolved, the rest is quoted (SDK-FACTS i.1).
        let path = PercentEncoding.removeDotSegments(String(PercentEncoding.pathBeforeQueryOrFragment(request.path)))
        var target = try PercentEncoding.quotePath(path)
        if !query.isEmpty { target += "?" + query.encoded }

        let httpRequest = HTTPRequest(method: request.method, scheme: nil, authority: nil, path: target, headerFields: fields)
        let body = request.body.map { HTTPBody($0) }  // from Data: the length is known
        return (httpRequest, body, Self.baseURL(request.serverURL ?? configuration.serverURL))
    }

    /// The server URL with one trailing `/` removed (`remove_suffix(server_url, "/")`, SDK-FACTS i.8).
    static func baseURL(_ serverURL: URL) -> URL {
        let text = serverURL.absoluteString
        guard text.hasSuffix("/"), let trimmed = URL(string: String(text.dropLast())) else { return serverURL }
        return trimmed
    }

    private static func distinctNames(_ fields: HTTPFields) -> [HTTPField.Name] {
        var seen = Set<HTTPField.Name>()
        return fields.map(\.name).filter { seen.insert($0).inserted }
    }

    /// Reads `body` whole, refusing more than `limit` bytes before it is all in memory.
    static func read(_ body: HTTPBody?, of response: HTTPResponse, limit: Int) async throws -> Data {
        guard let body else { return Data() }
        let tooLarge = ResponseTooLargeError(status: response.status, headerFields: response.headerFields, maximumBytes: limit)
        if case .known(let length) = body.length, length > limit { throw tooLarge }
        var data = Data()
        for try await chunk in body {
            guard chunk.count <= limit - data.count else { throw tooLarge }
            data.append(contentsOf: chunk)
        }
        return data
    }
}
