import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Everything set once on a client.
public struct APIClientConfiguration: Sendable {
    /// The server the operations' paths are appended to; one trailing `/` is removed first
    /// (SDK-FACTS i.8, base + path).
    public var serverURL: URL
    /// What sends the requests (URLSession, AsyncHTTPClient, a test double).
    public var transport: any ClientTransport
    /// Run in order around the transport: the first is outermost.
    public var middlewares: [any ClientMiddleware]
    /// Applied in order to every request; a later credential for the same header wins, as the
    /// SDK's later security field does (SDK-FACTS i.7).
    public var security: [SecurityCredential]
    /// Sent with every request; replaces a header of the same name set by the call (as the SDK's
    /// http_headers do, SDK-FACTS i.6).
    public var headers: HTTPFields
    /// Largest response body read into memory (default 64 MiB); larger → thrown error.
    public var maximumResponseBytes: Int

    /// A configuration; only the server and the transport are required.
    public init(
        serverURL: URL,
        transport: any ClientTransport,
        middlewares: [any ClientMiddleware] = [],
        security: [SecurityCredential] = [],
        headers: HTTPFields = [:],
        maximumResponseBytes: Int = 64 << 20
    ) {
        self.serverURL = serverURL
        self.transport = transport
        self.middlewares = middlewares
        self.security = security
        self.headers = headers
        self.maximumResponseBytes = maximumResponseBytes
    }
}
