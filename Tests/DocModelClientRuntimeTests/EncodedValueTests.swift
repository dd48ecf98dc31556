import DocModelRuntime
import Foundation
import Testing
@testable import DocModelClientRuntime

/// The order-keeping encoder behind parameters and JSON bodies.
@Suite struct EncodedValueTests {
    /// A synthesized Codable: keys in declaration order, nil optionals left out (encodeIfPresent).
    struct Synthesized: Encodable {
        var b = 1
        var a = "x"
        var c: Int? = nil
        var d = [1]
        var kind = Kind.open
        enum Kind: String, Encodable { case open }
    }

    @Test("declaration order survives (JSONEncoder on Linux writes hash order)")
    func declarationOrder() throws {
        #expect(try ValueEncoder.encode(Synthesized()) == .object([
            .init(key: "b", value: .number("1")), .init(key: "a", value: .string("x")),
            .init(key: "d", value: .array([.number("1")])), .init(key: "kind", value: .string("open")),
        ]))
        #expect(String(decoding: try JSONBody.encode(Synthesized(), sortedKeys: false), as: UTF8.self)
            == #"{"b":1,"a":"x","d":[1],"kind":"open"}"#)
    }

    @Test("numbers as Python writes them: repr(float), decimal integers; nan and inf as pydantic's null")
    func numbers() throws {
        let value = OrderedObject([("one", 1.0), ("tiny", 1e-05), ("big", 1e16), ("int", 42), ("neg", -0.0)])
        #expect(String(decoding: try JSONBody.encode(value, sortedKeys: false), as: UTF8.self)
            == #"{"one":1.0,"tiny":1e-05,"big":1e+16,"int":42,"neg":-0.0}"#)
        #expect(try ValueEncoder.encode(UInt64.max) == .number("18446744073709551615"))
        #expect(try ValueEncoder.encode(Int8(-5)) == .number("-5"))
        #expect(try ValueEncoder.encode(Float(0.1)) == .number("0.1"))
        #expect(try ValueEncoder.encode(Decimal(string: "12.5")!) == .number("12.5"))
        #expect(String(decoding: try JSONBody.encode([Double.nan, .infinity], sortedKeys: false), as: UTF8.self) == "[null,null]")
    }

    @Test("Foundation types: DateTime and Date as text, URL absolute, Data base64")
    func foundationTypes() throws {
        #expect(try ValueEncoder.encode(DateTime(rawValue: "2024-01-02T03:04:05Z")!) == .string("2024-01-02T03:04:05Z"))
        #expect(try ValueEncoder.encode(Date(timeIntervalSince1970: 0)) == .string("1970-01-01T00:00:00Z"))
        #expect(try ValueEncoder.encode(URL(string: "https://x.io/a")!) == .string("https://x.io/a"))
        #expect(try ValueEncoder.encode(Data([1, 2])) == .string("AQI="))
    }

    /// Writes a key twice and uses nested and super encoders.
    struct Tricky: Encodable {
        enum Keys: String, CodingKey { case first, nested, list, again }
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(1, forKey: .first)
            var nested = container.nestedContainer(keyedBy: Keys.self, forKey: .nested)
            try nested.encodeNil(forKey: .first)
            var list = container.nestedUnkeyedContainer(forKey: .list)
            try list.encode("a")
            try list.encodeNil()
            var inner = list.nestedUnkeyedContainer()
            try inner.encode(true)
            try container.encode(2, forKey: .first)  // replaces the value, keeps the place
            try "s".encode(to: container.superEncoder(forKey: .again))
        }
    }

    @Test("nested containers, a key encoded twice keeps its first place, super encoders")
    func containers() throws {
        #expect(String(decoding: try JSONBody.encode(Tricky(), sortedKeys: false), as: UTF8.self)
            == #"{"first":2,"nested":{"first":null},"list":["a",null,[true]],"again":"s"}"#)
    }

    @Test("OptionalNullable: absent and null both encode as null (left out of parameters)")
    func optionalNullable() throws {
        #expect(try ValueEncoder.encode(OptionalNullable<String>.null) == .null)
        #expect(try ValueEncoder.encode(OptionalNullable<String>.value("v")) == .string("v"))
    }
}
