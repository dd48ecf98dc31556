import Foundation
import HTTPTypes

/// A response read whole.
public struct APIResponse: Sendable {
    /// The status code and reason.
    public var status: HTTPResponse.Status
    /// The response's header fields, in order.
    public var headerFields: HTTPFields
    /// The body, read whole (empty when there was none).
    public var body: Data

    /// A response from its parts (transports and tests).
    public init(status: HTTPResponse.Status, headerFields: HTTPFields = [:], body: Data = Data()) {
        self.status = status
        self.headerFields = headerFields
        self.body = body
    }

    /// The Content-Type header (nil when absent).
    public var contentType: String? { headerFields[.contentType] }

    /// SDK-FACTS i.9 match_response: status "200" exact, "4XX"/"5XX" by first digit, "2XX",
    /// "default" matches anything; content type exact, "*", "*/*", "type/*", parameters ignored,
    /// case-insensitive; a missing content type counts as application/octet-stream.
    public func matches(status patterns: [String], contentType pattern: String) -> Bool {
        Self.matchesStatus(status.code, patterns) && Self.matchesContentType(contentType ?? "application/octet-stream", pattern)
    }

    /// `match_status_codes` (`values.py:40-50`).
    static func matchesStatus(_ code: Int, _ patterns: [String]) -> Bool {
        let text = String(code)
        return patterns.contains { pattern in
            // "4xx" is accepted too: OpenAPI spells the ranges in upper case, a lower-case one is no other meaning.
            let upper = pattern.uppercased()
            return upper == "DEFAULT" || pattern == text
                || (upper.count == 3 && upper.hasSuffix("XX") && upper.first == text.first)
        }
    }

    /// `match_content_type` (`values.py:21-37`): the raw value, `*` or `*/*`; else the media type
    /// as `email.message` reads it (before `;`, lower-cased, `text/plain` unless it has exactly
    /// one `/`) equal to the pattern, or `type/*`, or `*/subtype`.
    static func matchesContentType(_ contentType: String, _ pattern: String) -> Bool {
        if pattern == contentType || pattern == "*" || pattern == "*/*" { return true }
        let pattern = pattern.lowercased()
        var mediaType = contentType.prefix { $0 != ";" }.lowercased().trimmingCharacters(in: .whitespaces)
        let parts = mediaType.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count != 2 { mediaType = "text/plain" }  // RFC 2045 5.2, as email.message does
        if mediaType == pattern { return true }
        let halves = mediaType.split(separator: "/", omittingEmptySubsequences: false)
        return pattern == "\(halves[0])/*" || pattern == "*/\(halves[1])"
    }

    /// Decodes the body as JSON into T; on failure throws ResponseDecodingError (keeps status,
    /// headers, body, the type name, the decoding error's description, path of the failing key).
    public func decodeJSON<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: body)
        } catch {
            throw ResponseDecodingError(self, typeName: String(describing: T.self), error: error)
        }
    }

    /// The body as UTF-8 text (invalid UTF-8 → ResponseDecodingError).
    public func text() throws -> String {
        guard let text = String(data: body, encoding: .utf8) else {
            throw ResponseDecodingError(self, typeName: "String", reason: "the body is not valid UTF-8", codingPath: "")
        }
        return text
    }
}
