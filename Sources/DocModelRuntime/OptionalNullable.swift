/// A field that may be absent, present as `null`, or present with a value: the docs'
/// `OptionalNullable[X]`. Swift's `Optional` has only two states; this keeps all three across
/// encode → decode. Absent fields are left out of the JSON, `null` is written as `null`.
public enum OptionalNullable<Wrapped> {
    /// The key is not in the JSON object.
    case absent
    /// The key is present with the value `null`.
    case null
    /// The key is present with a value.
    indirect case value(Wrapped)

    /// The value, or nil when absent or null.
    public var wrappedValue: Wrapped? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// Whether the field is absent.
    public var isAbsent: Bool {
        if case .absent = self { return true }
        return false
    }
}

extension OptionalNullable: Sendable where Wrapped: Sendable {}
extension OptionalNullable: Equatable where Wrapped: Equatable {}
extension OptionalNullable: Hashable where Wrapped: Hashable {}

// Decodable and Encodable are declared separately (not as Codable) so the container overloads
// below are strictly more specific than the standard ones and the compiler's synthesized
// `Codable` picks them.
extension OptionalNullable: Decodable where Wrapped: Decodable {
    /// Decodes `null` or a value; absence is handled by the keyed container overload.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        self = container.decodeNil() ? .null : .value(try container.decode(Wrapped.self))
    }
}

extension OptionalNullable: Encodable where Wrapped: Encodable {
    /// Encodes `null` or the value (an absent value on its own is written as `null`).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .absent, .null: try container.encodeNil()
        case .value(let value): try container.encode(value)
        }
    }
}

extension KeyedDecodingContainer {
    /// A missing key decodes as `.absent`, `null` as `.null`.
    public func decode<Wrapped: Decodable>(
        _ type: OptionalNullable<Wrapped>.Type, forKey key: Key
    ) throws -> OptionalNullable<Wrapped> {
        guard contains(key) else { return .absent }
        return try decodeNil(forKey: key) ? .null : .value(decode(Wrapped.self, forKey: key))
    }
}

extension KeyedEncodingContainer {
    /// `.absent` writes nothing, `.null` writes `null`.
    public mutating func encode<Wrapped: Encodable>(_ value: OptionalNullable<Wrapped>, forKey key: Key) throws {
        switch value {
        case .absent: return
        case .null: try encodeNil(forKey: key)
        case .value(let wrapped): try encode(wrapped, forKey: key)
        }
    }
}
