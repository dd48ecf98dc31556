import Foundation
import HTTPTypes
import OpenAPIRuntime

/// A response whose body is not read yet (``APIClientCore/sendStreaming(_:)``): an event stream's
/// body goes to an ``EventStream``, any other is read whole with ``collect()``.
public struct StreamingResponse: Sendable {
    /// The status code and reason.
    public var status: HTTPResponse.Status
    /// The response's header fields, in order.
    public var headerFields: HTTPFields
    /// The unread body (nil when the transport gave none). It can be read once.
    public var body: HTTPBody?
    /// The most ``collect()`` reads (``APIClientConfiguration/maximumResponseBytes``).
    public var maximumResponseBytes: Int

    /// A response from its parts (transports and tests).
    public init(status: HTTPResponse.Status, headerFields: HTTPFields = [:], body: HTTPBody?, maximumResponseBytes: Int) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
        self.maximumResponseBytes = maximumResponseBytes
    }

    /// The Content-Type header (nil when absent).
    public var contentType: String? { headerFields[.contentType] }

    /// The rules of ``APIResponse/matches(status:contentType:)``, on the head alone.
    public func matches(status patterns: [String], contentType pattern: String) -> Bool {
        APIResponse.matchesStatus(status.code, patterns)
            && APIResponse.matchesContentType(contentType ?? "application/octet-stream", pattern)
    }

    /// Reads the body whole, as ``APIClientCore/send(_:)`` does: ``ResponseTooLargeError`` above
    /// ``maximumResponseBytes``.
    public func collect() async throws -> APIResponse {
        let head = HTTPResponse(status: status, headerFields: headerFields)
        let data = try await APIClientCore.read(body, of: head, limit: maximumResponseBytes)
        return APIResponse(status: status, headerFields: headerFields, body: data)
    }
}
