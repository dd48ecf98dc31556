import Foundation

/// An exact decimal number (the docs' `Decimal`), kept as its digits. The Python SDKs hold a
/// `decimal.Decimal` and write it to JSON as a string (pydantic: `"1.10"`, trailing zeros kept), so
/// this type writes its text as a JSON string and reads a string or a number. It never goes
/// through `Double`, so `0.1` stays `0.1` and `1.10` stays `1.10`.
public struct DecimalString: Codable, Hashable, Sendable, CustomStringConvertible, PythonFormValueConvertible {
    /// The number as written: an optional sign, digits, an optional fraction and exponent.
    public let text: String

    /// The number `text` spells, or nil when it is not a decimal number.
    public init?(_ text: String) {
        guard Self.isDecimal(text) else { return nil }
        self.text = text
    }

    /// `value` as Foundation writes it (`Decimal(string: "1.10")` loses the trailing zero: pass the
    /// text to keep it).
    public init(_ value: Decimal) {
        self.text = value.description
    }

    /// The value as a Foundation `Decimal` (38 significant digits).
    public var decimal: Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? 0 }

    public var description: String { text }

    /// `str(Decimal)`: the text as written.
    public var pythonFormValue: String { text }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let string = try? container.decode(String.self) {
            guard Self.isDecimal(string) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(string)' is not a decimal number")
            }
            text = string
        } else {
            // A JSON number: Foundation's `Decimal` reads it without a detour through `Double`
            // for up to 38 digits.
            text = try container.decode(Decimal.self).description
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(text)
    }

    /// `-12.50`, `3`, `1e-7`, `.5`: what Python's `Decimal(str)` accepts for a finite number.
    private static func isDecimal(_ text: String) -> Bool {
        var bytes = Substring(text).utf8[...]
        if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
        let isDigit: (UInt8) -> Bool = { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
        let integer = bytes.prefix(while: isDigit)
        bytes = bytes.dropFirst(integer.count)
        var fractionDigits = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fractionDigits = bytes.prefix(while: isDigit).count
            bytes = bytes.dropFirst(fractionDigits)
        }
        guard !integer.isEmpty || fractionDigits > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if bytes.first == UInt8(ascii: "-") || bytes.first == UInt8(ascii: "+") { bytes = bytes.dropFirst() }
            let exponent = bytes.prefix(while: isDigit)
            guard !exponent.isEmpty else { return false }
            bytes = bytes.dropFirst(exponent.count)
        }
        return bytes.isEmpty
    }
}
