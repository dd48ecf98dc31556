import Foundation

/// JSON request bodies as the SDKs' `marshal_json` writes them (SDK-FACTS i.5):
/// `json.dumps(model_dump(mode="json"), separators=(",", ":"))` with `ensure_ascii` on, keys in
/// model order, or sorted (livepeer and airbyte: `sort_keys=True`).
///
/// Written here rather than by JSONEncoder, which on Linux loses the key order (see
/// ``EncodedValue``) and writes `1.0` as `1` where Python writes `1.0`.
enum JSONBody {
    static func encode<T: Encodable>(_ value: T, sortedKeys: Bool) throws -> Data {
        var output: [UInt8] = []
        write(try ValueEncoder.encode(value), sortedKeys: sortedKeys, to: &output)
        return Data(output)
    }

    static func write(_ value: EncodedValue, sortedKeys: Bool, to output: inout [UInt8]) {
        switch value {
        case .null:
            output.append(contentsOf: "null".utf8)
        case .bool(let flag):
            output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .number(let text):
            // pydantic's `mode="json"` turns nan and ±inf into null (`ser_json_inf_nan="null"`).
            output.append(contentsOf: (["nan", "inf", "-inf"].contains(text) ? "null" : text).utf8)
        case .string(let text):
            writeString(text, to: &output)
        case .array(let items):
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(item, sortedKeys: sortedKeys, to: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(var members):
            // Python compares str by code point, which is the UTF-8 byte order.
            if sortedKeys { members.sort { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) } }
            output.append(UInt8(ascii: "{"))
            for (index, member) in members.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(member.key, to: &output)
                output.append(UInt8(ascii: ":"))
                write(member.value, sortedKeys: sortedKeys, to: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    /// `json.encoder.py_encode_basestring_ascii`: `"` and `\` escaped, `\n \r \t \b \f` by name,
    /// every other character outside space…`~` as `\uxxxx` (lower-case hex; UTF-16 surrogate pairs
    /// beyond the BMP). `/` is not escaped.
    static func writeString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append(contentsOf: #"\""#.utf8)
            case "\\": output.append(contentsOf: #"\\"#.utf8)
            case "\n": output.append(contentsOf: #"\n"#.utf8)
            case "\r": output.append(contentsOf: #"\r"#.utf8)
            case "\t": output.append(contentsOf: #"\t"#.utf8)
            case "\u{08}": output.append(contentsOf: #"\b"#.utf8)
            case "\u{0C}": output.append(contentsOf: #"\f"#.utf8)
            case " "..."~": output.append(UInt8(scalar.value))
            default: for unit in String(scalar).utf16 { appendEscape(unit, to: &output) }
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func appendEscape(_ unit: UInt16, to output: inout [UInt8]) {
        output.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) {
            output.append(hexDigits[Int((unit >> UInt16(shift)) & 0x0F)])
        }
    }
}
