import Foundation
import Testing

/// Encode → decode → encode helpers: the value survives, and so do the bytes.
enum JSONRoundTrip {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    /// `value` → JSON → value is the identity, and re-encoding gives the same JSON.
    static func check<T: Codable & Equatable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let first = try json(value)
        let decoded = try decode(T.self, first)
        #expect(decoded == value, "\(first)", sourceLocation: sourceLocation)
        #expect(try json(decoded) == first, sourceLocation: sourceLocation)
    }

    /// JSON → value → JSON gives the same (key-sorted) JSON.
    static func checkJSON<T: Codable>(_ type: T.Type, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let value = try decode(type, text)
        #expect(try json(value) == text, sourceLocation: sourceLocation)
    }
}
