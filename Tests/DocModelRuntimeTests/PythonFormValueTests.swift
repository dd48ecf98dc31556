import Foundation
import Testing
@testable import DocModelRuntime

@Suite struct PythonFormValueTests {
    /// Produced with Python 3.11.7: for each float `v`, `(v.hex(), repr(v))` (`str(v)` is the same),
    /// so the Swift literal is the exact same double.
    static let pythonFloats: [(Double, String)] = [
        (0x1.47ae147ae147bp-6, "0.02"),
        (0x1.0000000000000p+0, "1.0"),
        (0x1.2000000000000p+9, "576.0"),
        (0x1.4f8b588e368f1p-17, "1e-05"),
        (0x1.1c37937e08000p+53, "1e+16"),
        (0x1.c6bf526340000p+49, "1000000000000000.0"),
        (0x1.a36e2eb1c432dp-14, "0.0001"),
        (0x1.0624dd2f1a9fcp-10, "0.001"),
        (0x1.9e0fcaf9380fcp-17, "1.234e-05"),
        (0x1.d6f34547df3b6p+26, "123456789.123"),
        (0x1.5555555555555p-2, "0.3333333333333333"),
        (0x1.5555555555555p-1, "0.6666666666666666"),
        (0x1.3333333333334p-2, "0.30000000000000004"),
        (0x1.999999999999ap-4, "0.1"),
        (0x1.3333333333333p-2, "0.3"),
        (0x1.0000000000000p-1, "0.5"),
        (0x0.0000000000001p-1022, "5e-324"),
        (0x1.fffffffffffffp+1023, "1.7976931348623157e+308"),
        (0x1.0000000000000p-1022, "2.2250738585072014e-308"),
        (0x0.00000000007e8p-1022, "1e-320"),
        (-0x0.0p+0, "-0.0"),
        (0x0.0p+0, "0.0"),
        (Double.infinity, "inf"),
        (-Double.infinity, "-inf"),
        (Double.nan, "nan"),
        (0x1.0f0cf064dd592p+73, "1e+22"),
        (0x1.b1ae4d6e2ef50p+69, "1e+21"),
        (0x1.aabdf2145b430p+66, "1.23e+20"),
        (0x1.1c37937e07fffp+53, "9999999999999998.0"),
        (0x1.c6bf52633ffffp+49, "999999999999999.9"),
        (0x1.9000000000000p+6, "100.0"),
        (0x1.249ad2594c37dp+332, "1e+100"),
        (0x1.421f5f40d8376p-23, "1.5e-07"),
        (0x1.56a95319d63e1p+63, "1.2345678901234567e+19"),
        (-0x1.8000000000000p+0, "-1.5"),
        (0x1.921f9f01b866ep+1, "3.14159"),
        (0x1.a36e2eb1c432dp-16, "2.5e-05"),
        (0x1.80d43de9cc603p-31, "7e-10"),
        (0x1.1666666666666p+2, "4.35"),
        (0x1.34a456d5cfaadp+10, "1234.5678"),
        (0x1.9e4093410a958p-14, "9.87654321e-05"),
        (0x1.0000000000000p+53, "9007199254740992.0"),
        (0x1.0000000000001p+53, "9007199254740994.0"),
        (0x1.0000000000000p+63, "9.223372036854776e+18"),
        (0x1.0000000000000p-30, "9.313225746154785e-10"),
        (0x1.6666666666666p-1, "0.7"),
        (0x1.e000000000000p+2, "7.5"),
        (-0x1.1126666666666p+8, "-273.15"),
        (0x1.fe185ca57c517p+78, "6.02214076e+23"),
        (0x1.7a4da290c1653p-63, "1.602176634e-19"),
        (0x1.535c28f5c28f6p+5, "42.42"),
        (0x1.01f31f46ed246p-13, "0.000123"),
        (0x1.0000000000000p+4, "16.0"),
        (0x1.3a92a30553262p-12, "0.00030000000000000003"),
        (0x1.a36e2eb1c432dp-15, "5e-05"),
        (0x1.921fb54442d18p+1, "3.141592653589793"),
        (0x1.5bf0a8b145769p+1, "2.718281828459045"),
        (-0x1.ad7f29abcaf48p-24, "-1e-07"),
        (0x1.ddd4baa009303p+999, "1e+301"),
    ]

    @Test func doublesFormatLikePythonStr() {
        #expect(Self.pythonFloats.count >= 50)
        for (value, python) in Self.pythonFloats {
            #expect(PythonFloatFormat.string(value) == python, "\(value.debugDescription)")
            #expect(value.pythonFormValue == python)
        }
    }

    /// `string` returns Swift's description when it has no exponent; that shortcut must agree with
    /// the full layout from the digits everywhere, most of all around where either notation switches.
    @Test func descriptionShortcutAgreesWithFullLayout() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = []
        for exponent in -330...330 {
            let decade = Double("1e\(exponent)")!
            values += [decade, decade.nextUp, decade.nextDown, decade * 9.999999, decade * 1.5]
            for _ in 0..<20 { values.append(decade * Double.random(in: 1..<10, using: &generator)) }
        }
        for power in 40...60 {
            let two = Double(sign: .plus, exponent: power, significand: 1)
            values += [two, two.nextUp, two.nextDown, two + 2, two - 1]
        }
        for _ in 0..<20_000 { values.append(Double(bitPattern: generator.next())) }
        for value in values where value.isFinite && value != 0 {
            #expect(PythonFloatFormat.string(value) == PythonFloatFormat.laidOut(value), "\(value.debugDescription)")
            #expect(PythonFloatFormat.string(-value) == PythonFloatFormat.laidOut(-value), "\(value.debugDescription)")
        }
    }

    @Test func negativeNaNIsStillNan() {
        #expect(PythonFloatFormat.string(-Double.nan) == "nan")
        #expect(PythonFloatFormat.string(Double.signalingNaN) == "nan")
    }

    /// The SDK sends `str(val).lower()` for bools (`livepeer_ai/utils/values.py`, `_val_to_string`).
    @Test func boolsAreLowercase() {
        #expect(true.pythonFormValue == "true")
        #expect(false.pythonFormValue == "false")
    }

    @Test func integersAreDecimal() {
        #expect(576.pythonFormValue == "576")
        #expect((-42).pythonFormValue == "-42")
        #expect(Int64.max.pythonFormValue == "9223372036854775807")
        #expect(Int32.min.pythonFormValue == "-2147483648")
        #expect(Int64.min.pythonFormValue == "-9223372036854775808")
        #expect(0.pythonFormValue == "0")
        #expect((-1).pythonFormValue == "-1")
        var generator = SystemRandomNumberGenerator()
        #expect(Int.max.pythonFormValue == String(Int.max))
        for digits in 1...18 {
            for _ in 0..<50 {
                let value = Int.random(in: 0...(Int(pow(10, Double(digits))) - 1), using: &generator)
                #expect(value.pythonFormValue == String(value))
                #expect((-value).pythonFormValue == String(-value))
                #expect(Int32(truncatingIfNeeded: value).pythonFormValue == String(Int32(truncatingIfNeeded: value)))
            }
        }
        #expect("as is".pythonFormValue == "as is")
    }

    @Test func fieldPartsCarryTheFormattedValue() {
        #expect(MultipartPart.field(name: "s", value: 0.02).body == .bytes(Data("0.02".utf8)))
        #expect(MultipartPart.field(name: "s", value: 1.0).body == .bytes(Data("1.0".utf8)))
        #expect(MultipartPart.field(name: "b", value: false).body == .bytes(Data("false".utf8)))
        #expect(MultipartPart.field(name: "b", value: false).contentType == nil)
    }

    /// Text fields keep their string; they still read, compare and hash as `.bytes` of its UTF-8.
    @Test func textPartsEqualTheirBytes() {
        let text = MultipartPart.text(name: "t", value: "café")
        let bytes = MultipartPart(name: "t", body: .bytes(Data("café".utf8)))
        #expect(text == bytes)
        #expect(text.hashValue == bytes.hashValue)
        #expect(text != MultipartPart.text(name: "t", value: "cafe\u{301}"))  // the same text, other bytes
        var changed = text
        changed.body = .bytes(Data("x".utf8))
        #expect(changed == MultipartPart.text(name: "t", value: "x"))
    }
}
