import Foundation

/// A value sent as a multipart/form-data request body; generated request types conform to it.
public protocol MultipartFormEncodable {
    /// The form's parts, in the order they are sent.
    func multipartParts() throws -> [MultipartPart]
}

/// Encodes ``MultipartFormEncodable`` values as multipart/form-data bodies.
///
/// ```swift
/// let encoder = MultipartFormEncoder()
/// request.setValue(encoder.contentType, forHTTPHeaderField: "Content-Type")
/// let body = try encoder.encode(form)
/// ```
public struct MultipartFormEncoder: Hashable, Sendable {
    /// The writer that lays out the bytes.
    public let writer: MultipartFormWriter

    /// An encoder with a fresh random boundary.
    public init() {
        writer = MultipartFormWriter()
    }

    /// An encoder with a chosen boundary (for reproducible output), or a random one if `nil`.
    ///
    /// - Throws: ``MultipartError/invalidBoundary(_:)`` for a boundary RFC 2046 does not allow.
    public init(boundary: String?) throws {
        writer = try boundary.map(MultipartFormWriter.init(boundary:)) ?? MultipartFormWriter()
    }

    /// The boundary between parts.
    public var boundary: String { writer.boundary }

    /// The request's Content-Type: `multipart/form-data; boundary=…`.
    public var contentType: String { writer.contentType }

    /// The encoded body of `value`, in memory.
    public func encode(_ value: some MultipartFormEncodable) throws -> Data {
        try writer.encode(value.multipartParts())
    }

    /// Streams the encoded body of `value` into the file at `fileURL`, with bounded memory.
    public func encode(_ value: some MultipartFormEncodable, to fileURL: URL) throws {
        try writer.encode(value.multipartParts(), to: fileURL)
    }

    /// The exact size of the encoded body of `value`, computed without reading any file.
    public func contentLength(of value: some MultipartFormEncodable) throws -> Int64 {
        try writer.contentLength(of: value.multipartParts())
    }
}
