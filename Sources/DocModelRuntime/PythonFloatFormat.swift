import Foundation

/// Python's `str(float)` / `repr(float)` for a `Double`.
public enum PythonFloatFormat {
    /// The text Python prints for `value`: `0.02`, `1.0`, `576.0`, `1e-05`, `1e+16`, `-0.0`, `inf`,
    /// `-inf`, `nan`.
    ///
    /// The rules of CPython's `float_repr` (`format_float_short` with `'r'`): the shortest digits
    /// that round-trip (Swift's `description` computes the same shortest, closest digits);
    /// with the value written as `0.DIGITS × 10^p`, positional notation when `-4 < p <= 16`,
    /// with a trailing `.0` for integral values; otherwise `D[.DDD]e±XX` with at least two exponent
    /// digits.
    public static func string(_ value: Double) -> String {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        // Swift writes the same shortest digits, and positionally only from 1e-4 to about 2^53,
        // inside Python's positional range (1e-4 ≤ |value| < 1e16), so a description without an
        // exponent is already Python's text; it needs no further allocation. Tests compare the two.
        let description = value.description
        if !description.utf8.contains(UInt8(ascii: "e")) { return description }
        return laidOut(value)
    }

    /// ``string(_:)`` for a finite value, laid out from its digits without the shortcut.
    static func laidOut(_ value: Double) -> String {
        let sign = value.sign == .minus ? "-" : ""
        if value == 0 { return sign + "0.0" }
        let (digits, pointPosition) = shortestDigits(of: value.magnitude)
        return sign + format(digits: digits, pointPosition: pointPosition)
    }

    /// The significant digits of a positive finite `value` (no leading or trailing zeros) and the
    /// position `p` of the decimal point, so that the value is `0.DIGITS × 10^p`.
    static func shortestDigits(of value: Double) -> (digits: [UInt8], pointPosition: Int) {
        // Swift prints the shortest round-trip digits as "123.45", "0.0001" or "1.2345e-05".
        let text = value.description
        let mantissa: Substring
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            exponent = Int(text[text.index(after: e)...]) ?? 0
        } else {
            mantissa = Substring(text)
        }
        var digits: [UInt8] = []
        var integerDigitCount = 0
        var seenPoint = false
        for character in mantissa.utf8 {
            if character == UInt8(ascii: ".") {
                seenPoint = true
            } else {
                digits.append(character - UInt8(ascii: "0"))
                if !seenPoint { integerDigitCount += 1 }
            }
        }
        var pointPosition = integerDigitCount + exponent
        while digits.first == 0 {
            digits.removeFirst()
            pointPosition -= 1
        }
        while digits.last == 0 { digits.removeLast() }
        return (digits, pointPosition)
    }

    /// Lays out `0.DIGITS × 10^pointPosition` as Python's repr does.
    static func format(digits: [UInt8], pointPosition: Int) -> String {
        let text = String(decoding: digits.map { $0 + UInt8(ascii: "0") }, as: UTF8.self)
        if pointPosition > -4 && pointPosition <= 16 {
            if pointPosition <= 0 {
                return "0." + String(repeating: "0", count: -pointPosition) + text
            }
            if pointPosition >= digits.count {
                return text + String(repeating: "0", count: pointPosition - digits.count) + ".0"
            }
            let split = text.index(text.startIndex, offsetBy: pointPosition)
            return text[..<split] + "." + text[split...]
        }
        let exponent = pointPosition - 1
        let exponentDigits = String(abs(exponent))
        let paddedExponent = (exponentDigits.count < 2 ? "0" : "") + exponentDigits
        let fraction = digits.count > 1 ? "." + text.dropFirst() : ""
        return String(text.prefix(1)) + fraction + "e" + (exponent < 0 ? "-" : "+") + paddedExponent
    }
}
