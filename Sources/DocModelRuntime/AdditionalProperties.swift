/// The additional properties of an object (pydantic's `__pydantic_extra__`, the spec's
/// `additionalProperties`): every key its declared fields do not name, read from and written to
/// the object's own top level, as the Python SDK does (`model_config = ConfigDict(extra="allow")`).
public enum AdditionalProperties {
    /// Every key of the object at `decoder` that is not in `known`, with its value.
    public static func decode<Value: Decodable>(from decoder: any Decoder, excluding known: Set<String>) throws -> [String: Value] {
        let container = try decoder.container(keyedBy: WireKey.self)
        var values: [String: Value] = [:]
        for key in container.allKeys where !known.contains(key.stringValue) {
            values[key.stringValue] = try container.decode(Value.self, forKey: key)
        }
        return values
    }

    /// Writes `values` into the object at `encoder`, beside its declared fields, in key order; a key
    /// that a field names is the field's, and is not written again.
    public static func encode<Value: Encodable>(_ values: [String: Value], to encoder: any Encoder, excluding known: Set<String>) throws {
        var container = encoder.container(keyedBy: WireKey.self)
        // Sorted: a dictionary's order differs from run to run, and the bytes should not.
        for (key, value) in values.sorted(by: { $0.key < $1.key }) where !known.contains(key) {
            try container.encode(value, forKey: WireKey(key))
        }
    }
}
