import Foundation

/// Raw bytes (the docs' `bytes` outside a file model). The Python SDKs' pydantic models write
/// `bytes` to JSON as UTF-8 text, so this type does too, and reads any JSON string as its UTF-8
/// bytes. Bytes that are not UTF-8 cannot be written (the SDK fails the same way).
public struct ByteString: Codable, Hashable, Sendable {
    public var data: Data

    public init(_ data: Data) {
        self.data = data
    }

    /// The UTF-8 bytes of `text`.
    public init(_ text: String) {
        self.data = Data(text.utf8)
    }

    public init(from decoder: any Decoder) throws {
        data = Data(try decoder.singleValueContainer().decode(String.self).utf8)
    }

    public func encode(to encoder: any Encoder) throws {
        guard let text = String(data: data, encoding: .utf8) else {
            throw EncodingError.invalidValue(data, EncodingError.Context(
                codingPath: encoder.codingPath, debugDescription: "bytes that are not UTF-8 cannot be written as JSON text"))
        }
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }
}
