import DocModelRuntime
import Foundation
import Testing

/// Numbers sent as JSON strings, as the SDK's `serialize_int(True)` / `serialize_float(True)` do.
@Suite struct StringEncodedTests {
    @Test func writesTextAndReadsTextOrNumber() throws {
        let encoder = JSONEncoder()
        #expect(String(decoding: try encoder.encode([StringEncoded<Int64>(9_007_199_254_740_993)]), as: UTF8.self) == #"["9007199254740993"]"#)
        #expect(String(decoding: try encoder.encode([StringEncoded<Double>(0.1)]), as: UTF8.self) == #"["0.1"]"#)
        #expect(String(decoding: try encoder.encode([StringEncoded<Double>(1e22)]), as: UTF8.self) == #"["1e+22"]"#)
        let decoder = JSONDecoder()
        #expect(try decoder.decode([StringEncoded<Int64>].self, from: Data(#"["12", 13]"#.utf8)).map(\.value) == [12, 13])
        #expect(throws: DecodingError.self) { try decoder.decode([StringEncoded<Int>].self, from: Data(#"["1.5"]"#.utf8)) }
        #expect(StringEncoded<Int32>(5).pythonFormValue == "5")
    }
}
