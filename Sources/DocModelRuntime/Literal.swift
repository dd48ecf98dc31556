/// The value a `Literal[…]` field always has.
public protocol LiteralValue {
    associatedtype Value: Codable & Hashable & Sendable
    static var value: Value { get }
}

/// A constant field (the docs' `Literal["x"]`, `Literal[True]`, `Literal[3]`): always encoded,
/// and decoding fails unless the JSON holds exactly the constant.
public struct Literal<Constant: LiteralValue>: Codable, Hashable, Sendable {
    public init() {}

    /// The constant.
    public var value: Constant.Value { Constant.value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let found = try container.decode(Constant.Value.self)
        guard found == Constant.value else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected the constant \(Constant.value), found \(found)")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Constant.value)
    }
}
