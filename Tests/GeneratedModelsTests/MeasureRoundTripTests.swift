import DocModelRuntime
import Foundation
import GrammarFixtureModels
import Testing

/// The type shapes of `Specs/grammar/docs/models/components/measure.md`: bytes, exact decimals,
/// `Literal[None]` and inline unions, written as the Python SDK writes them.
@Suite struct MeasureRoundTripTests {
    static let full = #"{"amount":"1.10","checksum":"abc","count":"2.50","grid":[[1,10],[]],"maybe_nothing":null,"nothing":null,"part":"red","raw":"héllo","spares":{"a":null,"b":2},"tax":null,"value":1.5,"when":1700000000}"#

    @Test func everyShapeRoundTripsByteForByte() throws {
        try JSONRoundTrip.checkJSON(Measure.self, Self.full)
        let measure = try JSONRoundTrip.decode(Measure.self, Self.full)
        #expect(measure.amount.text == "1.10")
        #expect(measure.raw.data == Data("héllo".utf8))
        #expect(measure.value == .third(1.5))
        #expect(measure.when == .second(1_700_000_000))
        #expect(measure.count == .second(DecimalString("2.50")!))
        #expect(measure.part == .second(.red))
        #expect(measure.tax == .null)
        #expect(measure.maybeNothing == .null)
    }

    @Test func inlineUnionsPickTheMemberThatKeepsTheValue() throws {
        let cases: [(String, OneOf4<String, Int, Double, Bool>)] = [
            (#""x""#, .first("x")), ("3", .second(3)), ("3.25", .third(3.25)), ("true", .fourth(true)),
        ]
        for (json, expected) in cases {
            #expect(try JSONRoundTrip.decode(OneOf4<String, Int, Double, Bool>.self, json) == expected, "\(json)")
            #expect(try JSONRoundTrip.json(expected) == json)
        }
        // A number is an Int before it is a decimal; a string is only a decimal.
        #expect(try JSONRoundTrip.decode(OneOf2<Int, DecimalString>.self, "7") == .first(7))
        #expect(try JSONRoundTrip.decode(OneOf2<Int, DecimalString>.self, #""7.0""#) == .second(DecimalString("7.0")!))
        #expect(throws: DecodingError.self) { try JSONRoundTrip.decode(OneOf2<Int, Bool>.self, #""no""#) }
    }

    @Test func decimalsKeepTheirDigits() throws {
        for text in ["1.10", "-0.000001", "12345678901234567890.123456789", "1E+3", ".5"] {
            let value = try #require(DecimalString(text))
            #expect(try JSONRoundTrip.json(value) == "\"\(text)\"")
            #expect(value.pythonFormValue == text)
        }
        #expect(DecimalString("1.2.3") == nil)
        #expect(DecimalString("abc") == nil)
        #expect(DecimalString("") == nil)
        // A JSON number is read without going through Double.
        #expect(try JSONRoundTrip.decode(DecimalString.self, "0.1").text == "0.1")
        #expect(throws: DecodingError.self) { try JSONRoundTrip.decode(DecimalString.self, #""ten""#) }
    }

    @Test func nullAndBytes() throws {
        #expect(try JSONRoundTrip.json([JSONNull()]) == "[null]")
        #expect(throws: DecodingError.self) { try JSONRoundTrip.decode(JSONNull.self, "0") }
        #expect(try JSONRoundTrip.json(ByteString("ok")) == #""ok""#)
        #expect(throws: EncodingError.self) { try JSONRoundTrip.json(ByteString(Data([0xff]))) }
    }

    @Test func deprecatedTypesStillDecode() throws {
        let json = #"{"amount":"1","grid":[],"level":9,"mode":"slow","nothing":null,"outline":"o","raw":"","record":{"id":"r"},"value":"v"}"#
        try JSONRoundTrip.checkJSON(Measure.self, json)
    }
}
