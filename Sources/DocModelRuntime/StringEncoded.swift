import Foundation

/// A number the API sends as a JSON string: an OpenAPI `type: string` with a numeric `format`
/// (`int64`, `bigint`, `double`), which the docs show as `int` or `float`. The Python SDKs write
/// such a field with `serialize_int(True)` / `serialize_float(True)` (`str(value)`) and read a
/// string or a number (`validate_int`, `validate_float`), and so does this type.
public struct StringEncoded<Value: PythonFormValueConvertible & LosslessStringConvertible & Codable & Hashable & Sendable>:
    Codable, Hashable, Sendable, PythonFormValueConvertible
{
    public var value: Value

    public init(_ value: Value) {
        self.value = value
    }

    /// `str(value)`, as the SDK writes it.
    public var pythonFormValue: String { value.pythonFormValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let parsed = Value(text.trimmingCharacters(in: .whitespaces)) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not a \(Value.self)")
            }
            value = parsed
        } else {
            value = try container.decode(Value.self)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value.pythonFormValue)
    }
}
