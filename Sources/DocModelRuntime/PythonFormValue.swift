import Foundation

/// A value sent as a multipart form field, spelled the way the Python SDK spells it.
///
/// The SDK (`livepeer_ai/utils/values.py`, `_val_to_string`) sends `str(val).lower()` for a
/// `bool` (`true`/`false`) and `str(val)` for everything else, so numbers follow Python's `str`.
public protocol PythonFormValueConvertible {
    /// The form field text.
    var pythonFormValue: String { get }
}

extension String: PythonFormValueConvertible {
    /// The string itself.
    public var pythonFormValue: String { self }
}

extension Bool: PythonFormValueConvertible {
    /// `true` or `false`, as the SDK sends booleans (`str(val).lower()`), not Python's `True`.
    public var pythonFormValue: String { self ? "true" : "false" }
}

extension Int: PythonFormValueConvertible {
    /// The decimal digits, as Python's `str(int)`.
    public var pythonFormValue: String { PythonInteger.decimal(Int64(self)) }
}

extension Int64: PythonFormValueConvertible {
    /// The decimal digits, as Python's `str(int)`.
    public var pythonFormValue: String { PythonInteger.decimal(Int64(self)) }
}

extension Int32: PythonFormValueConvertible {
    /// The decimal digits, as Python's `str(int)`.
    public var pythonFormValue: String { PythonInteger.decimal(Int64(self)) }
}

extension Double: PythonFormValueConvertible {
    /// The value as Python's `str(float)` prints it (see ``PythonFloatFormat/string(_:)``).
    public var pythonFormValue: String { PythonFloatFormat.string(self) }
}

/// Python's `str(int)`.
enum PythonInteger {
    /// The decimal digits of `value`, laid out on the stack: a result of up to 15 characters is a
    /// small string, so formatting allocates nothing (and costs a fraction of `String(value)`).
    static func decimal(_ value: Int64) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in  // "-9223372036854775808"
            var magnitude = value.magnitude
            var start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: magnitude % 10)
                magnitude /= 10
            } while magnitude > 0
            if value < 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[start...]), as: UTF8.self)
        }
    }
}
