/// A JSON object key by its wire name: the one coding key type of every generated model's
/// `init(from:)` and `encode(to:)`.
///
/// Generated models code their fields with `forKey: "wire_name"` instead of a nested
/// `CodingKeys` enum per model: each such enum costs the compiler some forty functions (its
/// `RawRepresentable`, `CodingKey`, `Hashable` and description witnesses), a third of a
/// model's compiled code, for keys that are plain strings on the wire.
public struct WireKey: CodingKey, ExpressibleByStringLiteral, Hashable, Sendable {
    public var stringValue: String
    public var intValue: Int? { nil }

    public init(_ stringValue: String) { self.stringValue = stringValue }
    public init(stringLiteral value: String) { stringValue = value }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public init?(intValue: Int) { nil }
}
