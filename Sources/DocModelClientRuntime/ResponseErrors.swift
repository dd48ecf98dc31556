import Foundation
import HTTPTypes

/// An error the operation documents, its body decoded (e.g. APIError<HTTPValidationError>).
public struct APIError<Body: Sendable>: Error, Sendable, CustomStringConvertible {
    /// The response's status.
    public var status: HTTPResponse.Status
    /// The response's header fields.
    public var headerFields: HTTPFields
    /// The decoded body.
    public var body: Body
    /// The body's bytes as received.
    public var rawBody: Data

    /// The error for `response`, whose body decoded as `body`.
    public init(_ response: APIResponse, body: Body) {
        status = response.status
        headerFields = response.headerFields
        self.body = body
        rawBody = response.body
    }

    /// The SDK's message: `API error occurred: Status 422 Content-Type … Body: …` (SDK-FACTS i.9).
    public var description: String {
        ResponseText.message("API error occurred", status, headerFields[.contentType], rawBody)
    }
}

/// Any status (or content type) the operation does not document: status, headers, body (the
/// SDK's SDKError, SDK-FACTS i.9).
public struct UnexpectedResponseError: Error, Sendable, CustomStringConvertible {
    /// The response's status.
    public var status: HTTPResponse.Status
    /// The response's header fields.
    public var headerFields: HTTPFields
    /// The body as received.
    public var body: Data
    /// The Content-Type header (nil when absent).
    public var contentType: String?

    /// The error for `response`.
    public init(_ response: APIResponse) {
        status = response.status
        headerFields = response.headerFields
        body = response.body
        contentType = response.contentType
    }

    /// `Unexpected response received: Status 200 Content-Type text/plain. Body: …`, the SDK's message.
    public var description: String {
        ResponseText.message("Unexpected response received", status, contentType, body)
    }
}

/// A body that does not decode as the documented type (the SDK's ResponseValidationError,
/// SDK-FACTS i.9): the response is kept whole.
public struct ResponseDecodingError: Error, Sendable, CustomStringConvertible {
    /// The response's status.
    public var status: HTTPResponse.Status
    /// The response's header fields.
    public var headerFields: HTTPFields
    /// The body as received.
    public var body: Data
    /// The type the body was decoded as.
    public var typeName: String
    /// Why decoding failed.
    public var reason: String
    /// Where it failed: `items[0].name`, or empty for the top level.
    public var codingPath: String

    /// An error for `response` with the reason given.
    public init(_ response: APIResponse, typeName: String, reason: String, codingPath: String) {
        status = response.status
        headerFields = response.headerFields
        body = response.body
        self.typeName = typeName
        self.reason = reason
        self.codingPath = codingPath
    }

    /// An error for `response` from the error the decoder threw.
    public init(_ response: APIResponse, typeName: String, error: any Error) {
        let (reason, path) = Self.explain(error)
        self.init(response, typeName: typeName, reason: reason, codingPath: path)
    }

    public var description: String {
        let place = codingPath.isEmpty ? "" : " at \(codingPath)"
        return "Response validation failed: the body of status \(status.code) is not a \(typeName)\(place): \(reason). "
            + "Body: \(ResponseText.preview(body))"
    }

    private static func explain(_ error: any Error) -> (reason: String, path: String) {
        guard let error = error as? DecodingError else { return (String(describing: error), "") }
        switch error {
        case .keyNotFound(let key, let context):
            return ("missing key '\(key.stringValue)'", path(context.codingPath))
        case .typeMismatch(let type, let context):
            return ("expected \(type): \(context.debugDescription)", path(context.codingPath))
        case .valueNotFound(let type, let context):
            return ("expected \(type), found null: \(context.debugDescription)", path(context.codingPath))
        case .dataCorrupted(let context):
            let underlying = context.underlyingError.map { " (\($0))" } ?? ""
            return (context.debugDescription + underlying, path(context.codingPath))
        @unknown default:
            return (String(describing: error), "")
        }
    }

    /// `items[0].name` from a coding path.
    private static func path(_ keys: [any CodingKey]) -> String {
        keys.reduce(into: "") { text, key in
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
    }
}

/// A response body larger than ``APIClientConfiguration/maximumResponseBytes``; nothing of the
/// body is kept.
public struct ResponseTooLargeError: Error, Sendable, CustomStringConvertible {
    /// The response's status.
    public var status: HTTPResponse.Status
    /// The response's header fields.
    public var headerFields: HTTPFields
    /// The limit that was passed.
    public var maximumBytes: Int

    /// An error for a response with this status and these headers.
    public init(status: HTTPResponse.Status, headerFields: HTTPFields, maximumBytes: Int) {
        self.status = status
        self.headerFields = headerFields
        self.maximumBytes = maximumBytes
    }

    public var description: String {
        "the body of the status \(status.code) response is larger than the limit of \(maximumBytes) bytes"
    }
}

/// The SDK's error message layout.
enum ResponseText {
    /// `<prefix>: Status 404 Content-Type text/plain. Body: nope` (`models/polarerror.py`).
    static func message(_ prefix: String, _ status: HTTPResponse.Status, _ contentType: String?, _ body: Data) -> String {
        "\(prefix): Status \(status.code) Content-Type \(contentType ?? ""). Body: \(preview(body))"
    }

    /// The body as text, cut at 1 000 bytes so an error message stays readable.
    static func preview(_ body: Data) -> String {
        let limit = 1_000
        let text = String(decoding: body.prefix(limit), as: UTF8.self)
        return body.count > limit ? text + "…" : text
    }
}
